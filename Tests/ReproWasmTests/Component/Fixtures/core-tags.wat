;; Core tags linked between the core instances of one component: `$tags` defines the tag, `$raise`
;; throws it and `$guard` catches it, both importing it from `$tags` (whole instance) or through a
;; synthesized instance that re-exports an alias of it under another name. `$other` is a second
;; instance of the tag module, whose tag is a distinct one: `$guard` cannot catch it by name.
(component
  (core module $Tags (tag (export "oops") (param i32)))
  (core module $Raise
    (import "env" "fault" (tag $fault (param i32)))
    (func (export "raise") (param i32)
      (if (local.get 0) (then (throw $fault (local.get 0))))))
  (core module $Guard
    (import "tags" "oops" (tag $oops (param i32)))
    (import "mine" "raise" (func $mine (param i32)))
    (import "theirs" "raise" (func $theirs (param i32)))
    ;; The payload of a caught `oops`, 100 when nothing was thrown, 200 when something else was.
    (func $guarded (param $which i32) (param $value i32) (result i32)
      (block $other
        (block $caught (result i32)
          (try_table (catch $oops $caught) (catch_all $other)
            (if (local.get $which)
              (then (call $theirs (local.get $value)))
              (else (call $mine (local.get $value)))))
          (return (i32.const 100)))
        (return))
      (i32.const 200))
    (func (export "mine") (param i32) (result i32) (call $guarded (i32.const 0) (local.get 0)))
    (func (export "theirs") (param i32) (result i32) (call $guarded (i32.const 1) (local.get 0))))
  (core instance $tags (instantiate $Tags))
  (core instance $other (instantiate $Tags))
  (alias core export $tags "oops" (core tag $oops))
  (alias core export $other "oops" (core tag $foreign))
  (core instance $renamed (export "fault" (tag $oops)))
  (core instance $foreign-renamed (export "fault" (tag $foreign)))
  (core instance $mine (instantiate $Raise (with "env" (instance $renamed))))
  (core instance $theirs (instantiate $Raise (with "env" (instance $foreign-renamed))))
  (core instance $guard (instantiate $Guard
    (with "tags" (instance $tags)) (with "mine" (instance $mine)) (with "theirs" (instance $theirs))))
  (func (export "mine") (param "value" u32) (result u32) (canon lift (core func $guard "mine")))
  (func (export "theirs") (param "value" u32) (result u32) (canon lift (core func $guard "theirs"))))
