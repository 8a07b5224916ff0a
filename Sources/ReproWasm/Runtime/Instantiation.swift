/// Why instantiation failed before running any code.
public struct LinkError: Error, Equatable, Sendable, CustomStringConvertible {
    /// What went wrong, in the spec's words where it has them.
    public enum Reason: Equatable, Sendable {
        /// No value was given for an import.
        case unknownImport
        /// The value given for an import has another kind or an incompatible type.
        case incompatibleImportType(expected: String, actual: String)
        /// A memory or table could not be allocated within the store's limits.
        case resourceLimit(String)
    }

    /// What went wrong.
    public let reason: Reason
    /// The import's module name.
    public let module: String
    /// The import's field name.
    public let name: String

    /// Creates an error.
    public init(_ reason: Reason, module: String, name: String) {
        self.reason = reason
        self.module = module
        self.name = name
    }

    /// The reason and the import.
    public var description: String {
        switch reason {
        case .unknownImport: "unknown import \"\(module)\" \"\(name)\""
        case .incompatibleImportType(let expected, let actual):
            "incompatible import type for \"\(module)\" \"\(name)\": expected \(expected), got \(actual)"
        case .resourceLimit(let what): "\(what) exceeds the store's limits (import \"\(module)\" \"\(name)\")"
        }
    }
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

    /// The function's name from the name section, if any.
    func functionName(_ index: UInt32) -> String? { module.parsed.names?.functionNames[index] }
}

/// The outcome of instantiation: an instance, possibly with a trap from its start function or
/// segment initialisation (the instance then exists, as the spec says, but must not be used).
enum InstantiationError: Error {
    case link(LinkError)
    case trap(Trap)
}

extension StoreRuntime {
    /// Instantiates `module` with `imports` given in import order (the instruction counter import,
    /// if any, is supplied here and its entry in `imports` is ignored).
    func instantiate(_ module: ValidatedModule, imports: [ExternalValue?]) throws(InstantiationError) -> InstanceRecord {
        let parsed = module.parsed
        var functions: [UnsafeMutablePointer<FunctionInstance>] = []
        var globals: [UnsafeMutablePointer<UInt64>] = []
        var memories: [UnsafeMutablePointer<MemoryStorage>] = []
        var tables: [UnsafeMutablePointer<TableStorage>] = []

        // 1. Imports, checked against their declared types.
        for (position, entry) in parsed.imports.enumerated() {
            func mismatch(_ expected: String, _ actual: String) -> InstantiationError {
                .link(LinkError(.incompatibleImportType(expected: expected, actual: actual), module: entry.module, name: entry.name))
            }
            if case .global(let type) = entry.descriptor, entry.module == InstructionCounterImport.module,
                entry.name == InstructionCounterImport.name
            {
                guard type == InstructionCounterImport.type else { throw mismatch("(mut i64)", "global \(type.valueType)") }
                globals.append(counterCell)
                continue
            }
            guard position < imports.count, let value = imports[position] else {
                throw .link(LinkError(.unknownImport, module: entry.module, name: entry.name))
            }
            switch (entry.descriptor, value) {
            case (.function(let typeIndex), .function(let function)):
                let expected = parsed.types[Int(typeIndex)]
                guard typesByID[function.pointee.typeID] == expected else {
                    throw mismatch("func \(expected)", "func \(typesByID[function.pointee.typeID])")
                }
                functions.append(function)
            case (.table(let expected), .table(let table)):
                let actual = Limits(min: UInt64(table.pointee.count), max: UInt64(table.pointee.maximum))
                let declaredActual = actualTableLimits(table)
                guard table.pointee.elementType == expected.elementType, actual.min >= expected.limits.min,
                    declaredActual.isSubtype(of: expected.limits)
                else { throw mismatch("table \(expected.limits)", "table \(declaredActual)") }
                tables.append(table)
            case (.memory(let expected), .memory(let memory)):
                let declaredActual = actualMemoryLimits(memory)
                guard declaredActual.isSubtype(of: expected.limits) else {
                    throw mismatch("memory \(expected.limits)", "memory \(declaredActual)")
                }
                memories.append(memory)
            case (.global(let expected), .global(let cell, let actual)):
                guard expected == actual else {
                    throw mismatch("global \(expected.valueType)", "global \(actual.valueType)")
                }
                globals.append(cell)
            default:
                throw mismatch("\(entry.descriptor)", "\(value)")
            }
        }

        // 2. The instance context, filled in as entities are allocated.
        let importedFunctionCount = functions.count
        let context = allocateContext(
            InstanceContext(
                functions: allocateArray([]), globals: allocateArray([]), memories: allocateArray([]),
                memory0: emptyMemory, tables: allocateArray([]), typeIDs: allocateArray(parsed.types.map(typeID)),
                instanceIndex: instances.count))
        for (position, info) in module.functions.enumerated() {
            functions.append(
                allocateFunction(
                    FunctionInstance(
                        code: UnsafePointer(module.code.base + info.codeOffset),
                        typeID: typeID(of: parsed.types[Int(info.typeIndex)]), parameterSlots: info.parameterSlots,
                        localSlots: info.localSlots, frameSlots: info.frameSlots, resultSlots: info.resultSlots,
                        instance: context, hostIndex: -1, functionIndex: UInt32(importedFunctionCount + position))))
        }
        context.pointee.functions = allocateArray(functions)
        for table in parsed.tables {
            guard let storage = allocateTable(table) else {
                throw .link(LinkError(.resourceLimit("table size"), module: "", name: ""))
            }
            tables.append(storage)
        }
        for memory in parsed.memories {
            guard let storage = allocateMemory(memory) else {
                throw .link(LinkError(.resourceLimit("memory size"), module: "", name: ""))
            }
            memories.append(storage)
        }
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

        let record = InstanceRecord(module: module, context: context)
        record.elements = module.elementItems.map { items in
            items.map { evaluate($0, globals: globals, functions: functions).0 }
        }
        for export in parsed.exports {
            let value: ExternalValue
            switch export.kind {
            case .function: value = .function(functions[Int(export.index)])
            case .table: value = .table(tables[Int(export.index)])
            case .memory: value = .memory(memories[Int(export.index)])
            case .global: value = .global(globals[Int(export.index)], module.globalTypes[Int(export.index)])
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
                    let offset = UInt32(truncatingIfNeeded: evaluate(module.elementOffsets[index]!, globals: globals, functions: functions).0)
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
                let offset = UInt32(truncatingIfNeeded: evaluate(module.dataOffsets[index]!, globals: globals, functions: functions).0)
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
