import Foundation
import Testing

@testable import ReproWasm

/// Loading a module from a file, and what it says about itself before instantiation.
@Suite struct ModuleContentsTests {
    /// A fresh temporary directory for one test's files.
    private func temporaryDirectory() throws -> URL {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("repro-wasm-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
        return url
    }

    @Test func loadsAModuleFromAFile() throws {
        let directory = try temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let path = directory.appendingPathComponent("add.wasm").path
        try Data(APIFixtures.adder.bytes).write(to: URL(fileURLWithPath: path))
        let module = try Module(contentsOf: path)
        let store = Store()
        #expect(try store.instantiate(module).call("add", .i32(Int32(2)), .i32(Int32(3))) == [.i32(Int32(5))])
    }

    @Test func aLargeFileIsReadWhole() throws {
        // More than one 64 KiB read: a data segment of 200,000 bytes.
        let payload = (0..<200_000).map { UInt8(truncatingIfNeeded: $0 &* 7) }
        let bytes = WasmModule().memory(min: 4, export: "memory").data(at: 0, payload).bytes
        let directory = try temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let path = directory.appendingPathComponent("big.wasm").path
        try Data(bytes).write(to: URL(fileURLWithPath: path))
        #expect(try Module.readFile(path) == bytes)
        let memory = try #require(try Store().instantiate(Module(contentsOf: path)).memory(named: "memory"))
        #expect(try memory.read(at: 199_990, count: 10) == Array(payload[199_990...]))
    }

    @Test func aMissingFileIsUnreadable() throws {
        let error = #expect(throws: ModuleError.self) { try Module(contentsOf: "/nonexistent/dir/x.wasm") }
        guard case .unreadable(let failure)? = error else {
            Issue.record("expected .unreadable, got \(String(describing: error))")
            return
        }
        #expect(failure.path == "/nonexistent/dir/x.wasm")
        #expect(failure.errorNumber == 2)  // ENOENT
        #expect(error?.description == "cannot read /nonexistent/dir/x.wasm: No such file or directory")
    }

    @Test func aDirectoryIsUnreadable() throws {
        let directory = try temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let error = #expect(throws: ModuleError.self) { try Module(contentsOf: directory.path) }
        guard case .unreadable(let failure)? = error else {
            Issue.record("expected .unreadable, got \(String(describing: error))")
            return
        }
        #expect(failure.errorNumber == 21)  // EISDIR
    }

    @Test func anEmptyFileIsMalformed() throws {
        let directory = try temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let path = directory.appendingPathComponent("empty.wasm").path
        try Data().write(to: URL(fileURLWithPath: path))
        let error = #expect(throws: ModuleError.self) { try Module(contentsOf: path) }
        guard case .malformed(let decodeError)? = error else {
            Issue.record("expected .malformed, got \(String(describing: error))")
            return
        }
        #expect(decodeError.offset == 0)
    }

    /// A file that does not start with the magic is rejected after its first chunk: a sparse file of
    /// 1 GiB is never read whole (nothing is resident but that chunk).
    @Test func aLargeFileWithoutTheMagicIsRejectedAfterItsFirstChunk() throws {
        let directory = try temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let path = directory.appendingPathComponent("large.bin").path
        #expect(FileManager.default.createFile(atPath: path, contents: Data("not a module".utf8)))
        let handle = try #require(FileHandle(forWritingAtPath: path))
        try handle.truncate(atOffset: 1 << 30)
        try handle.close()
        let error = #expect(throws: ModuleError.self) { try Module(contentsOf: path) }
        guard case .malformed(let decodeError)? = error else {
            Issue.record("expected .malformed, got \(String(describing: error))")
            return
        }
        #expect(decodeError.reason == .magicHeaderNotDetected)
        #expect(decodeError.offset == 0)
        #expect(try Module.readFile(path).count == 1 << 16)
    }

    @Test func invalidModulesSayWhereAndWhy() throws {
        // `i32.add` with nothing on the stack.
        let bytes = WasmModule().function(.voidToI32, body: Asm.op("i32.add")).bytes
        let error = #expect(throws: ModuleError.self) { try Module(bytes: bytes) }
        guard case .invalid(let validationError)? = error else {
            Issue.record("expected .invalid, got \(String(describing: error))")
            return
        }
        #expect(validationError.functionIndex == 0)
        #expect(error?.description.contains("at offset 0x") == true)
        #expect(error?.description.contains("\n") == false)
    }

    @Test func importsAndExportsHaveTheirTypes() throws {
        let bytes = ModuleBuilder()
            .types([.i32ToI32])
            .imports([
                ("env", "f", [ExternalKind.function.rawValue, 0]),
                ("env", "memory", APIFixtures.memoryImport(1, 2)),
                ("env", "table", APIFixtures.tableImport(3)),
                ("env", "g", APIFixtures.globalImport(.i64, mutable: true)),
            ])
            .functions([0])
            .exports([
                ("f", .function, 0), ("double", .function, 1), ("mem", .memory, 0), ("tab", .table, 0),
                ("g", .global, 0),
            ])
            .code([WasmBytes.body(Asm.localGet(0) + Asm.localGet(0) + Asm.op("i32.add") + Asm.end)])
            .bytes
        let module = try Module(bytes: bytes)
        #expect(
            module.imports == [
                ImportType(module: "env", name: "f", type: .function(.i32ToI32)),
                ImportType(module: "env", name: "memory", type: .memory(MemoryType(limits: Limits(min: 1, max: 2)))),
                ImportType(
                    module: "env", name: "table", type: .table(TableType(elementType: .funcRef, limits: Limits(min: 3)))
                ),
                ImportType(module: "env", name: "g", type: .global(GlobalType(valueType: .i64, isMutable: true))),
            ])
        #expect(module.exports.map(\.name) == ["f", "double", "mem", "tab", "g"])
        #expect(module.exports.map(\.type.kind) == [.function, .function, .memory, .table, .global])
        #expect(module.exports[1].type == .function(.i32ToI32))
        #expect(
            module.imports.map(\.description) == [
                "\"env\" \"f\": func (i32) -> (i32)", "\"env\" \"memory\": memory 1 2",
                "\"env\" \"table\": table 3 funcref",
                "\"env\" \"g\": global (mut i64)",
            ])
        #expect(module.exports[0].description == "\"f\": func (i32) -> (i32)")
    }

    @Test func customSectionsAreReadableByName() throws {
        let bytes = APIFixtures.adder.bytes(appending: [
            ("producers", [1, 2, 3]), ("other", [9]), ("producers", [4]),
        ])
        let module = try Module(bytes: bytes)
        #expect(module.customSections(named: "producers") == [[1, 2, 3], [4]])
        #expect(module.customSections(named: "other") == [[9]])
        #expect(module.customSections(named: "missing") == [])
        #expect(module.customSectionNames == ["name", "producers", "other", "producers"])
    }

    @Test func theNameSectionGivesModuleAndFunctionNames() throws {
        let bytes = WasmModule().function(.void, body: []).function(.void, body: [])
            .bytes(appending: [("name", APIFixtures.nameSection(module: "demo", functions: [(1, "second")]))])
        let module = try Module(bytes: bytes)
        #expect(module.name == "demo")
        #expect(module.functionName(at: 1) == "second")
        #expect(module.functionName(at: 0) == nil)
        #expect(module.functionNames == [1: "second"])
        #expect(try Module(bytes: WasmModule().bytes).name == nil)
    }
}
