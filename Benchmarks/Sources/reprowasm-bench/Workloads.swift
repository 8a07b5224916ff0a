/// A line of `Workloads/expected.tsv`: one call with its reference result (from wasmtime).
struct ExpectedCase {
    var module: String
    var export: String
    var arguments: [Int32]
    /// `small` (unit tests, `--quick`) or `bench`.
    var size: String
    /// `TYPE:VALUE`, integers signed, floats as bit patterns.
    var result: String

    /// Reads the table, skipping `#` comments and blank lines.
    static func parse(_ text: String) throws(HarnessError) -> [ExpectedCase] {
        var cases: [ExpectedCase] = []
        for (number, line) in text.split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
            if line.isEmpty || line.hasPrefix("#") { continue }
            let fields = line.split(separator: "\t", omittingEmptySubsequences: false).map(String.init)
            guard fields.count == 5 else {
                throw .badExpectedTable(line: number + 1, "expected 5 tab-separated fields")
            }
            var arguments: [Int32] = []
            if fields[2] != "-" {
                for field in fields[2].split(separator: ",") {
                    guard let value = Int32(field) else {
                        throw .badExpectedTable(line: number + 1, "bad argument \(field)")
                    }
                    arguments.append(value)
                }
            }
            cases.append(
                ExpectedCase(
                    module: fields[0], export: fields[1], arguments: arguments, size: fields[3], result: fields[4]))
        }
        return cases
    }
}

/// One row of the report.
struct Workload {
    enum Kind {
        /// Time one exported call on a fresh instance.
        case call(export: String, arguments: [Int32], expected: String)
        /// Time bytes to a ready instance.
        case load(LoadVariant)
        /// Time a WASI program's `_start` on a fresh instance, with `directory` preopened as
        /// `guestDirectory`; `expected` is its standard output.
        case wasi(arguments: [String], directory: String, guestDirectory: String, expected: String)
    }

    /// The row's name: the module for calls, `large (load)` for the load rows.
    var name: String
    var module: String
    var kind: Kind
    /// Where the module is when it is not `Workloads/wasm/MODULE.wasm` (built programs).
    var modulePath: String? = nil

    /// Whether the row counts in the geometric mean of scalar ratios (not SIMD, not load time).
    var isScalarCall: Bool {
        guard case .call = kind else { return false }
        return module != "dot_simd"
    }

    /// Whether the row is one of the workloads added to broaden the harness (issue #23), whose
    /// geometric mean is reported on its own as well.
    var isAddedScalarCall: Bool { isScalarCall && Workload.addedModules.contains(module) }

    /// The modules added in issue #23, each in a style of its own (see `Workloads/README.md`).
    static let addedModules: Set<String> = [
        "stencil_f32", "stencil_f64", "primes64", "list", "tree", "vm", "vm_O0", "strings", "matmul", "matmul_O3",
        "hash", "hash_Os", "dp",
    ]

    /// The arguments as printed in the table.
    var argumentText: String {
        switch kind {
        case .call(let export, let arguments, _):
            let list = arguments.map(String.init).joined(separator: ",")
            return export == "run" ? list : "\(export)(\(list))"
        case .load(.standard): return "parse+inst"
        case .load(.eager): return "eager"
        case .wasi(let arguments, _, _, _):
            // The script's file name and the rest: the column is narrow.
            return arguments.map { $0.split(separator: "/").last.map(String.init) ?? $0 }.joined(separator: " ")
        }
    }
}

/// The rows, in `expected.tsv` order: each module's `bench` call (or, with `quick`, its last `small`
/// call of the same export), then the load time of `large.wasm`.
func makeSuite(from cases: [ExpectedCase], quick: Bool) -> [Workload] {
    var rows: [Workload] = []
    var seen: Set<String> = []
    for benchCase in cases where benchCase.size == "bench" && !seen.contains(benchCase.module) {
        seen.insert(benchCase.module)
        var chosen = benchCase
        if quick {
            let small = cases.filter {
                $0.module == benchCase.module && $0.export == benchCase.export && $0.size == "small"
            }
            guard let last = small.last else { continue }
            chosen = last
        }
        rows.append(
            Workload(
                name: chosen.module, module: chosen.module,
                kind: .call(export: chosen.export, arguments: chosen.arguments, expected: chosen.result)))
    }
    if let lua = luaWorkload(quick: quick) { rows.append(lua) }
    rows.append(Workload(name: "large (load)", module: "large", kind: .load(.standard)))
    rows.append(Workload(name: "large (load, eager)", module: "large", kind: .load(.eager)))
    return rows
}

/// Lua 5.4's interpreter built for wasm32-wasi by `scripts/build-lua.sh` (not committed: built from
/// Debian's source package) running `Workloads/lua/bench.lua` (scale 1 with `--quick`, else 3),
/// whose output must match what Debian's native `lua5.4` printed (`bench-SCALE.expected`). `nil`,
/// with a note, when the module has not been built.
func luaWorkload(quick: Bool) -> Workload? {
    let modulePath = FileIO.repositoryFolder + "/.build/lua/lua.wasm"
    let directory = FileIO.benchmarksFolder + "/Workloads/lua"
    let scale = quick ? "1" : "3"
    guard FileIO.read(modulePath) != nil else {
        note("lua: skipped, \(modulePath) is missing (scripts/build-lua.sh builds it)")
        return nil
    }
    guard let expected = FileIO.readText(directory + "/bench-\(scale).expected") else { return nil }
    return Workload(
        name: "lua (wasi)", module: "lua",
        kind: .wasi(
            arguments: ["/lua/bench.lua", scale], directory: directory, guestDirectory: "/lua", expected: expected),
        modulePath: modulePath)
}
