/// A linear memory of a store.
public struct Memory {
    /// The store that owns the memory.
    public let store: Store
    let handle: UnsafeMutablePointer<MemoryStorage>

    init(store: Store, handle: UnsafeMutablePointer<MemoryStorage>) {
        self.store = store
        self.handle = handle
    }

    /// Creates a memory owned by `store` (for imports).
    /// - Returns: `nil` if the minimum size exceeds the store's limit.
    public init?(store: Store, type: MemoryType) {
        guard let handle = store.runtime.allocateMemory(type) else { return nil }
        self.store = store
        self.handle = handle
    }

    /// The current size in 64 KiB pages.
    public var pageCount: Int { handle.pointee.pageCount }

    /// The current size in bytes.
    public var byteCount: Int { handle.pointee.byteCount }

    /// Grows the memory by `pages`; returns the old size in pages, or `nil` if the maximum (the
    /// module's or the store's) would be exceeded.
    public func grow(by pages: Int) -> Int? {
        guard pages >= 0, pages <= Int(UInt32.max) else { return nil }
        let old = StoreRuntime.grow(handle, by: UInt32(pages))
        return old < 0 ? nil : Int(old)
    }

    /// Copies `count` bytes from `offset`.
    /// - Throws: `TrapCode.outOfBoundsMemoryAccess` if the range is outside the memory.
    public func read(offset: Int, count: Int) throws(TrapCode) -> [UInt8] {
        guard offset >= 0, count >= 0, offset <= byteCount - count else { throw .outOfBoundsMemoryAccess }
        return Array(UnsafeRawBufferPointer(start: handle.pointee.base + offset, count: count))
    }

    /// Writes `bytes` at `offset`.
    /// - Throws: `TrapCode.outOfBoundsMemoryAccess` if the range is outside the memory.
    public func write(_ bytes: [UInt8], at offset: Int) throws(TrapCode) {
        guard offset >= 0, offset <= byteCount - bytes.count else { throw .outOfBoundsMemoryAccess }
        bytes.withUnsafeBytes { (handle.pointee.base + offset).copyMemory(from: $0.baseAddress!, byteCount: $0.count) }
    }

    /// Runs `body` with the memory's bytes. The buffer is valid only inside `body`, and only until
    /// the memory grows.
    public func withUnsafeMutableBytes<R>(_ body: (UnsafeMutableRawBufferPointer) throws -> R) rethrows -> R {
        try body(UnsafeMutableRawBufferPointer(start: handle.pointee.base, count: handle.pointee.byteCount))
    }
}

/// A table of references of a store.
public struct Table {
    /// The store that owns the table.
    public let store: Store
    let handle: UnsafeMutablePointer<TableStorage>

    init(store: Store, handle: UnsafeMutablePointer<TableStorage>) {
        self.store = store
        self.handle = handle
    }

    /// Creates a table owned by `store` (for imports), filled with null references.
    /// - Returns: `nil` if the minimum size exceeds the store's limit.
    public init?(store: Store, type: TableType) {
        guard let handle = store.runtime.allocateTable(type) else { return nil }
        self.store = store
        self.handle = handle
    }

    /// The number of elements.
    public var count: Int { handle.pointee.count }

    /// The element type (`funcref` or `externref`).
    public var elementType: ValueType { handle.pointee.elementType }

    /// The element at `index`.
    /// - Throws: `TrapCode.outOfBoundsTableAccess` if `index` is outside the table.
    public func element(at index: Int) throws(TrapCode) -> Value {
        guard index >= 0, index < count else { throw .outOfBoundsTableAccess }
        return Value.load(elementType, from: handle.pointee.elements + index)
    }

    /// Replaces the element at `index`.
    /// - Throws: `TrapCode.outOfBoundsTableAccess` if `index` is outside the table, or
    ///   `TrapCode.hostError` if `value` is not of the element type.
    public func setElement(_ value: Value, at index: Int) throws(TrapCode) {
        guard index >= 0, index < count else { throw .outOfBoundsTableAccess }
        guard value.type == elementType else { throw .hostError }
        value.store(to: handle.pointee.elements + index)
    }
}

/// A global of a store.
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

    /// Creates a global owned by `store` (for imports).
    public init(store: Store, type: GlobalType, value: Value) {
        precondition(value.type == type.valueType, "the initial value must have the global's type")
        self.store = store
        self.type = type
        var words: (UInt64, UInt64) = (0, 0)
        withUnsafeMutableBytes(of: &words) { value.store(to: $0.baseAddress!.assumingMemoryBound(to: UInt64.self)) }
        handle = store.runtime.allocateGlobal(words)
    }

    /// Whether this is the store's instruction counter (read and written live).
    var isInstructionCounter: Bool { handle == store.runtime.counterCell }

    /// The current value.
    public var value: Value {
        if isInstructionCounter { return .i64(store.runtime.counter) }
        return Value.load(type.valueType, from: handle)
    }

    /// Sets the value.
    /// - Throws: `TrapCode.hostError` if the global is immutable or `newValue` has another type.
    public func set(_ newValue: Value) throws(TrapCode) {
        guard type.isMutable, newValue.type == type.valueType else { throw .hostError }
        if isInstructionCounter {
            store.runtime.counter = newValue.i64.map { UInt64(bitPattern: $0) } ?? 0
            return
        }
        newValue.store(to: handle)
    }
}
