import Foundation
import ReproWasm

/// Turns a `.wast` script into `Command`s: the same commands the json front end (`ScriptParser`) makes
/// from the converted suite, with modules carried as their bytes (converted here by the library's text
/// parser) instead of file names.
///
/// Modules get the names the json conversion gives them, `<base>.<n>.wasm` (`.wat` for `module quote`),
/// counting every command that holds a module, so that `modules.tsv` and `out-of-profile.tsv` apply to
/// them unchanged. A command's line is the one the converter reports: for assertions the line of the
/// module or action inside, otherwise the line of the command's keyword.
struct WastScriptParser {
    /// The script's file name without folders and `.wast`, e.g. `i32`.
    let base: String
    /// Modules read so far.
    private var moduleCount = 0

    init(base: String) { self.base = base }

    /// Parses the script at `url`.
    static func parse(contentsOf url: URL) throws -> [Command] {
        let bytes = [UInt8](try Data(contentsOf: url))
        let nodes: [SExpression]
        do {
            nodes = try SExpression.parse(utf8: bytes)
        } catch {
            throw ScriptError(description: "\(url.lastPathComponent):\(error)")
        }
        var parser = WastScriptParser(base: url.deletingPathExtension().lastPathComponent)
        return try parser.commands(nodes)
    }

    /// The commands of a parsed script; a script that is only module fields is one inline module.
    mutating func commands(_ nodes: [SExpression]) throws -> [Command] {
        let moduleFields: Set<String> = [
            "type", "rec", "import", "func", "table", "memory", "global", "export", "start", "elem", "data", "tag",
        ]
        if let first = nodes.first, let head = first.head, moduleFields.contains(head) {
            let file = nextModule(isQuoted: false) { () throws(TextError) in try wat2wasm(nodes) }
            return [.module(line: first.elements[0].line, name: nil, file: file)]
        }
        return try nodes.map { try command($0) }
    }

    private mutating func command(_ node: SExpression) throws -> Command {
        guard let head = node.head else { throw ScriptError(description: "line \(node.line): not a command") }
        let elements = node.elements
        let line = elements[0].line
        switch head {
        case "module":
            if elements.count > 1, elements[1].atom == "instance" {
                let names = elements.dropFirst(2).compactMap(\.identifier)
                return .moduleInstance(line: line, instance: names.first, module: names.dropFirst().first)
            }
            let (name, file, isDefinition) = module(node)
            return isDefinition
                ? .moduleDefinition(line: line, name: name, file: file) : .module(line: line, name: name, file: file)
        case "register":
            guard elements.count >= 2, let registered = elements[1].stringBytes else {
                throw ScriptError(description: "line \(line): malformed register")
            }
            return .register(
                line: line, name: elements.dropFirst(2).first?.identifier,
                as: String(decoding: registered, as: UTF8.self))
        case "invoke", "get":
            return .action(line: line, try action(node))
        case "assert_return":
            let inner = try operand(node, 1)
            return .assertReturn(
                line: inner.elements.first?.line ?? line, try action(inner),
                expected: try elements.dropFirst(2).map(expected))
        case "assert_trap", "assert_exhaustion", "assert_exception":
            let inner = try operand(node, 1)
            let innerLine = inner.elements.first?.line ?? line
            if inner.head == "module" {
                return .assertUninstantiable(line: innerLine, file: module(inner).file, text: try text(node))
            }
            switch head {
            case "assert_trap": return .assertTrap(line: innerLine, try action(inner), text: try text(node))
            case "assert_exhaustion": return .assertExhaustion(line: innerLine, try action(inner), text: try text(node))
            default: return .assertException(line: innerLine, try action(inner))
            }
        case "assert_malformed", "assert_invalid", "assert_unlinkable", "assert_uninstantiable",
            "assert_malformed_custom",
            "assert_invalid_custom":
            let inner = try operand(node, 1)
            let innerLine = inner.elements.first?.line ?? line
            let file = module(inner).file
            let message = try text(node)
            switch head {
            case "assert_malformed": return .assertMalformed(line: innerLine, file: file, text: message)
            case "assert_invalid": return .assertInvalid(line: innerLine, file: file, text: message)
            case "assert_unlinkable": return .assertUnlinkable(line: innerLine, file: file, text: message)
            case "assert_uninstantiable": return .assertUninstantiable(line: innerLine, file: file, text: message)
            case "assert_malformed_custom": return .assertMalformedCustom(line: innerLine, file: file, text: message)
            default: return .assertInvalidCustom(line: innerLine, file: file, text: message)
            }
        default:
            return .unknown(line: line, type: head)
        }
    }

    private func operand(_ node: SExpression, _ index: Int) throws -> SExpression {
        let elements = node.elements
        guard index < elements.count, elements[index].isList else {
            throw ScriptError(description: "line \(node.line): \(node.head ?? "command") is missing an operand")
        }
        return elements[index]
    }

    /// The assertion's expected message: its last element, a string.
    private func text(_ node: SExpression) throws -> String {
        guard let bytes = node.elements.last?.stringBytes else {
            throw ScriptError(description: "line \(node.line): \(node.head ?? "command") has no message")
        }
        return String(decoding: bytes, as: UTF8.self)
    }

    // MARK: Modules

    /// A `(module ...)` of the script: its name, its bytes (or why it has none), whether it is a
    /// `module definition`.
    private mutating func module(_ node: SExpression) -> (name: String?, file: ModuleFile, isDefinition: Bool) {
        var rest = node.elements.dropFirst()
        let isDefinition = rest.first?.atom == "definition"
        if isDefinition { rest = rest.dropFirst() }
        let name = rest.first?.identifier
        if name != nil { rest = rest.dropFirst() }
        let isQuoted = rest.first?.atom == "quote"
        let file = nextModule(isQuoted: isQuoted) { () throws(TextError) in try wat2wasm(module: node) }
        return (name, file, isDefinition)
    }

    private mutating func nextModule(
        isQuoted: Bool, _ convert: () throws(TextError) -> [UInt8]
    ) -> ModuleFile {
        let index = moduleCount
        moduleCount += 1
        let result: Result<[UInt8], TextError>
        do {
            result = .success(try convert())
        } catch {
            result = .failure(error)
        }
        return ModuleFile(
            filename: "\(base).\(index).\(isQuoted ? "wat" : "wasm")",
            source: .script(result, isQuoted: isQuoted), manifestName: "\(base).\(index).wasm")
    }

    // MARK: Actions and values

    private func action(_ node: SExpression) throws -> Action {
        var rest = node.elements.dropFirst()
        let module = rest.first?.identifier
        if module != nil { rest = rest.dropFirst() }
        guard let fieldBytes = rest.first?.stringBytes else {
            throw ScriptError(description: "line \(node.line): action without an export name")
        }
        let field = String(decoding: fieldBytes, as: UTF8.self)
        switch node.head {
        case "invoke": return .invoke(module: module, field: field, args: try rest.dropFirst().map(argument))
        case "get": return .get(module: module, field: field)
        default: throw ScriptError(description: "line \(node.line): unknown action \(node.head ?? "")")
        }
    }

    private func argument(_ node: SExpression) throws -> SpecValue {
        guard case .exact(let value) = try expected(node) else {
            throw ScriptError(description: "line \(node.line): argument is a pattern, not a value")
        }
        return value
    }

    /// A result pattern or a value: `(i32.const 1)`, `(f32.const nan:canonical)`, `(v128.const ...)`,
    /// `(ref.null func)`, `(ref.null)`, `(ref.extern 1)`, `(ref.func)`, `(either ...)`.
    private func expected(_ node: SExpression) throws -> ExpectedValue {
        guard let head = node.head else { throw ScriptError(description: "line \(node.line): not a value") }
        let operands = Array(node.elements.dropFirst())
        do {
            switch head {
            case "i32.const":
                return .exact(.i32(UInt32(try single(operands, node).integerBits(bitWidth: 32))))
            case "i64.const":
                return .exact(.i64(try single(operands, node).integerBits(bitWidth: 64)))
            case "f32.const":
                let operand = try single(operands, node)
                if let pattern = operand.atom.flatMap(ScriptParser.nanPattern) { return .f32NaN(pattern) }
                return .exact(.f32(bits: try operand.float32Bits()))
            case "f64.const":
                let operand = try single(operands, node)
                if let pattern = operand.atom.flatMap(ScriptParser.nanPattern) { return .f64NaN(pattern) }
                return .exact(.f64(bits: try operand.float64Bits()))
            case "v128.const":
                return try vector(operands, node)
            case "ref.null":
                switch operands.first?.atom {
                case nil: return .anyNullReference
                case "func": return .exact(.funcRef(.null))
                case "extern": return .exact(.externRef(.null))
                case let other?: return .exact(.otherRef(type: "\(other)ref", .null))
                }
            case "ref.extern", "ref.host":
                guard let operand = operands.first else { return .exact(.externRef(.nonNull)) }
                return .exact(.externRef(.host(UInt32(truncatingIfNeeded: try operand.integerBits(bitWidth: 32)))))
            case "ref.func":
                return .exact(.funcRef(.nonNull))
            case "either":
                return .either(try operands.map(expected))
            default:
                guard head.hasPrefix("ref.") else {
                    throw ScriptError(description: "line \(node.line): unknown value \(head)")
                }
                return .exact(.otherRef(type: "\(head.dropFirst(4))ref", .nonNull))
            }
        } catch let error as TextError {
            throw ScriptError(description: "line \(node.line): \(error)")
        }
    }

    private func single(_ operands: [SExpression], _ node: SExpression) throws -> SExpression {
        guard operands.count == 1 else { throw ScriptError(description: "line \(node.line): expected one literal") }
        return operands[0]
    }

    /// `(v128.const shape lane*)`, lanes possibly NaN patterns.
    private func vector(_ operands: [SExpression], _ node: SExpression) throws -> ExpectedValue {
        let shapes: [String: LaneShape] = [
            "i8x16": .i8, "i16x8": .i16, "i32x4": .i32, "i64x2": .i64, "f32x4": .f32, "f64x2": .f64,
        ]
        guard let shapeName = operands.first?.atom, let shape = shapes[shapeName], operands.count == 1 + shape.laneCount
        else { throw ScriptError(description: "line \(node.line): malformed v128 value") }
        var lanes: [LaneExpectation] = []
        for lane in operands.dropFirst() {
            if let pattern = lane.atom.flatMap(ScriptParser.nanPattern) {
                lanes.append(.nan(pattern))
                continue
            }
            switch shape {
            case .f32: lanes.append(.bits(UInt64(try lane.float32Bits())))
            case .f64: lanes.append(.bits(try lane.float64Bits()))
            default: lanes.append(.bits(try lane.integerBits(bitWidth: shape.bits)))
            }
        }
        let exact = lanes.compactMap { if case .bits(let bits) = $0 { bits } else { nil } }
        if exact.count == lanes.count { return .exact(.v128(V128(lanes: exact, laneBits: shape.bits))) }
        return .v128(shape, lanes)
    }
}
