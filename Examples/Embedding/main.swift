// A complete embedding of ReproWasm, using only the public API: load a module, link a host function,
// call, read the instruction count, and run out of fuel. The code between the quickstart markers is
// the README's and the DocC article's quickstart, word for word (scripts/check-quickstart.sh checks
// that), so the documentation keeps compiling because CI builds and runs this target.

// quickstart-begin
import ReproWasm

// 1. Load: decode and validate once. A Module is immutable and Sendable; `Module(contentsOf:)` reads a file.
let module = try Module(bytes: exampleModuleBytes)
for entry in module.imports { print("import", entry) }  // "env" "log": func (i32) -> ()

// 2. Link a host function. It gets the caller (the store, the calling instance and its memory) and
//    the arguments; whatever it throws becomes a trap. Store.userData is the embedder's state.
final class Log { var lines: [String] = [] }
let store = Store()
store.userData = Log()
var imports = Imports()
imports.defineFunction(module: "env", name: "log", type: FunctionType(parameters: [.i32])) { caller, arguments in
    caller.store.userData(as: Log.self)?.lines.append("run(\(arguments[0].i32!))")
    return []
}
let instance = try store.instantiate(module, imports: imports)

// 3. Call: with [Value], or through a typed view whose signature is checked once.
let run = try instance.function(named: "run")!.typed(Int32.self, returning: Int32.self)
print("run(20) =", try run(20))  // 6765

// 4. Read the count: the same on every machine and every run.
print("instructions:", store.instructionCount)  // 65674

// 5. Set fuel: when it runs out, execution traps at the same instruction everywhere, and the
//    store stays usable. Refuel (or set nil for unlimited) and the next call runs.
store.fuel = 1_000
do {
    _ = try run(20)
} catch {
    print("trapped:", error)  // `error` is a Trap: "out of fuel in function 1 \"fib\" at offset 0x4d"
    if error.code == .outOfFuel { store.fuel = nil }  // unlimited again
}
print("run(10) =", try run(10), "log:", store.userData(as: Log.self)!.lines)
// quickstart-end

// Beyond the quickstart: untyped calls, the memory, and a host error becoming a trap.
let fib = instance.function(named: "fib")!
print("fib(12) via [Value]:", try fib.call([.i32(12)]))  // [i32:144]
let memory = instance.memory(named: "memory")!
try memory.store(UInt32(0xC0FFEE), at: 64)
print("memory[64] =", String(try memory.load(UInt32.self, at: 64), radix: 16), "pages:", memory.pageCount)

struct Refused: Error, CustomStringConvertible { var description: String { "the host refused" } }
var failing = Imports()
failing.defineFunction(module: "env", name: "log", type: FunctionType(parameters: [.i32])) { _, _ in throw Refused() }
let strict = try store.instantiate(module, imports: failing)
do {
    _ = try strict.function(named: "run")!.call([.i32(1)])
} catch {
    print("trapped:", error)  // "host error: the host refused in function 2 \"run\" at offset 0x67"
}
