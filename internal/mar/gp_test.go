package mar

import (
	"encoding/json"
	"testing"
)

func TestGPText(t *testing.T) {
	tests := []struct {
		name string
		gp   *GP
		want string
	}{
		{"no GP on the record", nil, ""},
		{"doctor, practice and phone", &GP{Name: "Dr Aisha Khan", Practice: "Riverside Surgery", Phone: "01632 960123"},
			"Dr Aisha Khan, Riverside Surgery, tel 01632 960123"},
		{"practice only", &GP{Practice: "Riverside Surgery"}, "Riverside Surgery"},
		{"doctor and phone, blanks ignored", &GP{Name: " Dr Olu Adebayo ", Practice: " ", Phone: "01632 960000"},
			"Dr Olu Adebayo, tel 01632 960000"},
	}
	for _, tt := range tests {
		if got := tt.gp.Text(); got != tt.want {
			t.Errorf("%s: Text() = %q, want %q", tt.name, got, tt.want)
		}
	}
}

// A resident stored before the GP was kept has no "gp" key: it reads with
// none, and one without a GP is written without the key, as before.
func TestResidentJSONWithoutGP(t *testing.T) {
	old := `{"id":"R001","givenName":"Mary","familyName":"Smith","room":"3","status":"present","active":true}`
	var r Resident
	if err := json.Unmarshal([]byte(old), &r); err != nil {
		t.Fatal(err)
	}
	if r.GP != nil || r.Name() != "Mary Smith" {
		t.Errorf("old record read as %+v", r)
	}
	b, err := json.Marshal(r)
	if err != nil {
		t.Fatal(err)
	}
	if string(b) != old {
		t.Errorf("written back as %s, want %s", b, old)
	}
}
