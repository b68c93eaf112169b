package check

import (
	"errors"
	"testing"

	"medround/internal/mar"
)

type recordRow struct {
	name string
	v    Verdict
	r    Recording
	want error
}

func recordRows() []recordRow {
	anna := mar.User{ID: "u-anna", Name: "Anna", Role: mar.RoleCarer}
	ben := mar.User{ID: "u-ben", Name: "Ben", Role: mar.RoleCarer}
	sue := mar.User{ID: "u-sue", Name: "Sue", Role: mar.RoleSenior}
	sueAsAnna := mar.User{ID: "u-anna", Name: "Anna", Role: mar.RoleSenior}
	verdict := func(mod func(in *Input)) Verdict {
		in := baseInput()
		if mod != nil {
			mod(&in)
		}
		return Check(in)
	}
	okDose := verdict(nil)
	lateDose := verdict(now(at(11, 0)))
	stopped := verdict(pack(gtinLevo))
	morphine := verdict(pack(gtinMST))
	unknown := verdict(func(in *Input) { in.Resident, in.Chart = nil, nil })
	notOnChart := verdict(pack(gtinUnknown))
	away := verdict(func(in *Input) { in.Resident.Status = mar.StatusHospital })
	prn := verdict(paraAt(14, 0))
	samUpper := mar.User{ID: "U-ANNA", Name: "Anna again", Role: mar.RoleSenior}

	return []recordRow{
		{"on-time amlodipine given", okDose, Recording{Outcome: mar.OutcomeGiven, Giver: anna}, nil},
		{"barrier cream given without saying where is refused", verdict(barrierCream("")),
			Recording{Outcome: mar.OutcomeGiven, Giver: anna}, ErrNoSite},
		{"barrier cream given on the sacrum", verdict(barrierCream("sacrum")),
			Recording{Outcome: mar.OutcomeGiven, Giver: anna, Site: "sacrum"}, nil},
		{"given with no one signed in", okDose, Recording{Outcome: mar.OutcomeGiven}, ErrNoGiver},
		{"no outcome chosen", okDose, Recording{Giver: anna}, ErrOutcome},
		{"given with a not-given reason is inconsistent", okDose,
			Recording{Outcome: mar.OutcomeGiven, Reason: mar.ReasonAsleep, Giver: anna}, ErrReasonNotAllowed},
		{"late dose given without an override reason is refused", lateDose,
			Recording{Outcome: mar.OutcomeGiven, Giver: anna}, ErrOverrideReason},
		{"late dose given with only spaces as the reason is refused", lateDose,
			Recording{Outcome: mar.OutcomeGiven, Giver: anna, OverrideReason: "   "}, ErrOverrideReason},
		{"late dose given with an override reason", lateDose,
			Recording{Outcome: mar.OutcomeGiven, Giver: anna, OverrideReason: "resident was at the dentist"}, nil},
		{"stopped levothyroxine cannot be recorded as given", stopped,
			Recording{Outcome: mar.OutcomeGiven, Giver: anna, OverrideReason: "GP said so"}, ErrStopped},
		{"stopped levothyroxine may be recorded as not given (withheld)", stopped,
			Recording{Outcome: mar.OutcomeNotGiven, Reason: mar.ReasonWithheld, Giver: anna}, nil},
		{"resident in hospital: dose recorded as not given (in hospital)", away,
			Recording{Outcome: mar.OutcomeNotGiven, Reason: mar.ReasonInHospital, Giver: anna}, nil},
		{"refusal of stopped levothyroxine is refused: it is not offered, record it as not given", stopped,
			Recording{Outcome: mar.OutcomeRefused, Giver: anna}, ErrStopped},
		{"refusal with a not-given reason is inconsistent", okDose,
			Recording{Outcome: mar.OutcomeRefused, Reason: mar.ReasonAsleep, Giver: anna}, ErrReasonNotAllowed},
		{"unknown resident: nothing can be recorded, not even a refusal", unknown,
			Recording{Outcome: mar.OutcomeRefused, Giver: anna}, ErrNoEntry},
		{"pack not on the chart: nothing can be recorded", notOnChart,
			Recording{Outcome: mar.OutcomeNotGiven, Reason: mar.ReasonOutOfStock, Giver: anna}, ErrNoEntry},
		{"not given without a reason is refused", okDose,
			Recording{Outcome: mar.OutcomeNotGiven, Giver: anna}, ErrNotGivenReason},
		{"not given with an unknown reason code is refused", okDose,
			Recording{Outcome: mar.OutcomeNotGiven, Reason: 99, Giver: anna}, ErrNotGivenReason},
		{"not given for another reason without a note is refused", okDose,
			Recording{Outcome: mar.OutcomeNotGiven, Reason: mar.ReasonOther, Giver: anna}, ErrNote},
		{"not given for another reason with a note", okDose,
			Recording{Outcome: mar.OutcomeNotGiven, Reason: mar.ReasonOther, Note: "choked on breakfast", Giver: anna}, nil},
		{"morphine schedule 2 given without witness is refused", morphine,
			Recording{Outcome: mar.OutcomeGiven, Giver: anna}, ErrWitnessRequired},
		{"morphine witnessed by a senior is recorded", morphine,
			Recording{Outcome: mar.OutcomeGiven, Giver: anna, Witness: &sue}, nil},
		{"morphine witnessed by another carer is refused: carers may not witness", morphine,
			Recording{Outcome: mar.OutcomeGiven, Giver: anna, Witness: &ben}, ErrWitnessRole},
		{"morphine witnessed by the giver herself is refused", morphine,
			Recording{Outcome: mar.OutcomeGiven, Giver: anna, Witness: &sueAsAnna}, ErrWitnessSelf},
		{"morphine refused needs no witness", morphine,
			Recording{Outcome: mar.OutcomeRefused, Giver: anna}, nil},
		{"dropped morphine tablet needs a witness to its destruction", morphine,
			Recording{Outcome: mar.OutcomeNotGiven, Reason: mar.ReasonDropped, Giver: anna}, ErrWitnessRequired},
		{"dropped morphine tablet witnessed by a senior", morphine,
			Recording{Outcome: mar.OutcomeNotGiven, Reason: mar.ReasonDropped, Giver: anna, Witness: &sue}, nil},
		{"PRN paracetamol given without saying why is refused", prn,
			Recording{Outcome: mar.OutcomeGiven, Giver: anna}, ErrPRNReason},
		{"PRN paracetamol given for a headache", prn,
			Recording{Outcome: mar.OutcomeGiven, Giver: anna, PRNReason: "headache"}, nil},
		{"PRN paracetamol refused needs no PRN reason", prn,
			Recording{Outcome: mar.OutcomeRefused, Giver: anna}, nil},
		{"morphine witnessed by the giver under an upper-case ID is refused", morphine,
			Recording{Outcome: mar.OutcomeGiven, Giver: anna, Witness: &samUpper}, ErrWitnessSelf},
		{"verdict with no level is not a licence to give", Verdict{Entry: okDose.Entry, Product: okDose.Product},
			Recording{Outcome: mar.OutcomeGiven, Giver: anna}, ErrStopped},
	}
}

func TestCanRecord(t *testing.T) {
	for _, tt := range recordRows() {
		t.Run(tt.name, func(t *testing.T) {
			err := CanRecord(tt.v, tt.r)
			if !errors.Is(err, tt.want) || (tt.want == nil && err != nil) {
				t.Errorf("CanRecord = %v, want %v", err, tt.want)
			}
		})
	}
}

// TestRequires is the table the app's record panel follows: each outcome
// and what it asks for.
func TestRequires(t *testing.T) {
	verdict := func(mod func(in *Input)) Verdict {
		in := baseInput()
		if mod != nil {
			mod(&in)
		}
		return Check(in)
	}
	okDose, lateDose := verdict(nil), verdict(now(at(11, 0)))
	morphine, prn, stopped := verdict(pack(gtinMST)), verdict(paraAt(14, 0)), verdict(pack(gtinLevo))
	tests := []struct {
		name    string
		v       Verdict
		outcome mar.Outcome
		reason  mar.NotGivenReason
		want    Needs
		blocked error
	}{
		{"on-time amlodipine given needs nothing more", okDose, mar.OutcomeGiven, 0, Needs{}, nil},
		{"late amlodipine given needs an override reason", lateDose, mar.OutcomeGiven, 0, Needs{OverrideReason: true}, nil},
		{"morphine given needs a witness", morphine, mar.OutcomeGiven, 0, Needs{Witness: true}, nil},
		{"morphine dropped needs a witness to its destruction", morphine, mar.OutcomeNotGiven, mar.ReasonDropped,
			Needs{Witness: true, NotGivenReason: true}, nil},
		{"morphine refused needs no witness", morphine, mar.OutcomeRefused, 0, Needs{}, nil},
		{"PRN paracetamol given needs a PRN reason", prn, mar.OutcomeGiven, 0, Needs{PRNReason: true}, nil},
		{"not given for another reason needs a note", okDose, mar.OutcomeNotGiven, mar.ReasonOther,
			Needs{NotGivenReason: true, Note: true}, nil},
		{"stopped levothyroxine cannot be given at all", stopped, mar.OutcomeGiven, 0, Needs{}, ErrStopped},
		{"stopped levothyroxine may be recorded withheld", stopped, mar.OutcomeNotGiven, mar.ReasonWithheld,
			Needs{NotGivenReason: true}, nil},
		{"stopped levothyroxine cannot be recorded as refused", stopped, mar.OutcomeRefused, 0, Needs{}, ErrStopped},
		{"fentanyl patch given needs its site on the body map", verdict(fentanyl("")), mar.OutcomeGiven, 0,
			Needs{Witness: true, Site: true}, nil},
		{"fentanyl patch refused needs no site", verdict(fentanyl("")), mar.OutcomeRefused, 0, Needs{}, nil},
		{"barrier cream given needs its areas on the body map", verdict(barrierCream("")), mar.OutcomeGiven, 0,
			Needs{Site: true}, nil},
	}
	for _, tt := range tests {
		got := Requires(tt.v, tt.outcome, tt.reason)
		if !errors.Is(got.Blocked, tt.blocked) || (tt.blocked == nil && got.Blocked != nil) {
			t.Errorf("%s: Requires blocked = %v, want %v", tt.name, got.Blocked, tt.blocked)
		}
		got.Blocked = nil
		if got != tt.want {
			t.Errorf("%s: Requires = %+v, want %+v", tt.name, got, tt.want)
		}
	}
}
