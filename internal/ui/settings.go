package ui

import (
	"fmt"
	"strconv"
	"strings"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"medround/internal/mar"
	"medround/internal/round"
)

// cameraPref is where this tablet keeps its chosen camera: a setting of the
// device, not of the home.
const cameraPref = "camera"

// noCamera is what the camera choice says when there is none to choose.
const noCamera = "No camera found"

// settingsScreen is the manager's page of the home's settings.
type settingsScreen struct {
	app         *App
	svc         settingsService
	name        *widget.Entry
	zone        *widget.Entry
	rounds      []*roundFields
	roundBox    *fyne.Container
	window      *widget.Entry
	critical    *widget.Entry
	gs          *widget.Entry
	cd          *cdSettingsFields
	camera      *widget.Select
	cameraIDs   map[string]string // label shown to camera ID
	save        *widget.Button
	message     *widget.Label
	home        mar.Home
	audit       *auditSection
	central     *centralSection
	showForm    *widget.Button
	showAudit   *widget.Button
	showCentral *widget.Button
	formBox     fyne.CanvasObject // the settings with their Save button
	center      *fyne.Container
	box         fyne.CanvasObject
}

// roundFields edit one round: its name and clock time.
type roundFields struct {
	name, at *widget.Entry
	row      *fyne.Container
}

func newSettingsScreen(a *App) *settingsScreen {
	s := &settingsScreen{app: a, svc: a.svc, name: widget.NewEntry(), zone: widget.NewEntry(),
		window: widget.NewEntry(), critical: widget.NewEntry(), gs: widget.NewEntry(), roundBox: container.NewVBox()}
	s.cd = newCDSettingsFields()
	s.zone.SetPlaceHolder("Europe/London")
	s.gs.SetPlaceHolder("e.g. ~ (empty when the scanner sends the real GS)")
	s.camera = widget.NewSelect(nil, nil)
	s.camera.PlaceHolder = "Choose the camera"
	s.setCameras(nil)
	s.message = wrapped("")
	s.message.Hide()
	s.save = newButton("Save settings", theme.DocumentSaveIcon(), widget.HighImportance, a.act(s.store))
	add := newButton("Add a round", theme.ContentAddIcon(), widget.LowImportance, a.act(func() { s.addRound(mar.Round{}) }))
	back := newButton("Back to the round", theme.NavigateBackIcon(), widget.MediumImportance, a.act(func() { a.show(a.board) }))
	form := widget.NewForm(
		widget.NewFormItem("Home name", tall(s.name)),
		widget.NewFormItem("Time zone", tall(s.zone)),
		widget.NewFormItem("Rounds (name and time)", container.NewVBox(s.roundBox, tall(add))),
		widget.NewFormItem("On-time window, minutes either side", tall(s.window)),
		widget.NewFormItem("Time-critical window, minutes", tall(s.critical)),
		widget.NewFormItem("Scanner GS substitute", tall(s.gs)),
		widget.NewFormItem("Controlled drugs counted", tall(s.cd.every)),
		widget.NewFormItem("Registers kept (schedule 2 always)", s.cd.schedules),
		widget.NewFormItem("Camera", tall(s.camera)),
	)
	s.formBox = container.NewBorder(nil, container.NewPadded(container.NewVBox(s.message, tall(s.save))),
		nil, nil, container.NewVScroll(container.NewPadded(form)))
	s.audit = newAuditSection(a)
	s.central = newCentralSection(a)
	s.showForm = newButton("Home settings", theme.SettingsIcon(), widget.HighImportance, a.act(func() { s.showPart(partForm) }))
	s.showAudit = newButton("Audit trail", theme.HistoryIcon(), widget.MediumImportance, a.act(func() { s.showPart(partAudit) }))
	s.showCentral = newButton("Central record", theme.UploadIcon(), widget.MediumImportance, a.act(func() { s.showPart(partCentral) }))
	s.center = container.NewStack(s.formBox)
	parts := container.NewHBox(tall(s.showForm), tall(s.showAudit), tall(s.showCentral), tall(back))
	top := container.NewBorder(nil, nil, nil, parts, heading("Settings"))
	s.box = container.NewBorder(container.NewPadded(top), nil, nil, nil, s.center)
	return s
}

// settingsPart is a tab of the settings screen.
type settingsPart int

const (
	partForm settingsPart = iota
	partAudit
	partCentral
)

// showPart shows a tab. The audit trail is only for those who may read
// it: a screen left open by a manager and resumed by a carer after the
// lock shows the form.
func (s *settingsScreen) showPart(p settingsPart) {
	if p == partAudit && !s.app.mayViewAudit() {
		p = partForm
	}
	s.showAudit.Hidden = !s.app.mayViewAudit()
	tabs := map[settingsPart]*widget.Button{partForm: s.showForm, partAudit: s.showAudit, partCentral: s.showCentral}
	for q, b := range tabs {
		b.Importance = widget.MediumImportance
		if q == p {
			b.Importance = widget.HighImportance
		}
		b.Refresh()
	}
	if p != partCentral {
		s.central.camera.cancel()
	}
	var part fyne.CanvasObject
	switch p {
	case partAudit:
		part = s.audit.box
		s.audit.open()
	case partCentral:
		part = s.central.box
		s.central.open()
	default:
		part = s.formBox
	}
	s.center.Objects = []fyne.CanvasObject{part}
	s.center.Refresh()
}

// showing is the tab on screen.
func (s *settingsScreen) showing() settingsPart {
	if len(s.center.Objects) == 1 {
		switch s.center.Objects[0] {
		case s.audit.box:
			return partAudit
		case s.central.box:
			return partCentral
		}
	}
	return partForm
}

func (s *settingsScreen) view() fyne.CanvasObject { return s.box }

func (s *settingsScreen) scanned(code string) {
	if s.showing() == partCentral {
		s.central.scanned(code) // an enrolment QR code
		return
	}
	say(s.message, false, "Scans are not used on this page. Go back to the round to scan.")
}

func (s *settingsScreen) refresh() {
	a := s.app
	s.showPart(s.showing())
	manager := a.session != nil && a.session.User().Role == mar.RoleManager
	setEnabled(s.save, manager)
	say(s.message, false, "")
	if !manager {
		say(s.message, false, "Only a manager can change the settings.")
	}
	a.loadCameras()
	load(a, s.svc.Home, func(h mar.Home, err error) {
		if err != nil {
			say(s.message, false, "Cannot read the settings: "+a.explain(err))
			return
		}
		s.fill(h)
	})
}

func (s *settingsScreen) fill(h mar.Home) {
	s.home = h
	s.name.SetText(h.Name)
	s.zone.SetText(h.TimeZone)
	s.rounds = nil
	s.roundBox.RemoveAll()
	for _, r := range h.Rounds {
		s.addRound(r)
	}
	s.window.SetText(strconv.Itoa(int(h.Window / time.Minute)))
	s.critical.SetText(strconv.Itoa(int(h.CriticalWindow / time.Minute)))
	s.gs.SetText(h.GSSubstitute)
	s.cd.fill(h)
}

func (s *settingsScreen) addRound(r mar.Round) {
	f := &roundFields{name: widget.NewEntry(), at: widget.NewEntry()}
	f.name.SetText(r.Name)
	f.name.SetPlaceHolder("name")
	f.at.SetPlaceHolder("HH:MM")
	if r.Name != "" {
		f.at.SetText(r.At.String())
	}
	remove := newButton("", theme.DeleteIcon(), widget.LowImportance, s.app.act(func() { s.removeRound(f) }))
	f.row = container.NewBorder(nil, nil, nil, tall(remove), container.NewGridWithColumns(2, tall(f.name), tall(f.at)))
	s.rounds = append(s.rounds, f)
	s.roundBox.Add(f.row)
}

func (s *settingsScreen) removeRound(f *roundFields) {
	for i, r := range s.rounds {
		if r == f {
			s.rounds = append(s.rounds[:i], s.rounds[i+1:]...)
		}
	}
	s.roundBox.Remove(f.row)
}

// setCameras offers the cameras found, or says there is none.
func (s *settingsScreen) setCameras(cams []Camera) {
	s.cameraIDs = map[string]string{}
	if len(cams) == 0 {
		s.camera.SetOptions([]string{noCamera})
		s.camera.SetSelected(noCamera)
		s.camera.Disable()
		return
	}
	var labels []string
	chosen := s.app.cameraID()
	s.camera.Enable()
	s.camera.OnChanged = nil
	for _, c := range cams {
		l := cameraLabel(c)
		s.cameraIDs[l] = c.ID
		labels = append(labels, l)
	}
	s.camera.SetOptions(labels)
	for l, id := range s.cameraIDs {
		if id == chosen {
			s.camera.SetSelected(l)
		}
	}
	s.camera.OnChanged = s.chooseCamera
}

func (s *settingsScreen) chooseCamera(label string) {
	if id, ok := s.cameraIDs[label]; ok {
		s.app.fyneApp.Preferences().SetString(cameraPref, id)
	}
}

// cameraLabel names a camera and its device, since one camera can show
// up as more than one device.
func cameraLabel(c Camera) string {
	if c.Name == "" || c.Name == c.ID {
		return c.ID
	}
	return c.Name + " (" + c.ID + ")"
}

// form reads the fields into home settings; the round service decides
// whether they are acceptable.
func (s *settingsScreen) form() (mar.Home, error) {
	h := s.home
	h.Name = strings.TrimSpace(s.name.Text)
	h.TimeZone = strings.TrimSpace(s.zone.Text)
	h.GSSubstitute = s.gs.Text
	h.Rounds = nil
	for _, f := range s.rounds {
		name := strings.ToLower(strings.TrimSpace(f.name.Text))
		at, err := mar.ParseClockTime(strings.TrimSpace(f.at.Text))
		if err != nil || name == "" {
			return h, fmt.Errorf("each round needs a name and a time such as 08:00")
		}
		h.Rounds = append(h.Rounds, mar.Round{Name: name, At: at})
	}
	var err error
	if h.Window, err = minutesField(s.window.Text); err != nil {
		return h, fmt.Errorf("on-time window: %w", err)
	}
	if h.CriticalWindow, err = minutesField(s.critical.Text); err != nil {
		return h, fmt.Errorf("time-critical window: %w", err)
	}
	return h, s.cd.read(&h)
}

func minutesField(text string) (time.Duration, error) {
	n, err := strconv.Atoi(strings.TrimSpace(text))
	if err != nil {
		return 0, fmt.Errorf("enter a whole number of minutes")
	}
	return time.Duration(n) * time.Minute, nil
}

func (s *settingsScreen) store() {
	a := s.app
	h, err := s.form()
	if err != nil {
		say(s.message, false, "Not saved: "+round.Explain(err))
		return
	}
	sess := a.session
	s.save.Disable()
	load(a, func() (struct{}, error) { return struct{}{}, s.svc.PutHome(sess, h) }, func(_ struct{}, err error) {
		s.save.Enable()
		if err != nil {
			say(s.message, false, "Not saved: "+a.explain(err))
			return
		}
		s.home = h
		say(s.message, true, "Settings saved.")
		a.loadHome()
	})
}
