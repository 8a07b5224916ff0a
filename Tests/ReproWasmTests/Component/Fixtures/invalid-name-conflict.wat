;; Invalid: `foo` and `FOO` are not strongly unique.
(component
  (import "foo" (func))
  (import "FOO" (func))
)
