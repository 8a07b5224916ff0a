/// Decodes a binary component (preamble version `0x0d`, layer 1): its sections in any order, nested
/// components recursively, and every core module through the core `Module` decoder and validator.
///
/// The decoder rejects bytes that no component could have (malformed) and encodings of features outside
/// the synchronous WASI 0.2 component model (`ComponentError.Kind.unsupported`, naming the feature). Index
/// and type rules are the validator's job.
func decodeComponent(_ bytes: [UInt8], features: Features) throws(ComponentError) -> ParsedComponent {
    var decoder = ComponentDecoder(bytes: bytes, features: features)
    return try decoder.decodeComponent(end: bytes.count, depth: 0)
}

/// Whether `bytes` start with the component preamble (`\0asm`, version `0x0d`, layer 1).
func hasComponentPreamble(_ bytes: [UInt8]) -> Bool {
    bytes.count >= 8 && bytes[0..<8].elementsEqual([0x00, 0x61, 0x73, 0x6D, 0x0D, 0x00, 0x01, 0x00])
}

/// The state of one decoding run over the outermost component's bytes; offsets are absolute.
struct ComponentDecoder {
    /// A core decoder over the same bytes, for the core encodings components reuse (value types,
    /// limits, function types); its reader is the component decoder's reader.
    var core: ModuleDecoder
    let features: Features

    /// The deepest nesting of components and of types inside types; deeper is malformed, so that
    /// decoding recursion stays bounded by a constant, not by the input.
    static let maxDepth = 64

    init(bytes: [UInt8], features: Features) {
        core = ModuleDecoder(bytes: bytes, features: features)
        self.features = features
    }

    var offset: Int { core.reader.offset }
    var bytes: [UInt8] { core.reader.bytes }

    // MARK: Primitive reads, with core errors converted

    mutating func byte() throws(ComponentError) -> UInt8 {
        do { return try core.reader.readByte() } catch { throw .core(error, base: 0) }
    }

    mutating func peek() throws(ComponentError) -> UInt8 {
        do { return try core.reader.peekByte() } catch { throw .core(error, base: 0) }
    }

    mutating func u32() throws(ComponentError) -> UInt32 {
        do { return try core.reader.readU32() } catch { throw .core(error, base: 0) }
    }

    mutating func length() throws(ComponentError) -> Int {
        do { return try core.reader.readLength() } catch { throw .core(error, base: 0) }
    }

    mutating func name() throws(ComponentError) -> String {
        do { return try core.reader.readName() } catch { throw .core(error, base: 0) }
    }

    /// Reads a vector: its length, then `count` elements with `element`.
    mutating func vector<T>(
        _ element: (inout ComponentDecoder) throws(ComponentError) -> T
    ) throws(ComponentError) -> [T] {
        let count = try length()
        var result: [T] = []
        result.reserveCapacity(min(count, max(0, core.reader.end - offset)))
        for _ in 0..<count { result.append(try element(&self)) }
        return result
    }

    /// Runs a core decoding step on the shared reader.
    mutating func coreStep<T>(_ step: (inout ModuleDecoder) throws(DecodeError) -> T) throws(ComponentError) -> T {
        do { return try step(&core) } catch { throw .core(error, base: 0) }
    }

    // MARK: Components and sections

    /// Decodes one component from the reader's offset to `end` (a nested component's section end).
    mutating func decodeComponent(end: Int, depth: Int) throws(ComponentError) -> ParsedComponent {
        let start = offset
        guard depth < Self.maxDepth else { throw .malformed("components nested too deeply", at: start) }
        let savedEnd = core.reader.end
        core.reader.end = end
        defer { core.reader.end = savedEnd }
        try readPreamble()
        var component = ParsedComponent()
        while offset < end {
            let idOffset = offset
            let id = try byte()
            let size = try length()
            let sectionEnd = offset + size
            guard sectionEnd <= end else { throw .malformed("section size out of bounds", at: idOffset + 1) }
            let outerEnd = core.reader.end
            core.reader.end = sectionEnd
            core.reader.endReason = .unexpectedEndOfSectionOrFunction
            try decodeSection(id: id, idOffset: idOffset, end: sectionEnd, depth: depth, into: &component)
            core.reader.end = outerEnd
            core.reader.endReason = .unexpectedEnd
            guard offset == sectionEnd else { throw .malformed("section size mismatch", at: offset) }
        }
        return component
    }

    private mutating func readPreamble() throws(ComponentError) {
        let start = offset
        let header: UInt64
        do { header = try core.reader.readFixedU64() } catch { throw .core(error, base: 0) }
        guard header & 0xFFFF_FFFF == 0x6D73_6100 else {
            throw .malformed(DecodeError.Reason.magicHeaderNotDetected.text, at: start)
        }
        let version = header >> 32
        if version == 1 { throw .malformed("expected a component, found a core module", at: start + 4) }
        guard version & 0xFFFF == 0x0D else {
            throw .malformed("unknown component version 0x\(String(version & 0xFFFF, radix: 16))", at: start + 4)
        }
        guard version >> 16 == 1 else { throw .malformed("unknown binary layer \(version >> 16)", at: start + 6) }
    }

    private mutating func decodeSection(
        id: UInt8, idOffset: Int, end: Int, depth: Int, into component: inout ParsedComponent
    ) throws(ComponentError) {
        func add(_ kind: ComponentDefinition.Kind, _ offset: Int) {
            component.definitions.append(ComponentDefinition(kind: kind, offset: offset))
        }
        switch id {
        case 0:
            let name = try self.name()
            component.customSections.append((name, Array(bytes[offset..<end])))
            core.reader.offset = end
        case 1:
            let start = offset
            let module: Module
            do {
                module = try Module(bytes: Array(bytes[start..<end]), features: features, lowering: .lazy)
            } catch {
                throw ComponentError(.invalid, "core module: \(Self.moduleProblem(error))", at: start)
                    .reclassified(error)
            }
            core.reader.offset = end
            add(.coreModule(module), start)
        case 2:
            for (at, item) in try vector({ (d: inout ComponentDecoder) throws(ComponentError) in
                (d.offset, try d.coreInstance())
            }) { add(.coreInstance(item), at) }
        case 3:
            for (at, item) in try vector({ (d: inout ComponentDecoder) throws(ComponentError) in
                (d.offset, try d.coreType(depth: depth))
            }) { add(.coreType(item), at) }
        case 4:
            let start = offset
            let nested = try decodeComponent(end: end, depth: depth + 1)
            add(.component(nested), start)
        case 5:
            for (at, item) in try vector({ (d: inout ComponentDecoder) throws(ComponentError) in
                (d.offset, try d.instance())
            }) { add(.instance(item), at) }
        case 6:
            for (at, item) in try vector({ (d: inout ComponentDecoder) throws(ComponentError) in
                (d.offset, try d.alias())
            }) { add(.alias(item), at) }
        case 7:
            for (at, item) in try vector({ (d: inout ComponentDecoder) throws(ComponentError) in
                (d.offset, try d.typeDefinition(depth: depth))
            }) { add(.type(item), at) }
        case 8:
            for (at, item) in try vector({ (d: inout ComponentDecoder) throws(ComponentError) in
                (d.offset, try d.canonical())
            }) { add(.canon(item), at) }
        case 9: throw .unsupported("the start section (component values)", at: idOffset)
        case 10:
            for (at, item) in try vector({ (d: inout ComponentDecoder) throws(ComponentError) in
                (d.offset, ComponentImport(name: try d.externName(), type: try d.externType()))
            }) { add(.import(item), at) }
        case 11:
            for (at, item) in try vector({ (d: inout ComponentDecoder) throws(ComponentError) in
                (d.offset, try d.export())
            }) { add(.export(item), at) }
        case 12: throw .unsupported("the value section (component values)", at: idOffset)
        default: throw .malformed("unknown section id \(id)", at: idOffset)
        }
    }

    /// A core module's error, with its offset named as one within the module.
    static func moduleProblem(_ error: ModuleError) -> String {
        switch error {
        case .malformed(let error):
            "\(error.reason.text) (at offset 0x\(String(error.offset, radix: 16)) in the module)"
        case .invalid(let error):
            "\(error.reason.text) (at offset 0x\(String(error.offset, radix: 16)) in the module"
                + (error.functionIndex.map { ", function \($0))" } ?? ")")
        default: error.description
        }
    }

    // MARK: Instances, aliases, canonical functions, exports

    mutating func coreSort() throws(ComponentError) -> CoreSort {
        let at = offset
        let raw = try byte()
        guard let sort = CoreSort(rawValue: raw) else {
            throw .malformed("invalid core sort 0x\(String(raw, radix: 16))", at: at)
        }
        return sort
    }

    mutating func sort() throws(ComponentError) -> ComponentSort {
        let at = offset
        switch try byte() {
        case 0x00: return .core(try coreSort())
        case 0x01: return .function
        case 0x02: throw .unsupported("the value sort (component values)", at: at)
        case 0x03: return .type
        case 0x04: return .component
        case 0x05: return .instance
        case let raw: throw .malformed("invalid sort 0x\(String(raw, radix: 16))", at: at)
        }
    }

    mutating func coreInstance() throws(ComponentError) -> CoreInstanceDefinition {
        let at = offset
        switch try byte() {
        case 0x00:
            let module = try u32()
            let arguments = try vector { (d: inout ComponentDecoder) throws(ComponentError) in
                let name = try d.name()
                let sortAt = d.offset
                let sort = try d.coreSort()
                guard sort == .instance else {
                    throw .malformed("core instantiation arguments must be instances", at: sortAt)
                }
                return NamedSortIndex(name: name, item: SortIndex(sort: .core(sort), index: try d.u32()))
            }
            return .instantiate(module: module, arguments: arguments)
        case 0x01:
            return .exports(
                try vector { (d: inout ComponentDecoder) throws(ComponentError) in
                    let name = try d.name()
                    let sort = try d.coreSort()
                    return NamedSortIndex(name: name, item: SortIndex(sort: .core(sort), index: try d.u32()))
                })
        case let raw: throw .malformed("invalid core instance kind 0x\(String(raw, radix: 16))", at: at)
        }
    }

    mutating func instance() throws(ComponentError) -> ComponentInstanceDefinition {
        let at = offset
        switch try byte() {
        case 0x00:
            let component = try u32()
            let arguments = try vector { (d: inout ComponentDecoder) throws(ComponentError) in
                let name = try d.name()
                return NamedSortIndex(name: name, item: SortIndex(sort: try d.sort(), index: try d.u32()))
            }
            return .instantiate(component: component, arguments: arguments)
        case 0x01:
            return .exports(
                try vector { (d: inout ComponentDecoder) throws(ComponentError) in
                    let name = try d.externName()
                    return NamedSortIndex(name: name, item: SortIndex(sort: try d.sort(), index: try d.u32()))
                })
        case let raw: throw .malformed("invalid instance kind 0x\(String(raw, radix: 16))", at: at)
        }
    }

    mutating func alias() throws(ComponentError) -> Alias {
        let sort = try self.sort()
        let at = offset
        switch try byte() {
        case 0x00: return Alias(sort: sort, target: .export(instance: try u32(), name: try name()))
        case 0x01: return Alias(sort: sort, target: .coreExport(instance: try u32(), name: try name()))
        case 0x02: return Alias(sort: sort, target: .outer(count: try u32(), index: try u32()))
        case let raw: throw .malformed("invalid alias target 0x\(String(raw, radix: 16))", at: at)
        }
    }

    /// An import or export name (`nameattributes`): attributes are a gated feature.
    mutating func externName() throws(ComponentError) -> String {
        let at = offset
        switch try byte() {
        case 0x00, 0x01: return try name()
        case 0x02:
            let name = try name()
            let countAt = offset
            guard try length() == 0 else {
                throw .unsupported("name attributes (implements, versionsuffix, external-id)", at: countAt)
            }
            return name
        case let raw: throw .malformed("invalid name kind 0x\(String(raw, radix: 16))", at: at)
        }
    }

    mutating func export() throws(ComponentError) -> ComponentExport {
        let name = try externName()
        let item = SortIndex(sort: try sort(), index: try u32())
        let at = offset
        switch try byte() {
        case 0x00: return ComponentExport(name: name, item: item, type: nil)
        case 0x01: return ComponentExport(name: name, item: item, type: try externType())
        case let raw: throw .malformed("invalid optional byte 0x\(String(raw, radix: 16))", at: at)
        }
    }

    mutating func canonical() throws(ComponentError) -> CanonicalFunction {
        let at = offset
        let opcode = try byte()
        switch opcode {
        case 0x00:
            try expectByte(0x00, "canon lift must name a core function")
            let function = try u32()
            let options = try canonicalOptions()
            return .lift(coreFunction: function, options: options, typeIndex: try u32())
        case 0x01:
            try expectByte(0x00, "canon lower must name a function")
            let function = try u32()
            return .lower(function: function, options: try canonicalOptions())
        case 0x02: return .resourceNew(typeIndex: try u32())
        case 0x03: return .resourceDrop(typeIndex: try u32())
        case 0x07: throw .unsupported("resource.drop async", at: at)
        case 0x04: return .resourceRep(typeIndex: try u32())
        case 0x05, 0x06, 0x08...0x0B, 0x0D...0x1B, 0x1F...0x25:
            throw .unsupported(
                "async canonical built-in 0x\(String(opcode, radix: 16)) (async, streams, futures)", at: at)
        case 0x1C...0x1E: throw .unsupported("error-context", at: at)
        case 0x0C: throw .unsupported("thread.yield (async)", at: at)
        case 0x26...0x2D, 0x40...0x42: throw .unsupported("threads canonical built-in", at: at)
        default: throw .malformed("invalid canonical function opcode 0x\(String(opcode, radix: 16))", at: at)
        }
    }

    mutating func expectByte(_ expected: UInt8, _ message: String) throws(ComponentError) {
        let at = offset
        guard try byte() == expected else { throw .malformed(message, at: at) }
    }

    /// Reads canonical options; duplicates and conflicts are kept for the validator by flagging them here,
    /// since the data model holds one value per option.
    mutating func canonicalOptions() throws(ComponentError) -> CanonicalOptions {
        var options = CanonicalOptions()
        let count = try length()
        for _ in 0..<count {
            let at = offset
            let opcode = try byte()
            switch opcode {
            case 0x00, 0x01, 0x02:
                guard options.stringEncoding == nil else {
                    throw .invalid("canonical encoding option conflicts with a previous one", at: at)
                }
                options.stringEncoding = StringEncoding(rawValue: opcode)
            case 0x03:
                guard options.memory == nil else { throw .invalid("`memory` is specified more than once", at: at) }
                options.memory = try u32()
            case 0x04:
                guard options.realloc == nil else { throw .invalid("`realloc` is specified more than once", at: at) }
                options.realloc = try u32()
            case 0x05:
                guard options.postReturn == nil else {
                    throw .invalid("`post-return` is specified more than once", at: at)
                }
                options.postReturn = try u32()
            case 0x06: throw .unsupported("the async canonical option", at: at)
            case 0x07: throw .unsupported("the callback canonical option (async)", at: at)
            case 0x08: throw .unsupported("the core-type canonical option (gc)", at: at)
            case 0x09: throw .unsupported("the gc canonical option", at: at)
            default: throw .malformed("invalid canonical option 0x\(String(opcode, radix: 16))", at: at)
            }
        }
        return options
    }
}

extension ComponentError {
    /// Keeps a core module's decoding error as malformed and its validation error as invalid.
    fileprivate func reclassified(_ error: ModuleError) -> ComponentError {
        var copy = self
        if case .malformed(let decodeError) = error {
            if case .unsupportedFeature = decodeError.reason {
                copy.kind = .unsupported
            } else {
                copy.kind = .malformed
            }
        }
        return copy
    }
}
