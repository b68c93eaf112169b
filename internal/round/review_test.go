package round_test

import (
	"errors"
	"slices"
	"testing"

	"medround/internal/mar"
	"medround/internal/report"
	"medround/internal/round"
	"medround/internal/staff"
)

// section returns the review's section id.
func section(t *testing.T, rv *report.Review, id report.SectionID) *report.Section {
	t.Helper()
	for i := range rv.Sections {
		if rv.Sections[i].ID == id {
			return &rv.Sections[i]
		}
	}
	t.Fatalf("review has no section %v", id)
	return nil
}

func TestStoppedScanIsKeptForTheReview(t *testing.T) {
	tests := []struct {
		name      string
		req       round.CheckRequest
		signedIn  bool
		wantKept  bool
		wantCodes []string
	}{
		{"another resident's antibiotic scanned for Margaret is kept as a near miss",
			round.CheckRequest{ResidentScan: "R101", PackScan: pack("flucloxacillin-500")}, true, true,
			[]string{"NOT_ON_CHART", "ALLERGY"}},
		{"an expired pack of her own medicine is kept with its entry",
			round.CheckRequest{ResidentScan: "R101",
				PackScan: "(01)" + pack("co-careldopa-25-100")[4:18] + "(17)261031(10)OLD"}, true, true,
			[]string{"EXPIRED"}},
		{"a dose that passes is not kept", round.CheckRequest{ResidentScan: "R101", PackScan: pack("co-careldopa-25-100")},
			true, false, nil},
		{"a stop seen with nobody signed in (the command line's check) is not kept",
			round.CheckRequest{ResidentScan: "R101", PackScan: pack("flucloxacillin-500")}, false, false, nil},
		{"a wristband no one has names no one and is not kept",
			round.CheckRequest{ResidentScan: "R999", PackScan: pack("flucloxacillin-500")}, true, false, nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			svc, c := newDemo(t)
			c.t = at("10:05")
			var sess *round.Session
			if tt.signedIn {
				sess = signIn(t, svc, "amy", "1111")
			}
			before, _ := svc.PendingCount()
			res, err := svc.CheckScan(sess, tt.req)
			if err != nil {
				t.Fatalf("CheckScan: %v", err)
			}
			if res.NotKept != nil {
				t.Fatalf("NotKept = %v", res.NotKept)
			}
			after, _ := svc.PendingCount()
			if kept := after == before+1; kept != tt.wantKept {
				t.Fatalf("outbox %d -> %d, want kept %v", before, after, tt.wantKept)
			}
			if !tt.wantKept {
				return
			}
			rv, err := svc.Review(at("00:00"), at("23:59"))
			if err != nil {
				t.Fatal(err)
			}
			rows := section(t, rv, report.SectionStopped).Rows
			if len(rows) != 1 || rows[0].ResidentID != "res-001" || rows[0].UserID != "amy" {
				t.Fatalf("stopped rows = %+v", rows)
			}
			for _, code := range tt.wantCodes {
				if !slices.Contains(rows[0].Codes, code) {
					t.Errorf("codes %v lack %s", rows[0].Codes, code)
				}
			}
		})
	}
}

func TestRecordReview(t *testing.T) {
	svc, c := newDemo(t)
	c.t = at("10:05")
	amy := signIn(t, svc, "amy", "1111")
	meg := signIn(t, svc, "meg", "3333")
	sam := signIn(t, svc, "sam", "2222")
	refused, err := svc.Record(amy, round.RecordRequest{CheckRequest: round.CheckRequest{ResidentScan: "R101",
		PackScan: pack("co-careldopa-25-100"), At: at("10:04")}, Outcome: mar.OutcomeRefused})
	if err != nil {
		t.Fatal(err)
	}
	c.t = at("23:00")
	rv, err := svc.Review(at("00:00"), at("23:00"))
	if err != nil {
		t.Fatal(err)
	}
	missed := section(t, rv, report.SectionMissed)
	if len(missed.Rows) == 0 {
		t.Fatal("the demo home's day has no missed dose to follow up")
	}
	_, entryID, due, ok := missed.Rows[0].Target()
	if !ok {
		t.Fatal("a missed dose has no target")
	}
	missedTarget := round.ReviewTarget{ResidentID: missed.Rows[0].ResidentID, EntryID: entryID, Due: due}
	tests := []struct {
		name    string
		sess    *round.Session
		target  round.ReviewTarget
		action  string
		wantErr error
	}{
		{"a care worker may not review", amy, round.ReviewTarget{ResidentID: "res-001", Record: refused.ID}, "GP informed", &staff.NotAllowedError{}},
		{"nobody signed in may not review", nil, round.ReviewTarget{ResidentID: "res-001", Record: refused.ID}, "GP informed", round.ErrNotSignedIn},
		{"a follow-up with no words is refused", meg, round.ReviewTarget{ResidentID: "res-001", Record: refused.ID}, "  ", round.ErrReviewAction},
		{"a manager reviews a refusal: GP informed", meg, round.ReviewTarget{ResidentID: "res-001", Record: refused.ID}, "GP informed", nil},
		{"a senior reviews a missed dose, which has no record", sam, missedTarget, "No action: resident asleep", nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := svc.RecordReview(tt.sess, tt.target, tt.action)
			var na *staff.NotAllowedError
			switch {
			case errors.As(tt.wantErr, &na):
				if !errors.As(err, &na) {
					t.Fatalf("err = %v, want not allowed", err)
				}
			case !errors.Is(err, tt.wantErr):
				t.Fatalf("err = %v, want %v", err, tt.wantErr)
			}
		})
	}
	rv, err = svc.Review(at("00:00"), at("23:00"))
	if err != nil {
		t.Fatal(err)
	}
	ref := section(t, rv, report.SectionRefused)
	if len(ref.Rows) != 1 || ref.Rows[0].Reviewed == nil || ref.Rows[0].Reviewed.Action != "GP informed" ||
		ref.Rows[0].Reviewed.UserID != "meg" {
		t.Errorf("refused rows = %+v, want one reviewed by meg: GP informed", ref.Rows)
	}
	m := section(t, rv, report.SectionMissed)
	if m.Rows[0].Reviewed == nil || m.Rows[0].Reviewed.UserID != "sam" {
		t.Errorf("missed row reviewed = %+v, want sam's follow-up", m.Rows[0].Reviewed)
	}
	if got := m.Unreviewed(); got != len(m.Rows)-1 {
		t.Errorf("unreviewed = %d, want %d", got, len(m.Rows)-1)
	}
}
