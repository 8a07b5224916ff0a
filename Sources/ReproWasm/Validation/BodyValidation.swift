#if canImport(Glibc)
    import Glibc
#elseif canImport(Musl)
    import Musl
#elseif canImport(Darwin)
    import Darwin
#endif

// Validating the bodies of a lazily lowered module (`LoweringMode.lazy`) on two threads. Each body is
// validated on its own (the module context is read-only), so splitting the bodies in two halves and
// validating the second half on a POSIX thread gives the same frame layouts as one thread, merged in
// order; when bodies are invalid, the error reported is the one of the first invalid body in order,
// the one a single thread reports. Only large modules are split, by a rule on the module alone (the
// size of its code), so the work done never depends on the machine; without POSIX threads, or when a
// thread cannot be started, one thread validates everything.

/// What validating a run of bodies gives: their frame layouts, or the first error.
final class BodyValidationShare: @unchecked Sendable {
    // SAFETY (Sendable): the spawned thread writes `infos` and `error` until `pthread_join` returns,
    // and only then does the thread that started it read them; everything else is immutable.
    let parsed: ParsedModule
    let context: ModuleContext
    let features: Features
    let positions: Range<Int>
    var infos: [CompiledFunctionInfo] = []
    var error: ModuleError?

    init(parsed: ParsedModule, context: ModuleContext, features: Features, positions: Range<Int>) {
        self.parsed = parsed
        self.context = context
        self.features = features
        self.positions = positions
    }

    /// Validates the share's bodies without lowering them, stopping at the first invalid one.
    func run() {
        infos.reserveCapacity(positions.count)
        // One validator validates every body of the share, keeping its buffers from body to body.
        var validator: FunctionValidator?
        for position in positions {
            let index = UInt32(context.importedFunctionCount + position)
            let typeIndex = context.functionTypeIndices[Int(index)]
            let type = parsed.types[Int(typeIndex)]
            let body = parsed.bodies[position]
            do {
                var current: FunctionValidator
                if var reused = validator.take() {
                    try reused.reset(functionIndex: index, type: type, body: body)
                    current = reused
                } else {
                    current = try FunctionValidator(
                        module: context, functionIndex: index, type: type, body: body, features: features,
                        lowers: false)
                }
                let function = try current.run()
                infos.append(
                    CompiledFunctionInfo(
                        codeOffset: 0, parameterSlots: function.parameterSlots, localSlots: function.localSlots,
                        frameSlots: function.frameSlots, resultSlots: function.resultSlots, typeIndex: typeIndex,
                        sourceMap: []))
                validator = current
            } catch {
                self.error = error
                return
            }
        }
    }
}

enum BodyValidation {
    /// Code sections smaller than this are validated on the calling thread alone: starting a thread
    /// costs more than it saves there.
    static let splitThreshold = 1 << 20

    /// The frame layouts of every body of `parsed`, validated but not lowered.
    /// `splitThreshold` is the smallest code size (bytes of bodies) that is split in two.
    static func validateWithoutLowering(
        _ parsed: ParsedModule, context: ModuleContext, features: Features, splitThreshold: Int = splitThreshold
    ) throws(ModuleError) -> [CompiledFunctionInfo] {
        let bodies = parsed.bodies
        let totalBytes = bodies.reduce(0) { $0 + $1.code.count }
        // The split: the first body at which half of the code's bytes lie before it.
        var split = bodies.count
        if totalBytes >= splitThreshold, bodies.count > 1 {
            var bytes = 0
            for (position, body) in bodies.enumerated() {
                if bytes >= totalBytes / 2 {
                    split = position
                    break
                }
                bytes += body.code.count
            }
        }
        let first = BodyValidationShare(parsed: parsed, context: context, features: features, positions: 0..<split)
        let second = BodyValidationShare(
            parsed: parsed, context: context, features: features, positions: split..<bodies.count)
        let thread = second.positions.isEmpty ? nil : start(second)
        if thread == nil { second.run() }
        first.run()
        if let thread { join(thread) }
        if let error = first.error { throw error }
        if let error = second.error { throw error }
        return first.infos + second.infos
    }

    #if canImport(Glibc) || canImport(Musl) || canImport(Darwin)
        typealias Thread = pthread_t

        /// Runs `share` on a new thread, or returns nil when none can be started (the caller runs it).
        static func start(_ share: BodyValidationShare) -> Thread? {
            let argument = Unmanaged.passRetained(share).toOpaque()
            #if canImport(Darwin)
                var thread: pthread_t?
            #else
                var thread = pthread_t()
            #endif
            let status = pthread_create(
                &thread, nil,
                { argument in
                    // SAFETY: the argument is the share retained by `start`, released here once.
                    let share = Unmanaged<BodyValidationShare>.fromOpaque(argument!).takeRetainedValue()
                    share.run()
                    return nil
                }, argument)
            guard status == 0 else {
                Unmanaged<BodyValidationShare>.fromOpaque(argument).release()
                return nil
            }
            return thread
        }

        static func join(_ thread: Thread) { pthread_join(thread, nil) }
    #else
        typealias Thread = Never

        static func start(_ share: BodyValidationShare) -> Thread? { nil }
        static func join(_ thread: Thread) {}
    #endif
}
