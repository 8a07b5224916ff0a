;; A component that defines a resource and uses the canonical built-ins on it, lowers an imported
;; function that takes and returns strings (memory + realloc), lifts functions with post-return,
;; and instantiates a nested component whose abstract resource import is bound to its own resource.
(component $outer
  (import "host-log" (func $log (param "msg" string) (result string)))

  (core module $mem
    (memory (export "memory") 1)
    (func (export "realloc") (param i32 i32 i32 i32) (result i32) i32.const 64)
    (func (export "drop-counter") (param i32))
  )
  (core instance $mem (instantiate $mem))
  (alias core export $mem "memory" (core memory $memory))
  (alias core export $mem "realloc" (core func $realloc))

  (type $counter (resource (rep i32) (dtor (core func $mem "drop-counter"))))
  (core func $counter-new (canon resource.new $counter))
  (core func $counter-rep (canon resource.rep $counter))
  (core func $counter-drop (canon resource.drop $counter))
  (core func $log-lowered (canon lower (func $log) (memory $memory) (realloc $realloc) string-encoding=utf8))

  (core module $impl
    (import "host" "log" (func $log (param i32 i32 i32)))
    (import "res" "new" (func $new (param i32) (result i32)))
    (import "res" "rep" (func $rep (param i32) (result i32)))
    (func (export "make") (param i32) (result i32) local.get 0 call $new)
    (func (export "value") (param i32) (result i32) local.get 0 call $rep)
    (func (export "greet") (param i32 i32) (result i32) i32.const 0)
    (func (export "greet-post") (param i32))
  )
  (core instance $host (export "log" (func $log-lowered)))
  (core instance $res (export "new" (func $counter-new)) (export "rep" (func $counter-rep)))
  (core instance $impl (instantiate $impl (with "host" (instance $host)) (with "res" (instance $res))))

  (type $own (own $counter))
  (type $borrow (borrow $counter))
  (func $make (param "start" u32) (result $own) (canon lift (core func $impl "make")))
  (func $value (param "self" $borrow) (result u32) (canon lift (core func $impl "value")))
  (func $greet (param "name" string) (result string)
    (canon lift (core func $impl "greet") (memory $memory) (realloc $realloc) (post-return (core func $impl "greet-post"))))

  ;; A nested component importing an abstract resource and a method over it, re-exporting the method.
  (component $user
    (import "r" (type $r (sub resource)))
    (type $b (borrow $r))
    (import "peek" (func $peek (param "self" $b) (result u32)))
    (export "peek-again" (func $peek))
  )
  (instance $u (instantiate $user (with "r" (type $counter)) (with "peek" (func $value))))
  (alias export $u "peek-again" (func $peek-again))

  ;; The interface is exported the way wit-component does it: a wrapper component imports the
  ;; resource and the functions, and exports them with types that refer to its exported resource.
  (component $wrap
    (import "counter" (type $c (sub resource)))
    (type $own (own $c))
    (type $borrow (borrow $c))
    (import "make" (func $make (param "start" u32) (result $own)))
    (import "value" (func $value (param "self" $borrow) (result u32)))
    (export $ce "counter" (type $c))
    (type $own-e (own $ce))
    (type $borrow-e (borrow $ce))
    (export "[constructor]counter" (func $make) (func (param "start" u32) (result $own-e)))
    (export "[method]counter.value" (func $value) (func (param "self" $borrow-e) (result u32)))
    (export "[method]counter.peek" (func $value) (func (param "self" $borrow-e) (result u32)))
  )
  (instance $counters (instantiate $wrap
    (with "counter" (type $counter)) (with "make" (func $make)) (with "value" (func $peek-again))))
  (export "test:res/counters@0.1.0" (instance $counters))
  (export "greet" (func $greet))
)
