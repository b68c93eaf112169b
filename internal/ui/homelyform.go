package ui

import (
	"fmt"
	"strconv"
	"strings"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/widget"

	"medround/internal/mar"
	"medround/internal/round"
	"medround/internal/staff"
)

// remedyScreen is where a manager puts a homely remedy on the home's list,
// or changes one: a scan of the home's stock pack fills in its number, and
// the remedy already listed with it, or what a chart knows of the pack.
// Only a manager keeps the list (staff.ActHomelyList); the round refuses
// anyone else whatever the screen shows.
type remedyScreen struct {
	app  *App
	svc  careAdminService
	form *careForm
	gtin, id, name, ingredient, strength,
	dose, unit, interval, max, days *widget.Entry
	loading int
}

func newRemedyScreen(a *App) *remedyScreen {
	s := &remedyScreen{app: a, svc: a.svc}
	hint := wrapped("Scan the home's stock pack to fill in its number; a pack already on the list fills in the rest, to change it.")
	s.form = newCareForm(a, "Only a manager changes the home's homely remedies list; ask them.", "Save to the home's list", s.store, hint)
	f := s.form
	s.gtin = f.field("Pack", "Scan the pack, or type the number under its barcode")
	s.gtin.OnSubmitted = func(text string) { s.scanned(text) } // a scan typed into the field
	s.id = f.field("Short name", "On the list, e.g. PARA")
	s.name = f.field("Name", "e.g. Paracetamol 500mg tablets")
	s.ingredient = f.field("Ingredient", "Active ingredient, e.g. paracetamol")
	s.strength = f.field("Strength (mg)", "mg of it in one unit, e.g. 500 (optional)")
	s.dose = f.field("Dose", "How many units, e.g. 2")
	s.unit = f.field("Unit", "e.g. tablet")
	s.interval = f.field("Hours apart", "Least hours between doses, e.g. 4")
	s.max = f.field("Most in 24 hours", "In units, e.g. 8")
	s.days = f.field("Days", "Days it may be given before the GP is told, e.g. 2")
	return s
}

func (s *remedyScreen) view() fyne.CanvasObject { return s.form.box }

// open shows the form empty, or filled with a listed remedy to change.
func (s *remedyScreen) open(h *mar.HomelyRemedy) {
	s.fill(mar.HomelyRemedy{})
	if h != nil {
		s.fill(*h)
	}
	say(s.form.message, false, "")
	s.app.show(s)
}

func (s *remedyScreen) refresh() {
	s.form.title.SetText("A homely remedy on the home's list")
	s.form.allow(s.app.session.May(staff.ActHomelyList))
}

// scanned reads a scan of the stock pack into the form.
func (s *remedyScreen) scanned(code string) {
	s.loading++
	gen := s.loading
	load(s.app, func() (round.HomelyDraft, error) { return s.svc.HomelyDraftFor(code) }, func(d round.HomelyDraft, err error) {
		if gen != s.loading {
			return
		}
		switch {
		case err != nil:
			say(s.form.message, false, "Scan not read as a pack: "+s.app.explain(err))
		case d.Listed:
			s.fill(d.Remedy)
			say(s.form.message, true, fmt.Sprintf("%s is on the list as %s: change what needs changing and save.", d.Remedy.Name, d.Remedy.ID))
		default:
			s.gtin.SetText(d.Remedy.GTIN)
			s.fillEmpty(d.Remedy)
			what := "Pack read: fill in the rest."
			if d.Known {
				what = "Pack read; its name, ingredient and strength are from the chart's product: check them and fill in the rest."
			}
			say(s.form.message, true, what)
		}
	})
}

// fill writes a remedy into the form.
func (s *remedyScreen) fill(h mar.HomelyRemedy) {
	s.gtin.SetText(h.GTIN)
	s.id.SetText(h.ID)
	s.name.SetText(h.Name)
	s.ingredient.SetText(h.Ingredient)
	s.strength.SetText(number(h.StrengthMG))
	s.dose.SetText(number(h.Dose.Value))
	s.unit.SetText(h.Dose.Unit)
	s.interval.SetText(number(h.Interval.Hours()))
	s.max.SetText(number(h.Max))
	s.days.SetText(number(float64(h.Days)))
}

// fillEmpty writes what a pack's product says into the fields still empty.
func (s *remedyScreen) fillEmpty(h mar.HomelyRemedy) {
	for _, f := range []struct {
		e *widget.Entry
		v string
	}{{s.name, h.Name}, {s.ingredient, h.Ingredient}, {s.strength, number(h.StrengthMG)}, {s.unit, h.Dose.Unit}} {
		if strings.TrimSpace(f.e.Text) == "" {
			f.e.SetText(f.v)
		}
	}
}

// remedy reads the form; bad names the first field that is not a number.
func (s *remedyScreen) remedy() (h mar.HomelyRemedy, bad string) {
	h = mar.HomelyRemedy{GTIN: strings.TrimSpace(s.gtin.Text), ID: strings.TrimSpace(s.id.Text),
		Name: strings.TrimSpace(s.name.Text), Ingredient: strings.TrimSpace(s.ingredient.Text),
		Dose: mar.Quantity{Unit: strings.TrimSpace(s.unit.Text)}}
	var hours, days float64
	for _, f := range []struct {
		label    string
		e        *widget.Entry
		v        *float64
		optional bool
	}{{"strength", s.strength, &h.StrengthMG, true}, {"dose", s.dose, &h.Dose.Value, false},
		{"hours apart", s.interval, &hours, false}, {"most in 24 hours", s.max, &h.Max, false}, {"days", s.days, &days, false}} {
		text := strings.TrimSpace(f.e.Text)
		if text == "" && f.optional {
			continue
		}
		v, err := strconv.ParseFloat(text, 64)
		if err != nil {
			return h, f.label
		}
		*f.v = v
	}
	if days != float64(int(days)) {
		return h, "days"
	}
	h.Interval, h.Days = time.Duration(hours*float64(time.Hour)), int(days)
	return h, ""
}

// store saves the form under the signed-in manager's name.
func (s *remedyScreen) store() {
	a, f := s.app, s.form
	if f.busy {
		return
	}
	h, bad := s.remedy()
	if bad != "" {
		say(f.message, false, fmt.Sprintf("Write the %s as a number, e.g. 2.", bad))
		return
	}
	f.saving(true)
	sess := a.session
	load(a, func() (mar.Event, error) { return s.svc.AddHomelyRemedy(sess, h) }, saved(a, func(ev mar.Event, err error) {
		f.saving(false)
		if err != nil {
			say(f.message, false, "Not saved: "+a.explain(err))
			return
		}
		a.status.refresh()
		a.show(a.resident)
		say(a.resident.message, true, fmt.Sprintf("Saved at %s: %s (%s) on the home's homely remedies list.", a.clock(ev.RecordedAt), h.Name, h.ID))
	}))
}
