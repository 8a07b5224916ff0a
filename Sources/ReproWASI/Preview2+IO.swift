import ReproWasm

// wasi:io: errors (never made), pollables (always ready) and the standard streams.
extension WASIPreview2 {
    /// Representations of the output streams: which sink a handle writes to.
    enum OutputStream: UInt32 {
        case stdout = 1
        case stderr = 2
    }

    /// The representation of the one kind of input stream, standard input, which is closed.
    static let closedInput: UInt32 = 0
    /// The representation of every pollable: all are ready, so they need nothing more.
    static let readyPollable: UInt32 = 0
    /// How many bytes `check-write` always allows.
    static let writeBudget: UInt64 = 4096

    /// The `closed` case of `stream-error`, the only one this host gives.
    static let closed = ComponentValue.err(.variant(case: "closed", payload: nil))

    func defineIO(in imports: inout ComponentImports, _ resources: Resources) {
        imports.define(.error, "[method]error.to-debug-string") { _, function in
            throw WASIPreview2Error(.noSuchResource("error"), function: function)
        }

        let pollable = resources.pollable
        imports.define(.poll, "[method]pollable.ready") { _, _ in [.bool(true)] }
        imports.define(.poll, "[method]pollable.block") { _, _ in [] }
        imports.define(.poll, "poll") { arguments, function in
            guard case .list(let pollables)? = arguments.first else {
                throw WASIPreview2Error(.badArguments, function: function)
            }
            // Every pollable is ready: all their indices, in order (none for an empty list).
            return [.list(pollables.indices.map { .u32(UInt32($0)) })]
        }

        let input = resources.inputStream
        for name in ["read", "blocking-read", "skip", "blocking-skip"] {
            imports.define(.streams, "[method]input-stream.\(name)") { arguments, function in
                _ = try Self.closedInput(arguments, 0, input, function)
                return [Self.closed]
            }
        }
        imports.define(.streams, "[method]input-stream.subscribe") { arguments, function in
            _ = try Self.closedInput(arguments, 0, input, function)
            return [.own(pollable.handle(Self.readyPollable))]
        }

        let output = resources.outputStream
        imports.define(.streams, "[method]output-stream.check-write") { [self] arguments, function in
            _ = try sink(arguments, output, function)
            return [.ok(.u64(Self.writeBudget))]
        }
        imports.define(.streams, "[method]output-stream.write") { [self] arguments, function in
            try sink(arguments, output, function).write(try arguments.bytes(1, function))
            return [.ok(nil)]
        }
        imports.define(.streams, "[method]output-stream.blocking-write-and-flush") {
            [self] arguments, function in
            let sink = try sink(arguments, output, function)
            sink.write(try arguments.bytes(1, function))
            sink.flush()
            return [.ok(nil)]
        }
        for name in ["flush", "blocking-flush"] {
            imports.define(.streams, "[method]output-stream.\(name)") { [self] arguments, function in
                try sink(arguments, output, function).flush()
                return [.ok(nil)]
            }
        }
        imports.define(.streams, "[method]output-stream.subscribe") { [self] arguments, function in
            _ = try sink(arguments, output, function)
            return [.own(pollable.handle(Self.readyPollable))]
        }
        for (name, flushes) in [("write-zeroes", false), ("blocking-write-zeroes-and-flush", true)] {
            imports.define(.streams, "[method]output-stream.\(name)") { [self] arguments, function in
                let sink = try sink(arguments, output, function)
                let count = try arguments.u64(1, function)
                // The provider makes a list of `count` zeroes and writes it, so it meets the same
                // lift limit a write of that list would.
                guard count <= Self.maxListLength else {
                    throw WASIPreview2Error(.listTooLong(count), function: function)
                }
                sink.write([UInt8](repeating: 0, count: Int(count)))
                if flushes { sink.flush() }
                return [.ok(nil)]
            }
        }
        for name in ["splice", "blocking-splice"] {
            imports.define(.streams, "[method]output-stream.\(name)") { [self] arguments, function in
                _ = try sink(arguments, output, function)
                _ = try Self.closedInput(arguments, 1, input, function)
                _ = try arguments.u64(2, function)
                return [Self.closed]
            }
        }
    }

    /// Checks that argument `index` is a handle of standard input.
    static func closedInput(
        _ arguments: [ComponentValue], _ index: Int, _ input: HostResource, _ function: String
    ) throws(WASIPreview2Error) -> UInt32 {
        let representation = try arguments.handle(index, of: input, function)
        guard representation == closedInput else {
            throw WASIPreview2Error(.noSuchResource("input-stream \(representation)"), function: function)
        }
        return representation
    }

    /// The sink the output stream in the first argument writes to.
    func sink(_ arguments: [ComponentValue], _ output: HostResource, _ function: String)
        throws(WASIPreview2Error) -> WASIOutput
    {
        let representation = try arguments.handle(0, of: output, function)
        switch OutputStream(rawValue: representation) {
        case .stdout?: return stdout
        case .stderr?: return stderr
        case nil: throw WASIPreview2Error(.noSuchResource("output-stream \(representation)"), function: function)
        }
    }
}
