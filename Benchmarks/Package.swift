// swift-tools-version: 6.0
// The benchmark harness: ReproWasm and WasmKit side by side in one process.
//
// This is the one package of the repository with dependencies; the root package stays free of them.
// Run from the repository root:
//
//     swift run -c release --package-path Benchmarks reprowasm-bench [--quick] [--filter fib] [--repetitions 5]
import PackageDescription

/// The root package's identity, which SwiftPM takes from its folder's name (`reprowasm` in one clone,
/// `wt-harness` in a worktree), so it is computed rather than spelled.
let rootPackage = String(Context.packageDirectory.split(separator: "/").dropLast().last ?? "ReproWasm")

let package = Package(
    name: "ReproWasmBenchmarks",
    platforms: [.macOS(.v15)],
    dependencies: [
        .package(path: ".."),
        .package(url: "https://github.com/swiftwasm/WasmKit", exact: "0.4.2"),
    ],
    targets: [
        .executableTarget(
            name: "reprowasm-bench",
            dependencies: [
                .product(name: "ReproWasm", package: rootPackage),
                .product(name: "ReproWASI", package: rootPackage),
                .product(name: "ReproCodecs", package: rootPackage),  // the codec rows
                .product(name: "WasmKit", package: "WasmKit"),
                .product(name: "WasmKitWASI", package: "WasmKit"),  // the WASI program rows
                .product(name: "WasmParser", package: "WasmKit"),  // for WasmFeatureSet
            ]
        )
    ],
    swiftLanguageModes: [.v6]
)
