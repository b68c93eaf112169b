package ui

import (
	"slices"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"
	"github.com/google/uuid"

	"medround/internal/mar"
	"medround/internal/round"
)

// protocolParts are the parts of a protocol as a care worker reads them,
// under the chart's own dose, interval and maximum (mar.PRNLimits): the
// panel before a PRN dose and the protocol screen show the same words.
// withSigns lists the signs; the record panel offers them as the PRN
// reason's choices instead, right under it.
func (a *App) protocolParts(t tone, e mar.ChartEntry, p *mar.PRNProtocol, withSigns bool) []fyne.CanvasObject {
	chart := "Dose, interval and maximum (from the chart): " + mar.PRNLimits(e)
	if e.PRNReason != "" {
		chart = "For (from the chart): " + e.PRNReason + "\n" + chart
	}
	out := []fyne.CanvasObject{bandPlain(t, chart)}
	if p == nil {
		return append(out, bandBold(t, "No PRN protocol has been written for this medicine. Give it only for what the chart says it is for, and tell the senior so one is written."))
	}
	switch {
	case withSigns:
		out = append(out, bandBold(t, "Signs to look for"), bandPlain(t, "•  "+strings.Join(p.Signs, "\n•  ")))
	default:
		out = append(out, bandBold(t, "Signs to look for: tap the ones you see, under the reason below"))
	}
	var parts []string
	for _, part := range []struct{ head, text string }{{"How to choose the dose", p.DoseChoice},
		{"If it does not work", p.IfNoEffect}, {"When to call the GP", p.CallGP}, {"The prescription says", p.PrescriptionWords(e)}} {
		if part.text != "" {
			parts = append(parts, part.head+": "+part.text)
		}
	}
	if len(parts) > 0 {
		out = append(out, bandPlain(t, strings.Join(parts, "\n")))
	}
	if missing := p.Missing(e); len(missing) > 0 {
		out = append(out, bandBold(t, "Not in the protocol yet: "+strings.Join(missing, "; ")+". Ask the senior."))
	}
	return append(out, bandPlain(t, a.protocolAuthor(*p)))
}

// protocolAuthor says who wrote a protocol and when.
func (a *App) protocolAuthor(p mar.PRNProtocol) string {
	who := "Written by " + a.userName(p.By)
	if p.Imported {
		who = "Imported from the prescription"
		if p.By != "" {
			who += " by " + a.userName(p.By)
		}
	}
	return who + " on " + a.dateOf(p.At)
}

// protocolBand is the PRN protocol of the when-required line the check
// matched, shown in the record panel before the dose is recorded, so the
// care worker reads why and how to give it at the moment of giving.
func (a *App) protocolBand(res *round.Result) fyne.CanvasObject {
	e := res.Verdict.Entry
	name := ""
	if res.Verdict.Product != nil {
		name = ": " + res.Verdict.Product.Name
	}
	head := container.NewBorder(nil, nil, bandIcon(toneNotes, theme.DocumentIcon()), nil, bandBold(toneNotes, "PRN protocol"+name))
	return band(toneNotes, append([]fyne.CanvasObject{head}, a.protocolParts(toneNotes, *e, res.Protocol, false)...)...)
}

// showProtocol adds the protocol to the record panel for a when-required
// line and offers its signs as the PRN reason's choices.
func (p *recordPanel) showProtocol(res *round.Result) {
	if e := res.Verdict.Entry; e == nil || !e.PRN || mar.IsHomelyEntry(e.ID) {
		p.signs.set(nil)
		return
	}
	p.reasons.Add(p.app.protocolBand(res))
	var signs []string
	if res.Protocol != nil {
		signs = res.Protocol.Signs
	}
	p.signs.set(signs)
}

// signChoices offers a protocol's signs as the PRN reason: a tap adds the
// sign to the reason, a second tap takes it out, and the care worker may
// type anything else beside them.
type signChoices struct {
	app     *App
	reason  *widget.Entry
	head    *widget.Label
	list    *fyne.Container
	box     *fyne.Container
	buttons map[string]*widget.Button // by sign, for tests to tap
	labels  map[string]*widget.Label
}

// signSep joins the signs chosen in the PRN reason.
const signSep = "; "

func newSignChoices(a *App, reason *widget.Entry) *signChoices {
	c := &signChoices{app: a, reason: reason, list: container.NewGridWithColumns(2), buttons: map[string]*widget.Button{},
		labels: map[string]*widget.Label{}}
	c.head = widget.NewLabel("Signs to look for, from the protocol: tap what you see, or type the reason below")
	c.box = container.NewVBox(c.head, c.list)
	c.box.Hide()
	return c
}

// set offers these signs; none hides the choice.
func (c *signChoices) set(signs []string) {
	c.list.RemoveAll()
	clear(c.buttons)
	clear(c.labels)
	for _, s := range signs {
		sign := s
		l := wrapped(sign)
		b, row := tapRow(l, c.app.act(func() { c.toggle(sign) }))
		c.buttons[sign], c.labels[sign] = b, l
		c.list.Add(row)
	}
	c.box.Hidden = len(signs) == 0
	c.sync()
	c.box.Refresh()
}

// chosen splits the reason typed into its parts.
func (c *signChoices) chosen() []string {
	var out []string
	for _, part := range strings.Split(c.reason.Text, signSep) {
		if part = strings.TrimSpace(part); part != "" {
			out = append(out, part)
		}
	}
	return out
}

// toggle adds a sign to the reason, or takes it out.
func (c *signChoices) toggle(sign string) {
	parts := c.chosen()
	if i := slices.Index(parts, sign); i >= 0 {
		parts = slices.Delete(parts, i, i+1)
	} else {
		parts = append(parts, sign)
	}
	c.reason.SetText(strings.Join(parts, signSep))
}

// sync marks the signs the reason holds, in colour, in bold and in words,
// so it never rests on colour alone.
func (c *signChoices) sync() {
	parts := c.chosen()
	for sign, l := range c.labels {
		imp, text, bold := widget.MediumImportance, sign, false
		if slices.Contains(parts, sign) {
			imp, text, bold = widget.SuccessImportance, "Chosen: "+sign, true
		}
		if l.Text != text {
			l.Importance, l.TextStyle.Bold = imp, bold
			l.SetText(text)
		}
	}
}

// doseProtocolService gives the protocol a PRN dose was given under.
type doseProtocolService interface {
	DoseProtocol(doseID uuid.UUID) (*mar.PRNProtocol, error)
}

// protocolAdvice is shown under the follow-up once the giver answers that
// a PRN dose did not work: what its protocol says to do then, and when to
// call the GP, at the moment they need it. It belongs to the user who
// answered and goes when another signs in.
type protocolAdvice struct {
	app  *App
	svc  doseProtocolService
	text *bandText
	box  *fyne.Container
	sess *round.Session
	gen  int
}

func newProtocolAdvice(a *App) *protocolAdvice {
	v := &protocolAdvice{app: a, svc: a.svc, text: bandPlain(toneWarn, "")}
	done := newButton("Done", theme.ConfirmIcon(), widget.MediumImportance, a.act(v.close))
	v.box = band(toneWarn, container.NewBorder(nil, nil, bandIcon(toneWarn, theme.WarningIcon()), tall(done), v.text))
	v.box.Hide()
	return v
}

// show loads the protocol of the dose answered and says what it advises;
// nothing shows when the dose had no protocol or it says neither part.
func (v *protocolAdvice) show(sess *round.Session, doseID uuid.UUID, what string) {
	v.gen++
	gen := v.gen
	load(v.app, func() (*mar.PRNProtocol, error) { return v.svc.DoseProtocol(doseID) }, func(p *mar.PRNProtocol, err error) {
		if gen != v.gen || v.app.session != sess || err != nil || p == nil || (p.IfNoEffect == "" && p.CallGP == "") {
			return
		}
		var parts []string
		if p.IfNoEffect != "" {
			parts = append(parts, "If it does not work: "+p.IfNoEffect)
		}
		if p.CallGP != "" {
			parts = append(parts, "When to call the GP: "+p.CallGP)
		}
		v.sess = sess
		v.text.SetText("The " + what + " did not work. Its PRN protocol says:\n" + strings.Join(parts, "\n"))
		v.box.Show()
	})
}

// close hides the advice.
func (v *protocolAdvice) close() {
	v.gen++
	v.sess = nil
	v.box.Hide()
}

// keepFor hides the advice unless sess answered it.
func (v *protocolAdvice) keepFor(sess *round.Session) {
	if v.sess != sess {
		v.close()
	}
}
