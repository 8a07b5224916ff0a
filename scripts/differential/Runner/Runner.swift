import ReproWasm

/// Why a job could not be run as asked: these are the driver's mistakes, reported as `error`
/// outcomes, never crashes.
enum JobError: Error, Equatable, CustomStringConvertible {
    /// The export does not exist or is not a function.
    case unknownFunction(String)
    /// The export does not exist or is not a global.
    case unknownGlobal(String)
    /// The global is immutable or the value does not fit its type.
    case badGlobalValue(global: String, reason: String)
    /// The call has another number of arguments than the function has parameters.
    case argumentCount(export: String, expected: Int, actual: Int)
    /// An argument does not fit its parameter's type.
    case badArgument(export: String, index: Int, reason: String)

    var description: String {
        switch self {
        case .unknownFunction(let name): "no exported function \"\(name)\""
        case .unknownGlobal(let name): "no exported global \"\(name)\""
        case .badGlobalValue(let global, let reason): "global \"\(global)\": \(reason)"
        case .argumentCount(let export, let expected, let actual):
            "\"\(export)\" takes \(expected) arguments, the job gives \(actual)"
        case .badArgument(let export, let index, let reason): "\"\(export)\" argument \(index): \(reason)"
        }
    }
}

/// Runs jobs on ReproWasm through its public API, one fresh store per module.
struct Runner {
    /// The fuel per call when the job names none: generous, so only runaway code runs out.
    static let defaultFuel: UInt64 = 50_000_000

    /// The engine every store uses: the contract's feature profile and the default limits.
    let engine = Engine(features: .deterministic)

    /// Loads, instantiates and calls; never throws: every failure is part of the report.
    func run(_ job: Job) -> Report {
        var report = Report(id: job.id, load: "ok")
        let module: Module
        do {
            module = try Module(contentsOf: job.module, features: engine.features)
        } catch {
            report.load = error.description
            return report
        }
        let fuel = job.fuel ?? Self.defaultFuel
        let store = Store(engine: engine)
        store.fuel = fuel
        let instance: Instance
        do {
            instance = try store.instantiate(module)
            report.instantiate = Outcome(status: "ok")
        } catch {
            switch error {
            case .trap(let trap): report.instantiate = Self.outcome(of: trap)
            case .link(let link): report.instantiate = .error("link error: \(link)")
            }
            report.instructions = store.instructionCount
            return report
        }
        for call in job.calls {
            store.fuel = fuel
            report.calls.append(Self.perform(call, in: instance))
        }
        report.instructions = store.instructionCount
        describeState(of: instance, module: module, withBytes: job.memoryBytes ?? false, into: &report)
        return report
    }

    /// One call's outcome.
    static func perform(_ call: Call, in instance: Instance) -> Outcome {
        guard let function = instance.function(named: call.export) else {
            return .error(JobError.unknownFunction(call.export).description)
        }
        let arguments: [Value]
        do {
            try setGlobals(call.globals ?? [:], in: instance)
            arguments = try values(for: call, type: function.type)
        } catch {
            return .error(error.description)
        }
        do {
            let results = try function.call(arguments)
            return .ok(results.map(Self.bits))
        } catch let trap as Trap {
            return outcome(of: trap)
        } catch {
            return .error("the call was refused: \(error)")
        }
    }

    /// A trap as the report shows it: resource limits apart from the semantic traps.
    static func outcome(of trap: Trap) -> Outcome {
        switch trap.code {
        case .callStackExhausted, .outOfFuel, .hostResourceExhausted:
            Outcome(status: "exhausted", reason: trap.code.description)
        case .hostError:
            // Cannot happen without host functions; report the whole trap.
            Outcome(status: "trap", trap: trap.code.description, message: trap.description)
        default:
            Outcome(status: "trap", trap: trap.code.description)
        }
    }

    /// Sets exported globals before a call, in name order.
    static func setGlobals(_ globals: [String: Argument], in instance: Instance) throws(JobError) {
        for name in globals.keys.sorted() {
            guard let global = instance.global(named: name), let argument = globals[name] else {
                throw .unknownGlobal(name)
            }
            guard let value = value(argument, as: global.type.valueType) else {
                throw .badGlobalValue(global: name, reason: "\(argument) is not a \(global.type.valueType)")
            }
            do {
                try global.set(value)
            } catch {
                throw .badGlobalValue(global: name, reason: error.description)
            }
        }
    }

    /// The call's arguments as values of the function's parameter types.
    static func values(for call: Call, type: FunctionType) throws(JobError) -> [Value] {
        guard call.args.count == type.parameters.count else {
            throw .argumentCount(export: call.export, expected: type.parameters.count, actual: call.args.count)
        }
        var values: [Value] = []
        for (index, (argument, parameter)) in zip(call.args, type.parameters).enumerated() {
            guard let value = value(argument, as: parameter) else {
                throw .badArgument(export: call.export, index: index, reason: "\(argument) is not a \(parameter)")
            }
            values.append(value)
        }
        return values
    }

    /// `argument` as a value of `type`, or `nil` if it does not fit.
    static func value(_ argument: Argument, as type: ValueType) -> Value? {
        if type == .v128 {
            guard case .text(let text) = argument, let (high, low) = v128Halves(text) else { return nil }
            return .v128(low: low, high: high)
        }
        let bits: UInt64
        switch argument {
        case .number(let number): bits = number
        case .text(let text):
            if text.hasPrefix("0x") {
                guard let number = UInt64(text.dropFirst(2), radix: 16) else { return nil }
                bits = number
            } else {
                guard let number = UInt64(text) else { return nil }
                bits = number
            }
        }
        switch type {
        case .i32: return bits <= UInt32.max ? .i32(UInt32(bits)) : nil
        case .i64: return .i64(bits)
        case .f32: return bits <= UInt32.max ? .f32Bits(UInt32(bits)) : nil
        case .f64: return .f64Bits(bits)
        default: return nil  // references: not in the deterministic profile
        }
    }

    /// The high and low 64 bits of a v128 written as 32 hex digits (optionally after `0x`).
    static func v128Halves(_ text: String) -> (UInt64, UInt64)? {
        let digits = text.hasPrefix("0x") ? Substring(text.dropFirst(2)) : Substring(text)
        guard digits.count == 32, let high = UInt64(digits.prefix(16), radix: 16),
            let low = UInt64(digits.suffix(16), radix: 16)
        else { return nil }
        return (high, low)
    }

    /// A value as `type:0xBITS`, with as many hex digits as the type has bits (v128: high half first).
    static func bits(_ value: Value) -> String {
        switch value {
        case .i32(let bits): "i32:0x" + hex(UInt64(bits), digits: 8)
        case .i64(let bits): "i64:0x" + hex(bits, digits: 16)
        case .f32Bits(let bits): "f32:0x" + hex(UInt64(bits), digits: 8)
        case .f64Bits(let bits): "f64:0x" + hex(bits, digits: 16)
        case .v128(let low, let high): "v128:0x" + hex(high, digits: 16) + hex(low, digits: 16)
        case .funcRef(let reference): reference == nil ? "funcref:null" : "funcref"
        case .externRef(let reference): reference == nil ? "externref:null" : "externref"
        case .exnRef(let reference): reference == nil ? "exnref:null" : "exnref"
        }
    }

    /// `value` in lowercase hex, zero-padded to `digits` digits.
    static func hex(_ value: UInt64, digits: Int) -> String {
        let text = String(value, radix: 16)
        return String(repeating: "0", count: max(0, digits - text.count)) + text
    }

    /// Adds every exported memory, global and table to the report, in export order.
    func describeState(of instance: Instance, module: Module, withBytes: Bool, into report: inout Report) {
        // The first export name of each function, to name table elements the way the driver names
        // wasmtime's.
        var functionNames: [FunctionReference: String] = [:]
        for export in module.exports where export.type.kind == .function {
            if let function = instance.function(named: export.name), functionNames[function.reference] == nil {
                functionNames[function.reference] = export.name
            }
        }
        for export in module.exports {
            switch instance.export(named: export.name) {
            case .memory(let memory):
                let bytes = (try? memory.read(at: 0, count: memory.byteCount)) ?? []
                var entry = MemoryReport(
                    name: export.name, pages: memory.pageCount, byteCount: memory.byteCount,
                    sha256: SHA256.hexDigest(of: bytes))
                if withBytes { entry.hex = bytes.map { Self.hex(UInt64($0), digits: 2) }.joined() }
                report.memories.append(entry)
            case .global(let global):
                report.globals.append(
                    GlobalReport(name: export.name, mutable: global.type.isMutable, value: Self.bits(global.value)))
            case .table(let table):
                var elements: [String?] = []
                for index in 0..<table.count {
                    switch try? table.element(at: index) {
                    case .funcRef(let reference?): elements.append(functionNames[reference] ?? "?")
                    case .externRef(let reference?): elements.append("externref:\(reference.id)")
                    default: elements.append(nil)
                    }
                }
                report.tables.append(TableReport(name: export.name, size: table.count, elements: elements))
            case .function, .tag, nil:
                break
            }
        }
    }
}
