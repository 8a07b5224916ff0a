// The core signatures of canonical functions: the canonical ABI's flattening of component types into
// core value types (CanonicalABI.md, "Flattening"), with its limits of 16 parameters and 1 result.

/// The most core parameters a flattened function passes directly; more are spilled to memory.
let maxFlatParameters = 16
/// The most core results a flattened function returns directly; more go through a return pointer.
let maxFlatResults = 1

extension TypeGraph {
    /// The core value types `type` flattens to: `CanonicalType.flat` of its canonical layout, so
    /// validation and run time flatten with the same code.
    func flatten(_ type: ResolvedValueType) -> [ValueType] {
        canonicalLayout(type, resource: RuntimeResourceType(destructor: nil, owner: nil)).flat
    }

    /// `type` as a `CanonicalType` with the same size, alignment and flattening, every `own` and
    /// `borrow` naming the placeholder `resource` (layouts do not depend on which resource it is).
    /// Validation bounds the nesting depth (`maxTypeDepth`), so the recursion is bounded.
    private func canonicalLayout(_ type: ResolvedValueType, resource: RuntimeResourceType) -> CanonicalType {
        func layout(_ type: ResolvedValueType) -> CanonicalType { canonicalLayout(type, resource: resource) }
        switch type {
        case .primitive(let primitive):
            return CanonicalType(primitive)
        case .defined(let id):
            // Validation only lets value types name value nodes; an `i32`-sized stand-in keeps a
            // malformed graph from crashing the host.
            guard case .value(let defined) = self[id] else { return .u32 }
            switch defined {
            case .primitive(let primitive): return CanonicalType(primitive)
            case .record(let fields): return .record(fields.map { ($0.label, layout($0.type)) })
            case .tuple(let types): return .tuple(types.map(layout))
            case .list(let element): return .list(layout(element))
            case .flags(let labels): return .flags(labels)
            case .enum(let labels): return .enum(labels)
            case .own: return .own(resource)
            case .borrow: return .borrow(resource)
            case .variant(let cases): return .variant(cases.map { ($0.label, $0.type.map(layout)) })
            case .option(let element): return .option(layout(element))
            case .result(let ok, let error): return .result(ok: ok.map(layout), error: error.map(layout))
            }
        }
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
