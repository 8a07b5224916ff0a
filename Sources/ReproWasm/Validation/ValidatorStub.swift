// TEMPORARY: stands in for the validator, which is written in parallel on another branch.
// Delete this file when the real `validateModule` lands; nothing else depends on its internals.

/// A module that passed validation. (Stub: wraps the parsed module unchecked.)
struct ValidatedModule: Sendable {
    let parsed: ParsedModule
}

/// Validates a parsed module against `features`. (Stub: accepts every module.)
func validateModule(_ parsed: ParsedModule, features: Features) throws(ValidationError) -> ValidatedModule {
    ValidatedModule(parsed: parsed)
}
