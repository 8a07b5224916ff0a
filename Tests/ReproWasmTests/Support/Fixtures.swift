@testable import ReproWasm

/// Bodies shared by the counting, fuel, counter-global and call-depth tests.
enum Fixtures {
    /// The contract's countdown loop over the `i32` local `counter` (`docs/DETERMINISM.md` §3):
    ///
    ///     block                                   ;; +1
    ///       loop                                  ;; +1
    ///         (br_if 1 (i32.eqz (local.get $i)))  ;; +1 every time, taken once $i = 0
    ///         <iteration>                         ;; runs n times
    ///         (local.set $i (i32.sub (local.get $i) (i32.const 1)))
    ///         br 0                                ;; +1, back to the loop: the loop is not counted again
    ///       end                                   ;; never reached
    ///     end                                     ;; reached only by the branch: not counted
    ///
    /// With `$i = n` this counts `2n + 3` plus whatever `iteration` counts, n times.
    static func countdown(counter: UInt32 = 0, iteration: [UInt8] = []) -> [UInt8] {
        Asm.block() + Asm.loop()
            + Asm.localGet(counter) + Asm.op("i32.eqz") + Asm.brIf(1)
            + iteration
            + Asm.localGet(counter) + Asm.i32Const(1) + Asm.op("i32.sub") + Asm.localSet(counter)
            + Asm.br(0)
            + Asm.end + Asm.end
    }

    /// `f(n) = n == 0 ? 0 : f(n - 1) + 1` as function `index`, type `(i32) -> i32`:
    ///
    ///     (if (result i32) (i32.eqz (local.get 0))
    ///       (then (i32.const 0))
    ///       (else (i32.add (call $f (i32.sub (local.get 0) (i32.const 1))) (i32.const 1))))
    ///
    /// Counts per frame: for n > 0, `if` +1, the else-arm's `end` +1 (falls through), the body's `end` +1;
    /// for n = 0, `if` +1, `else` +1 (the then-arm falls onto it), the body's `end` +1. So `f(k)` counts
    /// `3(k + 1)`; a frame that traps at its call has counted only its `if`.
    static func recursiveCount(index: UInt32) -> [UInt8] {
        Asm.localGet(0) + Asm.op("i32.eqz") + Asm.if(.value(.i32))
            + Asm.i32Const(0)
            + Asm.else
            + Asm.localGet(0) + Asm.i32Const(1) + Asm.op("i32.sub") + Asm.call(index)
            + Asm.i32Const(1) + Asm.op("i32.add")
            + Asm.end
    }
}

extension FunctionType {
    static let void = FunctionType()
    static let i32ToVoid = FunctionType([.i32], [])
    static let i32ToI32 = FunctionType([.i32], [.i32])
    static let voidToI32 = FunctionType([], [.i32])
    static let voidToI64 = FunctionType([], [.i64])
    static let i32ToI64 = FunctionType([.i32], [.i64])
}

extension Fixtures {
    /// Runs one operator in a fresh store: a function of `type` whose body pushes its parameters in
    /// order, then applies `mnemonic`. Arguments and results cross the host boundary bit-exact.
    /// `apply` with the last argument written into the code as a constant instead of passed in,
    /// so Lowering folds it into the op's immediate form where there is one; `nil` when the last
    /// argument is not a number.
    static func applyWithConstantLast(_ mnemonic: String, _ type: FunctionType, _ arguments: [Value]) throws
        -> [Value]?
    {
        guard let last = arguments.last else { return nil }
        let constant: [UInt8]
        switch last {
        case .i32(let bits): constant = Asm.i32Const(bits: bits)
        case .i64(let bits): constant = Asm.i64Const(bits: bits)
        case .f32Bits(let bits): constant = Asm.f32Const(bits: bits)
        case .f64Bits(let bits): constant = Asm.f64Const(bits: bits)
        default: return nil
        }
        let parameters = Array(type.parameters.dropLast())
        var body: [UInt8] = []
        for index in parameters.indices { body += Asm.localGet(UInt32(index)) }
        body += constant + Asm.op(mnemonic)
        let instance = try WasmModule().function(FunctionType(parameters, type.results), export: "run", body: body)
            .instantiate()
        return try instance.exportedFunction("run").call(Array(arguments.dropLast()))
    }

    static func apply(_ mnemonic: String, _ type: FunctionType, _ arguments: [Value]) throws -> [Value] {
        var body: [UInt8] = []
        for index in type.parameters.indices { body += Asm.localGet(UInt32(index)) }
        body += Asm.op(mnemonic)
        let instance = try WasmModule().function(type, export: "run", body: body).instantiate()
        return try instance.exportedFunction("run").call(arguments)
    }
}
