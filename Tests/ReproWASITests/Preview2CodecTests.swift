import Foundation
import ReproWASI
import ReproWasm
import Testing

/// The numcodecs-wasm codec components (fetched into the cache by scripts/fetch-codecs.sh) linked to
/// `WASIPreview2`, with stand-ins for the two interfaces the codec library provides
/// (`wasi:logging/logging`, and `numcodecs:abc/registry` for the codecs that nest others).
@Suite struct Preview2CodecTests {
    static var codecsDirectory: String {
        ProcessInfo.processInfo.environment["CODECS_DIR"]
            ?? FileManager.default.homeDirectoryForCurrentUser.appendingPathComponent(".cache/repro-wasm/codecs").path
    }

    static func codecPath(_ name: String) -> String? {
        let path = (codecsDirectory as NSString).appendingPathComponent("\(name).wasm")
        return FileManager.default.fileExists(atPath: path) ? path : nil
    }

    /// Stand-ins for what the codec library supplies: logging is recorded, the registry refuses.
    static func standIns(_ imports: inout ComponentImports, log: @escaping (String) -> Void) {
        imports.defineFunction(instance: "wasi:logging/logging", name: "log") { arguments in
            log(arguments.map(\.description).joined(separator: " "))
            return []
        }
        let registry = "numcodecs:abc/registry@0.1.1"
        // The types interface has only types; a member the codec does not ask for makes it an instance.
        imports.defineFunction(instance: "numcodecs:abc/types@0.1.1", name: "unused") { _ in [] }
        _ = imports.defineResource(instance: registry, name: "external-codec-type")
        _ = imports.defineResource(instance: registry, name: "external-codec")
        let refuse: ([ComponentValue]) throws -> [ComponentValue] = { _ in throw StandInError.noRegistry }
        for name in [
            "get-external-codec", "[method]external-codec-type.codec-id",
            "[method]external-codec-type.codec-config-schema", "[method]external-codec-type.codec-from-config",
            "[method]external-codec.encode", "[method]external-codec.decode", "[method]external-codec.decode-into",
            "[method]external-codec.clone", "[method]external-codec.get-config", "[method]external-codec.ty",
        ] {
            imports.defineFunction(instance: registry, name: name, refuse)
        }
    }

    enum StandInError: Error { case noRegistry }

    /// What one zstd round trip gave, and the store's instruction count after each stage.
    struct RoundTrip: Equatable {
        var id: [ComponentValue] = []
        var encoded: [ComponentValue] = []
        var decoded: [ComponentValue] = []
        var counts: [UInt64] = []
    }

    /// zstd's id, then `from-config`, `encode` and `decode` of 64 f64 values, in a store whose WASI
    /// `link` supplies.
    static func zstdRoundTrip(_ path: String, link: (Store, inout ComponentImports) throws -> Void) throws -> RoundTrip
    {
        let store = Store()
        var imports = ComponentImports()
        try link(store, &imports)
        standIns(&imports) { _ in }
        var trip = RoundTrip()
        let instance = try store.instantiate(try Component(contentsOf: path), imports: imports)
        let codec = try #require(instance.instance(named: "numcodecs:abc/codec@0.1.1"))
        trip.id = try codec.function(named: "codec-id")!.call([])
        let made = try codec.function(named: "[static]codec.from-config")!.call([.string(#"{"level":3}"#)])
        trip.counts.append(store.instructionCount)
        guard case .ok(let handle?)? = made.first, case .own(let zstd) = handle else {
            Issue.record("from-config gave \(made)")
            return trip
        }
        let values = (0..<64).map { ComponentValue.f64(Double($0) * 0.5) }
        let array = ComponentValue.record([
            .init("data", .variant(case: "f64", payload: .list(values))), .init("shape", .list([.u32(64)])),
        ])
        trip.encoded = try codec.function(named: "[method]codec.encode")!.call([.borrow(zstd), array])
        trip.counts.append(store.instructionCount)
        guard case .ok(let encodedArray?)? = trip.encoded.first else {
            Issue.record("encode gave \(trip.encoded)")
            return trip
        }
        trip.decoded = try codec.function(named: "[method]codec.decode")!.call([.borrow(zstd), encodedArray])
        trip.counts.append(store.instructionCount)
        #expect(trip.decoded == [.ok(array)])
        return trip
    }

    @Test(
        .enabled(
            if: codecPath("zstd") != nil, "the codecs are not in the cache: run scripts/fetch-codecs.sh"))
    func zstdRunsOnTheNativeWASI() throws {
        let path = try #require(Self.codecPath("zstd"))
        let native = try Self.zstdRoundTrip(path) { _, imports in WASIPreview2().define(in: &imports) }
        #expect(native.id == [.string("zstd.rs")])
        print("zstd on the native WASI 0.2: counts after from-config, encode, decode:", native.counts)

        guard let provider = Probe.providerPath else {
            print("zstd with the provider component skipped: run scripts/fetch-wasi-provider.py")
            return
        }
        let provided = try Self.zstdRoundTrip(path) { store, imports in
            let instance = try Probe.provider(at: provider, in: store, log: StreamLog())
            for name in instance.exportNames {
                if let exported = instance.instance(named: name) { imports.define(name, instance: exported) }
            }
        }
        #expect(provided.id == native.id)
        #expect(provided.encoded == native.encoded)
        #expect(provided.decoded == native.decoded)
        // The provider's wasm is counted; the native host is not.
        #expect(zip(provided.counts, native.counts).allSatisfy { $0 >= $1 })
        print("zstd with the provider component: counts", provided.counts)
    }

    /// Every codec in the cache.
    static var cachedCodecs: [String] {
        let names = (try? FileManager.default.contentsOfDirectory(atPath: codecsDirectory)) ?? []
        return names.filter { $0.hasSuffix(".wasm") && $0 != "wasi-sandboxed-merged.wasm" }.map {
            String($0.dropLast(5))
        }.sorted()
    }

    /// Instantiating all 27 codecs takes about a minute in a debug build, so it runs on request.
    @Test(
        .enabled(if: !cachedCodecs.isEmpty, "the codecs are not in the cache: run scripts/fetch-codecs.sh"),
        .enabled(
            if: ProcessInfo.processInfo.environment["REPRO_WASM_SLOW_TESTS"] == "1",
            "slow: set REPRO_WASM_SLOW_TESTS=1 to link every cached codec"))
    func everyCodecLinksToTheNativeWASI() throws {
        var linked: [String] = []
        for name in Self.cachedCodecs {
            let path = try #require(Self.codecPath(name))
            let wasi = WASIPreview2()
            var imports = ComponentImports()
            wasi.define(in: &imports)
            Self.standIns(&imports) { _ in }
            do {
                let instance = try Store().instantiate(try Component(contentsOf: path), imports: imports)
                let codec = try #require(instance.instance(named: "numcodecs:abc/codec@0.1.1"))
                let id = try codec.function(named: "codec-id")!.call([])
                guard case .string? = id.first else {
                    Issue.record("\(name): codec-id gave \(id)")
                    continue
                }
                linked.append(name)
            } catch {
                Issue.record("\(name): \(error)")
            }
        }
        print("codecs linked to the native WASI 0.2:", linked.count, "of", Self.cachedCodecs.count)
        #expect(linked.count == Self.cachedCodecs.count)
    }
}
