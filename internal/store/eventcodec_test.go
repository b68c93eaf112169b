package store

import (
	"bytes"
	"encoding/binary"
	"errors"
	"math"
	"path/filepath"
	"reflect"
	"testing"
	"time"

	"github.com/google/uuid"
	bolt "go.etcd.io/bbolt"

	"medround/internal/mar"
)

func boolPtr(b bool) *bool { return &b }

// codecEvents are events that must survive the binary codec unchanged.
func codecEvents() map[string]mar.Event {
	at := time.Date(2025, 6, 1, 8, 5, 0, 123456789, time.UTC)
	return map[string]mar.Event{
		"every field set: a witnessed controlled-drug dose given after a warning override": {
			ID: uuid.MustParse("6f1c2d3e-4a5b-4c6d-8e7f-901a2b3c4d5e"), Kind: mar.KindAdministration,
			DeviceID: "tablet-2", UserID: "u-nurse", WitnessID: "u-senior", ResidentID: "R003",
			OccurredAt: at, RecordedAt: at.Add(90 * time.Second), Note: "Given with yoghurt; résident calmer ☺",
			EntryID: "MR-R003-morphine", EntryVersion: 7, SlotDue: at.Add(-5 * time.Minute),
			Outcome: mar.OutcomeNotGiven, Reason: mar.ReasonOther, Quantity: 2.5, PRNReason: "breakthrough pain",
			Verdict: mar.LevelWarn, ReasonCodes: []string{"interval-short", "cd-witness", ""},
			OverrideReason: "GP phoned at 07:55", Unscanned: mar.UnscannedScannerBroken,
			GTIN: "05012345000046", Batch: "CD-77", Serial: "SN0001", Expiry: "2026-02-28",
			Corrects: uuid.MustParse("0b5f6d2e-7a33-4c1e-9a51-3c1d0e6f7a01"), Effective: boolPtr(true),
			Status: mar.StatusLeave, ProductID: "P-morphine-oral-10mg5ml", DoseUnit: "mL",
			About: uuid.MustParse("0b5f6d2e-7a33-4c1e-9a51-3c1d0e6f7a09"), Action: mar.AuditUserChanged,
			Digest: "9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08",
		},
		"zero-ish: only what an event must have to be keyed": {
			ID: uuid.MustParse("00000000-0000-0000-0000-000000000001"), ResidentID: "R1",
			OccurredAt: time.Date(1900, 1, 1, 0, 0, 0, 0, time.UTC),
		},
		"PRN effect: the dose did not work": {
			ID: uuid.New(), Kind: mar.KindPRNEffect, UserID: "u-carer", ResidentID: "R002", OccurredAt: at,
			RecordedAt: at, About: uuid.New(), Effective: boolPtr(false),
		},
		"a dose given as the product and unit of its chart version": {
			ID: uuid.New(), Kind: mar.KindAdministration, UserID: "u-carer", ResidentID: "R002", OccurredAt: at,
			EntryID: "MR-R002-paracetamol", EntryVersion: 2, Outcome: mar.OutcomeGiven, Quantity: 2,
			ProductID: "P-paracetamol-500mg-tab", DoseUnit: "tablet",
		},
		"audit: a chart import with the digest of its bundles": {
			ID: uuid.New(), Kind: mar.KindAudit, UserID: "u-manager", ResidentID: "R001", OccurredAt: at,
			Action: mar.AuditChartImport, Note: "3 residents, 5 entries",
			Digest: "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855",
		},
		"check said nothing: reason codes present but empty": {
			ID: uuid.New(), Kind: mar.KindAdministration, ResidentID: "R001", OccurredAt: at,
			ReasonCodes: []string{}, Quantity: math.Copysign(0, -1), EntryVersion: -3,
		},
		"recorded long after, far in the future, before UnixNano can say": {
			ID: uuid.New(), Kind: mar.KindCorrection, ResidentID: "R001", OccurredAt: time.Date(2199, 12, 31, 23, 59, 59, 999999999, time.UTC),
			RecordedAt: time.Date(9999, 1, 1, 0, 0, 0, 1, time.UTC), SlotDue: time.Date(1, 1, 1, 0, 0, 0, 1, time.UTC),
			Quantity: math.Inf(1), EntryVersion: math.MaxInt64,
		},
		"status change to hospital": {
			ID: uuid.New(), Kind: mar.KindStatusChange, UserID: "u-senior", ResidentID: "R003",
			OccurredAt: at, Status: mar.StatusHospital, Note: "999 called",
		},
	}
}

func TestEventCodecRoundTripsEveryField(t *testing.T) {
	for name, want := range codecEvents() {
		t.Run(name, func(t *testing.T) {
			enc, err := encodeEvent(want)
			if err != nil {
				t.Fatal(err)
			}
			if enc[0] != formatEventBinary2 {
				t.Fatalf("format byte %d, want %d", enc[0], formatEventBinary2)
			}
			got, err := decodeEvent(enc)
			if err != nil {
				t.Fatal(err)
			}
			if !reflect.DeepEqual(got, want) {
				t.Errorf("round trip\n got %+v\nwant %+v", got, want)
			}
			if math.Signbit(got.Quantity) != math.Signbit(want.Quantity) {
				t.Errorf("quantity sign lost: %v", got.Quantity)
			}
			if got.RecordedAt.Location() != time.UTC || got.SlotDue.Location() != time.UTC {
				t.Errorf("times not UTC: %v %v", got.RecordedAt.Location(), got.SlotDue.Location())
			}
		})
	}
}

func TestEventCodecZeroTimesReadBackAsZero(t *testing.T) {
	e := codecEvents()["zero-ish: only what an event must have to be keyed"]
	enc, err := encodeEvent(e)
	if err != nil {
		t.Fatal(err)
	}
	got, err := decodeEvent(enc)
	if err != nil {
		t.Fatal(err)
	}
	if got.RecordedAt != (time.Time{}) || got.SlotDue != (time.Time{}) || !got.SlotDue.IsZero() {
		t.Errorf("zero times read back as %#v, %#v", got.RecordedAt, got.SlotDue)
	}
	if got.Effective != nil || got.ReasonCodes != nil || got.Corrects != uuid.Nil {
		t.Errorf("absent fields read back as %v, %#v, %v", got.Effective, got.ReasonCodes, got.Corrects)
	}
}

// The effective pointer must not be shared between decoded events: a caller
// may set it.
func TestEventCodecEffectiveIsNotShared(t *testing.T) {
	e := codecEvents()["PRN effect: the dose did not work"]
	enc, _ := encodeEvent(e)
	a, _ := decodeEvent(enc)
	b, _ := decodeEvent(enc)
	*a.Effective = true
	if *b.Effective {
		t.Error("two decoded events share one Effective")
	}
}

func TestEncodeEventRefusesUnkeyableEvents(t *testing.T) {
	cases := map[string]mar.Event{
		"no occurred-at time":               {ID: uuid.New(), ResidentID: "R1"},
		"occurred-at beyond UnixNano":       {ID: uuid.New(), ResidentID: "R1", OccurredAt: time.Date(2300, 1, 1, 0, 0, 0, 0, time.UTC)},
		"resident ID longer than 64 KiB":    {ID: uuid.New(), ResidentID: string(make([]byte, 70000)), OccurredAt: time.Now()},
		"a note of two megabytes":           {ID: uuid.New(), ResidentID: "R1", OccurredAt: time.Now(), Note: string(make([]byte, 2<<20))},
		"reason codes of two megabytes sum": {ID: uuid.New(), ResidentID: "R1", OccurredAt: time.Now(), ReasonCodes: make([]string, 2<<20)},
	}
	for name, e := range cases {
		if _, err := encodeEvent(e); err == nil {
			t.Errorf("%s: encoded", name)
		}
	}
}

// Every record schemas 1 and 2 wrote is JSON: it must read back exactly as
// the binary form of the same event does.
func TestEventWrittenAsJSONByOldCodeIsStillRead(t *testing.T) {
	for name, want := range codecEvents() {
		if math.IsInf(want.Quantity, 0) || want.Kind == 0 {
			// JSON cannot hold infinity, and the old code wrote a kind
			// of 0 as "kind(0)", which it could not read back.
			continue
		}
		t.Run(name, func(t *testing.T) {
			written := want
			if want.Kind == mar.KindPRNEffect {
				// The old code named a PRN effect's dose in Corrects.
				written.Corrects, written.About = want.About, uuid.Nil
			}
			old, err := encodeEventJSON(written)
			if err != nil {
				t.Fatal(err)
			}
			if old[0] != formatEvent {
				t.Fatalf("old format byte %d", old[0])
			}
			got, err := decodeEvent(old)
			if err != nil {
				t.Fatal(err)
			}
			if want.ReasonCodes != nil && len(want.ReasonCodes) == 0 {
				want.ReasonCodes = nil // JSON's omitempty never kept an empty list
			}
			if !reflect.DeepEqual(got, want) {
				t.Errorf("old record\n got %+v\nwant %+v", got, want)
			}
		})
	}
}

// A fixed JSON record, byte for byte as schema 2 stored it, so a change to
// encodeEventJSON cannot hide a change in what is read.
func TestStoredJSONFixtureIsRead(t *testing.T) {
	body := `{"id":"0b5f6d2e-7a33-4c1e-9a51-3c1d0e6f7a01","kind":"administration","deviceId":"tablet-1",` +
		`"userId":"u-carer","residentId":"R001","occurredAt":"2025-01-06T08:10:00Z",` +
		`"recordedAt":"2025-01-06T08:10:00Z","entryId":"MR-R001-metformin","entryVersion":1,` +
		`"slotDue":"0001-01-01T00:00:00Z","outcome":"given","quantity":1,"verdict":"ok",` +
		`"gtin":"05012345000015","batch":"M2231","expiry":"2026-05-31","corrects":"00000000-0000-0000-0000-000000000000"}`
	at := time.Date(2025, 1, 6, 8, 10, 0, 0, time.UTC)
	rec := []byte{formatEvent, 0, 0, 0, 0}
	rec = append(rec, timeKey(at)...)
	rec = append(rec, 0, 4, 'R', '0', '0', '1')
	rec = append(rec, body...)
	binary.BigEndian.PutUint32(rec[1:5], crcOf(rec[frameHeader:]))
	got, err := decodeEvent(rec)
	if err != nil {
		t.Fatal(err)
	}
	want := mar.Event{ID: uuid.MustParse("0b5f6d2e-7a33-4c1e-9a51-3c1d0e6f7a01"), Kind: mar.KindAdministration,
		DeviceID: "tablet-1", UserID: "u-carer", ResidentID: "R001", OccurredAt: at, RecordedAt: at,
		EntryID: "MR-R001-metformin", EntryVersion: 1, Outcome: mar.OutcomeGiven, Quantity: 1,
		Verdict: mar.LevelOK, GTIN: "05012345000015", Batch: "M2231", Expiry: "2026-05-31"}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("fixture\n got %+v\nwant %+v", got, want)
	}
}

// reframe replaces a binary record's body and fixes its checksum, as damage
// the CRC cannot see (or a bug in a writer) would look.
func reframe(rec, body []byte) []byte {
	h, _ := splitEvent(rec)
	out := append([]byte(nil), rec[:len(rec)-len(h.body)]...)
	out = append(out, body...)
	binary.BigEndian.PutUint32(out[1:5], crcOf(out[frameHeader:]))
	return out
}

func TestDecodeEventRefusesBadBodies(t *testing.T) {
	full := codecEvents()["every field set: a witnessed controlled-drug dose given after a warning override"]
	rec, err := encodeEvent(full)
	if err != nil {
		t.Fatal(err)
	}
	h, _ := splitEvent(rec)
	body := append([]byte(nil), h.body...)
	const codesAt = 84 // ID, flags, quantity, version, two times, corrects, about
	if body[codesAt] != byte(len(full.ReasonCodes)+1) {
		t.Fatalf("layout changed: byte %d is %d, not the reason code count", codesAt, body[codesAt])
	}
	with := func(i int, b byte) []byte {
		out := append([]byte(nil), body...)
		out[i] = b
		return out
	}
	cases := map[string][]byte{
		"empty body":                         {},
		"cut inside the ID":                  body[:9],
		"cut inside the quantity":            body[:28],
		"cut inside the strings":             body[:len(body)-60],
		"one byte short":                     body[:len(body)-1],
		"a byte too many":                    append(append([]byte(nil), body...), 'x'),
		"effective neither nil, no nor yes":  with(23, 3),
		"a flag no format knows":             with(24, 7),
		"reason code count beyond the body":  binary.AppendUvarint(append([]byte(nil), body[:codesAt]...), 1<<40),
		"varint that never ends":             append(append([]byte(nil), body[:33]...), bytes.Repeat([]byte{0xff}, 12)...),
		"nanoseconds of a whole second more": binary.AppendUvarint(binary.AppendVarint(append([]byte(nil), body[:34]...), 1), 1e9),
	}
	for name, b := range cases {
		_, err := decodeEvent(reframe(rec, b))
		if !errors.Is(err, errCorruptValue) {
			t.Errorf("%s: decode = %v, want errCorruptValue", name, err)
		}
	}
	rec[len(rec)-1] ^= 1
	if _, err := decodeEvent(rec); !errors.Is(err, errCorruptValue) {
		t.Errorf("flipped bit: decode = %v", err)
	}
}

// FuzzDecodeEvent feeds arbitrary bodies, correctly framed so the checksum
// lets them through, to the decoder: it must return an event or an error,
// never panic, and what it accepts must survive a second round trip
// unchanged (bytes, not values, are compared: a NaN quantity is not equal to
// itself). Varints need not be minimal, so the first re-encoding may differ.
func FuzzDecodeEvent(f *testing.F) {
	for _, e := range codecEvents() {
		rec, err := encodeEvent(e)
		if err != nil {
			f.Fatal(err)
		}
		h, _ := splitEvent(rec)
		f.Add(h.body)
	}
	f.Add([]byte{})
	at := time.Date(2025, 6, 1, 8, 0, 0, 0, time.UTC)
	f.Fuzz(func(t *testing.T, body []byte) {
		rec, err := encodeEvent(mar.Event{ID: uuid.Nil, ResidentID: "R001", OccurredAt: at})
		if err != nil {
			t.Fatal(err)
		}
		rec = reframe(rec, body)
		e, err := decodeEvent(rec)
		if err != nil {
			if !errors.Is(err, errCorruptValue) {
				t.Fatalf("error not marked as damage: %v", err)
			}
			return
		}
		again, err := encodeEvent(e)
		if err != nil {
			t.Fatalf("decoded %+v does not encode: %v", e, err)
		}
		e2, err := decodeEvent(again)
		if err != nil {
			t.Fatalf("re-encoded %x does not decode: %v", again, err)
		}
		if third, _ := encodeEvent(e2); !bytes.Equal(third, again) {
			t.Fatalf("second round trip differs:\n got %x\nwant %x", third, again)
		}
	})
}

// A file a newer medround wrote may hold records this build cannot read:
// it must be refused as newer, not as damaged, so nobody restores a backup
// over good data.
func TestNewerSchemaWithUnknownRecordsIsRefusedAsNewer(t *testing.T) {
	path := filepath.Join(t.TempDir(), "medround.db")
	st, err := Open(path, Options{})
	if err != nil {
		t.Fatal(err)
	}
	if err := st.Close(); err != nil {
		t.Fatal(err)
	}
	db, err := bolt.Open(path, 0o600, nil)
	if err != nil {
		t.Fatal(err)
	}
	err = db.Update(func(tx *bolt.Tx) error {
		id := uuid.New()
		at := time.Date(2030, 1, 1, 0, 0, 0, 0, time.UTC)
		rec := append([]byte{formatEventBinary2 + 1, 0, 0, 0, 0}, "a format from the future"...)
		binary.BigEndian.PutUint32(rec[1:5], crcOf(rec[frameHeader:]))
		if err := tx.Bucket(bucketEvents).Put(eventKey(at, id), rec); err != nil {
			return err
		}
		return setSchema(tx, currentSchema+1)
	})
	if cerr := db.Close(); err == nil {
		err = cerr
	}
	if err != nil {
		t.Fatal(err)
	}
	if _, err := Open(path, Options{}); !errors.Is(err, ErrNewerSchema) || errors.Is(err, ErrDamaged) {
		t.Fatalf("Open = %v, want ErrNewerSchema only", err)
	}
}

// The PRN effects in testdata/v3.db are formatEventBinary records as schema
// 3 wrote them: each reads with its dose in About, and a schema 3 record
// flagged as holding an About (which that format never had) is damage.
func TestFormat3PRNEffectReadsAboutAndRefusesTheNewFlag(t *testing.T) {
	db, err := bolt.Open(filepath.Join("testdata", "v3.db"), 0o600, &bolt.Options{ReadOnly: true})
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	var effects [][]byte
	err = db.View(func(tx *bolt.Tx) error {
		return tx.Bucket(bucketEvents).ForEach(func(_, v []byte) error {
			if e, err := decodeEvent(v); err == nil && e.Kind == mar.KindPRNEffect {
				effects = append(effects, clone(v))
			}
			return nil
		})
	})
	if err != nil || len(effects) != 2 {
		t.Fatalf("PRN effects in the fixture: %d, %v", len(effects), err)
	}
	for _, rec := range effects {
		if rec[0] != formatEventBinary {
			t.Fatalf("fixture record has format %d, want %d", rec[0], formatEventBinary)
		}
		e, err := decodeEvent(rec)
		if err != nil || e.About == uuid.Nil || e.Corrects != uuid.Nil {
			t.Errorf("old PRN effect = about %v, corrects %v, %v", e.About, e.Corrects, err)
		}
		h, _ := splitEvent(rec)
		body := append([]byte(nil), h.body...)
		const flagsAt = 16 + 7 // ID, six enums and effective
		if body[flagsAt] != 1 {
			t.Fatalf("layout changed: byte %d is %d, not the corrects flag", flagsAt, body[flagsAt])
		}
		body[flagsAt] = flagCorrects | flagAbout
		if _, err := decodeEvent(reframe(rec, body)); !errors.Is(err, errCorruptValue) {
			t.Errorf("schema 3 record flagged with About: decode = %v, want errCorruptValue", err)
		}
	}
}
