;; Imports an interface that exports only a type (as numcodecs:abc/types does) and exports a
;; function: the host must be able to provide the import though it has no function to give.
(component
  (import "demo:shared/types" (instance $types
    (type $point (record (field "x" u32) (field "y" u32)))
    (export "point" (type (eq $point)))
  ))
  (core module $m
    (func (export "answer") (result i32) i32.const 42)
  )
  (core instance $i (instantiate $m))
  (func (export "answer") (result u32) (canon lift (core func $i "answer")))
)
