// The core signatures of canonical functions: the canonical ABI's flattening of component types into
// core value types (CanonicalABI.md, "Flattening"), with its limits of 16 parameters and 1 result.

/// The most core parameters a flattened function passes directly; more are spilled to memory.
let maxFlatParameters = 16
/// The most core results a flattened function returns directly; more go through a return pointer.
let maxFlatResults = 1

extension TypeGraph {
    /// The core value types `type` flattens to.
    func flatten(_ type: ResolvedValueType, depth: Int = 0) -> [ValueType] {
        switch normalized(type) {
        case .primitive(let primitive):
            switch primitive {
            case .s64, .u64: return [.i64]
            case .f32: return [.f32]
            case .f64: return [.f64]
            case .string: return [.i32, .i32]
            default: return [.i32]
            }
        case .defined(let id):
            guard depth < 200, case .value(let defined) = self[id] else { return [.i32] }
            switch defined {
            case .primitive(let primitive): return flatten(.primitive(primitive))
            case .record(let fields): return fields.flatMap { flatten($0.type, depth: depth + 1) }
            case .tuple(let types): return types.flatMap { flatten($0, depth: depth + 1) }
            case .list: return [.i32, .i32]
            case .flags, .enum, .own, .borrow: return [.i32]
            case .variant(let cases): return flattenVariant(cases.map(\.type), depth: depth)
            case .option(let element): return flattenVariant([nil, element], depth: depth)
            case .result(let ok, let error): return flattenVariant([ok, error], depth: depth)
            }
        }
    }

    private func flattenVariant(_ payloads: [ResolvedValueType?], depth: Int) -> [ValueType] {
        var joined: [ValueType] = []
        for case let payload? in payloads {
            for (index, type) in flatten(payload, depth: depth + 1).enumerated() {
                if index < joined.count {
                    joined[index] = join(joined[index], type)
                } else {
                    joined.append(type)
                }
            }
        }
        return [.i32] + joined
    }

    private func join(_ a: ValueType, _ b: ValueType) -> ValueType {
        if a == b { return a }
        if (a == .i32 && b == .f32) || (a == .f32 && b == .i32) { return .i32 }
        return .i64
    }

    /// The core function type `canon lift` expects of its core function, or `canon lower` produces.
    func coreSignature(of function: ResolvedFunctionType, lowering: Bool) -> FunctionType {
        var parameters = function.parameters.flatMap { flatten($0.type) }
        if parameters.count > maxFlatParameters { parameters = [.i32] }
        var results = function.result.map { flatten($0) } ?? []
        if results.count > maxFlatResults {
            if lowering {
                parameters.append(.i32)
                results = []
            } else {
                results = [.i32]
            }
        }
        return FunctionType(parameters: parameters, results: results)
    }
}
