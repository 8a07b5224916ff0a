;; A component that defines a resource and hands its handles to the host: the `counter` resource's
;; representation is its start value; its destructor records the representation it dropped. Every
;; core function is branch-free, so each call counts 1 per function it runs (its `end`).
(component
  (component $Impl
    (core module $Destructor
      (global $last (export "last") (mut i32) (i32.const -1))
      ;; Counts 1.
      (func (export "dtor") (param $rep i32) (global.set $last (local.get $rep))))
    (core instance $destructor (instantiate $Destructor))

    (type $counter (resource (rep i32) (dtor (core func $destructor "dtor"))))
    (core func $new (canon resource.new $counter))
    (core func $rep (canon resource.rep $counter))
    (core func $drop (canon resource.drop $counter))

    (core module $Code
      (import "resource" "new" (func $new (param i32) (result i32)))
      (import "resource" "rep" (func $rep (param i32) (result i32)))
      (import "resource" "drop" (func $drop (param i32)))
      (import "destructor" "last" (global $last (mut i32)))
      ;; Counts 1.
      (func (export "make") (param $start i32) (result i32) (call $new (local.get $start)))
      ;; A borrow of a resource the component defines arrives as its representation. Counts 1.
      (func (export "get") (param $rep i32) (result i32) (local.get $rep))
      ;; Takes ownership, reads the representation, drops the handle (running the destructor, 1). Counts 2.
      (func (export "consume") (param $handle i32) (result i32)
        (local $value i32)
        (local.set $value (call $rep (local.get $handle)))
        (call $drop (local.get $handle))
        (local.get $value))
      ;; Drops its handle twice: the second drop traps with an unknown handle.
      (func (export "drop-twice") (param $handle i32)
        (call $drop (local.get $handle))
        (call $drop (local.get $handle)))
      ;; Counts 1.
      (func (export "last-dropped") (result i32) (global.get $last)))
    (core instance $code (instantiate $Code
      (with "resource" (instance (export "new" (func $new)) (export "rep" (func $rep)) (export "drop" (func $drop))))
      (with "destructor" (instance $destructor))))

    (export $counter' "counter" (type $counter))
    (func (export "[constructor]counter") (param "start" u32) (result (own $counter'))
      (canon lift (core func $code "make")))
    (func (export "[method]counter.get") (param "self" (borrow $counter')) (result u32)
      (canon lift (core func $code "get")))
    (func (export "consume") (param "c" (own $counter')) (result u32)
      (canon lift (core func $code "consume")))
    (func (export "drop-twice") (param "c" (own $counter'))
      (canon lift (core func $code "drop-twice")))
    (func (export "last-dropped") (result s32)
      (canon lift (core func $code "last-dropped")))
  )
  (instance $impl (instantiate $Impl))
  (export "demo:counter/api" (instance $impl))
)
