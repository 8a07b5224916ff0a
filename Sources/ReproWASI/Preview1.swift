import ReproWasm

/// One `wasi_snapshot_preview1` function as `WASI.link(into:)` defines it.
struct Preview1Function {
    let name: String
    let type: FunctionType
    let body: (Caller, [Value]) throws -> [Value]
}

/// A host function's view of the caller's memory 0: every access bounds-checked, failing with
/// `WASIErrno.fault`.
struct GuestMemory {
    let memory: Memory

    func u32(_ offset: UInt32) throws(WASIErrno) -> UInt32 {
        do { return try memory.load(UInt32.self, at: Int(offset)) } catch { throw .fault }
    }
    func u64(_ offset: UInt32) throws(WASIErrno) -> UInt64 {
        do { return try memory.load(UInt64.self, at: Int(offset)) } catch { throw .fault }
    }
    func u8(_ offset: UInt32) throws(WASIErrno) -> UInt8 {
        do { return try memory.load(UInt8.self, at: Int(offset)) } catch { throw .fault }
    }
    func u16(_ offset: UInt32) throws(WASIErrno) -> UInt16 {
        do { return try memory.load(UInt16.self, at: Int(offset)) } catch { throw .fault }
    }
    func store<T: FixedWidthInteger>(_ value: T, at offset: UInt32) throws(WASIErrno) {
        do { try memory.store(value, at: Int(offset)) } catch { throw .fault }
    }
    func store<T: FixedWidthInteger>(_ value: T, at offset: UInt64) throws(WASIErrno) {
        guard offset <= UInt32.max else { throw .fault }
        try store(value, at: UInt32(offset))
    }
    func bytes(at offset: UInt32, count: UInt32) throws(WASIErrno) -> [UInt8] {
        do { return try memory.read(at: Int(offset), count: Int(count)) } catch { throw .fault }
    }
    func write(_ bytes: [UInt8], at offset: UInt32) throws(WASIErrno) {
        do { try memory.write(bytes, at: Int(offset)) } catch { throw .fault }
    }
    /// A guest path: `count` bytes at `offset`.
    func path(at offset: UInt32, count: UInt32) throws(WASIErrno) -> [UInt8] {
        try bytes(at: offset, count: count)
    }
    /// The (address, length) pairs of an `iovec`/`ciovec` array, each checked to lie in memory.
    func vectors(at offset: UInt32, count: UInt32) throws(WASIErrno) -> [(UInt32, UInt32)] {
        var vectors: [(UInt32, UInt32)] = []
        for index in 0..<UInt64(count) {
            let entry = UInt64(offset) + index * UInt64(Layout.iovecSize)
            guard entry + 8 <= UInt64(memory.byteCount) else { throw .fault }
            let base = try u32(UInt32(entry))
            let length = try u32(UInt32(entry + 4))
            guard UInt64(base) + UInt64(length) <= UInt64(memory.byteCount) else { throw .fault }
            vectors.append((base, length))
        }
        return vectors
    }
    /// Copies `bytes` into the vectors in order; returns how many fit.
    func scatter(_ bytes: [UInt8], into vectors: [(UInt32, UInt32)]) throws(WASIErrno) -> Int {
        var copied = 0
        for (base, length) in vectors where copied < bytes.count {
            let count = min(Int(length), bytes.count - copied)
            try write(Array(bytes[copied..<copied + count]), at: base)
            copied += count
        }
        return copied
    }
    /// The bytes of all vectors, concatenated.
    func gather(_ vectors: [(UInt32, UInt32)]) throws(WASIErrno) -> [UInt8] {
        // Vectors may overlap, so their total can exceed the memory; the count must fit the u32 result.
        guard vectors.reduce(0, { $0 + UInt64($1.1) }) <= UInt64(Int32.max) else { throw .invalid }
        var bytes: [UInt8] = []
        for (base, length) in vectors { bytes += try self.bytes(at: base, count: length) }
        return bytes
    }
}

/// The arguments of a call, read by position.
struct Arguments {
    let values: [Value]
    func u32(_ index: Int) -> UInt32 { UInt32(bitPattern: values[index].i32 ?? 0) }
    func u64(_ index: Int) -> UInt64 { UInt64(bitPattern: values[index].i64 ?? 0) }
}

extension WASI {
    typealias Body = (WASI, GuestMemory, Arguments) throws(WASIErrno) -> Void

    /// Every function of preview 1, each returning its `errno` (but `proc_exit`).
    static func functions(_ wasi: WASI) -> [Preview1Function] {
        func function(_ name: String, _ parameters: [ValueType], _ body: @escaping Body) -> Preview1Function {
            Preview1Function(name: name, type: FunctionType(parameters: parameters, results: [.i32])) {
                [wasi] caller, values in
                guard let memory = caller.memory else { return [.i32(UInt32(WASIErrno.fault.rawValue))] }
                do throws(WASIErrno) {
                    try body(wasi, GuestMemory(memory: memory), Arguments(values: values))
                    return [.i32(0)]
                } catch {
                    return [.i32(UInt32(error.rawValue))]
                }
            }
        }
        let i32 = ValueType.i32
        let i64 = ValueType.i64
        return [
            function("args_get", [i32, i32]) { wasi, memory, args throws(WASIErrno) in
                try wasi.writeStrings(wasi.arguments, memory, pointers: args.u32(0), buffer: args.u32(1))
            },
            function("args_sizes_get", [i32, i32]) { wasi, memory, args throws(WASIErrno) in
                try wasi.writeSizes(wasi.arguments, memory, count: args.u32(0), size: args.u32(1))
            },
            function("environ_get", [i32, i32]) { wasi, memory, args throws(WASIErrno) in
                try wasi.writeStrings(wasi.environment, memory, pointers: args.u32(0), buffer: args.u32(1))
            },
            function("environ_sizes_get", [i32, i32]) { wasi, memory, args throws(WASIErrno) in
                try wasi.writeSizes(wasi.environment, memory, count: args.u32(0), size: args.u32(1))
            },
            function("clock_res_get", [i32, i32]) { wasi, memory, args throws(WASIErrno) in
                guard args.u32(0) <= ClockID.threadCPUTime else { throw .invalid }
                try memory.store(wasi.clock.resolution, at: args.u32(1))
            },
            function("clock_time_get", [i32, i64, i32]) { wasi, memory, args throws(WASIErrno) in
                guard args.u32(0) <= ClockID.threadCPUTime else { throw .invalid }
                try memory.store(wasi.clock.now, at: args.u32(2))
            },
            function("fd_advise", [i32, i64, i64, i32]) { wasi, memory, args throws(WASIErrno) in
                let descriptor = try wasi.descriptor(args.u32(0))
                guard descriptor.node?.kind == .file else {
                    throw descriptor.node == nil ? .invalidSeek : .badFileDescriptor
                }
                try descriptor.require(Rights.fdAdvise)
                guard args.u32(3) <= 5 else { throw .invalid }
            },
            function("fd_allocate", [i32, i64, i64]) { wasi, memory, args throws(WASIErrno) in
                try wasi.allocate(args.u32(0), offset: args.u64(1), length: args.u64(2))
            },
            function("fd_close", [i32]) { wasi, memory, args throws(WASIErrno) in
                let descriptor = try wasi.descriptor(args.u32(0))
                try? descriptor.node?.flush()
                wasi.descriptors[args.u32(0)] = nil
            },
            function("fd_datasync", [i32]) { wasi, memory, args throws(WASIErrno) in
                try wasi.sync(args.u32(0), right: Rights.fdDatasync)
            },
            function("fd_fdstat_get", [i32, i32]) { wasi, memory, args throws(WASIErrno) in
                try wasi.fdstat(args.u32(0), memory, at: args.u32(1))
            },
            function("fd_fdstat_set_flags", [i32, i32]) { wasi, memory, args throws(WASIErrno) in
                let descriptor = try wasi.descriptor(args.u32(0))
                try descriptor.require(Rights.fdFdstatSetFlags)
                let flags = UInt16(truncatingIfNeeded: args.u32(1))
                guard flags & ~FDFlags.all == 0 else { throw .invalid }
                descriptor.flags = flags
            },
            function("fd_fdstat_set_rights", [i32, i64, i64]) { wasi, memory, args throws(WASIErrno) in
                let descriptor = try wasi.descriptor(args.u32(0))
                let base = args.u64(1)
                let inheriting = args.u64(2)
                guard base & ~descriptor.rightsBase == 0, inheriting & ~descriptor.rightsInheriting == 0 else {
                    throw .notCapable
                }
                descriptor.rightsBase = base
                descriptor.rightsInheriting = inheriting
            },
            function("fd_filestat_get", [i32, i32]) { wasi, memory, args throws(WASIErrno) in
                let descriptor = try wasi.descriptor(args.u32(0))
                try descriptor.require(Rights.fdFilestatGet)
                try wasi.filestat(of: descriptor.node, memory, at: args.u32(1))
            },
            function("fd_filestat_set_size", [i32, i64]) { wasi, memory, args throws(WASIErrno) in
                let node = try wasi.file(args.u32(0), rights: Rights.fdFilestatSetSize)
                try wasi.resize(node, to: args.u64(1))
            },
            function("fd_filestat_set_times", [i32, i64, i64, i32]) { wasi, memory, args throws(WASIErrno) in
                let descriptor = try wasi.descriptor(args.u32(0))
                try descriptor.require(Rights.fdFilestatSetTimes)
                guard let node = descriptor.node else { throw .badFileDescriptor }
                try wasi.setTimes(node, access: args.u64(1), modify: args.u64(2), flags: args.u32(3))
            },
            function("fd_pread", [i32, i32, i32, i64, i32]) { wasi, memory, args throws(WASIErrno) in
                let node = try wasi.file(args.u32(0), rights: Rights.fdRead | Rights.fdSeek)
                let vectors = try memory.vectors(at: args.u32(1), count: args.u32(2))
                let count = try wasi.read(node, at: args.u64(3), into: vectors, memory)
                try memory.store(UInt32(count), at: args.u32(4))
            },
            function("fd_prestat_get", [i32, i32]) { wasi, memory, args throws(WASIErrno) in
                guard let name = try wasi.descriptor(args.u32(0)).preopenName else { throw .badFileDescriptor }
                try memory.store(UInt32(0), at: args.u32(1))
                try memory.store(UInt32(name.count), at: args.u32(1) &+ 4)
            },
            function("fd_prestat_dir_name", [i32, i32, i32]) { wasi, memory, args throws(WASIErrno) in
                guard let name = try wasi.descriptor(args.u32(0)).preopenName else { throw .badFileDescriptor }
                guard args.u32(2) >= name.count else { throw .nameTooLong }
                try memory.write(name, at: args.u32(1))
            },
            function("fd_pwrite", [i32, i32, i32, i64, i32]) { wasi, memory, args throws(WASIErrno) in
                let node = try wasi.file(args.u32(0), rights: Rights.fdWrite | Rights.fdSeek)
                let bytes = try memory.gather(try memory.vectors(at: args.u32(1), count: args.u32(2)))
                try wasi.write(bytes, to: node, at: args.u64(3))
                try memory.store(UInt32(bytes.count), at: args.u32(4))
            },
            function("fd_read", [i32, i32, i32, i32]) { wasi, memory, args throws(WASIErrno) in
                let count = try wasi.read(args.u32(0), memory, vectors: args.u32(1), count: args.u32(2))
                try memory.store(UInt32(count), at: args.u32(3))
            },
            function("fd_readdir", [i32, i32, i32, i64, i32]) { wasi, memory, args throws(WASIErrno) in
                let used = try wasi.readDirectory(
                    args.u32(0), memory, buffer: args.u32(1), length: args.u32(2), cookie: args.u64(3))
                try memory.store(used, at: args.u32(4))
            },
            function("fd_renumber", [i32, i32]) { wasi, memory, args throws(WASIErrno) in
                let descriptor = try wasi.descriptor(args.u32(0))
                _ = try wasi.descriptor(args.u32(1))
                wasi.descriptors[args.u32(0)] = nil
                wasi.descriptors[args.u32(1)] = descriptor
            },
            function("fd_seek", [i32, i64, i32, i32]) { wasi, memory, args throws(WASIErrno) in
                let position = try wasi.seek(args.u32(0), offset: Int64(bitPattern: args.u64(1)), whence: args.u32(2))
                try memory.store(position, at: args.u32(3))
            },
            function("fd_sync", [i32]) { wasi, memory, args throws(WASIErrno) in
                try wasi.sync(args.u32(0), right: Rights.fdSync)
            },
            function("fd_tell", [i32, i32]) { wasi, memory, args throws(WASIErrno) in
                let descriptor = try wasi.descriptor(args.u32(0))
                guard descriptor.node?.kind == .file else {
                    throw descriptor.node == nil ? .invalidSeek : .badFileDescriptor
                }
                try descriptor.require(Rights.fdTell)
                try memory.store(descriptor.position, at: args.u32(1))
            },
            function("fd_write", [i32, i32, i32, i32]) { wasi, memory, args throws(WASIErrno) in
                let count = try wasi.write(args.u32(0), memory, vectors: args.u32(1), count: args.u32(2))
                try memory.store(UInt32(count), at: args.u32(3))
            },
            function("path_create_directory", [i32, i32, i32]) { wasi, memory, args throws(WASIErrno) in
                try wasi.createDirectory(args.u32(0), path: memory.path(at: args.u32(1), count: args.u32(2)))
            },
            function("path_filestat_get", [i32, i32, i32, i32, i32]) { wasi, memory, args throws(WASIErrno) in
                let (_, resolution) = try wasi.resolve(
                    args.u32(0), memory.path(at: args.u32(2), count: args.u32(3)), rights: Rights.pathFilestatGet,
                    following: args.u32(1) & lookupSymlinkFollow != 0)
                guard let node = resolution.node else { throw .noEntry }
                try wasi.filestat(of: node, memory, at: args.u32(4))
            },
            function("path_filestat_set_times", [i32, i32, i32, i32, i64, i64, i32]) {
                wasi, memory, args throws(WASIErrno) in
                let (_, resolution) = try wasi.resolve(
                    args.u32(0), memory.path(at: args.u32(2), count: args.u32(3)),
                    rights: Rights.pathFilestatSetTimes, following: args.u32(1) & lookupSymlinkFollow != 0)
                guard let node = resolution.node else { throw .noEntry }
                try wasi.setTimes(node, access: args.u64(4), modify: args.u64(5), flags: args.u32(6))
            },
            function("path_link", [i32, i32, i32, i32, i32, i32, i32]) { wasi, memory, args throws(WASIErrno) in
                try wasi.link(
                    from: args.u32(0), memory.path(at: args.u32(2), count: args.u32(3)),
                    following: args.u32(1) & lookupSymlinkFollow != 0,
                    to: args.u32(4), memory.path(at: args.u32(5), count: args.u32(6)))
            },
            function("path_open", [i32, i32, i32, i32, i32, i64, i64, i32, i32]) {
                wasi, memory, args throws(WASIErrno) in
                let fd = try wasi.open(
                    args.u32(0), memory.path(at: args.u32(2), count: args.u32(3)),
                    following: args.u32(1) & lookupSymlinkFollow != 0,
                    openFlags: UInt16(truncatingIfNeeded: args.u32(4)), rights: args.u64(5), inheriting: args.u64(6),
                    flags: UInt16(truncatingIfNeeded: args.u32(7)))
                try memory.store(fd, at: args.u32(8))
            },
            function("path_readlink", [i32, i32, i32, i32, i32, i32]) { wasi, memory, args throws(WASIErrno) in
                let (_, resolution) = try wasi.resolve(
                    args.u32(0), memory.path(at: args.u32(1), count: args.u32(2)), rights: Rights.pathReadlink,
                    following: false)
                guard let node = resolution.node else { throw .noEntry }
                guard node.kind == .symlink else { throw .invalid }
                let target = Array(node.target.prefix(Int(args.u32(4))))
                try memory.write(target, at: args.u32(3))
                try memory.store(UInt32(target.count), at: args.u32(5))
            },
            function("path_remove_directory", [i32, i32, i32]) { wasi, memory, args throws(WASIErrno) in
                try wasi.removeDirectory(args.u32(0), path: memory.path(at: args.u32(1), count: args.u32(2)))
            },
            function("path_rename", [i32, i32, i32, i32, i32, i32]) { wasi, memory, args throws(WASIErrno) in
                try wasi.rename(
                    from: args.u32(0), memory.path(at: args.u32(1), count: args.u32(2)),
                    to: args.u32(3), memory.path(at: args.u32(4), count: args.u32(5)))
            },
            function("path_symlink", [i32, i32, i32, i32, i32]) { wasi, memory, args throws(WASIErrno) in
                try wasi.symlink(
                    target: memory.path(at: args.u32(0), count: args.u32(1)),
                    at: args.u32(2), memory.path(at: args.u32(3), count: args.u32(4)))
            },
            function("path_unlink_file", [i32, i32, i32]) { wasi, memory, args throws(WASIErrno) in
                try wasi.unlinkFile(args.u32(0), path: memory.path(at: args.u32(1), count: args.u32(2)))
            },
            function("poll_oneoff", [i32, i32, i32, i32]) { wasi, memory, args throws(WASIErrno) in
                let count = try wasi.poll(memory, subscriptions: args.u32(0), events: args.u32(1), count: args.u32(2))
                try memory.store(count, at: args.u32(3))
            },
            Preview1Function(name: "proc_exit", type: FunctionType(parameters: [i32])) { _, values in
                throw WASIExit(code: UInt32(bitPattern: values[0].i32 ?? 0))
            },
            function("proc_raise", [i32]) { _, _, _ throws(WASIErrno) in
                // Signals are gone from later WASI versions; there is nothing deterministic to raise.
                throw .noSystem
            },
            function("sched_yield", []) { _, _, _ throws(WASIErrno) in },
            function("random_get", [i32, i32]) { wasi, memory, args throws(WASIErrno) in
                try wasi.randomFill(memory, at: args.u32(0), count: args.u32(1))
            },
            // No descriptor is ever a socket: a run has no network.
            function("sock_accept", [i32, i32, i32]) { wasi, memory, args throws(WASIErrno) in
                _ = try wasi.descriptor(args.u32(0))
                throw .notSocket
            },
            function("sock_recv", [i32, i32, i32, i32, i32, i32]) { wasi, memory, args throws(WASIErrno) in
                _ = try wasi.descriptor(args.u32(0))
                throw .notSocket
            },
            function("sock_send", [i32, i32, i32, i32, i32]) { wasi, memory, args throws(WASIErrno) in
                _ = try wasi.descriptor(args.u32(0))
                throw .notSocket
            },
            function("sock_shutdown", [i32, i32]) { wasi, memory, args throws(WASIErrno) in
                _ = try wasi.descriptor(args.u32(0))
                throw .notSocket
            },
        ]
    }
}
