import Foundation
import ReproWasm

/// Where the runner reads the scripts from.
enum ScriptSource {
    /// The `.wast` originals, through the library's text parser (the default).
    case wast
    /// The json conversion and the `.wasm`/`.wat` files next to it (`--json`).
    case json
}

/// Why a command was not run. The text is what the summary prints.
enum SkipReason: String {
    case textModule = "text-format module with no binary in the json (the .wast front end reads it)"
    case dependsOnUnloadedModule = "depends on a module that was not loaded"
    case outOfProfileModule = "module needs an out-of-profile feature"
    case unknownCommand = "unknown command type"
}

/// One failed command.
struct Failure {
    var line: Int
    /// What was checked, e.g. `assert_return "add"(i32:1, i32:2)` or `module m.3.wasm`.
    var what: String
    var expected: String
    var got: String
}

/// The outcome of one script.
struct FileResult {
    var file: String
    var passed = 0
    var failed = 0
    var skipped = 0
    /// In script order.
    var failures: [Failure] = []
    var skipReasons: [String: Int] = [:]
    /// Text-form `assert_malformed` commands that passed, and how many of those with the suite's wording.
    var textMalformed = (passed: 0, matched: 0)
    /// Passed, failed and skipped counts per command type (`module`, `assert_invalid`, ...).
    var byCommand: [String: (passed: Int, failed: Int, skipped: Int)] = [:]
    /// The proposals outside `Features.full` that the file needs (comma separated), named as the cause
    /// of a command that depends on a module that was not loaded: only such modules are not loaded.
    var outOfScopeFeatures: String?

    mutating func skip(_ reason: SkipReason, detail: String? = nil) {
        skipped += 1
        let detail = detail ?? (reason == .dependsOnUnloadedModule ? outOfScopeFeatures : nil)
        skipReasons[detail.map { "\(reason.rawValue) (\($0))" } ?? reason.rawValue, default: 0] += 1
    }

    mutating func fail(line: Int, what: String, expected: String, got: String) {
        failed += 1
        failures.append(Failure(line: line, what: what, expected: expected, got: got))
    }
}

/// What the runner needs to know about the script it runs.
struct ScriptContext {
    /// The script's name in the manifest, e.g. `i32`.
    var file: String
    /// The folder of the json and its modules.
    var directory: URL
    var features: Features
    /// A partial out-of-profile file: runs with `Features.full`, some of its modules are out of profile.
    var isPartial: Bool
    /// The skip detail of a module of a partial file that the text parser cannot read: the proposals
    /// the file needs that the engine does not implement (their syntax is what the parser lacks).
    var textSyntaxSkipDetail: String
}

/// Runs the spec scripts through the public API: module-level commands and execution commands.
struct Runner {
    let suiteDirectory: URL
    let manifest: Manifest
    /// When set, every file runs with these features instead of its profile's.
    let featureOverride: Features?
    let verbose: Bool
    /// Which front end reads the scripts.
    let scriptSource: ScriptSource
    /// The fuel each instantiation and each action gets: a guard against an engine bug looping
    /// forever. Far above what any spec command needs.
    let fuelPerCommand: UInt64

    /// Time spent inside `Module(bytes:features:)`: decoding and validation only, no file I/O.
    private(set) var loadTime: Duration = .zero
    /// Time spent inside `Store.instantiate` and `Function.call` (and global reads).
    private(set) var executionTime: Duration = .zero

    init(
        suiteDirectory: URL, manifest: Manifest, scriptSource: ScriptSource, featureOverride: Features?,
        verbose: Bool, fuelPerCommand: UInt64
    ) {
        self.scriptSource = scriptSource
        self.suiteDirectory = suiteDirectory
        self.manifest = manifest
        self.featureOverride = featureOverride
        self.verbose = verbose
        self.fuelPerCommand = fuelPerCommand
    }

    mutating func run(_ entry: ManifestEntry) -> FileResult {
        var result = FileResult(file: entry.file)
        if !entry.unsupportedFeatures.isEmpty {
            result.outOfScopeFeatures = entry.unsupportedFeatures.joined(separator: ",")
        }
        // Partial `out` files run with everything the engine implements; their out-of-profile modules
        // are skipped one by one (see `unsupportedFeatures`).
        let features: Features = featureOverride ?? (entry.profile == .deterministic ? .deterministic : .full)
        // A file the manifest lists as out of profile but whose features the engine all implements
        // runs as a whole under `Features.full`.
        let context = ScriptContext(
            file: entry.file, directory: suiteDirectory.appendingPathComponent(entry.directory), features: features,
            isPartial: entry.isPartial,
            textSyntaxSkipDetail:
                "\(entry.unsupportedFeatures.joined(separator: ",")): text syntax the parser does not read")
        let commands: [Command]
        do {
            switch scriptSource {
            case .json:
                commands = try ScriptParser.parse(contentsOf: suiteDirectory.appendingPathComponent(entry.jsonPath))
            case .wast:
                commands = try WastScriptParser.parse(contentsOf: suiteDirectory.appendingPathComponent(entry.wastPath))
            }
        } catch {
            result.fail(line: 0, what: "script", expected: "a readable script", got: "\(error)")
            return result
        }

        let session = Session(features: features)
        for command in commands {
            let before = (result.passed, result.failed, result.skipped)
            run(command, context: context, session: session, into: &result)
            if result.passed > before.0 { result.byCommand[command.typeName, default: (0, 0, 0)].passed += 1 }
            if result.failed > before.1 { result.byCommand[command.typeName, default: (0, 0, 0)].failed += 1 }
            if result.skipped > before.2 { result.byCommand[command.typeName, default: (0, 0, 0)].skipped += 1 }
            if verbose {
                let outcome = result.passed > before.0 ? "pass" : result.failed > before.1 ? "FAIL" : "skip"
                print("  line \(command.line) \(command.typeName): \(outcome)")
            }
        }
        return result
    }

    // MARK: Commands

    private mutating func run(
        _ command: Command, context: ScriptContext, session: Session, into result: inout FileResult
    ) {
        switch command {
        case .module(let line, let name, let file):
            let what = "module \(file.filename)"
            switch load(file, context: context) {
            case .skip(let reason, let detail):
                session.setCurrent(.unavailable, name: name)
                result.skip(reason, detail: detail)
            case .failed(let message):
                session.setCurrent(.unavailable, name: name)
                result.fail(line: line, what: what, expected: "module loads", got: message)
            case .loaded(let module):
                instantiateAsCurrent(
                    module, name: name, line: line, what: what, context: context, session: session, result: &result)
            }

        case .moduleDefinition(let line, let name, let file):
            switch load(file, context: context) {
            case .skip(let reason, let detail):
                session.define(nil, name: name)
                result.skip(reason, detail: detail)
            case .failed(let message):
                session.define(nil, name: name)
                result.fail(
                    line: line, what: "module definition \(file.filename)", expected: "module loads", got: message)
            case .loaded(let module):
                session.define(module, name: name)
                result.passed += 1
            }

        case .moduleInstance(let line, let instanceName, let moduleName):
            let what = "module instance \(instanceName ?? "") of \(moduleName ?? "the last definition")"
            switch session.definition(moduleName) {
            case nil:
                result.fail(line: line, what: what, expected: "a module definition", got: "none by that name")
            case .some(nil):
                session.setCurrent(.unavailable, name: instanceName)
                result.skip(.dependsOnUnloadedModule)
            case .some(.some(let module)):
                instantiateAsCurrent(
                    module, name: instanceName, line: line, what: what, context: context, session: session,
                    result: &result)
            }

        case .register(let line, let name, let registeredName):
            switch session.register(name, as: registeredName) {
            case true?: result.passed += 1
            case false?: result.skip(.dependsOnUnloadedModule)
            case nil:
                result.fail(
                    line: line, what: "register \"\(registeredName)\"", expected: "a module to register",
                    got: "no module \(name ?? "loaded yet")")
            }

        case .action(let line, let action):
            execute(action, line: line, context: context, session: session, into: &result) { outcome in
                switch outcome {
                case .values: nil
                case .trap(let trap): ("no trap", "trap: \(trap)")
                }
            }

        case .assertReturn(let line, let action, let expected):
            execute(action, line: line, context: context, session: session, into: &result) { outcome in
                let expectedText = "[" + expected.map(\.text).joined(separator: ", ") + "]"
                switch outcome {
                case .values(let values):
                    if values.count == expected.count, zip(expected, values).allSatisfy({ $0.matches($1) }) {
                        return nil
                    }
                    let got = values.enumerated().map { index, value in
                        describe(value, as: index < expected.count ? expected[index] : nil)
                    }
                    return (expectedText, "[" + got.joined(separator: ", ") + "]")
                case .trap(let trap):
                    return (expectedText, "trap: \(trap)")
                }
            }

        case .assertTrap(let line, let action, let text), .assertExhaustion(let line, let action, let text):
            execute(action, line: line, context: context, session: session, into: &result) { outcome in
                switch outcome {
                case .values(let values):
                    ("trap: \(text)", "returned [" + values.map { describe($0, as: nil) }.joined(separator: ", ") + "]")
                case .trap(let trap):
                    Self.trap(trap, matches: text) ? nil : ("trap: \(text)", "trap: \(trap)")
                }
            }

        case .assertException(let line, let action):
            execute(action, line: line, context: context, session: session, into: &result) { outcome in
                switch outcome {
                case .values(let values):
                    ("an exception", "returned [" + values.map { describe($0, as: nil) }.joined(separator: ", ") + "]")
                case .trap(let trap):
                    trap.code == .uncaughtException ? nil : ("an exception", "trap: \(trap)")
                }
            }

        case .assertMalformed(let line, let module, let text), .assertInvalid(let line, let module, let text):
            let isMalformed = if case .assertMalformed = command { true } else { false }
            let what = "\(command.typeName) \(module.filename)"
            let loaded: Result<Module, LoadError>
            switch module.source {
            case .file:
                guard let filename = module.binaryToLoad else { return result.skip(.textModule) }
                loaded = load(directory: context.directory, filename: filename, features: context.features)
            case .script(.success(let bytes), _):
                loaded = load(bytes: bytes, features: context.features)
            case .script(.failure(let error), let isQuoted):
                loaded = .failure(.text(error))
                if isMalformed && isQuoted {
                    // Malformed text: rejected by the text parser, as it should be.
                    result.passed += 1
                    result.textMalformed.passed += 1
                    if error.message.contains(text) { result.textMalformed.matched += 1 }
                    return
                }
                if context.isPartial && !isQuoted {
                    // The json conversion could encode this module, the text parser cannot: it uses the
                    // syntax of a proposal the engine does not implement.
                    return result.skip(.outOfProfileModule, detail: context.textSyntaxSkipDetail)
                }
            }
            switch loaded {
            case .success:
                result.fail(line: line, what: what, expected: text, got: "module loaded")
            case .failure(let error):
                // The spec tooling accepts a message that starts with the expected text; containing it is
                // the same test for messages that add detail after the spec's words.
                let isOutOfProfile = module.manifestName.map {
                    manifest.outOfProfile.contains("\(context.file)\t\($0)")
                }
                let isDecodeError = if case .module(.malformed) = error { true } else { false }
                if isMalformed, module.isTextOnly, isDecodeError {
                    // Text that converts but whose bytes do not decode: malformed either way.
                    result.passed += 1
                    result.textMalformed.passed += 1
                    if error.description.contains(text) { result.textMalformed.matched += 1 }
                } else if error.description.contains(text) || isOutOfProfile == true
                    || Self.isSameTypeMismatch(expected: text, got: error.description)
                {
                    result.passed += 1
                } else if context.isPartial, let feature = error.unsupportedFeature {
                    // out-of-profile.tsv does not cover the partial files: a module that the feature gate
                    // rejects before the spec's reason can be checked is out of profile.
                    result.skip(.outOfProfileModule, detail: "\(feature), rejected by the feature gate")
                } else {
                    result.fail(line: line, what: what, expected: text, got: error.description)
                }
            }

        case .assertUnlinkable(let line, let file, let text), .assertUninstantiable(let line, let file, let text):
            let wantsLinkError = if case .assertUnlinkable = command { true } else { false }
            let what = "\(command.typeName) \(file.filename)"
            switch load(file, context: context) {
            case .skip(let reason, let detail):
                result.skip(reason, detail: detail)
            case .failed(let message):
                result.fail(line: line, what: what, expected: "module loads, then: \(text)", got: message)
            case .loaded(let module):
                let expected = wantsLinkError ? "link error: \(text)" : "trap: \(text)"
                switch instantiate(module, session: session) {
                case .success:
                    result.fail(line: line, what: what, expected: expected, got: "instantiated")
                case .failure(let failure):
                    let matches =
                        switch failure {
                        case .link(let error): wantsLinkError && error.description.contains(text)
                        case .trap(let trap): !wantsLinkError && Self.trap(trap, matches: text)
                        }
                    if matches {
                        result.passed += 1
                    } else if let reason = skipReason(for: failure, context: context, session: session) {
                        result.skip(reason)
                    } else {
                        result.fail(line: line, what: what, expected: expected, got: failure.text)
                    }
                }
            }

        case .assertMalformedCustom(let line, let module, let text),
            .assertInvalidCustom(let line, let module, let text):
            // The annotation reader is the text parser's: only the script's text can be checked.
            let wantsMalformed = if case .assertMalformedCustom = command { true } else { false }
            let what = "\(command.typeName) \(module.filename)"
            guard case .script(let converted, _) = module.source else { return result.skip(.textModule) }
            switch converted {
            case .success:
                result.fail(line: line, what: what, expected: text, got: "module converted")
            case .failure(let error):
                let isInvalid = if case .invalidAnnotation = error.reason { true } else { false }
                if isInvalid != wantsMalformed, error.message.contains(text) {
                    result.passed += 1
                } else {
                    result.fail(line: line, what: what, expected: text, got: "malformed text: \(error)")
                }
            }

        case .unknown(_, let type):
            result.skip(.unknownCommand, detail: type)
        }
    }

    /// Whether both messages are a type mismatch: newer scripts spell out the reference interpreter's
    /// operand stacks (`type mismatch: instruction requires [i32] but stack has []`), which the
    /// engine words its own way (`type mismatch: expected i32, found none`).
    static func isSameTypeMismatch(expected: String, got: String) -> Bool {
        expected.hasPrefix("type mismatch: ") && got.hasPrefix("type mismatch")
    }

    /// Whether a trap's message is the one the script expects.
    ///
    /// The spec's own runner accepts a message that starts with the expected text. The expected text may
    /// also carry a detail the engine does not print (`uninitialized element 2`: the element index).
    static func trap(_ trap: Trap, matches text: String) -> Bool {
        let message = trap.code.description
        if message.contains(text) || trap.description.contains(text) { return true }
        guard text.hasPrefix(message + " ") else { return false }
        return text.dropFirst(message.count + 1).allSatisfy(\.isNumber)
    }

    /// A failed instantiation that is a consequence of a skip rather than an engine failure: a link
    /// error on an import from a registered module that was not loaded.
    /// Instantiates `module` as the script's current instance (and under `name`): passed if it
    /// instantiates, skipped if it fails for an out-of-scope reason, failed otherwise.
    private mutating func instantiateAsCurrent(
        _ module: Module, name: String?, line: Int, what: String, context: ScriptContext, session: Session,
        result: inout FileResult
    ) {
        switch instantiate(module, session: session) {
        case .success(let instance):
            session.setCurrent(.instance(instance), name: name)
            result.passed += 1
        case .failure(let failure):
            session.setCurrent(.unavailable, name: name)
            if let reason = skipReason(for: failure, context: context, session: session) {
                result.skip(reason)
            } else {
                result.fail(line: line, what: what, expected: "module instantiates", got: failure.text)
            }
        }
    }

    private func skipReason(for failure: InstantiationError, context: ScriptContext, session: Session) -> SkipReason? {
        switch failure {
        case .link(let error) where session.unavailableRegistrations.contains(error.module):
            .dependsOnUnloadedModule
        default:
            nil
        }
    }

    // MARK: Actions

    /// What an action did.
    enum ActionOutcome {
        case values([Value])
        case trap(Trap)
    }

    /// Runs an action's command: resolves its module, performs it, and records the outcome that `check`
    /// judges (`nil`: pass; else the expected and actual text).
    private mutating func execute(
        _ action: Action, line: Int, context: ScriptContext, session: Session, into result: inout FileResult,
        check: (ActionOutcome) -> (expected: String, got: String)?
    ) {
        let what = action.text
        let instance: Instance
        switch session.module(action.moduleName) {
        case .instance(let found)?: instance = found
        case .unavailable?: return result.skip(.dependsOnUnloadedModule)
        case nil:
            return result.fail(
                line: line, what: what, expected: "a module to act on",
                got: "no module \(action.moduleName ?? "loaded yet")")
        }
        switch perform(action, on: instance, session: session) {
        case .success(let outcome):
            if let (expected, got) = check(outcome) {
                result.fail(line: line, what: what, expected: expected, got: got)
            } else {
                result.passed += 1
            }
        case .failure(let error):
            result.fail(line: line, what: what, expected: "a runnable action", got: error.description)
        }
    }

    /// Invokes an exported function or reads an exported global.
    private mutating func perform(_ action: Action, on instance: Instance, session: Session) -> Result<
        ActionOutcome, RunnerError
    > {
        switch action {
        case .invoke(_, let field, let args):
            guard let function = instance.function(named: field) else {
                return .failure(RunnerError("no exported function \"\(field)\""))
            }
            var arguments: [Value] = []
            for argument in args {
                switch argument.libraryValue() {
                case .success(let value): arguments.append(value)
                case .failure(let error): return .failure(error)
                }
            }
            guard arguments.count == function.type.parameters.count,
                zip(arguments, function.type.parameters).allSatisfy({ $0.matches($1) })
            else {
                return .failure(RunnerError("arguments \(arguments) do not match \(function.type)"))
            }
            session.store.fuel = fuelPerCommand
            let clock = ContinuousClock()
            let start = clock.now
            defer { executionTime += clock.now - start }
            do {
                return .success(.values(try function.call(arguments)))
            } catch let trap as Trap {
                return .success(.trap(trap))
            } catch {
                return .failure(RunnerError("the call was refused: \(error)"))
            }
        case .get(_, let field):
            guard let global = instance.global(named: field) else {
                return .failure(RunnerError("no exported global \"\(field)\""))
            }
            return .success(.values([global.value]))
        }
    }

    // MARK: Modules

    /// The outcome of loading a module that is meant to be valid.
    enum LoadOutcome {
        case loaded(Module)
        case skip(SkipReason, detail: String?)
        case failed(String)
    }

    /// Loads a module that the script expects to be valid (`module`, `assert_unlinkable`, ...): skips
    /// text modules and modules that need a feature the engine never supports.
    private mutating func load(_ file: ModuleFile, context: ScriptContext) -> LoadOutcome {
        if let name = file.manifestName, let features = manifest.unsupportedFeatures(file: context.file, module: name) {
            return .skip(.outOfProfileModule, detail: features)
        }
        let loaded: Result<Module, LoadError>
        switch file.source {
        case .file:
            guard let filename = file.binaryToLoad else { return .skip(.textModule, detail: nil) }
            loaded = load(directory: context.directory, filename: filename, features: context.features)
        case .script(.success(let bytes), _):
            loaded = load(bytes: bytes, features: context.features)
        case .script(.failure(let error), let isQuoted):
            if context.isPartial && !isQuoted {
                return .skip(.outOfProfileModule, detail: context.textSyntaxSkipDetail)
            }
            return .failed("malformed text: \(error)")
        }
        switch loaded {
        case .success(let module): return .loaded(module)
        case .failure(let error): return .failed(error.description)
        }
    }

    /// Instantiates `module` in the session's store with the session's imports.
    private mutating func instantiate(_ module: Module, session: Session) -> Result<Instance, InstantiationError> {
        session.store.fuel = fuelPerCommand
        let clock = ContinuousClock()
        let start = clock.now
        defer { executionTime += clock.now - start }
        do {
            return .success(try session.store.instantiate(module, imports: session.imports))
        } catch {
            return .failure(error)
        }
    }

    /// Decodes and validates one module file, timing only the library call.
    private mutating func load(directory: URL, filename: String, features: Features) -> Result<Module, LoadError> {
        let url = directory.appendingPathComponent(filename)
        let bytes: [UInt8]
        do {
            bytes = [UInt8](try Data(contentsOf: url))
        } catch {
            return .failure(.io("cannot read \(url.lastPathComponent): \(error.localizedDescription)"))
        }
        return load(bytes: bytes, features: features)
    }

    /// Decodes and validates a module's bytes, timing the library call.
    private mutating func load(bytes: [UInt8], features: Features) -> Result<Module, LoadError> {
        let clock = ContinuousClock()
        let start = clock.now
        defer { loadTime += clock.now - start }
        do {
            return .success(try Module(bytes: bytes, features: features))
        } catch {
            return .failure(.module(error))
        }
    }
}

extension InstantiationError {
    /// The failure as failure lines print it.
    var text: String {
        switch self {
        case .link(let error): "link error: \(error)"
        case .trap(let trap): "trap: \(trap)"
        }
    }
}

extension Action {
    var moduleName: String? {
        switch self {
        case .invoke(let module, _, _), .get(let module, _): module
        }
    }

    /// The action as failure lines print it, e.g. `"add"(i32:1, i32:2)` or `get "g"`.
    var text: String {
        let prefix = moduleName.map { "\($0)." } ?? ""
        switch self {
        case .invoke(_, let field, let args):
            return "\(prefix)\"\(field)\"(" + args.map(\.text).joined(separator: ", ") + ")"
        case .get(_, let field):
            return "get \(prefix)\"\(field)\""
        }
    }
}

/// Why a module did not load.
enum LoadError: Error, CustomStringConvertible {
    case io(String)
    case module(ModuleError)
    /// The script's text for the module is malformed.
    case text(TextError)

    /// The proposal the engine does not implement that the module was rejected for, if that is why.
    var unsupportedFeature: Feature? {
        switch self {
        case .module(.malformed(let error)):
            if case .unsupportedFeature(let feature) = error.reason, !feature.isImplemented { return feature }
        case .module(.invalid(let error)):
            if case .featureNotEnabled(let feature) = error.reason, !feature.isImplemented { return feature }
        case .io, .module(.malformedText), .module(.unreadable), .text:
            break
        }
        return nil
    }

    var description: String {
        switch self {
        case .io(let message): message
        case .module(let error): error.description
        case .text(let error): "malformed text: \(error)"
        }
    }
}
