;; A resource whose destructor runs in the component that defines it (`$Impl`), and a function `run`
;; that calls the host back (`cb`) while `$Impl` is on the stack: a destructor run from there would
;; re-enter `$Impl`, which the canonical ABI forbids ("cannot enter component instance").
(component
  (import "cb" (func $cb))
  (component $Impl
    (import "cb" (func $cb))
    (core module $Destructor
      (global $last (export "last") (mut i32) (i32.const -1))
      (func (export "dtor") (param $rep i32) (global.set $last (local.get $rep))))
    (core instance $destructor (instantiate $Destructor))
    (type $thing (resource (rep i32) (dtor (core func $destructor "dtor"))))
    (core func $new (canon resource.new $thing))
    (core func $cb' (canon lower (func $cb)))
    (core module $Code
      (import "" "new" (func $new (param i32) (result i32)))
      (import "" "cb" (func $cb))
      (import "" "last" (global $last (mut i32)))
      (func (export "make") (param i32) (result i32) (call $new (local.get 0)))
      (func (export "run") (call $cb))
      (func (export "last-dropped") (result i32) (global.get $last)))
    (core instance $code (instantiate $Code
      (with "" (instance
        (export "new" (func $new)) (export "cb" (func $cb')) (export "last" (global $destructor "last"))))))
    (export $thing' "thing" (type $thing))
    (func (export "[constructor]thing") (param "rep" u32) (result (own $thing'))
      (canon lift (core func $code "make")))
    (func (export "run") (canon lift (core func $code "run")))
    (func (export "last-dropped") (result s32) (canon lift (core func $code "last-dropped"))))
  (instance $impl (instantiate $Impl (with "cb" (func $cb))))
  (export "demo:dtor/api" (instance $impl)))
