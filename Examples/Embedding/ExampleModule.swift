/// The module the example embeds, in the binary format. Its text form:
///
///     (module
///       (import "env" "log" (func $log (param i32)))
///       (memory (export "memory") 1)
///       (func $fib (export "fib") (param $n i32) (result i32)
///         (if (result i32) (i32.lt_u (local.get $n) (i32.const 2))
///           (then (local.get $n))
///           (else (i32.add (call $fib (i32.sub (local.get $n) (i32.const 1)))
///                          (call $fib (i32.sub (local.get $n) (i32.const 2)))))))
///       (func (export "run") (param $n i32) (result i32)
///         (call $log (local.get $n))
///         (call $fib (local.get $n))))
///
/// Every call of `fib` counts 3 instructions (`if`, then `else` or the else-arm's `end`, and the
/// body's `end`), so `run(n)` counts 3 × (2 × fib(n + 1) − 1) + 1: 65,674 for n = 20.
let exampleModuleBytes: [UInt8] = [
    0x00, 0x61, 0x73, 0x6D, 0x01, 0x00, 0x00, 0x00,  // "\0asm", version 1
    // type section: 0 = (i32) -> (), 1 = (i32) -> (i32)
    0x01, 0x0A, 0x02, 0x60, 0x01, 0x7F, 0x00, 0x60, 0x01, 0x7F, 0x01, 0x7F,
    // import section: "env" "log" function of type 0 (function index 0)
    0x02, 0x0B, 0x01, 0x03, 0x65, 0x6E, 0x76, 0x03, 0x6C, 0x6F, 0x67, 0x00, 0x00,
    // function section: fib (index 1) and run (index 2), both of type 1
    0x03, 0x03, 0x02, 0x01, 0x01,
    // memory section: one memory of 1 page
    0x05, 0x03, 0x01, 0x00, 0x01,
    // export section: "memory" memory 0, "fib" function 1, "run" function 2
    0x07, 0x16, 0x03,
    0x06, 0x6D, 0x65, 0x6D, 0x6F, 0x72, 0x79, 0x02, 0x00,
    0x03, 0x66, 0x69, 0x62, 0x00, 0x01,
    0x03, 0x72, 0x75, 0x6E, 0x00, 0x02,
    // code section: two bodies
    0x0A, 0x29, 0x02,
    // fib: no locals; local.get 0, i32.const 2, i32.lt_u, if (result i32)
    0x1C, 0x00, 0x20, 0x00, 0x41, 0x02, 0x49, 0x04, 0x7F,
    //   local.get 0, else, local.get 0, i32.const 1, i32.sub, call 1
    0x20, 0x00, 0x05, 0x20, 0x00, 0x41, 0x01, 0x6B, 0x10, 0x01,
    //   local.get 0, i32.const 2, i32.sub, call 1, i32.add, end (if), end (body)
    0x20, 0x00, 0x41, 0x02, 0x6B, 0x10, 0x01, 0x6A, 0x0B, 0x0B,
    // run: no locals; local.get 0, call 0 (log), local.get 0, call 1 (fib), end
    0x0A, 0x00, 0x20, 0x00, 0x10, 0x00, 0x20, 0x00, 0x10, 0x01, 0x0B,
]
