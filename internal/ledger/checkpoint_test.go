package ledger

import (
	"encoding/json"
	"math"
	"slices"
	"testing"
	"time"

	"github.com/google/uuid"

	"medround/internal/mar"
)

// TestCheckpointGivesTheSameRegister: for every row of the month table and
// every time a checkpoint could be taken, the registers worked out from
// the checkpoint and the records after it are those worked out from the
// whole record (balance, open discrepancies, last count), or the tail
// holds a correction reaching back and the caller reads everything.
func TestCheckpointGivesTheSameRegister(t *testing.T) {
	ep := map[string]string{"e-mst": mst}
	for _, row := range ledgerRows() {
		events := append(row.events(), ev(mar.KindReceipt, day(3, 7), amlo, 28))
		slices.SortStableFunc(events, byTime)
		want := Build(events, ep)
		applied := 0
		for i := 0; i <= len(events); i++ {
			through := day(28, 0).AddDate(0, 1, 0)
			if i < len(events) {
				through = events[i].OccurredAt
			}
			cut, _ := slices.BinarySearchFunc(events, through, func(e mar.Event, t time.Time) int { return e.OccurredAt.Compare(t) })
			prefix, tail := events[:cut], events[cut:]
			if ReachesBack(tail) {
				continue
			}
			applied++
			cp := roundTrip(t, NewCheckpoint(res, Build(prefix, ep), through, ChartDigest(ep)))
			got := BuildFrom(&cp, tail, ep)
			if msg := sameState(got, want); msg != "" {
				t.Errorf("%s, checkpoint at %s: %s", row.name, through.Format(time.DateTime), msg)
			}
		}
		if applied == 0 {
			t.Errorf("%s: no checkpoint could be applied", row.name)
		}
	}
}

func roundTrip(t *testing.T, cp Checkpoint) Checkpoint {
	t.Helper()
	b, err := json.Marshal(cp)
	if err != nil {
		t.Fatal(err)
	}
	var out Checkpoint
	if err := json.Unmarshal(b, &out); err != nil {
		t.Fatal(err)
	}
	return out
}

func sameState(got, want map[string]*Register) string {
	if len(got) != len(want) {
		return "another set of registers"
	}
	for id, w := range want {
		g := got[id]
		open := func(r *Register) []uuid.UUID {
			var ids []uuid.UUID
			for _, d := range r.OpenDiscrepancies() {
				ids = append(ids, d.EventID)
			}
			return ids
		}
		switch {
		case g == nil:
			return "no register of " + id
		case math.Abs(g.Balance-w.Balance) > 1e-9:
			return "balance of " + id + " differs"
		case !g.LastCountAt.Equal(w.LastCountAt):
			return "last count of " + id + " differs"
		case !slices.Equal(open(g), open(w)):
			return "open discrepancies of " + id + " differ"
		case len(g.Entries) > 0 && g.Entries[len(g.Entries)-1].Balance != g.Balance:
			return "the last running balance of " + id + " differs from its balance"
		}
	}
	return ""
}

func TestReachesBack(t *testing.T) {
	d := dose(day(2, 8), 1)
	tests := []struct {
		name   string
		events []mar.Event
		want   bool
	}{
		{"a correction of a dose read with it applies", []mar.Event{d, correction(d, day(2, 9))}, false},
		{"a correction of a dose before the checkpoint cannot be applied to it", []mar.Event{correction(d, day(2, 9))}, true},
		{"a review of a discrepancy before the checkpoint applies", []mar.Event{review(d, day(2, 9))}, false},
	}
	for _, tt := range tests {
		if got := ReachesBack(tt.events); got != tt.want {
			t.Errorf("%s: ReachesBack = %v, want %v", tt.name, got, tt.want)
		}
	}
}

func TestCheckpointDisagrees(t *testing.T) {
	ep := map[string]string{"e-mst": mst}
	want := NewCheckpoint(res, Build(month(), ep), day(31, 0), ChartDigest(ep))
	if msg := want.Disagrees(want); msg != "" {
		t.Errorf("a checkpoint disagrees with itself: %s", msg)
	}
	drifted := roundTrip(t, want)
	c := drifted.Registers[mst]
	c.Balance++
	drifted.Registers[mst] = c
	if msg := drifted.Disagrees(want); msg == "" {
		t.Error("a checkpoint one tablet out agrees with the events")
	}
	if ChartDigest(ep) == ChartDigest(map[string]string{"e-mst": amlo}) {
		t.Error("the chart digest does not tell which product an entry gives")
	}
}

// TestCheckpointOfOtherRules: a checkpoint worked out under the rules
// before one open below-zero discrepancy per register (when each dose below
// zero raised its own) has another digest, so a read works it out again.
func TestCheckpointOfOtherRules(t *testing.T) {
	ep := map[string]string{"e-mst": mst}
	if chartDigest("1", ep) == ChartDigest(ep) {
		t.Error("a checkpoint of the earlier rules has the digest of this build's")
	}
	if ChartDigest(ep) != ChartDigest(map[string]string{"e-mst": mst}) {
		t.Error("the same chart under the same rules has two digests")
	}
}
