package ui

import (
	"image/png"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"fyne.io/fyne/v2/test"

	"medround/internal/report"
)

func TestACareWorkerDoesNotSeeTheReview(t *testing.T) {
	h := newHarness(t)
	h.signIn("amy", "1111")
	if h.hasButton("Review") {
		t.Fatal("a care worker is offered the review")
	}
	h.app.show(h.app.review) // even if something tried to show it
	if h.app.current != screen(h.app.board) {
		t.Fatal("the review showed for a care worker")
	}
}

// A manager sees yesterday's missed doses in two taps: Review, then the
// section; follows one up; the row then says who and what, and the "not
// yet reviewed" filter drops it.
func TestManagerFollowsUpAMissedDose(t *testing.T) {
	h := newHarness(t)
	h.signIn("meg", "3333")
	h.tap("Review")
	h.sees("Review: yesterday 07:00 to 08:05")
	h.tap("Missed doses (")
	missed := len(h.app.review.section().Rows)
	if missed == 0 {
		t.Fatalf("the demo home has no missed dose since yesterday 07:00; screen: %s", h.texts())
	}
	h.sees("Not yet reviewed")
	h.tap("Follow up")
	h.tap("Save follow-up")
	h.sees("Choose what was done")
	h.app.review.follow.actions.SetSelected("GP informed")
	h.tap("Save follow-up")
	h.sees("Reviewed by meg")
	h.sees("GP informed")
	if n, _ := h.svc.PendingCount(); n == 0 {
		t.Error("the follow-up is not in the outbox")
	}
	h.app.review.open.SetChecked(true)
	if got := len(h.app.review.rows); got != missed-1 {
		t.Errorf("not yet reviewed shows %d rows, want %d", got, missed-1)
	}
	h.notSees("Reviewed by meg")
}

func TestReviewFollowUpTypedAndRowOpensTheResident(t *testing.T) {
	h := newHarness(t)
	h.signIn("sam", "2222")
	h.tap("Review")
	h.tap("Missed doses (")
	first := h.app.review.lines[0].row
	h.tap("Follow up")
	h.app.review.follow.actions.SetSelected(otherAction)
	test.Type(h.entry("What was done"), "Spoke to night staff")
	h.tap("Save follow-up")
	h.sees("Reviewed by sam")
	h.sees("Spoke to night staff")
	test.Tap(h.app.review.lines[0].open)
	h.tap("Resident's page")
	if h.app.current != screen(h.app.resident) || h.app.resident.id != first.ResidentID {
		t.Fatalf("tapping the row did not open %s; screen: %s", first.Resident, h.texts())
	}
}

func TestTimeCriticalSectionComesFirst(t *testing.T) {
	h := newHarness(t)
	h.signIn("meg", "3333")
	h.tap("Review")
	rv := h.app.review.rv
	if rv == nil || rv.Sections[0].ID != report.SectionTimeCritical {
		t.Fatal("the review does not open on the time-critical section")
	}
	for _, r := range rv.Sections[0].Rows {
		if !r.TimeCritical {
			t.Errorf("row %s %s in the time-critical section is not time-critical", r.Resident, r.Medicine)
		}
	}
	if !strings.Contains(h.app.review.sections[report.SectionStopped].Text, "Stopped scans") {
		t.Error("no stopped scans section")
	}
}

// TestReviewScreenshot saves the review screen as PNG when
// MEDROUND_SHOTS names a directory: for the README, not an assertion.
func TestReviewScreenshot(t *testing.T) {
	dir := os.Getenv("MEDROUND_SHOTS")
	if dir == "" {
		t.Skip("MEDROUND_SHOTS not set")
	}
	h := newHarness(t)
	h.signIn("meg", "3333")
	h.tap("Review")
	h.tap("Refused (")
	h.tap("Follow up")
	h.app.review.follow.actions.SetSelected("GP informed")
	h.tap("Save follow-up")
	h.tap("Refused (")
	f, err := os.Create(filepath.Join(dir, "review-1280x800.png"))
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	if err := png.Encode(f, h.win.Canvas().Capture()); err != nil {
		t.Fatal(err)
	}
}
