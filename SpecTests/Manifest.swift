import Foundation

/// One line of `manifest.tsv`: a `.wast` file and the profile it runs under.
struct ManifestEntry {
    enum Profile: String {
        /// Every expected-valid module validates with `Features.deterministic`.
        case deterministic
        /// Some module also needs reference types, tail calls or extended-const: run with `Features.full`.
        case full
        /// Some module needs a proposal the engine never supports; not run, except for the partial files.
        case out
    }

    /// The name without `.wast`, e.g. `proposals/wide-arithmetic/wide-arithmetic`.
    var file: String
    var profile: Profile
    /// The non-MVP features the file needs (wasmparser names).
    var features: String
    /// The number of commands in its json.
    var commandCount: Int
    /// For `out` files, which unsupported features and how many modules need them.
    var note: String

    /// The json's path relative to the suite's directory: `json/<file>/<basename>.json`.
    var jsonPath: String {
        let base = file.split(separator: "/").last.map(String.init) ?? file
        return "json/\(file)/\(base).json"
    }

    /// The script's path relative to the suite's directory: `wast/<file>.wast`.
    var wastPath: String { "wast/\(file).wast" }

    /// An `out` file whose json is kept because most of its modules are in profile: it runs, skipping the
    /// modules that need an unsupported feature and the commands that use them.
    var isPartial: Bool { profile == .out && note.contains("partial: json kept") }

    /// The folder of the json and the modules it names.
    var directory: String { "json/\(file)" }
}

/// The spec suite's index files.
struct Manifest {
    var entries: [ManifestEntry]
    /// `file` + "\t" + module filename of the `assert_invalid` modules that the profile rejects for a
    /// different reason than the suite expects (a feature gate or a decoding limit): any rejection passes.
    var outOfProfile: Set<String>
    /// `file` + "\t" + module filename of the expected-valid modules, to the features each needs
    /// (wasmparser names, comma separated; empty for MVP).
    var moduleFeatures: [String: String]

    /// The features (wasmparser names) the engine implements: `Features.full`.
    static let supportedFeatures: Set<String> = [
        "mutable-global", "saturating-float-to-int", "sign-extension", "multi-value", "bulk-memory", "simd",
        "multi-memory", "wide-arithmetic", "reference-types", "tail-call", "extended-const",
    ]

    /// The features outside `supportedFeatures` that module `module` of script `file` needs, comma
    /// separated, or `nil` if the engine implements everything it needs (or the module is not listed).
    func unsupportedFeatures(file: String, module: String) -> String? {
        guard let needed = moduleFeatures["\(file)\t\(module)"], !needed.isEmpty else { return nil }
        let missing = needed.split(separator: ",").map(String.init).filter { !Self.supportedFeatures.contains($0) }
        return missing.isEmpty ? nil : missing.joined(separator: ",")
    }

    init(directory: URL) throws {
        entries = try Self.rows(directory.appendingPathComponent("manifest.tsv")).map { columns in
            guard columns.count >= 4, let profile = ManifestEntry.Profile(rawValue: columns[1]) else {
                throw ScriptError(description: "manifest.tsv: bad line \(columns.joined(separator: "\t"))")
            }
            return ManifestEntry(
                file: columns[0], profile: profile, features: columns[2], commandCount: Int(columns[3]) ?? 0,
                note: columns.count > 4 ? columns[4] : "")
        }
        let outURL = directory.appendingPathComponent("out-of-profile.tsv")
        if FileManager.default.fileExists(atPath: outURL.path) {
            outOfProfile = Set(try Self.rows(outURL).filter { $0.count >= 4 }.map { "\($0[0])\t\($0[3])" })
        } else {
            outOfProfile = []
        }
        var moduleFeatures: [String: String] = [:]
        let modulesURL = directory.appendingPathComponent("modules.tsv")
        if FileManager.default.fileExists(atPath: modulesURL.path) {
            for columns in try Self.rows(modulesURL) where columns.count >= 4 {
                moduleFeatures["\(columns[0])\t\(columns[3])"] = columns.count > 4 ? columns[4] : ""
            }
        }
        self.moduleFeatures = moduleFeatures
    }

    /// The tab-separated rows after the header line.
    private static func rows(_ url: URL) throws -> [[String]] {
        let text = try String(contentsOf: url, encoding: .utf8)
        return text.split(separator: "\n", omittingEmptySubsequences: true).dropFirst().map {
            $0.split(separator: "\t", omittingEmptySubsequences: false).map(String.init)
        }
    }
}
