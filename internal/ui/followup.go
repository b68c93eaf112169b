package ui

import (
	"fmt"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"medround/internal/mar"
)

// followUpBar asks the giver, an hour after a when-required dose, whether
// it worked. It shows on every screen while the giver is signed in.
type followUpBar struct {
	app      *App
	svc      followUpService
	dose     *mar.Event
	product  string
	question *bandText
	ask      *fyne.Container
	advice   *protocolAdvice // what the protocol says when a dose did not work
	box      *fyne.Container
	busy     bool
	gen      int // bumped by every refresh: only the newest query may show
}

func newFollowUpBar(a *App) *followUpBar {
	f := &followUpBar{app: a, svc: a.svc, question: bandBold(toneNotes, "")}
	yes := newButton("Yes, it worked", theme.ConfirmIcon(), widget.SuccessImportance, a.act(func() { f.answer(true) }))
	no := newButton("No, it did not", theme.CancelIcon(), widget.WarningImportance, a.act(func() { f.answer(false) }))
	f.ask = band(toneNotes, container.NewBorder(nil, nil, bandIcon(toneNotes, theme.QuestionIcon()),
		container.NewHBox(tall(yes), tall(no)), f.question))
	f.ask.Hide()
	f.advice = newProtocolAdvice(a)
	f.box = container.NewVBox(f.ask, f.advice.box)
	return f
}

// followUp is a dose to ask about, with the names to ask it in.
type followUp struct {
	dose     *mar.Event
	resident string
	product  string
}

// refresh looks for the signed-in user's oldest dose waiting for an
// answer. A query that lands after a newer one started, or after another
// user signed in, is dropped: one user must never be asked about a dose
// another gave.
func (f *followUpBar) refresh() {
	a := f.app
	f.gen++
	f.advice.keepFor(a.session)
	if a.session == nil {
		f.hide()
		return
	}
	gen, sess, at := f.gen, a.session, a.now()
	me := sess.User().ID
	load(a, func() (followUp, error) { return f.find(me, at) }, func(fu followUp, err error) {
		if gen != f.gen || a.session != sess {
			return
		}
		if err != nil || fu.dose == nil || fu.dose.UserID != me {
			f.hide()
			return
		}
		f.dose, f.product = fu.dose, fu.product
		f.question.SetText(fmt.Sprintf("Did the %s given to %s at %s work?", fu.product, fu.resident, a.when(fu.dose.OccurredAt)))
		f.ask.Show()
	})
}

func (f *followUpBar) hide() {
	f.dose = nil
	f.ask.Hide()
}

func (f *followUpBar) find(me string, at time.Time) (followUp, error) {
	ups, err := f.svc.PRNFollowUps(at)
	if err != nil {
		return followUp{}, err
	}
	for i := range ups {
		if ups[i].Dose.UserID == me {
			return followUp{dose: &ups[i].Dose, resident: ups[i].Resident.Name(), product: ups[i].Product.Name}, nil
		}
	}
	return followUp{}, nil
}

func (f *followUpBar) answer(worked bool) {
	a := f.app
	if f.dose == nil || a.session == nil || f.busy || f.dose.UserID != a.session.User().ID {
		return
	}
	f.busy = true
	sess, id, product := a.session, f.dose.ID, f.product
	load(a, func() (mar.Event, error) { return f.svc.RecordPRNEffect(sess, id, worked, "") }, func(_ mar.Event, err error) {
		f.busy = false
		if err != nil {
			f.question.SetText("Not recorded: " + a.explain(err))
			return
		}
		if !worked {
			f.advice.show(sess, id, product)
		}
		f.refresh()
		a.status.refresh()
		if a.current == screen(a.resident) {
			a.resident.refresh()
		}
	})
}
