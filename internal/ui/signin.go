package ui

import (
	"errors"
	"fmt"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"medround/internal/barcode"
	"medround/internal/mar"
	"medround/internal/round"
	"medround/internal/staff"
)

// signInScreen asks who is giving medicines: tap a name or scan a staff
// badge, then enter the PIN.
type signInScreen struct {
	app      *App
	svc      signInService
	users    []mar.User
	chosen   string // user ID
	names    *fyne.Container
	buttons  map[string]*widget.Button
	prompt   *widget.Label
	pin      *widget.Entry
	submit   *widget.Button
	problem  *widget.Label
	box      fyne.CanvasObject
	inFlight bool
}

func newSignInScreen(a *App) *signInScreen {
	s := &signInScreen{app: a, svc: a.svc, buttons: map[string]*widget.Button{}}
	s.names = container.NewGridWrap(fyne.NewSize(220, touchTarget+8))
	s.prompt = heading("Tap your name or scan your staff badge")
	s.pin = widget.NewPasswordEntry()
	s.pin.SetPlaceHolder("PIN")
	s.pin.OnSubmitted = func(string) { s.trySignIn() }
	s.submit = newButton("Sign in", theme.LoginIcon(), widget.HighImportance, s.trySignIn)
	s.problem = wrapped("")
	s.problem.Hide()
	s.problem.Importance = widget.DangerImportance
	pad := s.keypad()
	right := container.NewVBox(widget.NewLabel("Your PIN"), tall(s.pin), pad, tall(s.submit), s.problem)
	s.box = container.NewBorder(container.NewPadded(s.prompt), nil, nil,
		container.NewGridWrap(fyne.NewSize(320, 0), right),
		container.NewVScroll(s.names))
	return s
}

// keypad is a number pad big enough for gloved fingers.
func (s *signInScreen) keypad() *fyne.Container {
	grid := container.NewGridWithColumns(3)
	for _, k := range []string{"1", "2", "3", "4", "5", "6", "7", "8", "9", "Clear", "0", "⌫"} {
		k := k
		b := widget.NewButton(k, func() { s.key(k) })
		grid.Add(tall(b))
	}
	return grid
}

func (s *signInScreen) key(k string) {
	switch k {
	case "Clear":
		s.pin.SetText("")
	case "⌫":
		if t := s.pin.Text; t != "" {
			s.pin.SetText(t[:len(t)-1])
		}
	default:
		s.pin.SetText(s.pin.Text + k)
	}
}

func (s *signInScreen) view() fyne.CanvasObject { return s.box }

func (s *signInScreen) refresh() {
	s.pin.SetText("")
	say(s.problem, false, "")
	load(s.app, s.svc.Users, func(users []mar.User, err error) {
		if err != nil {
			say(s.problem, false, "Cannot list the staff: "+s.app.explain(err))
			return
		}
		s.setUsers(users)
	})
}

func (s *signInScreen) setUsers(users []mar.User) {
	s.users = users
	s.names.RemoveAll()
	s.buttons = map[string]*widget.Button{}
	labels := staffLabels(users)
	for i, u := range users {
		u := u
		b := newButton(labels[i], theme.AccountIcon(), widget.MediumImportance, func() { s.choose(u.ID) })
		s.buttons[u.ID] = b
		s.names.Add(b)
	}
	s.choose(s.chosen)
}

// choose marks the user about to sign in.
func (s *signInScreen) choose(id string) {
	s.chosen = ""
	for uid, b := range s.buttons {
		b.Importance = widget.MediumImportance
		if uid == id {
			b.Importance = widget.HighImportance
			s.chosen = id
		}
		b.Refresh()
	}
	if name := s.userName(s.chosen); name != "" {
		s.prompt.SetText(name + ": enter your PIN")
		say(s.problem, false, "")
	} else {
		s.prompt.SetText("Tap your name or scan your staff badge")
	}
}

// userName is how the user with id is shown here: their name, with their
// ID where another member of staff has the same name.
func (s *signInScreen) userName(id string) string {
	labels := staffLabels(s.users)
	for i, u := range s.users {
		if u.ID == id {
			return labels[i]
		}
	}
	return ""
}

// scanned takes a staff badge, or, with a name chosen, a PIN typed on a
// keyboard: a hardware keyboard, and the wedge tools the tests and
// screenshots drive the app with, send keys as a scanner does, so the two
// cannot be told apart by speed. What is recognised as something else (a
// pack's EAN-8 or UPC-A barcode is all digits and a PIN's length, a
// resident's card) is said for what it was and never tried as a PIN, so it
// does not count toward the lockout of whoever was chosen.
func (s *signInScreen) scanned(code string) {
	chosen := s.chosen
	load(s.app, func() (round.Scan, error) { return s.svc.Identify(code) }, func(sc round.Scan, err error) {
		if err == nil && sc.Kind == round.ScanStaff {
			s.choose(sc.UserID)
			return
		}
		if chosen != "" && chosen == s.chosen && isDigits(code) && !known(sc, err) {
			if len(code) < staff.MinPINDigits || len(code) > staff.MaxPINDigits {
				say(s.problem, false, "That scan is not a PIN. Type your PIN on the keypad.")
				return
			}
			s.pin.SetText(code)
			s.trySignIn()
			return
		}
		say(s.problem, false, s.notABadge(sc, err, chosen != ""))
	})
}

// known reports whether a scan was recognised as a resident's card or a
// pack, or as a badge or card of no one here: said for what it was rather
// than as a PIN.
func known(sc round.Scan, err error) bool {
	if err != nil {
		return errors.Is(err, round.ErrUnknownResident) || errors.Is(err, round.ErrUnknownUser)
	}
	return sc.Kind == round.ScanResident || sc.Kind == round.ScanPack
}

// notABadge says what a scan on the sign-in screen was instead of a staff
// badge, and what to do: sign in, or with a name chosen, type the PIN. It
// never echoes the scan: a resident's card holds their NHS number, which
// is not for the screen of whoever walks past.
func (s *signInScreen) notABadge(sc round.Scan, err error, chosen bool) string {
	todo := " Sign in first: tap your name or scan your staff badge, then your PIN."
	if chosen {
		todo = " It was not tried as a PIN: type your PIN on the keypad."
	}
	var pe *barcode.ParseError
	switch {
	case errors.Is(err, round.ErrUnknownUser):
		return "That staff badge is not for anyone at this home. Tap your name, or ask a manager to check your badge."
	case errors.Is(err, round.ErrUnknownResident), err == nil && sc.Kind == round.ScanResident:
		return "That is a resident's card, not a staff badge." + todo
	case err == nil && sc.Kind == round.ScanPack:
		return "That is a medicine pack, not a staff badge." + todo
	case errors.As(err, &pe), err == nil:
		return "That scan is not a staff badge." + todo
	}
	return "That scan is not a staff badge. " + sentence(s.app.explain(err)) + todo
}

// handTyped points a person typing a PIN on a keyboard to the PIN box.
func (s *signInScreen) handTyped() {
	say(s.problem, false, "To type your PIN, tap the PIN box first, or use the keypad.")
}

func (s *signInScreen) trySignIn() {
	if s.inFlight {
		return
	}
	if s.chosen == "" {
		say(s.problem, false, "Tap your name first, or scan your staff badge.")
		return
	}
	id, pin := s.chosen, s.pin.Text
	s.pin.SetText("")
	s.inFlight = true
	s.submit.Disable()
	load(s.app, func() (*round.Session, error) { return s.svc.SignIn(id, pin) }, func(sess *round.Session, err error) {
		s.inFlight = false
		s.submit.Enable()
		if err != nil {
			say(s.problem, false, signInProblem(err))
			return
		}
		s.choose("")
		say(s.problem, false, "")
		s.app.signedIn(sess)
	})
}

// signInProblem says what went wrong and what to do.
func signInProblem(err error) string {
	var pe *round.PINError
	var le *round.LockedError
	switch {
	case errors.As(err, &le):
		return fmt.Sprintf("Too many wrong PINs: locked until %s. Ask a senior or wait.", le.Until.Format("15:04"))
	case errors.As(err, &pe):
		left := fmt.Sprintf("%d tries", pe.Remaining)
		if pe.Remaining == 1 {
			left = "1 try"
		}
		return fmt.Sprintf("Wrong PIN. %s left before you are locked out.", left)
	}
	return "Cannot sign in: " + round.Explain(err)
}

func isDigits(s string) bool {
	return s != "" && strings.Trim(s, "0123456789") == ""
}
