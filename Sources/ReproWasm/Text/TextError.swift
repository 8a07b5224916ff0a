/// WebAssembly text (a `.wat` module or a `.wast` script) is not well formed.
///
/// `message` starts with the spec's wording for the reason (the text the official test suite expects in
/// its `assert_malformed` commands, e.g. "unknown operator" or "constant out of range"); `line` and
/// `column` (both 1-based, columns counted in characters) point at the token where reading stopped.
///
///     do { _ = try wat2wasm("(module (func i32.konst 1))") } catch {
///         print(error)   // 1:15: unknown operator i32.konst
///     }
public struct TextError: Error, Equatable, Sendable, CustomStringConvertible {
    /// Why the text is malformed.
    public enum Reason: Equatable, Sendable {
        // Characters and tokens
        /// A character outside the format's alphabet (a control character, or non-ASCII outside strings
        /// and comments).
        case illegalCharacter
        /// Bytes that are not well-formed UTF-8 (quoted text can hold any bytes).
        case malformedUTF8
        /// A string literal without its closing `"`.
        case unclosedString
        /// A `\` escape that is not one of `\t \n \r \" \' \\ \hh \u{h+}`, or names no Unicode scalar.
        case illegalEscape
        /// A block comment `(; ...` without its `;)`.
        case unclosedComment
        /// An annotation `(@id ...` without its closing parenthesis.
        case unclosedAnnotation
        /// `(@` not followed by an annotation id.
        case emptyAnnotationID
        /// A `@custom`, `@name` or branch-hint annotation whose contents do not follow its grammar.
        case malformedAnnotation(id: String, AnnotationProblem)
        /// An interpreted annotation where it may not appear (`@custom` inside a field, `@name` after a
        /// field's first elements); the payload is the id.
        case misplacedAnnotation(String)
        /// A well-formed annotation whose meaning the module contradicts, such as a branch hint on an
        /// instruction that does not branch: the module text is fine, the custom section it asks for is
        /// invalid (the suite's `assert_invalid_custom`).
        case invalidAnnotation(id: String, AnnotationProblem)
        /// `$` not followed by identifier characters or a non-empty string.
        case emptyIdentifier
        /// A keyword or other token that names no instruction or construct.
        case unknownOperator(String)
        /// A token the grammar does not allow here, described (`"i32.add"`, `"("`, ...).
        case unexpectedToken(String)
        /// The text (or a parenthesised list) ends where more is required.
        case unexpectedEnd
        /// Parentheses nested deeper than `SExpression.maxDepth`.
        case nestingTooDeep
        // Literals
        /// A number that does not fit its type; the prefix names it where the suite expects that (`"i8 "`).
        case constantOutOfRange(String)
        /// A `v128.const` with more or fewer lanes than its shape has.
        case wrongNumberOfLaneLiterals
        /// An `i8x16.shuffle` without exactly sixteen lane indices.
        case invalidLaneLength
        /// An `align=` that is not a power of two.
        case alignmentNotPowerOfTwo
        // Identifiers and indices
        /// `space` is the index space's name in the text format: func, type, table, memory, global, local,
        /// elem, data.
        case unknownIdentifier(space: String, name: String)
        /// A numeric index that must refer to an existing definition in the text (a type use with inline
        /// lists).
        case unknownIndex(space: String, index: UInt32)
        /// A label identifier that no enclosing block declares.
        case unknownLabel(String)
        /// An identifier declared twice in one index space.
        case duplicateIdentifier(space: String, name: String)
        /// The identifier after `else` or `end` is not the block's label.
        case mismatchingLabel(String)
        // Module structure
        /// `(type x)` together with inline `(param ...)`/`(result ...)` that say something else.
        case inlineFunctionType
        /// An import after a definition of the named kind (func, table, memory, global).
        case importAfterDefinition(String)
        /// A second `(start ...)`.
        case multipleStartSections
        /// Syntax of a proposal the engine does not implement, such as a recursion group of several
        /// types (GC), which the binary format could not express without that proposal.
        case unsupportedProposal(Feature)
        // Component text (the wording of wasm-tools' `wast` crate, which the component suite expects)
        /// An identifier that names nothing in `space` ("core func", "instance", "type", ...) here or in an
        /// enclosing component.
        case unknownName(space: String, name: String)
        /// An identifier declared twice in one component index space, or twice among a variant's cases.
        case duplicateName(space: String, name: String)
        /// An outer alias whose count reaches past the outermost component.
        case outerCountTooLarge(UInt32)
        /// An outer alias naming an enclosing component that does not exist.
        case outerComponentNotFound(String)
        /// An identifier found only in an enclosing component, for an item an outer alias cannot name.
        case outerItemNotAliasable(String)
        /// Component text nested deeper than the component parser allows.
        case itemNestingTooDeep
        /// A `\\` escape that is not one of the text format's (component text's wording).
        case invalidStringEscape

        /// The spec's wording.
        public var text: String {
            switch self {
            case .illegalCharacter: "illegal character"
            case .malformedUTF8: "malformed UTF-8 encoding"
            case .unclosedString: "unclosed string"
            case .illegalEscape: "illegal escape"
            case .unclosedComment: "unclosed comment"
            case .unclosedAnnotation: "unclosed annotation"
            case .emptyAnnotationID: "empty annotation id"
            case .emptyIdentifier: "empty identifier"
            case .malformedAnnotation(let id, let problem), .invalidAnnotation(let id, let problem):
                "@\(id) annotation: \(problem.text)"
            case .misplacedAnnotation(let id): "misplaced @\(id) annotation"
            case .unknownOperator(let token): token.isEmpty ? "unknown operator" : "unknown operator \(token)"
            case .unexpectedToken(let token): token.isEmpty ? "unexpected token" : "unexpected token \(token)"
            case .unexpectedEnd: "unexpected end of input"
            case .nestingTooDeep: "parentheses nested too deeply"
            case .constantOutOfRange(let prefix): "\(prefix)constant out of range"
            case .wrongNumberOfLaneLiterals: "wrong number of lane literals"
            case .invalidLaneLength: "invalid lane length"
            case .alignmentNotPowerOfTwo: "alignment must be a power of two"
            case .unknownIdentifier(let space, let name): "unknown \(space) $\(name)"
            case .unknownIndex(let space, let index): "unknown \(space) \(index)"
            case .unknownLabel(let name): "unknown label $\(name)"
            case .duplicateIdentifier(let space, let name): "duplicate \(space) $\(name)"
            case .mismatchingLabel(let name): "mismatching label \(name)"
            case .inlineFunctionType: "inline function type does not match the type definition"
            case .importAfterDefinition(let kind): "import after \(kind)"
            case .multipleStartSections: "multiple start sections"
            case .unsupportedProposal(let feature): "\(feature) is not supported"
            case .unknownName(let space, let name): "unknown \(space): failed to find name `$\(name)`"
            case .duplicateName(let space, let name): "duplicate \(space) identifier `$\(name)`"
            case .outerCountTooLarge(let count): "outer count of `\(count)` is too large"
            case .outerComponentNotFound(let name): "outer component `\(name)` not found"
            case .outerItemNotAliasable(let name): "outer item `\(name)` is not a module, type, or component"
            case .itemNestingTooDeep: "item nesting too deep"
            case .invalidStringEscape: "invalid string escape"
            }
        }
    }

    /// What is wrong with an annotation, in the spec's words.
    public enum AnnotationProblem: Equatable, Sendable {
        /// `@custom` without a string naming the section.
        case missingSectionName
        /// A name that is not UTF-8.
        case malformedUTF8
        /// A token the annotation's grammar does not allow here.
        case unexpectedToken
        /// A placement `(before ...)`/`(after ...)` whose section kind is missing or unknown.
        case malformedSectionKind
        /// A list where a placement belongs that does not start with `before` or `after`.
        case malformedPlacement
        /// A second module name.
        case multipleModuleNames
        /// Two branch hints on one instruction.
        case duplicateAnnotation
        /// A branch hint outside a function body.
        case notInFunction
        /// A branch hint on an instruction other than `if` and `br_if`.
        case invalidTarget
        /// A branch hint that is not one string holding the byte 0 or 1.
        case malformedHint

        /// The spec's wording.
        public var text: String {
            switch self {
            case .missingSectionName: "missing section name"
            case .malformedUTF8: "malformed UTF-8 encoding"
            case .unexpectedToken: "unexpected token"
            case .malformedSectionKind: "malformed section kind"
            case .malformedPlacement: "malformed placement"
            case .multipleModuleNames: "multiple module names"
            case .duplicateAnnotation: "duplicate annotation"
            case .notInFunction: "not in a function"
            case .invalidTarget: "invalid target"
            case .malformedHint: "malformed hint"
            }
        }
    }

    /// Why the text is malformed.
    public var reason: Reason
    /// The 1-based line of the token where reading stopped.
    public var line: Int
    /// The 1-based column (in characters) of that token.
    public var column: Int

    /// Creates an error.
    public init(_ reason: Reason, line: Int, column: Int) {
        self.reason = reason
        self.line = line
        self.column = column
    }

    /// The reason in the spec's words.
    public var message: String { reason.text }

    /// `line:column: message`.
    public var description: String { "\(line):\(column): \(message)" }
}
