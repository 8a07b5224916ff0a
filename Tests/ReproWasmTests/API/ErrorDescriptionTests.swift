import Testing

@testable import ReproWasm

/// Every public error describes itself in one line.
@Suite struct ErrorDescriptionTests {
    static let errors: [any Error & CustomStringConvertible] = [
        ModuleError.unreadable(FileReadError(path: "x.wasm", errorNumber: 2)),
        ModuleError.malformed(DecodeError(.unexpectedEnd, at: 3)),
        ModuleError.invalid(ValidationError(.unknownLocal(4), at: 9, function: 0)),
        FileReadError(path: "x.wasm", errorNumber: 13),
        FileReadError(path: "x.wasm", errorNumber: -1),
        LinkError(.unknownImport, module: "env", name: "f", expected: .function(.void)),
        LinkError(
            .incompatibleImportType(actual: .memory(MemoryType(limits: Limits(min: 1)))), module: "a", name: "b",
            expected: .table(TableType(elementType: .funcRef, limits: Limits(min: 1, max: 2)))),
        LinkError(
            .foreignStore, module: "a", name: "b", expected: .global(GlobalType(valueType: .f32, isMutable: false))),
        LinkError(
            .resourceLimit(limit: 2), module: "", name: "", expected: .memory(MemoryType(limits: Limits(min: 3)))),
        InstantiationError.trap(Trap(code: .unreachable, functionIndex: 3, functionName: "f", codeOffset: 2)),
        Trap(code: .hostError, hostError: HostFailure(reason: "x")),
        TrapCode.outOfFuel,
        AccessError.memoryOutOfBounds(offset: 1, count: 2, byteCount: 3),
        AccessError.tableOutOfBounds(index: 1, count: 1),
        AccessError.typeMismatch(expected: [.i32], actual: []),
        AccessError.signatureMismatch(expected: .void, actual: .i32ToI32),
        AccessError.immutableGlobal,
        AccessError.foreignStore,
    ]

    @Test(arguments: 0..<errors.count)
    func describesItselfInOneLine(index: Int) {
        let text = Self.errors[index].description
        #expect(!text.isEmpty)
        #expect(!text.contains("\n"))
        #expect("\(Self.errors[index])" == text)
    }

    @Test func fileErrorsUseTheSystemsWords() {
        #expect(FileReadError(path: "x.wasm", errorNumber: 13).description == "cannot read x.wasm: Permission denied")
    }
}
