package mar

import "testing"

func TestAmount(t *testing.T) {
	tests := []struct {
		name string
		v    float64
		unit string
		want string
	}{
		{"one tablet", 1, "tablet", "1 tablet"},
		{"tablets", 28, "tablet", "28 tablets"},
		{"a patch", 1, "patch", "1 patch"},
		{"patches, not patchs", 5, "patch", "5 patches"},
		{"sachets", 2, "sachet", "2 sachets"},
		{"millilitres keep their symbol", 10, "mL", "10 mL"},
		{"a UCUM unit in braces", 2, "{tablet}", "2 tablets"},
		{"no unit", 3, "", "3"},
	}
	for _, tt := range tests {
		if got := Amount(tt.v, tt.unit); got != tt.want {
			t.Errorf("%s: Amount(%g, %q) = %q, want %q", tt.name, tt.v, tt.unit, got, tt.want)
		}
	}
}
