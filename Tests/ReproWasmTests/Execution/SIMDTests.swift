import Testing

@testable import ReproWasm

/// A v128 as its two 64-bit halves (lane 0 in the lowest bits of `low`), built from and read as lanes.
struct Vector128: Equatable, CustomStringConvertible {
    var low: UInt64
    var high: UInt64

    init(low: UInt64, high: UInt64) {
        self.low = low
        self.high = high
    }

    /// Four f32 lanes given as bit patterns.
    init(f32 lanes: [UInt32]) {
        precondition(lanes.count == 4)
        low = UInt64(lanes[0]) | UInt64(lanes[1]) << 32
        high = UInt64(lanes[2]) | UInt64(lanes[3]) << 32
    }

    /// Two f64 lanes given as bit patterns.
    init(f64 lanes: [UInt64]) {
        precondition(lanes.count == 2)
        low = lanes[0]
        high = lanes[1]
    }

    /// Sixteen bytes, lane 0 first.
    init(bytes: [UInt8]) {
        precondition(bytes.count == 16)
        low = bytes[0..<8].enumerated().reduce(0) { $0 | UInt64($1.element) << (8 * $1.offset) }
        high = bytes[8..<16].enumerated().reduce(0) { $0 | UInt64($1.element) << (8 * $1.offset) }
    }

    init?(_ value: Value) {
        guard case .v128(let low, let high) = value else { return nil }
        self.init(low: low, high: high)
    }

    var f32Lanes: [UInt32] {
        [UInt32(truncatingIfNeeded: low), UInt32(low >> 32), UInt32(truncatingIfNeeded: high), UInt32(high >> 32)]
    }
    var f64Lanes: [UInt64] { [low, high] }
    var bytes: [UInt8] { (0..<16).map { UInt8(truncatingIfNeeded: ($0 < 8 ? low : high) >> (8 * ($0 % 8))) } }
    var value: Value { .v128(low: low, high: high) }

    var description: String {
        "v128(" + f32Lanes.map { "0x" + String($0, radix: 16) }.joined(separator: " ") + ")"
    }
}

private let canonicalF32: UInt32 = 0x7FC0_0000
private let canonicalF64: UInt64 = 0x7FF8_0000_0000_0000
// NaNs with payloads: a signalling one and a negative quiet one, per width.
private let signallingF32: UInt32 = 0x7FA0_0001
private let negativeNaNF32: UInt32 = 0xFFC0_0005
private let signallingF64: UInt64 = 0x7FF0_0000_0000_0001
private let negativeNaNF64: UInt64 = 0xFFF8_0000_0000_0005

private func bits(_ x: Double) -> UInt64 { x.bitPattern }

/// Builds one-function modules around SIMD instructions and runs them through the public API.
enum SIMDHarness {
    /// The opcode's bytes, from the opcode table.
    static func encode(_ opcode: Opcode) -> [UInt8] {
        switch opcode.info.encoding {
        case .byte(let byte): [byte]
        case .prefixed(let prefix, let sub): [prefix] + WasmBytes.u32(sub)
        }
    }

    /// Runs `instructions` after pushing every parameter (`local.get 0...`); returns the one result.
    static func run(
        _ instructions: [UInt8], parameters: [ValueType], result: ValueType, arguments: [Value],
        memories: [[UInt8]] = [], store: Store = Store()
    ) throws -> Value {
        let gets: [UInt8] = parameters.indices.flatMap { [0x20] + WasmBytes.u32($0) }
        var builder = ModuleBuilder()
            .types([FunctionType(parameters: parameters, results: [result])])
            .functions([0])
        if !memories.isEmpty { builder = builder.memories(memories) }
        let bytes =
            builder
            .exports([("f", .function, 0)])
            .code([WasmBytes.body(gets + instructions + [0x0B])])
            .bytes
        let instance = try store.instantiate(try Module(bytes: bytes))
        let results = try instance.function(named: "f")!.call(arguments)
        return results[0]
    }

    /// Applies a v128 operator to v128 operands.
    static func apply(_ opcode: Opcode, _ operands: Vector128..., immediates: [UInt8] = []) throws -> Vector128 {
        let result = try run(
            encode(opcode) + immediates, parameters: operands.map { _ in .v128 }, result: .v128,
            arguments: operands.map(\.value))
        return try #require(Vector128(result))
    }
}

/// SIMD execution: `docs/DETERMINISM.md` §2 per lane (canonicalised NaN lanes, other lanes and the
/// pass-through operators bit-exact), the memory paths, and the counting rule.
@Suite struct SIMDTests {
    /// The 24 SIMD operators the contract canonicalises, straight from the opcode table.
    static let canonicalizing = Opcode.allCases.filter { $0.info.feature == .simd && $0.info.canonicalizesNaN }

    @Test func theContractCanonicalisesTwentyFourSIMDOperators() {
        #expect(Self.canonicalizing.count == 24)
    }

    /// Each operator's result on mixed lanes: NaN-input lanes, a lane where the operator makes a NaN
    /// out of ordinary numbers (when it can), and ordinary lanes. NaN lanes must come out as the
    /// canonical pattern, the others bit-identical to the scalar reference.
    @Test(arguments: canonicalizing)
    func canonicalisesEachNaNLaneAndKeepsTheOthers(opcode: Opcode) throws {
        let name = "\(opcode.info.mnemonic)"
        if name == "f32x4.demote_f64x2_zero" {
            for lanes in [[signallingF64, bits(1.1)], [bits(-2.5), negativeNaNF64]] {
                let result = try SIMDHarness.apply(opcode, Vector128(f64: lanes))
                let expected = lanes.map { Self.canonicalBits(Float(Double(bitPattern: $0))) } + [0, 0]
                #expect(result == Vector128(f32: expected))
                #expect(result.f32Lanes.contains(canonicalF32))
            }
            return
        }
        if name == "f64x2.promote_low_f32x4" {
            for lanes in [
                [signallingF32, Float(1.5).bitPattern, 0, 0],
                [Float(-0.0).bitPattern, negativeNaNF32, signallingF32, 7],
            ] {
                let result = try SIMDHarness.apply(opcode, Vector128(f32: lanes))
                let expected = lanes[0..<2].map { Self.canonicalBits(Double(Float(bitPattern: $0))) }
                #expect(result == Vector128(f64: expected))
                #expect(result.f64Lanes.contains(canonicalF64))
            }
            return
        }
        let parts = name.split(separator: ".")
        let shape = parts[0]
        let operation = String(parts[1])
        let isBinary = ["add", "sub", "mul", "div", "min", "max"].contains(operation)
        if shape == "f32x4" {
            let (x, y) = Self.f32Inputs(operation)
            let result =
                isBinary
                ? try SIMDHarness.apply(opcode, Vector128(f32: x), Vector128(f32: y))
                : try SIMDHarness.apply(opcode, Vector128(f32: x))
            let expected = (0..<4).map { lane in
                Self.canonicalBits(
                    Self.reference(operation, Float(bitPattern: x[lane]), Float(bitPattern: y[lane])))
            }
            #expect(result == Vector128(f32: expected), "\(name)")
            #expect(result.f32Lanes.filter { $0 == canonicalF32 }.count >= 2, "\(name): two NaN lanes")
            #expect(result.f32Lanes.contains { !Float(bitPattern: $0).isNaN }, "\(name): an ordinary lane")
        } else {
            let (x, y) = Self.f64Inputs(operation)
            let result =
                isBinary
                ? try SIMDHarness.apply(opcode, Vector128(f64: x), Vector128(f64: y))
                : try SIMDHarness.apply(opcode, Vector128(f64: x))
            let expected = (0..<2).map { lane in
                Self.canonicalBits(
                    Self.reference(operation, Double(bitPattern: x[lane]), Double(bitPattern: y[lane])))
            }
            #expect(result == Vector128(f64: expected), "\(name)")
            // Two lanes only: check the other mix (NaN lane 1, ordinary lane 0) as well.
            let swapped = (x: [x[1], x[0]], y: [y[1], y[0]])
            let again =
                isBinary
                ? try SIMDHarness.apply(opcode, Vector128(f64: swapped.x), Vector128(f64: swapped.y))
                : try SIMDHarness.apply(opcode, Vector128(f64: swapped.x))
            #expect(again == Vector128(f64: [expected[1], expected[0]]), "\(name) swapped")
        }
    }

    /// f32x4 operands: lane 0 a signalling NaN, lane 1 ordinary, lane 2 a negative NaN (in `y` for
    /// binary operators), lane 3 a pair that makes a NaN (or, for min/max, the signed zeros).
    static func f32Inputs(_ operation: String) -> (x: [UInt32], y: [UInt32]) {
        let (x3, y3): (Float, Float) =
            switch operation {
            case "add": (.infinity, -.infinity)
            case "sub": (.infinity, .infinity)
            case "mul": (0, .infinity)
            case "div": (0, 0)
            case "min": (-0.0, 0.0)
            case "max": (0.0, -0.0)
            case "sqrt": (-1, 0)
            default: (-0.5, 0)  // rounding: -0.5 rounds to -0 or -1; no NaN from a number
            }
        let isBinary = ["add", "sub", "mul", "div", "min", "max"].contains(operation)
        let x = [
            signallingF32, Float(1.5).bitPattern, isBinary ? Float(2.0).bitPattern : negativeNaNF32, x3.bitPattern,
        ]
        let y = [Float(1.0).bitPattern, Float(-2.25).bitPattern, negativeNaNF32, y3.bitPattern]
        return (x, y)
    }

    /// f64x2 operands: one lane that is (or makes) a NaN, one ordinary lane (min/max: the signed zeros).
    static func f64Inputs(_ operation: String) -> (x: [UInt64], y: [UInt64]) {
        switch operation {
        case "add": ([signallingF64, bits(1.5)], [bits(1.0), bits(2.0)])
        case "sub": ([bits(1.5), bits(2.0)], [negativeNaNF64, bits(-2.25)])
        case "mul": ([bits(0.0), bits(3.0)], [Double.infinity.bitPattern, bits(2.0)])
        case "div": ([bits(0.0), bits(7.0)], [bits(0.0), bits(2.0)])
        case "min": ([bits(-0.0), signallingF64], [bits(0.0), bits(1.0)])
        case "max": ([bits(0.0), bits(1.0)], [bits(-0.0), negativeNaNF64])
        case "sqrt": ([bits(-4.0), bits(2.0)], [0, 0])
        default: ([negativeNaNF64, bits(-2.5)], [0, 0])
        }
    }

    /// The scalar wasm operator, on one lane.
    static func reference<F: BinaryFloatingPoint>(_ operation: String, _ x: F, _ y: F) -> F {
        switch operation {
        case "add": x + y
        case "sub": x - y
        case "mul": x * y
        case "div": x / y
        case "min": x.isNaN || y.isNaN ? .nan : x == y ? (x.sign == .minus ? x : y) : Swift.min(x, y)
        case "max": x.isNaN || y.isNaN ? .nan : x == y ? (x.sign == .minus ? y : x) : Swift.max(x, y)
        case "sqrt": x.squareRoot()
        case "ceil": x.rounded(.up)
        case "floor": x.rounded(.down)
        case "trunc": x.rounded(.towardZero)
        case "nearest": x.rounded(.toNearestOrEven)
        default: preconditionFailure("no reference for \(operation)")
        }
    }

    static func canonicalBits(_ x: Float) -> UInt32 { x.isNaN ? canonicalF32 : x.bitPattern }
    static func canonicalBits(_ x: Double) -> UInt64 { x.isNaN ? canonicalF64 : x.bitPattern }

    // MARK: Pass-through

    @Test func absAndNegChangeOnlyTheSignBit() throws {
        let f32 = Vector128(f32: [signallingF32, negativeNaNF32, Float(-1.5).bitPattern, 0])
        #expect(try SIMDHarness.apply(.f32x4Abs, f32) == Vector128(f32: f32.f32Lanes.map { $0 & 0x7FFF_FFFF }))
        #expect(try SIMDHarness.apply(.f32x4Neg, f32) == Vector128(f32: f32.f32Lanes.map { $0 ^ 0x8000_0000 }))
        let f64 = Vector128(f64: [signallingF64, negativeNaNF64])
        #expect(try SIMDHarness.apply(.f64x2Abs, f64) == Vector128(f64: [signallingF64, negativeNaNF64 & ~(1 << 63)]))
        #expect(
            try SIMDHarness.apply(.f64x2Neg, f64)
                == Vector128(f64: [signallingF64 | 1 << 63, negativeNaNF64 ^ 1 << 63]))
    }

    /// pmin = y < x ? y : x and pmax = x < y ? y : x: a NaN comparison is false, so `x`'s NaN comes
    /// through unchanged, payload and all.
    @Test func pminAndPmaxPassNaNBitsThrough() throws {
        let one = Float(1).bitPattern
        let x = Vector128(f32: [signallingF32, one, negativeNaNF32, Float(-0.0).bitPattern])
        let y = Vector128(f32: [one, signallingF32, one, Float(0.0).bitPattern])
        let expected = Vector128(f32: [signallingF32, one, negativeNaNF32, Float(-0.0).bitPattern])
        #expect(try SIMDHarness.apply(.f32x4Pmin, x, y) == expected)
        #expect(try SIMDHarness.apply(.f32x4Pmax, x, y) == expected)
        let two = Float(2).bitPattern
        #expect(
            try SIMDHarness.apply(.f32x4Pmax, Vector128(f32: [one, 0, 0, 0]), Vector128(f32: [two, 0, 0, 0]))
                == Vector128(f32: [two, 0, 0, 0]))

        let x64 = Vector128(f64: [signallingF64, negativeNaNF64])
        let y64 = Vector128(f64: [bits(1.0), bits(1.0)])
        #expect(try SIMDHarness.apply(.f64x2Pmin, x64, y64) == x64)
        #expect(try SIMDHarness.apply(.f64x2Pmax, x64, y64) == x64)
    }

    @Test func splatKeepsNaNPayloads() throws {
        let f32 = try SIMDHarness.run(
            SIMDHarness.encode(.f32x4Splat), parameters: [.f32], result: .v128, arguments: [.f32Bits(signallingF32)])
        #expect(Vector128(f32) == Vector128(f32: Array(repeating: signallingF32, count: 4)))
        let f64 = try SIMDHarness.run(
            SIMDHarness.encode(.f64x2Splat), parameters: [.f64], result: .v128, arguments: [.f64Bits(negativeNaNF64)])
        #expect(Vector128(f64) == Vector128(f64: [negativeNaNF64, negativeNaNF64]))
    }

    @Test func extractAndReplaceLaneKeepNaNPayloads() throws {
        let vector = Vector128(f32: [0, 1, signallingF32, negativeNaNF32])
        for lane in 0..<4 {
            let extracted = try SIMDHarness.run(
                SIMDHarness.encode(.f32x4ExtractLane) + [UInt8(lane)], parameters: [.v128], result: .f32,
                arguments: [vector.value])
            #expect(extracted == .f32Bits(vector.f32Lanes[lane]))
        }
        let f64 = Vector128(f64: [signallingF64, negativeNaNF64])
        for lane in 0..<2 {
            let extracted = try SIMDHarness.run(
                SIMDHarness.encode(.f64x2ExtractLane) + [UInt8(lane)], parameters: [.v128], result: .f64,
                arguments: [f64.value])
            #expect(extracted == .f64Bits(f64.f64Lanes[lane]))
        }
        let replaced = try SIMDHarness.run(
            SIMDHarness.encode(.f32x4ReplaceLane) + [1], parameters: [.v128, .f32], result: .v128,
            arguments: [vector.value, .f32Bits(negativeNaNF32)])
        #expect(Vector128(replaced) == Vector128(f32: [0, negativeNaNF32, signallingF32, negativeNaNF32]))
        let replaced64 = try SIMDHarness.run(
            SIMDHarness.encode(.f64x2ReplaceLane) + [1], parameters: [.v128, .f64], result: .v128,
            arguments: [Vector128(f64: [1, 2]).value, .f64Bits(signallingF64)])
        #expect(Vector128(replaced64) == Vector128(f64: [1, signallingF64]))
    }

    @Test func shuffleAndSwizzleMoveBytesExactly() throws {
        let x = Vector128(f32: [signallingF32, negativeNaNF32, 0x0302_0100, 0x0706_0504])
        let y = Vector128(f64: [signallingF64, negativeNaNF64])
        // Result f32 lanes: y's lane 0 low word, x's lane 1, x's lane 0, y's high f64 lane's top word.
        let lanes: [UInt8] = [16, 17, 18, 19, 4, 5, 6, 7, 0, 1, 2, 3, 28, 29, 30, 31]
        let shuffled = try SIMDHarness.apply(.i8x16Shuffle, x, y, immediates: lanes)
        let both = x.bytes + y.bytes
        #expect(shuffled == Vector128(bytes: lanes.map { both[Int($0)] }))
        #expect(shuffled.f32Lanes[1] == negativeNaNF32 && shuffled.f32Lanes[2] == signallingF32)

        let indices = Vector128(bytes: [0, 1, 2, 3, 15, 14, 13, 12, 16, 200, 255, 8, 4, 5, 6, 7])
        let swizzled = try SIMDHarness.apply(.i8x16Swizzle, x, indices)
        #expect(swizzled == Vector128(bytes: indices.bytes.map { $0 < 16 ? x.bytes[Int($0)] : 0 }))
        #expect(swizzled.f32Lanes[0] == signallingF32 && swizzled.f32Lanes[3] == negativeNaNF32)
    }

    // MARK: Memory and counting

    /// memarg flags: alignment exponent, plus bit 6 when a memory index follows.
    static func memarg(align: UInt8, memory: UInt32, offset: UInt32) -> [UInt8] {
        memory == 0
            ? [align] + WasmBytes.u32(offset) : [align | 0x40] + WasmBytes.u32(memory) + WasmBytes.u32(offset)
    }

    /// `v128.store` then `v128.load` at the same address of memory `memory`; memory 0 is empty, so
    /// an access that went to memory 0 would trap.
    @Test(arguments: [0 as UInt32, 1])
    func storeThenLoadOnAnyMemory(memory: UInt32) throws {
        let access = Self.memarg(align: 4, memory: memory, offset: 8)
        let body =
            SIMDHarness.encode(.v128Store) + access + [0x20, 0x00] + SIMDHarness.encode(.v128Load) + access
        let memories = memory == 0 ? [WasmBytes.limits(1)] : [WasmBytes.limits(0), WasmBytes.limits(1)]
        let value = Vector128(f32: [signallingF32, 1, 2, negativeNaNF32])
        let loaded = try SIMDHarness.run(
            body, parameters: [.i32, .v128], result: .v128, arguments: [.i32(Int32(65_512)), value.value],
            memories: memories)
        #expect(Vector128(loaded) == value)
        // 65_513 + 8 + 16 > 65_536.
        let error = #expect(throws: Trap.self) {
            _ = try SIMDHarness.run(
                body, parameters: [.i32, .v128], result: .v128, arguments: [.i32(Int32(65_513)), value.value],
                memories: memories)
        }
        #expect(error?.code == .outOfBoundsMemoryAccess)
    }

    /// Lowering folds `i32.add` of a constant into the v128 access that uses the sum as its
    /// address; the folded addition must still wrap at 32 bits before the memarg offset is added,
    /// and the bounds check must see the wrapped address.
    @Test func foldedAddressAdditionWrapsLikeI32Add() throws {
        let module = try Module(
            wat: #"""
                (module
                  (memory 1)
                  (data (i32.const 16) "\00\01\02\03\04\05\06\07\08\09\0a\0b\0c\0d\0e\0f")
                  (func (export "load") (param i32) (result v128)
                    local.get 0 i32.const 32 i32.add v128.load offset=4)
                  (func (export "store") (param i32 v128)
                    local.get 0 i32.const -8 i32.add local.get 1 v128.store))
                """#)
        // The fold happened: no separate addition is left in either function.
        #expect(!module.codeListing.contains("i32AddImm"))
        let instance = try Store().instantiate(module)
        let load = try #require(instance.function(named: "load"))
        let store = try #require(instance.function(named: "store"))
        // -20 + 32 wraps to 12; + offset 4 = 16, the data segment.
        let loaded = try #require(Vector128(try load.call([.i32(-20)])[0]))
        #expect(loaded.bytes == Array(0..<16))
        // 65_500 + 32 + 4 + 16 > 65_536: out of bounds, with the sum not wrapped.
        let error = #expect(throws: Trap.self) { _ = try load.call([.i32(65_500)]) }
        #expect(error?.code == .outOfBoundsMemoryAccess)
        // 4 - 8 wraps to 0xFFFF_FFFC, far out of bounds; it must not store at address -4 + 64 KiB.
        let value = Vector128(bytes: Array(repeating: 0xAB, count: 16))
        let storeError = #expect(throws: Trap.self) { _ = try store.call([.i32(4), value.value]) }
        #expect(storeError?.code == .outOfBoundsMemoryAccess)
        _ = try store.call([.i32(40), value.value])
        #expect(Vector128(try load.call([.i32(-20)])[0])?.bytes == Array(0..<16))
        #expect(Vector128(try load.call([.i32(-16)])[0])?.bytes == Array(4..<16) + [0xAB, 0xAB, 0xAB, 0xAB])
    }

    /// A lane shift by a constant takes the count from the instruction; it is still reduced
    /// modulo the lane width.
    @Test func shiftByConstantCountIsReducedModuloLaneWidth() throws {
        let module = try Module(
            wat: """
                (module
                  (func (export "shl") (param v128) (result v128) local.get 0 i32.const 33 i32x4.shl)
                  (func (export "shr") (param v128) (result v128) local.get 0 i32.const 71 i8x16.shr_s))
                """)
        #expect(!module.codeListing.contains("const32"))
        let instance = try Store().instantiate(module)
        let x = Vector128(f32: [1, 0x8000_0001, 0x4000_0000, 0xFFFF_FFFF])
        let shifted = try #require(Vector128(try instance.function(named: "shl")!.call([x.value])[0]))
        #expect(shifted.f32Lanes == [2, 2, 0x8000_0000, 0xFFFF_FFFE])
        let bytes = Vector128(bytes: [0x80, 0x7F, 0x01, 0xFF] + Array(repeating: 0x40, count: 12))
        let arithmetic = try #require(Vector128(try instance.function(named: "shr")!.call([bytes.value])[0]))
        // 71 mod 8 = 7: each byte becomes its sign, spread.
        #expect(arithmetic.bytes == [0xFF, 0x00, 0x00, 0xFF] + Array(repeating: 0x00, count: 12))
    }

    /// SIMD operators count nothing (`docs/DETERMINISM.md` §3): only the body's `end` counts.
    @Test func simdInstructionsAreNotCounted() throws {
        let store = Store()
        let x = Vector128(f32: [1, 2, 3, 4])
        _ = try SIMDHarness.run(
            SIMDHarness.encode(.f32x4Add) + SIMDHarness.encode(.i32x4ExtractLane) + [0], parameters: [.v128, .v128],
            result: .i32, arguments: [x.value, x.value], store: store)
        #expect(store.instructionCount == 1)
    }
}
