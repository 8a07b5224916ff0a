// Exceptions (the `exnref` form): making them, finding the handler that catches one, and carrying
// one across the host boundary. All of it runs only when something throws: `try_table` lowers to a
// counted jump, and the handlers are tables beside the code (`ExceptionHandler`) that nothing reads
// until an exception unwinds.

/// One exception of a store: its tag and the payload's slots.
struct ExceptionRecord {
    /// The tag's address in the store.
    let tag: Int
    /// The payload values as interpreter slots (a v128 takes two).
    let payload: [UInt64]
    /// Whether the exception was ever handed out as an `exnref` (to wasm or the embedder): only an
    /// exception nothing can refer to may be freed once caught.
    var isReferenced = false
}

/// Where an unwinding exception is caught: the landing pad and the frame it runs in.
struct Landing {
    let pc: UnsafePointer<UInt64>
    let sp: UnsafeMutablePointer<UInt64>
    let depth: Int
    let function: UnsafeMutablePointer<FunctionInstance>
}

extension StoreRuntime {
    /// Records an exception of tag address `tag`; returns its address.
    func allocateException(tag: Int, payload: [UInt64]) -> Int {
        exceptions.append(ExceptionRecord(tag: tag, payload: payload))
        return exceptions.count - 1
    }

    /// The payload of the exception at `address` as values.
    func payloadValues(of address: Int) -> [Value] {
        let record = exceptions[address]
        var values: [Value] = []
        var slot = 0
        record.payload.withUnsafeBufferPointer { words in
            for type in tagTypes[record.tag].parameters {
                values.append(Value.load(type, from: words.baseAddress! + slot, store: identity))
                slot += type.slotCount
            }
        }
        return values
    }

    /// The exception `throw` makes: tag `tagIndex` of `context`'s module, payload in `payload[0...]`.
    @inline(never)
    func makeException(_ context: UnsafeMutablePointer<InstanceContext>, tagIndex: Int, payload: UnsafePointer<UInt64>)
        -> Int
    {
        let tag = instances[context.pointee.instanceIndex].tags[tagIndex]
        let slots = tagTypes[tag].parameters.reduce(0) { $0 + $1.slotCount }
        return allocateException(tag: tag, payload: Array(UnsafeBufferPointer(start: payload, count: slots)))
    }

    /// Finds the innermost `try_table` clause that catches exception `exception`, from the
    /// instruction at `pc` in `function` outwards through the frames `execute` pushed (down to
    /// `baseDepth`), and writes the payload (and the `exnref`, for the `_ref` clauses) where the
    /// clause's landing pad reads it. Returns `nil` if no frame of this `execute` catches it.
    ///
    /// Frames are popped by moving the depth back: nothing else was allocated for them, so nothing
    /// leaks. `skipsCurrentFrame` is for a tail call to a host function: its frame is already gone.
    @inline(never)
    func unwind(
        _ exception: Int, pc: UnsafePointer<UInt64>, sp: UnsafeMutablePointer<UInt64>,
        function: UnsafeMutablePointer<FunctionInstance>, depth: Int, baseDepth: Int,
        baseFunction: UnsafeMutablePointer<FunctionInstance>, skipsCurrentFrame: Bool = false
    ) -> Landing? {
        var position = pc
        var sp = sp
        var depth = depth
        var function = function
        var skips = skipsCurrentFrame
        while true {
            if !skips, let code = function.pointee.code, let context = function.pointee.instance {
                let instance = instances[context.pointee.instanceIndex]
                let module = instance.module
                let defined =
                    Int(function.pointee.functionIndex) - (module.functionTypeIndices.count - module.functions.count)
                let offset = position - code
                // Entered later means nested deeper: the first that covers the position is the innermost.
                for handler in instance.handlers(defined).reversed() where handler.covers(offset) {
                    for clause in handler.clauses
                    where clause.kind.catchesAll || instance.tags[Int(clause.tag)] == exceptions[exception].tag {
                        deliver(exception, clause: clause.kind, to: sp + handler.payloadSlot)
                        return Landing(pc: code + clause.landingPad, sp: sp, depth: depth, function: function)
                    }
                }
            }
            skips = false
            if depth == baseDepth { return nil }
            depth -= 1
            let frame = frames[depth]
            // The call instruction's last word: inside the try body exactly when the call is.
            position = frame.returnPC - 1
            sp = frame.sp
            function = depth > baseDepth ? frames[depth - 1].callee : baseFunction
        }
    }

    /// Writes what clause `kind` passes to its label: the payload, then the `exnref`.
    private func deliver(_ exception: Int, clause kind: ExceptionHandler.Kind, to slots: UnsafeMutablePointer<UInt64>) {
        var next = 0
        if !kind.catchesAll {
            for word in exceptions[exception].payload {
                slots[next] = word
                next += 1
            }
        }
        if kind.passesReference {
            exceptions[exception].isReferenced = true
            slots[next] = UInt64(exception) + 1
        } else if exception == exceptions.count - 1 && !exceptions[exception].isReferenced {
            // Nothing can refer to it any more: a loop that throws and catches does not grow the store.
            exceptions.removeLast()
        }
    }

    /// The embedder's view of exception `address` (it becomes referable, so it is kept).
    func publicException(_ address: Int) -> Exception? {
        guard let store = owner, address < exceptions.count else { return nil }
        exceptions[address].isReferenced = true
        return Exception(store: store, address: address)
    }
}
