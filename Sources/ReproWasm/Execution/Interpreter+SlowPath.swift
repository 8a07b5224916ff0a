extension StoreRuntime {
    /// Calls `function` with `arguments`, running wasm code in the interpreter loop.
    func invoke(_ function: UnsafeMutablePointer<FunctionInstance>, arguments: [Value]) throws(Trap) -> [Value] {
        let type = typesByID[function.pointee.typeID]
        let sp = stack + stackTop
        // A host function is not a wasm frame: the call-depth limit does not apply to calling one
        // directly (the host nesting limit in `callHost` does).
        guard sp + max(function.pointee.frameSlots, function.pointee.resultSlots) <= stackEnd,
            function.pointee.code == nil || frameTop < limits.maxCallDepth
        else { throw Trap(code: .callStackExhausted) }
        var slot = 0
        for (argument, parameter) in zip(arguments, type.parameters) {
            argument.store(to: sp + slot)
            slot += parameter.slotCount
        }
        let savedTop = stackTop
        defer { stackTop = savedTop }
        if function.pointee.code == nil {
            stackTop += function.pointee.frameSlots
            do { try callHost(function, sp: sp, caller: nil) } catch { throw makeTrap(error) }
        } else {
            let savedFrameTop = frameTop
            defer { frameTop = savedFrameTop }
            do { try execute(function, sp: sp) } catch { throw makeTrap(error) }
        }
        var results: [Value] = []
        results.reserveCapacity(type.results.count)
        slot = 0
        for result in type.results {
            results.append(Value.load(result, from: sp + slot, store: identity))
            slot += result.slotCount
        }
        return results
    }

    /// Builds the embedder's `Trap` from a trap code and the location the loop left behind.
    func makeTrap(_ code: TrapCode) -> Trap {
        var exception: Exception?
        if code == .uncaughtException, let address = pendingException {
            pendingException = nil
            exception = publicException(address)
        }
        if code == .hostError, let trap = pendingTrap {
            pendingTrap = nil
            pendingHostError = nil
            return trap
        }
        var hostError: (any Error)?
        if code == .hostError {
            hostError = pendingHostError
            pendingHostError = nil
        }
        guard let function = trapFunction, let start = function.pointee.code, let context = function.pointee.instance,
            let pc = trapPC
        else { return Trap(code: code, hostError: hostError, exception: exception) }
        let instance = instances[context.pointee.instanceIndex]
        let index = function.pointee.functionIndex
        trapFunction = nil
        trapPC = nil
        let module = instance.module
        let defined = Int(index) - (module.functionTypeIndices.count - module.functions.count)
        let byteOffset =
            module.functions.indices.contains(defined)
            ? instance.functionInfo(defined).byteOffset(ofCodePosition: pc - start) : nil
        return Trap(
            code: code, functionIndex: index, functionName: instance.functionName(index), codeOffset: pc - start,
            byteOffset: byteOffset, hostError: hostError, exception: exception)
    }

    /// Calls a host function whose arguments are in `sp[0...]`; writes its results there. `caller` is
    /// the instance whose code called (`nil`: the embedder called directly).
    @inline(never)
    func callHost(
        _ function: UnsafeMutablePointer<FunctionInstance>, sp: UnsafeMutablePointer<UInt64>,
        caller: UnsafeMutablePointer<InstanceContext>?
    ) throws(TrapCode) {
        // Each running host function holds native stack (and so does the wasm it calls): bound the
        // nesting by a count, so it traps at the same depth everywhere instead of overflowing.
        guard hostCallDepth < limits.maxHostCallDepth else { throw .callStackExhausted }
        hostCallDepth += 1
        defer { hostCallDepth -= 1 }
        let host = hostFunctions[function.pointee.hostIndex]
        var arguments: [Value] = []
        arguments.reserveCapacity(host.type.parameters.count)
        var slot = 0
        for parameter in host.type.parameters {
            arguments.append(Value.load(parameter, from: sp + slot, store: identity))
            slot += parameter.slotCount
        }
        let savedTop = stackTop
        stackTop = max(stackTop, sp - stack + max(function.pointee.frameSlots, 1))
        defer { stackTop = savedTop }
        let savedTrapFunction = trapFunction
        let savedTrapPC = trapPC
        let results: [Value]
        do {
            // SAFETY of the unwrap: a call runs only through a `Function` or `Store` method, so the
            // public store is alive for the whole call.
            let store = owner!
            let instance = caller.map { Instance(store: store, record: instances[$0.pointee.instanceIndex]) }
            results = try host.body(Caller(store: store, instance: instance), arguments)
        } catch let exception as Exception {
            // A wasm exception raised by the host: thrown at the call, where wasm may catch it.
            guard exception.tag.store.runtime === self else {
                pendingHostError = AccessError.foreignStore
                throw .hostError
            }
            pendingException = Int(exception.reference.raw - 1)
            throw .uncaughtException
        } catch let trap as Trap {
            if trap.code == .uncaughtException, let exception = trap.exception, exception.tag.store.runtime === self {
                // An exception of wasm code the host called and let through goes on unwinding.
                pendingException = Int(exception.reference.raw - 1)
                throw .uncaughtException
            }
            // A trap from wasm code the host called propagates unchanged.
            pendingTrap = trap
            throw .hostError
        } catch {
            pendingHostError = error
            throw .hostError
        }
        trapFunction = savedTrapFunction
        trapPC = savedTrapPC
        guard results.count == host.type.results.count,
            zip(results, host.type.results).allSatisfy({ conforms($0, to: $1) })
        else {
            pendingHostError = AccessError.typeMismatch(expected: host.type.results, actual: results.map(\.type))
            throw .hostError
        }
        guard results.allSatisfy(accepts) else {
            pendingHostError = AccessError.foreignStore
            throw .hostError
        }
        slot = 0
        for (result, type) in zip(results, host.type.results) {
            result.store(to: sp + slot)
            slot += type.slotCount
        }
    }

    /// Finds the function `call_indirect` calls, with the spec's checks.
    @inline(never)
    func resolveIndirect(_ context: UnsafeMutablePointer<InstanceContext>, table: Int, index: UInt64, typeIndex: Int)
        throws(TrapCode) -> UnsafeMutablePointer<FunctionInstance>
    {
        if typeIndex == Int(Op.callRefMarker) {
            // `call_ref`: `index` is the reference itself; its type was checked by validation.
            // SAFETY: funcref values are addresses of FunctionInstance records this store allocated.
            guard let callee = UnsafeMutablePointer<FunctionInstance>(bitPattern: UInt(index)) else {
                throw .nullFunctionReference
            }
            return callee
        }
        let table = context.pointee.tables[table]
        let element = UInt64(UInt32(truncatingIfNeeded: index))
        guard element < UInt64(table.pointee.count) else { throw .undefinedElement }
        let reference = table.pointee.elements[Int(element)]
        // SAFETY: funcref values are addresses of FunctionInstance records this store allocated.
        guard let callee = UnsafeMutablePointer<FunctionInstance>(bitPattern: UInt(reference)) else {
            throw .uninitializedElement
        }
        guard callee.pointee.typeID == context.pointee.typeIDs[typeIndex] else { throw .indirectCallTypeMismatch }
        return callee
    }

    /// `memory.grow`: the old size or -1, or a trap when the host cannot allocate below the limits
    /// (`docs/DETERMINISM.md` §4: a host resource error, never a wasm-visible -1).
    @inline(never)
    func growMemory(_ memory: UnsafeMutablePointer<MemoryStorage>, by delta: UInt64) throws(TrapCode) -> Int32 {
        do {
            return try grow(memory, by: UInt32(truncatingIfNeeded: delta))
        } catch {
            throw .hostResourceExhausted
        }
    }

    /// Loads and stores on memories other than 0.
    @inline(never)
    func accessMemory(
        _ context: UnsafeMutablePointer<InstanceContext>, word: UInt64, immediate: UInt64,
        sp: UnsafeMutablePointer<UInt64>
    ) throws(TrapCode) {
        let memory = context.pointee.memories[Int(immediate >> 32)]
        let opcode = Opcode(rawValue: UInt16(c(word)))!
        let info = opcode.info
        let size = UInt64(info.accessBytes)
        let isLoad: Bool
        if case .fixed(let signature) = info.shape { isLoad = signature.output != nil } else { isLoad = false }
        let address = UInt64(UInt32(truncatingIfNeeded: sp[isLoad ? b(word) : a(word)])) &+ (immediate & 0xFFFF_FFFF)
        guard address &+ size <= UInt64(memory.pointee.byteCount) else { throw .outOfBoundsMemoryAccess }
        let pointer = memory.pointee.base + Int(address)
        if !isLoad {
            let value = sp[b(word)]
            switch size {
            case 1: pointer.storeBytes(of: UInt8(truncatingIfNeeded: value), as: UInt8.self)
            case 2: pointer.storeBytes(of: UInt16(truncatingIfNeeded: value), toByteOffset: 0, as: UInt16.self)
            case 4: pointer.storeBytes(of: UInt32(truncatingIfNeeded: value), toByteOffset: 0, as: UInt32.self)
            default: pointer.storeBytes(of: value, toByteOffset: 0, as: UInt64.self)
            }
            return
        }
        let value: UInt64
        switch opcode {
        case .i32Load, .f32Load, .i64Load32U: value = UInt64(pointer.loadUnaligned(as: UInt32.self))
        case .i64Load, .f64Load: value = pointer.loadUnaligned(as: UInt64.self)
        case .i32Load8S: value = UInt64(UInt32(bitPattern: Int32(pointer.load(as: Int8.self))))
        case .i32Load8U, .i64Load8U: value = UInt64(pointer.load(as: UInt8.self))
        case .i32Load16S: value = UInt64(UInt32(bitPattern: Int32(pointer.loadUnaligned(as: Int16.self))))
        case .i32Load16U, .i64Load16U: value = UInt64(pointer.loadUnaligned(as: UInt16.self))
        case .i64Load8S: value = UInt64(bitPattern: Int64(pointer.load(as: Int8.self)))
        case .i64Load16S: value = UInt64(bitPattern: Int64(pointer.loadUnaligned(as: Int16.self)))
        case .i64Load32S: value = UInt64(bitPattern: Int64(pointer.loadUnaligned(as: Int32.self)))
        default: preconditionFailure("Lowering sends only loads here, not \(opcode)")
        }
        sp[a(word)] = value
    }

    /// Bulk memory and table instructions.
    @inline(never)
    func runBulk(_ context: UnsafeMutablePointer<InstanceContext>, word: UInt64, sp: UnsafeMutablePointer<UInt64>)
        throws(TrapCode)
    {
        let base = a(word)
        func u32(_ slot: Int) -> UInt64 { UInt64(UInt32(truncatingIfNeeded: sp[slot])) }
        switch Op(rawValue: UInt16(truncatingIfNeeded: word)) {
        case .memoryFill:
            let memory = context.pointee.memories[b(word)]
            let (destination, value, length) = (u32(base), UInt8(truncatingIfNeeded: sp[base + 1]), u32(base + 2))
            guard destination + length <= UInt64(memory.pointee.byteCount) else { throw .outOfBoundsMemoryAccess }
            (memory.pointee.base + Int(destination)).initializeMemory(
                as: UInt8.self, repeating: value, count: Int(length))
        case .memoryCopy:
            let target = context.pointee.memories[b(word)]
            let source = context.pointee.memories[c(word)]
            let (destination, from, length) = (u32(base), u32(base + 1), u32(base + 2))
            guard destination + length <= UInt64(target.pointee.byteCount),
                from + length <= UInt64(source.pointee.byteCount)
            else { throw .outOfBoundsMemoryAccess }
            (target.pointee.base + Int(destination)).copyMemory(
                from: source.pointee.base + Int(from), byteCount: Int(length))
        case .memoryInit:
            let instance = instances[context.pointee.instanceIndex]
            try initializeMemory(
                instance, memory: c(word), segment: b(word), destination: UInt32(u32(base)),
                source: UInt32(u32(base + 1)), count: UInt32(u32(base + 2)))
        case .dataDrop:
            instances[context.pointee.instanceIndex].droppedData[a(word)] = true
        case .tableGet:
            let table = context.pointee.tables[c(word)]
            let index = u32(b(word))
            guard index < UInt64(table.pointee.count) else { throw .outOfBoundsTableAccess }
            sp[a(word)] = table.pointee.elements[Int(index)]
        case .tableSet:
            let table = context.pointee.tables[c(word)]
            let index = u32(a(word))
            guard index < UInt64(table.pointee.count) else { throw .outOfBoundsTableAccess }
            table.pointee.elements[Int(index)] = sp[b(word)]
        case .tableSize:
            sp[a(word)] = UInt64(context.pointee.tables[b(word)].pointee.count)
        case .tableGrow:
            let table = context.pointee.tables[b(word)]
            let result: Int32
            do {
                result = try grow(table, by: UInt32(u32(base + 1)), initial: sp[base])
            } catch {
                throw .hostResourceExhausted
            }
            sp[base] = UInt64(UInt32(bitPattern: result))
        case .tableFill:
            let table = context.pointee.tables[b(word)]
            let (start, value, length) = (u32(base), sp[base + 1], u32(base + 2))
            guard start + length <= UInt64(table.pointee.count) else { throw .outOfBoundsTableAccess }
            (table.pointee.elements + Int(start)).update(repeating: value, count: Int(length))
        case .tableInit:
            let instance = instances[context.pointee.instanceIndex]
            try initializeTable(
                instance, table: c(word), segment: b(word), destination: UInt32(u32(base)),
                source: UInt32(u32(base + 1)), count: UInt32(u32(base + 2)))
        case .tableCopy:
            let target = context.pointee.tables[b(word)]
            let source = context.pointee.tables[c(word)]
            let (destination, from, length) = (u32(base), u32(base + 1), u32(base + 2))
            guard destination + length <= UInt64(target.pointee.count), from + length <= UInt64(source.pointee.count)
            else { throw .outOfBoundsTableAccess }
            (target.pointee.elements + Int(destination)).update(
                from: source.pointee.elements + Int(from), count: Int(length))
        case .elemDrop:
            instances[context.pointee.instanceIndex].elements[a(word)] = []
        default:
            preconditionFailure(
                "Lowering sends only table and segment ops here, not \(String(describing: Op(rawValue: UInt16(truncatingIfNeeded: word))))"
            )
        }
    }

    /// `memory.init` (and active data segments at instantiation).
    func initializeMemory(
        _ instance: InstanceRecord, memory index: Int, segment: Int, destination: UInt32, source: UInt32, count: UInt32
    ) throws(TrapCode) {
        let memory = instance.context.pointee.memories[index]
        let bytes = instance.dataBytes(segment)
        guard UInt64(source) + UInt64(count) <= UInt64(bytes.count),
            UInt64(destination) + UInt64(count) <= UInt64(memory.pointee.byteCount)
        else { throw .outOfBoundsMemoryAccess }
        guard count > 0 else { return }
        bytes.withUnsafeBytes { raw in
            (memory.pointee.base + Int(destination)).copyMemory(
                from: raw.baseAddress! + Int(source), byteCount: Int(count))
        }
    }

    /// `table.init` (and active element segments at instantiation).
    func initializeTable(
        _ instance: InstanceRecord, table index: Int, segment: Int, destination: UInt32, source: UInt32, count: UInt32
    ) throws(TrapCode) {
        let table = instance.context.pointee.tables[index]
        let elements = instance.elements[segment]
        guard UInt64(source) + UInt64(count) <= UInt64(elements.count),
            UInt64(destination) + UInt64(count) <= UInt64(table.pointee.count)
        else { throw .outOfBoundsTableAccess }
        for offset in 0..<Int(count) {
            table.pointee.elements[Int(destination) + offset] = elements[Int(source) + offset]
        }
    }
}
