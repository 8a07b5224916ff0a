import Foundation
import ReproWASI
import ReproWasm
import Testing

/// The C programs in Tests/WASIFixtureSources, built with wasi-libc, run through the public API.
@Suite struct ProgramTests {
    @Test func argumentsAndEnvironmentAreExactlyTheEmbeddersAndNothingFromTheHost() throws {
        let result = try Fixtures.run(
            "args_env", arguments: ["one", "two three", ""], environment: [("B", "x=y"), ("A", "1")])
        #expect(
            result.stdout == """
                argc=4
                argv[0]=args_env
                argv[1]=one
                argv[2]=two three
                argv[3]=
                env B=x=y
                env A=1

                """)
        #expect(result.exitCode == 0)
        let bare = try Fixtures.run("args_env")
        #expect(bare.stdout == "argc=1\nargv[0]=args_env\n")
    }

    @Test func stdinIsTheEmbeddersBytesAndTheExitCodeComesBack() throws {
        let result = try Fixtures.run("stdin_exit", arguments: ["42"], stdin: Array("hello, wasi\n".utf8))
        #expect(result.stdout == "HELLO, WASI\n")
        #expect(result.stderr == "read 12 bytes\n")
        #expect(result.exitCode == 42)
        let empty = try Fixtures.run("stdin_exit")
        #expect(empty.stdout == "" && empty.stderr == "read 0 bytes\n" && empty.exitCode == 0)
    }

    @Test func procExitTrapsCarryingTheCodeWhenCalledDirectly() throws {
        let wasi = WASI(arguments: ["stdin_exit", "3"])
        var imports = Imports()
        wasi.link(into: &imports)
        let instance = try Store().instantiate(try Fixtures.module("stdin_exit"), imports: imports)
        do {
            _ = try instance.function(named: "_start")!.call()
            Issue.record("proc_exit should end the call")
        } catch let trap as Trap {
            #expect(trap.code == .hostError)
            #expect(trap.hostError as? WASIExit == WASIExit(code: 3))
        }
    }

    @Test func clocksAreVirtualAndRandomBytesAreTheSeededGenerators() throws {
        let result = try Fixtures.run("clock_random")
        var random = Lcg128Xsl64()
        var bytes = [UInt8](repeating: 0, count: 20)
        random.fill(&bytes)
        let hex = bytes.map { String($0 >> 4, radix: 16) + String($0 & 15, radix: 16) }.joined()
        #expect(
            result.stdout == """
                resolution 1 ns
                monotonic 0 realtime 0
                monotonic 1500000 realtime 1500000
                random \(hex)

                """)
        let later = try Fixtures.run("clock_random", clock: VirtualClock(start: 7_000_000_000))
        #expect(later.stdout.contains("monotonic 7000000000 realtime 7000000000\nmonotonic 7001500000"))
        let reseeded = try Fixtures.run("clock_random", clock: VirtualClock())
        #expect(reseeded == result)
    }

    static let filesOutput = """
        input: some input
        out.txt size 17 mtime 0
        /dir: . .. Mid alpha beta zeta
        /dir: . .. Mid alpha omega
        /: . .. input.txt out.txt

        """

    @Test func filesAndDirectoriesInMemory() throws {
        let root = WASIDirectory()
        try root.addFile(at: "input.txt", contents: Array("some input\n".utf8))
        let result = try Fixtures.run("files", preopens: [WASIPreopen(guestPath: "/", directory: root)])
        #expect(result.stdout == Self.filesOutput)
        #expect(result.exitCode == 0)
        #expect(root.contents(ofFileAt: "out.txt") == Array("hello WORLD\nmore\n".utf8))
        #expect(root.entries(ofDirectoryAt: "") == ["input.txt", "out.txt"])
    }

    @Test func filesAndDirectoriesOnTheHostAreMirrored() throws {
        let host = try Fixtures.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: host) }
        try Data("some input\n".utf8).write(to: host.appendingPathComponent("input.txt"))
        let root = try WASIDirectory(hostPath: host.path, writable: true)
        let result = try Fixtures.run("files", preopens: [WASIPreopen(guestPath: "/", directory: root)])
        #expect(result.stdout == Self.filesOutput)
        #expect(result.exitCode == 0)
        let written = try Data(contentsOf: host.appendingPathComponent("out.txt"))
        #expect(String(decoding: written, as: UTF8.self) == "hello WORLD\nmore\n")
        #expect(try FileManager.default.contentsOfDirectory(atPath: host.path).sorted() == ["input.txt", "out.txt"])
    }

    @Test func aHostDirectoryChangedOnlyInMemoryIsOnlyRead() throws {
        let host = try Fixtures.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: host) }
        try Data("some input\n".utf8).write(to: host.appendingPathComponent("input.txt"))
        let root = try WASIDirectory(hostPath: host.path, writable: true, mirrorsChanges: false)
        let result = try Fixtures.run("files", preopens: [WASIPreopen(guestPath: "/", directory: root)])
        #expect(result.stdout == Self.filesOutput)
        #expect(root.contents(ofFileAt: "out.txt") == Array("hello WORLD\nmore\n".utf8))
        #expect(try FileManager.default.contentsOfDirectory(atPath: host.path) == ["input.txt"])
    }

    @Test func aPreopenMayBeASymlinkToADirectory() throws {
        let host = try Fixtures.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: host) }
        let real = host.appendingPathComponent("real")
        try FileManager.default.createDirectory(at: real, withIntermediateDirectories: true)
        try Data("some input\n".utf8).write(to: real.appendingPathComponent("input.txt"))
        let link = host.appendingPathComponent("link").path
        try FileManager.default.createSymbolicLink(atPath: link, withDestinationPath: "real")
        let root = try WASIDirectory(hostPath: link, writable: true)
        let result = try Fixtures.run("files", preopens: [WASIPreopen(guestPath: "/", directory: root)])
        #expect(result.stdout == Self.filesOutput)
        #expect(FileManager.default.fileExists(atPath: real.appendingPathComponent("out.txt").path))
        #expect(throws: WASIErrno.noEntry) {
            try WASIDirectory(hostPath: real.appendingPathComponent("input.txt").path)
        }
    }

    @Test func aReadOnlyPreopenRefusesWritesAndTheHostStaysUnchanged() throws {
        let host = try Fixtures.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: host) }
        try Data("some input\n".utf8).write(to: host.appendingPathComponent("input.txt"))
        let root = try WASIDirectory(hostPath: host.path)
        let result = try Fixtures.run("files", preopens: [WASIPreopen(guestPath: "/", directory: root)])
        #expect(result.exitCode == 1)
        // Reading works; creating out.txt does not (wasi-libc reports the missing right as errno 76).
        #expect(result.stdout.hasPrefix("input: some input\nfailed: fd >= 0 (errno 76)"))
        #expect(try FileManager.default.contentsOfDirectory(atPath: host.path) == ["input.txt"])
    }

    /// What escape.c prints when every way out is refused: 76 is `notCapable`, 32 `loop`.
    static let escapeOutput = """
        inside.txt: 0
        sub/../inside.txt: 0
        ..: 76
        ../secret.txt: 76
        sub/../../secret.txt: 76
        /secret.txt: 76
        /etc/passwd: 76
        up/secret.txt: 76
        absolute (follow): 76
        up-file (follow): 76
        loop (follow): 32
        sub/back/inside.txt: 0
        symlink to /etc/passwd: 76
        rename out: 76

        """

    @Test func pathsCannotEscapeAnInMemoryPreopen() throws {
        let outer = WASIDirectory()
        try outer.addFile(at: "secret.txt", contents: Array("secret".utf8))
        try outer.addDirectory(at: "root")
        // The program's preopen is a subdirectory of a larger tree: `..` would reach secret.txt.
        let root = WASIDirectory()
        try root.addFile(at: "inside.txt", contents: Array("in".utf8))
        try root.addDirectory(at: "sub")
        try root.addSymlink(at: "up", target: "..")
        try root.addSymlink(at: "absolute", target: "/etc/passwd")
        try root.addSymlink(at: "up-file", target: "../secret.txt")
        try root.addSymlink(at: "loop", target: "loop")
        try root.addSymlink(at: "sub/back", target: "..")
        let result = try Fixtures.run("escape", preopens: [WASIPreopen(guestPath: "/", directory: root)])
        #expect(result.stdout == Self.escapeOutput)
        #expect(root.entries(ofDirectoryAt: "") == ["absolute", "inside.txt", "loop", "sub", "up", "up-file"])
    }

    @Test func pathsCannotEscapeAHostPreopenThroughSymlinks() throws {
        let host = try Fixtures.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: host) }
        let files = FileManager.default
        let root = host.appendingPathComponent("root")
        try files.createDirectory(at: root.appendingPathComponent("sub"), withIntermediateDirectories: true)
        try Data("secret".utf8).write(to: host.appendingPathComponent("secret.txt"))
        try Data("in".utf8).write(to: root.appendingPathComponent("inside.txt"))
        try files.createSymbolicLink(atPath: root.appendingPathComponent("up").path, withDestinationPath: "..")
        try files.createSymbolicLink(
            atPath: root.appendingPathComponent("absolute").path, withDestinationPath: "/etc/passwd")
        try files.createSymbolicLink(
            atPath: root.appendingPathComponent("up-file").path, withDestinationPath: "../secret.txt")
        try files.createSymbolicLink(atPath: root.appendingPathComponent("loop").path, withDestinationPath: "loop")
        try files.createSymbolicLink(atPath: root.appendingPathComponent("sub/back").path, withDestinationPath: "..")
        let directory = try WASIDirectory(hostPath: root.path, writable: true)
        let result = try Fixtures.run("escape", preopens: [WASIPreopen(guestPath: "/", directory: directory)])
        #expect(result.stdout == Self.escapeOutput)
        #expect(try files.contentsOfDirectory(atPath: host.path).sorted() == ["root", "secret.txt"])
        #expect(!files.fileExists(atPath: root.appendingPathComponent("made-absolute").path))
    }

    @Test(arguments: ["args_env", "stdin_exit", "clock_random", "files", "escape"])
    func twoRunsInFreshStoresAgreeOnOutputExitCodeAndCount(name: String) throws {
        func once() throws -> (RunResult, [String]?) {
            let root = WASIDirectory()
            try root.addFile(at: "input.txt", contents: Array("some input\n".utf8))
            try root.addFile(at: "inside.txt", contents: [])
            try root.addDirectory(at: "sub")
            let result = try Fixtures.run(
                name, arguments: ["5"], environment: [("K", "V")], stdin: Array("abc".utf8),
                preopens: [WASIPreopen(guestPath: "/", directory: root)])
            return (result, root.entries(ofDirectoryAt: ""))
        }
        let (first, firstTree) = try once()
        let (second, secondTree) = try once()
        #expect(first == second)
        #expect(firstTree == secondTree)
        #expect(first.instructions > 100)
    }
}
