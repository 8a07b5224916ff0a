import ReproWasm

// `repro-wasm run component.wasm --invoke NAME ARGS...`: instantiates a component that has no imports
// and calls one of its exported functions (`name`, or `interface#name` for a function of an exported
// instance) with arguments written as WAVE-like text; results are printed the same way.
extension CLI {
    static func runComponent(
        _ input: Input, name: String?, texts: [String], features: Features, limits: StoreLimits, fuel: UInt64?,
        stats: Bool
    ) throws -> Int32 {
        let component = try Component(bytes: input.bytes, features: features)
        if !component.importNames.isEmpty {
            throw UsageError(
                description: "\(input.name) imports \(component.importNames.joined(separator: ", ")); "
                    + "run supplies no component imports", command: "run")
        }
        let store = Store(engine: Engine(features: features, limits: limits, defaultFuel: fuel))
        let instance: ComponentInstance
        do {
            instance = try store.instantiate(component)
        } catch {
            printError(error.isLinkError ? "error: \(error)" : "trap: \(error) (while instantiating)")
            return error.isLinkError ? 2 : 1
        }
        guard let name else {
            throw UsageError(
                description:
                    "name the function to run with --invoke (exports: \(instance.exportNames.joined(separator: ", ")))",
                command: "run")
        }
        var owner = instance
        var functionName = name
        if let hash = name.lastIndex(of: "#") {
            guard let exported = instance.instance(named: String(name[..<hash])) else {
                throw UsageError(description: "no exported instance '\(name[..<hash])'", command: "run")
            }
            owner = exported
            functionName = String(name[name.index(after: hash)...])
        }
        guard let function = owner.function(named: functionName) else {
            throw UsageError(
                description: "no exported function '\(name)' (exports: \(owner.exportNames.joined(separator: ", ")))",
                command: "run")
        }
        let arguments: [ComponentValue]
        do {
            arguments = try function.arguments(fromWAVE: texts)
        } catch {
            throw UsageError(description: error.description, command: "run")
        }
        let countBefore = store.instructionCount
        let exitCode: Int32
        do {
            for result in try function.call(arguments) { print(result) }
            exitCode = 0
        } catch {
            printError("trap: \(error)")
            exitCode = 1
        }
        printError("instructions: \(store.instructionCount &- countBefore)")
        if stats { printError("peak memory pages: \(store.memoryPageCount)") }
        return exitCode
    }
}
