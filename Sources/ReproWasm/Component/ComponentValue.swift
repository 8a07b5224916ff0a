/// A value of a component-level type: what exported component functions take and return, and what
/// host functions given to a component receive and produce.
///
/// Floats keep their bit pattern across the component boundary (no NaN canonicalisation). A record
/// lists its fields in the type's order; flags list the names of the flags that are set.
///
///     let greeting = try instance.function(named: "greet")!.call([.string("world")])
///     // [.string("hello, world")]
public indirect enum ComponentValue: Hashable, Sendable, CustomStringConvertible {
    /// A `bool`.
    case bool(Bool)
    /// An `s8`.
    case s8(Int8)
    /// A `u8`.
    case u8(UInt8)
    /// An `s16`.
    case s16(Int16)
    /// A `u16`.
    case u16(UInt16)
    /// An `s32`.
    case s32(Int32)
    /// A `u32`.
    case u32(UInt32)
    /// An `s64`.
    case s64(Int64)
    /// A `u64`.
    case u64(UInt64)
    /// An `f32`, as its IEEE 754 bit pattern.
    case f32Bits(UInt32)
    /// An `f64`, as its IEEE 754 bit pattern.
    case f64Bits(UInt64)
    /// A `char`: a Unicode scalar value.
    case char(Unicode.Scalar)
    /// A `string`.
    case string(String)
    /// A `list<T>`.
    case list([ComponentValue])
    /// A `record`: its fields in the type's order.
    case record([Field])
    /// A `tuple<...>`.
    case tuple([ComponentValue])
    /// A `variant` case, with its payload when the case has one.
    case variant(case: String, payload: ComponentValue?)
    /// An `enum` case.
    case `enum`(String)
    /// An `option<T>`: `nil` is `none`.
    case option(ComponentValue?)
    /// The `ok` case of a `result`, with its payload when the type has one.
    case ok(ComponentValue?)
    /// The `error` case of a `result`, with its payload when the type has one.
    case err(ComponentValue?)
    /// A `flags` value: the names of the flags that are set.
    case flags([String])
    /// An `own<R>` handle: the resource's representation, owned by the receiver.
    case own(ResourceHandle)
    /// A `borrow<R>` handle, valid for the duration of the call.
    case borrow(ResourceHandle)

    /// One field of a record value.
    public struct Field: Hashable, Sendable {
        /// The field's label.
        public var name: String
        /// The field's value.
        public var value: ComponentValue

        /// A field named `name` holding `value`.
        public init(_ name: String, _ value: ComponentValue) {
            self.name = name
            self.value = value
        }
    }

    /// An `f32` from a `Float` (its bit pattern is kept).
    public static func f32(_ value: Float) -> ComponentValue { .f32Bits(value.bitPattern) }

    /// An `f64` from a `Double` (its bit pattern is kept).
    public static func f64(_ value: Double) -> ComponentValue { .f64Bits(value.bitPattern) }

    /// The value in a WAVE-like notation (`"text"`, `[1, 2]`, `{a: 1}`, `ok(5)`).
    public var description: String {
        switch self {
        case .bool(let value): return value ? "true" : "false"
        case .s8(let value): return "\(value)"
        case .u8(let value): return "\(value)"
        case .s16(let value): return "\(value)"
        case .u16(let value): return "\(value)"
        case .s32(let value): return "\(value)"
        case .u32(let value): return "\(value)"
        case .s64(let value): return "\(value)"
        case .u64(let value): return "\(value)"
        case .f32Bits(let bits): return "\(Float(bitPattern: bits))"
        case .f64Bits(let bits): return "\(Double(bitPattern: bits))"
        case .char(let scalar): return "'\(scalar.escaped(asASCII: false))'"
        case .string(let text): return "\"\(text.unicodeScalars.map { $0.escaped(asASCII: false) }.joined())\""
        case .list(let values): return "[" + values.map(\.description).joined(separator: ", ") + "]"
        case .record(let fields): return "{" + fields.map { "\($0.name): \($0.value)" }.joined(separator: ", ") + "}"
        case .tuple(let values): return "(" + values.map(\.description).joined(separator: ", ") + ")"
        case .variant(let label, let payload): return payload.map { "\(label)(\($0))" } ?? label
        case .enum(let label): return label
        case .option(let value): return value.map { "some(\($0))" } ?? "none"
        case .ok(let value): return value.map { "ok(\($0))" } ?? "ok"
        case .err(let value): return value.map { "err(\($0))" } ?? "err"
        case .flags(let names): return "{" + names.joined(separator: ", ") + "}"
        case .own(let handle): return "own(\(handle.rawRepresentation))"
        case .borrow(let handle): return "borrow(\(handle.rawRepresentation))"
        }
    }
}

/// A rule of the canonical ABI a call broke; the description is the component-model tests' wording.
public enum CanonicalTrap: Equatable, Sendable, CustomStringConvertible {
    /// A pointer is not aligned for the type stored there.
    case unalignedPointer
    /// A value lies (partly) outside the memory.
    case outOfBounds
    /// A string's bytes lie outside the memory (or exceed the canonical ABI's maximum length).
    case stringOutOfBounds
    /// A list's elements lie outside the memory (or exceed the maximum length).
    case listOutOfBounds
    /// A UTF-8 string is not valid UTF-8.
    case invalidUTF8
    /// A UTF-16 string has an unpaired surrogate.
    case invalidUTF16
    /// A variant, enum, option or result discriminant names no case.
    case invalidDiscriminant
    /// A `char` is a surrogate or beyond U+10FFFF.
    case invalidChar
    /// A handle index names no handle in the instance's table.
    case unknownHandle(UInt32)
    /// A handle index names a handle of another resource type.
    case wrongHandleType(UInt32)
    /// An owned handle was expected, the index names a borrowed one.
    case notOwned(UInt32)
    /// A handle was removed (dropped or passed as `own`) while lent to a call.
    case handleLent
    /// A call returned while still holding handles it borrowed.
    case borrowsRemain
    /// `realloc` or a post-return function called out of its instance.
    case cannotLeave
    /// A call re-entered a component instance already on the stack.
    case cannotEnter
    /// The instance's handle table has no room left.
    case handleTableFull
    /// A string's pointer and length reach past the end of the memory, lifted for the host.
    case stringPointerOutOfBounds
    /// A string's UTF-8 is valid up to a last sequence that is cut short, lifted for the host.
    case incompleteUTF8
    /// `realloc` returned a pointer not aligned as asked.
    case reallocMisaligned
    /// `realloc` returned a range that does not fit in the memory.
    case reallocOutOfBounds
    /// The call needs the `memory` canonical option, which the function lacks.
    case missingMemory
    /// The call needs the `realloc` canonical option, which the function lacks.
    case missingRealloc
    /// One lift (a call's arguments or its results) would produce more than the host allows: over
    /// 2^24 units of list content (each list's length times its element size, at least 1 per
    /// element) or over 2^28 bytes of string content in total. Lists may alias guest memory, so
    /// without this cap the host could be made to allocate without bound; the cap is the same on
    /// every machine, so which lifts trap is deterministic.
    case liftedValueTooLarge
    /// The host used an owned handle it had already passed to a component as `own`.
    case hostHandleMoved
    /// The host used an owned handle it had already dropped.
    case hostHandleDropped
    /// The host used a borrowed handle after the host function it was lent to returned.
    case hostBorrowExpired
    /// The host passed a borrowed handle as `own`, or dropped it.
    case hostBorrowNotOwned
    /// The host passed a handle of a component-defined resource that no component gave it.
    case hostHandleNotIssued

    /// The trap in the component-model tests' words.
    public var description: String {
        switch self {
        case .unalignedPointer: "unaligned pointer"
        case .outOfBounds: "out of bounds memory access"
        case .stringOutOfBounds: "string content out-of-bounds"
        case .listOutOfBounds: "list content out-of-bounds"
        case .invalidUTF8: "invalid utf-8"
        case .stringPointerOutOfBounds: "string pointer/length out of bounds of memory"
        case .incompleteUTF8: "incomplete utf-8 byte sequence"
        case .invalidUTF16: "invalid utf-16"
        case .invalidDiscriminant: "invalid variant discriminant"
        case .invalidChar: "invalid `char` bit pattern"
        case .unknownHandle(let index): "unknown handle index \(index)"
        case .wrongHandleType(let index):
            "handle index \(index) used with the wrong type, expected guest-defined resource but found a different guest-defined resource"
        case .notOwned(let index): "handle index \(index) is a borrow, expected an owned handle"
        case .handleLent: "cannot remove owned resource while borrowed"
        case .borrowsRemain: "borrow handles still remain at the end of the call"
        case .cannotLeave: "cannot leave component instance"
        case .cannotEnter: "cannot enter component instance"
        case .handleTableFull: "handle table is full"
        case .reallocMisaligned: "realloc return: result not aligned"
        case .reallocOutOfBounds: "realloc return: beyond end of memory"
        case .missingMemory: "canonical option `memory` is required"
        case .missingRealloc: "canonical option `realloc` is required"
        case .liftedValueTooLarge: "lifted value exceeds the host's limit"
        case .hostHandleMoved: "host handle was already passed on as an owned handle"
        case .hostHandleDropped: "host handle was already dropped"
        case .hostBorrowExpired: "borrowed handle used after the call that lent it returned"
        case .hostBorrowNotOwned: "borrowed handle used where an owned handle is required"
        case .hostHandleNotIssued: "handle of a component-defined resource that no component gave the host"
        }
    }
}

/// A failure while calling a component function: a trap of wasm code, a trap the canonical ABI requires
/// (out-of-bounds, invalid string, bad discriminant, ...), or a call with values of the wrong types.
public struct ComponentTrap: Error, CustomStringConvertible {
    /// What went wrong.
    public enum Kind: Sendable, Equatable {
        /// Wasm code trapped; `trap` holds it.
        case wasm
        /// A rule of the canonical ABI was broken; `message` says which.
        case canonicalABI
        /// The values given do not match the function's types (nothing ran).
        case typeMismatch
        /// A host function failed.
        case host
    }

    /// What went wrong.
    public let kind: Kind
    /// The reason, in the component-model tests' wording for canonical ABI traps.
    public let message: String
    /// For `.wasm`: the core trap.
    public let trap: Trap?
    /// For `.canonicalABI`: which rule was broken.
    public let reason: CanonicalTrap?

    init(_ kind: Kind, _ message: String, trap: Trap? = nil, reason: CanonicalTrap? = nil) {
        self.kind = kind
        self.message = message
        self.trap = trap
        self.reason = reason
    }

    /// A trap of the canonical ABI.
    static func abi(_ reason: CanonicalTrap) -> ComponentTrap {
        ComponentTrap(.canonicalABI, reason.description, reason: reason)
    }

    /// The error `error` (thrown by a core call) as a component trap, unwrapping traps that host
    /// functions (lowered imports) threw.
    static func from(_ error: any Error) -> ComponentTrap {
        if let trap = error as? ComponentTrap { return trap }
        if let trap = error as? Trap {
            if trap.code == .hostError, let inner = trap.hostError { return from(inner) }
            return ComponentTrap(.wasm, trap.description, trap: trap)
        }
        return ComponentTrap(.host, "\(error)")
    }

    /// The kind and the message.
    public var description: String {
        switch kind {
        case .wasm: "wasm trap: \(message)"
        case .canonicalABI: message
        case .typeMismatch: "type mismatch: \(message)"
        case .host: "host error: \(message)"
        }
    }
}
