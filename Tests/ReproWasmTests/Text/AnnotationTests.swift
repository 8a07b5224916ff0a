import Testing

@testable import ReproWasm

@Suite struct AnnotationTests {
    /// The ids of a binary module's sections, in order (0 for custom sections).
    private func sectionIDs(_ bytes: [UInt8]) -> [UInt8] {
        var ids: [UInt8] = []
        var offset = 8
        while offset < bytes.count {
            ids.append(bytes[offset])
            offset += 1
            var size = 0
            var shift = 0
            while true {
                let byte = bytes[offset]
                offset += 1
                size |= Int(byte & 0x7F) << shift
                shift += 7
                if byte & 0x80 == 0 { break }
            }
            offset += size
        }
        return ids
    }

    @Test func customSectionsGoWhereTheirPlacementSays() throws {
        let bytes = try wat2wasm(
            """
            (module
              (type (func))
              (@custom "a" (after func) "1")
              (@custom "b" "2" "3")
              (@custom "c" (before first) "4")
              (func)
              (global i32 (i32.const 0))
              (@custom "d" (before global) "5"))
            """)
        // c before the type section; a and d between function and global sections; b after the last.
        #expect(sectionIDs(bytes) == [0, 1, 3, 0, 0, 6, 10, 0])
        let module = try Module(bytes: bytes)
        #expect(module.customSectionNames == ["c", "a", "d", "b"])
        #expect(module.customSections(named: "b") == [Array("23".utf8)])
    }

    @Test func customSectionsOfAModuleGivenAsFields() throws {
        let module = try Module(bytes: try wat2wasm("(@custom \"x\" \"y\") (func)"))
        #expect(module.customSections(named: "x") == [Array("y".utf8)])
    }

    @Test func moduleNameAnnotationNamesTheModule() throws {
        let bytes = try wat2wasm("(module $m (@name \"Modül\"))")
        let names = try #require(try Module(bytes: bytes).customSections(named: "name").first)
        #expect(names.count >= 7 && Array(names.suffix(6)) == Array("Modül".utf8))
    }

    @Test func otherAnnotationsAreStillIgnored() throws {
        _ = try wat2wasm("(module (@foo bar (baz \"q\")) (func (@custom-ish x) nop))")
    }

    @Test(arguments: [
        ("(@custom)", TextError.Reason.malformedAnnotation(id: "custom", .missingSectionName)),
        ("(@custom 4)", .malformedAnnotation(id: "custom", .missingSectionName)),
        ("(@custom \"\\df\")", .malformedAnnotation(id: "custom", .malformedUTF8)),
        ("(@custom \"a\" after)", .malformedAnnotation(id: "custom", .unexpectedToken)),
        ("(@custom \"a\" (after))", .malformedAnnotation(id: "custom", .malformedSectionKind)),
        ("(@custom \"a\" (before types))", .malformedAnnotation(id: "custom", .malformedSectionKind)),
        ("(@custom \"a\" (aft type))", .malformedAnnotation(id: "custom", .malformedPlacement)),
        ("(func (block (@custom \"a\")))", .misplacedAnnotation("custom")),
        ("(module (@name \"a\") (@name \"b\"))", .malformedAnnotation(id: "name", .multipleModuleNames)),
        ("(module (func) (@name \"a\"))", .misplacedAnnotation("name")),
        ("(module (start $f (@name \"a\")) (func $f))", .misplacedAnnotation("name")),
        (
            "(@metadata.code.branch_hint \"\\01\") (func)",
            .malformedAnnotation(id: "metadata.code.branch_hint", .notInFunction)
        ),
        (
            "(func (@metadata.code.branch_hint \"\\01\") (@metadata.code.branch_hint \"\\00\") (if (i32.const 0) (then)))",
            .malformedAnnotation(id: "metadata.code.branch_hint", .duplicateAnnotation)
        ),
        (
            "(func (@metadata.code.branch_hint \"\\02\") (if (i32.const 0) (then)))",
            .malformedAnnotation(id: "metadata.code.branch_hint", .malformedHint)
        ),
        (
            "(func (i32.const 0) (@metadata.code.branch_hint \"\\01\") drop)",
            .invalidAnnotation(id: "metadata.code.branch_hint", .invalidTarget)
        ),
    ])
    func rejects(text: String, reason: TextError.Reason) {
        #expect {
            _ = try wat2wasm(text)
        } throws: { error in
            (error as? TextError)?.reason == reason
        }
    }

    /// A malformed field is reported before an annotation that is only invalid.
    @Test func malformedTextComesBeforeAnInvalidHint() {
        #expect {
            _ = try wat2wasm("(func (@metadata.code.branch_hint \"\\01\") nop) (func i32.konst)")
        } throws: { error in
            (error as? TextError)?.reason == .unknownOperator("i32.konst")
        }
    }

    @Test func branchHintsOnBranchesAreAccepted() throws {
        _ = try Module(
            bytes: try wat2wasm(
                """
                (func (param i32)
                  (@metadata.code.branch_hint "\\00") (if (local.get 0) (then))
                  block local.get 0 (@metadata.code.branch_hint "\\01") br_if 0 end)
                """))
    }
}
