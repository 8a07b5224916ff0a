// What a call from one component instance into a function lifted by another counts when the two
// are composed into one component and run by a host built on wasmtime-environ's component
// translation, as numcodecs-wasm 0.2.5 does (its component layer instantiates the "fused adapter"
// core modules that the translation generates for such calls, and its counter instruments them
// like every other core module). The contract counts boundary work as 0; this model is only used
// when `Store.countsFusedAdapters` is set.
//
// The counts follow the adapter's code as wasmtime-environ 36 generates it for a synchronous
// lowered import calling a synchronous lifted export (`fact/trampoline.rs`), counted by the
// contract's rule (control flow only, docs/DETERMINISM.md §3):
//
// - the adapter checks the caller's may-leave flag and the callee's may-enter flag (an `if` each,
//   not taken) and falls onto its body's `end`: 3;
// - results that do not fit one flat value come through memory on both sides: an alignment check
//   (`if`) on each of the two pointers when the alignment is above 1;
// - integers, floats, `bool` and handles (a host call transfers them) add nothing; records and
//   tuples add their fields; an `enum` adds its discriminant check (`if`);
// - a variant (`option`, `result`) of C cases enters C + 2 blocks, runs a `br_table`, and either
//   branches out (not the last case) or falls onto the outer `end` (the last case): C + 4, plus
//   its payload;
// - a list checks that its source pointer is aligned (`if`, element alignment above 1), computes
//   its byte length (`block`, `block`, `br_if` when elements are larger than a byte), checks that
//   the pointer `realloc` returned is aligned (`if`, alignment above 1), checks both ranges are in
//   bounds (`block`, `block`, `br_if` each), then enters a `block` and tests for emptiness
//   (`br_if`): taken for an empty list, else a `loop` whose iterations each translate an element
//   and `br_if` back, then the loop's and the block's `end`: 8 + (empty ? 0 : 3 + n + elements).
//
// Measured against numcodecs-wasm 0.2.5 (scripts/codec-boundary-probe/probe.py): `get-random-u64`
// 3; `get-random-bytes(n)` 13 for n = 0 and 16 + n otherwise; `get-stderr` 3;
// `blocking-write-and-flush` of n bytes 19 for n = 0 and 22 + n otherwise. Not modelled: strings,
// `char` and flags (their adapter code has more branches), parameters passed through memory (more
// than 16 flat values), and wasmtime's outlining of deep type translations into helper functions.
// A call whose parameters (or results) hold such a value adds nothing for them: an empty
// `list<string>` is modelled, a non-empty one is not.
enum FusedAdapterCount {
    /// Whether calls of a function of `type` may be modelled: its flat parameters fit the stack.
    /// The values of a call are judged per call (`translation`): a string, `char` or
    /// flags value that is translated is not modelled, an `option<string>` that is `none` is.
    static func isModelled(_ type: CanonicalFunctionType) -> Bool {
        type.parameterTypes.flatMap(\.flat).count <= maxFlatParameters
    }

    /// The count of the adapter up to the call of the callee: the flag checks and the parameters;
    /// nil when an argument holds a value whose translation is not modelled.
    static func beforeCall(_ type: CanonicalFunctionType, arguments: [ComponentValue]) -> UInt64? {
        var count: UInt64 = 2
        for (parameter, argument) in zip(type.parameterTypes, arguments) {
            guard let translated = translation(parameter, argument) else { return nil }
            count += translated
        }
        return count
    }

    /// The count of the adapter after the callee returned: the results and the body's `end`; nil
    /// when a result holds a value whose translation is not modelled.
    static func afterCall(_ type: CanonicalFunctionType, results: [ComponentValue]) -> UInt64? {
        var count: UInt64 = 1
        let types = type.resultTypes
        if types.flatMap(\.flat).count > maxFlatResults {
            let alignment = types.map(\.alignment).max() ?? 1
            if alignment > 1 { count += 2 }
        }
        for (type, value) in zip(types, results) {
            guard let translated = translation(type, value) else { return nil }
            count += translated
        }
        return count
    }

    /// What translating `value` of `type` counts, or nil when that is not modelled.
    static func translation(_ type: CanonicalType, _ value: ComponentValue) -> UInt64? {
        switch (type, value) {
        case (.char, _), (.string, _), (.flags, _): return nil
        case (.enum, _): return 1
        case (.list(let element), .list(let elements)):
            var count: UInt64 = 6 + 1 + 1
            guard element.size > 0 else { return nil }
            if element.alignment > 1 { count += 2 }
            if element.size > 1 { count += 3 }
            if !elements.isEmpty {
                count += 3 + UInt64(elements.count)
                for value in elements {
                    guard let translated = translation(element, value) else { return nil }
                    count += translated
                }
            }
            return count
        case (.list(let element), .packedList(let list)):
            // Numbers translate with no code of their own: only the loop's per-element `br_if`.
            var count: UInt64 = 6 + 1 + 1
            if element.alignment > 1 { count += 2 }
            if element.size > 1 { count += 3 }
            if !list.isEmpty { count += 3 + UInt64(list.count) }
            return count
        case (.record(let fields), .record(let values)):
            var count: UInt64 = 0
            for (field, value) in zip(fields, values) {
                guard let translated = translation(field.type, value.value) else { return nil }
                count += translated
            }
            return count
        case (.tuple(let types), .tuple(let values)):
            var count: UInt64 = 0
            for (type, value) in zip(types, values) {
                guard let translated = translation(type, value) else { return nil }
                count += translated
            }
            return count
        default:
            guard let payloads = type.variantPayloads else { return 0 }
            guard let (index, payload) = variantCase(type, value) else { return nil }
            var count = UInt64(payloads.count) + 4
            if let payloadType = payloads[index], let payload {
                guard let translated = translation(payloadType, payload) else { return nil }
                count += translated
            }
            return count
        }
    }

    /// The case index and payload of `value`, a value of variant-like `type`.
    static func variantCase(_ type: CanonicalType, _ value: ComponentValue) -> (Int, ComponentValue?)? {
        switch (type, value) {
        case (.variant(let cases), .variant(let label, let payload)):
            guard let index = cases.firstIndex(where: { $0.label == label }) else { return nil }
            return (index, payload)
        case (.option, .option(let payload)): return (payload == nil ? 0 : 1, payload)
        case (.result, .ok(let payload)): return (0, payload)
        case (.result, .err(let payload)): return (1, payload)
        default: return nil
        }
    }
}
