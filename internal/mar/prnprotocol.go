package mar

import (
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"fmt"
	"sort"
	"strconv"
	"strings"
	"time"
	"unicode/utf8"

	"github.com/google/uuid"
)

// Limits of a protocol's text, in characters: a sign is a phrase a care
// worker taps, an instruction a paragraph (as a FHIR patientInstruction).
const (
	MaxProtocolSigns = 20
	maxSignText      = 200
	maxProtocolText  = 1000
	// MaxPrescribedText bounds the prescription's words: a patient
	// instruction and a few coded additional instructions.
	MaxPrescribedText = 4000
)

// PRNProtocol is the home's protocol for one when-required line of a
// resident's chart (NICE SC1): why it is given, how to choose the dose
// within the chart's range, what to do if it does not work and when to
// call the GP. The dose range, the least interval and the 24-hour maximum
// are the chart line's own and are never copied here: a chart change must
// not leave an old maximum on the protocol.
type PRNProtocol struct {
	ResidentID string
	EntryID    string
	// Signs are what to look for, said or shown: "says the knee hurts",
	// and for a resident who cannot say, signs such as the Abbey pain
	// scale's (AbbeySigns). The PRN reason offers them as choices.
	Signs      []string
	DoseChoice string // how to choose within the chart's dose range
	IfNoEffect string // what to do if it has not worked
	CallGP     string // when to call the GP
	// Prescribed is the prescription's own words (FHIR patientInstruction
	// and additionalInstruction), kept as they came: import never guesses
	// which of them says when to call the GP.
	Prescribed string
	// Imported says the protocol came from the prescription by import
	// rather than being written in the home.
	Imported bool

	// ID, By and At are the event that holds this version: who wrote it
	// and when. Set by PRNProtocolFrom.
	ID uuid.UUID
	By string
	At time.Time
}

// AbbeySigns are the six kinds of sign of the Abbey pain scale, for a
// resident who cannot say they are in pain (dementia, no speech). A
// senior adds them to a pain protocol with a tap.
func AbbeySigns() []string {
	return []string{
		"Vocalising: whimpering, groaning, crying",
		"Facial expression: tense, frowning, grimacing, frightened",
		"Body language: fidgeting, rocking, guarding part of the body, withdrawn",
		"Behaviour: more confused, refusing food, change in usual pattern",
		"Physiological: pulse, temperature or breathing changed, sweating, flushed or pale",
		"Physical: skin tear, pressure area, arthritis, contracture, recent injury",
	}
}

// Valid says what is missing or wrong: a protocol names its line and at
// least one sign (a protocol that does not say why the medicine is given
// cannot guide giving it), and each part fits on its line.
func (p PRNProtocol) Valid() error {
	var errs []error
	if p.ResidentID == "" || p.EntryID == "" {
		errs = append(errs, errors.New("a PRN protocol names the resident and the chart line"))
	}
	if len(p.Signs) == 0 {
		errs = append(errs, errors.New("a PRN protocol says at least one sign to look for: why the medicine is given"))
	}
	if len(p.Signs) > MaxProtocolSigns {
		errs = append(errs, fmt.Errorf("a PRN protocol has at most %d signs", MaxProtocolSigns))
	}
	for _, s := range p.Signs {
		if strings.TrimSpace(s) == "" || utf8.RuneCountInString(s) > maxSignText {
			errs = append(errs, fmt.Errorf("each sign has words, at most %d characters", maxSignText))
		}
		if err := oneLine("sign", s); err != nil {
			errs = append(errs, err)
		}
	}
	for _, f := range []struct {
		what, v string
		limit   int
	}{{"how to choose the dose", p.DoseChoice, maxProtocolText},
		{"what to do if it does not work", p.IfNoEffect, maxProtocolText}, {"when to call the GP", p.CallGP, maxProtocolText},
		{"the prescription's words", p.Prescribed, MaxPrescribedText}, {"chart line", p.EntryID, maxProtocolText}} {
		if utf8.RuneCountInString(f.v) > f.limit {
			errs = append(errs, fmt.Errorf("%s is longer than %d characters", f.what, f.limit))
		}
		if err := oneLine(f.what, f.v); err != nil {
			errs = append(errs, err)
		}
	}
	return errors.Join(errs...)
}

// note writes the terms as the event's Note.
func (p PRNProtocol) note() string {
	fields := make([]noteField, 0, len(p.Signs)+5)
	for i, s := range p.Signs {
		fields = append(fields, noteField{"sign-" + strconv.Itoa(i+1), strings.TrimSpace(s)})
	}
	source := ""
	if p.Imported {
		source = "prescription"
	}
	return formatNoteFields(append(fields, noteField{"dose", strings.TrimSpace(p.DoseChoice)},
		noteField{"if-no-effect", strings.TrimSpace(p.IfNoEffect)}, noteField{"call-gp", strings.TrimSpace(p.CallGP)},
		noteField{"prescribed", strings.TrimSpace(p.Prescribed)}, noteField{"source", source})...)
}

// Fill sets the event fields that hold the protocol (see KindPRNProtocol).
func (p PRNProtocol) Fill(e *Event) {
	e.Kind, e.ResidentID, e.EntryID, e.Note = KindPRNProtocol, p.ResidentID, p.EntryID, p.note()
}

// Digest names this version of the protocol by what it says, so a PRN
// effect can record which protocol was in force for its dose on any
// tablet, however the records arrive.
func (p PRNProtocol) Digest() string {
	sum := sha256.Sum256([]byte(p.EntryID + "\n" + p.note()))
	return hex.EncodeToString(sum[:])
}

// SameTerms reports whether two protocols say the same: a re-import of an
// unchanged prescription adds no new version.
func (p PRNProtocol) SameTerms(q PRNProtocol) bool {
	return p.EntryID == q.EntryID && p.note() == q.note()
}

// PRNProtocolFrom reads a protocol back from its event, refusing one whose
// terms are damaged: a care worker shown half a protocol could give for
// the wrong sign.
func PRNProtocolFrom(e Event) (PRNProtocol, error) {
	if e.Kind != KindPRNProtocol {
		return PRNProtocol{}, fmt.Errorf("event %s is a %s, not a PRN protocol", e.ID, e.Kind)
	}
	f, err := parseNoteFields(e.Note)
	if err != nil {
		return PRNProtocol{}, fmt.Errorf("PRN protocol %s: %w", e.EntryID, err)
	}
	p := PRNProtocol{ResidentID: e.ResidentID, EntryID: e.EntryID, DoseChoice: f["dose"], IfNoEffect: f["if-no-effect"],
		CallGP: f["call-gp"], Prescribed: f["prescribed"], ID: e.ID, By: e.UserID, At: e.OccurredAt}
	switch f["source"] {
	case "":
	case "prescription":
		p.Imported = true
	default:
		return PRNProtocol{}, fmt.Errorf("PRN protocol %s: source %q is not known", e.EntryID, f["source"])
	}
	signs, err := noteSigns(f)
	if err != nil {
		return PRNProtocol{}, fmt.Errorf("PRN protocol %s: %w", e.EntryID, err)
	}
	p.Signs = signs
	if err := p.Valid(); err != nil {
		return PRNProtocol{}, fmt.Errorf("PRN protocol %s: %w", e.EntryID, err)
	}
	return p, nil
}

// noteSigns reads sign-1, sign-2, ... in order; a gap or a key the
// protocol does not have is damage.
func noteSigns(f map[string]string) ([]string, error) {
	known := map[string]bool{"dose": true, "if-no-effect": true, "call-gp": true, "prescribed": true, "source": true}
	var nums []int
	for k := range f {
		if known[k] {
			continue
		}
		n, err := strconv.Atoi(strings.TrimPrefix(k, "sign-"))
		if !strings.HasPrefix(k, "sign-") || err != nil || n < 1 {
			return nil, fmt.Errorf("note key %q is not part of a protocol", k)
		}
		nums = append(nums, n)
	}
	sort.Ints(nums)
	out := make([]string, 0, len(nums))
	for i, n := range nums {
		if n != i+1 {
			return nil, fmt.Errorf("sign %d is missing", i+1)
		}
		out = append(out, f["sign-"+strconv.Itoa(n)])
	}
	return out, nil
}

// Missing names the parts a care worker needs that the protocol does not
// say, for entry, its chart line: how to choose the dose only matters
// when the chart gives a range.
func (p PRNProtocol) Missing(entry ChartEntry) []string {
	var out []string
	if strings.TrimSpace(p.DoseChoice) == "" && entry.DoseLow < entry.DoseHigh {
		out = append(out, "how to choose the dose")
	}
	if strings.TrimSpace(p.IfNoEffect) == "" {
		out = append(out, "what to do if it does not work")
	}
	if strings.TrimSpace(p.CallGP) == "" {
		out = append(out, "when to call the GP")
	}
	return out
}

// PRNLimits says a when-required line's dose, least interval and maximum
// as a protocol shows them, read from the chart line itself: "1 to 2
// tablets; at least 4 hours apart; at most 8 tablets in 24 hours". A limit
// the chart does not give is said to be missing, never left out.
func PRNLimits(e ChartEntry) string {
	parts := []string{e.DoseText()}
	switch d, derived := e.PRNInterval(); {
	case d <= 0:
		parts = append(parts, "no least interval on the chart")
	case derived:
		parts = append(parts, "at least "+spanWords(d)+" apart (worked out from how often a day)")
	default:
		parts = append(parts, "at least "+spanWords(d)+" apart")
	}
	if m := e.MaxDose; m != nil && m.Period > 0 {
		parts = append(parts, fmt.Sprintf("at most %s in %s", Amount(m.Quantity.Value, m.Quantity.Unit), spanWords(m.Period)))
	} else {
		parts = append(parts, "no maximum on the chart")
	}
	return strings.Join(parts, "; ")
}

// spanWords writes an interval or period: "4 hours", "30 minutes", "7 days".
func spanWords(d time.Duration) string {
	count := func(n int64, word string) string {
		if n == 1 {
			return "1 " + word
		}
		return fmt.Sprintf("%d %ss", n, word)
	}
	switch {
	case d >= 48*time.Hour && d%(24*time.Hour) == 0:
		return count(int64(d/(24*time.Hour)), "day")
	case d%time.Hour == 0:
		return count(int64(d/time.Hour), "hour")
	case d%time.Minute == 0:
		return count(int64(d/time.Minute), "minute")
	}
	return d.String()
}

// PrescriptionWords are the prescription's own words to show beside the
// protocol for chart line e. An imported version carries them as the last
// import read them (an import with other words records a new imported
// version while one is in force). A version written in the home carries
// none: the chart line's own patient instruction is shown, so a protocol
// reviewed after a prescription change never shows the old prescription's
// words under the new dose.
func (p PRNProtocol) PrescriptionWords(e ChartEntry) string {
	if p.Imported {
		return p.Prescribed
	}
	return strings.TrimSpace(e.PatientInstruction)
}
