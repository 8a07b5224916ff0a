/// A linear memory of a store: bytes the module and the host share.
///
/// Every access from the host is bounds-checked and throws `AccessError.memoryOutOfBounds` rather
/// than touching bytes outside the memory. Numbers are little-endian, as wasm stores them.
///
///     let memory = instance.memory(named: "memory")!
///     try memory.store(UInt32(42), at: 16)
///     let word: UInt32 = try memory.load(at: 16)           // 42
///     try memory.write(Array("hi".utf8), at: 100)
///     print(try memory.string(at: 100, count: 2))           // "hi"
public struct Memory {
    /// The store that owns the memory.
    public let store: Store
    let handle: UnsafeMutablePointer<MemoryStorage>

    init(store: Store, handle: UnsafeMutablePointer<MemoryStorage>) {
        self.store = store
        self.handle = handle
    }

    /// Creates a zero-filled memory owned by `store`, to give to modules as an import.
    ///
    /// - Returns: `nil` if the minimum size exceeds the store's `maxMemoryPages`, or if the host
    ///   cannot allocate it.
    public init?(store: Store, type: MemoryType) {
        guard let handle = try? store.runtime.allocateMemory(type) else { return nil }
        self.store = store
        self.handle = handle
    }

    /// The memory's type now: the current size as the minimum, and the maximum it may grow to (the
    /// declared maximum capped by the store's limit; `nil` when that is the 65536-page ceiling).
    /// The same type a link error shows for this memory.
    public var type: MemoryType {
        if case .memory(let type) = store.runtime.externType(of: .memory(handle)) { return type }
        return MemoryType(limits: Limits(min: UInt64(pageCount)))
    }

    /// The current size in 64 KiB pages.
    public var pageCount: Int { handle.pointee.pageCount }

    /// The current size in bytes.
    public var byteCount: Int { handle.pointee.byteCount }

    /// A 64-bit FNV-1a digest of the memory's bytes, for telling whether two runs, builds or machines
    /// left the same memory behind.
    ///
    /// Not cryptographic: it catches a replay that diverged, not a forged memory. Reads every byte,
    /// so it costs time proportional to `byteCount`.
    ///
    ///     let expected = memory.digest
    ///     // ... replay the same calls in a fresh store ...
    ///     assert(replayed.digest == expected)
    public var digest: UInt64 {
        var hash: UInt64 = 0xcbf2_9ce4_8422_2325  // FNV-1a 64-bit offset basis
        let bytes = UnsafeRawBufferPointer(start: handle.pointee.base, count: handle.pointee.byteCount)
        for byte in bytes {
            hash ^= UInt64(byte)
            hash &*= 0x0000_0100_0000_01b3  // FNV 64-bit prime
        }
        return hash
    }

    /// Grows the memory by `pages` zero-filled pages, as `memory.grow` does.
    ///
    /// - Returns: The old size in pages, or `nil` if the maximum (the module's or the store's) would
    ///   be exceeded; the memory is unchanged then.
    /// - Throws: `AccessError.hostResourceExhausted` if the maximum allows the new size but the host
    ///   cannot allocate it (`docs/DETERMINISM.md` §4); the memory is unchanged then.
    ///
    ///     if let old = try memory.grow(by: 1) { print("grew from \(old) pages") }
    @discardableResult
    public func grow(by pages: Int) throws(AccessError) -> Int? {
        guard pages >= 0, pages <= Int(UInt32.max) else { return nil }
        do {
            let old = try store.runtime.grow(handle, by: UInt32(pages))
            return old < 0 ? nil : Int(old)
        } catch {
            throw .hostResourceExhausted(byteCount: Self.byteCount(of: error))
        }
    }

    static func byteCount(of error: StorageError) -> Int {
        switch error {
        case .hostOutOfMemory(let byteCount): byteCount
        case .overLimit: 0
        }
    }

    // MARK: Bytes

    /// The address of `count` bytes at `offset`, or an error if they are not all inside.
    private func address(_ offset: Int, _ count: Int) throws(AccessError) -> UnsafeMutableRawPointer {
        let size = byteCount
        guard offset >= 0, count >= 0, offset <= size, count <= size - offset else {
            throw .memoryOutOfBounds(offset: offset, count: count, byteCount: size)
        }
        return handle.pointee.base + offset
    }

    /// A copy of `count` bytes at `offset`.
    ///
    /// - Throws: `AccessError.memoryOutOfBounds` if any of them is outside the memory.
    public func read(at offset: Int, count: Int) throws(AccessError) -> [UInt8] {
        let start = try address(offset, count)
        return Array(UnsafeRawBufferPointer(start: start, count: count))
    }

    /// Writes `bytes` at `offset`.
    ///
    /// - Throws: `AccessError.memoryOutOfBounds` if any of them would fall outside the memory
    ///   (nothing is written then).
    public func write(_ bytes: [UInt8], at offset: Int) throws(AccessError) {
        let start = try address(offset, bytes.count)
        bytes.withUnsafeBytes { start.copyMemory(from: $0.baseAddress!, byteCount: $0.count) }
    }

    /// The `count` bytes at `offset` decoded as UTF-8 (ill-formed sequences become U+FFFD).
    ///
    /// - Throws: `AccessError.memoryOutOfBounds` if any of them is outside the memory.
    public func string(at offset: Int, count: Int) throws(AccessError) -> String {
        let start = try address(offset, count)
        return String(decoding: UnsafeRawBufferPointer(start: start, count: count), as: UTF8.self)
    }

    // MARK: Numbers

    /// The little-endian integer at `offset` (any alignment).
    ///
    /// - Throws: `AccessError.memoryOutOfBounds` if any of its bytes is outside the memory.
    ///
    ///     let length = try memory.load(Int32.self, at: pointer)
    public func load<T: FixedWidthInteger>(_ type: T.Type = T.self, at offset: Int) throws(AccessError) -> T {
        T(littleEndian: try address(offset, MemoryLayout<T>.size).loadUnaligned(as: T.self))
    }

    /// Stores `value` little-endian at `offset` (any alignment).
    ///
    /// - Throws: `AccessError.memoryOutOfBounds` if any of its bytes would fall outside the memory
    ///   (nothing is written then).
    public func store<T: FixedWidthInteger>(_ value: T, at offset: Int) throws(AccessError) {
        try address(offset, MemoryLayout<T>.size).storeBytes(of: value.littleEndian, as: T.self)
    }

    /// The `f32` at `offset`, bit-exact (a NaN keeps its payload).
    ///
    /// - Throws: `AccessError.memoryOutOfBounds` if any of its bytes is outside the memory.
    public func loadFloat(at offset: Int) throws(AccessError) -> Float {
        Float(bitPattern: try load(UInt32.self, at: offset))
    }

    /// The `f64` at `offset`, bit-exact (a NaN keeps its payload).
    ///
    /// - Throws: `AccessError.memoryOutOfBounds` if any of its bytes is outside the memory.
    public func loadDouble(at offset: Int) throws(AccessError) -> Double {
        Double(bitPattern: try load(UInt64.self, at: offset))
    }

    /// Stores `value`'s bits as an `f32` at `offset`.
    ///
    /// - Throws: `AccessError.memoryOutOfBounds` if any of its bytes would fall outside the memory.
    public func store(_ value: Float, at offset: Int) throws(AccessError) { try store(value.bitPattern, at: offset) }

    /// Stores `value`'s bits as an `f64` at `offset`.
    ///
    /// - Throws: `AccessError.memoryOutOfBounds` if any of its bytes would fall outside the memory.
    public func store(_ value: Double, at offset: Int) throws(AccessError) { try store(value.bitPattern, at: offset) }

    // MARK: Raw access

    /// Runs `body` with the memory's bytes, read-only.
    ///
    /// The buffer is valid only inside `body`: do not keep it, and do not call into wasm or `grow`
    /// from `body` (growing moves the bytes).
    public func withUnsafeBytes<R, E: Error>(_ body: (UnsafeRawBufferPointer) throws(E) -> R) throws(E) -> R {
        try body(UnsafeRawBufferPointer(start: handle.pointee.base, count: handle.pointee.byteCount))
    }

    /// Runs `body` with the memory's bytes, writable.
    ///
    /// The buffer is valid only inside `body`: do not keep it, and do not call into wasm or `grow`
    /// from `body` (growing moves the bytes).
    ///
    ///     memory.withUnsafeMutableBytes { bytes in bytes[0] = 1 }
    public func withUnsafeMutableBytes<R, E: Error>(_ body: (UnsafeMutableRawBufferPointer) throws(E) -> R) throws(E)
        -> R
    {
        try body(UnsafeMutableRawBufferPointer(start: handle.pointee.base, count: handle.pointee.byteCount))
    }
}
