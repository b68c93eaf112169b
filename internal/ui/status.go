package ui

import (
	"fmt"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"medround/internal/syncer"
)

// statusBar runs along the top of every screen: the home, who is signed
// in, and where sync with the central record stands.
type statusBar struct {
	app     *App
	home    *widget.Label
	user    *widget.Label
	sync    *widget.Label
	syncIco *widget.Icon
	lock    *widget.Button
	box     *fyne.Container
}

func newStatusBar(a *App) *statusBar {
	s := &statusBar{app: a, home: widget.NewLabelWithStyle("", fyne.TextAlignLeading, fyne.TextStyle{Bold: true}),
		user: widget.NewLabel(""), sync: wrapped(""),
		syncIco: widget.NewIcon(theme.NewWarningThemedResource(theme.UploadIcon()))}
	s.lock = newButton("Lock", theme.LoginIcon(), widget.MediumImportance, a.lock)
	s.sync.Alignment = fyne.TextAlignTrailing
	right := container.NewHBox(widget.NewSeparator(), s.user, tall(s.lock))
	// The sync state takes the width left and wraps, so the bar fits a
	// portrait tablet.
	mid := container.NewBorder(nil, nil, nil, s.syncIco, s.sync)
	s.box = container.NewVBox(container.NewBorder(nil, nil, s.home, right, mid), widget.NewSeparator())
	return s
}

// refresh shows the signed-in user and reloads the count of records
// waiting to send.
func (s *statusBar) refresh() {
	a := s.app
	s.home.SetText(a.home.Name)
	if a.session == nil {
		s.user.SetText("Not signed in")
		s.lock.Hide()
	} else {
		u := a.session.User()
		s.user.SetText(fmt.Sprintf("%s (%s)", u.Name, u.Role))
		s.lock.Show()
	}
	load(a, a.svc.PendingCount, func(n int, err error) {
		if err != nil {
			s.setProblem("Cannot count the records waiting to send: " + a.explain(err))
			return
		}
		s.showSync(a.syncStatus(), n)
	})
}

// showSync shows where sync stands, with an icon that tells a good state
// from one that needs someone to act.
func (s *statusBar) showSync(st syncer.Status, pending int) {
	text, bad := syncWords(st, pending, s.app.now(), s.app.when)
	var res fyne.Resource = theme.NewWarningThemedResource(theme.UploadIcon())
	switch {
	case bad:
		res = theme.NewErrorThemedResource(theme.ErrorIcon())
	case st.State == syncer.StateSynced && pending == 0:
		res = theme.NewSuccessThemedResource(theme.ConfirmIcon())
	}
	s.syncIco.SetResource(res)
	s.sync.SetText(text)
}

// setProblem shows a storage problem where the sync state goes, so it is
// seen on every screen.
func (s *statusBar) setProblem(msg string) {
	s.syncIco.SetResource(theme.NewErrorThemedResource(theme.ErrorIcon()))
	s.sync.SetText(msg)
}
