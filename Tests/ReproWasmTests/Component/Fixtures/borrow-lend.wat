;; A component that holds handles of a resource another component defines (`demo:counter/api`, the
;; instance `resource-run.wat` exports) and lends them to the host, and takes borrows from the host.
;; `lend(n)` makes a counter, lends it to the host's `inspect` and drops it afterwards;
;; `lend-and-give(n)` passes one handle to the host as `borrow` and as `own` in the same call (lifting
;; the `own` traps: the handle is lent); `hand-over(n)` gives a new counter to the host's `adopt`;
;; `visit(c)` calls the host's `cb` while it holds the borrow `c`, then drops `c`; `keep(c)` returns
;; still holding its borrow (the call traps); `discard(c, n)` drops the counter it is given.
(component
  (import "demo:counter/api" (instance $api
    (export "counter" (type $counter (sub resource)))
    (export "[constructor]counter" (func (param "start" u32) (result (own $counter))))
    (export "[method]counter.get" (func (param "self" (borrow $counter)) (result u32)))))
  (alias export $api "counter" (type $counter))
  (import "inspect" (func $inspect (param "c" (borrow $counter)) (result u32)))
  (import "give" (func $give (param "a" (borrow $counter)) (param "b" (own $counter))))
  (import "adopt" (func $adopt (param "c" (own $counter))))
  (import "cb" (func $cb))
  (core func $new (canon lower (func $api "[constructor]counter")))
  (core func $inspect (canon lower (func $inspect)))
  (core func $give (canon lower (func $give)))
  (core func $adopt (canon lower (func $adopt)))
  (core func $cb (canon lower (func $cb)))
  (core func $drop (canon resource.drop $counter))
  (core module $M
    (import "" "new" (func $new (param i32) (result i32)))
    (import "" "inspect" (func $inspect (param i32) (result i32)))
    (import "" "give" (func $give (param i32 i32)))
    (import "" "adopt" (func $adopt (param i32)))
    (import "" "cb" (func $cb))
    (import "" "drop" (func $drop (param i32)))
    (func (export "lend") (param $n i32) (result i32)
      (local $handle i32) (local $result i32)
      (local.set $handle (call $new (local.get $n)))
      (local.set $result (call $inspect (local.get $handle)))
      (call $drop (local.get $handle))
      (local.get $result))
    (func (export "lend-and-give") (param $n i32)
      (local $handle i32)
      (local.set $handle (call $new (local.get $n)))
      (call $give (local.get $handle) (local.get $handle)))
    (func (export "hand-over") (param $n i32)
      (call $adopt (call $new (local.get $n))))
    (func (export "visit") (param $c i32)
      (call $cb)
      (call $drop (local.get $c)))
    (func (export "keep") (param $c i32))
    (func (export "discard") (param $c i32) (param $n i32)
      (call $drop (local.get $c))))
  (core instance $m (instantiate $M
    (with "" (instance
      (export "new" (func $new)) (export "inspect" (func $inspect)) (export "give" (func $give))
      (export "adopt" (func $adopt)) (export "cb" (func $cb)) (export "drop" (func $drop))))))
  (func (export "lend") (param "n" u32) (result u32) (canon lift (core func $m "lend")))
  (func (export "lend-and-give") (param "n" u32) (canon lift (core func $m "lend-and-give")))
  (func (export "hand-over") (param "n" u32) (canon lift (core func $m "hand-over")))
  (func (export "visit") (param "c" (borrow $counter)) (canon lift (core func $m "visit")))
  (func (export "keep") (param "c" (borrow $counter)) (canon lift (core func $m "keep")))
  (func (export "discard") (param "c" (own $counter)) (param "n" u32) (canon lift (core func $m "discard")))
)
