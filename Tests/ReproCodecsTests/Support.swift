import Foundation
import ReproCodecs
import ReproWasm

/// The downloaded codec components and WASI provider (`scripts/fetch-codecs.sh`,
/// `scripts/fetch-wasi-provider.py`), or nil when they are not in the cache.
enum CodecCache {
    static let directory = NSHomeDirectory() + "/.cache/repro-wasm/codecs"

    static func path(_ name: String) -> String { directory + "/" + name + ".wasm" }

    /// Whether the provider and `names` are all downloaded.
    static func has(_ names: String...) -> Bool {
        (names + ["wasi-sandboxed-merged"]).allSatisfy { FileManager.default.fileExists(atPath: path($0)) }
    }

    static let providerComponent: Component? = try? Component(contentsOf: path("wasi-sandboxed-merged"))

    static func host() throws -> CodecHost {
        guard let provider = providerComponent else { throw CodecError(.wasi, "no provider in \(directory)") }
        return CodecHost(wasi: .provider(provider))
    }

    nonisolated(unsafe) static var components: [String: Component] = [:]
    static let lock = NSLock()

    static func component(_ name: String) throws -> Component {
        lock.lock()
        defer { lock.unlock() }
        if let component = components[name] { return component }
        let component = try Component(contentsOf: path(name))
        components[name] = component
        return component
    }

    static func codec(_ name: String, _ configuration: String = "{}") throws -> Codec {
        try Codec(try component(name), configuration: configuration, host: try host())
    }

    static let reason = "the codecs are not downloaded (scripts/fetch-codecs.sh, scripts/fetch-wasi-provider.py)"
}
