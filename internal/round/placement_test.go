package round_test

import (
	"errors"
	"testing"
	"time"

	"github.com/google/uuid"

	"medround/internal/check"
	"medround/internal/mar"
	"medround/internal/report"
	"medround/internal/round"
	"medround/internal/store"
	"medround/internal/store/storetest"
)

// fixtureDay is a Wednesday two days after the fixture chart's import, in
// winter: London is on GMT, so UTC reads as local time.
func fixtureAt(hh, mm int) time.Time { return time.Date(2025, 1, 8, hh, mm, 0, 0, time.UTC) }

// newFixture opens the storetest fixture home with a senior (amy, PIN
// 1234) and the service over it with a settable clock.
func newFixture(t *testing.T) (*store.Store, *round.Service, *clock, *round.Session) {
	t.Helper()
	st := storetest.Open(t)
	storetest.WithChart(t, st)
	c := &clock{t: fixtureAt(7, 0)}
	svc := round.New(st, round.Options{DeviceID: "test-tablet", Now: c.now})
	if _, err := svc.AddUser(nil, "amy", "Amy Manager", mar.RoleManager, "1234"); err != nil {
		t.Fatal(err)
	}
	return st, svc, c, signIn(t, svc, "amy", "1234")
}

// moveMetformin re-imports the fixture with Margaret's morning metformin
// moved from 08:00 to 09:00 under the same request.
func moveMetformin(t *testing.T, st *store.Store, at time.Time) {
	t.Helper()
	u := storetest.Chart()
	for i := range u.Entries {
		if u.Entries[i].ID == storetest.EntryMetformin {
			u.Entries[i].Timing.TimesOfDay = []mar.ClockTime{9 * 60, 21 * 60}
		}
	}
	u.At = at
	if _, err := st.ApplyChart(u); err != nil {
		t.Fatal(err)
	}
}

// TestTimeMovedAfterTheDoseAgreesEverywhere is issue 15.9: metformin given
// at 08:02 for 08:00, then the chart moves the morning dose to 09:00. The
// check stops a second dose as already given; the resident page, the round
// and the missed report must say the same dose was given, not that 09:00
// is due or missed.
func TestTimeMovedAfterTheDoseAgreesEverywhere(t *testing.T) {
	st, svc, c, sess := newFixture(t)
	c.t = fixtureAt(8, 2)
	if _, err := svc.Record(sess, round.RecordRequest{CheckRequest: round.CheckRequest{
		ResidentScan: storetest.NHSMargaret, PackScan: storetest.GTINMetformin}, Outcome: mar.OutcomeGiven}); err != nil {
		t.Fatal(err)
	}
	moveMetformin(t, st, fixtureAt(8, 30))
	now := fixtureAt(9, 5)
	c.t = now

	res, err := svc.Check(round.CheckRequest{ResidentScan: storetest.NHSMargaret, PackScan: storetest.GTINMetformin})
	if err != nil {
		t.Fatal(err)
	}
	if !res.Verdict.Has(check.AlreadyGiven) {
		t.Errorf("check at 09:05 = %v, want ALREADY_GIVEN", res.Verdict.Codes())
	}

	v, err := svc.ResidentView(storetest.ResidentMargaret, now)
	if err != nil {
		t.Fatal(err)
	}
	for _, d := range v.Due {
		if d.Entry.ID == storetest.EntryMetformin && d.Slot.Due.Equal(fixtureAt(9, 0)) && d.State != round.StateGiven {
			t.Errorf("resident page: 09:00 metformin is %s, want given", d.State)
		}
	}
	if len(v.Overdue) != 0 {
		t.Errorf("resident page lists overdue doses %+v, want none", v.Overdue)
	}

	items, err := svc.Due(now, "")
	if err != nil {
		t.Fatal(err)
	}
	found := false
	for _, it := range items {
		if it.Entry.ID == storetest.EntryMetformin && it.Slot.Due.Equal(fixtureAt(9, 0)) {
			found = true
			if it.State != round.StateGiven {
				t.Errorf("round: 09:00 metformin is %s, want given", it.State)
			}
		}
	}
	if !found {
		t.Errorf("round at 09:05 has no 09:00 metformin: %+v", items)
	}

	rep, err := report.Build(st, report.KindMissed, fixtureAt(0, 0), fixtureAt(12, 0), fixtureAt(12, 0))
	if err != nil {
		t.Fatal(err)
	}
	for _, r := range rep.Rows {
		if r.EntryID == storetest.EntryMetformin {
			t.Errorf("missed report lists metformin due %v, which was given at 08:02", r.Due)
		}
	}
}

// TestLateRefusalNamesItsDose is issue 15.10: a refusal of the 08:00 dose
// entered in the afternoon stays on the 08:00 dose when it names it.
func TestLateRefusalNamesItsDose(t *testing.T) {
	_, svc, c, sess := newFixture(t)
	c.t = fixtureAt(15, 0)
	refusal := func(slot time.Time) round.RecordRequest {
		return round.RecordRequest{CheckRequest: round.CheckRequest{ResidentScan: storetest.NHSMargaret,
			PackScan: storetest.GTINMetformin, SlotDue: slot}, Outcome: mar.OutcomeRefused,
			Note: "refused at breakfast, entered after lunch"}
	}
	v, err := svc.ResidentView(storetest.ResidentMargaret, c.t)
	if err != nil {
		t.Fatal(err)
	}
	if len(v.Overdue) == 0 || !v.Overdue[0].Slot.Due.Equal(fixtureAt(8, 0)) {
		t.Fatalf("overdue doses at 15:00 = %+v, want the 08:00 metformin first", v.Overdue)
	}
	ev, err := svc.Record(sess, refusal(v.Overdue[0].Slot.Due))
	if err != nil {
		t.Fatal(err)
	}
	if !ev.SlotDue.Equal(fixtureAt(8, 0)) {
		t.Errorf("refusal recorded against %v, want the 08:00 dose", ev.SlotDue)
	}
	v, err = svc.ResidentView(storetest.ResidentMargaret, c.t)
	if err != nil {
		t.Fatal(err)
	}
	for _, d := range v.Due {
		want := round.StateUpcoming
		if d.Slot.Due.Equal(fixtureAt(8, 0)) {
			want = round.StateRefused
		}
		if d.Entry.ID == storetest.EntryMetformin && d.State != want {
			t.Errorf("metformin due %v is %s, want %s", d.Slot.Due, d.State, want)
		}
	}
	_, err = svc.Record(sess, refusal(fixtureAt(10, 0)))
	if !errors.Is(err, round.ErrSlotNotDue) {
		t.Errorf("refusal naming 10:00, no dose of metformin: err = %v, want ErrSlotNotDue", err)
	}
	var _ = uuid.Nil
}
