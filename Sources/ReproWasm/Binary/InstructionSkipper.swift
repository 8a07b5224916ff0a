/// Steps over instructions and their immediates without interpreting them.
///
/// The decoder uses this to find where a constant expression ends, and, only when decoding has already
/// failed after the code section began, to find out whether a function body was malformed first (see
/// `ModuleDecoder.firstMalformedBody()`). On the success path function bodies are framed by their declared
/// size and read only by the validator. It knows the immediate layout of every opcode of
/// WebAssembly 3.0 (including proposals the engine rejects later, so that an unsupported instruction in a
/// constant expression still gets a precise error from the validator), and nothing else about them.
///
/// The immediates of implemented instructions come from the opcode table, so their layout is written
/// down once.
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
    /// Instructions the engine implements are looked up in the opcode table and their immediates
    /// skipped by its `ImmediateShape`; only encodings of proposals the engine never implements (and
    /// so are not in the table) are described here.
    ///
    /// - Throws: `illegalOpcode` for a byte that encodes no instruction, `unsupportedFeature` for the GC
    ///   (`0xFB`) and threads (`0xFE`) prefixes, and the reader's errors for immediates that run out.
    static func skip(_ reader: inout ByteReader) throws(DecodeError) -> Step {
        let offset = reader.offset
        let byte = try reader.readByte()
        if let opcode = OpcodeLookup.opcode(forByte: byte) {
            try skipImmediates(opcode.info.immediates, &reader)
            switch opcode {
            case .end: return .end
            case .block, .loop, .tryTable: return .blockStart
            case .if: return .ifStart
            case .else: return .else
            default: return .other
            }
        }
        if OpcodeLookup.isPrefix(byte) {
            let code = try reader.readU32()
            if let opcode = OpcodeLookup.opcode(prefix: byte, subOpcode: code) {
                try skipImmediates(opcode.info.immediates, &reader)
                return .other
            }
            if OpcodeLookup.unsupportedFeature(prefix: byte, subOpcode: code) == .relaxedSimd { return .other }
            throw DecodeError(.illegalOpcode("\(hex(byte)) \(hex(code))"), at: offset)
        }
        return try skipUnimplemented(byte, &reader, at: offset)
    }

    /// Immediates of an instruction in the opcode table.
    private static func skipImmediates(_ shape: ImmediateShape, _ reader: inout ByteReader) throws(DecodeError) {
        switch shape {
        case .none: break
        case .heapType: _ = try reader.readS33()
        case .blockType:
            // A typed reference as the block's result type: `0x63`/`0x64` and a heap type.
            let type = try reader.readS33()
            if type == -0x1D || type == -0x1C { _ = try reader.readS33() }
        case .labelDepth, .functionIndex, .typeIndex, .localIndex, .globalIndex, .tableIndex, .memoryIndex, .dataIndex,
            .elementIndex, .tagIndex:
            _ = try reader.readU32()
        case .tryTable:
            let type = try reader.readS33()
            if type == -0x1D || type == -0x1C { _ = try reader.readS33() }
            let count = try reader.readLength()
            for _ in 0..<count {
                let kind = try reader.readByte()
                if kind <= 0x01 { _ = try reader.readU32() }  // catch, catch_ref: a tag index
                _ = try reader.readU32()  // the label
            }
        case .callIndirect, .memoryCopy, .memoryInit, .tableInit, .tableCopy:
            _ = try reader.readU32()
            _ = try reader.readU32()
        case .labelTable:
            let count = try reader.readLength()
            for _ in 0...count { _ = try reader.readU32() }
        case .memarg: try skipMemarg(&reader)
        case .memargLane:
            try skipMemarg(&reader)
            _ = try reader.readByte()
        case .i32: _ = try reader.readS32()
        case .i64: _ = try reader.readS64()
        case .f32: _ = try reader.readBytes(4)
        case .f64: _ = try reader.readBytes(8)
        case .v128, .shuffle: _ = try reader.readBytes(16)
        case .laneIndex: _ = try reader.readByte()
        case .selectTypes:
            let count = try reader.readLength()
            for _ in 0..<count {
                let type = try reader.readByte()
                if type == 0x63 || type == 0x64 { _ = try reader.readS33() }  // (ref null? ht)
            }
        }
    }

    /// Single-byte encodings of proposals the engine does not implement (legacy exceptions, typed
    /// function references, GC and threads prefixes), skipped so an out-of-profile constant expression still
    /// reaches the validator's "not supported" error.
    private static func skipUnimplemented(_ byte: UInt8, _ reader: inout ByteReader, at offset: Int)
        throws(DecodeError) -> Step
    {
        switch byte {
        case 0x06:  // try
            _ = try reader.readS33()
            return .blockStart
        case 0x18:  // delegate: a label, and it closes the `try`
            _ = try reader.readU32()
            return .end
        case 0x19, 0xD3:  // catch_all, ref.eq
            return .other
        case 0x07, 0x09:
            // catch, rethrow: one index
            _ = try reader.readU32()
            return .other
        case 0xFB: throw DecodeError(.unsupportedFeature(.gc), at: offset)
        case 0xFE: throw DecodeError(.unsupportedFeature(.threads), at: offset)
        default: throw DecodeError(.illegalOpcode(hex(byte)), at: offset)
        }
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

    /// Two lower-case hex digits at least, as the spec's messages print opcodes.
    private static func hex<T: BinaryInteger>(_ value: T) -> String {
        let digits = String(value, radix: 16)
        return digits.count < 2 ? "0" + digits : digits
    }
}
