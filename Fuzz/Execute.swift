// libFuzzer entry: decode, validate, instantiate and run every exported function of arbitrary bytes,
// under fuel and small limits. Imports are satisfied with stand-ins (functions returning zeros,
// fresh globals, memories, tables and tags of the declared types). When the module imports a tag,
// every other call of an imported function throws an exception of the first such tag instead, so
// exceptions cross from the host into wasm handlers as well as within wasm. Built by
// scripts/fuzz.sh execute.

/// How many imported functions have been called, to alternate returning and throwing.
private final class CallCount { var value = 0 }

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
            // The closure keeps the tag's address, not the `Tag`: a `Tag` holds its store, and the
            // store holds this closure, so capturing it would leak the store.
            let tagAddress = firstTag?.address
            let function = Function(store: store, type: type) { caller, _ in
                calls.value += 1
                if let address = tagAddress, calls.value % 2 == 0 {
                    let tag = Tag(store: caller.store, address: address)
                    throw Exception(tag: tag, payload: tag.type.parameters.map { Value.zero($0) })
                }
                return type.results.map { Value.zero($0) }
            }
            imports.define(module: entry.module, name: entry.name, .function(function))
        case .global(let type):
            imports.define(
                module: entry.module, name: entry.name,
                .global(Global(store: store, type: type, value: .zero(type.valueType))))
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
        let arguments = function.type.parameters.map { Value.zero($0) }
        store.fuel = 200_000
        _ = try? function.call(arguments)
    }
    return 0
}
