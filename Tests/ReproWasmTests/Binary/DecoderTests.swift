import Testing

@testable import ReproWasm

/// Decodes `bytes` with the deterministic profile.
private func decode(_ bytes: [UInt8]) throws(DecodeError) -> ParsedModule {
    try decodeModule(bytes, features: .deterministic)
}

/// Expects decoding to fail with exactly `reason` at `offset`.
private func expectFailure(
    _ bytes: [UInt8], _ reason: DecodeError.Reason, at offset: Int, sourceLocation: SourceLocation = #_sourceLocation
) {
    #expect(throws: DecodeError(reason, at: offset), sourceLocation: sourceLocation) { try decode(bytes) }
}

private let voidType = FunctionType()
private let emptyBody = WasmBytes.body([0x0B])

@Suite struct HeaderTests {
    @Test func emptyModule() throws {
        let module = try decode(WasmBytes.header)
        #expect(module.types.isEmpty && module.bodies.isEmpty && module.customSections.isEmpty)
        #expect(module.bytes == WasmBytes.header)
    }

    @Test(
        arguments: [
            ([] as [UInt8], DecodeError(.unexpectedEnd, at: 0)),
            ([0x00, 0x61, 0x73], DecodeError(.unexpectedEnd, at: 0)),
            ([0x00, 0x61, 0x73, 0x6D, 0x01], DecodeError(.unexpectedEnd, at: 4)),
            ([0x00, 0x41, 0x53, 0x4D, 0x01, 0x00, 0x00, 0x00], DecodeError(.magicHeaderNotDetected, at: 0)),
            ([0x00, 0x61, 0x73, 0x6D, 0x02, 0x00, 0x00, 0x00], DecodeError(.unknownBinaryVersion, at: 4)),
            ([0x00, 0x61, 0x73, 0x6D, 0x01, 0x00, 0x01, 0x00], DecodeError(.unknownBinaryVersion, at: 4)),
        ] as [([UInt8], DecodeError)])
    func rejectsBadHeaders(bytes: [UInt8], error: DecodeError) {
        #expect(throws: error) { try decode(bytes) }
    }
}

@Suite struct SectionFramingTests {
    @Test func sectionIDsAbove13AreMalformed() {
        expectFailure(WasmBytes.header + [0x0E, 0x01, 0x00], .malformedSectionID(14), at: 8)
        expectFailure(WasmBytes.header + [0x80, 0x01, 0x00], .malformedSectionID(0x80), at: 8)
    }

    @Test func duplicateSectionIsContentAfterTheLast() {
        let bytes = ModuleBuilder().types([]).types([]).bytes
        expectFailure(bytes, .unexpectedContentAfterLastSection, at: 11)
    }

    @Test func dataCountGoesBetweenElementAndCode() throws {
        // Data count (12) after element (9) and before code (10): in order despite its id.
        let ordered = ModuleBuilder().elements([]).dataCount(0).code([]).bytes
        #expect(try decode(ordered).dataCount == 0)
        let misordered = ModuleBuilder().code([]).dataCount(0).bytes
        expectFailure(misordered, .unexpectedContentAfterLastSection, at: 11)
    }

    @Test func customSectionsMayAppearAnywhere() throws {
        let bytes = ModuleBuilder()
            .custom("a", [1, 2])
            .types([voidType])
            .custom("b")
            .functions([0])
            .code([emptyBody])
            .custom("c", [3])
            .bytes
        let module = try decode(bytes)
        #expect(module.customSections.map(\.name) == ["a", "b", "c"])
        let payload = module.customSections[0].payload
        #expect(Array(bytes[payload]) == [1, 2])
    }

    @Test func sizeLargerThanContentIsMismatch() {
        // Type section declaring 2 bytes of content but holding a 1-byte empty vector plus 1 stray byte,
        // which is read as the next section's id.
        expectFailure(WasmBytes.header + [0x01, 0x02, 0x00, 0x00], .sectionSizeMismatch, at: 10)
    }

    @Test func sizeBeyondTheModuleIsOutOfBounds() {
        expectFailure(WasmBytes.header + [0x01, 0x05, 0x00], .lengthOutOfBounds, at: 9)
    }

    @Test func countTooHighReadsIntoTheNextSection() {
        // 2 types declared, 1 given, then an end of module: the second read runs out.
        expectFailure(
            WasmBytes.header + [0x01, 0x04, 0x02, 0x60, 0x00, 0x00], .unexpectedEndOfSectionOrFunction, at: 14)
    }

    @Test func tagSectionDecodes() throws {
        // Two tags: attribute 0 (exception), type indices 0 and 3.
        let module = try decodeModule(WasmBytes.header + [0x0D, 0x05, 0x02, 0x00, 0x00, 0x00, 0x03], features: .full)
        #expect(module.tags == [0, 3])
    }

    @Test func tagAttributeMustBeZero() {
        expectFailure(WasmBytes.header + [0x0D, 0x03, 0x01, 0x01, 0x00], .malformedTagAttribute(1), at: 11)
    }

    @Test func customSectionNameMustFit() {
        // Size 0, but the name's length byte is read anyway and overruns the section.
        expectFailure(WasmBytes.header + [0x00, 0x00, 0x00, 0x05], .unexpectedEndOfSectionOrFunction, at: 10)
    }
}

@Suite struct SectionContentTests {
    @Test func typesFunctionsAndCode() throws {
        let type = FunctionType(parameters: [.i32, .f64], results: [.v128])
        let body = WasmBytes.body(locals: [(2, .i64), (1, .externRef)], [0x20, 0x00, 0x0B])
        let bytes = ModuleBuilder().types([type]).functions([0]).code([body]).bytes
        let module = try decode(bytes)
        #expect(module.types == [type])
        #expect(module.functionTypeIndices == [0])
        let decoded = try #require(module.bodies.first)
        #expect(decoded.localCount == 3)
        #expect(decoded.locals.map(\.count) == [2, 1] && decoded.locals.map(\.type) == [.i64, .externRef])
        // The range covers the instructions exactly, final `end` included.
        #expect(Array(bytes[decoded.code]) == [0x20, 0x00, 0x0B])
        #expect(decoded.code.upperBound == bytes.count)
        #expect(module.bodyOffsets == [bytes.count - body.count])
    }

    @Test func imports() throws {
        let bytes = ModuleBuilder()
            .types([voidType])
            .imports([
                ("env", "f", [0x00, 0x00]),
                ("env", "t", [0x01, 0x70] + WasmBytes.limits(1, 10)),
                ("env", "m", [0x02] + WasmBytes.limits(1)),
                ("env", "g", [0x03, 0x7E, 0x01]),
            ])
            .bytes
        let module = try decode(bytes)
        #expect(
            module.imports.map(\.descriptor) == [
                .function(typeIndex: 0),
                .table(TableType(elementType: .funcRef, limits: Limits(min: 1, max: 10))),
                .memory(MemoryType(limits: Limits(min: 1))),
                .global(GlobalType(valueType: .i64, isMutable: true)),
            ])
        #expect(module.imports.map(\.name) == ["f", "t", "m", "g"])
        #expect(module.importedFunctionCount == 1 && module.importedGlobalCount == 1)
    }

    @Test(
        arguments: [(0x05, .malformedImportKind(5)), (0x06, .malformedImportKind(6))]
            as [(UInt8, DecodeError.Reason)])
    func importKinds(kind: UInt8, reason: DecodeError.Reason) {
        let bytes = ModuleBuilder().imports([("", "", [kind])]).bytes
        expectFailure(bytes, reason, at: 13)
    }

    @Test func tablesAndMemories() throws {
        let bytes = ModuleBuilder()
            .tables([[0x70] + WasmBytes.limits(0), [0x6F] + WasmBytes.limits(2, 3)])
            .memories([WasmBytes.limits(1, 2), WasmBytes.limits(0)])
            .bytes
        let module = try decode(bytes)
        #expect(module.tables.map(\.elementType) == [.funcRef, .externRef])
        #expect(module.tables[1].limits == Limits(min: 2, max: 3))
        #expect(module.memories.map(\.limits) == [Limits(min: 1, max: 2), Limits(min: 0)])
    }

    @Test func limitsAreU64() throws {
        // WebAssembly 3.0 encodes limits as u64; the validator checks the range.
        let bytes = ModuleBuilder().memories([[0x00] + WasmBytes.unsigned(1 << 40)]).bytes
        #expect(try decode(bytes).memories[0].limits.min == 1 << 40)
    }

    @Test(
        arguments: [
            (0x02, .unsupportedFeature(.threads)),
            (0x03, .unsupportedFeature(.threads)),
            (0x04, .unsupportedFeature(.memory64)),
            (0x08, .malformedLimitsFlags(0x08)),
            (0x10, .malformedLimitsFlags(0x10)),
            (0x81, .malformedLimitsFlags(0x81)),
        ] as [(UInt8, DecodeError.Reason)])
    func memoryLimitsFlags(flags: UInt8, reason: DecodeError.Reason) {
        let bytes = ModuleBuilder().memories([[flags, 0x00, 0x00]]).bytes
        expectFailure(bytes, reason, at: 11)
    }

    @Test func globals() throws {
        let bytes = ModuleBuilder().globals([
            [0x7F, 0x00] + WasmBytes.i32Const(-5), [0x7D, 0x01, 0x43, 0, 0, 0x80, 0x3F, 0x0B],
        ]).bytes
        let module = try decode(bytes)
        #expect(
            module.globals.map(\.type) == [
                GlobalType(valueType: .i32, isMutable: false), GlobalType(valueType: .f32, isMutable: true),
            ])
        #expect(Array(bytes[module.globals[0].initializer.range]) == WasmBytes.i32Const(-5))
        #expect(Array(bytes[module.globals[1].initializer.range]) == [0x43, 0, 0, 0x80, 0x3F, 0x0B])
    }

    @Test func malformedMutability() {
        let bytes = ModuleBuilder().globals([[0x7F, 0x02] + WasmBytes.i32Const(0)]).bytes
        expectFailure(bytes, .malformedMutability(2), at: 12)
    }

    @Test(
        arguments: [
            (0x6E, .unsupportedFeature(.gc)),
            (0x71, .unsupportedFeature(.gc)),
            (0x62, .malformedValueType(0x62)),
            (0x40, .malformedValueType(0x40)),
        ] as [(UInt8, DecodeError.Reason)])
    func valueTypes(byte: UInt8, reason: DecodeError.Reason) {
        let bytes = ModuleBuilder().section(1, [0x01, 0x60, 0x01, byte, 0x00]).bytes
        expectFailure(bytes, reason, at: 13)
    }

    @Test func gcTypesAreUnsupportedButCheckedForMalformedFields() {
        let array = ModuleBuilder().section(1, [0x01, 0x5E, 0x78, 0x01]).bytes
        expectFailure(array, .unsupportedFeature(.gc), at: 11)
        let badField = ModuleBuilder().section(1, [0x01, 0x5E, 0x78, 0x02]).bytes
        expectFailure(badField, .malformedMutability(2), at: 13)
        let longForm = ModuleBuilder().section(1, [0x01, 0xE0, 0x7F, 0x00, 0x00]).bytes
        expectFailure(longForm, .integerRepresentationTooLong, at: 12)
    }

    @Test func exportsAndStart() throws {
        let bytes = ModuleBuilder()
            .types([voidType])
            .functions([0])
            .exports([("run", .function, 0), ("mem", .memory, 0)])
            .start(0)
            .code([emptyBody])
            .bytes
        let module = try decode(bytes)
        #expect(
            module.exports == [
                Export(name: "run", kind: .function, index: 0), Export(name: "mem", kind: .memory, index: 0),
            ])
        #expect(module.start == 0)
    }

    @Test func functionAndCodeCountsMustAgree() {
        let bytes = ModuleBuilder().types([voidType]).functions([0, 0]).code([emptyBody]).bytes
        expectFailure(bytes, .functionAndCodeSectionInconsistent, at: bytes.count)
    }

    @Test func tooManyLocals() {
        // The engine's limit (50,000), well below the spec's 2^32 - 1.
        let body = WasmBytes.body(locals: [(40_000, .i32), (10_001, .i64)], [0x0B])
        let bytes = ModuleBuilder().types([voidType]).functions([0]).code([body]).bytes
        let localsOffset = bytes.count - body.count + WasmBytes.u32(body.count - 1).count
        expectFailure(bytes, .tooManyLocals, at: localsOffset)
        let fits = WasmBytes.body(locals: [(40_000, .i32), (10_000, .i64)], [0x0B])
        #expect(throws: Never.self) { try decode(ModuleBuilder().types([voidType]).functions([0]).code([fits]).bytes) }
    }

    @Test func bodyWithoutEndIsLeftToTheValidator() throws {
        // The decoder frames bodies by size; the validator reads the instructions.
        let body = WasmBytes.body([0x41, 0x01, 0x1A])
        let bytes = ModuleBuilder().types([voidType]).functions([0, 0]).code([body, emptyBody]).bytes
        let module = try decode(bytes)
        #expect(Array(bytes[module.bodies[0].code]) == [0x41, 0x01, 0x1A])
    }

    @Test func malformedBodyIsReportedBeforeALaterError() {
        // Body 0's i32.const immediate runs on with a continuation byte into what would be body 1; decoding
        // later fails (no data section for the data count), but the spec's decoder would stop in the body.
        let body = WasmBytes.body([0x41, 0x80, 0x80, 0x80, 0x80, 0x80, 0x00, 0x0B])
        let bytes = ModuleBuilder().types([voidType]).functions([0]).dataCount(1).code([body]).bytes
        // The sixth byte of the s32 (the `0x00` before the final `end`) is one too many.
        expectFailure(bytes, .integerRepresentationTooLong, at: bytes.count - 2)
    }
}

@Suite struct SegmentTests {
    @Test func allEightElementEncodings() throws {
        let offset = WasmBytes.i32Const(0)
        let refFunc: [UInt8] = [0xD2, 0x00, 0x0B]
        let refNull: [UInt8] = [0xD0, 0x6F, 0x0B]
        let segments: [[UInt8]] = [
            [0x00] + offset + WasmBytes.vector([[0x00]]),
            [0x01, 0x00] + WasmBytes.vector([[0x00], [0x00]]),
            [0x02, 0x01] + offset + [0x00] + WasmBytes.vector([[0x00]]),
            [0x03, 0x00] + WasmBytes.vector([[0x00]]),
            [0x04] + offset + WasmBytes.vector([refFunc]),
            [0x05, 0x6F] + WasmBytes.vector([refNull, refNull]),
            [0x06, 0x02] + offset + [0x70] + WasmBytes.vector([refFunc]),
            [0x07, 0x70] + WasmBytes.vector([refFunc]),
        ]
        let bytes = ModuleBuilder().types([voidType]).functions([0]).elements(segments).code([emptyBody]).bytes
        let elements = try decode(bytes).elements
        #expect(elements.count == 8)
        #expect(
            elements.map(\.type) == [
                .ref(.function), .ref(.function), .ref(.function), .ref(.function), .funcRef, .externRef, .funcRef,
                .funcRef,
            ])
        #expect(elements.map(\.count) == [1, 2, 1, 1, 1, 2, 1, 1])
        let modes = elements.map { segment in
            switch segment.mode {
            case .passive: "passive"
            case .declarative: "declarative"
            case .active(let table, _): "active \(table)"
            }
        }
        #expect(
            modes == [
                "active 0", "passive", "active 1", "declarative", "active 0", "passive", "active 2", "declarative",
            ])
        guard case .expressions(let expressions) = elements[5].items else {
            Issue.record("expected expressions")
            return
        }
        #expect(expressions.map { Array(bytes[$0.range]) } == [refNull, refNull])
    }

    @Test func elementErrors() {
        let badKind = ModuleBuilder().elements([[0x01, 0x01, 0x00]]).bytes
        expectFailure(badKind, .malformedElementKind(1), at: 12)
        let badType = ModuleBuilder().elements([[0x05, 0x7F, 0x00]]).bytes
        expectFailure(badType, .malformedReferenceType(0x7F), at: 12)
        let badFlags = ModuleBuilder().elements([[0x08]]).bytes
        expectFailure(badFlags, .malformedSegmentFlags(8), at: 11)
        // A typed reference's heap type from the GC proposal is named as such.
        let gcReference = ModuleBuilder().elements([[0x05, 0x64, 0x6E, 0x00]]).bytes
        expectFailure(gcReference, .unsupportedFeature(.gc), at: 13)
    }

    @Test func dataSegments() throws {
        let bytes = ModuleBuilder()
            .memories([WasmBytes.limits(1)])
            .dataCount(3)
            .data([
                [0x00] + WasmBytes.i32Const(8) + WasmBytes.vector([[0xAA], [0xBB]]),
                [0x01] + WasmBytes.vector([[0xCC]]),
                [0x02, 0x01] + WasmBytes.i32Const(0) + WasmBytes.vector([]),
            ])
            .bytes
        let module = try decode(bytes)
        #expect(module.data.map { Array(bytes[$0.bytes]) } == [[0xAA, 0xBB], [0xCC], []])
        #expect(module.data[1].mode == .passive)
        guard case .active(let memory, let offset) = module.data[2].mode else {
            Issue.record("expected active")
            return
        }
        #expect(memory == 1)
        #expect(Array(bytes[offset.range]) == WasmBytes.i32Const(0))
    }

    @Test func dataCountMustMatch() {
        let bytes = ModuleBuilder().dataCount(2).data([[0x01, 0x00]]).bytes
        expectFailure(bytes, .dataCountAndDataSectionInconsistent, at: bytes.count)
        let withoutData = ModuleBuilder().dataCount(1).bytes
        expectFailure(withoutData, .dataCountAndDataSectionInconsistent, at: withoutData.count)
    }

    @Test func nonConstantInstructionsStayInTheRangeForTheValidator() throws {
        // `i32.const 0; i32.ctz; end` and `nop; end`: not constant, but well formed, so decoding continues
        // and the validator reports "constant expression required".
        let expressions: [[UInt8]] = [[0x41, 0x00, 0x68, 0x0B], [0x01, 0x0B], [0x02, 0x40, 0x0B, 0x41, 0x00, 0x0B]]
        let bytes = ModuleBuilder().globals(expressions.map { [0x7F, 0x00] + $0 }).bytes
        let module = try decode(bytes)
        #expect(module.globals.map { Array(bytes[$0.initializer.range]) } == expressions)
    }

    @Test func constantExpressionErrors() {
        let illegal = ModuleBuilder().globals([[0x7F, 0x00, 0xF3, 0x0B]]).bytes
        expectFailure(illegal, .illegalOpcode("f3"), at: 13)
        let unterminated = ModuleBuilder().globals([[0x7F, 0x00, 0x41, 0x00]]).bytes
        expectFailure(unterminated, .unexpectedEndOfSectionOrFunction, at: unterminated.count)
        let strayElse = ModuleBuilder().globals([[0x7F, 0x00, 0x05, 0x0B]]).bytes
        expectFailure(strayElse, .endOpcodeExpected, at: 13)
    }

    @Test func v128ConstInConstantExpression() throws {
        let v128Const: [UInt8] = [0xFD, 0x0C] + Array(repeating: 0xFF, count: 16) + [0x0B]
        let bytes = ModuleBuilder().globals([[0x7B, 0x00] + v128Const]).bytes
        let module = try decode(bytes)
        #expect(Array(bytes[module.globals[0].initializer.range]) == v128Const)
    }
}
