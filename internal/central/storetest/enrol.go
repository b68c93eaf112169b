package storetest

import (
	"bytes"
	"errors"
	"fmt"
	"testing"
	"time"

	"github.com/google/uuid"

	"medround/internal/central"
	"medround/internal/mar"
	"medround/internal/protocol"
)

// testDeviceEnrolled: a holder of one of willow's codes enrolling under
// tab-a's device ID (read off any of its records) would take over its
// token and write in its name.
func testDeviceEnrolled(t *testing.T, f *fixture) {
	_, codeHash, _ := central.NewCode()
	must(t, f.st.AddCode(f.ctx, central.EnrolmentCode{Hash: codeHash, HomeID: "willow", ExpiresAt: T0.Add(time.Hour)}))
	before, err := f.st.Devices(f.ctx, "willow")
	must(t, err)
	_, tok, _ := central.NewToken()
	_, err = f.enrolWith(codeHash, central.Device{ID: "tab-a", TokenHash: tok, EnrolledAt: T0})
	if !errors.Is(err, central.ErrDeviceEnrolled) {
		t.Errorf("enrolling willow's tab-a again with another willow code = %v, want ErrDeviceEnrolled", err)
	}
	if _, err := f.st.DeviceByToken(f.ctx, tok); !errors.Is(err, central.ErrNotFound) {
		t.Errorf("token of the refused enrolment: %v, want ErrNotFound", err)
	}
	after, err := f.st.Devices(f.ctx, "willow")
	must(t, err)
	if len(after) != 1 || !bytes.Equal(after[0].TokenHash, before[0].TokenHash) {
		t.Errorf("willow's devices after the refusal = %+v; want tab-a with its own token", after)
	}
	if st := f.put(t, "tab-a", given("tab-a", T0)); st[0] != protocol.AckStored {
		t.Errorf("tab-a's push after the refused take-over: %v, want stored", st[0])
	}
	// The refusal spent nothing: the code enrols a new tablet.
	_, tok2, _ := central.NewToken()
	if _, err := f.enrolWith(codeHash, central.Device{ID: "tab-b", TokenHash: tok2, EnrolledAt: T0}); err != nil {
		t.Errorf("the code after a refused enrolment: %v, want it still usable", err)
	}
}

// repeat is one enrolment as sent with a request ID.
type repeat struct {
	code, request []byte
	sealed        []byte
	device        central.Device
}

func (f *fixture) newRepeat(t *testing.T, device string) repeat {
	t.Helper()
	_, codeHash, err := central.NewCode()
	must(t, err)
	must(t, f.st.AddCode(f.ctx, central.EnrolmentCode{Hash: codeHash, HomeID: "willow", ExpiresAt: T0.Add(time.Hour)}))
	_, tok, err := central.NewToken()
	must(t, err)
	return repeat{code: codeHash, request: central.RequestHash(uuid.NewString()), sealed: []byte("sealed:" + device),
		device: central.Device{ID: device, TokenHash: tok, EnrolledAt: T0}}
}

func (f *fixture) send(r repeat, at time.Time) (central.Device, []byte, error) {
	d := r.device
	d.EnrolledAt = at
	return f.st.Enrol(f.ctx, central.Enrolment{CodeHash: r.code, Device: d, RequestHash: r.request, Sealed: r.sealed})
}

// testEnrolRepeated: an enrolment whose answer was lost after the centre
// committed is sent again with its request ID and gets the token sealed
// then; anything else with a used code is refused as before.
func testEnrolRepeated(t *testing.T, f *fixture) {
	r := f.newRepeat(t, "tab-b")
	d, sealed, err := f.send(r, T0)
	if err != nil || sealed != nil || d.HomeID != "willow" {
		t.Fatalf("first enrolment = %+v, %q, %v; want tab-b in willow, not a repeat", d, sealed, err)
	}
	d2, sealed, err := f.send(r, T0.Add(30*time.Minute))
	if err != nil || !bytes.Equal(sealed, r.sealed) || d2.ID != "tab-b" || !bytes.Equal(d2.TokenHash, r.device.TokenHash) {
		t.Errorf("the same enrolment again = %+v, %q, %v; want tab-b and the token sealed the first time", d2, sealed, err)
	}
	other := r
	other.request = central.RequestHash(uuid.NewString())
	noID := r
	noID.request = nil
	otherDevice := r
	otherDevice.device.ID = "tab-c"
	cases := []struct {
		name string
		r    repeat
		at   time.Time
	}{
		{"another request with the used code", other, T0.Add(time.Minute)},
		{"a version 1 tablet with the used code", noID, T0.Add(time.Minute)},
		{"the same request from another device ID", otherDevice, T0.Add(time.Minute)},
		{"the same request once the code has expired", r, T0.Add(time.Hour)},
	}
	for _, c := range cases {
		if _, _, err := f.send(c.r, c.at); !errors.Is(err, central.ErrCodeInvalid) {
			t.Errorf("%s: Enrol = %v, want ErrCodeInvalid", c.name, err)
		}
	}
	must(t, f.st.RevokeDevice(f.ctx, "tab-b", T0.Add(time.Minute)))
	if _, _, err := f.send(r, T0.Add(2*time.Minute)); !errors.Is(err, central.ErrCodeInvalid) {
		t.Errorf("the same request after tab-b was revoked: %v, want ErrCodeInvalid (no token back to life)", err)
	}
	if _, err := f.st.PutEvents(f.ctx, "tab-b", []mar.Event{given("tab-b", T0)}, T0); err == nil {
		t.Error("tab-b pushed after its revocation and a repeated enrolment")
	}
}

// Sealed reads the sealed token a store keeps in a code's record, nil when
// it keeps none. No method of central.Store shows it, so each store's test
// reads it from its own storage.
type Sealed func(t *testing.T, st central.Store, codeHash []byte) []byte

// RunSeals checks that a store forgets a code's sealed token once the
// code's life has ended, whatever enrolment came then, and keeps it while
// the same enrolment may still be answered with it: a token left on disk
// is one more secret a copy of the store gives away. newStore is as for
// Run.
func RunSeals(t *testing.T, newStore func(t *testing.T) central.Store, sealed Sealed) {
	cases := []struct {
		name  string
		later func(t *testing.T, f *fixture, r repeat) error // an enrolment after r's
		kept  bool
	}{
		{"another tablet enrolled while the answered code is in its life", func(t *testing.T, f *fixture, r repeat) error {
			return f.enrolAt(t, "tab-c", T0.Add(30*time.Minute))
		}, true},
		{"another tablet enrolled the moment the answered code's life ended", func(t *testing.T, f *fixture, r repeat) error {
			return f.enrolAt(t, "tab-c", T0.Add(time.Hour))
		}, false},
		{"the same enrolment sent again once the code's life ended", func(t *testing.T, f *fixture, r repeat) error {
			if _, _, err := f.send(r, T0.Add(time.Hour)); !errors.Is(err, central.ErrCodeInvalid) {
				return fmt.Errorf("the same enrolment after the code's life = %v, want ErrCodeInvalid", err)
			}
			return nil
		}, false},
		{"a wrong code typed a day later", func(t *testing.T, f *fixture, r repeat) error {
			wrong := central.Enrolment{CodeHash: central.HashCode("AAAA-BBBB-CCCC-DDDD"), Device: central.Device{ID: "tab-c", EnrolledAt: T0.Add(24 * time.Hour)}}
			if _, _, err := f.st.Enrol(f.ctx, wrong); !errors.Is(err, central.ErrCodeInvalid) {
				return fmt.Errorf("a wrong code = %v, want ErrCodeInvalid", err)
			}
			return nil
		}, false},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			st := newStore(t)
			t.Cleanup(func() { _ = st.Close() })
			f := setup(t, st)
			r := f.newRepeat(t, "tab-b")
			if _, _, err := f.send(r, T0); err != nil {
				t.Fatal(err)
			}
			if got := sealed(t, st, r.code); !bytes.Equal(got, r.sealed) {
				t.Fatalf("sealed token kept after the enrolment = %q, want %q", got, r.sealed)
			}
			must(t, c.later(t, f, r))
			if got := sealed(t, st, r.code); (got != nil) != c.kept {
				t.Errorf("sealed token kept = %q; want it kept: %v", got, c.kept)
			}
			if c.kept {
				if _, again, err := f.send(r, T0.Add(40*time.Minute)); err != nil || !bytes.Equal(again, r.sealed) {
					t.Errorf("the same enrolment again in the code's life = %q, %v; want the token sealed the first time", again, err)
				}
			}
			if d, err := f.st.DeviceByToken(f.ctx, r.device.TokenHash); err != nil || d.ID != "tab-b" {
				t.Errorf("tab-b by its token after the seal was forgotten = %+v, %v; want it still enrolled", d, err)
			}
		})
	}
}

// enrolAt enrols device in willow at a time, with a new code that lives
// two hours from T0.
func (f *fixture) enrolAt(t *testing.T, device string, at time.Time) error {
	_, codeHash, err := central.NewCode()
	must(t, err)
	must(t, f.st.AddCode(f.ctx, central.EnrolmentCode{Hash: codeHash, HomeID: "willow", ExpiresAt: T0.Add(2 * time.Hour)}))
	_, tok, err := central.NewToken()
	must(t, err)
	_, err = f.enrolWith(codeHash, central.Device{ID: device, TokenHash: tok, EnrolledAt: at})
	return err
}
