/// Type equivalence and subtyping of one module's types (typed function references).
///
/// Without GC's recursion groups and declared supertypes every type definition is its own group, so
/// two function types are the same type when they are structurally equal once the type indices
/// inside them are compared by this same relation (a type naming itself matches another type naming
/// itself). `canonical[i]` is the first index of a type equivalent to type `i`: a concrete reference
/// is compared by that index. Concrete function types sit below `func`; each hierarchy (`func`,
/// `extern`, `exn`) has its bottom type (`nofunc`, `noextern`, `noexn`) below every other type of
/// it; a non-null reference type is a subtype of the nullable one.
struct TypeRelations: Sendable {
    /// For each type index, the smallest index of an equivalent type.
    let canonical: [UInt32]

    /// Relates `types`, in which a type may name only itself and earlier types (validation checks that).
    init(types: [FunctionType]) {
        var canonical: [UInt32] = []
        canonical.reserveCapacity(types.count)
        var first: [FunctionType: UInt32] = [:]
        for (position, type) in types.enumerated() {
            let index = UInt32(position)
            let key = type.mapTypeIndices { referenced in
                if referenced == index { return .max }
                return Int(referenced) < canonical.count ? canonical[Int(referenced)] : referenced
            }
            if let known = first[key] {
                canonical.append(known)
            } else {
                first[key] = index
                canonical.append(index)
            }
        }
        self.canonical = canonical
    }

    /// The relation between types whose concrete indices are the store's type ids (the linker's view,
    /// where equal ids are equivalent types).
    static let betweenModules = TypeRelations(types: [])

    /// Whether a value of type `actual` may be used where `expected` is expected.
    @inline(__always)
    func isSubtype(_ actual: ValueType, of expected: ValueType) -> Bool {
        actual == expected || isReferenceSubtype(actual, of: expected)
    }

    /// Whether each of `actual` is a subtype of the type at the same position of `expected`.
    func isSubtype(_ actual: [ValueType], of expected: [ValueType]) -> Bool {
        actual.count == expected.count && zip(actual, expected).allSatisfy { isSubtype($0, of: $1) }
    }

    private func isReferenceSubtype(_ actual: ValueType, of expected: ValueType) -> Bool {
        guard let actualHeap = actual.heapType, let expectedHeap = expected.heapType else { return false }
        if actual.isNullable && !expected.isNullable { return false }
        return isSubtype(actualHeap, of: expectedHeap)
    }

    /// Whether heap type `actual` is below (or equal to) `expected`.
    func isSubtype(_ actual: HeapType, of expected: HeapType) -> Bool {
        if actual == expected { return true }
        switch (actual, expected) {
        case (.concrete(let left), .concrete(let right)): return representative(left) == representative(right)
        case (.concrete, .function): return true
        case (.noFunction, .function), (.noFunction, .concrete): return true
        case (.noExtern, .extern), (.noException, .exception): return true
        default: return false
        }
    }

    /// The canonical index of type `index` (itself when out of range: validation reports it elsewhere).
    private func representative(_ index: UInt32) -> UInt32 {
        Int(index) < canonical.count ? canonical[Int(index)] : index
    }
}

extension FunctionType {
    /// The type with every concrete type index in its parameters and results replaced by `transform`.
    func mapTypeIndices(_ transform: (UInt32) -> UInt32) -> FunctionType {
        FunctionType(
            parameters: parameters.map { $0.mapTypeIndex(transform) },
            results: results.map { $0.mapTypeIndex(transform) })
    }

    /// Whether a parameter or result is a typed reference naming a type index.
    var namesTypeIndices: Bool {
        (parameters + results).contains { if case .concrete? = $0.heapType { true } else { false } }
    }
}
