// Lazy lowering (`LoweringMode.lazy`): a module's bodies are validated when it loads but lowered one by
// one, the first time each function of an instance runs. An unlowered function's code is the shared
// `LoweredFunction.entryStub`, one `Op.lowerOnEntry`; that op lowers the body with the same
// `FunctionValidator` eager loading uses (so the code, and every count and trap, are the same as if the
// module had been lowered eagerly), keeps it in the instance's record and continues in it.

/// One function's code, lowered on its first call and owned by its instance's record.
final class LoweredFunction {
    /// The code words; stable for the record's lifetime (frames and `FunctionInstance.code` point here).
    let code: UnsafeMutablePointer<UInt64>
    /// How many words `code` holds.
    let wordCount: Int
    /// The frame layout and source map, as `ValidatedModule.functions` holds them for eager modules.
    let info: CompiledFunctionInfo
    /// The function's `try_table` handlers.
    let handlers: [ExceptionHandler]

    /// The code of every function not lowered yet: one `Op.lowerOnEntry`. Never freed.
    // SAFETY (nonisolated): the word is written once, by the global's initialiser, and only read after.
    nonisolated(unsafe) static let entryStub: UnsafePointer<UInt64> = {
        let words = UnsafeMutablePointer<UInt64>.allocate(capacity: 1)
        words.initialize(to: CodeEmitter.head(.lowerOnEntry))
        return UnsafePointer(words)
    }()

    /// Lowers defined function `defined` of `module` (whose bodies were validated but not lowered).
    init(lowering defined: Int, of module: ValidatedModule) {
        // SAFETY of the unwrap: only modules validated with `LoweringMode.lazy` have the entry stub.
        let context = module.lazyContext!
        let index = UInt32(context.importedFunctionCount + defined)
        let typeIndex = module.functionTypeIndices[Int(index)]
        let compiled: CompiledFunction
        do {
            var validator = try FunctionValidator(
                module: context, functionIndex: index, type: module.parsed.types[Int(typeIndex)],
                body: module.parsed.bodies[defined], features: module.features)
            compiled = try validator.run()
        } catch {
            // The same validator accepted the same body when the module loaded.
            preconditionFailure("function \(index) validated when its module loaded but does not lower: \(error)")
        }
        let words = HostMemory.resize(nil, to: max(compiled.code.count, 1) * 8).assumingMemoryBound(to: UInt64.self)
        compiled.code.withUnsafeBufferPointer { words.initialize(from: $0.baseAddress!, count: $0.count) }
        code = words
        wordCount = compiled.code.count
        info = CompiledFunctionInfo(
            codeOffset: 0, parameterSlots: compiled.parameterSlots, localSlots: compiled.localSlots,
            frameSlots: compiled.frameSlots, resultSlots: compiled.resultSlots, typeIndex: typeIndex,
            sourceMap: compiled.sourceMap)
        handlers = compiled.handlers
    }

    deinit { HostMemory.free(UnsafeMutableRawPointer(code)) }
}

extension InstanceRecord {
    /// The frame layout and source map of defined function `defined`, lowered eagerly or lazily.
    func functionInfo(_ defined: Int) -> CompiledFunctionInfo { lowered[defined]?.info ?? module.functions[defined] }

    /// The `try_table` handlers of defined function `defined` (none before a lazy function is lowered).
    func handlers(_ defined: Int) -> [ExceptionHandler] { lowered[defined]?.handlers ?? module.handlers[defined] }
}

extension StoreRuntime {
    /// `Op.lowerOnEntry`: lowers `function`, whose frame at `sp` is set up (arguments in place), and
    /// returns the address of its first instruction.
    ///
    /// The call already checked the frame against the stack's end with the slot count validation
    /// found, which lowering reproduces; it is checked again so that a difference could only trap.
    @inline(never)
    func lowerOnEntry(_ function: UnsafeMutablePointer<FunctionInstance>, sp: UnsafeMutablePointer<UInt64>)
        throws(TrapCode) -> UnsafePointer<UInt64>
    {
        // SAFETY of the unwrap: the entry stub is only given to functions defined by a module.
        let record = instances[function.pointee.instance!.pointee.instanceIndex]
        let module = record.module
        let defined = Int(function.pointee.functionIndex) - (module.functionTypeIndices.count - module.functions.count)
        let lowered = LoweredFunction(lowering: defined, of: module)
        record.lowered[defined] = lowered
        function.pointee.code = UnsafePointer(lowered.code)
        guard sp + lowered.info.frameSlots <= stackEnd else { throw .callStackExhausted }
        function.pointee.frameSlots = lowered.info.frameSlots
        return UnsafePointer(lowered.code)
    }
}
