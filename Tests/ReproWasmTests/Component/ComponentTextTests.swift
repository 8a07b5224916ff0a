import Foundation
import Testing

@testable import ReproWasm

/// Components written in the text format: parsed by `Component(wat:)`, run from Swift, and malformed
/// text rejected with the `wast` crate's wording and the place of the problem.
@Suite struct ComponentTextTests {
    /// A core module whose `add` is lifted to a component function `add: func(a: u32, b: u32) -> u32`.
    static let adder = """
        (component $adder
          (core module $m
            (func (export "add") (param i32 i32) (result i32)
              local.get 0
              local.get 1
              i32.add))
          (core instance $i (instantiate $m))
          (type $binary (func (param "a" u32) (param "b" u32) (result u32)))
          (func $add (type $binary) (canon lift (core func $i "add")))
          (export "add" (func $add))
        )
        """

    @Test func aLiftedCoreFunctionRunsFromSwift() throws {
        let component = try Component(wat: Self.adder)
        #expect(component.exportNames == ["add"])
        let instance = try Store().instantiate(component)
        let add = try #require(instance.function(named: "add"))
        #expect(add.parameterNames == ["a", "b"])
        #expect(try add.call([.u32(40), .u32(2)]) == [.u32(42)])
        // Only the body's `end` counts (the counting rule counts control flow).
        #expect(instance.store.instructionCount == 1)
        #expect(try add.call([.u32(0xFFFF_FFFF), .u32(2)]) == [.u32(1)])
        #expect(instance.store.instructionCount == 2)
    }

    @Test func stringsGoThroughMemoryAndRealloc() throws {
        // Inline export and inline type, an inline alias for each option, string-encoding, post-return.
        let text = """
            (component
              (core module $m
                (memory (export "memory") 1)
                (func (export "realloc") (param i32 i32 i32 i32) (result i32) i32.const 64)
                (func (export "length") (param i32 i32) (result i32) local.get 1)
                (func (export "done") (param i32)))
              (core instance $i (instantiate $m))
              (func (export "length") (param "text" string) (result u32)
                (canon lift (core func $i "length") (memory (core memory $i "memory"))
                  (realloc (core func $i "realloc")) string-encoding=utf8 (post-return (core func $i "done"))))
            )
            """
        let instance = try Store().instantiate(try Component(wat: text))
        let length = try #require(instance.function(named: "length"))
        // Each call: realloc's end 1 (an empty string too), `length`'s end 1, post-return's end 1.
        #expect(try length.call([.string("grüße")]) == [.u32(7)])
        #expect(instance.store.instructionCount == 3)
        #expect(try length.call([.string("")]) == [.u32(0)])
        #expect(instance.store.instructionCount == 6)
    }

    @Test func nestedComponentsInstantiateWithArgumentsAndImports() throws {
        // A host function imported by the outer component, passed to an inner one that re-exports it
        // through its own lifted core function.
        let text = """
            (component
              (import "host:demo/math" (instance $math (export "double" (func (param "x" u32) (result u32)))))
              (component $inner
                (import "double" (func $double (param "x" u32) (result u32)))
                (core func $lowered (canon lower (func $double)))
                (core module $m
                  (import "host" "double" (func $d (param i32) (result i32)))
                  (func (export "quadruple") (param i32) (result i32)
                    (call $d (call $d (local.get 0)))))
                (core instance $i (instantiate $m (with "host" (instance (export "double" (func $lowered))))))
                (func (export "quadruple") (param "x" u32) (result u32) (canon lift (core func $i "quadruple")))
              )
              (instance $c (instantiate $inner (with "double" (func $math "double"))))
              (export "quadruple" (func $c "quadruple"))
            )
            """
        let component = try Component(wat: text)
        #expect(component.importNames == ["host:demo/math"])
        var imports = ComponentImports()
        imports.defineFunction(instance: "host:demo/math", name: "double") { arguments in
            guard case .u32(let x) = arguments.first else { return [] }
            return [.u32(x &* 2)]
        }
        let instance = try Store().instantiate(component, imports: imports)
        let quadruple = try #require(instance.function(named: "quadruple"))
        #expect(try quadruple.call([.u32(5)]) == [.u32(20)])
        // The core function's end; the host counts nothing.
        #expect(instance.store.instructionCount == 1)
    }

    @Test func textAndBinaryOfTheFixturesAgree() throws {
        // The fixtures' binaries were made by wasm-tools from the same text: the same bytes, name
        // sections (`component-name`, and the core modules' `name`) included.
        let names = try FileManager.default.contentsOfDirectory(atPath: ComponentFixtures.directory.path)
            .filter { $0.hasSuffix(".wat") }.map { String($0.dropLast(4)) }.sorted()
        #expect(names.count >= 8)
        for name in names {
            let text = try Data(contentsOf: ComponentFixtures.directory.appendingPathComponent(name + ".wat"))
            #expect(try wat2component(utf8: Array(text)) == (try ComponentFixtures.bytes(name)), "\(name)")
        }
    }

    /// Malformed text, the message the component suite expects in it, and where it points.
    @Test(
        arguments: [
            (
                "(component (core func (canon lower (func $i \"\"))))", "unknown instance: failed to find name `$i`", 1,
                42
            ),
            (
                "(component (import \"a\" (func $f)) (func (export \"f\") (canon lift (core func $f))))",
                "unknown core func: failed to find name `$f`", 1, 77
            ),
            ("(component (type $t string) (type $t u8))", "duplicate type identifier", 1, 35),
            (
                "(component (type (variant (case $x \"x\") (case $x \"y\"))))", "duplicate variant case identifier", 1,
                47
            ),
            ("(component (alias outer 100 $foo (type $foo)))", "outer count of `100` is too large", 1, 25),
            ("(component (alias outer $nope $foo (type)))", "outer component `nope` not found", 1, 25),
            (
                "(component (import \"x\" (func $x)) (component (export \"x\" (func $x))))",
                "outer item `x` is not a module, type, or component", 1, 64
            ),
            ("(component (type (component (type (export \"\") (func)))))", "unexpected token", 1, 35),
            (
                "(component (import \"a\" (implements \"a:b/c\") (implements \"a:b/c\") (instance)))",
                "unexpected token", 1, 45
            ),
            ("(component (import \"\\zz\" (func)))", "invalid string escape", 1, 21),
            ("(component (bogus))", "unexpected token", 1, 13),
            ("(module)", "unexpected token", 1, 1),
        ] as [(String, String, Int, Int)])
    func malformedTextIsRejectedWithTheSuitesWording(text: String, message: String, line: Int, column: Int) {
        do {
            _ = try Component(wat: text)
            Issue.record("\(text) loaded")
        } catch {
            #expect(error.kind == .malformedText)
            #expect(error.message.hasPrefix(message), "\(error)")
            #expect(error.textPosition == TextPosition(line: line, column: column), "\(error)")
        }
    }

    @Test func deepNestingIsAnErrorAtTheLimit() throws {
        let depth = ComponentTextParser.maxDepth
        let fine = String(repeating: "(component ", count: depth) + String(repeating: ")", count: depth)
        _ = try wat2component(fine)
        let deep = String(repeating: "(component ", count: depth + 1) + String(repeating: ")", count: depth + 1)
        #expect(throws: TextError(.itemNestingTooDeep, line: 1, column: depth * 11 + 1)) { try wat2component(deep) }
        // Unbalanced text still reports the nesting first, as the `wast` crate reads from the start.
        #expect(throws: TextError(.itemNestingTooDeep, line: 1, column: depth * 11 + 1)) {
            try wat2component(String(repeating: "(component ", count: depth + 5))
        }
    }

    @Test func everyPrefixOfAComponentIsAnErrorOrAComponent() throws {
        // Hostile text never crashes the host: each prefix either converts or is malformed text, and
        // `Component(wat:)` then loads it or reports why.
        let text = Array(try Data(contentsOf: ComponentFixtures.directory.appendingPathComponent("canonical-abi.wat")))
        var malformed = 0
        for end in stride(from: 0, to: text.count, by: 5) {
            do {
                _ = try wat2component(utf8: Array(text[..<end]))
            } catch {
                malformed += 1
            }
            _ = try? Component(wat: Array(text[..<end]))
        }
        // Only prefixes that end after the component's closing parenthesis convert.
        #expect(malformed > text.count / 5 - 10)
        #expect(try wat2component(utf8: text) == (try ComponentFixtures.bytes("canonical-abi")))
    }

    @Test func wellFormedButInvalidTextIsAValidationError() {
        #expect {
            try Component(
                wat: "(component (core module $m) (core instance (instantiate $m (with \"x\" (instance 5)))))")
        } throws: { error in
            (error as? ComponentError)?.kind == .invalid
        }
    }
}
