package ui

import (
	"fmt"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"medround/internal/mar"
	"medround/internal/round"
)

// manualPanel lets a care worker without a working scanner choose the
// chart entry by hand. It is allowed, and recorded as not scanned with the
// reason, so managers can see how often the barcode check was bypassed.
type manualPanel struct {
	app     *App
	page    *residentScreen
	entries *fyne.Container
	why     *widget.RadioGroup
	problem *widget.Label
	box     fyne.CanvasObject
}

// unscannedWords are the reasons offered, in the order offered.
var unscannedWords = []struct {
	r    mar.UnscannedReason
	text string
}{
	{mar.UnscannedDamaged, "Barcode damaged"},
	{mar.UnscannedNoBarcode, "No barcode on the pack"},
	{mar.UnscannedScannerBroken, "Scanner not working"},
}

func newManualPanel(a *App, page *residentScreen) *manualPanel {
	m := &manualPanel{app: a, page: page, entries: container.NewVBox()}
	var opts []string
	for _, u := range unscannedWords {
		opts = append(opts, u.text)
	}
	m.why = widget.NewRadioGroup(opts, func(string) { a.idle.touch() })
	m.why.Horizontal = true
	m.problem = wrapped("")
	m.problem.Hide()
	m.problem.Importance = widget.DangerImportance
	cancel := newButton("Cancel", theme.NavigateBackIcon(), widget.MediumImportance, a.act(page.dropCheck))
	top := container.NewVBox(heading("Choose the medicine by hand"),
		wrapped("Only when the pack cannot be scanned. Say why:"), m.why, m.problem)
	m.box = container.NewBorder(top, tall(cancel), nil, nil, container.NewVScroll(m.entries))
	return m
}

// start lists the resident's current chart entries.
func (m *manualPanel) start(rv *round.ResidentView) {
	m.why.SetSelected("")
	say(m.problem, false, "")
	m.entries.RemoveAll()
	for _, ev := range rv.Chart {
		if !ev.Entry.Current() {
			continue
		}
		ev := ev
		label := fmt.Sprintf("%s · %s", ev.Product.Name, entryWhen(ev.Entry, m.app.entryState(ev.Entry)))
		b := newButton(label, theme.MailForwardIcon(), widget.MediumImportance, m.app.act(func() { m.pick(ev.Entry.ID) }))
		b.Alignment = widget.ButtonAlignLeading
		m.entries.Add(tall(b))
	}
}

// entryWhen is an entry's dose and times; state says why it is not in
// force, "" when it is.
func entryWhen(e mar.ChartEntry, state string) string {
	if state != "" {
		return entryTimes(e) + " (" + state + ")"
	}
	return entryTimes(e)
}

func entryTimes(e mar.ChartEntry) string {
	if e.PRN {
		return prnDose(e) + " · when required"
	}
	var times []string
	for _, t := range e.Timing.TimesOfDay {
		times = append(times, t.String())
	}
	for _, w := range e.Timing.When {
		times = append(times, whenWord(w))
	}
	s := doseWords(e)
	if len(times) > 0 {
		s += " · " + strings.Join(times, ", ")
	}
	return s
}

// whenWords say the chart's event codes (FHIR Timing.repeat.when) as a
// care worker reads them on a paper MAR.
var whenWords = map[string]string{
	"MORN": "morning", "MORN.early": "early morning", "MORN.late": "late morning", "WAKE": "on waking",
	"NOON": "noon", "AFT": "afternoon", "AFT.early": "early afternoon", "AFT.late": "late afternoon",
	"EVE": "evening", "EVE.early": "early evening", "EVE.late": "late evening",
	"NIGHT": "night", "HS": "bedtime", "PHS": "after going to bed",
	"C": "with a meal", "CM": "breakfast", "CD": "lunch", "CV": "evening meal",
	"AC": "before a meal", "ACM": "before breakfast", "ACD": "before lunch", "ACV": "before the evening meal",
	"PC": "after a meal", "PCM": "after breakfast", "PCD": "after lunch", "PCV": "after the evening meal",
}

// whenWord is an event code's words, or the code itself when it has none.
func whenWord(code string) string {
	if w, ok := whenWords[code]; ok {
		return w
	}
	return code
}

// pick checks the chosen entry as if its pack had been scanned.
func (m *manualPanel) pick(entryID string) {
	var reason mar.UnscannedReason
	for _, u := range unscannedWords {
		if u.text == m.why.Selected {
			reason = u.r
		}
	}
	if reason == 0 {
		say(m.problem, false, "First say why the pack is not scanned.")
		return
	}
	req := m.page.checkRequest()
	req.EntryID = entryID
	m.page.check(req, reason)
}
