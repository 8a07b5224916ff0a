// Lowering (CanonicalABI.md, "Storing" and "Flat Lowering"): `ComponentValue`s to core values and to
// linear memory of the component that receives them, allocating through its `realloc`. The host
// work counts no instructions; the `realloc` calls count as the wasm they run. Strings from the host
// are UTF-8 (the source encoding the spec's transcoding algorithms start from).

extension CanonicalContext {
    /// `cx.reallocate`: calls the component's `realloc` (with leaving the instance forbidden) and checks
    /// the pointer it returns against `alignment` and the memory's end.
    ///
    /// `content` is the trap for a range out of bounds when the caller is another component instance
    /// (the host's wording is `realloc return: beyond end of memory`; see `peerIsHost`).
    func reallocate(
        _ old: Int, _ oldSize: Int, _ alignment: Int, _ newSize: Int, content: CanonicalTrap = .outOfBounds
    ) throws(ComponentTrap) -> Int {
        guard let realloc else { throw .abi(.missingRealloc) }
        let pointer: Int
        do {
            instance.mayLeave = false
            defer { instance.mayLeave = true }
            let results = try realloc.call([
                .i32(UInt32(truncatingIfNeeded: old)), .i32(UInt32(truncatingIfNeeded: oldSize)),
                .i32(UInt32(alignment)), .i32(UInt32(truncatingIfNeeded: newSize)),
            ])
            pointer = Int(results.first?.bits ?? 0)
        } catch {
            throw ComponentTrap.from(error)
        }
        guard pointer % alignment == 0 else { throw .abi(peerIsHost ? .reallocMisaligned : .unalignedPointer) }
        guard pointer + newSize <= (try mem).byteCount else {
            throw .abi(peerIsHost ? .reallocOutOfBounds : content)
        }
        return pointer
    }

    func write(_ bytes: [UInt8], at pointer: Int) throws(ComponentTrap) {
        do { try (try mem).write(bytes, at: pointer) } catch { throw .abi(.outOfBounds) }
    }

    /// Stores the low `size` bytes (1, 2, 4 or 8) of `value` little-endian at `pointer`.
    func storeInt(_ value: UInt64, _ pointer: Int, _ size: Int) throws(ComponentTrap) {
        let memory = try mem
        do {
            switch size {
            case 1: try memory.store(UInt8(truncatingIfNeeded: value), at: pointer)
            case 2: try memory.store(UInt16(truncatingIfNeeded: value), at: pointer)
            case 4: try memory.store(UInt32(truncatingIfNeeded: value), at: pointer)
            default: try memory.store(value, at: pointer)
            }
        } catch {
            throw .abi(.outOfBounds)
        }
    }

    /// `lower_flat_values`: flat core values for `values` of `types`, or (when they flatten to more than
    /// `maxFlat`) the values stored in memory: at `outPointer` when given, else at a `realloc`ated
    /// pointer that becomes the single flat value.
    func lowerFlatValues(
        _ values: [ComponentValue], types: [CanonicalType], maxFlat: Int, outPointer: Int? = nil
    ) throws(ComponentTrap) -> [Value] {
        guard values.count == types.count else {
            throw ComponentTrap(.typeMismatch, "expected \(types.count) values, got \(values.count)")
        }
        if types.flatMap(\.flat).count > maxFlat {
            let tuple = CanonicalType.tuple(types)
            let pointer: Int
            if let outPointer {
                pointer = outPointer
                try checkAligned(pointer, tuple.alignment)
                try checkRange(pointer, tuple.size, .outOfBounds)
            } else {
                pointer = try reallocate(0, 0, tuple.alignment, tuple.size)
            }
            try store(.tuple(values), tuple, at: pointer)
            return outPointer == nil ? [.i32(UInt32(pointer))] : []
        }
        var flat: [Value] = []
        for (value, type) in zip(values, types) { try lowerFlat(value, type, into: &flat) }
        return flat
    }

    static func mismatch(_ value: ComponentValue, _ type: CanonicalType) -> ComponentTrap {
        ComponentTrap(.typeMismatch, "value \(value) does not have type \(type)")
    }

    /// `lower_flat` of one value, appended to `flat`.
    func lowerFlat(_ value: ComponentValue, _ type: CanonicalType, into flat: inout [Value]) throws(ComponentTrap) {
        switch (type, value) {
        case (.bool, .bool(let v)): flat.append(.i32(v ? 1 : 0))
        case (.s8, .s8(let v)): flat.append(.i32(UInt32(bitPattern: Int32(v))))
        case (.u8, .u8(let v)): flat.append(.i32(UInt32(v)))
        case (.s16, .s16(let v)): flat.append(.i32(UInt32(bitPattern: Int32(v))))
        case (.u16, .u16(let v)): flat.append(.i32(UInt32(v)))
        case (.s32, .s32(let v)): flat.append(.i32(UInt32(bitPattern: v)))
        case (.u32, .u32(let v)): flat.append(.i32(v))
        case (.s64, .s64(let v)): flat.append(.i64(UInt64(bitPattern: v)))
        case (.u64, .u64(let v)): flat.append(.i64(v))
        case (.f32, .f32Bits(let v)): flat.append(.f32Bits(v))
        case (.f64, .f64Bits(let v)): flat.append(.f64Bits(v))
        case (.char, .char(let v)): flat.append(.i32(v.value))
        case (.string, .string(let text)):
            let (pointer, units) = try storeString(text)
            flat += [.i32(UInt32(pointer)), .i32(units)]
        case (.list(let element), .list(let values)):
            let pointer = try storeList(values, element)
            flat += [.i32(UInt32(pointer)), .i32(UInt32(values.count))]
        case (.flags(let labels), .flags(let names)): flat.append(.i32(UInt32(try Self.packFlags(names, labels))))
        case (.own(let resource), .own(let handle)):
            flat.append(.i32(try instance.lowerOwn(handle, resource, scope: scope)))
        case (.borrow(let resource), .borrow(let handle)):
            flat.append(.i32(try instance.lowerBorrow(handle, resource, scope: scope)))
        case (.record(let fields), .record(let values)):
            guard fields.count == values.count else { throw Self.mismatch(value, type) }
            for (field, v) in zip(fields, values) {
                guard field.label == v.name else { throw Self.mismatch(value, type) }
                try lowerFlat(v.value, field.type, into: &flat)
            }
        case (.tuple(let types), .tuple(let values)):
            guard types.count == values.count else { throw Self.mismatch(value, type) }
            for (t, v) in zip(types, values) { try lowerFlat(v, t, into: &flat) }
        default:
            guard let payloads = type.variantPayloads else { throw Self.mismatch(value, type) }
            let (index, payload) = try Self.matchCase(value, type)
            let joined = CanonicalType.joinedPayloads(payloads)
            flat.append(.i32(UInt32(index)))
            var payloadFlat: [Value] = []
            if let payloadType = payloads[index], let payload {
                try lowerFlat(payload, payloadType, into: &payloadFlat)
            }
            for (position, have) in joined.enumerated() {
                guard position < payloadFlat.count else {
                    flat.append(Self.zero(have))
                    continue
                }
                flat.append(Self.widen(payloadFlat[position], to: have))
            }
        }
    }

    /// A zero of core type `type`.
    static func zero(_ type: ValueType) -> Value {
        switch type {
        case .i64: .i64(0)
        case .f32: .f32Bits(0)
        case .f64: .f64Bits(0)
        default: .i32(0)
        }
    }

    /// A payload's flat value as the variant's joined type (`lower_flat_variant`'s coercions).
    static func widen(_ value: Value, to type: ValueType) -> Value {
        switch (value, type) {
        case (.f32Bits(let bits), .i32): .i32(bits)
        case (.i32(let bits), .i64): .i64(UInt64(bits))
        case (.f32Bits(let bits), .i64): .i64(UInt64(bits))
        case (.f64Bits(let bits), .i64): .i64(bits)
        default: value
        }
    }

    /// The case index and payload of the variant-like value `value` of `type`.
    static func matchCase(_ value: ComponentValue, _ type: CanonicalType) throws(ComponentTrap)
        -> (Int, ComponentValue?)
    {
        let result: (Int, ComponentValue?)?
        switch (type, value) {
        case (.variant(let cases), .variant(let label, let payload)):
            result = cases.firstIndex { $0.label == label }.flatMap { index in
                (cases[index].type == nil) == (payload == nil) ? (index, payload) : nil
            }
        case (.enum(let labels), .enum(let label)): result = labels.firstIndex(of: label).map { ($0, nil) }
        case (.option, .option(let payload)): result = payload == nil ? (0, nil) : (1, payload)
        case (.result(let ok, _), .ok(let payload)): result = (ok == nil) == (payload == nil) ? (0, payload) : nil
        case (.result(_, let error), .err(let payload)):
            result = (error == nil) == (payload == nil) ? (1, payload) : nil
        default: result = nil
        }
        guard let result else { throw mismatch(value, type) }
        return result
    }

    static func packFlags(_ names: [String], _ labels: [String]) throws(ComponentTrap) -> UInt64 {
        var bits: UInt64 = 0
        for name in names {
            guard let index = labels.firstIndex(of: name) else {
                throw ComponentTrap(.typeMismatch, "no flag \(name) in \(labels)")
            }
            bits |= 1 << UInt64(index)
        }
        return bits
    }

    /// `store`: `value` of `type` at `pointer` (aligned and in bounds, checked by the caller).
    func store(_ value: ComponentValue, _ type: CanonicalType, at pointer: Int) throws(ComponentTrap) {
        switch (type, value) {
        case (.record(let fields), .record(let values)):
            guard fields.count == values.count else { throw Self.mismatch(value, type) }
            var offset = pointer
            for (field, v) in zip(fields, values) {
                guard field.label == v.name else { throw Self.mismatch(value, type) }
                offset = alignUp(offset, field.type.alignment)
                try store(v.value, field.type, at: offset)
                offset += field.type.size
            }
        case (.tuple(let types), .tuple(let values)):
            guard types.count == values.count else { throw Self.mismatch(value, type) }
            var offset = pointer
            for (t, v) in zip(types, values) {
                offset = alignUp(offset, t.alignment)
                try store(v, t, at: offset)
                offset += t.size
            }
        case (.string, .string(let text)):
            let (begin, units) = try storeString(text)
            try storeInt(UInt64(begin), pointer, 4)
            try storeInt(UInt64(units), pointer + 4, 4)
        case (.list(let element), .list(let values)):
            let begin = try storeList(values, element)
            try storeInt(UInt64(begin), pointer, 4)
            try storeInt(UInt64(values.count), pointer + 4, 4)
        case (.flags(let labels), .flags(let names)):
            try storeInt(try Self.packFlags(names, labels), pointer, CanonicalType.flagsSize(labels.count))
        case (.variant, _), (.enum, _), (.option, _), (.result, _):
            let payloads = type.variantPayloads!
            let (index, payload) = try Self.matchCase(value, type)
            let discriminantSize = CanonicalType.discriminantSize(payloads.count)
            try storeInt(UInt64(index), pointer, discriminantSize)
            if let payloadType = payloads[index], let payload {
                try store(
                    payload, payloadType,
                    at: alignUp(pointer + discriminantSize, CanonicalType.maxCaseAlignment(payloads)))
            }
        default:
            // Scalars: their single flat value, stored in the type's size.
            var flat: [Value] = []
            try lowerFlat(value, type, into: &flat)
            try storeInt(flat[0].bits, pointer, type.size)
        }
    }

    /// `store_list_into_range`: allocates and fills the list, returning its pointer.
    func storeList(_ values: [ComponentValue], _ element: CanonicalType) throws(ComponentTrap) -> Int {
        let size = element.size
        let pointer = try reallocate(0, 0, element.alignment, values.count * size, content: .listOutOfBounds)
        if case .u8 = element {
            // Bytes (the common bulk payload) in one write.
            var bytes: [UInt8] = []
            bytes.reserveCapacity(values.count)
            for value in values {
                guard case .u8(let byte) = value else { throw Self.mismatch(value, element) }
                bytes.append(byte)
            }
            try write(bytes, at: pointer)
            return pointer
        }
        for (index, value) in values.enumerated() { try store(value, element, at: pointer + index * size) }
        return pointer
    }

    /// `store_string_into_range`: the pointer and (tagged) code units of `text` stored in this
    /// context's encoding. The source encoding and code units are those it was lifted with (recorded in
    /// the call's scope) for a string from another component, UTF-8 for one from the host.
    func storeString(_ text: String) throws(ComponentTrap) -> (Int, UInt32) {
        let origin =
            scope?.nextOrigin() ?? StringOrigin(encoding: .utf8, taggedCodeUnits: UInt32(text.utf8.count))
        var simple = origin.encoding
        var units = Int(origin.taggedCodeUnits)
        var sourceIsLatin1 = false
        if origin.encoding == .latin1UTF16 {
            if origin.taggedCodeUnits & utf16Tag != 0 {
                (simple, units) = (.utf16, Int(origin.taggedCodeUnits ^ utf16Tag))
            } else {
                sourceIsLatin1 = true
            }
        }
        switch encoding {
        case .utf8:
            if simple == .utf8 { return try storeCopy(Array(text.utf8), units: units, alignment: 1) }
            return try storeToUTF8(text, units: units, worstCase: units * (sourceIsLatin1 ? 2 : 3))
        case .utf16:
            if simple == .utf8 { return try storeUTF8ToUTF16(text, units: units) }
            return try storeCopy(Self.utf16LittleEndian(text.utf16), units: units, alignment: 2)
        case .latin1UTF16:
            if origin.encoding != .latin1UTF16 { return try storeToLatin1OrUTF16(text, units: units) }
            if sourceIsLatin1 {
                return try storeCopy(
                    text.unicodeScalars.map { UInt8(truncatingIfNeeded: $0.value) }, units: units, alignment: 2)
            }
            return try storeProbablyUTF16(text, units: units)
        }
    }

    /// `store_string_copy`: one allocation of the exact size.
    private func storeCopy(_ encoded: [UInt8], units: Int, alignment: Int) throws(ComponentTrap) -> (Int, UInt32) {
        let pointer = try reallocate(0, 0, alignment, encoded.count, content: .stringOutOfBounds)
        try write(encoded, at: pointer)
        return (pointer, UInt32(truncatingIfNeeded: units))
    }

    /// `store_string_to_utf8`: optimistic one byte per code unit, then the worst case and a shrink.
    private func storeToUTF8(_ text: String, units: Int, worstCase: Int) throws(ComponentTrap) -> (Int, UInt32) {
        var pointer = try reallocate(0, 0, 1, units, content: .stringOutOfBounds)
        let encoded = Array(text.utf8)
        let ascii = encoded.prefix { $0 < 0x80 }.count
        try write(Array(encoded[..<ascii]), at: pointer)
        guard ascii < encoded.count else { return (pointer, UInt32(units)) }
        pointer = try reallocate(pointer, units, 1, worstCase, content: .stringOutOfBounds)
        try write(Array(encoded[ascii...]), at: pointer + ascii)
        if worstCase > encoded.count {
            pointer = try reallocate(pointer, worstCase, 1, encoded.count, content: .stringOutOfBounds)
        }
        return (pointer, UInt32(encoded.count))
    }

    /// `store_utf8_to_utf16`: the worst case, then a shrink.
    private func storeUTF8ToUTF16(_ text: String, units: Int) throws(ComponentTrap) -> (Int, UInt32) {
        let worstCase = 2 * units
        var pointer = try reallocate(0, 0, 2, worstCase, content: .stringOutOfBounds)
        let encoded = Self.utf16LittleEndian(text.utf16)
        try write(encoded, at: pointer)
        if encoded.count < worstCase {
            pointer = try reallocate(pointer, worstCase, 2, encoded.count, content: .stringOutOfBounds)
        }
        return (pointer, UInt32(encoded.count / 2))
    }

    /// `store_string_to_latin1_or_utf16`: Latin-1 until a code point needs UTF-16, then inflate.
    private func storeToLatin1OrUTF16(_ text: String, units: Int) throws(ComponentTrap) -> (Int, UInt32) {
        var pointer = try reallocate(0, 0, 2, units, content: .stringOutOfBounds)
        var latin1: [UInt8] = []
        for scalar in text.unicodeScalars {
            if scalar.value < 256 {
                latin1.append(UInt8(scalar.value))
                continue
            }
            let worstCase = 2 * units
            try write(latin1, at: pointer)
            pointer = try reallocate(pointer, units, 2, worstCase, content: .stringOutOfBounds)
            let encoded = Self.utf16LittleEndian(text.utf16)
            try write(encoded, at: pointer)
            if worstCase > encoded.count {
                pointer = try reallocate(pointer, worstCase, 2, encoded.count, content: .stringOutOfBounds)
            }
            return (pointer, UInt32(encoded.count / 2) | utf16Tag)
        }
        try write(latin1, at: pointer)
        if latin1.count < units {
            pointer = try reallocate(pointer, units, 2, latin1.count, content: .stringOutOfBounds)
        }
        return (pointer, UInt32(latin1.count))
    }

    /// `store_probably_utf16_to_latin1_or_utf16`: UTF-16, deflated to Latin-1 when every code point fits.
    private func storeProbablyUTF16(_ text: String, units: Int) throws(ComponentTrap) -> (Int, UInt32) {
        let byteLength = 2 * units
        var pointer = try reallocate(0, 0, 2, byteLength, content: .stringOutOfBounds)
        let encoded = Self.utf16LittleEndian(text.utf16)
        try write(encoded, at: pointer)
        if text.unicodeScalars.contains(where: { $0.value >= 256 }) {
            return (pointer, UInt32(encoded.count / 2) | utf16Tag)
        }
        let latin1 = text.unicodeScalars.map { UInt8(truncatingIfNeeded: $0.value) }
        try write(latin1, at: pointer)
        pointer = try reallocate(pointer, byteLength, 1, latin1.count, content: .stringOutOfBounds)
        return (pointer, UInt32(latin1.count))
    }

    static func utf16LittleEndian(_ units: String.UTF16View) -> [UInt8] {
        var bytes: [UInt8] = []
        bytes.reserveCapacity(units.count * 2)
        for unit in units { bytes += [UInt8(truncatingIfNeeded: unit), UInt8(unit >> 8)] }
        return bytes
    }
}
