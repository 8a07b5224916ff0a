/// Decoding lookups from bytes to `Opcode`, built once from the opcode table, plus recognition of
/// opcodes that belong to proposals the engine does not implement.
///
/// Every table here is derived from `Opcode.allCases` and their rows; nothing lists opcodes a second
/// time. Lookups are flat arrays: one entry per single byte, and per prefix one entry per sub-opcode.
enum OpcodeLookup {
    /// `singleByte[b]` is the opcode encoded as the single byte `b`.
    private static let singleByte: [Opcode?] = {
        var table = [Opcode?](repeating: nil, count: 256)
        for opcode in Opcode.allCases {
            guard case .byte(let byte) = opcode.info.encoding else { continue }
            precondition(table[Int(byte)] == nil, "two opcodes encoded as \(byte)")
            table[Int(byte)] = opcode
        }
        return table
    }()

    /// `prefixed[p][s]` is the opcode encoded as prefix byte `p` and sub-opcode `s`; empty for a
    /// byte that is not a prefix.
    private static let prefixed: [[Opcode?]] = {
        var tables = [[Opcode?]](repeating: [], count: 256)
        for opcode in Opcode.allCases {
            guard case .prefixed(let prefix, let subOpcode) = opcode.info.encoding else { continue }
            let sub = Int(subOpcode)
            if tables[Int(prefix)].count <= sub {
                tables[Int(prefix)].append(contentsOf: repeatElement(nil, count: sub + 1 - tables[Int(prefix)].count))
            }
            precondition(tables[Int(prefix)][sub] == nil, "two opcodes encoded as \(prefix) \(subOpcode)")
            tables[Int(prefix)][sub] = opcode
        }
        return tables
    }()

    /// The prefix bytes of the implemented instructions (`0xFC`, `0xFD`): each is followed by a
    /// LEB128 u32 sub-opcode.
    static let prefixes: Set<UInt8> = Set((0...255).filter { !prefixed[$0].isEmpty }.map { UInt8($0) })

    /// Whether `byte` is the prefix of an implemented instruction family (`0xFC`, `0xFD`).
    static func isPrefix(_ byte: UInt8) -> Bool { !prefixed[Int(byte)].isEmpty }

    /// The opcode encoded as the single byte `byte`, or `nil` (prefixes included).
    static func opcode(forByte byte: UInt8) -> Opcode? { singleByte[Int(byte)] }

    /// The opcode encoded as `prefix` followed by `subOpcode`, or `nil`.
    static func opcode(prefix: UInt8, subOpcode: UInt32) -> Opcode? {
        let table = prefixed[Int(prefix)]
        guard subOpcode < UInt32(table.count) else { return nil }
        return table[Int(subOpcode)]
    }

    /// The unimplemented proposal that single byte `byte` belongs to, so that the validator can
    /// report "<feature> is not supported"; `nil` for implemented and unknown bytes.
    ///
    /// The prefixes `0xFE` (threads) and `0xFB` (GC) are reported here as well as by
    /// `unsupportedFeature(prefix:subOpcode:)`.
    static func unsupportedFeature(forByte byte: UInt8) -> Feature? {
        switch byte {
        // try, catch, rethrow, delegate, catch_all (the exnref form is implemented)
        case 0x06, 0x07, 0x09, 0x18, 0x19: .legacyExceptions
        // ref.eq
        case 0xD3: .gc
        // cont.new, cont.bind, suspend, resume, resume_throw, switch, ...
        case 0xE0...0xE6: .stackSwitching
        case 0xFB: .gc
        case 0xFE: .threads
        default: nil
        }
    }

    /// The unimplemented proposal that `prefix` followed by `subOpcode` belongs to; `nil` for
    /// implemented and unknown encodings.
    static func unsupportedFeature(prefix: UInt8, subOpcode: UInt32) -> Feature? {
        switch (prefix, subOpcode) {
        case (0xFE, _): .threads
        case (0xFB, _): .gc
        // i8x16.relaxed_swizzle ... i32x4.relaxed_dot_i8x16_i7x16_add_s
        case (0xFD, 0x100...0x113): .relaxedSimd
        default: nil
        }
    }
}

extension Encoding: CustomStringConvertible {
    /// The encoding as errors print it: `"0x6a"`, `"0xfc 8"`, `"0xfd 186"` (sub-opcode in decimal).
    var description: String {
        switch self {
        case .byte(let byte): hex(byte)
        case .prefixed(let prefix, let subOpcode): "\(hex(prefix)) \(subOpcode)"
        }
    }

    private func hex(_ byte: UInt8) -> String {
        let digits = String(byte, radix: 16)
        return byte < 0x10 ? "0x0\(digits)" : "0x\(digits)"
    }
}

extension Opcode {
    /// The binary encoding as errors print it, e.g. `"0x6a"` or `"0xfc 8"`.
    var encodingDescription: String { info.encoding.description }
}
