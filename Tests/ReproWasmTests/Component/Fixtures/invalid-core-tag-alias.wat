;; A core function aliased as a core tag: the sorts differ.
(component
  (core module $M (func (export "f")))
  (core instance $i (instantiate $M))
  (alias core export $i "f" (core tag $t)))
