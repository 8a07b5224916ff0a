/// Every instruction the engine decodes. Filled in by the opcode table.
enum Opcode: UInt16, CaseIterable, Sendable {
    case unreachable
}
