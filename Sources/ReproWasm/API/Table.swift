/// A table of references of a store (`funcref` or `externref` elements).
///
///     let table = instance.table(named: "table")!
///     try table.setElement(.funcRef(callback.reference), at: 0)
///     if case .funcRef(let reference?) = try table.element(at: 0) {
///         try Function(reference, in: store)?.call([])
///     }
public struct Table {
    /// The store that owns the table.
    public let store: Store
    let handle: UnsafeMutablePointer<TableStorage>

    init(store: Store, handle: UnsafeMutablePointer<TableStorage>) {
        self.store = store
        self.handle = handle
    }

    /// Creates a table owned by `store`, filled with null references, to give to modules as an import.
    ///
    /// - Returns: `nil` if the minimum size exceeds the store's `maxTableElements`, or if the host
    ///   cannot allocate it.
    public init?(store: Store, type: TableType) {
        guard let handle = try? store.runtime.allocateTable(type) else { return nil }
        self.store = store
        self.handle = handle
    }

    /// The table's type now: the current size as the minimum, and the maximum it may grow to.
    public var type: TableType {
        if case .table(let type) = store.runtime.externType(of: .table(handle)) { return type }
        return TableType(elementType: elementType, limits: Limits(min: UInt64(count)))
    }

    /// The number of elements.
    public var count: Int { handle.pointee.count }

    /// The element type (`funcref` or `externref`).
    public var elementType: ValueType { handle.pointee.elementType }

    /// The element at `index` (`.funcRef(nil)` or `.externRef(nil)` when null).
    ///
    /// - Throws: `AccessError.tableOutOfBounds` if `index` is outside the table.
    public func element(at index: Int) throws(AccessError) -> Value {
        guard index >= 0, index < count else { throw .tableOutOfBounds(index: index, count: count) }
        return Value.load(elementType, from: handle.pointee.elements + index, store: store.runtime.identity)
    }

    /// Replaces the element at `index`.
    ///
    /// - Throws: `AccessError.tableOutOfBounds` if `index` is outside the table,
    ///   `.typeMismatch` if `value` is not of the element type, `.foreignStore` if it refers to a
    ///   function or exception of another store. Nothing changes then.
    public func setElement(_ value: Value, at index: Int) throws(AccessError) {
        guard index >= 0, index < count else { throw .tableOutOfBounds(index: index, count: count) }
        try check(value)
        value.store(to: handle.pointee.elements + index)
    }

    /// Grows the table by `count` elements set to `value` (null by default), as `table.grow` does.
    ///
    /// - Returns: The old size, or `nil` if the maximum (the module's or the store's) would be exceeded.
    /// - Throws: `.typeMismatch` or `.foreignStore` as `setElement` does; `.hostResourceExhausted` if
    ///   the maximum allows the new size but the host cannot allocate it (the table is unchanged).
    @discardableResult
    public func grow(by count: Int, filling value: Value? = nil) throws(AccessError) -> Int? {
        let value = value ?? .zero(elementType)
        try check(value)
        guard count >= 0, count <= Int(UInt32.max) else { return nil }
        var word: UInt64 = 0
        value.store(to: &word)
        do {
            let old = try store.runtime.grow(handle, by: UInt32(count), initial: word)
            return old < 0 ? nil : Int(old)
        } catch {
            throw .hostResourceExhausted(byteCount: Memory.byteCount(of: error))
        }
    }

    private func check(_ value: Value) throws(AccessError) {
        guard store.runtime.conforms(value, to: elementType) else {
            throw .typeMismatch(expected: [elementType], actual: [value.type])
        }
        guard store.runtime.accepts(value) else { throw .foreignStore }
    }
}
