;; A component that uses a resource the host implements: `measure(n)` constructs a `blob` through the
;; host, asks its size through a borrow, drops it (the host's destructor runs) and returns the size.
;; `adopt(b)` takes an owned blob from the host, asks its size and drops it. Both core functions are
;; branch-free: each call counts 1.
(component
  (import "host:demo/blobs" (instance $blobs
    (export "blob" (type $blob (sub resource)))
    (export "[constructor]blob" (func (param "size" u32) (result (own $blob))))
    (export "[method]blob.size" (func (param "self" (borrow $blob)) (result u32)))))
  (alias export $blobs "blob" (type $blob))
  (core func $new (canon lower (func $blobs "[constructor]blob")))
  (core func $size (canon lower (func $blobs "[method]blob.size")))
  (core func $drop (canon resource.drop $blob))
  (core module $M
    (import "blobs" "new" (func $new (param i32) (result i32)))
    (import "blobs" "size" (func $size (param i32) (result i32)))
    (import "blobs" "drop" (func $drop (param i32)))
    (func (export "measure") (param $n i32) (result i32)
      (local $handle i32) (local $size i32)
      (local.set $handle (call $new (local.get $n)))
      (local.set $size (call $size (local.get $handle)))
      (call $drop (local.get $handle))
      (local.get $size))
    (func (export "adopt") (param $handle i32) (result i32)
      (local $size i32)
      (local.set $size (call $size (local.get $handle)))
      (call $drop (local.get $handle))
      (local.get $size)))
  (core instance $m (instantiate $M
    (with "blobs" (instance (export "new" (func $new)) (export "size" (func $size)) (export "drop" (func $drop))))))
  (func (export "measure") (param "n" u32) (result u32) (canon lift (core func $m "measure")))
  (func (export "adopt") (param "b" (own $blob)) (result u32) (canon lift (core func $m "adopt")))
)
