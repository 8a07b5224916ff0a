/// How an instruction is encoded in the binary format.
enum Encoding: Hashable, Sendable {
    /// A single opcode byte.
    case byte(UInt8)
    /// A prefix byte (`0xFC`, `0xFD`) followed by a LEB128 u32 sub-opcode.
    case prefixed(UInt8, UInt32)
}

/// The immediates that follow an opcode.
enum ImmediateShape: Sendable {
    case none
    /// `block`, `loop`, `if`: an s33 block type.
    case blockType
    /// `br`, `br_if`: a label depth.
    case labelDepth
    /// `br_table`: a vector of label depths and a default.
    case labelTable
    /// `call`, `return_call`, `ref.func`: a function index.
    case functionIndex
    /// `call_ref`, `return_call_ref`: a type index.
    case typeIndex
    /// `call_indirect`, `return_call_indirect`: a type index and a table index.
    case callIndirect
    /// `local.get/set/tee`.
    case localIndex
    /// `global.get/set`.
    case globalIndex
    /// `table.get/set/size/grow/fill`: a table index.
    case tableIndex
    /// Loads and stores: alignment flags (bit 6 announces a memory index), optional memory index, offset.
    case memarg
    /// `v128.load8_lane` and friends: a memarg and a lane index byte.
    case memargLane
    /// `memory.size/grow/fill`: a memory index.
    case memoryIndex
    /// `memory.copy`: destination and source memory indices.
    case memoryCopy
    /// `memory.init`: a data index and a memory index.
    case memoryInit
    /// `data.drop`: a data index.
    case dataIndex
    /// `table.init`: an element index and a table index.
    case tableInit
    /// `table.copy`: destination and source table indices.
    case tableCopy
    /// `elem.drop`: an element index.
    case elementIndex
    /// `i32.const`: an s32.
    case i32
    /// `i64.const`: an s64.
    case i64
    /// `f32.const`: 4 raw bytes.
    case f32
    /// `f64.const`: 8 raw bytes.
    case f64
    /// `v128.const`: 16 raw bytes.
    case v128
    /// `extract_lane`/`replace_lane`: one lane index byte.
    case laneIndex
    /// `i8x16.shuffle`: 16 lane index bytes.
    case shuffle
    /// `select t*`: a vector of value types.
    case selectTypes
    /// `ref.null`: a heap type.
    case heapType
    /// `throw`: a tag index.
    case tagIndex
    /// `try_table`: a block type, then a vector of catch clauses (kind byte, tag index for `catch`
    /// and `catch_ref`, label depth).
    case tryTable
}

/// The operand-stack effect of an instruction whose typing is fixed.
///
/// `inputs` are listed bottom to top (the order they were pushed); `output` is pushed after they
/// are popped. Memory instructions also pop/push these types: a load is `[i32] -> [t]`.
struct StackSignature: Sendable {
    /// How many inputs (0 to 3).
    let inputCount: UInt8
    let input0: ValueType
    let input1: ValueType
    let input2: ValueType
    let output: ValueType?

    init(_ inputs: [ValueType], _ output: ValueType?) {
        precondition(inputs.count <= 3)
        inputCount = UInt8(inputs.count)
        input0 = inputs.count > 0 ? inputs[0] : .i32
        input1 = inputs.count > 1 ? inputs[1] : .i32
        input2 = inputs.count > 2 ? inputs[2] : .i32
        self.output = output
    }

    /// Input `index`, counted from the bottom.
    func input(_ index: Int) -> ValueType {
        switch index {
        case 0: input0
        case 1: input1
        default: input2
        }
    }
}

/// How the validator types an instruction.
enum OperandShape: Sendable {
    /// A fixed signature: the generic path checks it.
    case fixed(StackSignature)
    /// Control, calls, locals, globals, references, tables, bulk memory, `select`, `drop`, ...:
    /// typed by hand in the validator.
    case custom
}

/// Everything the engine knows about one instruction: the single source of truth for decoding,
/// validation, lowering and the determinism contract.
struct OpcodeInfo: Sendable {
    /// The text-format name, e.g. `"f64.div"`.
    let mnemonic: StaticString
    let encoding: Encoding
    let immediates: ImmediateShape
    let shape: OperandShape
    /// The proposal that introduced the instruction; the feature gate checks it.
    let feature: Feature
    /// Bytes accessed by a memory instruction (alignment bound is log2 of this); 0 otherwise.
    let accessBytes: UInt8
    /// For lane instructions: the number of lanes (lane index bound); 0 otherwise.
    let laneCount: UInt8
    /// Whether executing it adds to the instruction counter (`docs/DETERMINISM.md` §3).
    let isCounted: Bool
    /// Whether a NaN result is replaced by the canonical NaN (`docs/DETERMINISM.md` §2).
    let canonicalizesNaN: Bool
}
