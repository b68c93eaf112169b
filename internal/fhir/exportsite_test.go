package fhir

import (
	"encoding/json"
	"testing"

	"github.com/google/uuid"

	"medround/internal/mar"
)

// TestExportWritesWhereADoseWent: a dose given with its site recorded (a
// patch on the left upper arm) says so in dosage.site; one without says
// nothing.
func TestExportWritesWhereADoseWent(t *testing.T) {
	res, ent, prod := exportChart(t)
	events := exportEvents()
	given := events[0]
	site := mar.Event{ID: uuid.New(), Kind: mar.KindPatchSite, ResidentID: given.ResidentID, OccurredAt: given.OccurredAt,
		About: given.ID, EntryID: given.EntryID, Note: "upper-arm-left"}
	data, err := AdministrationBundle(append(events, site), res, ent, prod)
	if err != nil {
		t.Fatal(err)
	}
	var b struct {
		Entry []struct {
			Resource struct {
				ID     string
				Dosage *struct{ Site *struct{ Text string } }
			}
		}
	}
	if err := json.Unmarshal(data, &b); err != nil {
		t.Fatal(err)
	}
	for _, e := range b.Entry {
		r := e.Resource
		var got string
		if r.Dosage != nil && r.Dosage.Site != nil {
			got = r.Dosage.Site.Text
		}
		want := ""
		if r.ID == given.ID.String() {
			want = "left upper arm"
		}
		if got != want {
			t.Errorf("administration %s: dosage.site = %q, want %q", r.ID, got, want)
		}
	}
}
