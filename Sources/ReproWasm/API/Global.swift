/// A global of a store: one value, mutable or not.
///
///     let limit = instance.global(named: "limit")!
///     print(limit.value)              // i32:10
///     try limit.set(.i32(20))         // throws AccessError.immutableGlobal if it is immutable
public struct Global {
    /// The store that owns the global.
    public let store: Store
    let handle: UnsafeMutablePointer<UInt64>
    /// The global's type.
    public let type: GlobalType

    init(store: Store, handle: UnsafeMutablePointer<UInt64>, type: GlobalType) {
        self.store = store
        self.handle = handle
        self.type = type
    }

    /// Creates a global owned by `store`, to give to modules as an import.
    ///
    /// - Precondition: `value` has the type `type.valueType` and, for a function reference, belongs
    ///   to `store` (a programming error otherwise, like an out-of-range array index).
    public init(store: Store, type: GlobalType, value: Value) {
        precondition(value.matches(type.valueType), "the initial value must have the global's type")
        precondition(store.runtime.accepts(value), "the initial value must belong to the global's store")
        precondition(store.runtime.conforms(value, to: type.valueType), "the initial value must have the global's type")
        self.store = store
        self.type = type
        var words: (UInt64, UInt64) = (0, 0)
        withUnsafeMutableBytes(of: &words) { value.store(to: $0.baseAddress!.assumingMemoryBound(to: UInt64.self)) }
        handle = store.runtime.allocateGlobal(words)
    }

    /// Whether this is the store's instruction counter (read and written live).
    var isInstructionCounter: Bool { handle == store.runtime.counterCell }

    /// The current value. For the instruction counter global, the store's live count.
    public var value: Value {
        if isInstructionCounter { return .i64(store.runtime.counter) }
        return Value.load(type.valueType, from: handle, store: store.runtime.identity)
    }

    /// Sets the value. Setting the instruction counter global sets `Store.instructionCount` (and
    /// keeps the remaining fuel, as that does).
    ///
    /// - Throws: `AccessError.immutableGlobal` if the global is immutable, `.typeMismatch` if
    ///   `newValue` has another type, `.foreignStore` for a function or exception
    ///   reference of another store. Nothing changes then.
    public func set(_ newValue: Value) throws(AccessError) {
        guard type.isMutable else { throw .immutableGlobal }
        guard store.runtime.conforms(newValue, to: type.valueType) else {
            throw .typeMismatch(expected: [type.valueType], actual: [newValue.type])
        }
        guard store.runtime.accepts(newValue) else { throw .foreignStore }
        if isInstructionCounter, case .i64(let count) = newValue {
            store.runtime.setCounter(count)
            return
        }
        newValue.store(to: handle)
    }
}
