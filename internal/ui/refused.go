package ui

import (
	"fmt"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"medround/internal/round"
	"medround/internal/staff"
)

// refusedService lists the records the central record refused and sends
// them again, for a manager.
type refusedService interface {
	RefusedRecords(sess *round.Session) ([]round.RefusedRecord, error)
	ResendRefused(sess *round.Session) (int, error)
}

// maxRefusedRows bounds the list: a tablet refused wholesale (enrolled
// under another tablet's ID) can hold hundreds, and one reason put right
// sends them all; the rest are counted.
const maxRefusedRows = 30

// refusedPart is the Central record tab's list of the records the centre
// refused, kept on this tablet: when, whose, which medicine and why, and a
// button to send them again once the cause is put right. Managers only.
type refusedPart struct {
	app     *App
	svc     refusedService
	rows    *rowList[*widget.Label]
	more    *widget.Label
	resend  *widget.Button
	message *widget.Label
	loading int
	box     *fyne.Container
}

func newRefusedPart(a *App) *refusedPart {
	p := &refusedPart{app: a, svc: a.svc, more: wrapped(""), message: wrapped("")}
	p.rows = newRowList("No record was refused by the central record.", func() (*widget.Label, fyne.CanvasObject) {
		l := wrapped("")
		return l, l
	})
	p.more.Hide()
	p.message.Hide()
	p.resend = newButton("Send them again", theme.MailSendIcon(), widget.MediumImportance, a.act(p.doResend))
	p.resend.Hide()
	title := widget.NewLabelWithStyle("Records the central record refused", fyne.TextAlignLeading, fyne.TextStyle{Bold: true})
	help := wrapped("Each is kept on this tablet and not sent again until a manager sends it: first put right what the central record says (for example, add the resident there, or enrol this tablet again).")
	p.box = container.NewVBox(title, help, p.rows.box, p.more, p.message, tall(container.NewHBox(tall(p.resend))))
	return p
}

// open shows the list afresh when the tab is opened.
func (p *refusedPart) open() {
	say(p.message, false, "")
	p.load()
}

// load reads the refused records off the UI goroutine; a care worker sees
// nothing of them.
func (p *refusedPart) load() {
	a := p.app
	p.box.Hidden = !a.session.May(staff.ActChangeSettings)
	if p.box.Hidden {
		return
	}
	p.loading++
	gen, sess := p.loading, a.session
	load(a, func() ([]round.RefusedRecord, error) { return p.svc.RefusedRecords(sess) },
		func(list []round.RefusedRecord, err error) {
			if gen != p.loading {
				return
			}
			if err != nil {
				say(p.message, false, "Cannot read the refused records: "+a.explain(err))
				return
			}
			p.show(list)
		})
}

func (p *refusedPart) show(list []round.RefusedRecord) {
	n := min(len(list), maxRefusedRows)
	p.rows.fill(n, func(i int, l *widget.Label) { l.SetText(p.words(list[i])) })
	p.more.Hidden = len(list) <= n
	p.more.SetText(fmt.Sprintf("…and %s more (medroundctl sync --json lists them all).", records(len(list)-n)))
	p.resend.Hidden = len(list) == 0
	p.resend.Enable()
}

// words is one refused record: "08:03 Margaret Ellis: Amlodipine 5mg
// tablets. Refused 09:10: the record was recorded on another device".
func (p *refusedPart) words(r round.RefusedRecord) string {
	a := p.app
	var what []string
	if !r.OccurredAt.IsZero() {
		what = append(what, a.when(r.OccurredAt))
	}
	who := r.Resident
	if who == "" {
		who = "A resident not on this tablet"
	}
	if r.Medicine != "" {
		who += ": " + r.Medicine
	}
	what = append(what, who+".")
	return fmt.Sprintf("%s Refused %s: %s.", strings.Join(what, " "), a.when(r.RefusedAt), strings.TrimSuffix(r.Reason, "."))
}

// doResend puts the refused records back in the outbox and asks for a
// sync; the list and the status update when it is done.
func (p *refusedPart) doResend() {
	a := p.app
	sess := a.session
	p.resend.Disable()
	load(a, func() (int, error) { return p.svc.ResendRefused(sess) }, func(n int, err error) {
		if err != nil {
			p.resend.Enable()
			say(p.message, false, "Not sent again: "+a.explain(err))
			return
		}
		say(p.message, true, fmt.Sprintf("%s will be sent again with the next sync.", sentence(records(n))))
		if a.opt.Sync != nil {
			a.opt.Sync.Kick()
		}
		p.load()
		a.status.refresh()
	})
}
