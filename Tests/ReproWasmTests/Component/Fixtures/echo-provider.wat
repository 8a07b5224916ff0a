;; The provider half of the composition test: exports `demo:text/echo` whose `echo` returns the string
;; it was given (UTF-8 in its memory). Both core functions are branch-free: each call counts 1.
(component
  (component $Impl
    (core module $M
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
        (local.get $at))
      (func (export "echo") (param $ptr i32) (param $len i32) (result i32)
        (i32.store (i32.const 16) (local.get $ptr))
        (i32.store (i32.const 20) (local.get $len))
        (i32.const 16)))
    (core instance $m (instantiate $M))
    (func (export "echo") (param "s" string) (result string)
      (canon lift (core func $m "echo") (memory (core memory $m "memory")) (realloc (core func $m "realloc"))
        string-encoding=utf8)))
  (instance $impl (instantiate $Impl))
  (export "demo:text/echo" (instance $impl))
)
