;; The consumer half of the composition test: imports `demo:text/echo` and exports `run`, which passes
;; its argument to `echo` and returns the answer. It keeps strings in UTF-16, so strings are
;; transcoded on the way in and out of both components. Both core functions count 1 per call.
(component
  (import "demo:text/echo" (instance $echo (export "echo" (func (param "s" string) (result string)))))
  (core module $Memory
    (memory (export "memory") 1)
    (global $next (mut i32) (i32.const 1024))
    (func (export "realloc") (param $old i32) (param $old-size i32) (param $align i32) (param $size i32) (result i32)
      (local $at i32)
      (local.set $at
        (i32.and
          (i32.add (global.get $next) (i32.sub (local.get $align) (i32.const 1)))
          (i32.sub (i32.const 0) (local.get $align))))
      (global.set $next (i32.add (local.get $at) (local.get $size)))
      ;; Moves the old contents, as a realloc must (the canonical ABI's transcoding relies on it).
      (memory.copy (local.get $at) (local.get $old)
        (select (local.get $old-size) (local.get $size) (i32.lt_u (local.get $old-size) (local.get $size))))
      (local.get $at)))
  (core instance $memory (instantiate $Memory))
  (core func $echo (canon lower (func $echo "echo")
    (memory (core memory $memory "memory")) (realloc (core func $memory "realloc")) string-encoding=utf16))
  (core module $Code
    (import "echo" "echo" (func $echo (param i32 i32 i32)))
    (func (export "run") (param $ptr i32) (param $len i32) (result i32)
      (call $echo (local.get $ptr) (local.get $len) (i32.const 32))
      (i32.const 32)))
  (core instance $code (instantiate $Code (with "echo" (instance (export "echo" (func $echo))))))
  (func (export "run") (param "s" string) (result string)
    (canon lift (core func $code "run") (memory (core memory $memory "memory"))
      (realloc (core func $memory "realloc")) string-encoding=utf16))
)
