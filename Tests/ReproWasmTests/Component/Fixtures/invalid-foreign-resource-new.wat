;; Invalid: `resource.new` needs a resource this component defines, not an imported one.
(component
  (import "r" (type $r (sub resource)))
  (core func (canon resource.new $r))
)
