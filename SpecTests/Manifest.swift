import Foundation
import ReproWasm

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

    /// The features the file needs that the engine does not implement (`Features.full`), in the
    /// manifest's order; empty when the engine can run all of it, whatever the manifest's profile says.
    var unsupportedFeatures: [String] {
        features.split(separator: ",").map(String.init).filter { !Manifest.supportedFeatures.contains($0) }
    }

    /// Whether the engine can run the file although the manifest lists it as out of profile (it
    /// implements every feature the file needs): it runs with `Features.full`.
    var isRunnable: Bool { unsupportedFeatures.isEmpty }

    /// The features the file needs that the engine leaves out of scope (everything it does not
    /// implement but `Manifest.notYetImplemented`).
    var outOfScopeFeatures: [String] { unsupportedFeatures.filter { !Manifest.notYetImplemented.contains($0) } }

    /// An `out` file that needs an unsupported feature but runs, skipping the modules that need one
    /// (`modules.tsv`) and the commands that use them: a file of the core suite (its in-profile
    /// modules are the core semantics), one whose json the manifest kept because most of its modules
    /// are in profile, or one that lacks only proposals the engine is to implement. The files of
    /// other proposals' repositories (`proposals/...`) that need an out-of-scope proposal are skipped
    /// whole: they test their proposal's own version of the core rules.
    var isPartial: Bool {
        profile == .out && !isRunnable
            && (note.contains("partial: json kept") || outOfScopeFeatures.isEmpty || !file.hasPrefix("proposals/"))
    }

    /// Whether the suite has the json conversion of this file: every in-profile file, and the `out`
    /// files whose json the manifest kept.
    var hasJSON: Bool { profile != .out || note.contains("partial: json kept") }

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

    /// The engine's proposals by their wasmparser names (the manifest's), for the ones it knows.
    static let featureNames: [String: Feature] = [
        "mutable-global": .mutableGlobals, "saturating-float-to-int": .nonTrappingFloatToInt,
        "sign-extension": .signExtension, "multi-value": .multiValue, "bulk-memory": .bulkMemory, "simd": .simd,
        "multi-memory": .multiMemory, "wide-arithmetic": .wideArithmetic, "reference-types": .referenceTypes,
        "tail-call": .tailCalls, "extended-const": .extendedConst, "exceptions": .exceptions,
        "function-references": .functionReferences, "gc": .gc, "memory64": .memory64, "threads": .threads,
        "relaxed-simd": .relaxedSimd, "custom-page-sizes": .customPageSizes, "legacy-exceptions": .legacyExceptions,
        "stack-switching": .stackSwitching,
    ]

    /// Proposals the engine knows but does not implement yet (`Feature.isImplemented` is false), as
    /// opposed to those it leaves out of scope (GC, memory64, threads, relaxed SIMD, custom page
    /// sizes, legacy exceptions, stack switching, and any the engine does not know by name).
    static let notYetImplemented: Set<String> = []

    /// The features (wasmparser names) the engine implements, decided by the engine itself:
    /// everything in `Features.full`. A name the engine does not know is unsupported.
    static let supportedFeatures: Set<String> = Set(featureNames.filter { Features.full.contains($0.value) }.keys)

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
