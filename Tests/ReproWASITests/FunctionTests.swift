import Foundation
import ReproWASI
import ReproWasm
import Testing

/// Single preview 1 functions called from a small module with wrappers, checking errno values and
/// what they write to memory.
@Suite struct FunctionTests {
    /// Every preview 1 function with its parameter types (all return an errno but `proc_exit`).
    static let signatures: [(String, [String])] = [
        ("args_get", ["i32", "i32"]), ("args_sizes_get", ["i32", "i32"]), ("environ_get", ["i32", "i32"]),
        ("environ_sizes_get", ["i32", "i32"]), ("clock_res_get", ["i32", "i32"]),
        ("clock_time_get", ["i32", "i64", "i32"]), ("fd_advise", ["i32", "i64", "i64", "i32"]),
        ("fd_allocate", ["i32", "i64", "i64"]), ("fd_close", ["i32"]), ("fd_datasync", ["i32"]),
        ("fd_fdstat_get", ["i32", "i32"]), ("fd_fdstat_set_flags", ["i32", "i32"]),
        ("fd_fdstat_set_rights", ["i32", "i64", "i64"]), ("fd_filestat_get", ["i32", "i32"]),
        ("fd_filestat_set_size", ["i32", "i64"]), ("fd_filestat_set_times", ["i32", "i64", "i64", "i32"]),
        ("fd_pread", ["i32", "i32", "i32", "i64", "i32"]), ("fd_prestat_get", ["i32", "i32"]),
        ("fd_prestat_dir_name", ["i32", "i32", "i32"]), ("fd_pwrite", ["i32", "i32", "i32", "i64", "i32"]),
        ("fd_read", ["i32", "i32", "i32", "i32"]), ("fd_readdir", ["i32", "i32", "i32", "i64", "i32"]),
        ("fd_renumber", ["i32", "i32"]), ("fd_seek", ["i32", "i64", "i32", "i32"]), ("fd_sync", ["i32"]),
        ("fd_tell", ["i32", "i32"]), ("fd_write", ["i32", "i32", "i32", "i32"]),
        ("path_create_directory", ["i32", "i32", "i32"]), ("path_filestat_get", ["i32", "i32", "i32", "i32", "i32"]),
        ("path_filestat_set_times", ["i32", "i32", "i32", "i32", "i64", "i64", "i32"]),
        ("path_link", ["i32", "i32", "i32", "i32", "i32", "i32", "i32"]),
        ("path_open", ["i32", "i32", "i32", "i32", "i32", "i64", "i64", "i32", "i32"]),
        ("path_readlink", ["i32", "i32", "i32", "i32", "i32", "i32"]),
        ("path_remove_directory", ["i32", "i32", "i32"]),
        ("path_rename", ["i32", "i32", "i32", "i32", "i32", "i32"]),
        ("path_symlink", ["i32", "i32", "i32", "i32", "i32"]),
        ("path_unlink_file", ["i32", "i32", "i32"]), ("poll_oneoff", ["i32", "i32", "i32", "i32"]),
        ("proc_raise", ["i32"]), ("sched_yield", []), ("random_get", ["i32", "i32"]),
        ("sock_accept", ["i32", "i32", "i32"]), ("sock_recv", ["i32", "i32", "i32", "i32", "i32", "i32"]),
        ("sock_send", ["i32", "i32", "i32", "i32", "i32"]), ("sock_shutdown", ["i32", "i32"]),
    ]

    /// A module importing every function and exporting a wrapper of each, plus its memory.
    static let wat: String = {
        var text = "(module\n"
        for (name, parameters) in signatures {
            text +=
                "  (import \"wasi_snapshot_preview1\" \"\(name)\" (func $\(name) (param \(parameters.joined(separator: " "))) (result i32)))\n"
        }
        text += "  (import \"wasi_snapshot_preview1\" \"proc_exit\" (func $proc_exit (param i32)))\n"
        text += "  (memory (export \"memory\") 1)\n"
        for (name, parameters) in signatures {
            let gets = parameters.indices.map { "(local.get \($0))" }.joined(separator: " ")
            text +=
                "  (func (export \"\(name)\") (param \(parameters.joined(separator: " "))) (result i32) (call $\(name) \(gets)))\n"
        }
        text += "  (func (export \"_start\"))\n)"
        return text
    }()

    /// An instance linked with `wasi`, and a way to call its wrappers.
    struct Harness {
        let wasi: WASI
        let instance: Instance
        var memory: Memory { instance.memory(named: "memory")! }

        init(_ wasi: WASI = WASI()) throws {
            self.wasi = wasi
            var imports = Imports()
            wasi.link(into: &imports)
            instance = try Store().instantiate(try Module(wat: FunctionTests.wat), imports: imports)
        }

        func call(_ name: String, _ arguments: Value...) throws -> UInt16 {
            UInt16(try instance.function(named: name)!.call(arguments)[0].i32!)
        }

        func put(_ text: String, at offset: Int) throws { try memory.write(Array(text.utf8), at: offset) }
    }

    @Test func linksEveryPreview1Function() throws {
        var imports = Imports()
        WASI().link(into: &imports)
        let module = try Module(wat: Self.wat)
        #expect(module.imports.count == 46)
        _ = try Store().instantiate(module, imports: imports)
    }

    @Test func argumentsAreLaidOutAsPointersAndNulTerminatedStrings() throws {
        let harness = try Harness(WASI(arguments: ["prog", "a b"]))
        #expect(try harness.call("args_sizes_get", .i32(0), .i32(4)) == 0)
        #expect(try harness.memory.load(UInt32.self, at: 0) == 2)
        #expect(try harness.memory.load(UInt32.self, at: 4) == 9)
        #expect(try harness.call("args_get", .i32(16), .i32(100)) == 0)
        #expect(try harness.memory.load(UInt32.self, at: 16) == 100)
        #expect(try harness.memory.load(UInt32.self, at: 20) == 105)
        #expect(try harness.memory.read(at: 100, count: 9) == Array("prog\0a b\0".utf8))
    }

    @Test func badPointersGiveFaultNotACrash() throws {
        let harness = try Harness(WASI(arguments: ["prog"]))
        #expect(try harness.call("args_get", .i32(65534), .i32(0)) == WASIErrno.fault.rawValue)
        #expect(try harness.call("random_get", .i32(65530), .i32(7)) == WASIErrno.fault.rawValue)
        #expect(try harness.call("fd_write", .i32(1), .i32(-8), .i32(1), .i32(0)) == WASIErrno.fault.rawValue)
        #expect(try harness.call("clock_time_get", .i32(0), .i64(1), .i32(65533)) == WASIErrno.fault.rawValue)
        // Huge offsets and overlapping vectors whose total passes 2 GiB are errors, not crashes.
        let root = WASIDirectory()
        try root.addFile(at: "f", contents: [])
        let files = try Harness(WASI(preopens: [WASIPreopen(guestPath: "/", directory: root)]))
        try files.put("f", at: 200)
        #expect(
            try files.call(
                "path_open", .i32(3), .i32(0), .i32(200), .i32(1), .i32(0), .i64(-1), .i64(-1), .i32(0), .i32(300)) == 0
        )
        let fd = try files.memory.load(UInt32.self, at: 300)
        try files.memory.store(UInt32(0), at: 0)
        try files.memory.store(UInt32(4), at: 4)
        #expect(
            try files.call("fd_pwrite", .i32(Int32(fd)), .i32(0), .i32(1), .i64(-2), .i32(400))
                == WASIErrno.fileTooBig.rawValue)
        // 32769 vectors, each the whole first 64 KiB: more than 2 GiB in all, refused before copying.
        _ = try files.memory.grow(by: 5)
        let count = 32769
        var table = [UInt8](repeating: 0, count: 8 * count)
        for index in 0..<count { table[8 * index + 6] = 1 }  // length 65536 = 0x0001_0000, base 0
        try files.memory.write(table, at: 65536)
        #expect(
            try files.call("fd_write", .i32(Int32(fd)), .i32(65536), .i32(Int32(count)), .i32(400))
                == WASIErrno.invalid.rawValue)
        #expect(try files.call("fd_write", .i32(Int32(fd)), .i32(65536), .i32(2), .i32(400)) == 0)
        #expect(try files.memory.load(UInt32.self, at: 400) == 2 * 65536)
    }

    @Test func descriptorsThatDoNotExistOrAreNotSocketsAreReported() throws {
        let harness = try Harness()
        #expect(try harness.call("fd_close", .i32(9)) == WASIErrno.badFileDescriptor.rawValue)
        #expect(try harness.call("sock_shutdown", .i32(9), .i32(0)) == WASIErrno.badFileDescriptor.rawValue)
        #expect(try harness.call("sock_shutdown", .i32(1), .i32(0)) == WASIErrno.notSocket.rawValue)
        #expect(try harness.call("sock_accept", .i32(0), .i32(0), .i32(0)) == WASIErrno.notSocket.rawValue)
        #expect(try harness.call("proc_raise", .i32(6)) == WASIErrno.noSystem.rawValue)
        #expect(try harness.call("sched_yield") == 0)
        #expect(try harness.call("fd_prestat_get", .i32(3), .i32(0)) == WASIErrno.badFileDescriptor.rawValue)
        #expect(try harness.call("fd_seek", .i32(1), .i64(0), .i32(0), .i32(0)) == WASIErrno.invalidSeek.rawValue)
        #expect(try harness.call("clock_time_get", .i32(9), .i64(1), .i32(0)) == WASIErrno.invalid.rawValue)
    }

    @Test func randomGetContinuesTheSeededSequenceAcrossCalls() throws {
        let harness = try Harness(WASI(random: Lcg128Xsl64(state: UInt128Parts(high: 0, low: 1))))
        #expect(try harness.call("random_get", .i32(0), .i32(3)) == 0)
        #expect(try harness.call("random_get", .i32(8), .i32(8)) == 0)
        var expected = Lcg128Xsl64(state: UInt128Parts(high: 0, low: 1))
        var first = [UInt8](repeating: 0, count: 3)
        var second = [UInt8](repeating: 0, count: 8)
        expected.fill(&first)
        expected.fill(&second)
        #expect(try harness.memory.read(at: 0, count: 3) == first)
        #expect(try harness.memory.read(at: 8, count: 8) == second)
    }

    @Test func pollOneoffSleepsByAdvancingTheClockToTheEarliestTimer() throws {
        let harness = try Harness()
        let memory = harness.memory
        // Two relative clock subscriptions: 500 ns (userdata 7) and 200 ns (userdata 9).
        for (index, (userdata, timeout)) in [(UInt64(7), UInt64(500)), (9, 200)].enumerated() {
            let base = 1000 + index * 48
            try memory.store(userdata, at: base)
            try memory.store(UInt8(0), at: base + 8)
            try memory.store(UInt32(1), at: base + 16)
            try memory.store(timeout, at: base + 24)
            try memory.store(UInt16(0), at: base + 40)
        }
        #expect(try harness.call("poll_oneoff", .i32(1000), .i32(2000), .i32(2), .i32(3000)) == 0)
        #expect(try memory.load(UInt32.self, at: 3000) == 1)
        #expect(try memory.load(UInt64.self, at: 2000) == 9)
        #expect(harness.wasi.clock.now == 200)
        #expect(try harness.call("clock_time_get", .i32(1), .i64(1), .i32(0)) == 0)
        #expect(try memory.load(UInt64.self, at: 0) == 200)
        #expect(
            try harness.call("poll_oneoff", .i32(1000), .i32(2000), .i32(0), .i32(3000)) == WASIErrno.invalid.rawValue)
    }

    @Test func readdirListsSortedEntriesFromACookieAndCutsTheLastOne() throws {
        let root = WASIDirectory()
        for name in ["b", "a", "C"] { try root.addFile(at: name, contents: []) }
        let harness = try Harness(WASI(preopens: [WASIPreopen(guestPath: "/", directory: root)]))
        #expect(try harness.call("fd_readdir", .i32(3), .i32(0), .i32(4096), .i64(0), .i32(8000)) == 0)
        let used = Int(try harness.memory.load(UInt32.self, at: 8000))
        #expect(used == 5 * 24 + 1 + 2 + 3)
        var names: [String] = []
        var cookies: [UInt64] = []
        var offset = 0
        while offset < used {
            cookies.append(try harness.memory.load(UInt64.self, at: offset))
            let length = Int(try harness.memory.load(UInt32.self, at: offset + 16))
            names.append(try harness.memory.string(at: offset + 24, count: length))
            offset += 24 + length
        }
        #expect(names == [".", "..", "C", "a", "b"])
        #expect(cookies == [1, 2, 3, 4, 5])
        // From cookie 3 with room for one and a half entries: "a" whole, then "b" cut.
        #expect(try harness.call("fd_readdir", .i32(3), .i32(0), .i32(36), .i64(3), .i32(8000)) == 0)
        #expect(try harness.memory.load(UInt32.self, at: 8000) == 36)
        #expect(try harness.memory.string(at: 24, count: 1) == "a")
    }

    @Test func preopenNameAndRightsAndRenumber() throws {
        let harness = try Harness(
            WASI(preopens: [WASIPreopen(guestPath: "/data", directory: WASIDirectory(writable: false))]))
        #expect(try harness.call("fd_prestat_get", .i32(3), .i32(0)) == 0)
        #expect(try harness.memory.load(UInt32.self, at: 4) == 5)
        #expect(try harness.call("fd_prestat_dir_name", .i32(3), .i32(16), .i32(4)) == WASIErrno.nameTooLong.rawValue)
        #expect(try harness.call("fd_prestat_dir_name", .i32(3), .i32(16), .i32(5)) == 0)
        #expect(try harness.memory.string(at: 16, count: 5) == "/data")
        // A read-only preopen offers no right to create.
        try harness.put("new", at: 100)
        #expect(try harness.call("path_create_directory", .i32(3), .i32(100), .i32(3)) == WASIErrno.notCapable.rawValue)
        // Rights only shrink.
        #expect(try harness.call("fd_fdstat_set_rights", .i32(3), .i64(-1), .i64(0)) == WASIErrno.notCapable.rawValue)
        #expect(try harness.call("fd_renumber", .i32(3), .i32(1)) == 0)
        #expect(try harness.call("fd_prestat_get", .i32(1), .i32(0)) == 0)
        #expect(try harness.call("fd_prestat_get", .i32(3), .i32(0)) == WASIErrno.badFileDescriptor.rawValue)
    }

    /// A symbolic link written to the host would be followed by other programs without the preopen's
    /// rules, so on a mirrored tree its target may not climb out of the preopen as written.
    @Test func aMirroredTreeRefusesLinksWhoseTargetLeavesThePreopen() throws {
        let host = try Fixtures.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: host) }
        let root = try WASIDirectory(hostPath: host.path, writable: true)
        let harness = try Harness(WASI(preopens: [WASIPreopen(guestPath: "/", directory: root)]))
        func symlink(_ target: String, _ path: String) throws -> UInt16 {
            try harness.put(target, at: 100)
            try harness.put(path, at: 200)
            return try harness.call(
                "path_symlink", .i32(100), .i32(Int32(target.utf8.count)), .i32(3), .i32(200),
                .i32(Int32(path.utf8.count)))
        }
        #expect(try symlink("../../etc", "up") == WASIErrno.notCapable.rawValue)
        #expect(try symlink("a/../../b", "sideways") == WASIErrno.notCapable.rawValue)
        try harness.put("d", at: 300)
        #expect(try harness.call("path_create_directory", .i32(3), .i32(300), .i32(1)) == 0)
        #expect(try symlink("../x", "d/back") == 0)
        #expect(try symlink("../../x", "d/out") == WASIErrno.notCapable.rawValue)
        #expect(try symlink("a/./b/../c", "inside") == 0)
        harness.wasi.flush()
        #expect(
            try FileManager.default.destinationOfSymbolicLink(atPath: host.appendingPathComponent("d/back").path)
                == "../x")
        #expect(!FileManager.default.fileExists(atPath: host.appendingPathComponent("up").path))
    }

    @Test func aFileRemovedWhileOpenIsNotWrittenBackToTheHost() throws {
        let host = try Fixtures.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: host) }
        let root = try WASIDirectory(hostPath: host.path, writable: true)
        let harness = try Harness(WASI(preopens: [WASIPreopen(guestPath: "/", directory: root)]))
        try harness.put("gone", at: 200)
        try harness.put("kept", at: 210)
        for name in [200, 210] {
            #expect(
                try harness.call(
                    "path_open", .i32(3), .i32(0), .i32(Int32(name)), .i32(4), .i32(1), .i64(-1), .i64(-1), .i32(0),
                    .i32(300)) == 0)
            let fd = try harness.memory.load(UInt32.self, at: 300)
            try harness.memory.store(UInt32(200), at: 0)
            try harness.memory.store(UInt32(4), at: 4)
            #expect(try harness.call("fd_write", .i32(Int32(fd)), .i32(0), .i32(1), .i32(400)) == 0)
            if name == 200 { #expect(try harness.call("path_unlink_file", .i32(3), .i32(200), .i32(4)) == 0) }
            #expect(try harness.call("fd_close", .i32(Int32(fd))) == 0)
        }
        harness.wasi.flush()
        #expect(try FileManager.default.contentsOfDirectory(atPath: host.path) == ["kept"])
        #expect(try String(contentsOf: host.appendingPathComponent("kept"), encoding: .utf8) == "gone")
    }
}
