package labels

import (
	"errors"
	"fmt"
	"regexp"

	"medround/internal/barcode"
	"medround/internal/mar"
)

// StaffPrefix starts the code on a staff badge; barcode.Parse reads such a
// code as a badge, never as a resident or a medicine.
const StaffPrefix = barcode.StaffPrefix

// ErrNoResidentID means a resident has neither a home resident number nor
// an NHS number, so there is nothing to print on a card.
var ErrNoResidentID = errors.New("resident has no home resident number or NHS number to print; add one to the chart first")

// ResidentCode returns the text a resident's card encodes: the first of the
// resident's identifiers (then their ID) matching the home's resident
// number pattern, otherwise their NHS number. pattern nil means
// barcode.DefaultResidentPattern. The text is checked to parse back as
// this resident.
func ResidentCode(r mar.Resident, pattern *regexp.Regexp) (string, error) {
	if pattern == nil {
		pattern = regexp.MustCompile(barcode.DefaultResidentPattern)
	}
	candidates := make([]string, 0, len(r.Identifiers)+2)
	for _, id := range r.Identifiers {
		candidates = append(candidates, id.Value)
	}
	candidates = append(candidates, r.ID)
	for _, c := range candidates {
		if c != "" && pattern.MatchString(c) && parsesAsResident(c, pattern) {
			return c, nil
		}
	}
	if r.NHSNumber != "" && parsesAsResident(r.NHSNumber, pattern) {
		return r.NHSNumber, nil
	}
	return "", fmt.Errorf("resident %s: %w", r.ID, ErrNoResidentID)
}

// parsesAsResident reports whether a scan of text would identify a
// resident, so no card is printed that the app would refuse.
func parsesAsResident(text string, pattern *regexp.Regexp) bool {
	code, err := barcode.Parse(text, barcode.Options{ResidentPattern: pattern})
	return err == nil && code.Kind == barcode.KindResident
}

// StaffCode returns the text a staff badge encodes: StaffPrefix and the
// user's ID.
func StaffCode(u mar.User) (string, error) {
	if u.ID == "" {
		return "", errors.New("staff badge: the user has no ID")
	}
	return StaffPrefix + u.ID, nil
}

// checkPrintable refuses text outside printable ASCII, which Code 128's
// code sets A and B cannot carry.
func checkPrintable(text string) error {
	for i := 0; i < len(text); i++ {
		if text[i] < 0x20 || text[i] > 0x7E {
			return fmt.Errorf("code %q has a character at byte %d a card barcode cannot carry: use letters, digits and punctuation only", text, i)
		}
	}
	return nil
}
