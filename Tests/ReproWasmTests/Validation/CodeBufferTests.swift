import Testing

@testable import ReproWasm

/// The module's code buffer grows while functions are appended and keeps every word in order.
@Suite struct CodeBufferTests {
    @Test func appendedFunctionsKeepTheirWordsAcrossGrowth() {
        let buffer = CodeBuffer()
        var expected: [UInt64] = []
        // Sizes around the initial capacity (1,024 words) and well past it, an empty one included.
        for (index, size) in [1, 1_000, 23, 0, 3_000, 1, 70_000, 5].enumerated() {
            let words = (0..<size).map { UInt64(index) << 32 | UInt64($0) }
            buffer.append(words)
            expected += words
        }
        #expect(buffer.count == expected.count)
        #expect(Array(UnsafeBufferPointer(start: buffer.base, count: buffer.count)) == expected)
    }

    /// A module of many functions lowers into one buffer that a later instance runs from.
    @Test func aModuleWithMoreCodeThanTheFirstCapacityRuns() throws {
        var module = WasmModule()
        // 400 functions of about 10 words each: the buffer grows several times while they are lowered.
        for index in 0..<400 {
            module = module.function(
                .i32ToI32, export: "f\(index)", Asm.localGet(0), Asm.i32Const(Int32(index)), Asm.op("i32.add"),
                Asm.localGet(0), Asm.op("i32.mul"), Asm.i32Const(7), Asm.op("i32.xor"))
        }
        let instance = try module.instantiate()
        for index in [0, 1, 199, 399] {
            let x = UInt32(index + 3)
            let expected = (x &+ UInt32(index)) &* x ^ 7
            #expect(try instance.call("f\(index)", .i32(x)) == [.i32(expected)])
        }
    }
}
