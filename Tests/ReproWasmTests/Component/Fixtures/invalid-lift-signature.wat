;; Invalid: `canon lift` of a core function whose type is not the flattening of the component type
;; (two u32 parameters flatten to (i32, i32), the core function takes one i64).
(component
  (core module $m (func (export "f") (param i64) (result i32) i32.const 0))
  (core instance $i (instantiate $m))
  (func (param "a" u32) (param "b" u32) (result u32) (canon lift (core func $i "f")))
)
