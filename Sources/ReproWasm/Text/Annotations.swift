// The annotations the text parser interprets (the annotations proposal's `@custom` and `@name`, the
// branch-hinting proposal's `@metadata.code.branch_hint`): where each may appear, what its contents must
// be, and the custom sections `@custom` asks for. Every other annotation is dropped by the lexer.

/// An interpreted annotation, `(@id item*)`, as the S-expression reader found it inside a list.
struct Annotation: Sendable {
    var id: String
    /// The tokens and lists after the id.
    var items: [SExpression]
    /// How many elements of the enclosing list come before it: it annotates the element at this index.
    var index: Int
    var line: Int
    var column: Int
    /// Interpreted annotations written inside this one (never allowed there).
    var nested: [Annotation]

    func error(_ reason: TextError.Reason) -> TextError { TextError(reason, line: line, column: column) }
}

/// A custom section that a `@custom` annotation asks for, with where in the binary it goes.
struct TextCustomSection {
    var name: [UInt8]
    var content: [UInt8]
    /// The gap between standard sections it goes into: 0 before the type section, `k` just before the
    /// `k`-th section of `BinaryEncoder.sectionOrder`, `sectionOrder.count` after the last one.
    var slot: Int
    /// Placed `(after ...)`: it comes before the `(before ...)` ones of the same gap.
    var isAfter: Bool
}

enum AnnotationReader {
    /// What the module-level annotations ask for.
    struct ModuleAnnotations {
        var customSections: [TextCustomSection] = []
        /// From `(module $id? (@name "..."))`.
        var name: [UInt8]?
        /// The first invalid (well-formed but contradicted) annotation, to report once the module has been
        /// read: malformed text is reported before invalid annotations.
        var invalid: TextError?
    }

    /// The section kinds a placement may name, with the gap before each (see `TextCustomSection.slot`).
    private static func slot(of kind: String) -> (before: Int, after: Int)? {
        if kind == "first" { return (0, 0) }
        if kind == "last" { return (BinaryEncoder.sectionOrder.count, BinaryEncoder.sectionOrder.count) }
        let names = [
            "type", "import", "func", "table", "memory", "tag", "global", "export", "start", "elem", "datacount",
            "code", "data",
        ]
        guard let index = names.firstIndex(of: kind) else { return nil }
        return (index, index + 1)
    }

    /// Reads the annotations of a module: `annotations` are those between its fields, `nameIndex` is the
    /// position a module `@name` must have (just after `module` and its identifier), `fields` the fields,
    /// whose nested annotations are checked for placement and form.
    static func read(annotations: [Annotation], nameIndex: Int, fields: [SExpression]) throws(TextError)
        -> ModuleAnnotations
    {
        var result = ModuleAnnotations()
        for annotation in annotations {
            try rejectNested(annotation)
            switch annotation.id {
            case "custom":
                result.customSections.append(try customSection(annotation))
            case "name":
                guard annotation.index == nameIndex else { throw annotation.error(.misplacedAnnotation("name")) }
                guard result.name == nil else {
                    throw annotation.error(.malformedAnnotation(id: "name", .multipleModuleNames))
                }
                result.name = try name(annotation)
            default:
                throw annotation.error(.malformedAnnotation(id: annotation.id, .notInFunction))
            }
        }
        for field in fields {
            try check(field, inFunction: field.head == "func", invalid: &result.invalid)
        }
        return result
    }

    /// `(@custom "name" placement? "data"*)`.
    private static func customSection(_ annotation: Annotation) throws(TextError) -> TextCustomSection {
        func malformed(_ problem: TextError.AnnotationProblem, at node: SExpression? = nil) -> TextError {
            let reason = TextError.Reason.malformedAnnotation(id: "custom", problem)
            return node?.error(reason) ?? annotation.error(reason)
        }
        var items = annotation.items[...]
        guard let first = items.popFirst(), let name = first.stringBytes else { throw malformed(.missingSectionName) }
        guard String(validating: name, as: UTF8.self) != nil else { throw malformed(.malformedUTF8, at: first) }
        var section = TextCustomSection(name: name, content: [], slot: BinaryEncoder.sectionOrder.count, isAfter: true)
        if let placement = items.first, placement.isList {
            items.removeFirst()
            let elements = placement.elements
            let head = placement.head
            guard head == "before" || head == "after" else { throw malformed(.malformedPlacement, at: placement) }
            guard elements.count == 2, let kind = elements[1].atom, let gaps = slot(of: kind) else {
                throw malformed(.malformedSectionKind, at: placement)
            }
            section.isAfter = head == "after"
            section.slot = section.isAfter ? gaps.after : gaps.before
        }
        for item in items {
            guard let bytes = item.stringBytes else { throw malformed(.unexpectedToken, at: item) }
            section.content.append(contentsOf: bytes)
        }
        return section
    }

    /// `(@name "...")`: the name's bytes.
    private static func name(_ annotation: Annotation) throws(TextError) -> [UInt8] {
        guard annotation.items.count == 1, let name = annotation.items[0].stringBytes else {
            throw annotation.error(.malformedAnnotation(id: "name", .unexpectedToken))
        }
        guard String(validating: name, as: UTF8.self) != nil else {
            throw annotation.error(.malformedAnnotation(id: "name", .malformedUTF8))
        }
        return name
    }

    private static func rejectNested(_ annotation: Annotation) throws(TextError) {
        if let inner = annotation.nested.first { throw inner.error(.misplacedAnnotation(inner.id)) }
    }

    /// The list heads after whose optional identifier a `@name` may stand: the constructs that define
    /// something with a name.
    private static let namedHeads: Set<String> = [
        "func", "tag", "global", "table", "memory", "type", "param", "local", "elem", "data", "field", "block",
        "loop", "if", "try_table",
    ]

    /// Checks the annotations inside a field and its lists, in text order. `inFunction`: the field is a
    /// function. A work list rather than recursion: fields may nest `SExpression.maxDepth` deep.
    private static func check(_ field: SExpression, inFunction: Bool, invalid: inout TextError?) throws(TextError) {
        var pending = [field]
        while let node = pending.popLast() {
            try checkList(node, inFunction: inFunction, invalid: &invalid)
            pending.append(contentsOf: node.elements.reversed().filter(\.isList))
        }
    }

    /// Checks the annotations written directly in one list.
    private static func checkList(_ node: SExpression, inFunction: Bool, invalid: inout TextError?)
        throws(TextError)
    {
        let elements = node.elements
        var hinted: Set<Int> = []
        for annotation in node.annotations {
            try rejectNested(annotation)
            switch annotation.id {
            case "custom":
                throw annotation.error(.misplacedAnnotation("custom"))
            case "name":
                let nameIndex = elements.count > 1 && elements[1].identifier != nil ? 2 : 1
                guard let head = node.head, namedHeads.contains(head), annotation.index == nameIndex else {
                    throw annotation.error(.misplacedAnnotation("name"))
                }
                _ = try name(annotation)
            default:
                let id = annotation.id
                guard inFunction else { throw annotation.error(.malformedAnnotation(id: id, .notInFunction)) }
                guard hinted.insert(annotation.index).inserted else {
                    throw annotation.error(.malformedAnnotation(id: id, .duplicateAnnotation))
                }
                guard annotation.items.count == 1, let hint = annotation.items[0].stringBytes, hint.count == 1,
                    hint[0] <= 1
                else { throw annotation.error(.malformedAnnotation(id: id, .malformedHint)) }
                let target = annotation.index < elements.count ? elements[annotation.index] : nil
                let branches = ["if", "br_if"].contains(target?.atom ?? target?.head)
                if !branches, invalid == nil { invalid = annotation.error(.invalidAnnotation(id: id, .invalidTarget)) }
            }
        }
    }
}
