;; A composed component for the canonical ABI tests: the outer component instantiates the nested
;; component $Lib with the host's `shout` function and re-exports what $Lib lifts. Every core
;; function here is branch-free except `classify`, so instruction counts follow by hand from the
;; counting rule (each function's final `end` counts 1).
(component
  (import "host:demo/log" (instance $host
    (export "shout" (func (param "msg" string) (result string)))))

  (component $Lib
    (import "shout" (func $shout (param "msg" string) (result string)))

    ;; The memory and its allocator, in a module of their own so `shout` can be lowered with them
    ;; before the code module that calls it is instantiated.
    (core module $Memory
      (memory (export "memory") 1)
      (data (i32.const 100) "no tags")
      (global $next (mut i32) (i32.const 1024))
      ;; A bump allocator: the next free byte rounded up to `align`; never frees. Counts 1.
      (func (export "realloc") (param $old i32) (param $old-size i32) (param $align i32) (param $size i32) (result i32)
        (local $at i32)
        (local.set $at
          (i32.and
            (i32.add (global.get $next) (i32.sub (local.get $align) (i32.const 1)))
            (i32.sub (i32.const 0) (local.get $align))))
        (global.set $next (i32.add (local.get $at) (local.get $size)))
        (local.get $at)))
    (core instance $memory (instantiate $Memory))

    (core func $shout-lowered (canon lower (func $shout)
      (memory (core memory $memory "memory")) (realloc (core func $memory "realloc")) string-encoding=utf8))

    (core module $Code
      (import "memory" "memory" (memory 1))
      (import "host" "shout" (func $shout (param i32 i32 i32)))
      ;; greet(name) = shout(name): the host's answer, written at 48, is returned as is. Counts 1.
      (func (export "greet") (param $ptr i32) (param $len i32) (result i32)
        (call $shout (local.get $ptr) (local.get $len) (i32.const 48))
        (i32.const 48))
      ;; classify(p, tags): err("no tags") for no tags, else ok(origin) or ok(plane(x, y)), at 32.
      (func (export "classify") (param $x i32) (param $y i32) (param $tags i32) (param $count i32) (result i32)
        (if (i32.eqz (local.get $count))
          (then
            (i32.store8 (i32.const 32) (i32.const 1))
            (i32.store (i32.const 36) (i32.const 100))
            (i32.store (i32.const 40) (i32.const 7)))
          (else
            (i32.store8 (i32.const 32) (i32.const 0))
            (if (i32.or (local.get $x) (local.get $y))
              (then
                (i32.store8 (i32.const 36) (i32.const 1))
                (i32.store (i32.const 40) (local.get $x))
                (i32.store (i32.const 44) (local.get $y)))
              (else (i32.store8 (i32.const 36) (i32.const 0))))))
        (i32.const 32))
      ;; The post-return function of both exports: counts its calls. Counts 1.
      (global $post-returns (export "post-returns") (mut i32) (i32.const 0))
      (func (export "post") (param i32)
        (global.set $post-returns (i32.add (global.get $post-returns) (i32.const 1)))))
    (core instance $code (instantiate $Code
      (with "memory" (instance $memory))
      (with "host" (instance (export "shout" (func $shout-lowered))))))

    (type $point (record (field "x" s32) (field "y" s32)))
    (export $point' "point" (type $point))
    (type $shape (variant (case "origin") (case "plane" (tuple s32 s32))))
    (export $shape' "shape" (type $shape))

    (func (export "greet") (param "name" string) (result string)
      (canon lift (core func $code "greet") (memory (core memory $memory "memory")) (realloc (core func $memory "realloc"))
        (post-return (core func $code "post"))))
    (func (export "classify") (param "p" $point') (param "tags" (list string)) (result (result $shape' (error string)))
      (canon lift (core func $code "classify") (memory (core memory $memory "memory")) (realloc (core func $memory "realloc"))
        (post-return (core func $code "post"))))
  )

  (instance $lib (instantiate $Lib (with "shout" (func $host "shout"))))
  (export "demo:lib/api" (instance $lib))
)
