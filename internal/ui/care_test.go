package ui

import (
	"slices"
	"strings"
	"testing"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/widget"

	"medround/internal/demo"
	"medround/internal/mar"
	"medround/internal/round"
)

// carePackExpiry is the expiry of the example patch and cream packs.
var carePackExpiry = time.Date(2027, 12, 31, 0, 0, 0, 0, time.UTC)

// homeParacetamol is the home's own paracetamol stock pack.
const homeParacetamol = "05000000000142"

// chartCare puts the example rivastigmine patch (its leaflet rests a site
// 14 days) and barrier cream on R101's chart, from a month back.
func chartCare(t *testing.T, h *harness) {
	t.Helper()
	for _, u := range []func(string, time.Time) error{
		func(r string, at time.Time) error {
			_, err := h.st.ApplyChart(demo.RivastigminePatch(r, at))
			return err
		},
		func(r string, at time.Time) error { _, err := h.st.ApplyChart(demo.BarrierCream(r, at)); return err },
	} {
		if err := u("res-001", demoNow.AddDate(0, 0, -30)); err != nil {
			t.Fatal(err)
		}
	}
}

// patchOn records, through the round, a rivastigmine patch put on R101 at
// the site days ago, and takes it off the next day when off is set.
func patchOn(t *testing.T, h *harness, site string, daysAgo int, off bool) {
	t.Helper()
	at := demoNow.AddDate(0, 0, -daysAgo)
	h.clock.set(at)
	defer h.clock.set(demoNow)
	sess, err := h.svc.SignIn("amy", "1111")
	if err != nil {
		t.Fatal(err)
	}
	req := round.RecordRequest{CheckRequest: round.CheckRequest{ResidentScan: "R101",
		PackScan: demo.RivastigminePack(carePackExpiry, "P1"), Site: site}, Outcome: mar.OutcomeGiven,
		OverrideReason: "set up by the test"}
	if _, err := h.svc.Record(sess, req); err != nil {
		t.Fatalf("patch %d days ago on %s: %v", daysAgo, site, err)
	}
	if off {
		h.clock.set(at.Add(24 * time.Hour))
		if _, err := h.svc.RemovePatch(sess, "R101", "res-001-riva"); err != nil {
			t.Fatalf("take off the patch of %d days ago: %v", daysAgo, err)
		}
	}
}

// overlay is the body map's window over the app, nil when closed.
func (h *harness) overlay() fyne.CanvasObject { return h.win.Canvas().Overlays().Top() }

// tapOverlay taps the button of the overlay whose label starts with text.
func (h *harness) tapOverlay(text string) {
	h.t.Helper()
	var found *widget.Button
	visible(h.overlay(), func(o fyne.CanvasObject) {
		if b, ok := o.(*widget.Button); ok && found == nil && b.Text != "" && strings.HasPrefix(b.Text, text) {
			found = b
		}
	})
	if found == nil {
		h.t.Fatalf("no button %q on the body map", text)
	}
	test.Tap(found)
}

// tapSites opens the body map from the verdict, taps each site by its
// word, checks the targets say which are chosen, and taps Done.
func (h *harness) tapSites(words ...string) {
	h.t.Helper()
	h.tap("Choose on the body map")
	if h.overlay() == nil {
		h.t.Fatal("the body map did not open")
	}
	m := h.app.resident.record.site.bodyMap
	for _, w := range words {
		target := m.target(w)
		if target == nil || !target.Visible() {
			h.t.Fatalf("no target %q on the body map", w)
		}
		test.Tap(target)
		if !strings.HasPrefix(target.Text(), "✓ ") {
			h.t.Errorf("target %q after a tap reads %q, want it ticked", w, target.Text())
		}
	}
	h.tapOverlay("Done")
	if h.overlay() != nil {
		h.t.Fatal("the body map is still open after Done")
	}
}

// sitesOf are the site words recorded for R101's doses of the entry.
func sitesOf(t *testing.T, h *harness, entryID string) []string {
	t.Helper()
	events, err := h.st.Events("res-001", demoNow.Add(-time.Hour), demoNow.Add(time.Hour))
	if err != nil {
		t.Fatal(err)
	}
	var out []string
	for _, e := range events {
		if e.Kind == mar.KindPatchSite && e.EntryID == entryID {
			out = append(out, e.Note)
		}
	}
	slices.Sort(out)
	return out
}

// TestPatchSiteChosenOnTheBodyMapAndRotationWarned: a rivastigmine patch
// went on the right upper arm 10 days ago (its rotation is 14 days) and
// yesterday's is still on the left upper chest. The verdict warns that the
// old one is not off and offers to record it; once it is, the site is
// chosen on the body map, the right upper arm warns that it was used 10
// days ago, and the patch is recorded with its site after an override
// reason. The page then says where it is and records it taken off.
func TestPatchSiteChosenOnTheBodyMapAndRotationWarned(t *testing.T) {
	h := newHarness(t)
	chartCare(t, h)
	patchOn(t, h, "upper-arm-right", 10, true)
	patchOn(t, h, "chest-left", 1, false)
	h.signIn("amy", "1111")
	h.scan("R101")
	h.sees("Patch on: Rivastigmine 4.6mg/24hours transdermal patches, on the left upper chest")
	h.scan(demo.RivastigminePack(carePackExpiry, "P2"))
	h.sees("is not recorded as taken off")
	h.sees("Where does the patch go? Choose the site on the body map.")
	if !h.button("Given").Disabled() {
		t.Fatal("Given is enabled before the site is chosen")
	}
	h.tap("Taken off: Rivastigmine")
	h.notSees("is not recorded as taken off")
	h.tap("Choose on the body map")
	m := h.app.resident.record.site.bodyMap
	if got := m.target("upper-arm-right").Note(); got != "used 15 Nov" {
		t.Errorf("the right upper arm's target notes %q, want \"used 15 Nov\" (within the 14-day rotation)", got)
	}
	if got := m.target("chest-left").Note(); got != "used 24 Nov" {
		t.Errorf("the left upper chest's target notes %q, want \"used 24 Nov\"", got)
	}
	h.tapOverlay("Cancel")

	h.tapSites("upper-arm-right")
	h.sees("Chosen: right upper arm.")
	h.sees("A patch went on the right upper arm")
	h.sees("less than 14 days ago")
	if !h.button("Given").Disabled() {
		t.Fatal("Given is enabled on a site reused before its override reason")
	}
	test.Type(h.entry("Why give it despite"), "left arm skin broken; GP agreed")
	h.tap("Given")
	h.sees("Recorded at")
	if got := sitesOf(t, h, "res-001-riva"); !slices.Equal(got, []string{"upper-arm-right"}) {
		t.Fatalf("sites recorded = %v, want the right upper arm", got)
	}
	h.sees("Patch on: Rivastigmine 4.6mg/24hours transdermal patches, on the right upper arm")

	h.tap("Record taken off")
	h.sees("Is the Rivastigmine 4.6mg/24hours transdermal patches patch on the right upper arm taken off")
	h.tap("Yes, it is off")
	h.sees("Recorded: the patch is off.")
	h.notSees("Patch on:")
}

// TestCreamAreasRecorded: a barrier cream is applied to the sacrum and
// both buttocks, chosen on the body map, and recorded as given with each
// area; Given waits for an area.
func TestCreamAreasRecorded(t *testing.T) {
	h := newHarness(t)
	chartCare(t, h)
	h.signIn("amy", "1111")
	h.scan("R101")
	h.scan(demo.BarrierCreamPack(carePackExpiry, "C1"))
	h.tap("Record for the 08:00 dose") // the cream has not been charted as given for a month
	h.sees("Where does the cream go? Choose each area on the body map.")
	if !h.button("Given").Disabled() {
		t.Fatal("Given is enabled before the cream's areas are chosen")
	}
	h.tapSites("sacrum", "buttock-left", "buttock-right", "heel-left")
	h.tap("Change")
	test.Tap(h.app.resident.record.site.bodyMap.target("heel-left")) // a second tap takes it away
	h.tapOverlay("Done")
	h.sees("Chosen: base of the spine (sacrum), left buttock, right buttock.")
	h.tap("Given")
	h.sees("Recorded at")
	if got := sitesOf(t, h, "res-001-cream"); !slices.Equal(got, []string{"buttock-left", "buttock-right", "sacrum"}) {
		t.Fatalf("areas recorded = %v, want the sacrum and both buttocks", got)
	}
	h.sees("Where: base of the spine (sacrum) · Cavilon barrier cream")
}

// TestHomelyRemedyGivenAndStopped: the home's paracetamol scanned for a
// resident whose GP has not approved it stops; once approved it is given
// as a when-required dose; the page and the home's list say who approved
// it and when it is reviewed.
func TestHomelyRemedyGivenAndStopped(t *testing.T) {
	h := newHarness(t)
	meg, err := h.svc.SignIn("meg", "3333")
	if err != nil {
		t.Fatal(err)
	}
	h.clock.set(at("23:00"))
	para := mar.HomelyRemedy{ID: "PARA", GTIN: homeParacetamol, Name: "Paracetamol 500mg tablets (home stock)",
		Ingredient: "387517004", StrengthMG: 500, Dose: mar.Quantity{Value: 2, Unit: "tablet"},
		Interval: 4 * time.Hour, Max: 8, Days: 2}
	if _, err := h.svc.AddHomelyRemedy(meg, para); err != nil {
		t.Fatal(err)
	}
	h.signIn("amy", "1111")
	h.scan("R104")
	h.scan(homeParacetamol)
	h.sees("Do not give")
	h.sees("the GP has not approved it for this resident")
	h.tap("Close")

	if _, err := h.svc.ApproveHomely(meg, round.ApprovalRequest{ResidentScan: "R104", RemedyID: "PARA", GP: "Dr Shah", Review: "2027-01-31"}); err != nil {
		t.Fatal(err)
	}
	h.clock.set(at("23:05"))
	h.app.resident.refresh()
	h.sees("Homely remedies the GP approved: Paracetamol 500mg tablets (home stock) (Dr Shah")
	h.scan(homeParacetamol)
	h.notSees("the GP has not approved it")
	h.sees("OK to give")
	test.Type(h.entry("Why is it needed now?"), "headache")
	h.tap("Given")
	h.sees("Recorded at")

	h.tap("Homely remedies")
	h.sees("The home's homely remedies")
	h.sees("Approved by Dr Shah on Wed 25 Nov 2026")
	h.sees("review by 31 Jan 2027")
}

// TestCovertPlanShown: the plan is on the resident's page and, in a band
// of its own, on the verdict of each medicine it covers; past its review
// date the page says so and the verdict warns.
func TestCovertPlanShown(t *testing.T) {
	h := newHarness(t)
	sam, err := h.svc.SignIn("sam", "2222")
	if err != nil {
		t.Fatal(err)
	}
	plan := mar.CovertPlan{ResidentID: "R101", Capacity: "2026-10-01", BestInterests: "2026-10-03",
		AgreedBy: "Dr Shah (GP), J Patel (pharmacist), son", How: "crush and mix with a spoon of yoghurt", Review: "2026-12-31"}
	if _, err := h.svc.SetCovertPlan(sam, plan); err != nil {
		t.Fatal(err)
	}
	h.signIn("amy", "1111")
	h.scan("R101")
	h.sees("COVERT ADMINISTRATION")
	h.sees("All medicines: crush and mix with a spoon of yoghurt. Agreed by Dr Shah (GP), J Patel (pharmacist), son")
	h.sees("review by 31 Dec 2026")
	h.notSees("was due for review")
	h.scan(pack("amlodipine-5"))
	h.sees("Give covertly, as the plan says")
	h.sees("crush and mix with a spoon of yoghurt")
	h.tap("Cancel")

	h.clock.set(demoNow.AddDate(0, 1, 10))
	h.app.resident.refresh()
	h.sees("The covert plan was due for review")
}

// TestAltGOpensTheBodyMap: with the site still to choose, Alt+G opens the
// body map rather than recording; Escape closes the map and leaves the
// verdict.
func TestAltGOpensTheBodyMap(t *testing.T) {
	h := newHarness(t)
	chartCare(t, h)
	h.signIn("amy", "1111")
	h.scan("R101")
	h.scan(demo.BarrierCreamPack(carePackExpiry, "C2"))
	h.tap("Record for the 08:00 dose")
	h.altG()
	if h.overlay() == nil {
		t.Fatal("Alt+G did not open the body map")
	}
	h.key(fyne.KeyEscape)
	if h.overlay() != nil {
		t.Fatal("Escape did not close the body map")
	}
	h.sees("Where does the cream go?")
}
