import ReproWasm

// Components on the command line: `inspect` prints a component's world in WIT, `validate` checks it.
extension CLI {
    /// Whether `input` is a binary component (the binary format's magic with the component version).
    static func isComponent(_ input: Input) -> Bool {
        input.kind == .binary && Component.isComponent(input.bytes)
    }

    /// Prints the world of the component in `input` (what `inspect` does for a component).
    static func inspectComponent(_ input: Input, features: Features) throws -> Int32 {
        let component = try Component(bytes: input.bytes, features: features)
        print(component.wit, terminator: "")
        return 0
    }

    /// Decodes and validates the component in `input` (what `validate` does for a component).
    static func validateComponent(_ input: Input, features: Features) throws -> Int32 {
        _ = try Component(bytes: input.bytes, features: features)
        print("valid")
        return 0
    }
}
