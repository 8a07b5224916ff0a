import Foundation
import ReproWasm

/// `--components --cross-check`: encodes every `(component ...)` of the suite's `.wast` scripts with the
/// engine's component text parser and compares the result with wasm-tools' binary from the json.
///
/// Each component is counted as *identical* (the same bytes), *equivalent* (the same bytes once the
/// custom sections, such as the name sections, are removed at every level: components, nested
/// components and core modules) or *differing*. Whatever the bytes, `Component(bytes:)` must accept
/// both or reject both; a component the text parser rejects, or one loaded one way only, is a failure.
struct ComponentCrossCheck {
    var identical = 0
    var equivalent = 0
    var differing = 0
    /// `(component binary ...)` forms: their bytes are given, not encoded.
    var binaryForms = 0
    var agreeing = 0
    var failures: [String] = []
    var differences: [String] = []
    /// Where the bytes are equal only without custom sections.
    var equivalents: [String] = []
    /// Components whose text the parser rejects, written with syntax of a feature outside the engine's
    /// component model (async built-ins, ...), and whose wasm-tools binary `Component(bytes:)` rejects as
    /// unsupported.
    var unsupportedSyntax: [String] = []

    /// Compares the components of the script at `wastURL` with the json's binaries.
    mutating func check(wastURL: URL, commands: [[String: Any]], directory: URL, jsonPath: String) {
        guard let data = try? Data(contentsOf: wastURL) else {
            failures.append("\(jsonPath): cannot read \(wastURL.path)")
            return
        }
        let script: [SExpression]
        do {
            script = try SExpression.parse(utf8: Array(data))
        } catch {
            failures.append("\(jsonPath): the .wast does not parse: \(error)")
            return
        }
        // Components by the line where they start: top level, or the first argument of an assertion.
        var byLine: [Int: SExpression] = [:]
        for node in script {
            if node.head == "component" { byLine[node.line] = node }
            if let head = node.head, head.hasPrefix("assert_"), node.elements.count > 1,
                node.elements[1].head == "component"
            {
                byLine[node.elements[1].line] = node.elements[1]
            }
        }
        for command in commands {
            guard command["module_type"] as? String == "binary", let filename = command["filename"] as? String,
                let line = command["line"] as? Int, let node = byLine[line],
                let expected = FileManager.default.contents(atPath: directory.appendingPathComponent(filename).path)
            else { continue }
            let place = "\(jsonPath):\(line)"
            let theirs = Array(expected)
            let ours: [UInt8]
            do {
                ours = try wat2component(component: node)
            } catch {
                if let theirError = acceptance(theirs),
                    theirError.kind == .unsupported || theirError.message.contains("is not supported")
                {
                    // Syntax of a feature the engine does not implement, whose binary it rejects too.
                    unsupportedSyntax.append("\(place): \(error) (wasm-tools' binary: \(theirError))")
                } else {
                    failures.append("\(place): the text parser rejects what wasm-tools encodes: \(error)")
                }
                continue
            }
            if node.elements.dropFirst().contains(where: { $0.atom == "binary" }) { binaryForms += 1 }
            if ours == theirs {
                identical += 1
            } else if let a = withoutCustomSections(ours), let b = withoutCustomSections(theirs), a == b {
                equivalent += 1
                equivalents.append(place)
            } else {
                differing += 1
                let common = min(ours.count, theirs.count)
                let at = (0..<common).first(where: { ours[$0] != theirs[$0] }) ?? common
                differences.append(
                    "\(place): first difference at byte \(at) (ours \(ours.count), theirs \(theirs.count))")
            }
            let ourError = acceptance(ours)
            let theirError = acceptance(theirs)
            if (ourError == nil) == (theirError == nil) {
                agreeing += 1
            } else {
                failures.append(
                    "\(place): wasm-tools' binary \(theirError.map { "is rejected: \($0)" } ?? "loads"), "
                        + "ours \(ourError.map { "is rejected: \($0)" } ?? "loads")")
            }
        }
    }

    /// Why `Component(bytes:)` rejects the bytes, or nil.
    private func acceptance(_ bytes: [UInt8]) -> ComponentError? {
        do {
            _ = try Component(bytes: bytes, features: .full)
            return nil
        } catch {
            return error
        }
    }

    /// Prints the counts and the problems; the exit code's contribution (1 on a failure).
    func report(verbose: Bool) -> Int32 {
        for failure in failures { print("FAIL \(failure)") }
        if verbose {
            for difference in differences { print("differs \(difference)") }
            for place in equivalents { print("equal without custom sections: \(place)") }
            for entry in unsupportedSyntax { print("unsupported syntax \(entry)") }
        }
        let total = identical + equivalent + differing
        print(
            "cross-check: \(total) components encoded from text: \(identical) identical (\(binaryForms) of them "
                + "given in binary form), \(equivalent) equivalent (equal without custom sections), "
                + "\(differing) differing; Component(bytes:) agreed on \(agreeing); \(unsupportedSyntax.count) not "
                + "encoded (syntax of unsupported features, rejected as unsupported in binary too); "
                + "\(failures.count) failures")
        return failures.isEmpty ? 0 : 1
    }
}

/// The bytes of a component or core module without custom sections, at every level; nil if they do not
/// split into sections.
private func withoutCustomSections(_ bytes: [UInt8]) -> [UInt8]? {
    guard bytes.count >= 8 else { return nil }
    let isComponent = bytes[4] == 0x0D
    var out = Array(bytes[0..<8])
    var offset = 8
    while offset < bytes.count {
        let id = bytes[offset]
        offset += 1
        var size = 0
        var shift = 0
        while true {
            guard offset < bytes.count, shift < 35 else { return nil }
            let byte = bytes[offset]
            offset += 1
            size |= Int(byte & 0x7F) << shift
            shift += 7
            if byte & 0x80 == 0 { break }
        }
        guard offset + size <= bytes.count else { return nil }
        var content = Array(bytes[offset..<(offset + size)])
        offset += size
        if id == 0 { continue }
        if isComponent && (id == 1 || id == 4) {
            guard let stripped = withoutCustomSections(content) else { return nil }
            content = stripped
        }
        out.append(id)
        var length = UInt32(content.count)
        repeat {
            let low = UInt8(length & 0x7F)
            length >>= 7
            out.append(length == 0 ? low : low | 0x80)
        } while length != 0
        out.append(contentsOf: content)
    }
    return out
}
