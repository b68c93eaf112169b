package mar_test

import (
	"strings"
	"testing"

	"medround/internal/mar"
)

// enumCase is one persisted enumeration driven through the same methods.
type enumCase struct {
	name   string
	values []uint8 // every value in use
	valid  func(uint8) bool
	text   func(uint8) string
	parse  func(string) (uint8, error)
	// unmarshal reads a word through UnmarshalText, as JSON does.
	unmarshal func([]byte) (uint8, error)
}

func enumOf[T ~uint8, P interface {
	*T
	UnmarshalText([]byte) error
}](name string, parse func(string) (T, error), valid func(T) bool, text func(T) string, values ...T) enumCase {
	c := enumCase{name: name,
		valid: func(v uint8) bool { return valid(T(v)) },
		text:  func(v uint8) string { return text(T(v)) },
		parse: func(s string) (uint8, error) { v, err := parse(s); return uint8(v), err },
		unmarshal: func(b []byte) (uint8, error) {
			var v T
			err := P(&v).UnmarshalText(b)
			return uint8(v), err
		},
	}
	for _, v := range values {
		c.values = append(c.values, uint8(v))
	}
	return c
}

func enums() []enumCase {
	return []enumCase{
		enumOf("entry status", mar.ParseEntryStatus, mar.EntryStatus.Valid, mar.EntryStatus.String,
			mar.EntryActive, mar.EntryOnHold, mar.EntryStopped, mar.EntryCompleted, mar.EntryCancelled),
		enumOf("resident status", mar.ParseResidentStatus, mar.ResidentStatus.Valid, mar.ResidentStatus.String,
			mar.StatusPresent, mar.StatusHospital, mar.StatusLeave, mar.StatusDischarged, mar.StatusDeceased),
		enumOf("role", mar.ParseRole, mar.Role.Valid, mar.Role.String, mar.RoleCarer, mar.RoleSenior, mar.RoleManager),
		enumOf("outcome", mar.ParseOutcome, mar.Outcome.Valid, mar.Outcome.String,
			mar.OutcomeGiven, mar.OutcomeRefused, mar.OutcomeNotGiven),
		enumOf("not-given reason", mar.ParseNotGivenReason, mar.NotGivenReason.Valid, mar.NotGivenReason.String,
			mar.NotGivenReasons()...),
		enumOf("unscanned reason", mar.ParseUnscannedReason, mar.UnscannedReason.Valid, mar.UnscannedReason.String,
			mar.UnscannedDamaged, mar.UnscannedNoBarcode, mar.UnscannedScannerBroken),
		enumOf("event kind", mar.ParseEventKind, mar.EventKind.Valid, mar.EventKind.String,
			mar.KindAdministration, mar.KindCorrection, mar.KindPRNEffect, mar.KindStatusChange, mar.KindAudit,
			mar.KindReview, mar.KindStoppedScan, mar.KindIncident, mar.KindReceipt, mar.KindStockReturn,
			mar.KindDestruction, mar.KindStockCount, mar.KindRecall, mar.KindHomelyRemedy, mar.KindHomelyApproval,
			mar.KindCovertPlan, mar.KindPatchSite, mar.KindPatchRemoved, mar.KindRecallLifted, mar.KindPRNProtocol),
		enumOf("level", mar.ParseLevel, mar.Level.Valid, mar.Level.String, mar.LevelOK, mar.LevelWarn, mar.LevelStop),
		enumOf("audit action", mar.ParseAuditAction, mar.AuditAction.Valid, mar.AuditAction.String,
			mar.AuditChartImport, mar.AuditUserAdded, mar.AuditUserChanged, mar.AuditSettingsChanged),
	}
}

func TestEnumsRoundTripTheirWords(t *testing.T) {
	for _, c := range enums() {
		seen := map[string]bool{}
		for _, v := range c.values {
			word := c.text(v)
			if !c.valid(v) || seen[word] || strings.Contains(word, "(") {
				t.Errorf("%s %d: valid %v, word %q (seen before: %v)", c.name, v, c.valid(v), word, seen[word])
			}
			seen[word] = true
			if got, err := c.parse(" " + strings.ToUpper(word) + " "); err != nil || got != v {
				t.Errorf("Parse %s(%q) = %d, %v, want %d", c.name, word, got, err, v)
			}
			if got, err := c.unmarshal([]byte(word)); err != nil || got != v {
				t.Errorf("UnmarshalText %s(%q) = %d, %v, want %d", c.name, word, got, err, v)
			}
		}
	}
}

// The zero value and a value past the last are what a damaged record or a
// newer medround would hold: never valid, shown with their number, and a
// word nobody knows is refused with the words that are known.
func TestEnumsRefuseUnknownValues(t *testing.T) {
	for _, c := range enums() {
		for _, v := range []uint8{0, c.values[len(c.values)-1] + 1, 255} {
			if c.valid(v) {
				t.Errorf("%s %d is valid", c.name, v)
			}
			if w := c.text(v); !strings.Contains(w, "(") {
				t.Errorf("%s %d reads as the word %q", c.name, v, w)
			}
		}
		_, err := c.parse("sideways")
		if err == nil || !strings.Contains(err.Error(), c.text(c.values[0])) {
			t.Errorf("Parse %s(sideways) = %v, want an error naming the known words", c.name, err)
		}
		if _, err := c.unmarshal([]byte("")); err == nil {
			t.Errorf("UnmarshalText %s(\"\") accepted", c.name)
		}
	}
}
