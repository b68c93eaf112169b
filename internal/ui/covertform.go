package ui

import (
	"fmt"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/widget"

	"medround/internal/mar"
	"medround/internal/round"
	"medround/internal/staff"
)

// allMedicines is the covert plan form's choice for a plan that covers
// every medicine of the resident.
const allMedicines = "All medicines"

// covertScreen is where a senior or manager writes a resident's covert
// administration plan, or a new version of it: for all their medicines or
// one, the capacity assessment and best-interests decision, who agreed,
// how to give it and its review date. Only they may
// (staff.ActCovertPlan); the round refuses anyone else, and dates that
// cannot be true, whatever the screen shows.
type covertScreen struct {
	app      *App
	svc      careAdminService
	form     *careForm
	rv       *round.ResidentView
	forWhat  *widget.Select
	capacity *widget.Entry
	decision *widget.Entry
	agreed   *widget.Entry
	how      *widget.Entry
	review   *widget.Entry
	entryOf  map[string]string // chart entry ID by the choice's words
}

func newCovertScreen(a *App) *covertScreen {
	s := &covertScreen{app: a, svc: a.svc}
	hint := wrapped("A medicine is given hidden in food or drink only under a plan made after a mental capacity assessment " +
		"and a best-interests decision, agreed with the GP, the pharmacist and the family. A plan for one medicine comes before the plan for all.")
	s.form = newCareForm(a, "A senior or manager writes a covert plan; ask them.", "Save the plan", s.store, hint)
	s.forWhat = widget.NewSelect(nil, s.chosen)
	s.forWhat.PlaceHolder = "Choose what it covers"
	s.form.add("For", s.forWhat)
	s.capacity = s.form.field("Capacity assessed", "Day of the mental capacity assessment, e.g. 01/10/2026")
	s.decision = s.form.field("Best interests", "Day of the best-interests decision, e.g. 03/10/2026")
	s.agreed = s.form.field("Agreed by", "e.g. Dr Shah (GP), J Patel (pharmacist), son")
	s.how = widget.NewMultiLineEntry()
	s.how.SetPlaceHolder("How to give it, as the pharmacist advised, e.g. crush and mix with a spoon of yoghurt")
	s.how.Wrapping = fyne.TextWrapWord
	s.how.SetMinRowsVisible(2)
	s.form.add("How to give it", s.how)
	s.review = s.form.field("Review by", "Day the plan is due a review, e.g. 03/01/2027")
	return s
}

func (s *covertScreen) view() fyne.CanvasObject { return s.form.box }

// scanned opens the resident a wristband names, as the round does.
func (s *covertScreen) scanned(code string) { s.app.board.identify(code, true) }

// open shows the form for the resident of rv: the plan for all medicines
// where there is one, else the first plan, to change; else empty.
func (s *covertScreen) open(rv *round.ResidentView) {
	s.rv, s.entryOf = rv, map[string]string{allMedicines: ""}
	options := []string{allMedicines}
	for _, c := range rv.Chart {
		if c.Entry.Status != mar.EntryActive {
			continue
		}
		name := c.Product.Name
		if _, dup := s.entryOf[name]; dup {
			name += " (" + c.Entry.ID + ")"
		}
		s.entryOf[name] = c.Entry.ID
		options = append(options, name)
	}
	s.forWhat.SetOptions(options)
	first := allMedicines
	if n := len(rv.Care.Covert); n > 0 {
		first = s.choiceOf(rv.Care.Covert[n-1].EntryID) // the plan for all comes last
	}
	s.forWhat.ClearSelected()
	s.forWhat.SetSelected(first)
	say(s.form.message, false, "")
	s.app.show(s)
}

// choiceOf is the choice's words for a chart entry ("" for all).
func (s *covertScreen) choiceOf(entryID string) string {
	for words, id := range s.entryOf {
		if id == entryID {
			return words
		}
	}
	return allMedicines
}

// chosen fills the form with the standing plan for what is chosen, or
// empties it where there is none.
func (s *covertScreen) chosen(words string) {
	s.app.idle.touch()
	p := mar.CovertPlan{}
	if s.rv != nil {
		for _, plan := range s.rv.Care.Covert {
			if id, ok := s.entryOf[words]; ok && plan.EntryID == id {
				p = plan
			}
		}
	}
	s.capacity.SetText(isoText(p.Capacity))
	s.decision.SetText(isoText(p.BestInterests))
	s.agreed.SetText(p.AgreedBy)
	s.how.SetText(p.How)
	s.review.SetText(isoText(p.Review))
}

func (s *covertScreen) refresh() {
	if s.rv != nil {
		s.form.title.SetText("Covert administration plan for " + s.rv.Resident.Name())
	}
	s.form.allow(s.app.session.May(staff.ActCovertPlan))
}

// store saves the plan under the signed-in senior's name.
func (s *covertScreen) store() {
	a, f := s.app, s.form
	if f.busy || s.rv == nil {
		return
	}
	entryID, ok := s.entryOf[s.forWhat.Selected]
	if !ok {
		say(f.message, false, "Choose what the plan covers: all medicines, or one.")
		return
	}
	d, bad := days(dayEntry{"Capacity assessed", s.capacity}, dayEntry{"Best interests", s.decision}, dayEntry{"Review by", s.review})
	if bad != "" {
		say(f.message, false, badDay(bad))
		return
	}
	p := mar.CovertPlan{ResidentID: s.rv.Resident.ID, EntryID: entryID, Capacity: d[0], BestInterests: d[1],
		AgreedBy: paragraph(s.agreed), How: paragraph(s.how), Review: d[2]}
	f.saving(true)
	sess := a.session
	load(a, func() (mar.Event, error) { return s.svc.SetCovertPlan(sess, p) }, saved(a, func(_ mar.Event, err error) {
		f.saving(false)
		if err != nil {
			say(f.message, false, "Not saved: "+a.explain(err))
			return
		}
		a.status.refresh()
		a.show(a.resident)
		say(a.resident.message, true, fmt.Sprintf("Saved: the covert plan for %s; review by %s.",
			lowerFirst(s.forWhat.Selected), isoText(p.Review)))
	}))
}

// lowerFirst is "all medicines" for "All medicines"; a product's name,
// which starts with a capital of its own, is left as it is.
func lowerFirst(words string) string {
	if words == allMedicines {
		return "all medicines"
	}
	return words
}
