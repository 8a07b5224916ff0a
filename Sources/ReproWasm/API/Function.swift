/// A function of a store: exported by an instance, or defined by the host.
///
/// Call it with `[Value]`, or get a typed view once and call that like a Swift function:
///
///     let add = instance.function(named: "add")!
///     let results = try add.call([.i32(2), .i32(3)])                  // [i32:5]
///     let typedAdd = try add.typed(Int32.self, Int32.self, returning: Int32.self)
///     let sum = try typedAdd(2, 3)                                     // 5
public struct Function {
    /// The store that owns the function.
    public let store: Store
    let handle: UnsafeMutablePointer<FunctionInstance>

    init(store: Store, handle: UnsafeMutablePointer<FunctionInstance>) {
        self.store = store
        self.handle = handle
    }

    /// Defines a host function in `store`: `body` gets its caller's context and the arguments, and
    /// returns the results.
    ///
    /// Arguments match `type.parameters`. An error `body` throws, or results that do not match
    /// `type.results`, make the call trap with `TrapCode.hostError` carrying the error. Host calls
    /// add nothing to the instruction counter. The store keeps `body`: reach the store through
    /// `caller.store` rather than capturing it, which would keep the store alive for ever. To define
    /// a host function for whatever store instantiates, use `Imports.defineFunction` instead.
    ///
    ///     let log = Function(store: store, type: FunctionType(parameters: [.i32])) { _, args in
    ///         print(args[0]); return []
    ///     }
    ///     imports.define(module: "env", name: "log", .function(log))
    public init(
        store: Store, type: FunctionType, body: @escaping (_ caller: Caller, _ arguments: [Value]) throws -> [Value]
    ) {
        self.store = store
        handle = store.runtime.allocateHostFunction(HostFunction(type: type, body: body))
    }

    /// The function referred to by `reference`, if it belongs to `store`.
    ///
    ///     if case .funcRef(let reference?) = try table.element(at: 0) {
    ///         let function = Function(reference, in: store)
    ///     }
    public init?(_ reference: FunctionReference, in store: Store) {
        guard store.runtime.owns(reference) else { return nil }
        // SAFETY: `owns` checked that the address is a FunctionInstance record this store allocated.
        self.init(store: store, handle: UnsafeMutablePointer(bitPattern: UInt(reference.raw))!)
    }

    /// The function's type.
    ///
    /// A typed reference to a concrete function type in it (typed function references) names that
    /// type by the store's id for it, which equivalent types of all modules share, rather than by a
    /// module's type index; `UInt32.max` stands for the type itself.
    public var type: FunctionType { store.runtime.typesByID[handle.pointee.typeID] }

    /// Calls the function with `arguments` and returns its results.
    ///
    /// Runs until the function returns or traps; the store's counter and fuel apply. After a trap
    /// the store stays usable. A typed view (`typed(_:returning:)`) checks the types once instead and
    /// throws only `Trap`.
    /// - Throws: `AccessError.typeMismatch` when `arguments` do not match the parameter types, or
    ///   `.foreignStore` when one is a reference from another store (nothing ran then); otherwise a
    ///   `Trap`: what the wasm code trapped with (`.outOfFuel`, `.callStackExhausted`, ...), or
    ///   `.hostError` when a host function failed.
    ///
    ///     do {
    ///         let results = try add.call([.i32(2), .i32(3)])
    ///     } catch let trap as Trap {
    ///         print("trapped:", trap)
    ///     } catch {
    ///         print("wrong arguments:", error)   // an AccessError
    ///     }
    @discardableResult
    public func call(_ arguments: [Value] = []) throws -> [Value] {
        try checkArguments(arguments)
        return try store.runtime.invoke(handle, arguments: arguments)
    }

    /// Throws the `AccessError` that calling with `arguments` would be refused with, if any.
    func checkArguments(_ arguments: [Value]) throws(AccessError) {
        let type = self.type
        guard arguments.count == type.parameters.count,
            zip(arguments, type.parameters).allSatisfy({ store.runtime.conforms($0, to: $1) })
        else { throw .typeMismatch(expected: type.parameters, actual: arguments.map(\.type)) }
        guard arguments.allSatisfy(store.runtime.accepts) else { throw .foreignStore }
    }

    /// Calls the function with `arguments`: `try countdown(.i32(10))`. The same as `call(_:)`.
    @discardableResult
    public func callAsFunction(_ arguments: Value...) throws -> [Value] { try call(arguments) }

    /// A typed view of the function with one result, checked once here so calls need no checks.
    ///
    /// - Throws: `AccessError.signatureMismatch` if the function's type is not
    ///   `(parameters...) -> (result)`.
    ///
    ///     let fib = try instance.function(named: "fib")!.typed(Int32.self, returning: Int32.self)
    ///     print(try fib(25))   // 75025
    public func typed<each Parameter: ValueConvertible, Result: ValueConvertible>(
        _ parameters: repeat (each Parameter).Type, returning result: Result.Type
    ) throws(AccessError) -> TypedFunction<repeat each Parameter, Result> {
        try TypedFunction(self, results: [Result.valueType]) { values in Result(wasmValue: values[0])! }
    }

    /// A typed view of the function with two results.
    ///
    /// - Throws: `AccessError.signatureMismatch` if the function's type is not
    ///   `(parameters...) -> (first, second)`.
    public func typed<each Parameter: ValueConvertible, First: ValueConvertible, Second: ValueConvertible>(
        _ parameters: repeat (each Parameter).Type, returning first: First.Type, _ second: Second.Type
    ) throws(AccessError) -> TypedFunction<repeat each Parameter, (First, Second)> {
        try TypedFunction(self, results: [First.valueType, Second.valueType]) { values in
            (First(wasmValue: values[0])!, Second(wasmValue: values[1])!)
        }
    }

    /// A typed view of the function with no results.
    ///
    /// - Throws: `AccessError.signatureMismatch` if the function's type is not `(parameters...) -> ()`.
    ///
    ///     let reset = try instance.function(named: "reset")!.typed(Int32.self)
    ///     try reset(0)
    public func typed<each Parameter: ValueConvertible>(
        _ parameters: repeat (each Parameter).Type
    ) throws(AccessError) -> TypedFunction<repeat each Parameter, Void> {
        try TypedFunction(self, results: []) { _ in () }
    }

    /// A reference to this function, to put in a table or pass as a `funcref` (`Value.funcRef`).
    public var reference: FunctionReference { FunctionReference(raw: UInt64(UInt(bitPattern: handle))) }
}

/// A function whose signature was checked against Swift types: call it like a Swift function.
///
/// Made by `Function.typed`; `Parameter` are the argument types (`Int32`, `Double`, ...) and
/// `Result` is the result type, a pair for two results, or `Void`.
///
///     let add = try function.typed(Int32.self, Int32.self, returning: Int32.self)
///     let five = try add(2, 3)
public struct TypedFunction<each Parameter: ValueConvertible, Result> {
    /// The untyped function.
    public let function: Function
    private let decode: ([Value]) -> Result

    init(_ function: Function, results: [ValueType], decode: @escaping ([Value]) -> Result) throws(AccessError) {
        var parameters: [ValueType] = []
        for type in repeat (each Parameter).self { parameters.append(type.valueType) }
        let expected = function.type
        let requested = FunctionType(parameters: parameters, results: results)
        guard expected == requested else { throw .signatureMismatch(expected: expected, actual: requested) }
        self.function = function
        self.decode = decode
    }

    /// Calls the function.
    ///
    /// - Throws: `Trap` if the wasm code traps or a host function fails (see `Function.call`).
    public func callAsFunction(_ arguments: repeat each Parameter) throws(Trap) -> Result {
        var values: [Value] = []
        for argument in repeat each arguments { values.append(argument.wasmValue) }
        // The types were checked when this view was made, and numbers cannot belong to another store.
        return decode(try function.store.runtime.invoke(function.handle, arguments: values))
    }
}
