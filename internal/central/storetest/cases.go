package storetest

import (
	"bytes"
	"errors"
	"strings"
	"testing"
	"time"

	"github.com/google/uuid"

	"medround/internal/central"
	"medround/internal/mar"
	"medround/internal/protocol"
)

func testHomes(t *testing.T, f *fixture) {
	err := f.st.AddHome(f.ctx, central.Home{ID: "willow", Settings: mar.Home{Name: "again"}})
	if !errors.Is(err, central.ErrExists) {
		t.Errorf("AddHome of an existing home = %v, want ErrExists", err)
	}
	h, err := f.st.Home(f.ctx, "willow")
	if err != nil || h.Settings.Name != "willow" {
		t.Errorf("Home(willow) = %+v, %v; want the first settings kept", h, err)
	}
	if _, err := f.st.Home(f.ctx, "elm"); !errors.Is(err, central.ErrNotFound) {
		t.Errorf("Home(elm) = %v, want ErrNotFound", err)
	}
	if err := f.st.PutUser(f.ctx, "elm", mar.User{ID: "amy"}); !errors.Is(err, central.ErrNotFound) {
		t.Errorf("PutUser in an unknown home = %v, want ErrNotFound", err)
	}
}

func testChanges(t *testing.T, f *fixture) {
	must(t, f.st.PutUser(f.ctx, "willow", mar.User{ID: "amy", Name: "Amy", Role: mar.RoleCarer,
		PINHash: "$argon2id$x", FailedPINs: 3, LockedUntil: T0}))
	must(t, f.st.PutSettings(f.ctx, "willow", mar.Home{Name: "Willow House", TimeZone: "Europe/London"}))
	f.put(t, "tab-a", given("tab-a", T0))
	all, head, err := f.st.Changes(f.ctx, "willow", 0, 100)
	must(t, err)
	kinds := []protocol.ChangeKind{protocol.ChangeHome, protocol.ChangeChart, protocol.ChangeUser, protocol.ChangeHome, protocol.ChangeEvent}
	if len(all) != len(kinds) || head != all[len(all)-1].Seq {
		t.Fatalf("Changes = %d changes, head %d; want %d ending at head", len(all), head, len(kinds))
	}
	for i, c := range all {
		if c.Kind != kinds[i] || (i > 0 && c.Seq <= all[i-1].Seq) {
			t.Errorf("change %d: kind %d seq %d; want kind %d, rising seq", i, c.Kind, c.Seq, kinds[i])
		}
		if err := c.Validate(); err != nil {
			t.Errorf("change %d: %v", i, err)
		}
	}
	if u := all[2].User; u.FailedPINs != 0 || !u.LockedUntil.IsZero() || u.PINHash == "" {
		t.Errorf("user change = %+v; want the PIN hash without the tablet's lock state", u)
	}
	if all[4].Device != "tab-a" {
		t.Errorf("event change from device %q, want tab-a", all[4].Device)
	}
	page, head2, err := f.st.Changes(f.ctx, "willow", all[1].Seq, 2)
	must(t, err)
	if len(page) != 2 || page[0].Seq != all[2].Seq || head2 != head {
		t.Errorf("Changes(after %d, limit 2) = %d changes from %d; want 2 from %d", all[1].Seq, len(page), page[0].Seq, all[2].Seq)
	}
	rest, _, err := f.st.Changes(f.ctx, "willow", head, 100)
	if err != nil || len(rest) != 0 {
		t.Errorf("Changes after head = %d, %v; want none", len(rest), err)
	}
}

func testEnrol(t *testing.T, f *fixture) {
	_, codeHash, err := central.NewCode()
	must(t, err)
	must(t, f.st.AddCode(f.ctx, central.EnrolmentCode{Hash: codeHash, HomeID: "willow", ExpiresAt: T0.Add(time.Hour)}))
	_, tok, _ := central.NewToken()
	d, err := f.enrolWith(codeHash, central.Device{ID: "tab-b", Name: "Floor 2", TokenHash: tok, EnrolledAt: T0})
	must(t, err)
	got, err := f.st.DeviceByToken(f.ctx, tok)
	if err != nil || got.ID != "tab-b" || got.HomeID != "willow" || got.Revoked() {
		t.Errorf("DeviceByToken = %+v, %v; want tab-b of willow", got, err)
	}
	_, tok2, _ := central.NewToken()
	if _, err := f.enrolWith(codeHash, central.Device{ID: "tab-c", TokenHash: tok2, EnrolledAt: T0}); !errors.Is(err, central.ErrCodeInvalid) {
		t.Errorf("second use of a code = %v, want ErrCodeInvalid", err)
	}
	devs, err := f.st.Devices(f.ctx, "willow")
	must(t, err)
	if len(devs) != 2 || devs[0].ID != "tab-a" || devs[1].ID != d.ID {
		t.Errorf("Devices(willow) = %+v; want tab-a and tab-b only", devs)
	}
}

func testBadCodes(t *testing.T, f *fixture) {
	_, codeHash, _ := central.NewCode()
	must(t, f.st.AddCode(f.ctx, central.EnrolmentCode{Hash: codeHash, HomeID: "willow", ExpiresAt: T0}))
	_, tok, _ := central.NewToken()
	cases := []struct {
		name string
		hash []byte
	}{
		{"code used at its expiry", codeHash},
		{"code never issued", central.HashCode("AAAA-BBBB-CCCC-DDDD")},
	}
	for _, c := range cases {
		_, err := f.enrolWith(c.hash, central.Device{ID: "tab-x", TokenHash: tok, EnrolledAt: T0})
		if !errors.Is(err, central.ErrCodeInvalid) {
			t.Errorf("%s: Enrol = %v, want ErrCodeInvalid", c.name, err)
		}
	}
	if _, err := f.st.DeviceByToken(f.ctx, tok); !errors.Is(err, central.ErrNotFound) {
		t.Errorf("token of a refused enrolment: %v, want ErrNotFound", err)
	}
}

func testDeviceTaken(t *testing.T, f *fixture) {
	_, codeHash, _ := central.NewCode()
	must(t, f.st.AddCode(f.ctx, central.EnrolmentCode{Hash: codeHash, HomeID: "willow", ExpiresAt: T0.Add(time.Hour)}))
	_, tok, _ := central.NewToken()
	_, err := f.enrolWith(codeHash, central.Device{ID: "tab-oak", TokenHash: tok, EnrolledAt: T0})
	if !errors.Is(err, central.ErrDeviceTaken) {
		t.Errorf("enrolling oak's tablet into willow = %v, want ErrDeviceTaken", err)
	}
	devs, _ := f.st.Devices(f.ctx, "oak")
	if len(devs) != 1 || devs[0].HomeID != "oak" {
		t.Errorf("oak's devices after the refusal = %+v", devs)
	}
	// Once oak revokes it (it was given oak's code by mistake), willow
	// may enrol it.
	must(t, f.st.RevokeDevice(f.ctx, "tab-oak", T0))
	_, codeHash2, _ := central.NewCode()
	must(t, f.st.AddCode(f.ctx, central.EnrolmentCode{Hash: codeHash2, HomeID: "willow", ExpiresAt: T0.Add(time.Hour)}))
	_, tok2, _ := central.NewToken()
	d, err := f.enrolWith(codeHash2, central.Device{ID: "tab-oak", TokenHash: tok2, EnrolledAt: T0.Add(time.Minute)})
	if err != nil || d.HomeID != "willow" {
		t.Errorf("enrolling oak's revoked tablet into willow = %+v, %v; want it in willow", d, err)
	}
}

func testReEnrol(t *testing.T, f *fixture) {
	old := f.enrol(t, "willow", "tab-b")
	must(t, f.st.RevokeDevice(f.ctx, "tab-b", T0))
	fresh := f.enrol(t, "willow", "tab-b")
	if d, err := f.st.DeviceByToken(f.ctx, old); err == nil && !d.Revoked() {
		t.Error("the old token still works after re-enrolment")
	}
	d, err := f.st.DeviceByToken(f.ctx, fresh)
	if err != nil || d.Revoked() || !bytes.Equal(d.TokenHash, fresh) {
		t.Errorf("new token after re-enrolment: %+v, %v", d, err)
	}
}

func testRevoke(t *testing.T, f *fixture) {
	tok := f.enrol(t, "willow", "tab-b")
	must(t, f.st.RevokeDevice(f.ctx, "tab-b", T0.Add(time.Minute)))
	must(t, f.st.RevokeDevice(f.ctx, "tab-b", T0.Add(time.Hour)))
	if d, err := f.st.DeviceByToken(f.ctx, tok); err == nil && !d.Revoked() {
		t.Errorf("revoked device found by token and not revoked: %+v", d)
	}
	devs, _ := f.st.Devices(f.ctx, "willow")
	for _, d := range devs {
		if d.ID == "tab-b" && !d.RevokedAt.Equal(T0.Add(time.Minute)) {
			t.Errorf("revoked at %v, want the first revocation %v", d.RevokedAt, T0.Add(time.Minute))
		}
	}
	if err := f.st.RevokeDevice(f.ctx, "tab-nobody", T0); !errors.Is(err, central.ErrNotFound) {
		t.Errorf("revoking an unknown device = %v, want ErrNotFound", err)
	}
	if _, err := f.st.PutEvents(f.ctx, "tab-b", []mar.Event{given("tab-b", T0)}, T0); err == nil {
		t.Error("a revoked device's push was stored")
	}
}

func testEventOnce(t *testing.T, f *fixture) {
	e := given("tab-a", T0)
	london, _ := time.LoadLocation("Europe/London")
	again := e
	again.OccurredAt, again.RecordedAt, again.SlotDue = e.OccurredAt.In(london), e.RecordedAt.In(london), e.SlotDue.In(london)
	if st := f.put(t, "tab-a", e); st[0] != protocol.AckStored {
		t.Errorf("first push: %v, want stored", st[0])
	}
	if st := f.put(t, "tab-a", again, again); st[0] != protocol.AckDuplicate || st[1] != protocol.AckDuplicate {
		t.Errorf("same event again (other zone, twice in a batch): %v, want duplicate", st)
	}
	if n := len(f.events(t, "willow")); n != 1 {
		t.Errorf("willow holds %d events, want 1", n)
	}
}

func testConflict(t *testing.T, f *fixture) {
	e := given("tab-a", T0)
	f.put(t, "tab-a", e)
	other := e
	other.Quantity = 2
	if st := f.put(t, "tab-a", other); st[0] != protocol.AckConflict {
		t.Errorf("other content under a stored UUID: %v, want conflict", st[0])
	}
	evs := f.events(t, "willow")
	if len(evs) != 1 || evs[0].Event.Quantity != 1 {
		t.Errorf("stored events = %+v; want the first, unchanged", evs)
	}
	cs, err := f.st.Conflicts(f.ctx, "willow")
	must(t, err)
	if len(cs) != 1 || cs[0].Event.Quantity != 2 || cs[0].Device != "tab-a" {
		t.Errorf("conflicts = %+v; want the second copy from tab-a", cs)
	}
}

func testRefusedEvents(t *testing.T, f *fixture) {
	noID := given("tab-a", T0)
	noID.ID = uuid.Nil
	away := mar.Event{ID: uuid.New(), Kind: mar.KindStatusChange, DeviceID: "tab-a", UserID: "meg",
		ResidentID: "R999", OccurredAt: T0, Status: mar.StatusHospital}
	orphan := mar.Event{ID: uuid.New(), Kind: mar.KindCorrection, DeviceID: "tab-a", UserID: "sam",
		ResidentID: "R101", OccurredAt: T0, Corrects: uuid.New()}
	effect := mar.Event{ID: uuid.New(), Kind: mar.KindPRNEffect, DeviceID: "tab-a", UserID: "sam",
		ResidentID: "R101", OccurredAt: T0, About: uuid.New(), Note: "worked"}
	cases := []struct {
		name  string
		bad   mar.Event
		words string
	}{
		{"event with no ID", noID, "no ID"},
		{"event recorded on another home's enrolled tablet", given("tab-oak", T0), "another device"},
		{"event recorded on a device never enrolled", given("tab-z", T0), "another device"},
		{"event naming no device", given("", T0), "no device"},
		{"status change of a resident the chart does not hold", away, "chart does not hold"},
		{"correction of an event the centre does not hold", orphan, "does not hold"},
		{"PRN effect of a dose the centre does not hold", effect, "is about an event the central record does not hold"},
	}
	var stored []uuid.UUID
	for _, c := range cases {
		before, after := given("tab-a", T0), given("tab-a", T0.Add(time.Minute))
		acks := f.putAcks(t, "tab-a", before, c.bad, after)
		if acks[0].Status != protocol.AckStored || acks[2].Status != protocol.AckStored {
			t.Errorf("%s: the good events around it = %v, %v; want both stored", c.name, acks[0].Status, acks[2].Status)
		}
		if acks[1].Status != protocol.AckRefused || !strings.Contains(acks[1].Reason, c.words) || strings.HasPrefix(acks[1].Reason, "refused") {
			t.Errorf("%s: %+v; want refused saying %q", c.name, acks[1], c.words)
		}
		stored = append(stored, before.ID, after.ID)
	}
	evs := f.events(t, "willow")
	if len(evs) != len(stored) {
		t.Fatalf("willow holds %d events, want the %d good ones", len(evs), len(stored))
	}
	for i, e := range evs {
		if e.Event.ID != stored[i] {
			t.Errorf("stored event %d is %s, want %s: the good events in the order sent", i, e.Event.ID, stored[i])
		}
	}
	ok := given("tab-a", T0)
	fix := mar.Event{ID: uuid.New(), Kind: mar.KindCorrection, DeviceID: "tab-a", UserID: "sam",
		ResidentID: "R101", OccurredAt: T0.Add(time.Minute), Corrects: ok.ID}
	if st := f.put(t, "tab-a", ok, fix); st[1] != protocol.AckStored {
		t.Errorf("correction of an event earlier in its batch: %v, want stored", st[1])
	}
	bad := given("tab-oak", T0)
	fixBad := mar.Event{ID: uuid.New(), Kind: mar.KindCorrection, DeviceID: "tab-a", UserID: "sam",
		ResidentID: "R101", OccurredAt: T0.Add(time.Minute), Corrects: bad.ID}
	if st := f.put(t, "tab-a", bad, fixBad); st[0] != protocol.AckRefused || st[1] != protocol.AckRefused {
		t.Errorf("correction of an event refused earlier in its batch: %v; want both refused", st)
	}
	// The harm this guards: the dose refused, the record about it stored,
	// and every tablet's pull stopped at a record about nothing it holds.
	dose := given("tab-oak", T0)
	about := mar.Event{ID: uuid.New(), Kind: mar.KindPRNEffect, DeviceID: "tab-a", UserID: "sam",
		ResidentID: "R101", OccurredAt: T0.Add(time.Hour), About: dose.ID, Note: "worked"}
	if st := f.put(t, "tab-a", dose, about); st[0] != protocol.AckRefused || st[1] != protocol.AckRefused {
		t.Errorf("PRN effect of a dose refused earlier in its batch: %v; want both refused", st)
	}
	held := given("tab-a", T0.Add(2*time.Hour))
	worked := mar.Event{ID: uuid.New(), Kind: mar.KindPRNEffect, DeviceID: "tab-a", UserID: "sam",
		ResidentID: "R101", OccurredAt: T0.Add(3 * time.Hour), About: held.ID, Note: "worked"}
	if st := f.put(t, "tab-a", held, worked); st[0] != protocol.AckStored || st[1] != protocol.AckStored {
		t.Errorf("PRN effect of a dose earlier in its batch: %v; want both stored", st)
	}
}

func testHomesApart(t *testing.T, f *fixture) {
	e := given("tab-a", T0)
	f.put(t, "tab-a", e)
	e2 := e
	e2.DeviceID = "tab-oak"
	if st := f.put(t, "tab-oak", e2); st[0] != protocol.AckStored {
		t.Errorf("a UUID met in another home: %v, want stored (homes are apart)", st[0])
	}
	oak, _, err := f.st.Changes(f.ctx, "oak", 0, 100)
	must(t, err)
	for _, c := range oak {
		if c.Kind == protocol.ChangeEvent && c.Device != "tab-oak" {
			t.Errorf("oak's changes hold an event from %s", c.Device)
		}
	}
	if n := len(f.events(t, "willow")); n != 1 {
		t.Errorf("willow holds %d events, want 1", n)
	}
}

func testEventsRange(t *testing.T, f *fixture) {
	for i := range 3 {
		f.put(t, "tab-a", given("tab-a", T0.Add(time.Duration(i)*time.Hour)))
	}
	got, err := f.st.Events(f.ctx, "willow", T0.Add(time.Hour), T0.Add(2*time.Hour))
	must(t, err)
	if len(got) != 1 || !got[0].Event.OccurredAt.Equal(T0.Add(time.Hour)) || got[0].Device != "tab-a" || got[0].ReceivedAt.IsZero() {
		t.Errorf("Events(01:30, 02:30) = %+v; want the one at 01:30 with its device and received-at", got)
	}
}
