package store_test

import (
	"errors"
	"strings"
	"testing"
	"time"

	"github.com/google/uuid"

	"medround/internal/mar"
	"medround/internal/store"
	"medround/internal/store/storetest"
)

func given(resident, entry string, at time.Time) mar.Event {
	return mar.Event{
		ID: uuid.New(), Kind: mar.KindAdministration, DeviceID: "tablet-1", UserID: "u-carer",
		ResidentID: resident, OccurredAt: at, RecordedAt: at.Add(time.Minute),
		EntryID: entry, EntryVersion: 1, Outcome: mar.OutcomeGiven, Quantity: 1,
		Verdict: mar.LevelOK, GTIN: storetest.GTINMetformin, Batch: "B123", Expiry: "2026-03-31",
	}
}

func TestAppendIsReadBackWithItsOutboxEntry(t *testing.T) {
	st := storetest.Open(t)
	storetest.WithChart(t, st)
	london, _ := time.LoadLocation("Europe/London")
	e := given(storetest.ResidentMargaret, storetest.EntryMetformin, time.Date(2025, 6, 1, 8, 5, 0, 0, london))
	if err := st.Append(e); err != nil {
		t.Fatal(err)
	}
	got, err := st.Event(e.ID)
	if err != nil {
		t.Fatal(err)
	}
	if !got.OccurredAt.Equal(e.OccurredAt) || got.OccurredAt.Location() != time.UTC || got.Batch != "B123" {
		t.Errorf("Event() = %+v, want the appended event in UTC", got)
	}
	pending, err := st.Pending(0)
	if err != nil || len(pending) != 1 || pending[0].ID != e.ID {
		t.Fatalf("Pending = %v, %v; want the event", pending, err)
	}
	if n, _ := st.PendingCount(); n != 1 {
		t.Errorf("PendingCount = %d, want 1", n)
	}
}

func TestAppendTwiceIsOneRecord(t *testing.T) {
	st := storetest.Open(t)
	e := given(storetest.ResidentMargaret, storetest.EntryMetformin, time.Now())
	for range 2 {
		if err := st.Append(e); err != nil {
			t.Fatal(err)
		}
	}
	if n, _ := st.PendingCount(); n != 1 {
		t.Errorf("retried append left %d outbox entries, want 1", n)
	}
	evs, _ := st.Events(e.ResidentID, e.OccurredAt.Add(-time.Hour), e.OccurredAt.Add(time.Hour))
	if len(evs) != 1 {
		t.Errorf("retried append gave %d events, want 1", len(evs))
	}
}

func TestAppendRefusesIncompleteEvents(t *testing.T) {
	now := time.Now()
	cases := map[string]func(*mar.Event){
		"no UUID":                       func(e *mar.Event) { e.ID = uuid.Nil },
		"no occurred-at time":           func(e *mar.Event) { e.OccurredAt = time.Time{} },
		"no resident":                   func(e *mar.Event) { e.ResidentID = "" },
		"correction of an unknown dose": func(e *mar.Event) { e.Kind, e.Corrects = mar.KindCorrection, uuid.New() },
		"correction naming nothing":     func(e *mar.Event) { e.Kind = mar.KindCorrection },
		"status change without status":  func(e *mar.Event) { e.Kind = mar.KindStatusChange },
		"status change of unknown resident": func(e *mar.Event) {
			e.Kind, e.Status, e.ResidentID = mar.KindStatusChange, mar.StatusHospital, "R999"
		},
		"dose recorded with no outcome":            func(e *mar.Event) { e.Outcome = 0 },
		"PRN effect about a dose never recorded":   func(e *mar.Event) { e.Kind, e.About = mar.KindPRNEffect, uuid.New() },
		"PRN effect about nothing":                 func(e *mar.Event) { e.Kind = mar.KindPRNEffect },
		"audit record that says no action":         func(e *mar.Event) { e.Kind = mar.KindAudit },
		"incident naming no code":                  func(e *mar.Event) { e.Kind, e.ReasonCodes = mar.KindIncident, nil },
		"PRN effect naming its dose as correction": func(e *mar.Event) { e.Kind, e.Corrects, e.About = mar.KindPRNEffect, e.ID, e.ID },
		"review of a record never stored": func(e *mar.Event) {
			e.Kind, e.Outcome, e.About, e.Note, e.EntryID = mar.KindReview, 0, uuid.New(), "GP informed", ""
		},
		"review naming nothing": func(e *mar.Event) {
			e.Kind, e.Outcome, e.Note, e.EntryID = mar.KindReview, 0, "GP informed", ""
		},
		"review of a missed dose saying no action": func(e *mar.Event) {
			e.Kind, e.Outcome, e.SlotDue, e.Note = mar.KindReview, 0, now, " "
		},
		"review naming both a record and a dose": func(e *mar.Event) {
			e.Kind, e.Outcome, e.SlotDue, e.Note, e.About = mar.KindReview, 0, now, "GP informed", e.ID
		},
		"stopped scan without its reasons": func(e *mar.Event) {
			e.Kind, e.Outcome, e.Verdict = mar.KindStoppedScan, 0, mar.LevelStop
		},
		"stopped scan that was only a warning": func(e *mar.Event) {
			e.Kind, e.Outcome, e.Verdict, e.ReasonCodes = mar.KindStoppedScan, 0, mar.LevelWarn, []string{"LATE"}
		},
		"PRN protocol that says no sign": func(e *mar.Event) {
			e.Kind, e.Outcome, e.Note = mar.KindPRNProtocol, 0, "call-gp: if no better"
		},
		"stopped scan carrying an outcome": func(e *mar.Event) {
			e.Kind, e.Verdict, e.ReasonCodes = mar.KindStoppedScan, mar.LevelStop, []string{"ALLERGY"}
		},
		"recall lifted naming no recall": func(e *mar.Event) {
			e.Kind, e.Outcome, e.GTIN, e.Batch, e.Note = mar.KindRecallLifted, 0, "05000000000011", "B1", "alert withdrawn"
		},
		"recall lifted naming a recall never stored": func(e *mar.Event) {
			e.Kind, e.Outcome, e.GTIN, e.Batch, e.Note, e.About = mar.KindRecallLifted, 0, "05000000000011", "B1", "alert withdrawn", uuid.New()
		},
		"recall lifted not saying why": func(e *mar.Event) {
			e.Kind, e.Outcome, e.GTIN, e.Batch, e.About = mar.KindRecallLifted, 0, "05000000000011", "B1", e.ID
		},
	}
	for name, spoil := range cases {
		t.Run(name, func(t *testing.T) {
			st := storetest.Open(t)
			storetest.WithChart(t, st)
			e := given(storetest.ResidentMargaret, storetest.EntryMetformin, now)
			spoil(&e)
			if err := st.Append(e); !errors.Is(err, store.ErrInvalid) {
				t.Errorf("Append = %v, want ErrInvalid", err)
			}
			if n, _ := st.PendingCount(); n != 0 {
				t.Errorf("refused append left %d outbox entries", n)
			}
		})
	}
}

// A kind, outcome, level, reason, status or action no medround knows (a
// newer tablet, a damaged import) would leave every reader guessing what
// happened to a dose: Append and AppendAll refuse it and say which field.
func TestAppendRefusesUnknownEnumValues(t *testing.T) {
	now := time.Now()
	cases := []struct {
		name  string
		spoil func(*mar.Event)
		says  string
	}{
		{"no kind at all", func(e *mar.Event) { e.Kind = 0 }, "unknown kind 0"},
		{"a kind from a newer medround", func(e *mar.Event) { e.Kind = 99 }, "unknown kind 99"},
		{"an outcome no one defined", func(e *mar.Event) { e.Outcome = 4 }, "unknown outcome 4"},
		{"a verdict level past stop", func(e *mar.Event) { e.Verdict = 4 }, "unknown verdict 4"},
		{"a not-given reason past other", func(e *mar.Event) {
			e.Outcome, e.Reason = mar.OutcomeNotGiven, 10
		}, "unknown not-given reason 10"},
		{"an unscanned reason past scanner broken", func(e *mar.Event) { e.Unscanned = 4 }, "unknown unscanned reason 4"},
		{"a status change to a status no one defined", func(e *mar.Event) {
			e.Kind, e.Status = mar.KindStatusChange, 6
		}, "unknown status 6"},
		{"an audit action past settings", func(e *mar.Event) { e.Kind, e.Action = mar.KindAudit, 5 }, "unknown audit action 5"},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			st := storetest.Open(t)
			storetest.WithChart(t, st)
			e := given(storetest.ResidentMargaret, storetest.EntryMetformin, now)
			tc.spoil(&e)
			err := st.Append(e)
			if !errors.Is(err, store.ErrInvalid) || !strings.Contains(err.Error(), tc.says) {
				t.Errorf("Append = %v, want ErrInvalid saying %q", err, tc.says)
			}
			good := given(storetest.ResidentMargaret, storetest.EntryMetformin, now.Add(-time.Hour))
			if err := st.AppendAll([]mar.Event{good, e}); !errors.Is(err, store.ErrInvalid) {
				t.Errorf("AppendAll = %v, want ErrInvalid", err)
			}
			if n, _ := st.PendingCount(); n != 0 {
				t.Errorf("refused events left %d outbox entries", n)
			}
		})
	}
}

func TestCorrectionPointsAtTheMistake(t *testing.T) {
	st := storetest.Open(t)
	at := time.Date(2025, 3, 30, 0, 30, 0, 0, time.UTC) // the night the clocks go forward
	e := given(storetest.ResidentMargaret, storetest.EntryMetformin, at)
	fix := mar.Event{ID: uuid.New(), Kind: mar.KindCorrection, ResidentID: e.ResidentID,
		OccurredAt: at.Add(2 * time.Hour), Corrects: e.ID, Note: "recorded against the wrong resident"}
	if err := st.Append(e); err != nil {
		t.Fatal(err)
	}
	if err := st.Append(fix); err != nil {
		t.Fatal(err)
	}
	evs, err := st.Events(e.ResidentID, at, at.Add(3*time.Hour))
	if err != nil || len(evs) != 2 || evs[1].Corrects != e.ID {
		t.Errorf("Events = %+v, %v; want dose then its correction", evs, err)
	}
}

func TestStatusChangeMovesTheResident(t *testing.T) {
	st := storetest.Open(t)
	storetest.WithChart(t, st)
	e := mar.Event{ID: uuid.New(), Kind: mar.KindStatusChange, ResidentID: storetest.ResidentEdith,
		OccurredAt: time.Now(), Status: mar.StatusHospital, UserID: "u-senior"}
	if err := st.Append(e); err != nil {
		t.Fatal(err)
	}
	r, _ := st.Resident(storetest.ResidentEdith)
	if r.Status != mar.StatusHospital {
		t.Errorf("status = %v, want hospital", r.Status)
	}
	if r, err := st.FindResident(storetest.NHSEdith); err != nil || r.Status != mar.StatusHospital {
		t.Errorf("FindResident after status change = %v, %v", r.Status, err)
	}
}

func TestEventsSelectsOneResidentAndHalfOpenRange(t *testing.T) {
	st := storetest.Open(t)
	start := time.Date(2025, 10, 25, 0, 0, 0, 0, time.UTC)
	var want []uuid.UUID
	for h := range 72 {
		at := start.Add(time.Duration(h) * time.Hour)
		e := given(storetest.ResidentMargaret, storetest.EntryMetformin, at)
		other := given(storetest.ResidentArthur, storetest.EntryParacetamolR002, at)
		for _, x := range []mar.Event{e, other} {
			if err := st.Append(x); err != nil {
				t.Fatal(err)
			}
		}
		if h >= 24 && h < 48 {
			want = append(want, e.ID)
		}
	}
	got, err := st.Events(storetest.ResidentMargaret, start.Add(24*time.Hour), start.Add(48*time.Hour))
	if err != nil {
		t.Fatal(err)
	}
	if len(got) != len(want) {
		t.Fatalf("got %d events, want %d", len(got), len(want))
	}
	for i := range got {
		if got[i].ID != want[i] {
			t.Errorf("event %d = %s, want %s (oldest first)", i, got[i].ID, want[i])
		}
	}
	// "R00" must not pick up R001's events by prefix.
	if got, _ := st.Events("R00", start, start.Add(72*time.Hour)); len(got) != 0 {
		t.Errorf("Events(R00) = %d, want 0", len(got))
	}
}

func TestEachEventWalksAllResidentsInTimeOrder(t *testing.T) {
	st := storetest.Open(t)
	start := time.Date(1969, 12, 31, 23, 0, 0, 0, time.UTC) // negative Unix times sort too
	n := 5000                                               // more than one read chunk
	var batch []mar.Event
	for i := range n {
		r := []string{storetest.ResidentMargaret, storetest.ResidentArthur}[i%2]
		batch = append(batch, given(r, "E", start.Add(time.Duration(n-i)*time.Second)))
	}
	if err := st.AppendAll(batch); err != nil {
		t.Fatal(err)
	}
	var prev time.Time
	count := 0
	err := st.EachEvent(start, start.Add(time.Duration(n)*time.Second), func(e mar.Event) error {
		if e.OccurredAt.Before(prev) {
			t.Fatalf("event at %v after %v", e.OccurredAt, prev)
		}
		prev = e.OccurredAt
		count++
		return nil
	})
	if err != nil || count != n-1 { // the last is at start+n: outside [from, to)
		t.Errorf("EachEvent visited %d, %v; want %d", count, err, n-1)
	}
	stop := errors.New("enough")
	if err := st.EachEvent(start, start.Add(time.Hour*2), func(mar.Event) error { return stop }); err != stop {
		t.Errorf("EachEvent error = %v, want fn's", err)
	}
}

func TestAckEmptiesTheOutbox(t *testing.T) {
	st := storetest.Open(t)
	var ids []uuid.UUID
	base := time.Now()
	for i := range 5 {
		e := given(storetest.ResidentMargaret, storetest.EntryMetformin, base.Add(time.Duration(i)*time.Minute))
		ids = append(ids, e.ID)
		if err := st.Append(e); err != nil {
			t.Fatal(err)
		}
	}
	first, _ := st.Pending(2)
	if len(first) != 2 || first[0].ID != ids[0] || first[1].ID != ids[1] {
		t.Fatalf("Pending(2) not the oldest two")
	}
	if err := st.Ack(ids[0], ids[1], ids[1], uuid.New()); err != nil {
		t.Fatal(err)
	}
	if err := st.Ack(ids[0]); err != nil { // repeated ack from a retried sync
		t.Fatal(err)
	}
	if n, _ := st.PendingCount(); n != 3 {
		t.Errorf("PendingCount = %d, want 3", n)
	}
	rest, _ := st.Pending(0)
	if len(rest) != 3 || rest[0].ID != ids[2] {
		t.Errorf("Pending after ack = %d, want the three newest", len(rest))
	}
	if ok, _ := st.Acked(ids[0]); !ok {
		t.Error("acked event not in the acknowledged set")
	}
	if errs := st.Check(); len(errs) > 0 {
		t.Errorf("Check after ack: %v", errs)
	}
}

func TestUsersAndHome(t *testing.T) {
	st := storetest.Open(t)
	h, err := st.Home()
	if err != nil || h.TimeZone != "Europe/London" || len(h.Rounds) != 4 {
		t.Errorf("Home() of a new store = %+v, %v; want the default", h, err)
	}
	h.Name, h.Window = "Rose Court", 30*time.Minute
	if err := st.PutHome(h); err != nil {
		t.Fatal(err)
	}
	if got, _ := st.Home(); got.Name != "Rose Court" || got.Window != 30*time.Minute {
		t.Errorf("Home() = %+v after PutHome", got)
	}
	u := mar.User{ID: "u-senior", Name: "Sam Patel", Role: mar.RoleSenior, PINHash: "$argon2id$v=19$..."}
	if err := st.PutUser(u); err != nil {
		t.Fatal(err)
	}
	u.FailedPINs, u.LockedUntil = 5, time.Now().Add(15*time.Minute) // five wrong PINs
	if err := st.PutUser(u); err != nil {
		t.Fatal(err)
	}
	got, err := st.User("u-senior")
	if err != nil || got.FailedPINs != 5 || !got.LockedUntil.Equal(u.LockedUntil) {
		t.Errorf("User() = %+v, %v", got, err)
	}
	if us, _ := st.Users(); len(us) != 1 {
		t.Errorf("Users() = %d, want 1", len(us))
	}
	if _, err := st.User("nobody"); !errors.Is(err, store.ErrNotFound) {
		t.Errorf("User(unknown) = %v", err)
	}
	if err := st.PutUser(mar.User{}); !errors.Is(err, store.ErrInvalid) {
		t.Errorf("PutUser(no ID) = %v", err)
	}
}

func TestFailingStores(t *testing.T) {
	closed := storetest.Closed(t)
	if _, err := closed.Residents(); !errors.Is(err, store.ErrClosed) {
		t.Errorf("closed Residents() = %v", err)
	}
	if err := closed.Append(given("R001", "E", time.Now())); !errors.Is(err, store.ErrClosed) {
		t.Errorf("closed Append() = %v", err)
	}
	ro, _ := storetest.ReadOnly(t)
	if _, err := ro.Resident(storetest.ResidentArthur); err != nil {
		t.Errorf("read-only store read: %v", err)
	}
	if err := ro.Append(given("R001", "E", time.Now())); err == nil {
		t.Error("read-only store accepted an event")
	}
}
