package ui

import (
	"strings"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/layout"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"medround/internal/mar"
	"medround/internal/round"
)

// careAdminService is what the forms of the home's homely remedies list,
// a GP's approval and a covert plan ask of the round. The round decides
// who may write each and whether what is written can stand; the forms
// only gather it and say what the round answered.
type careAdminService interface {
	HomelyDraftFor(scan string) (round.HomelyDraft, error)
	AddHomelyRemedy(sess *round.Session, h mar.HomelyRemedy) (mar.Event, error)
	ApproveHomely(sess *round.Session, req round.ApprovalRequest) (mar.Event, error)
	SetCovertPlan(sess *round.Session, p mar.CovertPlan) (mar.Event, error)
}

// careForm is the frame the three forms share: a title, what the round
// last said, the fields (label beside field), a note for staff who may
// not write it, and Save and Back. The fields scroll between the title
// and Save, so both stay in sight in either orientation, and with the
// on-screen keyboard up.
type careForm struct {
	app      *App
	title    *widget.Label
	message  *widget.Label
	readOnly *widget.Label
	fields   *fyne.Container
	save     *widget.Button
	box      fyne.CanvasObject
	busy     bool
}

func newCareForm(a *App, readOnly, saveLabel string, store func(), extra ...fyne.CanvasObject) *careForm {
	f := &careForm{app: a, title: heading(""), message: wrapped(""), readOnly: wrapped(readOnly)}
	f.title.Wrapping = fyne.TextWrapWord
	f.message.Hide()
	f.readOnly.TextStyle = fyne.TextStyle{Bold: true}
	f.fields = container.New(layout.NewFormLayout())
	f.save = newButton(saveLabel, theme.DocumentSaveIcon(), widget.HighImportance, a.act(store))
	back := newButton("Back to resident", theme.NavigateBackIcon(), widget.MediumImportance, a.act(func() { a.show(a.resident) }))
	top := container.NewVBox(container.NewBorder(nil, nil, nil, tall(back), f.title), f.message)
	body := container.NewVBox(append(extra, f.readOnly, f.fields)...)
	// Save stays in sight under the fields, however far they scroll.
	f.box = container.NewBorder(container.NewPadded(top), container.NewPadded(container.NewGridWithColumns(2, tall(f.save))), nil, nil,
		container.NewVScroll(container.NewPadded(body)))
	return f
}

// field adds a labelled one-line field with a hint; its changes keep the
// tablet awake.
func (f *careForm) field(label, hint string) *widget.Entry {
	e := widget.NewEntry()
	e.SetPlaceHolder(hint)
	f.add(label, e)
	return e
}

// add puts a labelled field on the form.
func (f *careForm) add(label string, w fyne.CanvasObject) {
	if e, ok := w.(*widget.Entry); ok {
		e.OnChanged = func(string) { f.app.idle.touch() }
	}
	l := widget.NewLabelWithStyle(label, fyne.TextAlignTrailing, fyne.TextStyle{Bold: true})
	f.fields.Add(l)
	f.fields.Add(tall(w))
}

// allow shows the fields and Save to those who may write the form, and a
// note to others.
func (f *careForm) allow(may bool) {
	f.fields.Hidden, f.save.Hidden, f.readOnly.Hidden = !may, !may, may
}

// saving marks a save under way, so a second tap stores nothing twice.
func (f *careForm) saving(on bool) {
	f.busy = on
	setEnabled(f.save, !on)
}

// dayText writes a day as a care worker writes it: 25/11/2026.
func dayText(t time.Time) string { return t.Format("02/01/2006") }

// isoText writes a stored YYYY-MM-DD day as dayText; "" stays "".
func isoText(d string) string {
	t, err := time.Parse(time.DateOnly, d)
	if err != nil {
		return d
	}
	return dayText(t)
}

// dayOf reads a day typed as 25/11/2026 (or 25/11/26, or 2026-11-25) into
// the YYYY-MM-DD the round takes; ok is false when it is none of these.
func dayOf(text string) (string, bool) {
	text = strings.TrimSpace(text)
	for _, layout := range []string{"2/1/2006", "2/1/06", time.DateOnly, "2.1.2006", "2-1-2006"} {
		if t, err := time.Parse(layout, text); err == nil {
			return t.Format(time.DateOnly), true
		}
	}
	return "", false
}

// dayEntry is a day field and its label, to name the one not read.
type dayEntry struct {
	label string
	e     *widget.Entry
}

// days reads each day field; the label of the first that cannot be read
// is in bad.
func days(fields ...dayEntry) (out []string, bad string) {
	for _, f := range fields {
		d, ok := dayOf(f.e.Text)
		if !ok {
			return nil, f.label
		}
		out = append(out, d)
	}
	return out, ""
}

// paragraph joins what was typed over several lines into one paragraph: a
// plan's terms are kept on one line each.
func paragraph(e *widget.Entry) string { return strings.Join(strings.Fields(e.Text), " ") }

// badDay says how to write a day the form could not read.
func badDay(label string) string {
	return label + ": write the day as day/month/year, e.g. 25/11/2026."
}
