// Lifting (CanonicalABI.md, "Loading" and "Flat Lifting"): core values and linear memory of the
// component that produced them, to `ComponentValue`s. Everything here is host work and counts no
// instructions; each rule the spec makes a trap is a `ComponentTrap` of kind `.canonicalABI`.

/// The canonical options of one `canon lift` or `canon lower`, with the memory and `realloc` as
/// handles: functions the store keeps refer to them without keeping the store alive.
struct CanonicalOptionsTemplate {
    var memory: UnsafeMutablePointer<MemoryStorage>?
    var realloc: UnsafeMutablePointer<FunctionInstance>?
    var encoding: StringEncoding
    var instance: ComponentInstanceState

    /// The context of one call in `store`.
    func context(in store: Store) -> CanonicalContext {
        CanonicalContext(
            memory: memory.map { Memory(store: store, handle: $0) },
            realloc: realloc.map { Function(store: store, handle: $0) }, encoding: encoding, instance: instance)
    }
}

/// The options and instance one lift or lower works with (the spec's `LiftLowerContext`).
struct CanonicalContext {
    var memory: Memory?
    var realloc: Function?
    var encoding: StringEncoding
    var instance: ComponentInstanceState
    /// The call being made: where lent and borrowed handles are accounted.
    var scope: CallScope?
    /// Whether the other side of the crossing is the host rather than another component instance
    /// (reached through `canon lower`). Only the wording of a few traps depends on it: the tests'
    /// messages are wasmtime's, whose host-side checks and whose adapters between two components
    /// word the same failures differently (`realloc return: result not aligned` or `unaligned
    /// pointer`; `string pointer/length out of bounds of memory` or `string content out-of-bounds`).
    var peerIsHost = true
    /// How much one lift may produce; tests lower it, everything else keeps the default.
    var liftLimits = LiftLimits.standard
    /// What the lift under way may still produce (`liftFlatValues` starts each lift afresh).
    var liftBudget = LiftBudget(LiftLimits.standard)

    /// The memory, which validation guarantees whenever a type needs one.
    var mem: Memory {
        get throws(ComponentTrap) {
            guard let memory else { throw .abi(.missingMemory) }
            return memory
        }
    }

    /// Traps unless `[pointer, pointer + count)` lies in the memory.
    func checkRange(_ pointer: Int, _ count: Int, _ reason: CanonicalTrap) throws(ComponentTrap) {
        guard pointer + count <= (try mem).byteCount else { throw .abi(reason) }
    }

    func bytes(at pointer: Int, count: Int) throws(ComponentTrap) -> [UInt8] {
        do { return try (try mem).read(at: pointer, count: count) } catch { throw .abi(.outOfBounds) }
    }

    /// The little-endian unsigned integer of `size` bytes (1, 2, 4 or 8) at `pointer`.
    func loadInt(_ pointer: Int, _ size: Int) throws(ComponentTrap) -> UInt64 {
        let memory = try mem
        do {
            switch size {
            case 1: return UInt64(try memory.load(UInt8.self, at: pointer))
            case 2: return UInt64(try memory.load(UInt16.self, at: pointer))
            case 4: return UInt64(try memory.load(UInt32.self, at: pointer))
            default: return try memory.load(UInt64.self, at: pointer)
            }
        } catch {
            throw .abi(.outOfBounds)
        }
    }
}

/// The caps on what one lift (the arguments or the results of one call) may produce on the host.
/// Lifting is host work that fuel does not count, and lists may alias one region of guest memory,
/// so without a cap a small guest could make the host allocate without bound. The caps are
/// constants, the same on every machine, so a lift traps or succeeds the same way everywhere.
struct LiftLimits {
    /// List content: each list's element count times its element size in memory (at least 1).
    var listUnits: Int
    /// String content, in bytes of guest memory.
    var stringBytes: Int

    /// The caps every call uses: 2^24 list units and 2^28 string bytes per lift.
    static let standard = LiftLimits(listUnits: 1 << 24, stringBytes: 1 << 28)
}

/// What one lift may still produce; shared by the copies of a context during that lift.
final class LiftBudget {
    var listUnits: Int
    var stringBytes: Int

    init(_ limits: LiftLimits) {
        listUnits = limits.listUnits
        stringBytes = limits.stringBytes
    }

    /// Takes `units` of list content from the budget, or traps when it would run out.
    func chargeList(_ units: Int) throws(ComponentTrap) {
        guard units <= listUnits else { throw .abi(.liftedValueTooLarge) }
        listUnits -= units
    }

    /// Takes `bytes` of string content from the budget, or traps when it would run out.
    func chargeString(_ bytes: Int) throws(ComponentTrap) {
        guard bytes <= stringBytes else { throw .abi(.liftedValueTooLarge) }
        stringBytes -= bytes
    }
}

/// The next core value of a flat sequence, with the spec's coercions for variant payloads.
struct FlatReader {
    var values: [Value]
    var index = 0

    mutating func next() -> Value {
        defer { index += 1 }
        return values[index]
    }

    /// `value`, of core type `have` (a variant's joined type), as a value of type `want` (`CoerceValueIter`).
    static func coerce(_ value: Value, have: ValueType, want: ValueType) -> Value {
        switch (have, want, value) {
        case (.i32, .f32, .i32(let bits)): return .f32Bits(bits)
        case (.i64, .i32, .i64(let bits)): return .i32(UInt32(truncatingIfNeeded: bits))
        case (.i64, .f32, .i64(let bits)): return .f32Bits(UInt32(truncatingIfNeeded: bits))
        case (.i64, .f64, .i64(let bits)): return .f64Bits(bits)
        default: return value
        }
    }
}

extension Value {
    /// The raw bits of a numeric core value.
    var bits: UInt64 {
        switch self {
        case .i32(let value): UInt64(value)
        case .i64(let value): value
        case .f32Bits(let value): UInt64(value)
        case .f64Bits(let value): value
        default: 0
        }
    }
}

extension CanonicalContext {
    /// `lift_flat_values`: the values of types `types` from flat core values, or from memory through
    /// the pointer in them when they flatten to more than `maxFlat` values.
    func liftFlatValues(_ values: [Value], types: [CanonicalType], maxFlat: Int) throws(ComponentTrap)
        -> [ComponentValue]
    {
        var context = self
        context.liftBudget = LiftBudget(liftLimits)
        return try context.liftFlatValuesInBudget(values, types: types, maxFlat: maxFlat)
    }

    private func liftFlatValuesInBudget(_ values: [Value], types: [CanonicalType], maxFlat: Int)
        throws(ComponentTrap) -> [ComponentValue]
    {
        var reader = FlatReader(values: values)
        if types.flatMap(\.flat).count > maxFlat {
            let pointer = Int(reader.next().bits)
            let tuple = CanonicalType.tuple(types)
            try checkAligned(pointer, tuple.alignment)
            try checkRange(pointer, tuple.size, .outOfBounds)
            guard case .tuple(let values) = try load(pointer, tuple) else { preconditionFailure() }
            return values
        }
        var lifted: [ComponentValue] = []
        for type in types { lifted.append(try liftFlat(&reader, type)) }
        return lifted
    }

    func checkAligned(_ pointer: Int, _ alignment: Int) throws(ComponentTrap) {
        guard pointer % alignment == 0 else { throw .abi(.unalignedPointer) }
    }

    /// `lift_flat` of one value.
    func liftFlat(_ reader: inout FlatReader, _ type: CanonicalType) throws(ComponentTrap) -> ComponentValue {
        switch type {
        case .bool: return .bool(reader.next().bits != 0)
        case .s8: return .s8(Int8(truncatingIfNeeded: reader.next().bits))
        case .u8: return .u8(UInt8(truncatingIfNeeded: reader.next().bits))
        case .s16: return .s16(Int16(truncatingIfNeeded: reader.next().bits))
        case .u16: return .u16(UInt16(truncatingIfNeeded: reader.next().bits))
        case .s32: return .s32(Int32(truncatingIfNeeded: reader.next().bits))
        case .u32: return .u32(UInt32(truncatingIfNeeded: reader.next().bits))
        case .s64: return .s64(Int64(bitPattern: reader.next().bits))
        case .u64: return .u64(reader.next().bits)
        case .f32: return .f32Bits(UInt32(truncatingIfNeeded: reader.next().bits))
        case .f64: return .f64Bits(reader.next().bits)
        case .char: return .char(try Self.char(UInt32(truncatingIfNeeded: reader.next().bits)))
        case .string:
            let pointer = Int(reader.next().bits)
            return .string(try loadString(pointer, UInt32(truncatingIfNeeded: reader.next().bits)))
        case .list(let element):
            let pointer = Int(reader.next().bits)
            return .list(try loadList(pointer, Int(reader.next().bits), element))
        case .flags(let labels): return .flags(Self.unpackFlags(reader.next().bits, labels))
        case .own(let resource):
            return .own(try instance.liftOwn(UInt32(truncatingIfNeeded: reader.next().bits), resource, scope: scope))
        case .borrow(let resource):
            return .borrow(
                try instance.liftBorrow(UInt32(truncatingIfNeeded: reader.next().bits), resource, lenders: scope))
        case .record(let fields):
            var values: [ComponentValue.Field] = []
            for field in fields { values.append(.init(field.label, try liftFlat(&reader, field.type))) }
            return .record(values)
        case .tuple(let types):
            var values: [ComponentValue] = []
            for type in types { values.append(try liftFlat(&reader, type)) }
            return .tuple(values)
        case .variant, .enum, .option, .result:
            let payloads = type.variantPayloads!
            let joined = CanonicalType.joinedPayloads(payloads)
            let index = Int(reader.next().bits)
            let joinedValues = (0..<joined.count).map { _ in reader.next() }
            guard index < payloads.count else { throw .abi(.invalidDiscriminant) }
            var payload: ComponentValue?
            if let payloadType = payloads[index] {
                let want = payloadType.flat
                var payloadReader = FlatReader(
                    values: want.indices.map { FlatReader.coerce(joinedValues[$0], have: joined[$0], want: want[$0]) })
                payload = try liftFlat(&payloadReader, payloadType)
            }
            return Self.variantValue(type, index: index, payload: payload)
        }
    }

    /// The `ComponentValue` of case `index` of the variant-like `type`.
    static func variantValue(_ type: CanonicalType, index: Int, payload: ComponentValue?) -> ComponentValue {
        switch type {
        case .variant(let cases): .variant(case: cases[index].label, payload: payload)
        case .enum(let labels): .enum(labels[index])
        case .option: index == 0 ? .option(nil) : .option(payload)
        default: index == 0 ? .ok(payload) : .err(payload)
        }
    }

    static func char(_ code: UInt32) throws(ComponentTrap) -> Unicode.Scalar {
        guard let scalar = Unicode.Scalar(code) else { throw .abi(.invalidChar) }
        return scalar
    }

    static func unpackFlags(_ bits: UInt64, _ labels: [String]) -> [String] {
        labels.indices.filter { bits >> UInt64($0) & 1 != 0 }.map { labels[$0] }
    }

    /// `load`: the value of `type` at `pointer` (aligned and in bounds, checked by the caller).
    func load(_ pointer: Int, _ type: CanonicalType) throws(ComponentTrap) -> ComponentValue {
        switch type {
        case .bool: return .bool(try loadInt(pointer, 1) != 0)
        case .s8: return .s8(Int8(truncatingIfNeeded: try loadInt(pointer, 1)))
        case .u8: return .u8(UInt8(truncatingIfNeeded: try loadInt(pointer, 1)))
        case .s16: return .s16(Int16(truncatingIfNeeded: try loadInt(pointer, 2)))
        case .u16: return .u16(UInt16(truncatingIfNeeded: try loadInt(pointer, 2)))
        case .s32: return .s32(Int32(truncatingIfNeeded: try loadInt(pointer, 4)))
        case .u32: return .u32(UInt32(truncatingIfNeeded: try loadInt(pointer, 4)))
        case .s64: return .s64(Int64(bitPattern: try loadInt(pointer, 8)))
        case .u64: return .u64(try loadInt(pointer, 8))
        case .f32: return .f32Bits(UInt32(truncatingIfNeeded: try loadInt(pointer, 4)))
        case .f64: return .f64Bits(try loadInt(pointer, 8))
        case .char: return .char(try Self.char(UInt32(truncatingIfNeeded: try loadInt(pointer, 4))))
        case .string:
            let begin = Int(try loadInt(pointer, 4))
            return .string(try loadString(begin, UInt32(truncatingIfNeeded: try loadInt(pointer + 4, 4))))
        case .list(let element):
            return .list(try loadList(Int(try loadInt(pointer, 4)), Int(try loadInt(pointer + 4, 4)), element))
        case .flags(let labels):
            return .flags(Self.unpackFlags(try loadInt(pointer, CanonicalType.flagsSize(labels.count)), labels))
        case .own(let resource):
            return .own(
                try instance.liftOwn(UInt32(truncatingIfNeeded: try loadInt(pointer, 4)), resource, scope: scope))
        case .borrow(let resource):
            return .borrow(
                try instance.liftBorrow(UInt32(truncatingIfNeeded: try loadInt(pointer, 4)), resource, lenders: scope))
        case .record(let fields):
            var offset = pointer
            var values: [ComponentValue.Field] = []
            for field in fields {
                offset = alignUp(offset, field.type.alignment)
                values.append(.init(field.label, try load(offset, field.type)))
                offset += field.type.size
            }
            return .record(values)
        case .tuple(let types):
            var offset = pointer
            var values: [ComponentValue] = []
            for type in types {
                offset = alignUp(offset, type.alignment)
                values.append(try load(offset, type))
                offset += type.size
            }
            return .tuple(values)
        case .variant, .enum, .option, .result:
            let payloads = type.variantPayloads!
            let discriminantSize = CanonicalType.discriminantSize(payloads.count)
            let index = Int(try loadInt(pointer, discriminantSize))
            guard index < payloads.count else { throw .abi(.invalidDiscriminant) }
            let payloadOffset = alignUp(pointer + discriminantSize, CanonicalType.maxCaseAlignment(payloads))
            let payload = try payloads[index].map { (type) throws(ComponentTrap) in try load(payloadOffset, type) }
            return Self.variantValue(type, index: index, payload: payload)
        }
    }

    func loadList(_ pointer: Int, _ count: Int, _ element: CanonicalType) throws(ComponentTrap) -> [ComponentValue] {
        let size = element.size
        guard count * size <= maxListByteLength else { throw .abi(.listOutOfBounds) }
        try checkAligned(pointer, element.alignment)
        try checkRange(pointer, count * size, .listOutOfBounds)
        try liftBudget.chargeList(count * max(size, 1))
        switch element {
        case .u8: return try bytes(at: pointer, count: count).map { .u8($0) }
        case .s8: return try bytes(at: pointer, count: count).map { .s8(Int8(bitPattern: $0)) }
        default: break
        }
        var values: [ComponentValue] = []
        values.reserveCapacity(count)
        for index in 0..<count { values.append(try load(pointer + index * size, element)) }
        return values
    }

    /// `load_string_from_range`.
    func loadString(_ pointer: Int, _ taggedCodeUnits: UInt32) throws(ComponentTrap) -> String {
        let alignment: Int
        let byteLength: Int
        var utf16 = false
        switch encoding {
        case .utf8:
            (alignment, byteLength) = (1, Int(taggedCodeUnits))
        case .utf16:
            (alignment, byteLength, utf16) = (2, 2 * Int(taggedCodeUnits), true)
        case .latin1UTF16:
            alignment = 2
            if taggedCodeUnits & utf16Tag != 0 {
                (byteLength, utf16) = (2 * Int(taggedCodeUnits ^ utf16Tag), true)
            } else {
                byteLength = Int(taggedCodeUnits)
            }
        }
        let outOfBounds: CanonicalTrap = peerIsHost ? .stringPointerOutOfBounds : .stringOutOfBounds
        guard byteLength <= maxStringByteLength else { throw .abi(outOfBounds) }
        try checkAligned(pointer, alignment)
        try checkRange(pointer, byteLength, outOfBounds)
        try liftBudget.chargeString(byteLength)
        let raw = try bytes(at: pointer, count: byteLength)
        scope?.liftedOrigins.append(StringOrigin(encoding: encoding, taggedCodeUnits: taggedCodeUnits))
        if utf16 {
            let units = stride(from: 0, to: raw.count, by: 2).map { UInt16(raw[$0]) | UInt16(raw[$0 + 1]) << 8 }
            var text = String.UnicodeScalarView()
            var decoder = UTF16()
            var iterator = units.makeIterator()
            loop: while true {
                switch decoder.decode(&iterator) {
                case .scalarValue(let scalar): text.append(scalar)
                case .emptyInput: break loop
                case .error: throw .abi(.invalidUTF16)
                }
            }
            return String(text)
        }
        if encoding == .latin1UTF16 {
            return String(String.UnicodeScalarView(raw.map { Unicode.Scalar($0) }))
        }
        guard let text = String(validating: raw, as: UTF8.self) else {
            throw .abi(peerIsHost && endsInTruncatedUTF8(raw) ? .incompleteUTF8 : .invalidUTF8)
        }
        return text
    }
}

/// Whether the only flaw of `bytes` as UTF-8 is a last sequence cut short (a valid lead byte, and
/// continuation bytes valid so far but too few), rather than a byte that cannot appear where it is.
func endsInTruncatedUTF8(_ bytes: [UInt8]) -> Bool {
    var start = bytes.count
    while start > 0, bytes.count - start < 3, bytes[start - 1] & 0xC0 == 0x80 { start -= 1 }
    guard start > 0 else { return false }
    let lead = bytes[start - 1]
    let continuation = bytes[start...]
    let needed: Int
    switch lead {
    case 0xC2...0xDF: needed = 1
    case 0xE0...0xEF: needed = 2
    case 0xF0...0xF4: needed = 3
    default: return false
    }
    guard continuation.count < needed else { return false }
    if let second = continuation.first {
        // The lead bytes whose second byte has a narrower range (no overlong forms, no surrogates,
        // nothing past U+10FFFF).
        let allowed: ClosedRange<UInt8> =
            switch lead {
            case 0xE0: 0xA0...0xBF
            case 0xED: 0x80...0x9F
            case 0xF0: 0x90...0xBF
            case 0xF4: 0x80...0x8F
            default: 0x80...0xBF
            }
        guard allowed.contains(second) else { return false }
    }
    return String(validating: bytes[..<(start - 1)], as: UTF8.self) != nil
}

let maxStringByteLength = (1 << 28) - 1
let maxListByteLength = (1 << 28) - 1
let utf16Tag: UInt32 = 1 << 31
