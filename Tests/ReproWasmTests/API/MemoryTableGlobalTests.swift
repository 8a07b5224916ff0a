import Testing

@testable import ReproWasm

/// The host's view of memories, tables and globals: bounds-checked, typed, bit-exact.
@Suite struct MemoryTableGlobalTests {
    private func memory(pages: UInt64 = 1, max: UInt64? = nil) throws -> Memory {
        try #require(
            try WasmModule().memory(min: pages, max: max, export: "memory").instantiate().memory(named: "memory"))
    }

    // MARK: Memory

    @Test func integersAreLittleEndianAtAnyAlignment() throws {
        let memory = try memory()
        try memory.store(UInt32(0x0403_0201), at: 1)
        #expect(try memory.read(at: 0, count: 6) == [0, 1, 2, 3, 4, 0])
        #expect(try memory.load(UInt32.self, at: 1) == 0x0403_0201)
        #expect(try memory.load(UInt16.self, at: 2) == 0x0302)
        try memory.store(Int64(-2), at: 100)
        #expect(try memory.load(Int64.self, at: 100) == -2)
        #expect(try memory.load(UInt8.self, at: 107) == 0xFF)
        try memory.store(Int8(-1), at: 200)
        let byte: UInt8 = try memory.load(at: 200)
        #expect(byte == 0xFF)
    }

    @Test func floatsKeepTheirBits() throws {
        let memory = try memory()
        let signallingNaN = Float(bitPattern: 0x7FA0_0001)
        try memory.store(signallingNaN, at: 0)
        #expect(try memory.loadFloat(at: 0).bitPattern == 0x7FA0_0001)
        #expect(try memory.load(UInt32.self, at: 0) == 0x7FA0_0001)
        try memory.store(Double(bitPattern: 0xFFF4_0000_0000_0001), at: 8)
        #expect(try memory.loadDouble(at: 8).bitPattern == 0xFFF4_0000_0000_0001)
    }

    @Test(arguments: [(-1, 1), (65_536, 1), (65_535, 2), (0, 65_537), (Int.max, 1), (1, Int.max), (0, -1)])
    func accessesOutsideTheMemoryAreErrors(offset: Int, count: Int) throws {
        let memory = try memory()
        let expected = AccessError.memoryOutOfBounds(offset: offset, count: count, byteCount: 65_536)
        #expect(throws: expected) { try memory.read(at: offset, count: count) }
        #expect(throws: expected) { try memory.string(at: offset, count: count) }
        if count >= 0, count <= 65_537 {
            #expect(throws: AccessError.self) { try memory.write([UInt8](repeating: 1, count: count), at: offset) }
        }
        #expect(try memory.read(at: 65_535, count: 1) == [0])  // nothing was written
    }

    @Test func typedAccessesAtTheEndAreChecked() throws {
        let memory = try memory()
        try memory.store(UInt32(7), at: 65_532)
        #expect(throws: AccessError.memoryOutOfBounds(offset: 65_533, count: 4, byteCount: 65_536)) {
            try memory.store(UInt32(7), at: 65_533)
        }
        #expect(throws: AccessError.self) { try memory.loadDouble(at: 65_529) }
        #expect(throws: AccessError.self) { try memory.load(UInt64.self, at: -8) }
        #expect(try memory.load(UInt32.self, at: 65_532) == 7)
    }

    /// `digest` is FNV-1a 64 (an empty memory gives the published offset basis), sees every byte,
    /// and depends only on the bytes. scripts/cli-test.sh checks a page's digest against an
    /// independent computation.
    @Test func digestIsFNV1aOfTheBytes() throws {
        #expect(try memory(pages: 0).digest == 0xcbf2_9ce4_8422_2325)
        let memory = try memory()
        let zeroed = memory.digest
        try memory.store(UInt8(1), at: 65_535)
        #expect(memory.digest != zeroed)
        try memory.store(UInt8(0), at: 65_535)
        #expect(memory.digest == zeroed)
        #expect(try self.memory().digest == zeroed)
    }

    @Test func aMemoryWithoutPagesRefusesEveryByte() throws {
        let memory = try memory(pages: 0)
        #expect(memory.byteCount == 0)
        #expect(try memory.read(at: 0, count: 0) == [])
        #expect(throws: AccessError.self) { try memory.load(UInt8.self, at: 0) }
    }

    @Test func growAddsZeroedPagesUpToTheMaximum() throws {
        let memory = try memory(pages: 1, max: 2)
        #expect(try memory.grow(by: 1) == 1)
        #expect(memory.pageCount == 2)
        #expect(try memory.load(UInt64.self, at: 65_536 + 8) == 0)
        #expect(try memory.grow(by: 1) == nil)
        #expect(try memory.grow(by: -1) == nil)
        #expect(try memory.grow(by: 0) == 2)
        #expect(memory.type == MemoryType(limits: Limits(min: 2, max: 2)))
    }

    @Test func rawBufferAccessSeesTheSameBytes() throws {
        let memory = try memory()
        memory.withUnsafeMutableBytes { bytes in bytes[10] = 0x5A }
        #expect(try memory.load(UInt8.self, at: 10) == 0x5A)
        let count = memory.withUnsafeBytes { $0.count }
        #expect(count == 65_536)
        let error = #expect(throws: HostFailure.self) {
            try memory.withUnsafeBytes { (_) throws(HostFailure) in throw HostFailure(reason: "typed") }
        }
        #expect(error?.reason == "typed")
    }

    @Test func aHostMemoryCanBeImported() throws {
        let store = Store()
        let memory = try #require(Memory(store: store, type: MemoryType(limits: Limits(min: 1))))
        try memory.store(Int32(1234), at: 0)
        let bytes = ModuleBuilder()
            .types([.voidToI32])
            .imports([("env", "memory", APIFixtures.memoryImport(1))])
            .functions([0])
            .exports([("read", .function, 0)])
            .code([WasmBytes.body(Asm.i32Const(0) + Asm.memory("i32.load", align: 2) + Asm.end)])
            .bytes
        var imports = Imports()
        imports.define(module: "env", name: "memory", .memory(memory))
        let instance = try store.instantiate(try Module(bytes: bytes), imports: imports)
        #expect(try instance.call("read") == [.i32(Int32(1234))])
    }

    // MARK: Table

    @Test func tableElementsCanBeReadAndSet() throws {
        let store = Store()
        let instance = try APIFixtures.adder.table(min: 2, max: 3).export("table", .table, 0).elements(at: 0, [0])
            .instantiate(in: store)
        let table = try #require(instance.table(named: "table"))
        let add = try instance.exportedFunction("add")
        #expect(table.count == 2)
        #expect(table.elementType == .funcRef)
        #expect(try table.element(at: 0) == .funcRef(add.reference))
        #expect(try table.element(at: 1) == .funcRef(nil))
        try table.setElement(.funcRef(add.reference), at: 1)
        guard case .funcRef(let reference?) = try table.element(at: 1) else {
            Issue.record("expected a function reference")
            return
        }
        #expect(try Function(reference, in: store)?.call([.i32(Int32(1)), .i32(Int32(1))]) == [.i32(Int32(2))])
        try table.setElement(.funcRef(nil), at: 1)
        #expect(try table.element(at: 1) == .funcRef(nil))
    }

    @Test func tableAccessesAreChecked() throws {
        let store = Store()
        let instance = try APIFixtures.adder.table(min: 2).export("table", .table, 0).instantiate(in: store)
        let table = try #require(instance.table(named: "table"))
        #expect(throws: AccessError.tableOutOfBounds(index: 2, count: 2)) { try table.element(at: 2) }
        #expect(throws: AccessError.tableOutOfBounds(index: -1, count: 2)) {
            try table.setElement(.funcRef(nil), at: -1)
        }
        #expect(throws: AccessError.typeMismatch(expected: [.funcRef], actual: [.i32])) {
            try table.setElement(.i32(Int32(0)), at: 0)
        }
        let foreign = try APIFixtures.adder.instantiate().exportedFunction("add")
        #expect(throws: AccessError.foreignStore) { try table.setElement(.funcRef(foreign.reference), at: 0) }
        #expect(try table.element(at: 0) == .funcRef(nil))
    }

    @Test func tablesGrowWithAFillValue() throws {
        let store = Store()
        let table = try #require(
            Table(store: store, type: TableType(elementType: .externRef, limits: Limits(min: 1, max: 3))))
        #expect(try table.grow(by: 1, filling: .externRef(ExternalReference(id: 7))) == 1)
        #expect(try table.element(at: 1) == .externRef(ExternalReference(id: 7)))
        #expect(try table.grow(by: 2) == nil)
        #expect(try table.grow(by: 1) == 2)
        #expect(try table.element(at: 2) == .externRef(nil))
        #expect(table.type == TableType(elementType: .externRef, limits: Limits(min: 3, max: 3)))
    }

    // MARK: Global

    @Test func globalsCanBeReadAndSetWhenMutable() throws {
        let instance = try WasmModule()
            .global(.i32, mutable: true, initial: Asm.i32Const(10), export: "counter")
            .global(.f64, mutable: false, initial: Asm.f64Const(bits: 0x7FF4_0000_0000_0001), export: "nan")
            .function(.voidToI32, export: "read", Asm.globalGet(0))
            .instantiate()
        let counter = try #require(instance.global(named: "counter"))
        #expect(counter.type == GlobalType(valueType: .i32, isMutable: true))
        #expect(counter.value == .i32(Int32(10)))
        try counter.set(.i32(Int32(-5)))
        #expect(try instance.call("read") == [.i32(Int32(-5))])
        #expect(throws: AccessError.typeMismatch(expected: [.i32], actual: [.i64])) { try counter.set(.i64(Int64(1))) }

        let nan = try #require(instance.global(named: "nan"))
        #expect(nan.value == .f64Bits(0x7FF4_0000_0000_0001))
        #expect(throws: AccessError.immutableGlobal) { try nan.set(.f64(1)) }
        #expect(nan.value == .f64Bits(0x7FF4_0000_0000_0001))
    }

    @Test func theCounterGlobalIsTheStoresCounter() throws {
        let store = Store()
        let instance = try WasmModule().importCounter().export("counter", .global, 0).instantiate(in: store)
        let counter = try #require(instance.global(named: "counter"))
        store.fuel = 50
        try counter.set(.i64(Int64(1_000)))
        #expect(store.instructionCount == 1_000)
        #expect(store.fuel == 50)
        store.instructionCount = 7
        #expect(counter.value == .i64(Int64(7)))
    }

    @Test func aHostGlobalCanBeImported() throws {
        let store = Store()
        let global = Global(store: store, type: GlobalType(valueType: .i64, isMutable: true), value: .i64(Int64(3)))
        var imports = Imports()
        imports.define(module: "env", name: "g", .global(global))
        let instance = try WasmModule().importGlobal("env", "g", .i64, mutable: true)
            .function(.void, export: "bump", Asm.globalGet(0), Asm.i64Const(1), Asm.op("i64.add"), Asm.globalSet(0))
            .instantiate(in: store, imports: imports)
        try instance.call("bump")
        #expect(global.value == .i64(Int64(4)))
        #expect(Extern.global(global).type == .global(GlobalType(valueType: .i64, isMutable: true)))
    }
}
