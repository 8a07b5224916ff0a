import Testing

@testable import ReproWasm

/// A module read from text reports validation errors at the line and column of the text that made the
/// offending instruction or entry, not only at a byte offset of its binary form.
@Suite struct TextPositionTests {
    static func validationError(_ text: String, features: Features = .deterministic) throws -> ValidationError {
        do {
            _ = try Module(wat: text, features: features)
        } catch {
            if case .invalid(let validation) = error { return validation }
            Issue.record("expected a validation error, got \(error)")
        }
        throw Failure()
    }

    struct Failure: Error {}

    @Test func aPlainInstructionIsFoundByItsLineAndColumn() throws {
        let error = try Self.validationError(
            """
            (module
              (func (result i32)
                i32.const 1
                f32.const 2
                i32.add))
            """)
        #expect(error.textPosition == TextPosition(line: 5, column: 5))
        #expect(error.description.hasPrefix("type mismatch"))
        #expect(error.description.hasSuffix("(at line 5, column 5 in function 0)"), "\(error)")
    }

    @Test func aFoldedInstructionIsFoundAtItsOperatorNotItsOperands() throws {
        let error = try Self.validationError(
            """
            (module (func (result i32)
              (i32.add (i32.const 1)
                       (f32.const 2))))
            """)
        // The operator's keyword: `i32.add` after its opening parenthesis on line 2.
        #expect(error.textPosition == TextPosition(line: 2, column: 4), "\(error)")
    }

    @Test func aDeclarationIsFoundByItsField() throws {
        let error = try Self.validationError(
            """
            (module
              (memory 1)
              (export "a" (memory 0))
              (export "a" (memory 0)))
            """)
        #expect(error.reason == .duplicateExportName("a"))
        #expect(error.textPosition == TextPosition(line: 4, column: 3), "\(error)")
    }

    @Test func aFeatureErrorNamesTheTextAndHowToEnableIt() throws {
        let error = try Self.validationError(
            """
            (module
              (func $f)
              (func (return_call $f)))
            """)
        #expect(error.reason == .featureNotEnabled(.tailCalls))
        #expect(error.textPosition == TextPosition(line: 3, column: 10), "\(error)")
        #expect(error.description.contains("Features.full enables it"))
    }

    @Test func binaryModulesKeepTheirByteOffsets() throws {
        let bytes = try wat2wasm("(module (func (result i32) (f32.const 1)))")
        #expect(throws: ModuleError.self) { try Module(bytes: bytes) }
        do {
            _ = try Module(bytes: bytes)
        } catch {
            guard case .invalid(let validation) = error else { throw Failure() }
            #expect(validation.textPosition == nil)
            #expect(validation.description.contains("at offset 0x"))
        }
    }
}
