/// Why instantiation failed before running any code: an import is missing or does not fit, or the
/// module's own memory or table needs more than the store's limits allow or than the host can
/// allocate. Nothing changed in the store.
///
/// The description names the import and both types:
///
///     incompatible import type for "env" "f": expected func (i32) -> (i32), got func (i64) -> (i32)
public struct LinkError: Error, Equatable, Sendable, CustomStringConvertible {
    /// What went wrong, in the spec's words where it has them.
    public enum Reason: Equatable, Sendable {
        /// No value was given for the import.
        case unknownImport
        /// The value given for the import has another kind or an incompatible type: `actual`.
        case incompatibleImportType(actual: ExternType)
        /// The value given for the import belongs to another store.
        case foreignStore
        /// The module's memory or table (`expected`) needs more pages or elements than the store's
        /// `limit` (`StoreLimits.maxMemoryPages` or `maxTableElements`).
        case resourceLimit(limit: Int)
        /// The host could not allocate the `byteCount` bytes of the module's memory or table
        /// (`expected`), though the store's limits allow them (`docs/DETERMINISM.md` §4). Not a problem
        /// of the module: it may instantiate on another machine, or here once memory is freed.
        case hostResourceExhausted(byteCount: Int)
        /// The value given is the store's instruction counter global (re-exported by a module), but
        /// the import does not have the counter's canonical name. Code reads and writes the live
        /// count only through the canonical import (`docs/DETERMINISM.md` §3), so under any other name
        /// it would see a stale value.
        case instructionCounterUnderAnotherName
        /// The import has the instruction counter's name, but the module declares it as something
        /// other than the counter's type, `global (mut i64)` (`expected` says what it declares).
        case instructionCounterMisdeclared
    }

    /// What went wrong.
    public let reason: Reason
    /// The import's module name; empty for a memory or table the module defines.
    public let module: String
    /// The import's field name; empty for a memory or table the module defines.
    public let name: String
    /// The type the module declares for the import (or for its own memory or table).
    public let expected: ExternType

    init(_ reason: Reason, module: String, name: String, expected: ExternType) {
        self.reason = reason
        self.module = module
        self.name = name
        self.expected = expected
    }

    /// The reason, the import and the types, in one line.
    public var description: String {
        let entity = "\"\(module)\" \"\(name)\""
        switch reason {
        case .unknownImport:
            return "unknown import \(entity): expected \(expected)"
        case .incompatibleImportType(let actual):
            return "incompatible import type for \(entity): expected \(expected), got \(actual)"
        case .foreignStore:
            return "import \(entity) belongs to another store (expected \(expected))"
        case .resourceLimit(let limit):
            let unit = expected.kind == .memory ? "pages" : "elements"
            let owner = module.isEmpty && name.isEmpty ? "" : " (import \(entity))"
            return "\(expected) exceeds the store's limit of \(limit) \(unit)\(owner)"
        case .hostResourceExhausted(let byteCount):
            return "\(expected): the host could not allocate \(byteCount) bytes"
        case .instructionCounterUnderAnotherName:
            return "import \(entity) is the instruction counter, which can only be imported as "
                + "\"\(InstructionCounterImport.module)\" \"\(InstructionCounterImport.name)\""
        case .instructionCounterMisdeclared:
            return "import \(entity) is the store's instruction counter: declare it as "
                + "\(ExternType.global(InstructionCounterImport.type)), not \(expected)"
        }
    }
}

/// How `Store.instantiate` resolved one import before handing it to the runtime.
enum ImportResolution {
    case resolved(ExternalValue)
    case missing
    case foreignStore
}

/// An instance as the store keeps it: its module, its context for the interpreter, its exports, and
/// the state of its passive segments.
final class InstanceRecord {
    let module: ValidatedModule
    let context: UnsafeMutablePointer<InstanceContext>
    /// Exports by name bytes (names compare by bytes, not by Swift's canonical equivalence).
    var exports: [[UInt8]: ExternalValue] = [:]
    /// Export names in the module's order (a dictionary's order is not reproducible).
    var exportOrder: [String] = []
    /// Per data segment: whether it was dropped.
    var droppedData: [Bool]
    /// Per element segment: its references (empty once dropped).
    var elements: [[UInt64]]
    /// The tag index space: the store's address of each tag (`StoreRuntime.tagTypes`).
    var tags: [Int] = []
    /// For a module lowered lazily: the functions lowered so far, by defined-function index.
    var lowered: [Int: LoweredFunction] = [:]

    init(module: ValidatedModule, context: UnsafeMutablePointer<InstanceContext>) {
        self.module = module
        self.context = context
        droppedData = Array(repeating: false, count: module.parsed.data.count)
        elements = []
    }

    func dataBytes(_ index: Int) -> ArraySlice<UInt8> {
        droppedData[index] ? [] : module.parsed.bytes[module.parsed.data[index].bytes]
    }

    func export(named name: String) -> ExternalValue? { exports[Array(name.utf8)] }

    /// The function's name: from the name section, else the first name it is exported under.
    func functionName(_ index: UInt32) -> String? {
        if let name = module.parsed.names?.functionNames[index] { return name }
        return module.parsed.exports.first { $0.kind == .function && $0.index == index }?.name
    }
}

/// The outcome of instantiation: an instance, possibly with a trap from its start function or
/// segment initialisation (the instance then exists, as the spec says, but must not be used).
extension StoreRuntime {
    /// Instantiates `module` with `imports` given in import order (the instruction counter import,
    /// if any, is supplied here and its entry in `imports` is ignored).
    func instantiate(_ module: ValidatedModule, imports: [ImportResolution]) throws(InstantiationError)
        -> InstanceRecord
    {
        let parsed = module.parsed
        var functions: [UnsafeMutablePointer<FunctionInstance>] = []
        var globals: [UnsafeMutablePointer<UInt64>] = []
        var memories: [UnsafeMutablePointer<MemoryStorage>] = []
        var tables: [UnsafeMutablePointer<TableStorage>] = []
        var tags: [Int] = []
        // The store's ids of the module's types: equivalent types (across modules too) share one, and
        // a concrete reference type is compared across modules with its index replaced by the id.
        let moduleTypeIDs = typeIDs(of: parsed.types)
        func storeType(_ type: ValueType) -> ValueType { type.mapTypeIndex { UInt32(moduleTypeIDs[Int($0)]) } }

        // 1. Imports, checked against their declared types, in order (the first bad one is reported).
        for (position, entry) in parsed.imports.enumerated() {
            let expected: ExternType =
                switch entry.descriptor {
                case .function(let index): .function(parsed.types[Int(index)])
                case .table(let type): .table(type)
                case .memory(let type): .memory(type)
                case .global(let type): .global(type)
                case .tag(let index): .tag(TagType(parameters: parsed.types[Int(index)].parameters))
                }
            func failure(_ reason: LinkError.Reason) -> InstantiationError {
                .link(LinkError(reason, module: entry.module, name: entry.name, expected: expected))
            }
            if entry.module == InstructionCounterImport.module && entry.name == InstructionCounterImport.name {
                guard case .global(let type) = entry.descriptor, type == InstructionCounterImport.type else {
                    throw failure(.instructionCounterMisdeclared)
                }
                globals.append(counterCell)
                continue
            }
            let value: ExternalValue
            switch position < imports.count ? imports[position] : .missing {
            case .resolved(let resolved): value = resolved
            case .missing: throw failure(.unknownImport)
            case .foreignStore: throw failure(.foreignStore)
            }
            switch (entry.descriptor, value) {
            case (.function(let typeIndex), .function(let function)):
                guard function.pointee.typeID == moduleTypeIDs[Int(typeIndex)] else {
                    throw failure(.incompatibleImportType(actual: externType(of: value)))
                }
                functions.append(function)
            case (.table(let expected), .table(let table)):
                let actual = Limits(min: UInt64(table.pointee.count), max: UInt64(table.pointee.maximum))
                let declaredActual = actualTableLimits(table)
                guard table.pointee.elementType == storeType(expected.elementType), actual.min >= expected.limits.min,
                    declaredActual.isSubtype(of: expected.limits)
                else { throw failure(.incompatibleImportType(actual: externType(of: value))) }
                tables.append(table)
            case (.memory(let expected), .memory(let memory)):
                guard actualMemoryLimits(memory).isSubtype(of: expected.limits) else {
                    throw failure(.incompatibleImportType(actual: externType(of: value)))
                }
                memories.append(memory)
            case (.global(let expected), .global(let cell, let actual)):
                // An immutable global may have a subtype of the declared type; a mutable one the type.
                let expectedType = storeType(expected.valueType)
                let matches =
                    expected.isMutable == actual.isMutable
                    && (expected.isMutable
                        ? actual.valueType == expectedType
                        : TypeRelations.betweenModules.isSubtype(actual.valueType, of: expectedType))
                guard matches else { throw failure(.incompatibleImportType(actual: externType(of: value))) }
                guard cell != counterCell else { throw failure(.instructionCounterUnderAnotherName) }
                globals.append(cell)
            case (.tag(let typeIndex), .tag(let address)):
                guard tagTypes[address] == parsed.types[Int(typeIndex)] else {
                    throw failure(.incompatibleImportType(actual: externType(of: value)))
                }
                tags.append(address)
            default:
                throw failure(.incompatibleImportType(actual: externType(of: value)))
            }
        }

        // The module's own tables and memories come first: one over the store's limits, or one the
        // host cannot allocate, fails instantiation with the ones allocated before it freed again, so
        // the store is unchanged.
        var definedTables: [UnsafeMutablePointer<TableStorage>] = []
        var definedMemories: [UnsafeMutablePointer<MemoryStorage>] = []
        var entity = ExternType.memory(MemoryType(limits: Limits(min: 0)))
        do throws(StorageError) {
            for table in parsed.tables {
                entity = .table(table)
                definedTables.append(
                    try allocateTable(TableType(elementType: storeType(table.elementType), limits: table.limits)))
            }
            for memory in parsed.memories {
                entity = .memory(memory)
                definedMemories.append(try allocateMemory(memory))
            }
        } catch {
            discardLast(memories: definedMemories.count, tables: definedTables.count)
            let reason: LinkError.Reason =
                switch error {
                case .overLimit(let limit): .resourceLimit(limit: limit)
                case .hostOutOfMemory(let byteCount): .hostResourceExhausted(byteCount: byteCount)
                }
            throw .link(LinkError(reason, module: "", name: "", expected: entity))
        }

        // 2. The instance context, filled in as entities are allocated.
        let importedFunctionCount = functions.count
        let context = allocateContext(
            InstanceContext(
                functions: allocateArray([]), globals: allocateArray([]), memories: allocateArray([]),
                memory0: emptyMemory, tables: allocateArray([]), typeIDs: allocateArray(moduleTypeIDs),
                instanceIndex: instances.count))
        for (position, info) in module.functions.enumerated() {
            functions.append(
                allocateFunction(
                    FunctionInstance(
                        code: module.lazyContext == nil
                            ? UnsafePointer(module.code.base + info.codeOffset) : LoweredFunction.entryStub,
                        typeID: moduleTypeIDs[Int(info.typeIndex)], parameterSlots: info.parameterSlots,
                        frameSlots: info.frameSlots, resultSlots: info.resultSlots,
                        instance: context, hostIndex: -1, functionIndex: UInt32(importedFunctionCount + position))))
        }
        context.pointee.functions = allocateArray(functions)
        tables += definedTables
        memories += definedMemories
        context.pointee.tables = allocateArray(tables)
        context.pointee.memories = allocateArray(memories)
        context.pointee.memory0 = memories.first ?? emptyMemory

        // 3. Globals, in order (an initialiser may read earlier globals).
        for (position, definition) in parsed.globals.enumerated() {
            let value = evaluate(module.globalInitializers[position], globals: globals, functions: functions)
            _ = definition
            globals.append(allocateGlobal(value))
        }
        context.pointee.globals = allocateArray(globals)

        // Table initialisers (typed function references) fill the module's own tables.
        for (position, initializer) in module.tableInitializers.enumerated() {
            guard let initializer else { continue }
            let value = evaluate(initializer, globals: globals, functions: functions).0
            let table = definedTables[position]
            if value != 0 { table.pointee.elements.update(repeating: value, count: table.pointee.count) }
        }

        for typeIndex in parsed.tags { tags.append(allocateTag(parsed.types[Int(typeIndex)])) }

        let record = InstanceRecord(module: module, context: context)
        record.tags = tags
        record.elements = module.elementItems.map { items in
            items.map { evaluate($0, globals: globals, functions: functions).0 }
        }
        for export in parsed.exports {
            let value: ExternalValue
            switch export.kind {
            case .function: value = .function(functions[Int(export.index)])
            case .table: value = .table(tables[Int(export.index)])
            case .memory: value = .memory(memories[Int(export.index)])
            case .global:
                let type = module.globalTypes[Int(export.index)]
                value = .global(
                    globals[Int(export.index)],
                    GlobalType(valueType: storeType(type.valueType), isMutable: type.isMutable))
            case .tag: value = .tag(tags[Int(export.index)])
            }
            record.exports[Array(export.name.utf8)] = value
            record.exportOrder.append(export.name)
        }
        instances.append(record)

        // 4. Element segments, then data segments, in order; a trap stops instantiation but keeps
        // what was written before it.
        do throws(Trap) {
            for (index, segment) in parsed.elements.enumerated() {
                switch segment.mode {
                case .active(let table, _):
                    let offset = UInt32(
                        truncatingIfNeeded: evaluate(
                            module.elementOffsets[index]!, globals: globals, functions: functions
                        ).0)
                    do {
                        try initializeTable(
                            record, table: Int(table), segment: index, destination: offset, source: 0,
                            count: UInt32(record.elements[index].count))
                    } catch { throw Trap(code: error) }
                    record.elements[index] = []
                case .declarative:
                    record.elements[index] = []
                case .passive:
                    break
                }
            }
            for (index, segment) in parsed.data.enumerated() {
                guard case .active(let memory, _) = segment.mode else { continue }
                let offset = UInt32(
                    truncatingIfNeeded: evaluate(module.dataOffsets[index]!, globals: globals, functions: functions).0)
                do {
                    try initializeMemory(
                        record, memory: Int(memory), segment: index, destination: offset, source: 0,
                        count: UInt32(segment.bytes.count))
                } catch { throw Trap(code: error) }
                record.droppedData[index] = true
            }
            if let start = parsed.start {
                _ = try invoke(functions[Int(start)], arguments: [])
            }
        } catch {
            throw .trap(error)
        }
        return record
    }

    /// The type an entity has now, as a link error shows it (current size, the maximum it may reach).
    func externType(of value: ExternalValue) -> ExternType {
        switch value {
        case .function(let function): .function(typesByID[function.pointee.typeID])
        case .table(let table):
            .table(TableType(elementType: table.pointee.elementType, limits: actualTableLimits(table)))
        case .memory(let memory): .memory(MemoryType(limits: actualMemoryLimits(memory)))
        case .global(_, let type): .global(type)
        case .tag(let address): .tag(TagType(parameters: tagTypes[address].parameters))
        }
    }

    private func actualTableLimits(_ table: UnsafeMutablePointer<TableStorage>) -> Limits {
        let maximum = table.pointee.maximum
        return Limits(min: UInt64(table.pointee.count), max: maximum >= Int(UInt32.max) ? nil : UInt64(maximum))
    }

    private func actualMemoryLimits(_ memory: UnsafeMutablePointer<MemoryStorage>) -> Limits {
        let maximum = memory.pointee.maximumPages
        return Limits(min: UInt64(memory.pointee.pageCount), max: maximum >= 65536 ? nil : UInt64(maximum))
    }

    /// Evaluates a validated constant expression.
    func evaluate(
        _ expression: ConstantExpression, globals: [UnsafeMutablePointer<UInt64>],
        functions: [UnsafeMutablePointer<FunctionInstance>]
    ) -> (UInt64, UInt64) {
        var stack: [(UInt64, UInt64)] = []
        for instruction in expression.instructions {
            switch instruction {
            case .i32Const(let value): stack.append((UInt64(UInt32(bitPattern: value)), 0))
            case .i64Const(let value): stack.append((UInt64(bitPattern: value), 0))
            case .f32Const(let bits): stack.append((UInt64(bits), 0))
            case .f64Const(let bits): stack.append((bits, 0))
            case .v128Const(let low, let high): stack.append((low, high))
            case .refNull: stack.append((0, 0))
            case .refFunc(let index): stack.append((UInt64(UInt(bitPattern: functions[Int(index)])), 0))
            case .globalGet(let index):
                let cell = globals[Int(index)]
                stack.append(cell == counterCell ? (counter, 0) : (cell[0], cell[1]))
            case .i32Add, .i32Sub, .i32Mul:
                let rhs = UInt32(truncatingIfNeeded: stack.removeLast().0)
                let lhs = UInt32(truncatingIfNeeded: stack.removeLast().0)
                let result: UInt32 =
                    switch instruction {
                    case .i32Add: lhs &+ rhs
                    case .i32Sub: lhs &- rhs
                    default: lhs &* rhs
                    }
                stack.append((UInt64(result), 0))
            case .i64Add, .i64Sub, .i64Mul:
                let rhs = stack.removeLast().0
                let lhs = stack.removeLast().0
                let result: UInt64 =
                    switch instruction {
                    case .i64Add: lhs &+ rhs
                    case .i64Sub: lhs &- rhs
                    default: lhs &* rhs
                    }
                stack.append((result, 0))
            }
        }
        return stack.last ?? (0, 0)
    }
}
