package mar

import (
	"reflect"
	"testing"
)

// The store hands each caller a Clone of the settings it keeps: a slice or
// map field added to Home and not copied there would let one screen change
// what the next check reads.
func TestHomeCloneSharesNothing(t *testing.T) {
	h := Home{Rounds: []Round{{Name: "Morning"}}, CDRegisterSchedules: []int{2, 3}}
	v := reflect.ValueOf(h)
	c := reflect.ValueOf(h.Clone())
	for i := range v.NumField() {
		f := v.Type().Field(i)
		switch f.Type.Kind() {
		case reflect.Slice, reflect.Map, reflect.Pointer:
			if v.Field(i).IsNil() {
				t.Errorf("Home.%s is not filled in this test: give it a value", f.Name)
				continue
			}
			if v.Field(i).UnsafePointer() == c.Field(i).UnsafePointer() {
				t.Errorf("Home.Clone shares %s with the original", f.Name)
			}
		}
	}
}
