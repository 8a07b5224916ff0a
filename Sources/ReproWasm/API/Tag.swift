/// An exception tag of a store: what identifies the exceptions `throw` makes and `catch` clauses
/// match, and the types of the values they carry.
///
/// A module defines tags or imports them; two instances share a tag only through an export and an
/// import. A host defines one to throw exceptions that wasm code catches, or to recognise the
/// exceptions wasm code throws.
///
///     let overflow = Tag(store: store, type: TagType(parameters: [.i32]))
///     imports.define(module: "env", name: "overflow", .tag(overflow))
///
/// A tag is not `Sendable`: it refers to its store, which is used from one thread at a time.
public struct Tag {
    /// The store that owns the tag.
    public let store: Store
    /// The tag's address in its store.
    let address: Int
    /// The tag's type: the payload types of its exceptions (fixed when the tag is made, so reading
    /// it does not touch the store).
    public let type: TagType

    init(store: Store, address: Int) {
        self.store = store
        self.address = address
        type = TagType(parameters: store.runtime.tagTypes[address].parameters)
    }

    /// Creates a tag owned by `store`, distinct from every other tag.
    public init(store: Store, type: TagType) {
        self.store = store
        address = store.runtime.allocateTag(FunctionType(parameters: type.parameters))
        self.type = type
    }
}

extension Tag: Equatable {
    /// Whether both are the same tag of the same store.
    public static func == (lhs: Tag, rhs: Tag) -> Bool { lhs.store === rhs.store && lhs.address == rhs.address }
}

/// A reference to an exception in a store: the value of a non-null `exnref`.
///
/// It can be passed back into the store it came from; it cannot be forged.
public struct ExceptionReference: Hashable, Sendable {
    /// The exception's address in its store plus one (an `exnref` slot's value).
    let raw: UInt64
    /// The identity of the store the exception belongs to (`StoreRuntime.identity`): slots hold
    /// only `raw`, so this is what keeps another store's reference from being taken for one here.
    let store: UInt64
}

/// A WebAssembly exception: a tag and the values thrown with it.
///
/// An exception that wasm code does not catch ends the call with a `Trap` whose code is
/// `.uncaughtException` and whose `exception` is this; the store stays usable. A host function
/// throws one (`throw Exception(tag:payload:)`) to raise it in the wasm code that called it, where a
/// `try_table` can catch it; throwing the `exception` of a caught trap rethrows the same exception.
///
///     do {
///         try run()
///     } catch let trap as Trap {
///         if let exception = trap.exception, exception.tag == overflow { print(exception.payload) }
///     }
///
/// An error must be `Sendable`, and an exception is, but for one part: `tag.store`. The payload, the
/// reference and `tag.type` are values that may be read anywhere (a `Trap` describes itself from
/// them); use `tag.store` only where the store itself may be used.
public struct Exception: Error, @unchecked Sendable {
    /// The exception's tag.
    public let tag: Tag
    /// The values thrown with the tag, of the types `tag.type.parameters`.
    public let payload: [Value]
    /// The exception as an `exnref` value of its store.
    public let reference: ExceptionReference

    /// Creates an exception of `tag` carrying `payload`, for a host function to throw.
    ///
    /// - Precondition: `payload` has the types of `tag.type.parameters` and belongs to the tag's
    ///   store (a programming error otherwise, like an out-of-range array index).
    public init(tag: Tag, payload: [Value]) {
        let runtime = tag.store.runtime
        let parameters = runtime.tagTypes[tag.address].parameters
        precondition(payload.map(\.type) == parameters, "the payload must have the tag's parameter types")
        precondition(payload.allSatisfy(runtime.accepts), "the payload must belong to the tag's store")
        var words: [UInt64] = []
        for value in payload {
            var pair: (UInt64, UInt64) = (0, 0)
            withUnsafeMutableBytes(of: &pair) { value.store(to: $0.baseAddress!.assumingMemoryBound(to: UInt64.self)) }
            words.append(pair.0)
            if value.type == .v128 { words.append(pair.1) }
        }
        let address = runtime.allocateException(tag: tag.address, payload: words)
        // The host holds its reference: the store must keep the exception even once caught.
        runtime.exceptions[address].isReferenced = true
        self.init(store: tag.store, address: address)
    }

    /// The exception at `address` in `store`.
    init(store: Store, address: Int) {
        let record = store.runtime.exceptions[address]
        tag = Tag(store: store, address: record.tag)
        payload = store.runtime.payloadValues(of: address)
        reference = ExceptionReference(raw: UInt64(address) + 1, store: store.runtime.identity)
    }

    /// The exception referred to by `reference`, if it belongs to `store`.
    public init?(_ reference: ExceptionReference, in store: Store) {
        guard store.runtime.owns(reference) else { return nil }
        self.init(store: store, address: Int(reference.raw - 1))
    }
}
