;; Invalid: the exported function uses a record that has no name (was never exported).
(component
  (type $t (record (field "x" u32)))
  (core module $m (func (export "f") (param i32)))
  (core instance $i (instantiate $m))
  (func $f (param "p" $t) (canon lift (core func $i "f")))
  (export "f" (func $f))
)
