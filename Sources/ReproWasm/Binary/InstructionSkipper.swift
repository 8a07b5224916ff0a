/// Steps over instructions and their immediates without interpreting them.
///
/// The decoder uses this to find where a constant expression ends, and, only when decoding has already
/// failed after the code section began, to find out whether a function body was malformed first (see
/// `ModuleDecoder.firstMalformedBody()`). On the success path function bodies are framed by their declared
/// size and read only by the validator. It knows the immediate layout of every opcode of
/// WebAssembly 3.0 (including proposals the engine rejects later, so that an unsupported instruction in a
/// constant expression still gets a precise error from the validator), and nothing else about them.
///
/// When the opcode table (`Opcodes/`) lists immediates for every instruction, this should become a lookup
/// in it, so the immediate layout is written down once.
enum InstructionSkipper {
    /// What the skipped instruction does to the nesting of blocks.
    enum Step: Equatable {
        /// `end` (or `delegate`): closes a block, or the expression itself.
        case end
        /// `block`, `loop`, `try`, `try_table`: opens a block.
        case blockStart
        /// `if`: opens a block that may have an `else`.
        case ifStart
        /// `else`.
        case `else`
        /// Anything else.
        case other
    }

    /// Skips a whole expression (a constant expression or a function body's instructions), its final
    /// `end` included, checking the nesting as the spec's decoder does.
    ///
    /// - Throws: `endOpcodeExpected` for an `else` outside an `if` (or a second one), and what `skip` throws.
    static func skipExpression(_ reader: inout ByteReader) throws(DecodeError) {
        // One entry per open block: whether it is an `if` that may still take an `else`.
        var blocks: [Bool] = []
        while true {
            let offset = reader.offset
            switch try skip(&reader) {
            case .end:
                guard !blocks.isEmpty else { return }
                blocks.removeLast()
            case .blockStart: blocks.append(false)
            case .ifStart: blocks.append(true)
            case .else:
                guard blocks.last == true else { throw DecodeError(.endOpcodeExpected, at: offset) }
                blocks[blocks.count - 1] = false
            case .other: break
            }
        }
    }

    /// Skips the instruction at `reader.offset`.
    ///
    /// - Throws: `illegalOpcode` for a byte that encodes no instruction, `unsupportedFeature` for the GC
    ///   (`0xFB`) and threads (`0xFE`) prefixes, and the reader's errors for immediates that run out.
    static func skip(_ reader: inout ByteReader) throws(DecodeError) -> Step {
        let offset = reader.offset
        let opcode = try reader.readByte()
        switch opcode {
        case 0x0B:
            return .end
        case 0x02, 0x03, 0x06:  // block, loop, try
            _ = try reader.readS33()
            return .blockStart
        case 0x04:  // if
            _ = try reader.readS33()
            return .ifStart
        case 0x05:
            return .else
        case 0x1F:  // try_table: block type, then catch clauses
            _ = try reader.readS33()
            let count = try reader.readLength()
            for _ in 0..<count {
                let kind = try reader.readByte()
                if kind <= 0x01 { _ = try reader.readU32() }  // catch, catch_ref: a tag index
                _ = try reader.readU32()  // the label
            }
            return .blockStart
        case 0x18:  // delegate: a label, and it closes the `try`
            _ = try reader.readU32()
            return .end
        case 0x00, 0x01, 0x0A, 0x0F, 0x19, 0x1A, 0x1B, 0xD1, 0xD3, 0xD4:
            // unreachable, nop, throw_ref, return, catch_all, drop, select, ref.is_null, ref.eq,
            // ref.as_non_null
            return .other
        case 0x45...0xC4:  // numeric operators
            return .other
        case 0x07, 0x08, 0x09, 0x0C, 0x0D, 0x10, 0x12, 0x14, 0x15, 0x20...0x26, 0x3F, 0x40, 0xD2, 0xD5, 0xD6:
            // catch, throw, rethrow, br, br_if, call, return_call, call_ref, return_call_ref, local/global/
            // table get/set, memory.size/grow, ref.func, br_on_null, br_on_non_null: one index
            _ = try reader.readU32()
            return .other
        case 0x11, 0x13:  // call_indirect, return_call_indirect: type and table
            _ = try reader.readU32()
            _ = try reader.readU32()
            return .other
        case 0x0E:  // br_table
            let count = try reader.readLength()
            for _ in 0...count { _ = try reader.readU32() }
            return .other
        case 0x1C:  // select t*
            let count = try reader.readLength()
            for _ in 0..<count {
                let type = try reader.readByte()
                if type == 0x63 || type == 0x64 { _ = try reader.readS33() }  // (ref null? ht)
            }
            return .other
        case 0x28...0x3E:  // loads and stores
            try skipMemarg(&reader)
            return .other
        case 0x41: _ = try reader.readS32()
        case 0x42: _ = try reader.readS64()
        case 0x43: _ = try reader.readBytes(4)
        case 0x44: _ = try reader.readBytes(8)
        case 0xD0: _ = try reader.readS33()  // ref.null: heap type
        case 0xFC: try skipFC(&reader, at: offset)
        case 0xFD: try skipFD(&reader, at: offset)
        case 0xFB: throw DecodeError(.unsupportedFeature(.gc), at: offset)
        case 0xFE: throw DecodeError(.unsupportedFeature(.threads), at: offset)
        default:
            throw DecodeError(.illegalOpcode(hex(opcode)), at: offset)
        }
        return .other
    }

    /// Alignment flags (bit 6 announces a memory index, bit 7 and up are malformed), the optional memory
    /// index, the offset.
    private static func skipMemarg(_ reader: inout ByteReader) throws(DecodeError) {
        let flagsOffset = reader.offset
        let flags = try reader.readU32()
        guard flags < 0x80 else { throw DecodeError(.malformedMemopFlags, at: flagsOffset) }
        if flags & 0x40 != 0 { _ = try reader.readU32() }
        _ = try reader.readU64()
    }

    /// The `0xFC` prefix: saturating truncations, bulk memory and table operations, wide arithmetic.
    private static func skipFC(_ reader: inout ByteReader, at offset: Int) throws(DecodeError) {
        let code = try reader.readU32()
        switch code {
        case 0...7, 19...22: break  // trunc_sat, i64.add128/sub128/mul_wide_s/mul_wide_u
        case 9, 11, 13, 15, 16, 17: _ = try reader.readU32()  // data.drop, memory.fill, elem.drop, table.grow/size/fill
        case 8, 10, 12, 14:  // memory.init, memory.copy, table.init, table.copy
            _ = try reader.readU32()
            _ = try reader.readU32()
        default: throw DecodeError(.illegalOpcode("\(hex(0xFC)) \(hex(code))"), at: offset)
        }
    }

    /// The `0xFD` prefix: SIMD, relaxed SIMD included.
    private static func skipFD(_ reader: inout ByteReader, at offset: Int) throws(DecodeError) {
        let code = try reader.readU32()
        switch code {
        case 0...11, 92, 93: try skipMemarg(&reader)  // v128 loads and stores, load32/64_zero
        case 12, 13: _ = try reader.readBytes(16)  // v128.const, i8x16.shuffle
        case 21...34: _ = try reader.readByte()  // extract_lane, replace_lane
        case 84...91:  // load_lane, store_lane
            try skipMemarg(&reader)
            _ = try reader.readByte()
        case 14...20, 35...83, 94...0x113: break
        default: throw DecodeError(.illegalOpcode("\(hex(0xFD)) \(hex(code))"), at: offset)
        }
    }

    /// Two lower-case hex digits at least, as the spec's messages print opcodes.
    private static func hex<T: BinaryInteger>(_ value: T) -> String {
        let digits = String(value, radix: 16)
        return digits.count < 2 ? "0" + digits : digits
    }
}
