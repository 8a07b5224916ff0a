// The storage of linear memories and tables, from the C allocator: unlike the standard library's
// `allocate`, which stops the process when the host is out of memory, `calloc` and `realloc` return
// null, and the engine reports that to the embedder (docs/DETERMINISM.md §4).
#if canImport(Glibc)
    import Glibc
#elseif canImport(Musl)
    import Musl
#elseif canImport(Darwin)
    import Darwin
#elseif canImport(ucrt)
    import ucrt
#endif

/// Why the store could not provide a memory or a table, or grow one.
enum StorageError: Error, Equatable {
    /// The minimum size is over the store's limit (`StoreLimits.maxMemoryPages` or `maxTableElements`).
    case overLimit(limit: Int)
    /// The host could not allocate `byteCount` bytes, though the store's limits allow them.
    case hostOutOfMemory(byteCount: Int)
}

/// Zero-filled host allocations that report failure instead of stopping the process.
///
/// Large allocations come from the system zeroed and untouched (`calloc` maps fresh pages), so a
/// memory declared at 4 GiB and never written costs address space, not resident memory.
enum HostMemory {
    /// `byteCount` zero bytes (one at least), aligned for any scalar and `SIMD16<UInt8>` (16 bytes,
    /// the C allocator's guarantee on 64-bit platforms), or `nil` when the host cannot provide them.
    static func allocateZeroed(byteCount: Int) -> UnsafeMutableRawPointer? {
        #if canImport(Glibc) || canImport(Musl) || canImport(Darwin) || canImport(ucrt)
            return calloc(1, max(byteCount, 1))
        #else
            let pointer = UnsafeMutableRawPointer.allocate(byteCount: max(byteCount, 1), alignment: 16)
            pointer.initializeMemory(as: UInt8.self, repeating: 0, count: max(byteCount, 1))
            return pointer
        #endif
    }

    /// Resizes an allocation of this enum from `oldCount` to `newCount` (larger) bytes, zeroing the
    /// new ones. Returns the new address, or `nil` with `pointer` unchanged and still valid.
    static func grow(_ pointer: UnsafeMutableRawPointer, from oldCount: Int, to newCount: Int)
        -> UnsafeMutableRawPointer?
    {
        #if canImport(Glibc) || canImport(Musl) || canImport(Darwin) || canImport(ucrt)
            guard let grown = realloc(pointer, newCount) else { return nil }
        #else
            let grown = UnsafeMutableRawPointer.allocate(byteCount: newCount, alignment: 16)
            grown.copyMemory(from: pointer, byteCount: oldCount)
            pointer.deallocate()
        #endif
        (grown + oldCount).initializeMemory(as: UInt8.self, repeating: 0, count: newCount - oldCount)
        return grown
    }

    /// Allocates `byteCount` bytes, or grows `pointer` (from this enum, `oldByteCount` long) to them,
    /// keeping its bytes and leaving the new ones uninitialised, so untouched pages stay unresident.
    /// For buffers the engine needs to go on at all (lowered code): stops the process when the host
    /// cannot provide them, as the standard library's `allocate` does.
    static func resize(_ pointer: UnsafeMutableRawPointer?, from oldByteCount: Int = 0, to byteCount: Int)
        -> UnsafeMutableRawPointer
    {
        #if canImport(Glibc) || canImport(Musl) || canImport(Darwin) || canImport(ucrt)
            guard let resized = realloc(pointer, max(byteCount, 1)) else {
                fatalError("out of host memory for \(byteCount) bytes")
            }
            return resized
        #else
            let resized = UnsafeMutableRawPointer.allocate(byteCount: max(byteCount, 1), alignment: 16)
            if let pointer {
                resized.copyMemory(from: pointer, byteCount: oldByteCount)
                pointer.deallocate()
            }
            return resized
        #endif
    }

    /// Frees an allocation of this enum.
    static func free(_ pointer: UnsafeMutableRawPointer) {
        #if canImport(Glibc) || canImport(Musl) || canImport(Darwin) || canImport(ucrt)
            #if canImport(Glibc)
                Glibc.free(pointer)
            #elseif canImport(Musl)
                Musl.free(pointer)
            #elseif canImport(Darwin)
                Darwin.free(pointer)
            #else
                ucrt.free(pointer)
            #endif
        #else
            pointer.deallocate()
        #endif
    }
}
