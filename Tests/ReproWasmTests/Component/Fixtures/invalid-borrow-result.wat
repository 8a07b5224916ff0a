;; Invalid: a function result may not contain a borrow.
(component
  (import "r" (type $r (sub resource)))
  (type $b (borrow $r))
  (type (func (result $b)))
)
