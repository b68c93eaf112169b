package check

import (
	"errors"
	"fmt"
	"strings"

	"medround/internal/mar"
)

// Recording is what a care worker asks to record after a check.
type Recording struct {
	Outcome mar.Outcome
	// Reason says why a dose was not given; only for OutcomeNotGiven.
	Reason mar.NotGivenReason
	// Note is free text; needed with ReasonOther.
	Note string
	// OverrideReason says why a dose is given despite a warning.
	OverrideReason string
	Giver          mar.User
	// Witness is the second member of staff for a controlled drug.
	Witness *mar.User
	// PRNReason says why a when-required dose is given now.
	PRNReason string
	// Site is where a patch or cream went on the body map (Care.Site).
	Site string
}

// Errors CanRecord returns, wrapped with what was missing. Their text is
// safe to show a care worker.
var (
	ErrNoEntry          = errors.New("nothing can be recorded: the check found no chart entry for this dose")
	ErrOutcome          = errors.New("choose what happened: given, refused or not given")
	ErrNoGiver          = errors.New("sign in before recording a dose")
	ErrStopped          = errors.New("this dose must not be given")
	ErrOverrideReason   = errors.New("say why the dose is given despite the warning")
	ErrWitnessRequired  = errors.New("a second member of staff must witness this controlled drug")
	ErrWitnessSelf      = errors.New("the witness must be someone other than the person giving the dose")
	ErrWitnessRole      = errors.New("the witness must be a senior or a manager")
	ErrNotGivenReason   = errors.New("choose why the dose was not given")
	ErrNote             = errors.New("write a note saying why the dose was not given")
	ErrReasonNotAllowed = errors.New("a not-given reason goes only with the outcome not given")
	ErrPRNReason        = errors.New("say why this when-required dose is given now")
	ErrNoSite           = errors.New("say where it went: choose the patch's site, or the cream's areas, on the body map")
)

// Needs is what recording one outcome after a verdict requires, beyond a
// signed-in giver. It is the one statement of the recording rules: front
// ends ask for exactly these fields, and CanRecord refuses a Recording that
// lacks one, so a screen cannot drift from the rule.
type Needs struct {
	// Blocked is set when the outcome cannot be recorded at all; it says why.
	Blocked error
	// OverrideReason: a warning is overridden, and why is recorded.
	OverrideReason bool
	// Witness: a schedule 2 or 3 controlled drug given, or dropped and
	// destroyed, in front of a senior or manager who enters their PIN.
	Witness bool
	// PRNReason: a when-required dose given says why it was needed.
	PRNReason bool
	// NotGivenReason: a dose not given says why, from mar.NotGivenReasons.
	NotGivenReason bool
	// Note: a dose not given for "other" says why in words.
	Note bool
	// Site: a patch or cream given says where on the body map (NeedsSite).
	Site bool
}

// Requires says what recording outcome (with the not-given reason, if one
// is chosen yet) needs after verdict v. "Given" is blocked on a stop and
// needs an override reason on a warning; a schedule 2 or 3 controlled drug
// given, or dropped, needs a witness; a PRN dose given needs its reason;
// not given needs a reason, and "other" a note. Not given is allowed even
// on a stop (the medicine was held, the resident is in hospital), but only
// against a chart entry; refused is not, since a dose that must not be
// given is never offered.
func Requires(v Verdict, outcome mar.Outcome, reason mar.NotGivenReason) Needs {
	var n Needs
	switch {
	case v.Entry == nil:
		n.Blocked = ErrNoEntry
	case !outcome.Valid():
		n.Blocked = ErrOutcome
	case outcome == mar.OutcomeGiven:
		n = givenNeeds(v)
	case outcome == mar.OutcomeRefused && v.Level != mar.LevelOK && v.Level != mar.LevelWarn:
		// A dose that must not be given is not offered, so it cannot be
		// refused: "refused" on an allergy or a dose already given would
		// tell the next reader the resident declined a safe dose.
		n.Blocked = fmt.Errorf("%w: it cannot be offered, so it is not refused; record it as not given with the reason (%s)",
			ErrStopped, strings.Join(v.codesAt(Stop), ", "))
	case outcome == mar.OutcomeNotGiven:
		n.NotGivenReason = true
		n.Note = reason == mar.ReasonOther
		n.Witness = reason == mar.ReasonDropped && v.Product != nil && v.Product.NeedsWitness()
	}
	return n
}

func givenNeeds(v Verdict) Needs {
	var n Needs
	switch v.Level {
	case mar.LevelStop:
		n.Blocked = fmt.Errorf("%w: %s", ErrStopped, strings.Join(v.codesAt(Stop), ", "))
	case mar.LevelWarn:
		n.OverrideReason = true
	case mar.LevelOK:
	default:
		n.Blocked = fmt.Errorf("%w: the check gave no verdict", ErrStopped)
	}
	if n.Blocked == nil && v.Product == nil {
		n.Blocked = fmt.Errorf("%w: the check found no product for this dose", ErrStopped)
	}
	if n.Blocked != nil {
		return n
	}
	n.Witness = v.Product.NeedsWitness()
	n.PRNReason = v.Entry.PRN
	n.Site = NeedsSite(v)
	return n
}

// CanRecord applies the recording rules of Requires to a recording and
// says what is missing or wrong, in words safe to show a care worker.
func CanRecord(v Verdict, r Recording) error {
	if v.Entry == nil {
		return ErrNoEntry
	}
	if !r.Outcome.Valid() {
		return ErrOutcome
	}
	if strings.TrimSpace(r.Giver.ID) == "" {
		return ErrNoGiver
	}
	n := Requires(v, r.Outcome, r.Reason)
	if n.Blocked != nil {
		return n.Blocked
	}
	if r.Outcome != mar.OutcomeNotGiven && r.Reason != 0 {
		return fmt.Errorf("%w: a %s dose has no not-given reason; choose not given", ErrReasonNotAllowed, r.Outcome)
	}
	if err := checkWitness(v, r, n.Witness); err != nil {
		return err
	}
	switch {
	case n.OverrideReason && strings.TrimSpace(r.OverrideReason) == "":
		return fmt.Errorf("%w (%s)", ErrOverrideReason, strings.Join(v.codesAt(Warn), ", "))
	case n.PRNReason && strings.TrimSpace(r.PRNReason) == "":
		return ErrPRNReason
	case n.Site && strings.TrimSpace(r.Site) == "":
		return ErrNoSite
	case n.NotGivenReason && !validNotGiven(r.Reason):
		return ErrNotGivenReason
	case n.Note && strings.TrimSpace(r.Note) == "":
		return ErrNote
	}
	return nil
}

func validNotGiven(r mar.NotGivenReason) bool {
	_, ok := mar.NotGivenDescriptions[r]
	return ok
}

// checkWitness validates the witness: required when the rules need one
// (the destruction of a dropped dose is witnessed and entered in the
// controlled drugs register too), and when named, another member of staff
// allowed to witness. IDs compare case-folded: "SAM" is sam.
func checkWitness(v Verdict, r Recording, needed bool) error {
	w := r.Witness
	if w == nil {
		if !needed {
			return nil
		}
		what := "given"
		if r.Outcome == mar.OutcomeNotGiven {
			what = "dropped or spoilt, and destroyed in front of a witness"
		}
		return fmt.Errorf("%w (%s is schedule %d, %s)", ErrWitnessRequired, v.Product.Name, v.Product.CDSchedule, what)
	}
	if strings.TrimSpace(w.ID) == "" || strings.EqualFold(strings.TrimSpace(w.ID), strings.TrimSpace(r.Giver.ID)) {
		return ErrWitnessSelf
	}
	if !w.Role.CanWitness() {
		return fmt.Errorf("%w (%s is a %s)", ErrWitnessRole, w.Name, w.Role)
	}
	return nil
}

// codesAt lists the codes of the reasons at this severity.
func (v Verdict) codesAt(s Severity) []string {
	var out []string
	for _, r := range v.Reasons {
		if r.Level == s {
			out = append(out, string(r.Code))
		}
	}
	return out
}
