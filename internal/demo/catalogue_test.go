package demo

import "testing"

func TestFormularyStrengths(t *testing.T) {
	for i, m := range formulary {
		if _, ok := m.product(i).StrengthOf(0); !ok {
			t.Errorf("%s has no strength: the check could not add up its ingredient", m.id)
		}
	}
}
