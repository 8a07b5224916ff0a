// swift-tools-version: 6.0
import PackageDescription

let package = Package(
    name: "ReproWasm",
    // `TypedFunction`'s parameter packs need the Swift 5.9 runtime's variadic generics.
    platforms: [.macOS(.v14), .iOS(.v17), .tvOS(.v17), .watchOS(.v10), .visionOS(.v1)],
    products: [
        .library(name: "ReproWasm", targets: ["ReproWasm"]),
        .library(name: "ReproWASI", targets: ["ReproWASI"]),
        .library(name: "ReproCodecs", targets: ["ReproCodecs"]),
        .executable(name: "repro-wasm", targets: ["repro-wasm"]),
        .executable(name: "spectest", targets: ["spectest"]),
    ],
    targets: [
        .target(
            name: "ReproWasm",
            linkerSettings: [.linkedLibrary("m", .when(platforms: [.linux]))]
        ),
        // Deterministic `wasi_snapshot_preview1` for programs built for wasm32-wasi (docs/ARCHITECTURE.md).
        .target(name: "ReproWASI", dependencies: ["ReproWasm"]),
        // numcodecs-wasm codec components run as the reference host runs them (docs/ARCHITECTURE.md).
        .target(name: "ReproCodecs", dependencies: ["ReproWasm", "ReproWASI"]),
        .executableTarget(name: "repro-wasm", dependencies: ["ReproWasm", "ReproWASI", "ReproCodecs"]),
        .executableTarget(name: "spectest", dependencies: ["ReproWasm"], path: "SpecTests"),
        // A complete embedding through the public API; CI runs it (`swift run EmbeddingExample`).
        .executableTarget(name: "EmbeddingExample", dependencies: ["ReproWasm"], path: "Examples/Embedding"),
        // The DocC article Codecs.md's code, built (not run) so the article cannot name an API that is gone.
        .executableTarget(name: "CodecExample", dependencies: ["ReproCodecs", "ReproWasm"], path: "Examples/Codec"),
        // Runs generated modules for the differential test against wasmtime (scripts/differential/run.py).
        .executableTarget(name: "differential-runner", dependencies: ["ReproWasm"], path: "scripts/differential/Runner"),
        // Component fixtures are read from disk by path (#filePath), not bundled.
        .testTarget(name: "ReproWasmTests", dependencies: ["ReproWasm"], exclude: ["Component/Fixtures"]),
        // Fixtures/: C programs built by scripts/build-wasi-fixtures.sh, read by path.
        .testTarget(name: "ReproWASITests", dependencies: ["ReproWASI", "ReproWasm"], exclude: ["Fixtures"]),
        // Codec tests that need the downloaded components skip themselves when the cache is absent;
        // Fixtures/: probe components built by scripts/codec-boundary-probe/probe.py, read by path.
        .testTarget(name: "ReproCodecsTests", dependencies: ["ReproCodecs", "ReproWasm"], exclude: ["Fixtures"]),
    ],
    swiftLanguageModes: [.v6]
)
