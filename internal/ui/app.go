package ui

import (
	"io"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"

	"medround/internal/camera"
	"medround/internal/mar"
	"medround/internal/round"
)

// DefaultIdleLock is how long the app waits untouched before it locks: long
// enough not to interrupt a dose being given, short enough that a tablet
// left in a corridor is not left signed in for the next passer-by.
const DefaultIdleLock = 3 * time.Minute

// Options configure the app. The zero value is the desktop layout with the
// real clock.
type Options struct {
	// Tablet shows the tablet layout (bigger text and targets) on a desktop.
	Tablet bool
	// IdleLock is how long until the app locks itself; 0 means DefaultIdleLock.
	IdleLock time.Duration
	// Now is the clock; nil means time.Now. Tests inject one.
	Now func() time.Time
	// AfterFunc starts a timer that calls f once after d, returning a stop
	// function; nil means time.AfterFunc. Tests inject one to fire the idle
	// lock without waiting.
	AfterFunc func(d time.Duration, f func()) (stop func() bool)
	// Go runs a store read off the UI goroutine; nil means a new goroutine.
	// Tests run it in place so each step has finished when they look.
	Go func(f func())
	// Cameras lists the cameras this tablet has; nil means none.
	Cameras func() ([]Camera, error)
	// OpenCamera starts the camera with this ID for one scan; nil means
	// the tablet cannot scan with a camera and no button offers it.
	OpenCamera func(id string) (camera.Source, error)
	// Sync is the tablet's tie to the central record; nil shows the tablet
	// as not enrolled, with no way to enrol it.
	Sync SyncLink
	// SaveAs, when set, stands in for the save dialog: it calls save with
	// the path chosen for a file named name. Tests set it.
	SaveAs func(name string, save func(path string))
	// Trace, when set, gets a line per pack scan: the time from its Enter
	// to the verdict painted. For measuring only.
	Trace io.Writer
}

// Camera is a camera the tablet can scan with.
type Camera struct {
	ID   string // how OpenCamera finds it again, e.g. /dev/video0
	Name string // what the care worker is shown
}

// screen is one of the app's screens.
type screen interface {
	view() fyne.CanvasObject
	// scanned handles a code a keyboard-wedge scanner typed.
	scanned(code string)
	// refresh reloads what the screen shows from the store.
	refresh()
}

// App is the medround window and the state of the round on this tablet:
// who is signed in, which round and which resident are showing.
type App struct {
	fyneApp fyne.App
	win     fyne.Window
	svc     Service
	opt     Options
	now     func() time.Time
	home    mar.Home
	loc     *time.Location

	session   *round.Session
	scanGen   int // bumped by the lock and by opening another resident
	cameras   []Camera
	roundName string // empty: the round the clock points to

	status   *statusBar
	followUp *followUpBar
	body     *fyne.Container
	current  screen
	resume   screen // what was showing when the app locked
	keys     *wedge
	trace    *scanTrace
	idle     *idleLock
	saving   saveGuard // holds the screen while a record is saved

	saveDialog interface{ Hide() } // the save dialog showing, closed by the lock

	signIn   *signInScreen
	board    *boardScreen
	resident *residentScreen
	history  *historyScreen
	settings *settingsScreen
	review   *reviewScreen
	protocol *protocolScreen   // a PRN line's protocol, written by a senior
	prnUse   *prnSummaryScreen // each resident's PRN use and effect, from the review
	register *registerScreen
}

// New builds the app's window on fa, driving svc. Call ShowAndRun on the
// window it returns (or Show it in tests).
func New(fa fyne.App, svc Service, opt Options) *App {
	if opt.Sync != nil {
		svc = kicking{Service: svc, kick: opt.Sync.Kick}
	}
	a := &App{fyneApp: fa, svc: svc, opt: opt, now: opt.Now, loc: time.UTC}
	if a.now == nil {
		a.now = time.Now
	}
	if a.opt.Go == nil {
		a.opt.Go = func(f func()) { go f() }
	}
	fa.Settings().SetTheme(newTheme(opt.Tablet || fyne.CurrentDevice().IsMobile()))
	a.win = fa.NewWindow("medround")
	// The injected clock times the keys too, so tests type at scanner pace.
	if opt.Trace != nil {
		a.trace = &scanTrace{out: opt.Trace}
	}
	a.keys = &wedge{now: a.now, onScan: a.scanned, onHand: a.handTyped, onEscape: a.escape,
		onEnd: a.trace.ended, refocus: func() { fyne.Do(a.win.Canvas().Unfocus) }}
	a.addShortcuts()
	a.keys.attach(a.win.Canvas())
	a.idle = newIdleLock(opt.IdleLock, opt.AfterFunc, a.lock)

	a.status = newStatusBar(a)
	a.followUp = newFollowUpBar(a)
	a.signIn = newSignInScreen(a)
	a.board = newBoardScreen(a)
	a.resident = newResidentScreen(a)
	a.history = newHistoryScreen(a)
	a.settings = newSettingsScreen(a)
	a.review = newReviewScreen(a)
	a.protocol, a.prnUse = newProtocolScreen(a), newPRNSummaryScreen(a)
	a.register = newRegisterScreen(a)
	a.body = container.NewStack()
	a.win.SetContent(container.NewBorder(container.NewVBox(a.status.box, a.followUp.box), nil, nil, nil, a.body))
	a.win.Resize(fyne.NewSize(1280, 800))
	a.loadHome()
	a.loadCameras()
	a.show(a.signIn)
	a.watchSync()
	return a
}

// Window is the app's window.
func (a *App) Window() fyne.Window { return a.win }

// loadHome reads the home's settings for its name, zone and rounds.
func (a *App) loadHome() {
	load(a, a.svc.Home, func(h mar.Home, err error) {
		if err != nil {
			a.status.setProblem("Cannot read the home's settings: " + a.explain(err))
			return
		}
		a.home = h
		a.keys.setGSSubstitute(h.GSSubstitute)
		if loc, err := h.Location(); err == nil {
			a.loc = loc
		}
		a.status.refresh()
	})
}

// loadCameras lists the cameras off the UI goroutine: probing video
// devices can take a while on some tablets.
func (a *App) loadCameras() {
	if a.opt.Cameras == nil {
		return
	}
	load(a, a.opt.Cameras, func(cams []Camera, err error) {
		if err != nil {
			cams = nil
		}
		a.cameras = cams
		a.settings.setCameras(cams)
		a.resident.showCameraButton()
	})
}

// cameraID is the camera chosen in the settings, else the first found;
// empty when there is none.
func (a *App) cameraID() string {
	pref := a.fyneApp.Preferences().String(cameraPref)
	for _, c := range a.cameras {
		if c.ID == pref {
			return pref
		}
	}
	if len(a.cameras) > 0 {
		return a.cameras[0].ID
	}
	return ""
}

// show puts a screen in the window and reloads it. With nobody signed in
// only the sign-in screen shows: no page of a resident may be left open
// for whoever picks the tablet up.
func (a *App) show(s screen) {
	if a.session == nil {
		s = a.signIn
	}
	a.win.Canvas().Unfocus()
	if s != screen(a.resident) {
		a.resident.camera.cancel()
	}
	if s != screen(a.settings) {
		a.settings.central.camera.cancel()
	}
	a.current = s
	a.body.Objects = []fyne.CanvasObject{s.view()}
	a.body.Refresh()
	s.refresh()
	a.status.refresh()
	a.followUp.refresh()
}

// scanned sends a wedge scan to the screen showing.
func (a *App) scanned(code string) {
	a.idle.touch()
	a.current.scanned(code)
}

// handTyper is a screen that explains what to do when keys typed by hand
// on it were not taken as a scan.
type handTyper interface {
	handTyped()
}

// handTyped passes on that a person typed something and pressed Enter.
func (a *App) handTyped() {
	a.idle.touch()
	if h, ok := a.current.(handTyper); ok {
		h.handTyped()
	}
}

// signedIn starts a session and returns to where the round was.
func (a *App) signedIn(s *round.Session) {
	a.session = s
	a.idle.touch()
	next := a.resume
	a.resume = nil
	if next == nil {
		next = a.board
	}
	a.show(next)
}

// lock signs the user out and shows the sign-in screen. The round, the
// resident showing and the page of the board stay for the next user; a
// checked dose not yet recorded does not, because the next user must scan
// it again themselves.
func (a *App) lock() {
	if a.session == nil || a.saving.holding(a.lock) {
		return
	}
	a.session = nil
	a.scanGen++
	a.idle.stop()
	a.resident.dropCheck()
	a.history.stopFixing() // the next user corrects under their own name
	a.register.dropMove()  // and records stock under their own name
	if a.saveDialog != nil {
		a.saveDialog.Hide() // and saves under their own name
		a.saveDialog = nil
	}
	if a.current != screen(a.signIn) {
		a.resume = a.current
	}
	a.show(a.signIn)
}

// openResident shows a resident's page; scan is the code that opened it,
// or empty when the row was tapped.
func (a *App) openResident(id, scan string) {
	if a.session == nil {
		return
	}
	a.resident.open(id, scan)
	if a.current != screen(a.resident) {
		a.show(a.resident)
	}
}

// scanTicket ties a scan to the moment it was made: who was signed in and
// which resident was open. A store read can finish after the lock, after
// another user signed in or after another resident was opened; its result
// then belongs to nobody on screen and is dropped.
type scanTicket struct {
	gen  int
	sess *round.Session
}

// ticket is the moment a scan arrives.
func (a *App) ticket() scanTicket { return scanTicket{gen: a.scanGen, sess: a.session} }

// still reports whether a scan's result may still be applied: the same
// user is signed in and nothing has moved on since it was scanned.
func (a *App) still(t scanTicket) bool {
	return t.sess != nil && t.sess == a.session && t.gen == a.scanGen
}

// act wraps a button's action so tapping it counts as activity.
func (a *App) act(f func()) func() {
	return func() {
		a.idle.touch()
		f()
	}
}

// load runs get off the UI goroutine and applies its result on it.
func load[T any](a *App, get func() (T, error), apply func(T, error)) {
	a.opt.Go(func() {
		v, err := get()
		fyne.Do(func() { apply(v, err) })
	})
}

// clock formats an instant as the home's wall-clock time.
func (a *App) clock(t time.Time) string { return t.In(a.loc).Format("15:04") }

// when formats an instant that may not be today: "11:00" today,
// "yesterday 11:00", "Tue 11:00" within the week either side, else
// "Tue 3 Nov 11:00". A time without its day misleads when the dose was
// given before midnight.
func (a *App) when(t time.Time) string {
	t = t.In(a.loc)
	ty, tm, td := t.Date()
	ny, nm, nd := a.now().In(a.loc).Date()
	days := int(time.Date(ty, tm, td, 12, 0, 0, 0, time.UTC).Sub(time.Date(ny, nm, nd, 12, 0, 0, 0, time.UTC)).Hours()) / 24
	clock := t.Format("15:04")
	switch {
	case days == 0:
		return clock
	case days == -1:
		return "yesterday " + clock
	case days == 1:
		return "tomorrow " + clock
	case days > -7 && days < 7:
		return t.Format("Mon ") + clock
	}
	return t.Format("Mon 2 Jan ") + clock
}

// day formats an instant's date in the home's zone.
func (a *App) day(t time.Time) string { return t.In(a.loc).Format("Mon 2 Jan 2006") }
