import Testing

@testable import ReproWasm

/// Values at the host boundary: literals, Swift conversions, descriptions; all bit-exact.
@Suite struct ValueTests {
    @Test func integerLiteralsNeedNoConversion() {
        #expect(Value.i32(12) == .i32(UInt32(12)))
        #expect(Value.i32(-1) == .i32(UInt32.max))
        #expect(Value.i32(0xFFFF_FFFF) == .i32(Int32(-1)))
        #expect(Value.i32(Int(Int32.min)) == .i32(Int32.min))
        #expect(Value.i64(-1) == .i64(UInt64.max))
        #expect(Value.i64(Int.max) == .i64(Int64.max))
    }

    @Test func anIntThatDoesNotFitAnI32IsAProgrammingError() async {
        await #expect(processExitsWith: .failure) { _ = Value.i32(1 << 32) }
        await #expect(processExitsWith: .failure) { _ = Value.i32(-(1 << 31) - 1) }
    }

    @Test func aGlobalsInitialValueMustHaveItsType() async {
        await #expect(processExitsWith: .failure) {
            _ = Global(store: Store(), type: GlobalType(valueType: .i32, isMutable: false), value: .i64(1))
        }
    }

    @Test func swiftNumbersConvertBitExactly() {
        #expect(Int32(wasmValue: .i32(-5)) == -5)
        #expect(UInt32(wasmValue: .i32(-5)) == UInt32.max - 4)
        #expect(Int64(wasmValue: .i64(-5)) == -5)
        #expect(UInt64(wasmValue: .i64(Int64.min)) == 1 << 63)
        #expect(Int32(wasmValue: .i64(1)) == nil)
        #expect(Double(wasmValue: .f32(1)) == nil)
        let nan = Value.f64Bits(0x7FF4_0000_0000_0001)  // signalling, with a payload
        #expect(Double(wasmValue: nan)?.bitPattern == 0x7FF4_0000_0000_0001)
        #expect(Double(bitPattern: 0x7FF4_0000_0000_0001).wasmValue == nan)
        #expect(Float(bitPattern: 0xFFC0_0001).wasmValue == .f32Bits(0xFFC0_0001))
        #expect(Int32(-1).wasmValue == UInt32.max.wasmValue)
        #expect(
            [Int32.valueType, UInt32.valueType, Int64.valueType, UInt64.valueType, Float.valueType, Double.valueType]
                == [.i32, .i32, .i64, .i64, .f32, .f64])
    }

    @Test func descriptionsShowTypeAndBits() {
        #expect(Value.i32(-3).description == "i32:-3")
        #expect(Value.i64(7).description == "i64:7")
        #expect(Value.f64(1.5).description == "f64:1.5 (0x3ff8000000000000)")
        #expect(Value.externRef(ExternalReference(id: 4)).description == "externref:4")
        #expect(Value.funcRef(nil).description == "funcref:null")
        #expect(Value.zero(.v128) == .v128(low: 0, high: 0))
    }

    @Test func externalReferencesRoundTripThroughWasm() throws {
        let module = try WasmModule().function(FunctionType([.externRef], [.externRef]), export: "id", Asm.localGet(0))
            .module(features: .full)
        let instance = try Store(engine: Engine(features: .full)).instantiate(module)
        let reference = Value.externRef(ExternalReference(id: 42))
        #expect(try instance.call("id", reference) == [reference])
        #expect(try instance.call("id", .externRef(nil)) == [.externRef(nil)])
    }
}
