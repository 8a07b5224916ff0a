import Foundation
import ReproWasm

// Components on the command line: `inspect` prints a component's world in WIT, `validate` checks it.
extension CLI {
    /// Whether the file at `path` starts with the component preamble (a `.wat` file never does).
    static func isComponentFile(_ path: String) -> Bool {
        guard !path.hasSuffix(".wat"), let handle = FileHandle(forReadingAtPath: path) else { return false }
        defer { try? handle.close() }
        guard let header = try? handle.read(upToCount: 8) else { return false }
        return Component.isComponent(Array(header))
    }

    /// Prints the world of the component at `path` (what `inspect` does for a component).
    static func inspectComponent(_ path: String, features: Features) throws -> Int32 {
        let component = try Component(contentsOf: path, features: features)
        print(component.wit, terminator: "")
        return 0
    }

    /// Decodes and validates the component at `path` (what `validate` does for a component).
    static func validateComponent(_ path: String, features: Features) throws -> Int32 {
        _ = try Component(contentsOf: path, features: features)
        print("valid")
        return 0
    }
}
