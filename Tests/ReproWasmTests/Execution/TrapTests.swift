import Testing

@testable import ReproWasm

/// What a call must do: return these values, or trap with this code.
enum Outcome: Sendable, Equatable, CustomStringConvertible {
    case value(Value)
    case trap(TrapCode)

    var description: String {
        switch self {
        case .value(let value): "\(value)"
        case .trap(let code): "trap: \(code)"
        }
    }

    /// Runs `call` and checks its outcome against this one.
    func check(sourceLocation: SourceLocation = #_sourceLocation, _ call: () throws -> [Value]) {
        switch self {
        case .value(let value):
            do {
                let results = try call()
                #expect(results == [value], sourceLocation: sourceLocation)
            } catch {
                Issue.record("expected \(value), caught \(error)", sourceLocation: sourceLocation)
            }
        case .trap(let code):
            let trap = #expect(throws: Trap.self, sourceLocation: sourceLocation) { try call() }
            #expect(trap?.code == code, sourceLocation: sourceLocation)
        }
    }
}

/// `docs/DETERMINISM.md` §6: every trap kind reached from wasm gives its `TrapCode`, says where it happened,
/// and leaves the store and its instances usable.
@Suite struct TrapTests {
    @Test func unreachableTraps() throws {
        let instance = try WasmModule().function(.void, export: "run", Asm.unreachable).instantiate()
        Outcome.trap(.unreachable).check { try instance.call("run") }
    }

    // MARK: Integer arithmetic and conversions

    @Test(arguments: [
        ("i32.div_s", [Value.i32(UInt32(1)), .i32(UInt32(0))], Outcome.trap(.integerDivideByZero)),
        ("i32.div_u", [.i32(UInt32(1)), .i32(UInt32(0))], .trap(.integerDivideByZero)),
        ("i32.rem_s", [.i32(UInt32(1)), .i32(UInt32(0))], .trap(.integerDivideByZero)),
        ("i32.rem_u", [.i32(UInt32(1)), .i32(UInt32(0))], .trap(.integerDivideByZero)),
        ("i64.div_s", [.i64(UInt64(1)), .i64(UInt64(0))], .trap(.integerDivideByZero)),
        ("i64.div_u", [.i64(UInt64(1)), .i64(UInt64(0))], .trap(.integerDivideByZero)),
        ("i64.rem_s", [.i64(UInt64(1)), .i64(UInt64(0))], .trap(.integerDivideByZero)),
        ("i64.rem_u", [.i64(UInt64(1)), .i64(UInt64(0))], .trap(.integerDivideByZero)),
        // The one signed quotient that does not fit.
        ("i32.div_s", [.i32(Int32.min), .i32(Int32(-1))], .trap(.integerOverflow)),
        ("i64.div_s", [.i64(Int64.min), .i64(Int64(-1))], .trap(.integerOverflow)),
        // Its remainder is 0, not a trap.
        ("i32.rem_s", [.i32(Int32.min), .i32(Int32(-1))], .value(.i32(Int32(0)))),
        ("i64.rem_s", [.i64(Int64.min), .i64(Int64(-1))], .value(.i64(Int64(0)))),
    ])
    func integerDivisionTraps(op: String, operands: [Value], outcome: Outcome) throws {
        let type = FunctionType(operands.map(\.type), [operands[0].type])
        outcome.check { try Fixtures.apply(op, type, operands) }
    }

    /// Trapping float-to-int conversions: out of range is "integer overflow", NaN is "invalid conversion".
    /// Each boundary is paired with the nearest value that converts.
    @Test(arguments: [
        ("i32.trunc_f32_s", Value.f32(-2_147_483_648), Outcome.value(.i32(Int32.min))),
        ("i32.trunc_f32_s", .f32(2_147_483_648), .trap(.integerOverflow)),
        ("i32.trunc_f32_s", .f32(-2_147_483_904), .trap(.integerOverflow)),  // next f32 below -2^31
        ("i32.trunc_f32_s", .f32(.infinity), .trap(.integerOverflow)),
        ("i32.trunc_f32_s", .f32Bits(0x7FC0_0000), .trap(.invalidConversionToInteger)),
        ("i32.trunc_f32_u", .f32(-0.9), .value(.i32(Int32(0)))),
        ("i32.trunc_f32_u", .f32(-1), .trap(.integerOverflow)),
        ("i32.trunc_f32_u", .f32Bits(0xFFC0_0000), .trap(.invalidConversionToInteger)),
        ("i32.trunc_f64_s", .f64(2_147_483_647.9), .value(.i32(Int32.max))),
        ("i32.trunc_f64_s", .f64(-2_147_483_648.9), .value(.i32(Int32.min))),
        ("i32.trunc_f64_s", .f64(2_147_483_648), .trap(.integerOverflow)),
        ("i32.trunc_f64_s", .f64(-2_147_483_649), .trap(.integerOverflow)),
        ("i32.trunc_f64_s", .f64Bits(0x7FF4_0000_0000_0000), .trap(.invalidConversionToInteger)),
        ("i32.trunc_f64_u", .f64(4_294_967_295.9), .value(.i32(UInt32.max))),
        ("i32.trunc_f64_u", .f64(4_294_967_296), .trap(.integerOverflow)),
        ("i64.trunc_f32_s", .f32(9_223_372_036_854_775_808), .trap(.integerOverflow)),
        ("i64.trunc_f32_s", .f32(-9_223_372_036_854_775_808), .value(.i64(Int64.min))),
        ("i64.trunc_f64_s", .f64(9_223_372_036_854_775_808), .trap(.integerOverflow)),
        ("i64.trunc_f64_s", .f64(9_223_372_036_854_774_784), .value(.i64(Int64(9_223_372_036_854_774_784)))),
        ("i64.trunc_f64_u", .f64(18_446_744_073_709_551_616), .trap(.integerOverflow)),
        ("i64.trunc_f64_u", .f64(-1), .trap(.integerOverflow)),
        ("i64.trunc_f64_u", .f64Bits(0x7FF8_0000_0000_0000), .trap(.invalidConversionToInteger)),
        ("i64.trunc_f32_u", .f32(-.infinity), .trap(.integerOverflow)),
    ])
    func floatToIntegerConversionTraps(op: String, operand: Value, outcome: Outcome) throws {
        let result: ValueType = op.hasPrefix("i32") ? .i32 : .i64
        outcome.check { try Fixtures.apply(op, FunctionType([operand.type], [result]), [operand]) }
    }

    // MARK: Memory

    /// One page (65,536 bytes) with 0x2A at its last byte; each function takes the address.
    static let memoryModule = WasmModule()
        .memory(min: 1)
        .data(at: 65_535, [0x2A])
        .function(.i32ToI32, export: "i32.load", Asm.localGet(0), Asm.memory("i32.load"))
        .function(.i32ToI64, export: "i64.load", Asm.localGet(0), Asm.memory("i64.load"))
        .function(.i32ToI32, export: "i32.load8_u", Asm.localGet(0), Asm.memory("i32.load8_u"))
        .function(.i32ToI32, export: "i32.load offset=1", Asm.localGet(0), Asm.memory("i32.load", offset: 1))
        .function(
            .i32ToI32, export: "i32.load8_u offset=0xFFFFFFFF", Asm.localGet(0),
            Asm.memory("i32.load8_u", offset: 0xFFFF_FFFF)
        )
        .function(
            .i32ToI32, export: "i32.load8_u offset=65535", Asm.localGet(0), Asm.memory("i32.load8_u", offset: 65_535)
        )
        .function(
            .i32ToI32, export: "i32.store",
            Asm.localGet(0), Asm.i32Const(7), Asm.memory("i32.store"), Asm.i32Const(1)
        )
        .function(
            .i32ToI32, export: "i32.store8",
            Asm.localGet(0), Asm.i32Const(7), Asm.memory("i32.store8"), Asm.i32Const(1)
        )
        .function(
            .i32ToI32, export: "i64.store offset=8",
            Asm.localGet(0), Asm.i64Const(7), Asm.memory("i64.store", offset: 8), Asm.i32Const(1))

    @Test(arguments: [
        ("i32.load", UInt32(65_532), Outcome.value(.i32(UInt32(0x2A00_0000)))),  // the last 4 bytes
        ("i32.load", 65_533, .trap(.outOfBoundsMemoryAccess)),  // size - 3: one byte past the end
        ("i32.load", 65_536, .trap(.outOfBoundsMemoryAccess)),
        ("i32.load", 0xFFFF_FFFF, .trap(.outOfBoundsMemoryAccess)),
        ("i64.load", 65_528, .value(.i64(UInt64(0x2A00_0000_0000_0000)))),
        ("i64.load", 65_529, .trap(.outOfBoundsMemoryAccess)),
        ("i32.load8_u", 65_535, .value(.i32(UInt32(0x2A)))),
        ("i32.load8_u", 65_536, .trap(.outOfBoundsMemoryAccess)),
        // Effective address = address + offset in 33 bits: no wrap-around to low memory.
        ("i32.load offset=1", 65_531, .value(.i32(UInt32(0x2A00_0000)))),
        ("i32.load offset=1", 65_532, .trap(.outOfBoundsMemoryAccess)),
        ("i32.load offset=1", 0xFFFF_FFFF, .trap(.outOfBoundsMemoryAccess)),
        ("i32.load8_u offset=0xFFFFFFFF", 1, .trap(.outOfBoundsMemoryAccess)),
        ("i32.load8_u offset=0xFFFFFFFF", 0, .trap(.outOfBoundsMemoryAccess)),
        ("i32.load8_u offset=65535", 0, .value(.i32(UInt32(0x2A)))),
        ("i32.load8_u offset=65535", 1, .trap(.outOfBoundsMemoryAccess)),
        ("i32.store", 65_532, .value(.i32(UInt32(1)))),
        ("i32.store", 65_533, .trap(.outOfBoundsMemoryAccess)),
        ("i32.store", 65_536, .trap(.outOfBoundsMemoryAccess)),
        ("i32.store8", 65_535, .value(.i32(UInt32(1)))),
        ("i32.store8", 65_536, .trap(.outOfBoundsMemoryAccess)),
        ("i64.store offset=8", 65_520, .value(.i32(UInt32(1)))),
        ("i64.store offset=8", 65_521, .trap(.outOfBoundsMemoryAccess)),
        ("i64.store offset=8", 0xFFFF_FFF8, .trap(.outOfBoundsMemoryAccess)),
    ])
    func memoryAccessBounds(function: String, address: UInt32, outcome: Outcome) throws {
        let instance = try Self.memoryModule.instantiate()
        outcome.check { try instance.call(function, .i32(address)) }
    }

    /// A store that traps writes nothing, not even the bytes that were in bounds.
    /// Lowering folds `i32.add` of a constant into the scalar load or store that uses the sum as
    /// its address. The addition must still wrap at 32 bits before the memarg offset is added, and
    /// the bounds check must see that address, not a 32-bit wrap of the whole sum.
    @Test func foldedScalarAddressAdditionWrapsLikeI32Add() throws {
        let module = try Module(
            wat: #"""
                (module
                  (memory 1)
                  (data (i32.const 16) "\01\02\03\04\05\06\07\08")
                  (func (export "load") (param i32) (result i64)
                    local.get 0 i32.const 32 i32.add i64.load offset=4)
                  (func (export "load8") (param i32) (result i32)
                    local.get 0 i32.const -8 i32.add i32.load8_u offset=8)
                  (func (export "store") (param i32 i32)
                    local.get 0 i32.const -8 i32.add local.get 1 i32.store))
                """#)
        // The fold happened: no separate addition is left.
        #expect(!module.codeListing.contains("i32AddImm"))
        let instance = try Store().instantiate(module)
        // -20 + 32 wraps to 12; + offset 4 = 16, the data segment.
        #expect(try instance.call("load", .i32(-20)) == [.i64(0x0807_0605_0403_0201)])
        // 65_500 + 32 + 4 + 8 > 65_536: out of bounds.
        let highError = #expect(throws: Trap.self) { _ = try instance.call("load", .i32(65_500)) }
        #expect(highError?.code == .outOfBoundsMemoryAccess)
        // 4 - 8 wraps to 0xFFFF_FFFC; + offset 8 is 2^32 + 4, out of bounds, not address 4.
        let error = #expect(throws: Trap.self) { _ = try instance.call("load8", .i32(4)) }
        #expect(error?.code == .outOfBoundsMemoryAccess)
        #expect(try instance.call("load8", .i32(16)) == [.i32(0x01)])
        // The store wraps the same way: 4 - 8 is far out of bounds, 28 - 8 = 20 is in.
        let storeError = #expect(throws: Trap.self) { _ = try instance.call("store", .i32(4), .i32(-1)) }
        #expect(storeError?.code == .outOfBoundsMemoryAccess)
        _ = try instance.call("store", .i32(28), .i32(Int32(bitPattern: 0xAABB_CCDD)))
        #expect(try instance.call("load", .i32(-20)) == [.i64(Int64(bitPattern: 0xAABB_CCDD_0403_0201))])
    }

    /// Lowering runs a load whose value is stored right away with the same width as one op
    /// (`move8` ... `move64`), with the store's address addition folded too. Each must copy exactly
    /// its bytes, whatever extension the load made and whatever bits a float holds, and an access
    /// out of bounds traps at its own instruction, before anything is written.
    @Test func fusedLoadAndStoreMovesExactlyItsBytes() throws {
        let loads = [
            ("i32.load8_s", "i32.store8", 1), ("i32.load16_u", "i32.store16", 2), ("i64.load32_s", "i64.store32", 4),
            ("f32.load", "f32.store", 4), ("f64.load", "f64.store", 8), ("i64.load", "i64.store", 8),
        ]
        let functions = loads.enumerated().map { index, pair in
            "(func (export \"m\(index)\") (param i32 i32) local.get 1 i32.const 3 i32.add local.get 0 \(pair.0) offset=1 \(pair.1) offset=2)"
        }
        let bytes = try wat2wasm(
            "(module (memory (export \"memory\") 1) "
                + functions.joined(separator: " ") + ")")
        let module = try Module(bytes: bytes)
        #expect(module.codeListing.contains("move8") && module.codeListing.contains("move64"))
        #expect(!module.codeListing.contains("i32AddImm"))
        let instance = try Store().instantiate(module)
        let memory = try #require(instance.memory(named: "memory"))
        for (index, (_, _, width)) in loads.enumerated() {
            // Source bytes 0x80 0x81 ... at 101 (sign bits set; a signalling NaN pattern for f32),
            // destination at 200 + 3 + 2 = 205, filled with 0xAA around it.
            try memory.write([UInt8](repeating: 0xAA, count: 32), at: 196)
            try memory.write((0..<16).map { UInt8(0x80 + $0) }, at: 100)
            try memory.write([0x01, 0x00, 0xA0, 0x7F], at: 101)
            _ = try instance.call("m\(index)", .i32(100), .i32(200))
            let written = try memory.read(at: 205, count: 8)
            let source = try memory.read(at: 101, count: 8)
            #expect(Array(written.prefix(width)) == Array(source.prefix(width)), "m\(index)")
            #expect(written.dropFirst(width).allSatisfy { $0 == 0xAA }, "m\(index)")
            #expect(try memory.read(at: 204, count: 1) == [0xAA])
        }
        /// The index of the last byte of `pattern`'s only occurrence in `bytes`.
        func lastByte(of pattern: [UInt8]) throws -> Int {
            let starts = (0...(bytes.count - pattern.count)).filter { Array(bytes[$0..<$0 + pattern.count]) == pattern }
            try #require(starts.count == 1)
            return starts[0] + pattern.count - 1
        }
        // m4: f64.load (0x2B) align 3 offset 1, then f64.store (0x39) align 3 offset 2.
        let loadTrap = try #require(#expect(throws: Trap.self) { try instance.call("m4", .i32(65_530), .i32(0)) })
        #expect(loadTrap.code == .outOfBoundsMemoryAccess)
        #expect(loadTrap.byteOffset == (try lastByte(of: [0x2B, 0x03, 0x01, 0x39, 0x03, 0x02])) - 5)
        try memory.write([UInt8](repeating: 0xAA, count: 8), at: 0)
        let storeTrap = try #require(#expect(throws: Trap.self) { try instance.call("m4", .i32(0), .i32(65_530)) })
        #expect(storeTrap.code == .outOfBoundsMemoryAccess)
        #expect(storeTrap.byteOffset == (try lastByte(of: [0x2B, 0x03, 0x01, 0x39, 0x03, 0x02])) - 2)
    }

    /// Lowering turns `const; store` into a store of a constant when the stored bits fit in 16
    /// bits (narrow stores keep only their low bytes), also together with a folded address
    /// addition; wider constants keep the ordinary store. Each must write exactly its bytes.
    @Test func storesOfConstantsWriteTheirBytes() throws {
        let module = try Module(
            wat: """
                (module
                  (memory 1)
                  (data (i32.const 64) "\(String(repeating: "\\aa", count: 48))")
                  (func (export "fill") (param i32)
                    local.get 0 i32.const 0x1FF i32.store8 offset=0
                    local.get 0 i32.const 0x7FFFABCD i32.store16 offset=2
                    local.get 0 i32.const 4 i32.add i32.const 0xFFFF i32.store offset=4
                    local.get 0 i32.const 0x12345 i32.store offset=12
                    local.get 0 i64.const -1 i64.store offset=16
                    local.get 0 f64.const 0 f64.store offset=24
                    local.get 0 i64.const 0xBEEF i64.store32 offset=32
                    local.get 0 i32.const 8 i32.add i64.const 0x1234 i64.store offset=32)
                  (func (export "at") (param i32) (result i64) local.get 0 i64.load))
                """)
        #expect(module.codeListing.contains("store8Imm"))
        #expect(module.codeListing.contains("store64Imm"))
        let instance = try Store().instantiate(module)
        let at = try #require(instance.function(named: "at"))
        // Bytes 64..<112 start as 0xAA, so a store writing too many or too few bytes shows.
        _ = try instance.call("fill", .i32(64))
        #expect(try at.call([.i32(64)]) == [.i64(Int64(bitPattern: 0xAAAA_AAAA_ABCD_AAFF))])
        #expect(try at.call([.i32(72)]) == [.i64(0x0001_2345_0000_FFFF)])
        #expect(try at.call([.i32(80)]) == [.i64(-1)])
        #expect(try at.call([.i32(88)]) == [.i64(0)])
        #expect(try at.call([.i32(96)]) == [.i64(Int64(bitPattern: 0xAAAA_AAAA_0000_BEEF))])
        #expect(try at.call([.i32(104)]) == [.i64(0x1234)])
        // A store of a constant out of bounds traps as any store does.
        let error = #expect(throws: Trap.self) { _ = try instance.call("fill", .i32(65_530)) }
        #expect(error?.code == .outOfBoundsMemoryAccess)
    }

    @Test func outOfBoundsStoreWritesNothing() throws {
        let instance = try WasmModule().memory(min: 1, export: "memory")
            .function(.i32ToVoid, export: "store", Asm.localGet(0), Asm.i32Const(-1), Asm.memory("i32.store"))
            .instantiate()
        #expect(throws: Trap.self) { try instance.call("store", .i32(UInt32(65_534))) }
        #expect(try instance.memory(named: "memory")?.read(at: 65_532, count: 4) == [0, 0, 0, 0])
    }

    // MARK: Tables and indirect calls

    /// Table of 3: [0] `fortyTwo: () -> i32`, [1] `identity: (i32) -> i32`, [2] null.
    /// `dispatch(i)` calls element i as `() -> i32` (type 0).
    static let tableModule = WasmModule()
        .types(.voidToI32, .i32ToI32)
        .table(min: 3)
        .elements(at: 0, [0, 1])
        .function(.voidToI32, Asm.i32Const(42))
        .function(.i32ToI32, Asm.localGet(0))
        .function(.i32ToI32, export: "dispatch", Asm.localGet(0), Asm.callIndirect(type: 0))
        // copy(dst, src, n): table.copy within the table.
        .function(
            FunctionType([.i32, .i32, .i32], []), export: "copy",
            Asm.localGet(0), Asm.localGet(1), Asm.localGet(2), Asm.tableCopy())

    @Test(arguments: [
        (UInt32(0), Outcome.value(.i32(Int32(42)))),
        (1, .trap(.indirectCallTypeMismatch)),
        (2, .trap(.uninitializedElement)),
        (3, .trap(.undefinedElement)),
        (0xFFFF_FFFF, .trap(.undefinedElement)),
    ])
    func callIndirectChecks(index: UInt32, outcome: Outcome) throws {
        let instance = try Self.tableModule.instantiate()
        outcome.check { try instance.call("dispatch", .i32(index)) }
    }

    /// `table.copy` out of the table's 3 elements is "out of bounds table access" and copies nothing.
    @Test func tableCopyOutOfBounds() throws {
        let instance = try Self.tableModule.instantiate()
        for (destination, source, count): (UInt32, UInt32, UInt32) in [
            (0, 1, 3), (1, 0, 3), (4, 0, 0), (0, 0xFFFF_FFFF, 1),
        ] {
            let trap = #expect(throws: Trap.self) {
                try instance.call("copy", .i32(destination), .i32(source), .i32(count))
            }
            #expect(trap?.code == .outOfBoundsTableAccess)
        }
        // Zero-length copies at the very end are in bounds; element 0 still holds fortyTwo.
        try instance.call("copy", .i32(UInt32(3)), .i32(UInt32(3)), .i32(UInt32(0)))
        #expect(try instance.call("dispatch", .i32(UInt32(0))) == [.i32(Int32(42))])
    }

    /// Active segments out of range trap during instantiation with the same codes.
    @Test func segmentsOutOfRangeTrapAtInstantiation() throws {
        let store = Store()
        let elements = try WasmModule().table(min: 1).function(.void, body: []).elements(at: 1, [0]).module()
        let elementFailure = #expect(throws: InstantiationError.self) { try store.instantiate(elements) }
        guard case .trap(let elementTrap) = elementFailure else {
            Issue.record("expected a trap, got \(String(describing: elementFailure))")
            return
        }
        #expect(elementTrap.code == .outOfBoundsTableAccess)

        let data = try WasmModule().memory(min: 1).data(at: 65_535, [1, 2]).module()
        let dataFailure = #expect(throws: InstantiationError.self) { try store.instantiate(data) }
        guard case .trap(let dataTrap) = dataFailure else {
            Issue.record("expected a trap, got \(String(describing: dataFailure))")
            return
        }
        #expect(dataTrap.code == .outOfBoundsMemoryAccess)
    }

    /// A start function that traps fails the instantiation with its trap; the increments before it stay
    /// in the store's counter (block 1) and the store instantiates the next module normally.
    @Test func trapInTheStartFunctionFailsInstantiation() throws {
        let store = Store()
        let failing = try WasmModule()
            .function(.void, name: "start", Asm.block(), Asm.unreachable, Asm.end)
            .start(0)
            .module()
        let failure = #expect(throws: InstantiationError.self) { try store.instantiate(failing) }
        guard case .trap(let trap) = failure else {
            Issue.record("expected a trap, got \(String(describing: failure))")
            return
        }
        #expect(trap.code == .unreachable)
        #expect(trap.functionName == "start")
        #expect(store.instructionCount == 1)
        let instance = try WasmModule().function(.voidToI32, export: "seven", Asm.i32Const(7)).instantiate(in: store)
        #expect(try instance.call("seven") == [.i32(Int32(7))])
        #expect(store.instructionCount == 2)
    }

    // MARK: Where it happened

    /// The trap names the function it happened in (the callee, not the export that was called), with
    /// its name from the name section.
    @Test func trapNamesTheFunctionFromTheNameSection() throws {
        let instance = try WasmModule()
            .function(.void, name: "explode", Asm.nop, Asm.unreachable)
            .function(.void, export: "run", name: "run", Asm.call(0))
            .instantiate()
        let trap = try #require(#expect(throws: Trap.self) { try instance.call("run") })
        #expect(trap.code == .unreachable)
        #expect(trap.functionIndex == 0)
        #expect(trap.functionName == "explode")
        #expect(trap.description.hasPrefix("unreachable in function 0 \"explode\""))
    }

    /// Without a name section, a trap names the function by its export, and by its index alone when it
    /// has neither; the description never shows the internal code position.
    @Test func trapWithoutANameSectionGivesTheExportNameOrTheIndex() throws {
        let instance = try WasmModule()
            .function(.void, body: [])
            .function(.i32ToI32, export: "div", Asm.i32Const(1), Asm.localGet(0), Asm.op("i32.div_u"))
            .function(.i32ToI32, export: "callsHidden", Asm.localGet(0), Asm.call(3))
            .function(.i32ToI32, body: Asm.i32Const(1) + Asm.localGet(0) + Asm.op("i32.div_u"))
            .instantiate()
        let trap = try #require(#expect(throws: Trap.self) { try instance.call("div", .i32(UInt32(0))) })
        #expect(trap.code == .integerDivideByZero)
        #expect(trap.functionIndex == 1)
        #expect(trap.functionName == "div")
        #expect(trap.description.hasPrefix("integer divide by zero in function 1 \"div\" at offset 0x"))
        #expect(!trap.description.contains("code offset"))

        let hidden = try #require(#expect(throws: Trap.self) { try instance.call("callsHidden", .i32(UInt32(0))) })
        #expect(hidden.functionIndex == 3)
        #expect(hidden.functionName == nil)
        #expect(hidden.description.hasPrefix("integer divide by zero in function 3 at offset 0x"))
        #expect(!hidden.description.contains("\""))
    }

    /// A trap names the byte offset of the wasm instruction that trapped, also where Lowering fused
    /// it with the instructions before it. The expected offsets are found by searching the module's
    /// bytes for each instruction's encoding.
    @Test func trapGivesTheByteOffsetOfTheTrappingInstruction() throws {
        let bytes = try wat2wasm(
            """
            (module
              (memory 1)
              (func (export "div") (param i32 i32) (result i32) local.get 0 local.get 1 i32.div_s)
              (func (export "remByZero") (param i32) (result i32) local.get 0 i32.const 0 i32.rem_u)
              (func (export "load") (param i32) (result v128) local.get 0 i32.const 8 i32.add v128.load offset=4)
              (func (export "loadAdd") (param i32 f64) (result f64) local.get 1 local.get 0 f64.load offset=3 f64.add)
              (func (export "loadBranch") (param i32) (loop $l local.get 0 i32.load offset=5 local.get 0 i32.ne br_if $l))
              (func (export "spin") (loop $l br $l))
              (func $deep (export "deep") (call $deep)))
            """)
        /// The index of the last byte of `pattern`'s only occurrence in `bytes`.
        func lastByte(of pattern: [UInt8]) throws -> Int {
            let starts = (0...(bytes.count - pattern.count)).filter { Array(bytes[$0..<$0 + pattern.count]) == pattern }
            try #require(starts.count == 1)
            return starts[0] + pattern.count - 1
        }
        let store = Store()
        let instance = try store.instantiate(try Module(bytes: bytes))
        func trap(_ name: String, _ arguments: [Value]) throws -> Trap {
            try #require(#expect(throws: Trap.self) { _ = try instance.function(named: name)!.call(arguments) })
        }
        // local.get 0, local.get 1, i32.div_s
        #expect(try trap("div", [.i32(1), .i32(0)]).byteOffset == lastByte(of: [0x20, 0x00, 0x20, 0x01, 0x6D]))
        // local.get 0, i32.const 0, i32.rem_u: the constant is folded into the remainder.
        #expect(try trap("remByZero", [.i32(1)]).byteOffset == lastByte(of: [0x20, 0x00, 0x41, 0x00, 0x70]))
        // i32.add, then v128.load (0xFD 0x00) align 4 offset 4: the addition is folded into the load.
        let load = try trap("load", [.i32(65_530)])
        #expect(load.code == .outOfBoundsMemoryAccess)
        #expect(load.byteOffset == (try lastByte(of: [0x6A, 0xFD, 0x00, 0x04, 0x04])) - 3)
        #expect(load.description.contains("at offset 0x\(String(load.byteOffset ?? -1, radix: 16))"))
        // f64.load (0x2B) align 3 offset 3, then f64.add (0xA0): fused, the trap is at the load.
        let loadAdd = try trap("loadAdd", [.i32(65_530), .f64(1)])
        #expect(loadAdd.code == .outOfBoundsMemoryAccess)
        #expect(loadAdd.byteOffset == (try lastByte(of: [0x2B, 0x03, 0x03, 0xA0])) - 3)
        // i32.load (0x28) align 2 offset 5, local.get 0, i32.ne (0x47), br_if 0 (0x0D 0x00): fused;
        // out of bounds traps at the load, running out of fuel at the branch.
        let loadBranch = [UInt8]([0x28, 0x02, 0x05, 0x20, 0x00, 0x47, 0x0D, 0x00])
        let loadBranchOutOfBounds = try trap("loadBranch", [.i32(65_530)])
        #expect(loadBranchOutOfBounds.code == .outOfBoundsMemoryAccess)
        #expect(loadBranchOutOfBounds.byteOffset == (try lastByte(of: loadBranch)) - 7)
        store.fuel = 10
        let loadBranchFuel = try trap("loadBranch", [.i32(8)])
        #expect(loadBranchFuel.code == .outOfFuel)
        #expect(loadBranchFuel.byteOffset == (try lastByte(of: loadBranch)) - 1)
        store.fuel = nil
        // loop, br 0: fuel runs out on the branch.
        store.fuel = 10
        let spin = try trap("spin", [])
        #expect(spin.code == .outOfFuel)
        #expect(spin.byteOffset == (try lastByte(of: [0x03, 0x40, 0x0C, 0x00])) - 1)
        // call 6 (itself) until the call-depth limit: the trap is at the call.
        store.fuel = nil
        let deep = try trap("deep", [])
        #expect(deep.code == .callStackExhausted)
        #expect(deep.byteOffset == (try lastByte(of: [0x10, 0x06, 0x0B])) - 2, "\(deep)")
    }

    // MARK: Usable after a trap

    /// After each kind of trap the same instance answers correctly, memory writes made before the trap
    /// stay, and later calls count on from where the trap left the counter.
    @Test(arguments: [
        (Int32(0), TrapCode.unreachable), (1, .integerDivideByZero), (2, .integerOverflow),
        (3, .invalidConversionToInteger), (4, .outOfBoundsMemoryAccess), (5, .undefinedElement),
    ])
    func storeAndInstanceStayUsable(selector: Int32, code: TrapCode) throws {
        // run(k) writes k + 100 at address 0, then br_table (depth k) out of the innermost k + 1 of 7 nested
        // blocks onto trap kind k; run(6) leaves all 7 and returns the value at address 0. Counts: the 7
        // blocks and the br_table (8) before any trap; run(6) adds its fn end (9): every block's end is
        // reached by the branch.
        var body = Asm.i32Const(0) + Asm.localGet(0) + Asm.i32Const(100) + Asm.op("i32.add") + Asm.memory("i32.store")
        body += Array(repeating: Asm.block(), count: 7).flatMap { $0 }
        body += Asm.localGet(0) + Asm.brTable([0, 1, 2, 3, 4, 5], default: 6) + Asm.end
        let kinds: [[UInt8]] = [
            Asm.unreachable,
            Asm.i32Const(1) + Asm.i32Const(0) + Asm.op("i32.div_s") + Asm.drop,
            Asm.i32Const(Int32.min) + Asm.i32Const(-1) + Asm.op("i32.div_s") + Asm.drop,
            Asm.f32Const(bits: 0x7FC0_0000) + Asm.op("i32.trunc_f32_s") + Asm.drop,
            Asm.i32Const(65_536) + Asm.memory("i32.load") + Asm.drop,
            Asm.i32Const(5) + Asm.callIndirect(type: 1),
        ]
        for kind in kinds { body += kind + Asm.unreachable + Asm.end }
        body += Asm.i32Const(0) + Asm.memory("i32.load")
        let store = Store()
        let instance = try WasmModule()
            .types(.i32ToI32, .void)
            .memory(min: 1)
            .table(min: 1)
            .function(.i32ToI32, export: "run", body: body)
            .function(.i32ToI32, export: "read", Asm.localGet(0), Asm.memory("i32.load"))
            .instantiate(in: store)

        let trap = #expect(throws: Trap.self) { try instance.call("run", .i32(selector)) }
        #expect(trap?.code == code)
        #expect(trap?.functionIndex == 0)
        #expect(store.instructionCount == 8)  // 7 blocks + br_table; no end, no fn end
        #expect(try instance.call("read", .i32(Int32(0))) == [.i32(selector + 100)])  // + read's fn end
        #expect(try instance.call("run", .i32(Int32(6))) == [.i32(Int32(106))])
        #expect(store.instructionCount == 8 + 1 + 9)
    }
}
