package ledger

import "testing"

func TestDiscrepancyWords(t *testing.T) {
	tests := []struct {
		name string
		d    Discrepancy
		unit string
		want string
	}{
		{"a patch missing at the count", Discrepancy{Why: CountDiffers, Expected: 4, Found: 3}, "patch",
			"counted 3 patches where the register held 4 patches"},
		{"one tablet found where the register held none", Discrepancy{Why: CountDiffers, Expected: 0, Found: 1}, "tablet",
			"counted 1 tablet where the register held 0 tablets"},
		{"a morphine dose the register could not cover", Discrepancy{Why: NotCovered, Expected: 0, Found: -1}, "tablet",
			"a dose was given that the register could not cover: it held 0 tablets, then -1 tablets"},
		{"oral solution taken below zero", Discrepancy{Why: BelowZero, Expected: 2, Found: -3}, "mL",
			"the register went below zero: from 2 mL to -3 mL"},
		{"a reason this version does not know is still shown", Discrepancy{Why: "lost-in-transit", Expected: 5, Found: 4}, "box",
			"lost-in-transit: the register held 5 boxes, then 4 boxes"},
	}
	for _, tt := range tests {
		if got := tt.d.Words(tt.unit); got != tt.want {
			t.Errorf("%s: Words(%q) = %q, want %q", tt.name, tt.unit, got, tt.want)
		}
	}
}
