import Foundation
import Testing

@testable import ReproWasm

/// The component fixtures: text sources in `Fixtures/`, built by `scripts/build-component-fixtures.sh`
/// (wasm-tools), with the world `wasm-tools component wit` printed for each valid one.
enum ComponentFixtures {
    static let directory = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent(
        "Fixtures")

    static func bytes(_ name: String) throws -> [UInt8] {
        Array(try Data(contentsOf: directory.appendingPathComponent(name + ".wasm")))
    }

    static func text(_ name: String) throws -> String {
        try String(contentsOf: directory.appendingPathComponent(name + ".wit"), encoding: .utf8)
    }
}

@Suite struct ComponentFixtureTests {
    @Test(arguments: [
        "world", "resources", "canonical-abi", "resource-run", "echo-provider", "echo-consumer", "host-resource",
        "core-tags", "borrow-lend",
    ])
    func printsTheSameWorldAsWasmTools(name: String) throws {
        let component = try Component(bytes: try ComponentFixtures.bytes(name))
        #expect(component.wit == (try ComponentFixtures.text(name)))
    }

    @Test func worldImportsAndExports() throws {
        let component = try Component(bytes: try ComponentFixtures.bytes("world"))
        #expect(component.importNames == ["test:demo/host@1.2.3", "log"])
        #expect(component.exportNames == ["add"])
        // The interface's types reach the validator's graph with their structure.
        let host = try #require(component.validated.imports.first)
        guard case .instance(let exports) = component.validated.graph[host.entity.type] else {
            Issue.record("the import is not an instance")
            return
        }
        #expect(
            exports.map(\.name) == [
                "thing", "point", "color", "perm", "shape", "[constructor]thing", "[method]thing.name", "compute",
                "tuple-in",
            ])
        let point = try #require(exports.first { $0.name == "point" })
        guard case .value(.record(let fields)) = component.validated.graph[point.entity.type] else {
            Issue.record("point is not a record")
            return
        }
        #expect(
            fields == [
                ResolvedField(label: "x", type: .primitive(.s32)), ResolvedField(label: "y", type: .primitive(.s32)),
            ])
    }

    @Test func resourcesFixtureDecodesEveryKindOfDefinition() throws {
        let component = try Component(bytes: try ComponentFixtures.bytes("resources"))
        #expect(component.importNames == ["host-log"])
        #expect(component.exportNames == ["test:res/counters@0.1.0", "greet"])
        var kinds: Set<String> = []
        for definition in component.parsed.definitions {
            switch definition.kind {
            case .coreModule: kinds.insert("core module")
            case .coreInstance: kinds.insert("core instance")
            case .coreType: kinds.insert("core type")
            case .component: kinds.insert("component")
            case .instance: kinds.insert("instance")
            case .alias: kinds.insert("alias")
            case .type: kinds.insert("type")
            case .canon: kinds.insert("canon")
            case .import: kinds.insert("import")
            case .export: kinds.insert("export")
            }
        }
        #expect(
            kinds == [
                "core module", "core instance", "component", "instance", "alias", "type", "canon", "import", "export",
            ])
        let canons = component.parsed.definitions.compactMap { definition -> CanonicalFunction? in
            if case .canon(let canon) = definition.kind { canon } else { nil }
        }
        #expect(canons.contains { if case .resourceNew = $0 { true } else { false } })
        #expect(canons.contains { if case .resourceDrop = $0 { true } else { false } })
        let greet = canons.first { if case .lift(_, let options, _) = $0 { options.postReturn != nil } else { false } }
        guard case .lift(_, let options, _)? = greet else {
            Issue.record("no lift with post-return")
            return
        }
        #expect(options.memory == 0 && options.realloc != nil && options.stringEncoding == nil)
    }

    @Test(
        arguments: [
            ("invalid-lift-signature", "lowered type mismatch"),
            ("invalid-missing-argument", "missing import named `f`"),
            ("invalid-borrow-result", "borrow"),
            ("invalid-name-conflict", "conflicts with previous name"),
            ("invalid-foreign-resource-new", "not a local resource"),
            ("invalid-unnamed-export", "not valid to be used as export"),
            ("invalid-missing-memory", "`memory` is required"),
            ("invalid-core-tag-alias", "export `f` for core instance 0 is not a tag"),
            ("invalid-ascribed-resource", "resource types are not the same"),
        ])
    func rejectsInvalidComponents(name: String, message: String) throws {
        let bytes = try ComponentFixtures.bytes(name)
        do {
            _ = try Component(bytes: bytes)
            Issue.record("\(name) validated")
        } catch {
            #expect(error.kind == .invalid)
            #expect(error.message.contains(message), "\(error)")
            #expect(error.offset.map { $0 > 8 && $0 < bytes.count } == true)
        }
    }

    /// Every truncation of a valid component is an error, never a crash, with an offset inside the bytes;
    /// only a cut between two top-level sections leaves a (shorter) component that may load.
    @Test func everyTruncationIsAnErrorOrEndsAtASection() throws {
        let bytes = try ComponentFixtures.bytes("resources")
        var boundaries: Set<Int> = [8]
        var reader = ByteReader(bytes, offset: 8)
        while !reader.isAtEnd {
            _ = try reader.readByte()
            let size = try reader.readLength()
            reader.offset += size
            boundaries.insert(reader.offset)
        }
        #expect(boundaries.count > 10)
        var loaded = 0
        for length in 0..<bytes.count {
            do {
                _ = try Component(bytes: Array(bytes[..<length]))
                #expect(boundaries.contains(length), "a prefix of \(length) bytes loaded")
                loaded += 1
            } catch {
                #expect(error.kind == .malformed || error.kind == .invalid, "\(length): \(error)")
                #expect((error.offset ?? 0) <= length)
            }
        }
        #expect(loaded > 0 && loaded < boundaries.count)
    }
}
