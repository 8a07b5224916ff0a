import Testing

@testable import ReproWasm

/// The feature gate (docs/DETERMINISM.md §1): each opt-in and each unsupported proposal, used by a small
/// module, is rejected under `Features.deterministic` with an error naming the proposal; the opt-in
/// ones are accepted under `Features.full`. Reference types and exceptions, in the profile since
/// numcodecs-wasm 0.2.5, are rejected by the 2025 profile.
@Suite struct FeatureGateTests {
    typealias B = WasmBytes

    static let voidType = B.section(1, B.vector([B.functionType(FunctionType())]))
    static let oneFunction = B.section(3, B.vector([[0x00]]))

    /// A module with one `[] -> []` function whose body is `code` (without the final `end`).
    static func function(_ code: [UInt8], locals: [UInt8] = [0x00]) -> [UInt8] {
        let body = locals + code + [0x0B]
        return B.header + voidType + oneFunction + B.section(10, B.vector([B.u32(body.count) + body]))
    }

    /// Modules that use one proposal each, with the proposal.
    static let cases: [(Feature, [UInt8])] = [
        // reference types: ref.null extern, drop
        (.referenceTypes, function([0xD0, 0x6F, 0x1A])),
        // tail calls: return_call 0
        (.tailCalls, function([0x12, 0x00])),
        // extended const: a global initialised with i32.const 1, i32.const 2, i32.add
        (.extendedConst, B.header + B.section(6, B.vector([[0x7F, 0x00, 0x41, 0x01, 0x41, 0x02, 0x6A, 0x0B]]))),
        // threads: a shared memory (flags 0x03)
        (.threads, B.header + B.section(5, B.vector([[0x03, 0x01, 0x01]]))),
        // threads: an atomic instruction (0xFE prefix)
        (.threads, function([0x41, 0x00, 0xFE, 0x10, 0x02, 0x00, 0x1A])),
        // relaxed SIMD: i32x4.relaxed_trunc_f32x4_s on a constant
        (.relaxedSimd, function([0xFD, 0x0C] + [UInt8](repeating: 0, count: 16) + [0xFD, 0x81, 0x02, 0x1A])),
        // exceptions: a tag section (one tag of type 0)
        (.exceptions, B.header + voidType + B.section(13, B.vector([[0x00, 0x00]]))),
        // exceptions: throw 0, of that tag
        (
            .exceptions,
            B.header + voidType + oneFunction + B.section(13, B.vector([[0x00, 0x00]]))
                + B.section(10, B.vector([[0x04, 0x00, 0x08, 0x00, 0x0B]]))
        ),
        // legacy exceptions: try (empty block type) end
        (.legacyExceptions, function([0x06, 0x40, 0x0B])),
        // memory64: a memory with a 64-bit index type (flags 0x04)
        (.memory64, B.header + B.section(5, B.vector([[0x04, 0x01]]))),
        // GC: a struct type
        (.gc, B.header + B.section(1, B.vector([[0x5F, 0x00]]))),
        // function references: (ref.null 0) ref.as_non_null drop (a typed null, then a non-null check)
        (.functionReferences, function([0xD0, 0x00, 0xD4, 0x1A])),
        // custom page sizes: memory limits with a page size (flags 0x08)
        (.customPageSizes, B.header + B.section(5, B.vector([[0x08, 0x01, 0x10]]))),
        // stack switching: cont.new 0
        (.stackSwitching, function([0xE0, 0x00])),
    ]

    @Test(arguments: cases.indices)
    func rejectedUnderDeterministicWithTheFeatureNamed(index: Int) {
        let (feature, bytes) = Self.cases[index]
        let profile: Features = Features.deterministic.contains(feature) ? .deterministic2025 : .deterministic
        let error = #expect(throws: ModuleError.self) { try Module(bytes: bytes, features: profile) }
        #expect(error?.description.contains(feature.description) == true, "\(feature): \(String(describing: error))")
    }

    /// A rejected proposal makes the module invalid, wherever it is used (a declaration, a section, code),
    /// never malformed, and the error says where: every case's use is past the 8-byte header.
    ///
    /// The one exception is the custom-page-sizes limits flag (0x08): WebAssembly 3.0 itself calls it
    /// "malformed limits flags", and the spec suite's `binary.wast` checks that.
    @Test(arguments: cases.indices.filter { cases[$0].0 != .customPageSizes })
    func rejectionIsAValidationErrorWithTheOffsetOfTheUse(index: Int) {
        let (feature, bytes) = Self.cases[index]
        let profile: Features = Features.deterministic.contains(feature) ? .deterministic2025 : .deterministic
        let error = #expect(throws: ModuleError.self) { try Module(bytes: bytes, features: profile) }
        guard case .invalid(let validation)? = error else {
            Issue.record("\(feature): expected a validation error, got \(String(describing: error))")
            return
        }
        #expect(validation.reason == .featureNotEnabled(feature))
        #expect(validation.offset >= 8, "\(feature): \(validation)")
        if feature.isImplemented {
            #expect(validation.enablingProfile != nil)
            #expect(validation.description.hasSuffix("; Features.full enables it"), "\(validation)")
        }
    }

    /// Errors outside code name the entry that breaks the rule, not offset 0.
    @Test func declarationErrorsGiveTheirEntrysOffset() throws {
        // Two exports named "a": the second export entry starts at offset 8 + 2 (section header) + 1 (count) + 4.
        let exports = B.section(7, B.vector([[0x01, 0x61, 0x02, 0x00], [0x01, 0x61, 0x02, 0x00]]))
        let memory = B.section(5, B.vector([[0x00, 0x01]]))
        let duplicate = #expect(throws: ModuleError.self) { try Module(bytes: B.header + memory + exports) }
        guard case .invalid(let error)? = duplicate else {
            throw Failure("not invalid: \(String(describing: duplicate))")
        }
        #expect(error.reason == .duplicateExportName("a"))
        #expect(error.offset == 8 + 5 + 2 + 1 + 4)

        // A second table under the 2025 profile (no reference types): the error points at the second table.
        let tables = B.section(4, B.vector([[0x70, 0x00, 0x01], [0x70, 0x00, 0x01]]))
        let noReferenceTypes = Features.deterministic.subtracting(.referenceTypes)
        let twoTables = #expect(throws: ModuleError.self) {
            try Module(bytes: B.header + tables, features: noReferenceTypes)
        }
        guard case .invalid(let tableError)? = twoTables else { throw Failure("not invalid") }
        #expect(tableError.reason == .featureNotEnabled(.referenceTypes))
        #expect(tableError.offset == 8 + 2 + 1 + 3)

        // An externref table under the same profile: the table entry's offset.
        let externTable = B.section(4, B.vector([[0x6F, 0x00, 0x01]]))
        let extern = #expect(throws: ModuleError.self) {
            try Module(bytes: B.header + externTable, features: noReferenceTypes)
        }
        guard case .invalid(let externError)? = extern else { throw Failure("not invalid") }
        #expect(externError.offset == 8 + 2 + 1)
    }

    struct Failure: Error, CustomStringConvertible {
        let description: String
        init(_ description: String) { self.description = description }
    }

    @Test(arguments: cases.indices)
    func optInFeaturesAcceptedUnderFull(index: Int) throws {
        let (feature, bytes) = Self.cases[index]
        if feature.isImplemented {
            _ = try Module(bytes: bytes, features: .full)
        } else {
            let error = #expect(throws: ModuleError.self) { try Module(bytes: bytes, features: .full) }
            #expect(error?.description.contains("\(feature) is not supported") == true, "\(String(describing: error))")
        }
    }

    @Test func deterministicProfileIsTheContractsList() {
        let expected2025: Set<Feature> = [
            .mutableGlobals, .signExtension, .nonTrappingFloatToInt, .multiValue, .bulkMemory, .simd, .multiMemory,
            .wideArithmetic,
        ]
        let expected = expected2025.union([.referenceTypes, .exceptions])
        func members(_ features: Features) -> Set<Feature> {
            Set(Feature.allCases.filter { $0 != .mvp && features.contains($0) })
        }
        #expect(members(.deterministic) == expected)
        #expect(members(.deterministic2025) == expected2025)
        #expect(members(Features.deterministic.subtracting([.referenceTypes, .exceptions])) == expected2025)
        #expect(members(.full) == expected.union([.tailCalls, .extendedConst, .functionReferences]))
    }
}
