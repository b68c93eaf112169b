package labels

import (
	"errors"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"medround/internal/barcode"
	"medround/internal/mar"
)

var (
	// Mrs Ivy Patel has the home's own number as well as her NHS number.
	ivy = mar.Resident{ID: "pat-1", NHSNumber: "9434765919", GivenName: "Ivy", FamilyName: "Patel", Room: "12",
		Identifiers: []mar.Identifier{{System: mar.SystemNHSNumber, Value: "9434765919"}, {System: "urn:home", Value: "R0042"}}}
	// Mr Arthur Jones came from hospital with only his NHS number.
	arthur = mar.Resident{ID: "pat-2", NHSNumber: "9000000009", GivenName: "Arthur", FamilyName: "Jones", Room: "3A"}
	// A resident whose local number is their chart ID.
	edith = mar.Resident{ID: "R107", GivenName: "Edith", FamilyName: "Okonkwo-Fairweather-Llewellyn-Smythe", Room: "Garden 2"}
	amy   = mar.User{ID: "amy", Name: "Amy Clarke", Role: mar.RoleCarer}
	sam   = mar.User{ID: "u-0007", Name: "Sam O'Neill", Role: mar.RoleSenior}
)

func TestResidentCodeChoice(t *testing.T) {
	tests := []struct {
		name    string
		r       mar.Resident
		pattern *regexp.Regexp
		want    string
		wantErr error
	}{
		{"home number preferred to NHS number", ivy, nil, "R0042", nil},
		{"NHS number when there is no home number", arthur, nil, "9000000009", nil},
		{"chart ID that is a home number", edith, nil, "R107", nil},
		{"home with its own pattern", ivy, regexp.MustCompile(`^R\d{4}$`), "R0042", nil},
		{"home number not matching this home's pattern falls back to NHS", ivy, regexp.MustCompile(`^RC-\d+$`), "9434765919", nil},
		{"NHS number with a bad check digit is not printed", mar.Resident{ID: "x", NHSNumber: "9434765918"}, nil, "", ErrNoResidentID},
		{"resident with no identifier at all", mar.Resident{ID: "x"}, nil, "", ErrNoResidentID},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, err := ResidentCode(tt.r, tt.pattern)
			if !errors.Is(err, tt.wantErr) || got != tt.want {
				t.Errorf("ResidentCode = %q, %v; want %q, %v", got, err, tt.want, tt.wantErr)
			}
		})
	}
}

func TestStaffCodeNeverParsesAsResidentOrPack(t *testing.T) {
	for _, u := range []mar.User{amy, sam, {ID: "9434765919"}, {ID: "R0042"}, {ID: "05012345678900"}} {
		code, err := StaffCode(u)
		if err != nil {
			t.Fatal(err)
		}
		if c, err := barcode.Parse(code, barcode.Options{}); err != nil || c.Kind != barcode.KindStaff || c.StaffID != u.ID {
			t.Errorf("staff badge %q parses as %v %q (%v), want staff %q", code, c.Kind, c.StaffID, err, u.ID)
		}
	}
	if _, err := StaffCode(mar.User{Name: "No ID"}); err == nil {
		t.Error("badge made for a user without an ID")
	}
}

func TestCardIsCR80At300DPI(t *testing.T) {
	img, err := ResidentCard(ivy, Options{Home: "Rose Court"})
	if err != nil {
		t.Fatal(err)
	}
	if b := img.Bounds(); b.Dx() != CardWidth || b.Dy() != CardHeight {
		t.Errorf("card is %v, want %dx%d", b, CardWidth, CardHeight)
	}
	// 54 mm x 85.6 mm (portrait) at 300 dpi.
	if w, h := float64(CardWidth)/DPI*25.4, float64(CardHeight)/DPI*25.4; w < 53.9 || w > 54.1 || h < 85.5 || h > 85.7 {
		t.Errorf("card prints at %.1f x %.1f mm, want 54 x 85.6", w, h)
	}
}

func TestCardsRefuseWhatCannotPrint(t *testing.T) {
	tests := []struct {
		name string
		u    mar.User
	}{
		{"ID too long for Code 128 bars on a card", mar.User{ID: strings.Repeat("abcdefgh", 8), Name: "Long"}},
		{"ID with a character Code 128 cannot carry", mar.User{ID: "zoë", Name: "Zoë"}},
		{"ID with a control character", mar.User{ID: "a\tb", Name: "Tab"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if _, err := StaffBadge(tt.u, Options{}); err == nil {
				t.Error("badge made")
			}
		})
	}
}

// TestEveryCardReadsBack is the test that matters: each card written is
// read back from its PNG by the app's own decoder, both codes, and must
// give exactly the text the card was made for.
func TestEveryCardReadsBack(t *testing.T) {
	dir := t.TempDir()
	residents := []mar.Resident{ivy, arthur, edith}
	users := []mar.User{amy, sam, {ID: "mgr_01", Name: "Priya Raman", Role: mar.RoleManager}}
	paths, err := WriteAll(dir, residents, users, Options{Home: "Rose Court"})
	if err != nil {
		t.Fatal(err)
	}
	want := map[string]string{
		"resident-pat-1.png": "R0042", "resident-pat-2.png": "9000000009", "resident-R107.png": "R107",
		"staff-amy.png": "STAFF:amy", "staff-u-0007.png": "STAFF:u-0007", "staff-mgr_01.png": "STAFF:mgr_01",
	}
	if len(paths) != len(want) {
		t.Fatalf("WriteAll wrote %v", paths)
	}
	for _, p := range paths {
		text, ok := want[filepath.Base(p)]
		if !ok {
			t.Errorf("unexpected file %s", p)
			continue
		}
		for _, f := range []barcode.Format{barcode.FormatDataMatrix, barcode.FormatCode128} {
			reads, err := barcode.DecodeFile(p, barcode.DecodeOptions{Formats: []barcode.Format{f}})
			if err != nil {
				t.Fatalf("%s %s: %v", filepath.Base(p), f, err)
			}
			if len(reads) != 1 || reads[0].Text != text {
				t.Errorf("%s as %s read %+v, want exactly %q", filepath.Base(p), f, reads, text)
			}
		}
	}
}

func TestResidentCardReadsAsTheResident(t *testing.T) {
	dir := t.TempDir()
	paths, err := WriteAll(dir, []mar.Resident{arthur}, nil, Options{})
	if err != nil {
		t.Fatal(err)
	}
	reads, err := barcode.DecodeFile(paths[0], barcode.DecodeOptions{})
	if err != nil {
		t.Fatal(err)
	}
	if len(reads) == 0 {
		t.Fatal("nothing read")
	}
	for _, r := range reads {
		if r.ParseErr != nil || r.Code.Kind != barcode.KindResident || r.Code.NHSNumber != arthur.NHSNumber {
			t.Errorf("%s read as %+v, want resident %s", r.Format, r.Code, arthur.NHSNumber)
		}
	}
}

func TestWriteAllNamesFilesByIDOnly(t *testing.T) {
	dir := t.TempDir()
	odd := mar.User{ID: "../../etc/x", Name: "Eve Evans"}
	paths, err := WriteAll(dir, []mar.Resident{ivy}, []mar.User{odd}, Options{})
	if err != nil {
		t.Fatal(err)
	}
	for _, p := range paths {
		if filepath.Dir(p) != dir {
			t.Errorf("%s written outside %s", p, dir)
		}
		for _, name := range []string{"Ivy", "Patel", "Eve", "Evans"} {
			if strings.Contains(filepath.Base(p), name) {
				t.Errorf("file name %s holds a name", p)
			}
		}
	}
	entries, err := os.ReadDir(dir)
	if err != nil {
		t.Fatal(err)
	}
	if len(entries) != 2 {
		t.Errorf("dir holds %d entries, want 2 (no temporary files left)", len(entries))
	}
}

func TestWriteAllRefusesClashingFileNames(t *testing.T) {
	_, err := WriteAll(t.TempDir(), nil, []mar.User{{ID: "a/b", Name: "A"}, {ID: "a_b", Name: "B"}}, Options{})
	if err == nil {
		t.Error("two users written to one file")
	}
}

func TestWriteAllStopsAtResidentWithoutID(t *testing.T) {
	paths, err := WriteAll(t.TempDir(), []mar.Resident{ivy, {ID: "pat-9", GivenName: "No", FamilyName: "Number"}}, nil, Options{})
	if !errors.Is(err, ErrNoResidentID) || len(paths) != 1 {
		t.Errorf("WriteAll = %v, %v; want 1 card then ErrNoResidentID", paths, err)
	}
	if err != nil && strings.Contains(err.Error(), "Number") {
		t.Errorf("error %q carries the resident's name", err)
	}
}
