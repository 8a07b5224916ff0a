/// Element and data segments, and the framing of constant expressions.
extension ModuleDecoder {
    /// The element section. Its eight encodings are the combinations of three flag bits:
    /// bit 0 passive or declarative (else active), bit 1 explicit table index (active) or declarative
    /// (not active), bit 2 expressions instead of function indices.
    mutating func decodeElementSection() throws(DecodeError) {
        let count = try reader.readLength()
        module.elements.reserveCapacity(capacity(for: count))
        for _ in 0..<count {
            let segmentOffset = reader.offset
            let flags = try reader.readU32()
            guard flags <= 7 else { throw DecodeError(.malformedSegmentFlags(flags), at: segmentOffset) }
            let usesExpressions = flags & 0x04 != 0

            let mode: ElementMode
            switch flags & 0x03 {
            case 0x00: mode = .active(table: 0, offset: try readConstExpr())
            case 0x02:
                let table = try reader.readU32()
                mode = .active(table: table, offset: try readConstExpr())
            case 0x01: mode = .passive
            default: mode = .declarative
            }

            // Function indices make a segment of `(ref func)` (none of them is null), the element
            // kind 0 of encodings 1-3 included; expressions are `funcref` in encoding 4, and of the
            // stated reference type in encodings 5-7 (WebAssembly 3.0).
            var type = usesExpressions ? ValueType.funcRef : ValueType.ref(.function)
            if flags & 0x03 != 0 {
                if usesExpressions {
                    type = try readReferenceType()
                } else {
                    let kindOffset = reader.offset
                    let kind = try reader.readByte()
                    guard kind == 0x00 else { throw DecodeError(.malformedElementKind(kind), at: kindOffset) }
                }
            }

            let itemCount = try reader.readLength()
            let items: ElementItems
            if usesExpressions {
                var expressions: [ConstExprBytes] = []
                expressions.reserveCapacity(capacity(for: itemCount))
                for _ in 0..<itemCount { expressions.append(try readConstExpr()) }
                items = .expressions(expressions)
            } else {
                var indices: [UInt32] = []
                indices.reserveCapacity(capacity(for: itemCount))
                for _ in 0..<itemCount { indices.append(try reader.readU32()) }
                items = .functions(indices)
            }
            module.elements.append(ElementSegment(mode: mode, type: type, items: items, offset: segmentOffset))
        }
    }

    /// The data section: 0 active in memory 0, 1 passive, 2 active with an explicit memory index.
    mutating func decodeDataSection() throws(DecodeError) {
        let count = try reader.readLength()
        module.data.reserveCapacity(capacity(for: count))
        for _ in 0..<count {
            let segmentOffset = reader.offset
            let flags = try reader.readU32()
            let mode: DataMode
            switch flags {
            case 0: mode = .active(memory: 0, offset: try readConstExpr())
            case 1: mode = .passive
            case 2:
                let memory = try reader.readU32()
                mode = .active(memory: memory, offset: try readConstExpr())
            default: throw DecodeError(.malformedSegmentFlags(flags), at: segmentOffset)
            }
            let length = try reader.readLength()
            let range = try reader.readBytes(length)
            module.data.append(DataSegment(mode: mode, bytes: range))
        }
    }

    /// Finds the end of a constant expression and returns its byte range, terminating `end` included.
    ///
    /// Nothing is interpreted: the validator type-checks the range and rejects instructions that are not
    /// constant. Finding the end means stepping over each instruction's immediates; an instruction that is
    /// not allowed in a constant expression is stepped over the same way (nested blocks included), so the
    /// decoder stays in step with the module and the validator gets to report "constant expression
    /// required". Only a byte that is no instruction at all stops decoding ("illegal opcode").
    mutating func readConstExpr() throws(DecodeError) -> ConstExprBytes {
        let start = reader.offset
        try InstructionSkipper.skipExpression(&reader)
        return ConstExprBytes(range: start..<reader.offset)
    }
}
