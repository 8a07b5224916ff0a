// libFuzzer entry: decode, validate, instantiate and run every exported function of arbitrary bytes,
// under fuel and small limits. Imports are satisfied with stand-ins (functions returning zeros,
// fresh globals, memories, tables and tags of the declared types). When the module imports a tag,
// every other call of an imported function throws an exception of the first such tag instead, so
// exceptions cross from the host into wasm handlers as well as within wasm. Built by
// scripts/fuzz.sh execute.

/// How many imported functions have been called, to alternate returning and throwing.
private final class CallCount { var value = 0 }

/// The value a stand-in gives for `type`: zero, or null for a nullable reference; nil for a
/// non-nullable reference, which a stand-in cannot make (passing null there breaks the API's
/// documented preconditions, a crash of the harness rather than of the engine).
private func standIn(_ type: ValueType) -> Value? {
    let value = Value.zero(type)
    return value.matches(type) && value.type == type ? value : nil
}

/// Stand-ins for all of `types`, or nil if one of them has none.
private func standIns(_ types: [ValueType]) -> [Value]? {
    let values = types.compactMap(standIn)
    return values.count == types.count ? values : nil
}

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzExecute(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
    let bytes = Array(UnsafeBufferPointer(start: data, count: size))
    guard let module = try? Module(bytes: bytes, features: .full) else { return 0 }
    let limits = StoreLimits(
        maxCallDepth: 200, maxStackSlots: 1 << 16, maxMemoryPages: 64, maxTableElements: 10_000, maxHostCallDepth: 4)
    let store = Store(engine: Engine(features: .full, limits: limits))
    var imports = Imports()
    var firstTag: Tag?
    for entry in module.validated.parsed.imports {
        if case .tag(let typeIndex) = entry.descriptor, firstTag == nil {
            firstTag = Tag(
                store: store, type: TagType(parameters: module.validated.parsed.types[Int(typeIndex)].parameters))
        }
    }
    let calls = CallCount()
    for entry in module.validated.parsed.imports {
        switch entry.descriptor {
        case .function(let typeIndex):
            let type = module.validated.parsed.types[Int(typeIndex)]
            // Without stand-in results the import stays undefined and instantiation fails.
            guard let results = standIns(type.results) else { continue }
            // The closure keeps the tag's address, not the `Tag`: a `Tag` holds its store, and the
            // store holds this closure, so capturing it would leak the store.
            let tagAddress = firstTag?.address
            let function = Function(store: store, type: type) { caller, _ in
                calls.value += 1
                if let address = tagAddress, calls.value % 2 == 0 {
                    let tag = Tag(store: caller.store, address: address)
                    if let payload = standIns(tag.type.parameters) { throw Exception(tag: tag, payload: payload) }
                }
                return results
            }
            imports.define(module: entry.module, name: entry.name, .function(function))
        case .global(let type):
            guard let value = standIn(type.valueType) else { continue }
            imports.define(
                module: entry.module, name: entry.name, .global(Global(store: store, type: type, value: value)))
        case .memory(let type):
            if let memory = Memory(store: store, type: type) {
                imports.define(module: entry.module, name: entry.name, .memory(memory))
            }
        case .table(let type):
            if let table = Table(store: store, type: type) {
                imports.define(module: entry.module, name: entry.name, .table(table))
            }
        case .tag(let typeIndex):
            let parameters = module.validated.parsed.types[Int(typeIndex)].parameters
            // The first tag import gets the tag the stand-ins throw; any other a tag of its own.
            let tag = firstTag.flatMap { $0.type.parameters == parameters ? $0 : nil }
            imports.define(
                module: entry.module, name: entry.name,
                .tag(tag ?? Tag(store: store, type: TagType(parameters: parameters))))
        }
    }
    store.fuel = 200_000
    guard let instance = try? store.instantiate(module, imports: imports) else { return 0 }
    for name in instance.exportNames {
        guard let function = instance.function(named: name) else { continue }
        guard let arguments = standIns(function.type.parameters) else { continue }
        store.fuel = 200_000
        _ = try? function.call(arguments)
    }
    return 0
}
