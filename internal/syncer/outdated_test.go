package syncer_test

import (
	"errors"
	"testing"
	"time"

	"github.com/google/uuid"

	"medround/internal/mar"
	"medround/internal/protocol"
	"medround/internal/store/storetest"
	"medround/internal/syncer"
)

// A record of a kind this version does not know, pulled from the centre
// (a newer tablet made it), stops the pull with nothing applied and says
// the tablet needs updating: the status bar then says that the other
// tablets' doses are not known here, rather than "Sync failed".
func TestPulledRecordOfANewerVersionSaysUpdateThisTablet(t *testing.T) {
	st := storetest.Open(t)
	storetest.WithChart(t, st)
	ev := mar.Event{ID: uuid.New(), Kind: mar.EventKind(250), DeviceID: "newer-tablet",
		ResidentID: storetest.ResidentMargaret, OccurredAt: storetest.ChartAt.Add(time.Hour),
		RecordedAt: storetest.ChartAt.Add(time.Hour)}
	_, err := syncer.Apply(st, []protocol.Change{{Seq: 7, Kind: protocol.ChangeEvent, Event: &ev}}, 7)
	if !errors.Is(err, syncer.ErrOutdated) {
		t.Fatalf("Apply of an unknown kind = %v, want ErrOutdated", err)
	}
	if at, _ := st.PulledAt(); !at.IsZero() {
		t.Errorf("a pull refused whole still marked the tablet as having heard from the others at %v", at)
	}
	if _, err := st.Event(ev.ID); err == nil {
		t.Error("the unreadable record was stored")
	}
}
