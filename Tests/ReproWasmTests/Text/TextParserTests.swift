import Testing

@testable import ReproWasm

/// Text -> binary -> decode: the decoded structure must be what the text says.
@Suite struct TextRoundTripTests {
    private func decoded(_ text: String) throws -> ParsedModule {
        try decodeModule(try wat2wasm(text), features: .full)
    }

    /// The instructions of defined function `index`, final `end` included.
    private func code(_ module: ParsedModule, _ index: Int = 0) -> [UInt8] {
        Array(module.bytes[module.bodies[index].code])
    }

    @Test func implicitTypesComeAfterTheExplicitOnesAndAreReused() throws {
        let module = try decoded(
            """
            (module
              (func (param i32))
              (type $r (func (result i32)))
              (func (result i32) i32.const 0)
              (func (param i32))
              (func (type $r) (result i32) i32.const 0)
              (func (param $x i32) (result i64) i64.const 0)
            )
            """)
        #expect(
            module.types == [
                FunctionType(results: [.i32]), FunctionType(parameters: [.i32]),
                FunctionType(parameters: [.i32], results: [.i64]),
            ])
        #expect(module.functionTypeIndices == [1, 0, 1, 0, 2])
    }

    @Test func inlineImportsAndExportsExpand() throws {
        let module = try decoded(
            """
            (module
              (func $log (import "env" "log") (param i32))
              (global $g (export "g") (import "env" "g") (mut i64))
              (memory (export "mem") (export "memory") 1 2)
              (func (export "run") (call $log (i32.const 1)))
              (export "log" (func $log))
            )
            """)
        #expect(
            module.imports == [
                Import(module: "env", name: "log", descriptor: .function(typeIndex: 0)),
                Import(module: "env", name: "g", descriptor: .global(GlobalType(valueType: .i64, isMutable: true))),
            ])
        #expect(module.memories == [MemoryType(limits: Limits(min: 1, max: 2))])
        #expect(
            module.exports == [
                Export(name: "g", kind: .global, index: 0), Export(name: "mem", kind: .memory, index: 0),
                Export(name: "memory", kind: .memory, index: 0), Export(name: "run", kind: .function, index: 1),
                Export(name: "log", kind: .function, index: 0),
            ])
        #expect(code(module) == [0x41, 0x01, 0x10, 0x00, 0x0B])
    }

    @Test func inlineSegmentsSizeTheirTableAndMemory() throws {
        let module = try decoded(
            """
            (module
              (func $a) (func $b)
              (table $t funcref (elem $b $a $b))
              (memory (data "hello" "\\ff"))
              (elem $e func $a)
              (func (elem.drop $e) (elem.drop 0))
            )
            """)
        #expect(module.tables == [TableType(elementType: .funcRef, limits: Limits(min: 3, max: 3))])
        #expect(module.elements.count == 2)
        #expect(module.elements[0].items == .functions([1, 0, 1]))
        #expect(module.elements[1].mode == .passive)
        #expect(module.memories == [MemoryType(limits: Limits(min: 1, max: 1))])
        #expect(Array(module.bytes[module.data[0].bytes]) == Array("hello".utf8) + [0xFF])
        // `$e` is the second element segment: the table's inline one is the first.
        #expect(code(module, 2) == [0xFC, 0x0D, 0x01, 0xFC, 0x0D, 0x00, 0x0B])
    }

    @Test func foldedAndFlatInstructionsEncodeAlike() throws {
        let flat = try decoded(
            """
            (func (param i32) (result i32)
              block $out (result i32)
                local.get 0
                if (result i32) i32.const 1 else i32.const 2 end
              end)
            """)
        let folded = try decoded(
            """
            (func (param i32) (result i32)
              (block $out (result i32)
                (if (result i32) (local.get 0) (then (i32.const 1)) (else (i32.const 2)))))
            """)
        let expected: [UInt8] = [0x02, 0x7F, 0x20, 0x00, 0x04, 0x7F, 0x41, 0x01, 0x05, 0x41, 0x02, 0x0B, 0x0B, 0x0B]
        #expect(code(flat) == expected)
        #expect(code(folded) == expected)
    }

    @Test func labelsResolveToDepthsInnermostFirst() throws {
        let module = try decoded(
            "(func block $a block $b br $a br $b br 0 end block $a br $a end end loop $l br_table $l $l 0 end)")
        #expect(
            code(module) == [
                0x02, 0x40, 0x02, 0x40, 0x0C, 0x01, 0x0C, 0x00, 0x0C, 0x00, 0x0B, 0x02, 0x40, 0x0C, 0x00, 0x0B, 0x0B,
                0x03, 0x40, 0x0E, 0x02, 0x00, 0x00, 0x00, 0x0B, 0x0B,
            ])
    }

    /// Instructions and their expected encodings, inside a module that defines what they name.
    static let immediateCases: [(String, [UInt8])] = [
        ("i32.load offset=8 align=2", [0x28, 0x01, 0x08]),
        ("i64.store $m1 offset=0x10", [0x37, 0x43, 0x01, 0x10]),
        ("i32.load8_u 1", [0x2D, 0x40, 0x01, 0x00]),
        ("v128.load8_lane 1 3", [0xFD, 0x54, 0x40, 0x01, 0x00, 0x03]),
        ("v128.load8_lane 3", [0xFD, 0x54, 0x00, 0x00, 0x03]),
        ("v128.store16_lane offset=2 7", [0xFD, 0x59, 0x01, 0x02, 0x07]),
        ("memory.copy $m1 0", [0xFC, 0x0A, 0x01, 0x00]),
        ("memory.init $m1 $d", [0xFC, 0x08, 0x00, 0x01]),
        ("memory.init $d", [0xFC, 0x08, 0x00, 0x00]),
        ("table.init $t1 $e", [0xFC, 0x0C, 0x00, 0x01]),
        ("table.copy", [0xFC, 0x0E, 0x00, 0x00]),
        ("table.get $t1", [0x25, 0x01]),
        ("call_indirect $t1 (type $sig)", [0x11, 0x00, 0x01]),
        ("call_indirect (param i32) (result i64)", [0x11, 0x01, 0x00]),
        ("select (result i32)", [0x1C, 0x01, 0x7F]),
        ("select", [0x1B]),
        ("ref.null extern", [0xD0, 0x6F]),
        ("ref.func $f", [0xD2, 0x00]),
        ("i32.const -1", [0x41, 0x7F]),
        ("i64.const 0x8000_0000_0000_0000", [0x42, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x7F]),
        ("f32.const nan:0x1", [0x43, 0x01, 0x00, 0x80, 0x7F]),
        ("f64.const -0", [0x44, 0, 0, 0, 0, 0, 0, 0, 0x80]),
        (
            "v128.const i16x8 1 -1 0 0 0 0 0 0x8000",
            [0xFD, 0x0C, 1, 0, 0xFF, 0xFF, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0x00, 0x80]
        ),
        (
            "v128.const f32x4 1 -0 inf nan:0x1",
            [0xFD, 0x0C, 0, 0, 0x80, 0x3F, 0, 0, 0, 0x80, 0, 0, 0x80, 0x7F, 1, 0, 0x80, 0x7F]
        ),
        (
            "i8x16.shuffle 0 1 2 3 4 5 6 7 8 9 10 11 12 13 14 31",
            [0xFD, 0x0D, 0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 31]
        ),
        ("i8x16.extract_lane_u 15", [0xFD, 0x16, 0x0F]),
        ("i32.trunc_sat_f64_u", [0xFC, 0x03]),
        ("i64.mul_wide_s", [0xFC, 0x15]),
    ]

    @Test(arguments: immediateCases)
    func immediatesEncode(instruction: String, expected: [UInt8]) throws {
        let module = try decoded(
            """
            (module
              (type $sig (func))
              (memory 1) (memory $m1 1)
              (table 1 funcref) (table $t1 1 funcref)
              (data $d "") (elem $e func $f)
              (func $f \(instruction))
            )
            """)
        #expect(code(module) == expected + [0x0B])
    }

    @Test func binaryAndQuotedModules() throws {
        #expect(try wat2wasm("(module binary \"\\00asm\" \"\\01\\00\\00\\00\")") == [0, 0x61, 0x73, 0x6D, 1, 0, 0, 0])
        let quoted = try wat2wasm("(module quote \"(func (export \\\"f\\\")\" \")\")")
        #expect(quoted == (try wat2wasm("(module (func (export \"f\")))")))
        // A bare list of fields is a module too.
        #expect(try wat2wasm("(func (export \"f\"))") == quoted)
    }

    @Test func namesGoToTheNameSection() throws {
        let module = try decoded("(module $demo (func $first) (func) (func $third))")
        #expect(module.names?.moduleName == "demo")
        #expect(module.names?.functionNames == [0: "first", 2: "third"])
    }

    @Test func aModuleFromTextRuns() throws {
        let module = try Module(
            wat: """
                (module
                  (func $fac (export "fac") (param $n i64) (result i64)
                    (if (result i64) (i64.eqz (local.get $n))
                      (then (i64.const 1))
                      (else (i64.mul (local.get $n) (call $fac (i64.sub (local.get $n) (i64.const 1))))))))
                """)
        let instance = try Store().instantiate(module)
        let results = try instance.function(named: "fac")?.call([.i64(UInt64(20))])
        #expect(results?.first?.i64 == 2_432_902_008_176_640_000)
    }

    @Test func moduleReportsMalformedTextWithItsPosition() {
        #expect(
            throws: ModuleError.malformedText(TextError(.unknownOperator("i32.konst"), line: 2, column: 9))
        ) {
            try Module(wat: "(module\n  (func i32.konst 1))")
        }
    }
}

/// Malformed text: the reason in the spec's words, and where.
@Suite struct TextErrorTests {
    /// Text, the reason, and the line and column it is reported at.
    static let cases: [(String, TextError.Reason, Int, Int)] = [
        ("(module (func i32.konst 1))", .unknownOperator("i32.konst"), 1, 15),
        ("(module\n  (func $f)\n  (func $f))", .duplicateIdentifier(space: "func", name: "f"), 3, 9),
        ("(module (func (local $x i32) (local $x i64)))", .duplicateIdentifier(space: "local", name: "x"), 1, 37),
        ("(module (func br $nowhere))", .unknownLabel("nowhere"), 1, 18),
        ("(module (func (call $g)))", .unknownIdentifier(space: "func", name: "g"), 1, 21),
        ("(module (func (drop (i32.const 0x1_0000_0000))))", .constantOutOfRange(""), 1, 32),
        ("(module (func (drop (f32.const 0x1p128))))", .constantOutOfRange(""), 1, 32),
        ("(module (func (drop (i32.const 0x1__0))))", .unknownOperator("0x1__0"), 1, 32),
        ("(module (func (drop (i32.const))))", .unexpectedToken(")"), 1, 31),
        ("(module (type $t (func (param i32))) (func (type $t) (param i64)))", .inlineFunctionType, 1, 54),
        ("(module (func block $a end $b))", .mismatchingLabel("b"), 1, 28),
        ("(module (func) (import \"a\" \"b\" (func)))", .importAfterDefinition("function"), 1, 16),
        ("(module (start 0) (start 0) (func))", .multipleStartSections, 1, 19),
        ("(module (memory 1) (func (drop (i32.load align=3 (i32.const 0)))))", .alignmentNotPowerOfTwo, 1, 42),
        ("(module (func (drop (v128.const i32x4 1 2 3))))", .wrongNumberOfLaneLiterals, 1, 43),
        ("(module (func (drop (i8x16.extract_lane_s 256 (v128.const i64x2 0 0)))))", .constantOutOfRange("i8 "), 1, 43),
        ("(module (export \"\\ff\" (func 0)) (func))", .malformedUTF8, 1, 17),
        ("(module (func $\"\"))", .emptyIdentifier, 1, 15),
        ("(module (func (; é ;) i32.konst))", .unknownOperator("i32.konst"), 1, 23),
        ("(module (func))\n)", .unexpectedToken(")"), 2, 1),
        ("(module (func (nop)", .unexpectedEnd, 1, 20),
        ("(module (; unclosed", .unclosedComment, 1, 9),
        ("(module (func $f\"x\"))", .unknownOperator("$f\"x\""), 1, 15),
        ("(module \"\\u{d800}\")", .illegalEscape, 1, 10),
        ("(module (func \u{7}))", .illegalCharacter, 1, 15),
        ("(module (@ann) (func (@x (nested) \"s\") nop) (@))", .emptyAnnotationID, 1, 45),
    ]

    @Test(arguments: cases)
    func reportsReasonAndPosition(text: String, reason: TextError.Reason, line: Int, column: Int) {
        let error = #expect(throws: TextError.self) { try wat2wasm(text) }
        #expect(error?.reason == reason)
        #expect(error?.line == line)
        #expect(error?.column == column)
    }

    @Test func deepNestingIsAnErrorNotACrash() throws {
        func nested(_ depth: Int) -> String {
            "(module (func " + String(repeating: "(block ", count: depth - 2) + String(repeating: ")", count: depth)
        }
        _ = try wat2wasm(nested(SExpression.maxDepth))
        let error = #expect(throws: TextError.self) { try wat2wasm(nested(SExpression.maxDepth + 1)) }
        #expect(error?.reason == .nestingTooDeep)
    }

    @Test func malformedUTF8IsFoundInQuotedText() {
        let error = #expect(throws: TextError.self) { try wat2wasm("(module quote \"(func) ;; \\80\")") }
        #expect(error?.reason == .malformedUTF8)
        #expect(error?.message == "malformed UTF-8 encoding")
    }

    @Test func messagesUseTheSpecWording() {
        #expect(TextError(.unknownOperator("x"), line: 1, column: 1).description == "1:1: unknown operator x")
        #expect(TextError(.inlineFunctionType, line: 1, column: 1).message.hasPrefix("inline function type"))
        #expect(TextError(.constantOutOfRange("i8 "), line: 1, column: 1).message == "i8 constant out of range")
    }
}
