import Foundation
import ReproWasm

/// `--cross-check`: reads every script through both front ends and compares what they make.
///
/// Commands must agree one for one (type, line, names, actions, expected values, module names). Each
/// module that the json has as a binary is loaded both ways, from the json's `.wasm` and from the bytes the
/// text parser produced, and the outcomes must agree too: both load, or both fail for the same reason
/// (offsets aside: the two encoders may lay bytes out differently). Nothing is run.
///
/// - Returns: the exit code, 1 if anything differs.
func crossCheck(_ entries: [ManifestEntry], suite: URL, features override: Features?, runPartial: Bool) -> Int32 {
    var commandCount = 0
    var moduleCount = 0
    var textOnlyCount = 0
    var differences: [String] = []
    for entry in entries where entry.profile != .out || (entry.hasJSON && runPartial) {
        let features = override ?? (entry.profile == .deterministic ? .deterministic : .full)
        let json: [Command]
        let wast: [Command]
        do {
            json = try ScriptParser.parse(contentsOf: suite.appendingPathComponent(entry.jsonPath))
            wast = try WastScriptParser.parse(contentsOf: suite.appendingPathComponent(entry.wastPath))
        } catch {
            differences.append("\(entry.file): cannot read: \(error)")
            continue
        }
        if json.count != wast.count {
            differences.append("\(entry.file): \(json.count) commands in the json, \(wast.count) in the .wast")
        }
        for (fromJSON, fromWast) in zip(json, wast) {
            commandCount += 1
            if fromJSON.comparisonKey != fromWast.comparisonKey {
                differences.append(
                    "\(entry.file):\n    json: \(fromJSON.comparisonKey)\n    wast: \(fromWast.comparisonKey)")
                continue
            }
            guard let jsonFile = fromJSON.moduleFile, let wastFile = fromWast.moduleFile else { continue }
            guard let filename = jsonFile.binaryToLoad else {
                textOnlyCount += 1
                continue
            }
            moduleCount += 1
            let jsonOutcome: String
            if let data = FileManager.default.contents(
                atPath: suite.appendingPathComponent(entry.directory).appendingPathComponent(filename).path)
            {
                jsonOutcome = outcome(
                    Result { () throws(ModuleError) in try Module(bytes: [UInt8](data), features: features) })
            } else {
                jsonOutcome = "cannot read \(filename)"
            }
            let wastOutcome: String
            switch wastFile.source {
            case .script(.success(let bytes), _):
                wastOutcome = outcome(Result { () throws(ModuleError) in try Module(bytes: bytes, features: features) })
            case .script(.failure(let error), _):
                wastOutcome = "malformed text: \(error)"
            case .file:
                wastOutcome = "a file"
            }
            if jsonOutcome != wastOutcome {
                differences.append(
                    "\(entry.file) line \(fromJSON.line) \(filename):\n    json: \(jsonOutcome)\n    wast: \(wastOutcome)"
                )
            }
        }
    }
    for difference in differences { print(difference) }
    print(
        "\(commandCount) commands compared, \(moduleCount) modules loaded both ways, "
            + "\(textOnlyCount) text-only modules, \(differences.count) differences")
    return differences.isEmpty ? 0 : 1
}

/// A module's load outcome without byte offsets.
private func outcome(_ result: Result<Module, ModuleError>) -> String {
    switch result {
    case .success: "loads"
    case .failure(.malformed(let error)): "malformed: \(error.reason.text)"
    case .failure(.invalid(let error)): "invalid: \(error.reason.text)"
    case .failure(.malformedText(let error)): "malformed text: \(error)"
    case .failure(.unreadable(let error)): "unreadable: \(error)"
    }
}

extension Command {
    /// Everything about the command but where its module's bytes come from.
    var comparisonKey: String {
        switch self {
        case .module(let line, let name, let file): "module \(line) \(name ?? "-") \(file.filename)"
        case .moduleDefinition(let line, let name, let file):
            "module definition \(line) \(name ?? "-") \(file.filename)"
        case .moduleInstance(let line, let instance, let module):
            "module instance \(line) \(instance ?? "-") \(module ?? "-")"
        case .register(let line, let name, let registered): "register \(line) \(name ?? "-") \(registered)"
        case .action(let line, let action): "action \(line) \(action)"
        case .assertReturn(let line, let action, let expected): "assert_return \(line) \(action) \(expected)"
        case .assertTrap(let line, let action, let text): "assert_trap \(line) \(action) \(text)"
        case .assertExhaustion(let line, let action, let text): "assert_exhaustion \(line) \(action) \(text)"
        case .assertException(let line, let action): "assert_exception \(line) \(action)"
        case .assertMalformed(let line, let file, let text), .assertInvalid(let line, let file, let text),
            .assertUnlinkable(let line, let file, let text), .assertUninstantiable(let line, let file, let text),
            .assertMalformedCustom(let line, let file, let text), .assertInvalidCustom(let line, let file, let text):
            "\(typeName) \(line) \(file.filename) \(text)"
        case .unknown(let line, let type): "unknown \(line) \(type)"
        }
    }

    /// The module the command holds, if any.
    var moduleFile: ModuleFile? {
        switch self {
        case .module(_, _, let file), .moduleDefinition(_, _, let file), .assertMalformed(_, let file, _),
            .assertInvalid(_, let file, _), .assertUnlinkable(_, let file, _), .assertUninstantiable(_, let file, _),
            .assertMalformedCustom(_, let file, _), .assertInvalidCustom(_, let file, _):
            file
        default: nil
        }
    }
}
