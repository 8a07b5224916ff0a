/// The module and the instance-independent code that instantiation needs.
struct ValidatedModule: Sendable {
    let parsed: ParsedModule
    let features: Features
    /// Type index of every function, imported ones first.
    let functionTypeIndices: [UInt32]
    let tables: [TableType]
    let memories: [MemoryType]
    let globalTypes: [GlobalType]
    /// Type index of every tag, imported ones first.
    let tags: [UInt32]
    /// Initialisers of the defined globals.
    let globalInitializers: [ConstantExpression]
    /// Per defined table, its initialiser expression (typed function references), or `nil` (null).
    let tableInitializers: [ConstantExpression?]
    /// Per element segment: offset expression (active ones) and the item expressions.
    let elementOffsets: [ConstantExpression?]
    let elementItems: [[ConstantExpression]]
    let dataOffsets: [ConstantExpression?]
    /// Defined functions' code, in one buffer.
    let code: CodeBuffer
    let functions: [CompiledFunctionInfo]
    /// Per defined function: its `try_table` handlers (see `ExceptionHandler`).
    let handlers: [[ExceptionHandler]]
    /// The global index of the imported instruction counter, if any.
    let counterGlobal: UInt32?
    /// What lowering a body needs, kept when the bodies were validated but not lowered
    /// (`LoweringMode.lazy`): then `code` is empty and each instance lowers a function on its first call.
    let lazyContext: ModuleContext?
}

/// When the bodies of a module's functions are lowered to internal code.
enum LoweringMode: Sendable {
    /// All of them while the module is validated, into the module's `CodeBuffer`.
    case eager
    /// Each on its first call, per instance (`Op.lowerOnEntry`); validation is still complete and
    /// eager, so a module that loads is valid and every error is reported at load, as with `eager`.
    case lazy
}

/// Where a defined function's code sits in its module's `CodeBuffer`, and its frame layout.
struct CompiledFunctionInfo: Sendable {
    let codeOffset: Int
    let parameterSlots: Int
    let localSlots: Int
    let frameSlots: Int
    let resultSlots: Int
    let typeIndex: UInt32
    /// Code position to module byte offset, as `CodeEmitter.sourceMap`.
    let sourceMap: [UInt64]

    /// The byte offset in the module of the wasm instruction whose trapping code starts at
    /// `position` (a word index relative to this function's code), or nil if none is recorded there.
    func byteOffset(ofCodePosition position: Int) -> Int? {
        // Binary search for the entry whose code position is `position`.
        var low = 0
        var high = sourceMap.count
        while low < high {
            let middle = (low + high) / 2
            if Int(sourceMap[middle] >> 32) < position { low = middle + 1 } else { high = middle }
        }
        guard low < sourceMap.count, Int(sourceMap[low] >> 32) == position else { return nil }
        return Int(sourceMap[low] & 0xFFFF_FFFF)
    }
}

/// The lowered code of all a module's functions, one after another, filled function by function
/// while the module is validated and immutable afterwards (it may move while it is filled; the
/// interpreter's raw pointers into it are taken at instantiation).
///
/// Each function's words are appended as soon as it is lowered, into one buffer that grows with
/// `realloc`, rather than kept per function and copied at the end: for a module of megabytes of
/// code, holding both would double the peak memory of loading it. A large buffer's growth is a
/// remapping, not a copy, and its spare capacity is never touched, so it is not resident.
final class CodeBuffer: @unchecked Sendable {
    // SAFETY (Sendable): written only while `validateModule` runs, immutable afterwards.
    private(set) var base: UnsafeMutablePointer<UInt64>
    private(set) var count = 0
    private var capacity: Int

    init() {
        capacity = 1024
        base = HostMemory.resize(nil, to: capacity * 8).assumingMemoryBound(to: UInt64.self)
    }

    /// Appends one function's words.
    func append(_ words: [UInt64]) {
        if count + words.count > capacity {
            let oldCapacity = capacity
            capacity = max(count + words.count, capacity * 2)
            base = HostMemory.resize(UnsafeMutableRawPointer(base), from: oldCapacity * 8, to: capacity * 8)
                .assumingMemoryBound(to: UInt64.self)
        }
        guard !words.isEmpty else { return }
        words.withUnsafeBufferPointer { (base + count).initialize(from: $0.baseAddress!, count: $0.count) }
        count += words.count
    }

    deinit { HostMemory.free(UnsafeMutableRawPointer(base)) }
}

/// The name and type of the import through which a module reads the store's instruction counter.
enum InstructionCounterImport {
    static let module = "numcodecs:wasm/perf@0.1.0"
    static let name = "instruction-counter"
    static let type = GlobalType(valueType: .i64, isMutable: true)
}

/// Validates a decoded module against `features` and lowers its functions (one pass per body).
func validateModule(_ parsed: ParsedModule, features: Features, lowering: LoweringMode = .eager)
    throws(ModuleError) -> ValidatedModule
{
    var validator = ModuleValidator(parsed: parsed, features: features, lowering: lowering)
    return try validator.run()
}

private struct ModuleValidator {
    let parsed: ParsedModule
    let features: Features
    let lowering: LoweringMode

    func invalid(_ reason: ValidationError.Reason, at offset: Int) -> ModuleError {
        .invalid(ValidationError(reason, at: offset))
    }

    /// `offsets[index]`, or 0 for an entry the decoder did not record (a module built in memory).
    func offset(_ offsets: [Int], _ index: Int) -> Int { index < offsets.count ? offsets[index] : 0 }

    /// Checks the feature gate of `type` and that a concrete heap type names one of the first
    /// `typeCount` types (all of them, except inside the type section).
    func checkValueType(_ type: ValueType, at offset: Int, typeCount: Int? = nil) throws(ModuleError) {
        try BodyReader.checkValueType(
            type, at: offset, features: features, typeCount: typeCount ?? parsed.types.count)
    }

    func checkLimits(_ limits: Limits, bound: UInt64, tooLarge: ValidationError.Reason, at offset: Int)
        throws(ModuleError)
    {
        if limits.min > bound { throw invalid(tooLarge, at: offset) }
        if let max = limits.max {
            if max > bound { throw invalid(tooLarge, at: offset) }
            if limits.min > max { throw invalid(.sizeMinimumGreaterThanMaximum, at: offset) }
        }
    }

    /// A tag's type: a known function type without results, and the feature enabled.
    func checkTag(_ typeIndex: UInt32, at offset: Int) throws(ModuleError) {
        guard features.contains(.exceptions) else { throw invalid(.featureNotEnabled(.exceptions), at: offset) }
        guard typeIndex < parsed.types.count else { throw invalid(.unknownType(typeIndex), at: offset) }
        guard parsed.types[Int(typeIndex)].results.isEmpty else { throw invalid(.nonEmptyTagResultType, at: offset) }
    }

    func checkTable(_ table: TableType, at offset: Int) throws(ModuleError) {
        if table.elementType != .funcRef { try checkValueType(table.elementType, at: offset) }
        try checkLimits(table.limits, bound: UInt64(UInt32.max), tooLarge: .tableSizeTooLarge, at: offset)
    }

    mutating func run() throws(ModuleError) -> ValidatedModule {
        let offsets = parsed.offsets
        for (index, type) in parsed.types.enumerated() {
            let at = offset(offsets.types, index)
            // A type may name itself and the types before it (each is its own recursion group).
            for value in type.parameters + type.results { try checkValueType(value, at: at, typeCount: index + 1) }
            if type.results.count > 1 && !features.contains(.multiValue) {
                throw invalid(.featureNotEnabled(.multiValue), at: at)
            }
        }
        let relations = TypeRelations(types: parsed.types)
        var functionTypeIndices: [UInt32] = []
        var tables: [TableType] = []
        var memories: [MemoryType] = []
        var globals: [GlobalType] = []
        var counterGlobal: UInt32?
        var tags: [UInt32] = []
        for (index, entry) in parsed.imports.enumerated() {
            let at = offset(offsets.imports, index)
            switch entry.descriptor {
            case .function(let typeIndex):
                guard typeIndex < parsed.types.count else { throw invalid(.unknownType(typeIndex), at: at) }
                functionTypeIndices.append(typeIndex)
            case .table(let table):
                try checkTable(table, at: at)
                tables.append(table)
                if tables.count > 1 && !features.contains(.referenceTypes) {
                    throw invalid(.featureNotEnabled(.referenceTypes), at: at)
                }
            case .memory(let memory):
                try checkLimits(memory.limits, bound: 65536, tooLarge: .memorySizeTooLarge, at: at)
                memories.append(memory)
                if memories.count > 1 && !features.contains(.multiMemory) {
                    throw invalid(.featureNotEnabled(.multiMemory), at: at)
                }
            case .global(let global):
                try checkValueType(global.valueType, at: at)
                if global.isMutable && !features.contains(.mutableGlobals) {
                    throw invalid(.featureNotEnabled(.mutableGlobals), at: at)
                }
                if entry.module == InstructionCounterImport.module && entry.name == InstructionCounterImport.name
                    && counterGlobal == nil
                {
                    counterGlobal = UInt32(globals.count)
                }
                globals.append(global)
            case .tag(let typeIndex):
                try checkTag(typeIndex, at: at)
                tags.append(typeIndex)
            }
        }
        for (index, typeIndex) in parsed.functionTypeIndices.enumerated() {
            guard typeIndex < parsed.types.count else {
                throw invalid(.unknownType(typeIndex), at: offset(offsets.functions, index))
            }
            functionTypeIndices.append(typeIndex)
        }
        for (index, table) in parsed.tables.enumerated() {
            let at = offset(offsets.tables, index)
            try checkTable(table, at: at)
            tables.append(table)
            if tables.count > 1 && !features.contains(.referenceTypes) {
                throw invalid(.featureNotEnabled(.referenceTypes), at: at)
            }
        }
        for (index, memory) in parsed.memories.enumerated() {
            let at = offset(offsets.memories, index)
            try checkLimits(memory.limits, bound: 65536, tooLarge: .memorySizeTooLarge, at: at)
            memories.append(memory)
            if memories.count > 1 && !features.contains(.multiMemory) {
                throw invalid(.featureNotEnabled(.multiMemory), at: at)
            }
        }
        for (index, typeIndex) in parsed.tags.enumerated() {
            try checkTag(typeIndex, at: offset(offsets.tags, index))
            tags.append(typeIndex)
        }
        let functionCount = functionTypeIndices.count

        // Globals: each initialiser may read imported globals and, as in Wasm 3.0, earlier immutable ones.
        var globalInitializers: [ConstantExpression] = []
        let importedGlobalCount = globals.count
        for (index, global) in parsed.globals.enumerated() {
            try checkValueType(global.type.valueType, at: offset(offsets.globals, index))
            var reader = BodyReader(bytes: parsed.bytes, range: global.initializer.range, features: features)
            globalInitializers.append(
                try reader.readConstantExpression(
                    expecting: global.type.valueType, globals: globals, visibleGlobals: globals.count,
                    functionTypeIndices: functionTypeIndices, relations: relations, features: features))
            globals.append(global.type)
        }

        // Table initialisers (typed function references): they may read imported globals only (the
        // spec validates tables before the module's own globals). A table whose elements cannot be
        // null needs one.
        var tableInitializers: [ConstantExpression?] = []
        for (index, table) in parsed.tables.enumerated() {
            let at = offset(offsets.tables, index)
            guard index < parsed.tableInitializers.count, let bytes = parsed.tableInitializers[index] else {
                guard table.elementType.isNullable else {
                    throw invalid(.typeMismatch("a table of non-null references needs an initialiser"), at: at)
                }
                tableInitializers.append(nil)
                continue
            }
            var reader = BodyReader(bytes: parsed.bytes, range: bytes.range, features: features)
            tableInitializers.append(
                try reader.readConstantExpression(
                    expecting: table.elementType, globals: globals, visibleGlobals: importedGlobalCount,
                    functionTypeIndices: functionTypeIndices, relations: relations, features: features))
        }

        // Exports: unique names, valid indices.
        // Names compare by their bytes: Swift's String equality would merge canonically equivalent names.
        var exportNames = Set<[UInt8]>()
        var declared = Set<UInt32>()
        for (position, export) in parsed.exports.enumerated() {
            let at = offset(offsets.exports, position)
            guard exportNames.insert(Array(export.name.utf8)).inserted else {
                throw invalid(.duplicateExportName(export.name), at: at)
            }
            switch export.kind {
            case .function:
                guard export.index < functionCount else { throw invalid(.unknownFunction(export.index), at: at) }
                declared.insert(export.index)
            case .table:
                guard export.index < tables.count else { throw invalid(.unknownTable(export.index), at: at) }
            case .memory:
                guard export.index < memories.count else { throw invalid(.unknownMemory(export.index), at: at) }
            case .global:
                guard export.index < globals.count else { throw invalid(.unknownGlobal(export.index), at: at) }
                if globals[Int(export.index)].isMutable && !features.contains(.mutableGlobals) {
                    throw invalid(.featureNotEnabled(.mutableGlobals), at: at)
                }
            case .tag:
                guard export.index < tags.count else { throw invalid(.unknownTag(export.index), at: at) }
            }
        }
        if let start = parsed.start {
            let at = offsets.start
            guard start < functionCount else { throw invalid(.unknownFunction(start), at: at) }
            let type = parsed.types[Int(functionTypeIndices[Int(start)])]
            guard type.parameters.isEmpty && type.results.isEmpty else { throw invalid(.startFunctionType, at: at) }
        }
        for initializer in globalInitializers { declared.formUnion(initializer.referencedFunctions) }
        for initializer in tableInitializers { declared.formUnion(initializer?.referencedFunctions ?? []) }

        // Element segments.
        var elementOffsets: [ConstantExpression?] = []
        var elementItems: [[ConstantExpression]] = []
        for segment in parsed.elements {
            // Only a stated type needs checking (function indices are `(ref func)` in every profile).
            if case .expressions = segment.items, segment.type != .funcRef {
                try checkValueType(segment.type, at: segment.offset)
            }
            switch segment.mode {
            case .active(let table, let offset):
                guard table < tables.count else { throw invalid(.unknownTable(table), at: segment.offset) }
                guard relations.isSubtype(segment.type, of: tables[Int(table)].elementType) else {
                    throw invalid(.typeMismatch("element segment type"), at: segment.offset)
                }
                var reader = BodyReader(bytes: parsed.bytes, range: offset.range, features: features)
                elementOffsets.append(
                    try reader.readConstantExpression(
                        expecting: .i32, globals: globals, visibleGlobals: globals.count,
                        functionTypeIndices: functionTypeIndices, relations: relations, features: features))
            case .passive, .declarative:
                elementOffsets.append(nil)
            }
            var items: [ConstantExpression] = []
            switch segment.items {
            case .functions(let indices):
                items.reserveCapacity(indices.count)
                for index in indices {
                    guard index < functionCount else { throw invalid(.unknownFunction(index), at: segment.offset) }
                    declared.insert(index)
                    items.append(ConstantExpression(instructions: [.refFunc(index)], type: .funcRef))
                }
            case .expressions(let expressions):
                for expression in expressions {
                    var reader = BodyReader(bytes: parsed.bytes, range: expression.range, features: features)
                    let item = try reader.readConstantExpression(
                        expecting: segment.type, globals: globals, visibleGlobals: globals.count,
                        functionTypeIndices: functionTypeIndices, relations: relations, features: features)
                    declared.formUnion(item.referencedFunctions)
                    items.append(item)
                }
            }
            elementItems.append(items)
        }

        // Data segments.
        var dataOffsets: [ConstantExpression?] = []
        for segment in parsed.data {
            switch segment.mode {
            case .passive:
                dataOffsets.append(nil)
            case .active(let memory, let offset):
                guard memory < memories.count else {
                    throw invalid(.unknownMemory(memory), at: offset.range.lowerBound)
                }
                var reader = BodyReader(bytes: parsed.bytes, range: offset.range, features: features)
                dataOffsets.append(
                    try reader.readConstantExpression(
                        expecting: .i32, globals: globals, visibleGlobals: globals.count,
                        functionTypeIndices: functionTypeIndices, relations: relations, features: features))
            }
        }

        // Function bodies: validated, and lowered unless lowering is lazy.
        let importedFunctions = functionCount - parsed.functionTypeIndices.count
        let context = ModuleContext(
            bytes: parsed.bytes, features: features, types: parsed.types, functionTypeIndices: functionTypeIndices,
            importedFunctionCount: importedFunctions, tables: tables, memories: memories, globals: globals,
            tags: tags, elementTypes: parsed.elements.map(\.type),
            dataCount: parsed.dataCount, declaredFunctions: declared, counterGlobal: counterGlobal,
            relations: relations)
        let code = CodeBuffer()
        var infos: [CompiledFunctionInfo] = []
        var handlers: [[ExceptionHandler]] = []
        var codeOffset = 0
        if lowering == .lazy {
            infos = try BodyValidation.validateWithoutLowering(parsed, context: context, features: features)
            handlers = Array(repeating: [], count: infos.count)
        }
        for (position, body) in parsed.bodies.enumerated() where lowering == .eager {
            let index = UInt32(importedFunctions + position)
            let typeIndex = functionTypeIndices[Int(index)]
            var validator = try FunctionValidator(
                module: context, functionIndex: index, type: parsed.types[Int(typeIndex)], body: body,
                features: features)
            let function = try validator.run()
            infos.append(
                CompiledFunctionInfo(
                    codeOffset: codeOffset, parameterSlots: function.parameterSlots, localSlots: function.localSlots,
                    frameSlots: function.frameSlots, resultSlots: function.resultSlots, typeIndex: typeIndex,
                    sourceMap: function.sourceMap))
            handlers.append(function.handlers)
            codeOffset += function.code.count
            code.append(function.code)
        }
        return ValidatedModule(
            parsed: parsed, features: features, functionTypeIndices: functionTypeIndices, tables: tables,
            memories: memories, globalTypes: globals, tags: tags, globalInitializers: globalInitializers,
            tableInitializers: tableInitializers,
            elementOffsets: elementOffsets, elementItems: elementItems, dataOffsets: dataOffsets,
            code: code, functions: infos, handlers: handlers, counterGlobal: counterGlobal,
            lazyContext: lowering == .lazy ? context : nil)
    }
}
