import Testing

@testable import ReproWasm

/// The f32 fused ops (`f32MulThenAdd`, `f32LoadThenSub`, ...) and the float immediate forms
/// (`f32AddImm`, `f64MulImm`, ...) must give the bits the wasm instructions give one by one, the
/// intermediate result not canonicalised and the final one canonicalised (docs/DETERMINISM.md §2).
@Suite struct FloatFusionTests {
    static let canonical32: UInt32 = 0x7FC0_0000
    static let canonical64: UInt64 = 0x7FF8_0000_0000_0000
    /// Zeros, one, the largest finite, infinities, the smallest subnormal, and NaNs with payloads.
    static let f32Values: [UInt32] = [
        0, 0x8000_0000, 0x3F80_0000, 0x7F7F_FFFF, 0x7F80_0000, 0xFF80_0000, 0x0000_0001, 0x7FC0_0001, 0xFFA0_0000,
    ]
    /// The f64 operation named `name` (add, sub or mul) on `x` and `y`.
    static func wide(_ name: String, _ x: Double, _ y: Double) -> Double {
        name == "add" ? x + y : name == "sub" ? x - y : x * y
    }

    /// The f32 operation named `name`.
    static func operation(_ name: String) -> ((Float, Float) -> Float)? {
        switch name {
        case "add": { $0 + $1 }
        case "sub": { $0 - $1 }
        case "mul": { $0 * $1 }
        case "div": { $0 / $1 }
        default: nil
        }
    }

    @Test(arguments: ["add", "sub", "mul"], ["add", "sub", "mul"])
    func f32PairsMatchTheOperationsOneByOne(first: String, second: String) throws {
        let module = try Module(
            wat: """
                (module
                  (func (export "left") (param f32 f32 f32) (result f32)
                    local.get 0 local.get 1 f32.\(first) local.get 2 f32.\(second))
                  (func (export "right") (param f32 f32 f32) (result f32)
                    local.get 2 local.get 0 local.get 1 f32.\(first) f32.\(second)))
                """)
        let listing = module.codeListing
        #expect(listing.contains("f32\(first.capitalized)Then"), "\(listing)")
        let instance = try Store().instantiate(module)
        let firstOperation = try #require(Self.operation(first))
        let secondOperation = try #require(Self.operation(second))
        for x in Self.f32Values {
            for y in Self.f32Values {
                for z in Self.f32Values {
                    let t = firstOperation(Float(bitPattern: x), Float(bitPattern: y))
                    for (name, result) in [
                        ("left", secondOperation(t, Float(bitPattern: z))),
                        ("right", secondOperation(Float(bitPattern: z), t)),
                    ] {
                        let expected = result.isNaN ? Self.canonical32 : result.bitPattern
                        let got = try instance.call(name, .f32Bits(x), .f32Bits(y), .f32Bits(z))
                        #expect(got == [.f32Bits(expected)], "\(name) \(first) \(second) x=\(x) y=\(y) z=\(z)")
                    }
                }
            }
        }
    }

    /// An f32 loaded from memory and consumed by the next operation runs as one op, and traps as
    /// the load when the address is out of bounds.
    @Test(arguments: ["add", "sub", "mul"])
    func f32LoadThenMatchesTheOperationsOneByOne(operation: String) throws {
        let module = try Module(
            wat: """
                (module (memory 1)
                  (func (export "store") (param i32 f32) local.get 0 local.get 1 f32.store)
                  (func (export "left") (param i32 f32) (result f32)
                    local.get 0 f32.load offset=4 local.get 1 f32.\(operation))
                  (func (export "right") (param i32 f32) (result f32)
                    local.get 1 local.get 0 f32.load offset=4 f32.\(operation)))
                """)
        #expect(module.codeListing.contains("f32LoadThen"))
        let instance = try Store().instantiate(module)
        let apply = try #require(Self.operation(operation))
        for x in Self.f32Values {
            _ = try instance.call("store", .i32(12), .f32Bits(x))
            for y in Self.f32Values {
                for (name, result) in [
                    ("left", apply(Float(bitPattern: x), Float(bitPattern: y))),
                    ("right", apply(Float(bitPattern: y), Float(bitPattern: x))),
                ] {
                    let expected = result.isNaN ? Self.canonical32 : result.bitPattern
                    #expect(try instance.call(name, .i32(8), .f32Bits(y)) == [.f32Bits(expected)], "\(name) \(x) \(y)")
                }
            }
        }
        #expect(throws: Trap.self) { try instance.call("left", .i32(65_533), .f32(1)) }
    }

    /// `x op constant` runs as one op with the constant in its immediate word, for f32 and f64.
    @Test(arguments: ["add", "sub", "mul", "div"])
    func floatImmediateFormsMatchTheOperations(operation: String) throws {
        let module = try Module(
            wat: """
                (module
                  (func (export "f32") (param f32) (result f32) local.get 0 f32.const -0x1.8p+1 f32.\(operation))
                  (func (export "f32nan") (param f32) (result f32) local.get 0 f32.const nan:0x200000 f32.\(operation))
                  (func (export "f64") (param f64) (result f64) local.get 0 f64.const 0x1.4p-3 f64.\(operation)))
                """)
        let name = operation.prefix(1).uppercased() + operation.dropFirst() + "Imm"
        #expect(module.codeListing.contains("f32" + name))
        #expect(module.codeListing.contains("f64" + name))
        let instance = try Store().instantiate(module)
        let f32Operations: [String: (Float, Float) -> Float] = ["add": (+), "sub": (-), "mul": (*), "div": (/)]
        let f64Operations: [String: (Double, Double) -> Double] = ["add": (+), "sub": (-), "mul": (*), "div": (/)]
        let f32Operation = try #require(f32Operations[operation])
        let f64Operation = try #require(f64Operations[operation])
        for x in Self.f32Values {
            let result = f32Operation(Float(bitPattern: x), -3)
            let expected = result.isNaN ? Self.canonical32 : result.bitPattern
            #expect(try instance.call("f32", .f32Bits(x)) == [.f32Bits(expected)], "\(x)")
            #expect(try instance.call("f32nan", .f32Bits(x)) == [.f32Bits(Self.canonical32)], "\(x)")
            let wide = Double(Float(bitPattern: x))
            let result64 = f64Operation(wide, 0.15625)
            let expected64 = result64.isNaN ? Self.canonical64 : result64.bitPattern
            #expect(try instance.call("f64", .f64(wide)) == [.f64Bits(expected64)], "\(x)")
        }
    }

    /// `(x op1 constant) op2 y` runs as one `…ImmThen…` op with the intermediate not canonicalised;
    /// with the intermediate on either side of op2 it must give the bits of the instructions.
    @Test(arguments: ["add", "sub", "mul"], ["add", "sub", "mul"])
    func floatImmediateChainsMatchTheOperationsOneByOne(first: String, second: String) throws {
        let module = try Module(
            wat: """
                (module
                  (func (export "left") (param f32 f32) (result f32)
                    local.get 0 f32.const 0x1.8p+127 f32.\(first) local.get 1 f32.\(second))
                  (func (export "right") (param f32 f32) (result f32)
                    local.get 1 local.get 0 f32.const 0x1.8p+127 f32.\(first) f32.\(second))
                  (func (export "left64") (param f64 f64) (result f64)
                    local.get 0 f64.const -0x1.1p-2 f64.\(first) local.get 1 f64.\(second)))
                """)
        let capitalised = first.prefix(1).uppercased() + first.dropFirst()
        #expect(module.codeListing.contains("f32\(capitalised)ImmThen"), "\(module.codeListing)")
        #expect(module.codeListing.contains("f64\(capitalised)ImmThen"), "\(module.codeListing)")
        let instance = try Store().instantiate(module)
        let firstOperation = try #require(Self.operation(first))
        let secondOperation = try #require(Self.operation(second))
        let constant = Float(bitPattern: 0x7F40_0000)
        for x in Self.f32Values {
            for y in Self.f32Values {
                let t = firstOperation(Float(bitPattern: x), constant)
                for (name, result) in [
                    ("left", secondOperation(t, Float(bitPattern: y))),
                    ("right", secondOperation(Float(bitPattern: y), t)),
                ] {
                    let expected = result.isNaN ? Self.canonical32 : result.bitPattern
                    let got = try instance.call(name, .f32Bits(x), .f32Bits(y))
                    #expect(got == [.f32Bits(expected)], "\(name) \(first) \(second) x=\(x) y=\(y)")
                }
                let wideX = Double(Float(bitPattern: x))
                let wideY = Double(Float(bitPattern: y))
                let wideT = Self.wide(first, wideX, -0.265625)
                let wideResult = Self.wide(second, wideT, wideY)
                let expected = wideResult.isNaN ? Self.canonical64 : wideResult.bitPattern
                #expect(try instance.call("left64", .f64(wideX), .f64(wideY)) == [.f64Bits(expected)])
            }
        }
    }
}
