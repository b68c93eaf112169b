// Package martest holds test helpers for code that reads or writes the
// record's types field by field.
package martest

import (
	"reflect"
	"testing"
	"time"

	"github.com/google/uuid"

	"medround/internal/mar"
)

// EveryEventField returns an event with every field set to something other
// than its zero value, found by reflection, so a field added to mar.Event
// is set too and a hand-written encoder or decoder under test must handle
// it. Text fields hold characters that need escaping. A field of a type it
// cannot fill fails the test: add it here and to the code under test.
func EveryEventField(t testing.TB) mar.Event {
	t.Helper()
	var e mar.Event
	v := reflect.ValueOf(&e).Elem()
	for i := range v.NumField() {
		f := v.Field(i)
		switch f.Interface().(type) {
		case uuid.UUID:
			f.Set(reflect.ValueOf(uuid.MustParse("0f8fad5b-d9cb-469f-a165-70867728950e")))
		case time.Time:
			f.Set(reflect.ValueOf(time.Date(2026, 3, 29, 1, 30, 15, 123456789, time.UTC)))
		case *bool:
			yes := true
			f.Set(reflect.ValueOf(&yes))
		case []string:
			f.Set(reflect.ValueOf([]string{"LATE", "TOO_SOON"}))
		default:
			switch f.Kind() {
			case reflect.String:
				f.SetString("Mrs O'Neill <&> \"asleep\"\n£5 ✓ " + v.Type().Field(i).Name)
			case reflect.Uint8:
				f.SetUint(1)
			case reflect.Int:
				f.SetInt(3)
			case reflect.Float64:
				f.SetFloat(2.5)
			default:
				t.Fatalf("mar.Event.%s is a %s, which martest.EveryEventField cannot fill: add it there and to the code under test",
					v.Type().Field(i).Name, f.Type())
			}
		}
	}
	return e
}
