/// Type encodings: core types (function and module types), component value types, function,
/// component, instance and resource types, and extern types.
extension ComponentDecoder {
    // MARK: Core types

    mutating func coreType(depth: Int) throws(ComponentError) -> CoreTypeDefinition {
        let at = offset
        switch try peek() {
        case 0x50:
            core.reader.offset += 1
            guard depth < Self.maxDepth else { throw .malformed("types nested too deeply", at: at) }
            return .module(
                try vector { (d: inout ComponentDecoder) throws(ComponentError) in try d.moduleDeclaration() })
        case 0x60:
            return .function(try coreStep { (c: inout ModuleDecoder) throws(DecodeError) in try c.readFunctionType() })
        case 0x00, 0x4E, 0x4F, 0x5E, 0x5F:
            throw .unsupported("core GC types (rec, sub, struct, array)", at: at)
        case let raw: throw .malformed("invalid core type form 0x\(String(raw, radix: 16))", at: at)
        }
    }

    mutating func moduleDeclaration() throws(ComponentError) -> CoreModuleDeclaration {
        let at = offset
        switch try byte() {
        case 0x00:
            let module = try name()
            let field = try name()
            return .import(module: module, name: field, descriptor: try coreExternDescriptor())
        case 0x01:
            let typeAt = offset
            switch try peek() {
            case 0x60:
                return .type(
                    try coreStep { (c: inout ModuleDecoder) throws(DecodeError) in try c.readFunctionType() })
            case 0x50: throw .invalid("core module types cannot be nested in module types", at: typeAt)
            default: _ = try coreType(depth: Self.maxDepth)
            }
            throw .malformed("invalid core type in a module type", at: typeAt)
        case 0x02:
            let sortAt = offset
            guard try byte() == 0x10 else { throw .malformed("module type aliases must be of core types", at: sortAt) }
            try expectByte(0x01, "module type aliases must be outer aliases")
            return .outerTypeAlias(count: try u32(), index: try u32())
        case 0x03:
            return .export(name: try name(), descriptor: try coreExternDescriptor())
        case let raw: throw .malformed("invalid module type declaration 0x\(String(raw, radix: 16))", at: at)
        }
    }

    mutating func coreExternDescriptor() throws(ComponentError) -> CoreExternDescriptor {
        let at = offset
        switch try byte() {
        case 0x00: return .function(typeIndex: try u32())
        case 0x01: return .table(try coreStep { (c: inout ModuleDecoder) throws(DecodeError) in try c.readTableType() })
        case 0x02:
            return .memory(try coreStep { (c: inout ModuleDecoder) throws(DecodeError) in try c.readMemoryType() })
        case 0x03:
            return .global(try coreStep { (c: inout ModuleDecoder) throws(DecodeError) in try c.readGlobalType() })
        case 0x04:
            return .tag(typeIndex: try coreStep { (c: inout ModuleDecoder) throws(DecodeError) in try c.readTagType() })
        case let raw: throw .malformed("invalid core extern kind 0x\(String(raw, radix: 16))", at: at)
        }
    }

    // MARK: Component types

    /// A value type: a primitive (a negative one-byte SLEB128) or a type index.
    mutating func valueType() throws(ComponentError) -> ValueTypeReference {
        let at = offset
        let value: Int64
        do { value = try core.reader.readS33() } catch { throw .core(error, base: 0) }
        if value >= 0 { return .index(UInt32(value)) }
        let code = UInt8(truncatingIfNeeded: value) & 0x7F
        if let primitive = PrimitiveValueType(rawValue: code), offset == at + 1 { return .primitive(primitive) }
        if code == 0x64 { throw .unsupported("error-context", at: at) }
        throw .malformed("invalid value type 0x\(String(code, radix: 16))", at: at)
    }

    mutating func optionalValueType() throws(ComponentError) -> ValueTypeReference? {
        let at = offset
        switch try byte() {
        case 0x00: return nil
        case 0x01: return try valueType()
        case let raw: throw .malformed("invalid optional byte 0x\(String(raw, radix: 16))", at: at)
        }
    }

    mutating func labeledType() throws(ComponentError) -> LabeledType {
        LabeledType(label: try name(), type: try valueType())
    }

    mutating func typeDefinition(depth: Int) throws(ComponentError) -> ComponentTypeDefinition {
        let at = offset
        guard depth < Self.maxDepth else { throw .malformed("types nested too deeply", at: at) }
        switch try peek() {
        case 0x40:
            core.reader.offset += 1
            return .function(try functionType())
        case 0x43: throw .unsupported("async function types", at: at)
        case 0x41:
            core.reader.offset += 1
            return .component(
                try vector { (d: inout ComponentDecoder) throws(ComponentError) in
                    try d.typeDeclaration(inComponent: true, depth: depth + 1)
                })
        case 0x42:
            core.reader.offset += 1
            return .instance(
                try vector { (d: inout ComponentDecoder) throws(ComponentError) in
                    try d.typeDeclaration(inComponent: false, depth: depth + 1)
                })
        case 0x3F:
            core.reader.offset += 1
            let representation = try coreStep { (c: inout ModuleDecoder) throws(DecodeError) in try c.readValueType() }
            let destructorAt = offset
            switch try byte() {
            case 0x00: return .resource(representation: representation, destructor: nil)
            case 0x01: return .resource(representation: representation, destructor: try u32())
            case let raw: throw .malformed("invalid optional byte 0x\(String(raw, radix: 16))", at: destructorAt)
            }
        case 0x3E: throw .unsupported("async resource destructors", at: at)
        default:
            return .value(try definedValueType())
        }
    }

    mutating func functionType() throws(ComponentError) -> ComponentFunctionType {
        let parameters = try vector { (d: inout ComponentDecoder) throws(ComponentError) in try d.labeledType() }
        let at = offset
        switch try byte() {
        case 0x00: return ComponentFunctionType(parameters: parameters, result: try valueType())
        case 0x01:
            let countAt = offset
            guard try byte() == 0x00 else {
                throw .unsupported("named or multiple function results", at: countAt)
            }
            return ComponentFunctionType(parameters: parameters, result: nil)
        case let raw: throw .malformed("invalid function result list 0x\(String(raw, radix: 16))", at: at)
        }
    }

    mutating func definedValueType() throws(ComponentError) -> DefinedValueType {
        let at = offset
        let code = try byte()
        if let primitive = PrimitiveValueType(rawValue: code) { return .primitive(primitive) }
        switch code {
        case 0x72:
            return .record(try vector { (d: inout ComponentDecoder) throws(ComponentError) in try d.labeledType() })
        case 0x71:
            return .variant(
                try vector { (d: inout ComponentDecoder) throws(ComponentError) in
                    let label = try d.name()
                    let type = try d.optionalValueType()
                    let refinesAt = d.offset
                    guard try d.byte() == 0x00 else {
                        throw .malformed("variant case refinements are not supported", at: refinesAt)
                    }
                    return VariantCase(label: label, type: type)
                })
        case 0x70: return .list(try valueType())
        case 0x67: throw .unsupported("fixed-length lists", at: at)
        case 0x6F:
            return .tuple(try vector { (d: inout ComponentDecoder) throws(ComponentError) in try d.valueType() })
        case 0x6E: return .flags(try vector { (d: inout ComponentDecoder) throws(ComponentError) in try d.name() })
        case 0x6D: return .enum(try vector { (d: inout ComponentDecoder) throws(ComponentError) in try d.name() })
        case 0x6B: return .option(try valueType())
        case 0x6A: return .result(ok: try optionalValueType(), error: try optionalValueType())
        case 0x69: return .own(try u32())
        case 0x68: return .borrow(try u32())
        case 0x66: throw .unsupported("streams", at: at)
        case 0x65: throw .unsupported("futures", at: at)
        case 0x64: throw .unsupported("error-context", at: at)
        case 0x63: throw .unsupported("maps", at: at)
        default: throw .malformed("invalid type form 0x\(String(code, radix: 16))", at: at)
        }
    }

    mutating func typeDeclaration(inComponent: Bool, depth: Int) throws(ComponentError) -> TypeDeclaration {
        let at = offset
        switch try byte() {
        case 0x00: return .coreType(try coreType(depth: depth))
        case 0x01: return .type(try typeDefinition(depth: depth))
        case 0x02: return .alias(try alias())
        case 0x03 where inComponent: return .import(name: try externName(), type: try externType())
        case 0x04: return .export(name: try externName(), type: try externType())
        case let raw:
            throw .malformed(
                "invalid \(inComponent ? "component" : "instance") type declaration 0x\(String(raw, radix: 16))",
                at: at)
        }
    }

    mutating func externType() throws(ComponentError) -> ComponentExternType {
        let at = offset
        switch try byte() {
        case 0x00:
            try expectByte(0x11, "core extern types must be modules")
            return .module(coreTypeIndex: try u32())
        case 0x01: return .function(typeIndex: try u32())
        case 0x02: throw .unsupported("value imports and exports (component values)", at: at)
        case 0x03:
            let boundAt = offset
            switch try byte() {
            case 0x00: return .type(.equal(try u32()))
            case 0x01: return .type(.subResource)
            case let raw: throw .malformed("invalid type bound 0x\(String(raw, radix: 16))", at: boundAt)
            }
        case 0x04: return .component(typeIndex: try u32())
        case 0x05: return .instance(typeIndex: try u32())
        case let raw: throw .malformed("invalid extern type 0x\(String(raw, radix: 16))", at: at)
        }
    }
}
