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
)

// CanRecord applies the recording rules to a verdict: "given" is refused on
// a stop and needs an override reason on a warning; a schedule 2 or 3
// controlled drug needs a witness who is another user allowed to witness;
// not given needs a reason, and "other" a note. Recording that a dose was
// not given is allowed even on a stop (the medicine was held, the resident
// is in hospital), but only against a chart entry. The error says what is
// missing.
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
	if err := checkWitness(v, r); err != nil {
		return err
	}
	switch r.Outcome {
	case mar.OutcomeGiven:
		return canGive(v, r)
	case mar.OutcomeRefused:
		if r.Reason != 0 {
			return fmt.Errorf("%w: record a refusal without a reason code, or choose not given", ErrReasonNotAllowed)
		}
	case mar.OutcomeNotGiven:
		return canNotGive(r)
	}
	return nil
}

func canGive(v Verdict, r Recording) error {
	if r.Reason != 0 {
		return fmt.Errorf("%w: a given dose has no not-given reason", ErrReasonNotAllowed)
	}
	switch v.Level {
	case mar.LevelStop:
		return fmt.Errorf("%w: %s", ErrStopped, strings.Join(v.codesAt(Stop), ", "))
	case mar.LevelWarn:
		if strings.TrimSpace(r.OverrideReason) == "" {
			return fmt.Errorf("%w (%s)", ErrOverrideReason, strings.Join(v.codesAt(Warn), ", "))
		}
	case mar.LevelOK:
	default:
		return fmt.Errorf("%w: the check gave no verdict", ErrStopped)
	}
	if v.Product == nil {
		return fmt.Errorf("%w: the check found no product for this dose", ErrStopped)
	}
	if v.Product.NeedsWitness() && r.Witness == nil {
		return fmt.Errorf("%w (%s is schedule %d)", ErrWitnessRequired, v.Product.Name, v.Product.CDSchedule)
	}
	return nil
}

// checkWitness validates any witness named. A dropped or spoilt dose of a
// schedule 2 or 3 drug needs one too: its destruction is witnessed and
// entered in the controlled drugs register.
func checkWitness(v Verdict, r Recording) error {
	w := r.Witness
	if w == nil {
		if r.Outcome == mar.OutcomeNotGiven && r.Reason == mar.ReasonDropped && v.Product != nil && v.Product.NeedsWitness() {
			return fmt.Errorf("%w: a dropped or spoilt dose of %s is destroyed in front of a witness", ErrWitnessRequired, v.Product.Name)
		}
		return nil
	}
	if strings.TrimSpace(w.ID) == "" || w.ID == r.Giver.ID {
		return ErrWitnessSelf
	}
	if !w.Role.CanWitness() {
		return fmt.Errorf("%w (%s is a %s)", ErrWitnessRole, w.Name, w.Role)
	}
	return nil
}

func canNotGive(r Recording) error {
	if _, ok := mar.NotGivenDescriptions[r.Reason]; !ok {
		return ErrNotGivenReason
	}
	if r.Reason == mar.ReasonOther && strings.TrimSpace(r.Note) == "" {
		return ErrNote
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
