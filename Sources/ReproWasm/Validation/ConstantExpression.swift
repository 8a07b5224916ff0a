/// One instruction of a validated constant expression.
enum ConstantInstruction: Sendable, Equatable {
    case i32Const(Int32)
    case i64Const(Int64)
    case f32Const(UInt32)
    case f64Const(UInt64)
    case v128Const(UInt64, UInt64)
    case refNull(ValueType)
    case refFunc(UInt32)
    case globalGet(UInt32)
    case i32Add, i32Sub, i32Mul, i64Add, i64Sub, i64Mul
}

/// A validated constant expression (global initialiser, segment offset, element item), evaluated
/// at instantiation on a tiny stack.
struct ConstantExpression: Sendable, Equatable {
    var instructions: [ConstantInstruction]
    var type: ValueType

    /// The single function index of a `ref.func x` expression, used to find declared references.
    var referencedFunctions: [UInt32] {
        instructions.compactMap { if case .refFunc(let index) = $0 { index } else { nil } }
    }
}

extension BodyReader {
    /// Reads and type-checks a constant expression that must produce `expected`.
    ///
    /// `globals` are the module's global types (imported first); only the first `visibleGlobals` may
    /// be read, and only immutable ones. `functionTypeIndices` gives the type of each function (for
    /// `ref.func`, typed `(ref $t)`); the result must be a subtype of `expected` under `relations`.
    mutating func readConstantExpression(
        expecting expected: ValueType, globals: [GlobalType], visibleGlobals: Int, functionTypeIndices: [UInt32],
        relations: TypeRelations, features: Features
    ) throws(ModuleError) -> ConstantExpression {
        typeCount = relations.canonical.count
        let functionCount = functionTypeIndices.count
        var instructions: [ConstantInstruction] = []
        var stack: [ValueType] = []
        func pop(_ type: ValueType, at offset: Int) throws(ModuleError) {
            guard let top = stack.popLast(), relations.isSubtype(top, of: type) else {
                throw .invalid(ValidationError(.typeMismatch(""), at: offset))
            }
        }
        while true {
            let offset = reader.offset
            let opcode = try readOpcode()
            switch opcode {
            case .end:
                guard stack.count == 1, relations.isSubtype(stack[0], of: expected) else {
                    throw .invalid(ValidationError(.typeMismatch("constant expression"), at: offset))
                }
                return ConstantExpression(instructions: instructions, type: expected)
            case .i32Const:
                instructions.append(.i32Const(try s32()))
                stack.append(.i32)
            case .i64Const:
                instructions.append(.i64Const(try s64()))
                stack.append(.i64)
            case .f32Const:
                instructions.append(.f32Const(try fixedU32()))
                stack.append(.f32)
            case .f64Const:
                instructions.append(.f64Const(try fixedU64()))
                stack.append(.f64)
            case .v128Const:
                try requireFeature(.simd, at: offset)
                let low = try fixedU64()
                instructions.append(.v128Const(low, try fixedU64()))
                stack.append(.v128)
            case .refNull:
                let type = try readHeapType()
                instructions.append(.refNull(type))
                stack.append(type)
            case .refFunc:
                let index = try u32()
                guard index < functionCount else {
                    throw .invalid(ValidationError(.unknownFunction(index), at: offset))
                }
                instructions.append(.refFunc(index))
                stack.append(.ref(.concrete(functionTypeIndices[Int(index)])))
            case .globalGet:
                let index = try u32()
                guard index < globals.count, Int(index) < visibleGlobals else {
                    throw .invalid(ValidationError(.unknownGlobal(index), at: offset))
                }
                guard !globals[Int(index)].isMutable else {
                    throw .invalid(ValidationError(.constantExpressionRequired, at: offset))
                }
                instructions.append(.globalGet(index))
                stack.append(globals[Int(index)].valueType)
            case .i32Add, .i32Sub, .i32Mul, .i64Add, .i64Sub, .i64Mul:
                guard features.contains(.extendedConst) else {
                    throw .invalid(ValidationError(.featureNotEnabled(.extendedConst), at: offset))
                }
                let type: ValueType = opcode == .i32Add || opcode == .i32Sub || opcode == .i32Mul ? .i32 : .i64
                try pop(type, at: offset)
                try pop(type, at: offset)
                stack.append(type)
                switch opcode {
                case .i32Add: instructions.append(.i32Add)
                case .i32Sub: instructions.append(.i32Sub)
                case .i32Mul: instructions.append(.i32Mul)
                case .i64Add: instructions.append(.i64Add)
                case .i64Sub: instructions.append(.i64Sub)
                default: instructions.append(.i64Mul)
                }
            default:
                throw .invalid(ValidationError(.constantExpressionRequired, at: offset))
            }
        }
    }
}
