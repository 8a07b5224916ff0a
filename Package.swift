// swift-tools-version: 6.0
import PackageDescription

let package = Package(
    name: "ReproWasm",
    products: [
        .library(name: "ReproWasm", targets: ["ReproWasm"]),
        .executable(name: "repro-wasm", targets: ["repro-wasm"]),
        .executable(name: "spectest", targets: ["spectest"]),
    ],
    targets: [
        .target(
            name: "ReproWasm",
            linkerSettings: [.linkedLibrary("m", .when(platforms: [.linux]))]
        ),
        .executableTarget(name: "repro-wasm", dependencies: ["ReproWasm"]),
        .executableTarget(name: "spectest", dependencies: ["ReproWasm"], path: "SpecTests"),
        // A complete embedding through the public API; CI runs it (`swift run EmbeddingExample`).
        .executableTarget(name: "EmbeddingExample", dependencies: ["ReproWasm"], path: "Examples/Embedding"),
        // Runs generated modules for the differential test against wasmtime (scripts/differential/run.py).
        .executableTarget(name: "differential-runner", dependencies: ["ReproWasm"], path: "scripts/differential/Runner"),
        // Component fixtures are read from disk by path (#filePath), not bundled.
        .testTarget(name: "ReproWasmTests", dependencies: ["ReproWasm"], exclude: ["Component/Fixtures"]),
    ],
    swiftLanguageModes: [.v6]
)
