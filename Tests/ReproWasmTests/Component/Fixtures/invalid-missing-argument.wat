;; Invalid: the nested component imports "f", which the instantiation does not supply.
(component
  (component $c (import "f" (func)))
  (instance (instantiate $c))
)
