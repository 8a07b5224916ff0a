import ReproWasm

// wasi:cli: an empty environment, the standard streams, exit, and no terminals.
extension WASIPreview2 {
    func defineCLI(in imports: inout ComponentImports, _ resources: Resources) {
        imports.define(.environment, "get-environment") { _, _ in [.list([])] }
        imports.define(.environment, "get-arguments") { _, _ in [.list([])] }
        imports.define(.environment, "initial-cwd") { _, _ in [.option(nil)] }

        imports.define(.exit, "exit") { arguments, _ in
            // The provider aborts, which traps; this traps too, saying how the component meant to end.
            if case .err? = arguments.first { throw WASIExit(code: 1) }
            throw WASIExit(code: 0)
        }

        let input = resources.inputStream
        let output = resources.outputStream
        imports.define(.stdin, "get-stdin") { _, _ in [.own(input.handle(Self.closedInput))] }
        imports.define(.stdout, "get-stdout") { _, _ in [.own(output.handle(OutputStream.stdout.rawValue))] }
        imports.define(.stderr, "get-stderr") { _, _ in [.own(output.handle(OutputStream.stderr.rawValue))] }

        imports.define(.terminalStdin, "get-terminal-stdin") { _, _ in [.option(nil)] }
        imports.define(.terminalStdout, "get-terminal-stdout") { _, _ in [.option(nil)] }
        imports.define(.terminalStderr, "get-terminal-stderr") { _, _ in [.option(nil)] }
    }
}
