import Testing

@testable import ReproWasm

@Suite struct ComponentNameTests {
    @Test(
        arguments: [
            "a", "a-b-c", "a1-2-3", "A", "A-B-C", "get-JSON", "[constructor]foo", "[method]foo.bar",
            "[static]foo.baz", "wasi:io/streams", "wasi:io/streams@0.2.6", "numcodecs:abc/codec@0.1.1",
            "a:b/c@1.0.0-rc.1+build.5", "url=<x>", "integrity=<sha256-YWJj>", "locked-dep=<a:b@1.2.3>",
            "unlocked-dep=<a:b@{>=1.2.3 <2.0.0}>",
        ])
    func acceptsValidNames(name: String) {
        #expect(ExternName(name) != nil)
    }

    @Test(
        arguments: [
            "", "1-2-3", "a--b", "a-", "-a", "aB", "a_b", "[constructor]", "[method]foo", "[method]foo.", "[static].b",
            "wasi:io", "wasi:/x", "Wasi:io/x", "wasi:io/streams@0.2", "wasi:io/streams@01.2.3", "wasi:io/streams@",
            "url=<a<b>", "integrity=<>", "integrity=<md5-YWJj>",
        ])
    func rejectsInvalidNames(name: String) {
        #expect(ExternName(name) == nil)
    }

    @Test func parsesInterfaceNames() {
        #expect(
            ExternName("wasi:io/streams@0.2.6")
                == .interface(namespace: "wasi", package: "io", interface: "streams", version: "0.2.6"))
        #expect(ExternName("[method]output-stream.write") == .method(resource: "output-stream", name: "write"))
    }

    @Test func strongUniqueness() {
        #expect(stronglyUniqueKey("foo-BAR") == stronglyUniqueKey("foo-bar"))
        #expect(stronglyUniqueKey("[method]foo.foo") == stronglyUniqueKey("foo"))
        #expect(stronglyUniqueKey("[static]foo.bar") == stronglyUniqueKey("[method]foo.bar"))
        #expect(stronglyUniqueKey("[constructor]foo") != stronglyUniqueKey("foo"))
        #expect(stronglyUniqueKey("[method]foo.bar") != stronglyUniqueKey("foo-bar"))
    }
}

@Suite struct CanonicalSignatureTests {
    /// A graph holding one defined type per entry, each able to refer to the earlier ones.
    private func graph(_ types: [ResolvedDefinedType]) -> TypeGraph {
        var graph = TypeGraph()
        for type in types { _ = graph.add(.value(type)) }
        return graph
    }

    @Test func flattensByTheCanonicalABI() {
        let graph = graph([
            .record([
                ResolvedField(label: "a", type: .primitive(.u8)), ResolvedField(label: "b", type: .primitive(.f64)),
            ]),
            .variant([
                ResolvedCase(label: "x", type: .primitive(.f32)), ResolvedCase(label: "y", type: .primitive(.u32)),
            ]),
            .variant([
                ResolvedCase(label: "x", type: .primitive(.f32)), ResolvedCase(label: "y", type: .primitive(.u64)),
            ]),
            .result(ok: .primitive(.string), error: nil),
            .option(.defined(0)),
            .flags(["a", "b"]),
            .list(.defined(2)),
            .tuple([.defined(1), .defined(2)]),
        ])
        #expect(graph.flatten(.defined(0)) == [.i32, .f64])
        #expect(graph.flatten(.defined(1)) == [.i32, .i32])  // f32 joined with i32 is i32
        #expect(graph.flatten(.defined(2)) == [.i32, .i64])  // f32 joined with i64 is i64
        #expect(graph.flatten(.defined(3)) == [.i32, .i32, .i32])
        #expect(graph.flatten(.defined(4)) == [.i32, .i32, .f64])
        #expect(graph.flatten(.defined(5)) == [.i32])
        #expect(graph.flatten(.defined(6)) == [.i32, .i32])  // a list is a pointer and a length
        #expect(graph.flatten(.defined(7)) == [.i32, .i32, .i32, .i64])
        #expect(graph.flatten(.primitive(.s64)) == [.i64])
    }

    @Test func spillsParametersAndResults() {
        let graph = graph([.tuple([.primitive(.u32), .primitive(.u32)])])
        let many = ResolvedFunctionType(
            parameters: (0..<17).map { ResolvedField(label: "p\($0)", type: .primitive(.u32)) }, result: .defined(0))
        #expect(graph.coreSignature(of: many, lowering: false) == FunctionType(parameters: [.i32], results: [.i32]))
        #expect(graph.coreSignature(of: many, lowering: true) == FunctionType(parameters: [.i32, .i32], results: []))
        let few = ResolvedFunctionType(
            parameters: [ResolvedField(label: "s", type: .primitive(.string))], result: .primitive(.u64))
        #expect(
            graph.coreSignature(of: few, lowering: true) == FunctionType(parameters: [.i32, .i32], results: [.i64]))
    }
}
