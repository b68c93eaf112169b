package store_test

import (
	"errors"
	"testing"
	"time"

	"github.com/google/uuid"

	"medround/internal/mar"
	"medround/internal/store"
	"medround/internal/store/storetest"
)

// TestAppendKeepsOnlyBodyMapSites: where a patch or cream went is kept
// with the dose when its word is on the body map (a patch site or a cream's
// area); a word the map does not have, or one naming no dose, is refused.
func TestAppendKeepsOnlyBodyMapSites(t *testing.T) {
	now := time.Now().UTC()
	for _, c := range []struct {
		name string
		mod  func(site *mar.Event)
		ok   bool
	}{
		{"a patch on the left upper arm", func(s *mar.Event) { s.Note = "upper-arm-left" }, true},
		{"a barrier cream on the sacrum", func(s *mar.Event) { s.Note = "sacrum" }, true},
		{"a site the body map does not have", func(s *mar.Event) { s.Note = "elbow" }, false},
		{"a site naming no dose", func(s *mar.Event) { s.Note, s.About = "sacrum", uuid.Nil }, false},
	} {
		t.Run(c.name, func(t *testing.T) {
			st := storetest.Open(t)
			storetest.WithChart(t, st)
			dose := given(storetest.ResidentMargaret, storetest.EntryMetformin, now)
			site := mar.Event{ID: uuid.New(), Kind: mar.KindPatchSite, DeviceID: dose.DeviceID, UserID: dose.UserID,
				ResidentID: dose.ResidentID, OccurredAt: now, RecordedAt: now, About: dose.ID, EntryID: dose.EntryID}
			c.mod(&site)
			err := st.AppendAll([]mar.Event{dose, site})
			if c.ok && err != nil {
				t.Errorf("AppendAll = %v, want it kept", err)
			}
			if !c.ok && !errors.Is(err, store.ErrInvalid) {
				t.Errorf("AppendAll = %v, want ErrInvalid", err)
			}
		})
	}
}
