// What an embedder can learn about a module before instantiating it: its imports and exports with
// their types, its custom sections and the names from its name section.

extension Module {
    /// The module's imports with their types, in the order of the import section.
    ///
    /// The instruction counter import (`numcodecs:wasm/perf@0.1.0` `instruction-counter`) is listed
    /// too; the store supplies it, so an embedder need not define it.
    ///
    ///     for entry in module.imports { print(entry) }   // "env" "log": func (i32) -> ()
    public var imports: [ImportType] {
        let parsed = validated.parsed
        return parsed.imports.map { entry in
            let type: ExternType =
                switch entry.descriptor {
                case .function(let index): .function(parsed.types[Int(index)])
                case .table(let table): .table(table)
                case .memory(let memory): .memory(memory)
                case .global(let global): .global(global)
                case .tag(let index): .tag(TagType(parameters: parsed.types[Int(index)].parameters))
                }
            return ImportType(module: entry.module, name: entry.name, type: type)
        }
    }

    /// The module's exports with their types, in the order of the export section.
    ///
    ///     let functions = module.exports.filter { $0.type.kind == .function }.map(\.name)
    public var exports: [ExportType] {
        let validated = self.validated
        return validated.parsed.exports.map { export in
            let index = Int(export.index)
            let type: ExternType =
                switch export.kind {
                case .function: .function(validated.parsed.types[Int(validated.functionTypeIndices[index])])
                case .table: .table(validated.tables[index])
                case .memory: .memory(validated.memories[index])
                case .global: .global(validated.globalTypes[index])
                case .tag: .tag(TagType(parameters: validated.parsed.types[Int(validated.tags[index])].parameters))
                }
            return ExportType(name: export.name, type: type)
        }
    }

    /// The payloads of the custom sections called `name`, in the order they appear (a module may
    /// have several sections with one name, or none).
    ///
    ///     let producers = module.customSections(named: "producers").first
    public func customSections(named name: String) -> [[UInt8]] {
        let parsed = validated.parsed
        let key = Array(name.utf8)
        return parsed.customSections.filter { Array($0.name.utf8) == key }.map { Array(parsed.bytes[$0.payload]) }
    }

    /// The function names from the `name` section, by index in the function index space (imported
    /// functions first). Empty when the module has no name section or it is malformed.
    ///
    /// A dictionary: look names up, or sort the keys before printing (its order changes between runs).
    public var functionNames: [UInt32: String] { validated.parsed.names?.functionNames ?? [:] }

    /// The name section's name for function `index`, if it has one.
    public func functionName(at index: UInt32) -> String? { validated.parsed.names?.functionNames[index] }
}
