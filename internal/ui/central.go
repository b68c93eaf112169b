package ui

import (
	"fmt"
	"strings"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"medround/internal/mar"
	"medround/internal/round"
	"medround/internal/staff"
	"medround/internal/syncer"
)

// centralService gives the incidents the central record found.
type centralService interface {
	Incidents(from, to time.Time) ([]mar.Event, error)
}

// Incident codes the central record gives (central.IncidentDoubleDose and
// the rest; a test holds them equal). Copied rather than imported: the app
// has no business with the server's package.
const (
	incidentDoubleDose     = "DOUBLE_DOSE"
	incidentPRNMaxExceeded = "PRN_MAX_EXCEEDED"
	incidentClockSkew      = "CLOCK_SKEW"
)

// clockIncidentDays is how far back the settings list the tablets whose
// clocks the centre found wrong: long enough to see one that keeps
// drifting, short enough to stay a short list.
const clockIncidentDays = 30

// centralSection is the settings' Central record tab: whether and where
// the tablet is enrolled, how its sync stands, enrolment by a manager with
// the centre's address and a one-time code, and the tablet clocks the
// centre found wrong.
type centralSection struct {
	app     *App
	svc     centralService
	state   *widget.Label
	detail  *widget.Label
	server  *widget.Entry
	code    *widget.Entry
	name    *widget.Entry
	enrol   *widget.Button
	camera  *cameraScan
	syncNow *widget.Button
	syncRow *fyne.Container // the Sync now button's row, hidden with it: no blank gap
	message *widget.Label
	clocks  *rowList[*widget.Label]
	refused *refusedPart
	loading int
	box     fyne.CanvasObject
}

func newCentralSection(a *App) *centralSection {
	s := &centralSection{app: a, svc: a.svc, state: wrapped(""), detail: wrapped(""),
		server: widget.NewEntry(), code: widget.NewEntry(), name: widget.NewEntry(), message: wrapped("")}
	s.state.TextStyle = fyne.TextStyle{Bold: true}
	s.server.SetPlaceHolder("Central record address, e.g. https://central.example.org:8443")
	s.code.SetPlaceHolder("Enrolment code from the central record")
	s.name.SetPlaceHolder("Name for this tablet, e.g. Floor 2")
	s.message.Hide()
	s.enrol = newButton("Enrol this tablet", theme.LoginIcon(), widget.HighImportance, a.act(s.doEnrol))
	s.camera = newEnrolCamera(a, s)
	for _, e := range []*widget.Entry{s.server, s.code} {
		e.OnSubmitted = s.scannedInto // a wedge scan while a field has the focus
	}
	s.syncNow = newButton("Sync now", theme.ViewRefreshIcon(), widget.MediumImportance, a.act(s.kick))
	s.clocks = newRowList("No tablet clock found wrong in the last 30 days.", func() (*widget.Label, fyne.CanvasObject) {
		l := wrapped("")
		return l, l
	})
	form := widget.NewForm(
		widget.NewFormItem("Address", tall(s.server)),
		widget.NewFormItem("Enrolment code", tall(s.code)),
		widget.NewFormItem("Tablet name", tall(s.name)),
	)
	s.refused = newRefusedPart(a)
	clockTitle := widget.NewLabelWithStyle("Tablet clocks the central record found wrong", fyne.TextAlignLeading, fyne.TextStyle{Bold: true})
	s.syncRow = tall(container.NewHBox(tall(s.syncNow)))
	body := container.NewVBox(s.state, s.detail, s.syncRow, widget.NewSeparator(),
		s.refused.box, widget.NewSeparator(),
		widget.NewLabelWithStyle("Enrol with a central record", fyne.TextAlignLeading, fyne.TextStyle{Bold: true}),
		wrapped(enrolHint), form, s.message, tall(container.NewHBox(tall(s.enrol), tall(s.camera.button))),
		widget.NewSeparator(), clockTitle, s.clocks.box)
	s.box = container.NewVScroll(container.NewPadded(body))
	return s
}

// open shows the tab: the sync's state, and the clock incidents loaded
// off the UI goroutine.
func (s *centralSection) open() {
	a := s.app
	manager := a.session.May(staff.ActChangeSettings)
	for _, e := range []*widget.Entry{s.server, s.code, s.name} {
		setEnabled(e, manager)
	}
	setEnabled(s.enrol, manager && a.opt.Sync != nil)
	setEnabled(s.camera.button, manager)
	s.camera.button.Hidden = a.opt.OpenCamera == nil || len(a.cameras) == 0
	say(s.message, false, "")
	if !manager {
		say(s.message, false, "Only a manager can enrol this tablet.")
	}
	s.showStatus()
	s.refused.open()
	s.loading++
	gen, now := s.loading, a.now()
	load(a, func() ([]mar.Event, error) {
		return s.svc.Incidents(now.AddDate(0, 0, -clockIncidentDays), now.Add(time.Hour))
	},
		func(evs []mar.Event, err error) {
			if gen != s.loading {
				return
			}
			if err != nil {
				say(s.message, false, "Cannot read the incidents: "+a.explain(err))
				return
			}
			s.showClocks(evs)
		})
}

// showStatus says whether and where the tablet is enrolled and how its
// sync stands.
func (s *centralSection) showStatus() {
	a := s.app
	st := a.syncStatus()
	e, enrolled := syncer.Enrolment{}, false
	if a.opt.Sync != nil {
		e, enrolled = a.opt.Sync.Enrolment()
	}
	s.syncNow.Hidden = !enrolled
	s.syncRow.Hidden = !enrolled
	s.enrol.SetText("Enrol this tablet")
	if !enrolled {
		s.state.SetText("This tablet is not enrolled with a central record: its records stay on it, " +
			"and it does not see the doses recorded on the home's other tablets.")
		s.setDetail(problemWords(st))
		return
	}
	s.enrol.SetText("Enrol again")
	if s.server.Text == "" {
		s.server.SetText(e.Server)
	}
	s.state.SetText(fmt.Sprintf("This tablet is enrolled with %s at %s (tablet %s).", e.HomeName, e.Server, e.DeviceID))
	words, _ := syncWords(st, st.Last.Queued, a.now(), a.when)
	lines := []string{words + "."}
	if !st.LastTry.IsZero() {
		lines = append(lines, fmt.Sprintf("Last attempt %s; next %s.", a.when(st.LastTry), a.when(st.Next)))
	}
	if p := problemWords(st); p != "" {
		lines = append(lines, p)
	}
	if st.Last.Conflicts > 0 {
		lines = append(lines, fmt.Sprintf("The central record kept %d records aside as conflicts: look at them there.", st.Last.Conflicts))
	}
	if st.Last.Refused > 0 {
		lines = append(lines, fmt.Sprintf("The central record refused %s: kept on this tablet, not sent again. A manager sees them below with the reasons.", records(st.Last.Refused)))
	}
	s.setDetail(strings.Join(lines, "\n"))
	if a.current == screen(a.settings) && a.settings.showing() == partCentral {
		s.refused.load() // a sync may have had more refused, or sent them
	}
}

// setDetail shows the sync's detail lines, hiding the label when there
// are none: an empty label still takes a line's height.
func (s *centralSection) setDetail(text string) {
	s.detail.SetText(text)
	s.detail.Hidden = text == ""
	s.detail.Refresh()
}

// problemWords is the last sync's problem for a manager, with what to
// do; empty if none.
func problemWords(st syncer.Status) string {
	switch {
	case st.Err == nil:
		return ""
	case st.State == syncer.StateOffline:
		return "The central record could not be reached: check the tablet's network and that the central record is running. Records stay on this tablet until it can."
	case st.State == syncer.StateRevoked:
		return "The central record no longer knows this tablet: ask for a new enrolment code and enrol it again below."
	}
	return "Problem: " + round.Explain(st.Err) + "."
}

func (s *centralSection) kick() {
	if s.app.opt.Sync != nil {
		s.app.opt.Sync.Kick()
		say(s.message, true, "Sync asked for: this page updates when it is done.")
	}
}

// doEnrol enrols the tablet off the UI goroutine: it waits for the
// network, and the round must not.
func (s *centralSection) doEnrol() {
	a := s.app
	if a.opt.Sync == nil || !a.session.May(staff.ActChangeSettings) {
		return
	}
	server, code, name := strings.TrimSpace(s.server.Text), strings.TrimSpace(s.code.Text), strings.TrimSpace(s.name.Text)
	if server == "" || code == "" {
		say(s.message, false, "Enter the central record's address and the enrolment code it gave.")
		return
	}
	s.enrol.Disable()
	say(s.message, true, "Enrolling…")
	load(a, func() (syncer.Enrolment, error) { return a.opt.Sync.Enrol(server, code, name) },
		func(e syncer.Enrolment, err error) {
			s.enrol.Enable()
			if err != nil {
				say(s.message, false, "Not enrolled: "+a.explain(err))
				return
			}
			s.code.SetText("")
			say(s.message, true, fmt.Sprintf("Enrolled with %s. The first sync brings the home's chart and staff, and sends this tablet's records.", e.HomeName))
			s.showStatus()
			a.status.refresh()
		})
}

// showClocks lists the clock incidents, newest first.
func (s *centralSection) showClocks(evs []mar.Event) {
	var clocks []mar.Event
	for _, e := range evs {
		if isCode(e, incidentClockSkew) {
			clocks = append(clocks, e)
		}
	}
	s.clocks.fill(len(clocks), func(i int, l *widget.Label) {
		l.SetText(s.app.when(clocks[i].RecordedAt) + ": " + clocks[i].Note)
	})
}

// isCode reports whether an incident is of the code given.
func isCode(e mar.Event, code string) bool {
	return len(e.ReasonCodes) > 0 && e.ReasonCodes[0] == code
}
