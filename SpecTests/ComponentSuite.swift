// `spectest --components [DIR] [--file SUBSTRING]... [--cross-check] [--verbose]`: runs the component-model test
// material (the official component-model tests and wasm-tools' component tests, converted to JSON and
// binaries by `wasm-tools json-from-wast`): components must decode and validate (`module`,
// `module_definition`) and `module`/`module_instance` instantiate them, each in a new store;
// `assert_return`, `assert_trap` and `action` call an export of the latest instance with component
// values; `assert_invalid` and `assert_malformed` binaries must be rejected, and quoted component text
// (`module_type: text`) is converted by `wat2component`: a malformed one must fail with the suite's
// wording in its message, as the core runner checks malformed text. A component whose imports
// the script does not supply counts as validated only. What the material's `manifest.tsv`/`skip.tsv` put
// out of scope, and what the runner cannot run yet, is counted as skipped with its reason.
//
// DIR defaults to $COMPONENT_TESTS_DIR, else ../shared/component-model relative to the current directory.
// The last line is always "N passed, N failed, N skipped"; the exit code is 1 when anything failed.
// `--cross-check` runs nothing: it encodes each component of the `.wast` scripts from its text and
// compares the bytes and how they load with wasm-tools' binaries (see `ComponentCrossCheck`).

import Foundation
import ReproWasm

/// The outcome counts of a component suite run, with skip reasons.
struct ComponentSuiteTally {
    var passed = 0
    var failed = 0
    var skipped: [String: Int] = [:]
    /// `module` commands whose component validated; they count as passed, but were not instantiated.
    var validatedNotInstantiated = 0

    mutating func skip(_ reason: String, count: Int = 1) { skipped[reason, default: 0] += count }
    var skippedTotal: Int { skipped.values.reduce(0, +) }
}

/// Runs the component suite with the arguments after `--components`.
func runComponentSuite(_ arguments: [String]) -> Int32 {
    var directory: String?
    var filters: [String] = []
    var verbose = false
    var isCrossCheck = false
    var iterator = arguments.makeIterator()
    while let argument = iterator.next() {
        switch argument {
        case "--verbose", "-v": verbose = true
        case "--cross-check": isCrossCheck = true
        case "--file":
            guard let value = iterator.next() else {
                FileHandle.standardError.write(Data("spectest: --file needs a value\n".utf8))
                return 2
            }
            filters.append(value)
        default:
            if argument.hasPrefix("-") || directory != nil {
                FileHandle.standardError.write(Data("spectest: unknown argument \(argument)\n".utf8))
                return 2
            }
            directory = argument
        }
    }
    let root = URL(
        fileURLWithPath: directory ?? ProcessInfo.processInfo.environment["COMPONENT_TESTS_DIR"]
            ?? FileManager.default.currentDirectoryPath + "/../shared/component-model"
    ).standardizedFileURL

    let manifestRows: [[String]]
    let skipRows: [[String]]
    do {
        manifestRows = try readTSV(root.appendingPathComponent("manifest.tsv"))
        skipRows = try readTSV(root.appendingPathComponent("skip.tsv"))
    } catch {
        FileHandle.standardError.write(Data("spectest: cannot read \(root.path): \(error)\n".utf8))
        return 2
    }
    // skip.tsv: json path, line, type, category (out | core_dep), reasons.
    var skips: [String: String] = [:]
    // The material's core dependencies, as wasm-tools names features. Exception handling is one the
    // engine has (core tags link between the core instances of a component), so those commands run.
    let supportedCoreFeatures: Set<String> = ["exceptions"]
    for row in skipRows where row.count >= 5 {
        if row[3] == "core_dep" && supportedCoreFeatures.contains(row[4]) { continue }
        let category = row[3] != "core_dep" ? "out of scope" : "core feature the engine lacks"
        skips["\(row[0]):\(row[1])"] = "\(category): \(row[4])"
    }

    var tally = ComponentSuiteTally()
    var crossCheck = ComponentCrossCheck()
    for row in manifestRows where row.count >= 13 {
        let file = row[0]
        if !filters.isEmpty && !filters.contains(where: { file.contains($0) }) { continue }
        let repository = row[1].hasSuffix("/wasm-tools") ? "wasm-tools" : "component-model"
        if isCrossCheck {
            let jsonURL = root.appendingPathComponent("json/\(repository)/\(file.dropLast(".wast".count)).json")
            guard let data = try? Data(contentsOf: jsonURL),
                let object = try? JSONSerialization.jsonObject(with: data) as? [String: Any],
                let commands = object["commands"] as? [[String: Any]]
            else { continue }
            crossCheck.check(
                wastURL: root.appendingPathComponent("wast/\(repository)/\(file)"), commands: commands,
                directory: jsonURL.deletingLastPathComponent(), jsonPath: "json/\(repository)/\(file)")
            continue
        }
        if row[7] == "no" {
            tally.skip("out of scope (manifest): \(row[8])", count: Int(row[4]) ?? 0)
            continue
        }
        let jsonPath = "json/\(repository)/\(file.dropLast(".wast".count)).json"
        let url = root.appendingPathComponent(jsonPath)
        guard let data = try? Data(contentsOf: url),
            let object = try? JSONSerialization.jsonObject(with: data) as? [String: Any],
            let commands = object["commands"] as? [[String: Any]]
        else {
            print("FAIL \(jsonPath): cannot read")
            tally.failed += 1
            continue
        }
        let directory = url.deletingLastPathComponent()
        let state = ComponentFileState()
        for command in commands {
            runComponentCommand(
                command, jsonPath: jsonPath, directory: directory, skips: skips, verbose: verbose, state: state,
                tally: &tally)
        }
    }

    if isCrossCheck { return crossCheck.report(verbose: verbose) }
    print("skipped by reason:")
    for (reason, count) in tally.skipped.filter({ $0.value > 0 }).sorted(by: {
        $0.value != $1.value ? $0.value > $1.value : $0.key < $1.key
    }) {
        print("  \(count)  \(reason)")
    }
    print(
        "(\(tally.validatedNotInstantiated) of the passed are `module` commands that validated but were not instantiated)"
    )
    print("\(tally.passed) passed, \(tally.failed) failed, \(tally.skippedTotal) skipped")
    return tally.failed == 0 ? 0 : 1
}

private func runComponentCommand(
    _ command: [String: Any], jsonPath: String, directory: URL, skips: [String: String], verbose: Bool,
    state: ComponentFileState, tally: inout ComponentSuiteTally
) {
    let type = command["type"] as? String ?? "?"
    let line = command["line"] as? Int ?? 0
    let place = "\(jsonPath):\(line)"
    if let reason = skips[place] {
        tally.skip(reason)
        if type == "module" { state.noInstance = "its component was skipped (\(reason))" }
        if type == "module_definition", let name = command["name"] as? String {
            state.skippedDefinitions[name] = reason
        }
        return
    }
    if let gap = knownGaps[place] {
        tally.skip("known gap, not yet implemented: \(gap)")
        return
    }
    switch type {
    case "module", "module_definition", "assert_invalid", "assert_malformed":
        guard let filename = command["filename"] as? String else {
            print("FAIL \(place): \(type) without a file")
            tally.failed += 1
            return
        }
        guard let read = FileManager.default.contents(atPath: directory.appendingPathComponent(filename).path) else {
            print("FAIL \(place): cannot read \(filename)")
            tally.failed += 1
            return
        }
        var data = Array(read)
        if command["module_type"] as? String == "text" {
            // Quoted component text: converted here; malformed text must fail with the suite's words.
            do {
                data = try wat2component(utf8: data)
            } catch {
                let expected = command["text"] as? String ?? ""
                if type == "assert_malformed" && error.description.contains(expected) {
                    tally.passed += 1
                    if verbose { print("ok   \(place) \(type): \(error) (expected: \(expected))") }
                } else {
                    print("FAIL \(place) \(type): malformed text: \(error) (expected: \(expected))")
                    tally.failed += 1
                }
                return
            }
            if type == "assert_malformed" {
                print("FAIL \(place) \(type): the text converted, expected \"\(command["text"] as? String ?? "")\"")
                tally.failed += 1
                return
            }
        }
        let error = loadError(data)
        let mustLoad = type == "module" || type == "module_definition"
        if mustLoad, let error, error.isUnsupportedFeature {
            // A core feature the engine does not implement (the material's manifest misses some).
            tally.skip("needs a feature the engine does not support: \(error.text)")
            return
        }
        if mustLoad {
            if let error {
                print("FAIL \(place) \(type): \(error.text)")
                tally.failed += 1
                state.current = nil
                return
            }
            // `module` instantiates the component (a new store); `module_definition` names it for later.
            guard let component = try? Component(bytes: data, features: .full) else {
                // A core module at top level: validated, not instantiated.
                tally.passed += 1
                return
            }
            if let name = command["name"] as? String { state.definitions[name] = component }
            if type == "module_definition" {
                tally.passed += 1
                return
            }
            do {
                state.current = try Store(engine: Engine(features: .full)).instantiate(component)
                state.noInstance = nil
                tally.passed += 1
            } catch
                where error.isLinkError && error.message.hasPrefix("missing import") && !component.importNames.isEmpty
            {
                // The script gives no imports: the component validated, and that is all it can check.
                state.current = nil
                state.noInstance = "the component imports \(component.importNames), which the script does not supply"
                tally.passed += 1
                tally.validatedNotInstantiated += 1
            } catch {
                state.current = nil
                print("FAIL \(place) \(type): instantiation failed: \(error)")
                tally.failed += 1
            }
        } else if let error {
            tally.passed += 1
            if verbose { print("ok   \(place) \(type): \(error.text) (expected: \(command["text"] as? String ?? ""))") }
        } else {
            print("FAIL \(place) \(type): loaded, expected \"\(command["text"] as? String ?? "")\"")
            tally.failed += 1
        }
    case "module_instance":
        if let name = command["module"] as? String, let reason = state.skippedDefinitions[name] {
            tally.skip(reason)
            state.current = nil
            state.noInstance = "its component definition was skipped (\(reason))"
            return
        }
        guard let name = command["module"] as? String, let component = state.definitions[name] else {
            print("FAIL \(place): unknown component definition")
            tally.failed += 1
            return
        }
        do {
            state.current = try Store(engine: Engine(features: .full)).instantiate(component)
            state.noInstance = nil
            tally.passed += 1
        } catch {
            state.current = nil
            print("FAIL \(place) module_instance: \(error)")
            tally.failed += 1
        }
    case "assert_return", "assert_trap", "action":
        runComponentAction(command, type: type, place: place, state: state, verbose: verbose, tally: &tally)
    case "assert_exhaustion":
        tally.skip("assert_exhaustion: not run for components yet")
    case "assert_uninstantiable", "assert_unlinkable":
        guard let filename = command["filename"] as? String,
            let data = FileManager.default.contents(atPath: directory.appendingPathComponent(filename).path)
        else {
            print("FAIL \(place) \(type): cannot read its component")
            tally.failed += 1
            return
        }
        let component: Component
        do {
            component =
                command["module_type"] as? String == "text"
                ? try Component(wat: Array(data), features: .full) : try Component(bytes: Array(data), features: .full)
        } catch {
            print("FAIL \(place) \(type): does not load: \(error)")
            tally.failed += 1
            return
        }
        do {
            _ = try Store(engine: Engine(features: .full)).instantiate(component)
            print("FAIL \(place) \(type): instantiated, expected \"\(command["text"] as? String ?? "")\"")
            tally.failed += 1
        } catch {
            if error.isLinkError == (type == "assert_unlinkable") {
                tally.passed += 1
            } else {
                print("FAIL \(place) \(type): failed the other way: \(error)")
                tally.failed += 1
            }
        }
    default:
        tally.skip("unknown command type \(type)")
    }
}

/// What the commands of one file share: named component definitions and the current instance.
private final class ComponentFileState {
    var definitions: [String: Component] = [:]
    var current: ComponentInstance?
    /// Why there is no current instance, when that is expected.
    var noInstance: String?
    var skippedDefinitions: [String: String] = [:]
}

/// Runs an `assert_return`, `assert_trap` or `action` against the current instance.
private func runComponentAction(
    _ command: [String: Any], type: String, place: String, state: ComponentFileState, verbose: Bool,
    tally: inout ComponentSuiteTally
) {
    guard let action = command["action"] as? [String: Any], let field = action["field"] as? String else {
        tally.skip("\(type): action without a field")
        return
    }
    guard let instance = state.current else {
        if let reason = state.noInstance {
            tally.skip("\(type): no instance: \(reason)")
            return
        }
        print("FAIL \(place) \(type): no instance to invoke \(field) on")
        tally.failed += 1
        return
    }
    guard let function = instance.function(named: field) else {
        print("FAIL \(place) \(type): no exported function \(field)")
        tally.failed += 1
        return
    }
    guard let arguments = (action["args"] as? [Any] ?? []).map(componentValue) as [ComponentValue?]?,
        !arguments.contains(where: { $0 == nil })
    else {
        tally.skip("\(type): argument in a JSON form the runner does not read")
        return
    }
    let outcome: Result<[ComponentValue], ComponentTrap>
    do { outcome = .success(try function.call(arguments.map { $0! })) } catch { outcome = .failure(error) }
    switch (type, outcome) {
    case ("assert_trap", .failure(let trap)):
        // As the core runner does: the expected text must be part of the trap's message.
        let expected = command["text"] as? String ?? ""
        if componentTrap(trap, matches: expected) {
            tally.passed += 1
            if verbose { print("ok   \(place) trapped: \(trap) (expected: \(expected))") }
        } else {
            print("FAIL \(place) assert_trap: trapped with \"\(trap.message)\", expected \"\(expected)\"")
            tally.failed += 1
        }
    case ("assert_trap", .success(let values)):
        print("FAIL \(place) assert_trap: returned \(values), expected \"\(command["text"] as? String ?? "")\"")
        tally.failed += 1
    case (_, .failure(let trap)):
        print("FAIL \(place) \(type): trapped: \(trap)")
        tally.failed += 1
    case ("assert_return", .success(let values)):
        let expected = (command["expected"] as? [Any] ?? []).map(componentValue)
        guard !expected.contains(where: { $0 == nil }) else {
            tally.skip("assert_return: expected value in a JSON form the runner does not read")
            return
        }
        if values.map(normalized) == expected.map({ normalized($0!) }) {
            tally.passed += 1
        } else {
            print("FAIL \(place) assert_return \(field): got \(values), expected \(expected.map { $0! })")
            tally.failed += 1
        }
    default:
        tally.passed += 1
    }
}

/// The value with its flags sorted, so flags compare as sets.
private func normalized(_ value: ComponentValue) -> ComponentValue {
    switch value {
    case .flags(let names): return .flags(names.sorted())
    case .list(let values): return .list(values.map(normalized))
    case .tuple(let values): return .tuple(values.map(normalized))
    case .record(let fields): return .record(fields.map { .init($0.name, normalized($0.value)) })
    case .variant(let label, let payload): return .variant(case: label, payload: payload.map(normalized))
    case .option(let payload): return .option(payload.map(normalized))
    case .ok(let payload): return .ok(payload.map(normalized))
    case .err(let payload): return .err(payload.map(normalized))
    default: return value
    }
}

/// A component value from its JSON form (`{"type":"u32","value":"42"}`, ...), or nil.
private func componentValue(_ json: Any) -> ComponentValue? {
    guard let object = json as? [String: Any], let type = object["type"] as? String else { return nil }
    let value = object["value"]
    let text = value as? String
    switch type {
    case "bool": return (value as? Bool).map(ComponentValue.bool)
    case "s8": return text.flatMap { Int8($0) }.map(ComponentValue.s8)
    case "u8": return text.flatMap { UInt8($0) }.map(ComponentValue.u8)
    case "s16": return text.flatMap { Int16($0) }.map(ComponentValue.s16)
    case "u16": return text.flatMap { UInt16($0) }.map(ComponentValue.u16)
    case "s32": return text.flatMap { Int32($0) }.map(ComponentValue.s32)
    case "u32": return text.flatMap { UInt32($0) }.map(ComponentValue.u32)
    case "s64": return text.flatMap { Int64($0) }.map(ComponentValue.s64)
    case "u64": return text.flatMap { UInt64($0) }.map(ComponentValue.u64)
    case "f32": return text.flatMap { UInt32($0) }.map(ComponentValue.f32Bits)
    case "f64": return text.flatMap { UInt64($0) }.map(ComponentValue.f64Bits)
    case "char":
        guard let text, text.unicodeScalars.count == 1 else { return nil }
        return .char(text.unicodeScalars.first!)
    case "string": return text.map(ComponentValue.string)
    case "list", "tuple":
        guard let items = value as? [Any] else { return nil }
        let values = items.map(componentValue)
        guard !values.contains(where: { $0 == nil }) else { return nil }
        return type == "list" ? .list(values.map { $0! }) : .tuple(values.map { $0! })
    case "record":
        guard let items = value as? [[Any]] else { return nil }
        var fields: [ComponentValue.Field] = []
        for item in items {
            guard item.count == 2, let name = item[0] as? String, let field = componentValue(item[1]) else {
                return nil
            }
            fields.append(.init(name, field))
        }
        return .record(fields)
    case "variant":
        guard let body = value as? [String: Any], let label = body["case"] as? String else { return nil }
        if body["payload"] == nil || body["payload"] is NSNull { return .variant(case: label, payload: nil) }
        guard let payload = componentValue(body["payload"]!) else { return nil }
        return .variant(case: label, payload: payload)
    case "enum": return text.map(ComponentValue.enum)
    case "flags": return (value as? [String]).map(ComponentValue.flags)
    case "option":
        if value == nil || value is NSNull { return .option(nil) }
        return componentValue(value!).map { .option($0) }
    case "result":
        guard let body = value as? [String: Any], body.count == 1, let (key, payload) = body.first else { return nil }
        var lifted: ComponentValue?
        if !(payload is NSNull) {
            guard let inner = componentValue(payload) else { return nil }
            lifted = inner
        }
        switch key {
        case "Ok": return .ok(lifted)
        case "Err": return .err(lifted)
        default: return nil
        }
    default: return nil
    }
}

/// Commands the engine gets wrong today, each with what is missing: printed as skips with that reason,
/// so that the suite's total stays honest without failing every run on a known gap.
private let knownGaps: [String: String] = [:]

/// Why some bytes did not load.
private struct ComponentLoadError {
    let text: String
    /// A proposal or component feature the engine does not implement, rather than a broken rule.
    let isUnsupportedFeature: Bool
}

/// Why the bytes do not load as a component (or, with a core preamble, as a module); nil when they do.
private func loadError(_ bytes: [UInt8]) -> ComponentLoadError? {
    if Component.isComponent(bytes) {
        do {
            _ = try Component(bytes: bytes, features: .full)
            return nil
        } catch {
            return ComponentLoadError(text: error.description, isUnsupportedFeature: error.kind == .unsupported)
        }
    }
    do {
        _ = try Module(bytes: bytes, features: .full)
        return nil
    } catch {
        var unsupported = false
        if case .invalid(let validation) = error, case .featureNotEnabled(let feature) = validation.reason {
            unsupported = !feature.isImplemented
        }
        return ComponentLoadError(text: error.description, isUnsupportedFeature: unsupported)
    }
}

/// The rows of a tab-separated file, header excluded.
private func readTSV(_ url: URL) throws -> [[String]] {
    let text = try String(contentsOf: url, encoding: .utf8)
    return text.split(separator: "\n").dropFirst().map {
        $0.split(separator: "\t", omittingEmptySubsequences: false).map(String.init)
    }
}

/// Whether a component trap's message contains the text an `assert_trap` expects (a core trap's
/// message is also compared by its code's spec text, as the core runner does).
///
/// A leading `wasm trap: ` is how wasmtime, whose messages the tests use, prints every trap; it is
/// not part of the reason, so it is not asked of canonical ABI traps.
private func componentTrap(_ trap: ComponentTrap, matches text: String) -> Bool {
    let prefix = "wasm trap: "
    let expected = text.hasPrefix(prefix) && trap.kind != .wasm ? String(text.dropFirst(prefix.count)) : text
    if trap.message.contains(expected) || trap.description.contains(expected) { return true }
    if let core = trap.trap, core.code.description.contains(expected) || core.description.contains(expected) {
        return true
    }
    return false
}
