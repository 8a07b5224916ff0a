import Foundation
import Testing

@testable import ReproWasm

/// The spec suite's scripts as text: every in-scope `.wast` reads, every module in it that is meant to
/// be well formed converts, and every text-form `assert_malformed` module is rejected.
///
/// The suite is found at `$SPECTEST_DIR`, else `../shared/spectest` next to the package; without it
/// the test is skipped with its reason. Running the commands is the spec runner's job; this only covers
/// the text parser.
@Suite struct WastSuiteTests {
    /// The features the engine implements, as the suite's tables name them.
    static let supported: Set<String> = [
        "mutable-global", "saturating-float-to-int", "sign-extension", "multi-value", "bulk-memory", "simd",
        "multi-memory", "wide-arithmetic", "reference-types", "tail-call", "extended-const",
    ]

    static var suiteDirectory: URL {
        if let path = ProcessInfo.processInfo.environment["SPECTEST_DIR"] { return URL(fileURLWithPath: path) }
        let packageRoot = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent().deletingLastPathComponent()
        return packageRoot.appendingPathComponent("../shared/spectest").standardizedFileURL
    }

    /// Tab-separated rows after the header.
    static func rows(_ name: String) throws -> [[String]] {
        let text = try String(contentsOf: suiteDirectory.appendingPathComponent(name), encoding: .utf8)
        return text.split(separator: "\n").dropFirst().map {
            $0.split(separator: "\t", omittingEmptySubsequences: false).map(String.init)
        }
    }

    /// Whether the suite is there: a clone of the repository alone does not have it, and then the test
    /// is skipped with this reason rather than failed (CI sets `SPECTEST_DIR` and runs it).
    static var suiteIsPresent: Bool {
        FileManager.default.fileExists(atPath: suiteDirectory.appendingPathComponent("manifest.tsv").path)
    }

    @Test(
        .enabled(
            if: suiteIsPresent,
            "the official spec suite is not beside the package; set SPECTEST_DIR to run this (see README, Spec suite)"
        )
    )
    func everyInScopeScriptParsesAndItsModulesConvert() throws {
        // Modules whose conversion may fail: they need a proposal whose syntax the parser does not read.
        var exempt: Set<String> = []
        for row in try Self.rows("modules.tsv") where row.count >= 5 {
            let needed = row[4].split(separator: ",").map(String.init)
            if needed.contains(where: { !Self.supported.contains($0) }) { exempt.insert("\(row[0])\t\(row[3])") }
        }
        for row in try Self.rows("out-of-profile.tsv") where row.count >= 4 { exempt.insert("\(row[0])\t\(row[3])") }

        var files = 0
        var converted = 0
        var rejected = 0
        for row in try Self.rows("manifest.tsv") where row.count >= 4 {
            let isPartial = row.count > 4 && row[4].contains("partial: json kept")
            guard row[1] != "out" || isPartial else { continue }
            let file = row[0]
            files += 1
            let url = Self.suiteDirectory.appendingPathComponent("wast/\(file).wast")
            let nodes: [SExpression]
            do {
                nodes = try SExpression.parse(utf8: [UInt8](try Data(contentsOf: url)))
            } catch {
                Issue.record("\(file).wast does not read: \(error)")
                continue
            }
            let base = url.deletingPathExtension().lastPathComponent
            for (index, module) in Self.modules(in: nodes).enumerated() {
                let name = "\(base).\(index).wasm"
                switch module {
                case .fields(let fields):
                    do {
                        _ = try wat2wasm(fields)
                        converted += 1
                    } catch {
                        Issue.record("\(file) \(name): \(error)")
                    }
                case .node(let node, let malformedQuote):
                    if malformedQuote {
                        let bytes = try? wat2wasm(module: node)
                        let decodes = bytes.map { (try? decodeModule($0, features: .full)) != nil } ?? false
                        if decodes { Issue.record("\(file) line \(node.line): malformed text accepted") }
                        rejected += 1
                        continue
                    }
                    do {
                        _ = try wat2wasm(module: node)
                        converted += 1
                    } catch {
                        if !isPartial && !exempt.contains("\(file)\t\(name)") {
                            Issue.record("\(file) \(name) (line \(node.line)): \(error)")
                        }
                    }
                }
            }
        }
        #expect(files > 150)
        #expect(converted > 5_000)
        #expect(rejected > 1_000)
    }

    enum ScriptModule {
        /// A script that is one inline module.
        case fields([SExpression])
        /// A `(module ...)`; `malformedQuote`: a quoted module inside `assert_malformed`, or a module whose
        /// annotations the text parser must reject (`assert_malformed_custom`, `assert_invalid_custom`).
        case node(SExpression, malformedQuote: Bool)
    }

    /// The modules of a script in order, numbered as the spec runner numbers them.
    static func modules(in nodes: [SExpression]) -> [ScriptModule] {
        let fieldKeywords: Set<String> = [
            "type", "import", "func", "table", "memory", "global", "export", "start", "elem", "data",
        ]
        if let head = nodes.first?.head, fieldKeywords.contains(head) { return [.fields(nodes)] }
        var modules: [ScriptModule] = []
        for node in nodes {
            guard let head = node.head else { continue }
            if head == "module" {
                if node.elements.count > 1, node.elements[1].atom == "instance" { continue }
                modules.append(.node(node, malformedQuote: false))
            } else if head.hasPrefix("assert_"), node.elements.count > 1, node.elements[1].head == "module" {
                let inner = node.elements[1]
                let isQuoted = inner.elements.dropFirst().contains { $0.atom == "quote" }
                let isRejectedAnnotation = head == "assert_malformed_custom" || head == "assert_invalid_custom"
                modules.append(
                    .node(inner, malformedQuote: (isQuoted && head == "assert_malformed") || isRejectedAnnotation))
            }
        }
        return modules
    }
}
