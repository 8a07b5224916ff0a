;; One resource exported twice, the second time ascribed `(sub resource)`: outside, the two exports are
;; distinct abstract types, so they cannot satisfy an import that requires them to be equal.
(component
  (component $C
    (type $r (resource (rep i32)))
    (export "r1" (type $r))
    (export "r2" (type $r) (type (sub resource))))
  (instance $c (instantiate $C))
  (alias export $c "r1" (type $r1))
  (alias export $c "r2" (type $r2))
  (component $Same
    (import "a" (type $a (sub resource)))
    (import "b" (type (eq $a))))
  (instance (instantiate $Same (with "a" (type $r1)) (with "b" (type $r2)))))
