package ui

import (
	"fmt"
	"strings"
	"time"

	"github.com/google/uuid"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"medround/internal/mar"
	"medround/internal/report"
	"medround/internal/round"
	"medround/internal/staff"
)

// registerService is what the register screens ask of the round: the
// registers as the book's pages, the movements and the printouts.
type registerService interface {
	identifier
	Users() ([]mar.User, error)
	ResidentView(residentID string, at time.Time) (*round.ResidentView, error)
	RegisterBooks(residentScan string, cd bool) ([]report.RegisterBook, error)
	RecordStock(sess *round.Session, kind mar.EventKind, req round.StockRequest) (*round.StockResult, error)
	RegisterPDF(residentScan string, cd bool) ([]byte, error)
	RegisterCSV(residentScan string, cd bool) ([]byte, error)
	Stock(residentID string) ([]round.StockLine, error)
	ResolveDiscrepancy(sess *round.Session, eventID uuid.UUID, action string) (mar.Event, error)
}

// Which book the register screen shows.
const (
	bookCD    = "CD registers"
	bookStock = "Stock record"
)

// registerScreen is the controlled drugs register and the stock book: a
// resident's registers one at a time, every entry with its running
// balance, corrections shown with the original, the open discrepancies
// and the last count; or, for seniors and managers, the home's registers
// in a list. Receipts, counts, returns and destruction are recorded from
// it (movePanel); nothing here decides a rule: the lines are
// report.BuildRegisterBook's, the movements round.RecordStock's.
type registerScreen struct {
	app        *App
	svc        registerService
	residentID string // "" shows the home's list
	fromList   bool   // a resident's register opened from the home's list
	cd         bool
	books      []report.RegisterBook
	chosen     int
	want       string // the product whose register to show once loaded
	page       int
	loading    int
	chart      []round.EntryView // the resident's chart, for choosing a medicine

	title    *widget.Label
	which    *widget.Select
	medicine *widget.Select
	message  *widget.Label
	differs  *fyne.Container
	diffText *bandText
	book     *bookView
	list     *fyne.Container
	listBox  fyne.CanvasObject
	actions  *fyne.Container
	move     *movePanel
	center   *fyne.Container
	back     *widget.Button
	box      fyne.CanvasObject
}

func newRegisterScreen(a *App) *registerScreen {
	s := &registerScreen{app: a, svc: a.svc, cd: true}
	s.title = heading("Controlled drugs register")
	s.which = widget.NewSelect([]string{bookCD, bookStock}, s.chooseBook)
	s.which.SetSelected(bookCD)
	s.medicine = widget.NewSelect(nil, func(v string) { a.idle.touch(); s.choose(v) })
	s.medicine.PlaceHolder = "Choose the medicine"
	s.message = wrapped("")
	s.message.Hide()
	s.diffText = bandBold(toneStop, "")
	s.differs = band(toneStop, container.NewBorder(nil, nil, bandIcon(toneStop, theme.ErrorIcon()), nil, s.diffText))
	s.differs.Hide()
	s.book = newBookView(a)
	s.book.onResolve = s.resolve
	s.list = container.NewVBox()
	s.listBox = container.NewVScroll(s.list)
	s.move = newMovePanel(a, s)
	s.back = newButton("Back", theme.NavigateBackIcon(), widget.MediumImportance, a.act(s.goBack))
	pdf := newButton("Save as PDF", theme.DocumentSaveIcon(), widget.MediumImportance, a.act(func() { s.save("pdf") }))
	csv := newButton("Save as CSV", theme.DocumentSaveIcon(), widget.MediumImportance, a.act(func() { s.save("csv") }))
	s.actions = container.NewGridWithColumns(4,
		tall(newButton("Receive", theme.ContentAddIcon(), widget.HighImportance, a.act(func() { s.startMove(mar.KindReceipt) }))),
		tall(newButton("Count", theme.ConfirmIcon(), widget.HighImportance, a.act(func() { s.startMove(mar.KindStockCount) }))),
		tall(newButton("Return", theme.MailReplyIcon(), widget.MediumImportance, a.act(func() { s.startMove(mar.KindStockReturn) }))),
		tall(newButton("Destroy", theme.DeleteIcon(), widget.MediumImportance, a.act(func() { s.startMove(mar.KindDestruction) }))))
	top := container.NewVBox(
		container.NewBorder(nil, nil, nil, container.NewHBox(tall(s.back), tall(pdf), tall(csv)), s.title),
		container.NewBorder(nil, nil, tall(s.which), nil, tall(s.medicine)), s.differs, s.message)
	s.center = container.NewStack()
	s.box = container.NewBorder(container.NewPadded(top), nil, nil, nil, s.center)
	return s
}

func (s *registerScreen) view() fyne.CanvasObject { return s.box }

// open shows a resident's controlled drugs registers; residentID ""
// shows the home's list.
func (s *registerScreen) open(residentID string) { s.openAt(residentID, "", true, false) }

// openAt shows a resident's registers, the controlled drugs ones when cd,
// at the register of productID when it is one of them; fromList says the
// home's list opened it, and Back goes back there.
func (s *registerScreen) openAt(residentID, productID string, cd, fromList bool) {
	if residentID != s.residentID {
		s.books, s.chart, s.chosen = nil, nil, 0
	}
	s.residentID, s.page, s.want, s.fromList = residentID, -1, productID, fromList
	s.cd = cd
	s.which.OnChanged, s.which.Selected = nil, bookStock
	if cd {
		s.which.Selected = bookCD
	}
	s.which.Refresh()
	s.which.OnChanged = s.chooseBook
	say(s.message, false, "")
	s.differs.Hide()
	s.move.reset()
	s.app.show(s)
}

// chooseBook switches between the controlled drugs registers and the
// stock record.
func (s *registerScreen) chooseBook(v string) {
	s.app.idle.touch()
	if cd := v == bookCD; cd != s.cd {
		s.cd, s.chosen, s.page = cd, 0, -1
		s.refresh()
	}
}

// goBack leaves for the resident's page, or the round from the home list.
func (s *registerScreen) goBack() {
	if s.moving() {
		s.showBook()
		return
	}
	if s.fromList {
		s.open("")
		return
	}
	if s.residentID != "" && s.app.resident.id == s.residentID {
		s.app.show(s.app.resident)
		return
	}
	s.app.show(s.app.board)
}

func (s *registerScreen) refresh() {
	if s.residentID == "" && !mayListHome(s.app.session) {
		// The home's list was left open by a senior; the next user, a
		// care worker, goes back to the round.
		s.app.show(s.app.board)
		return
	}
	s.loading++
	gen, id, cd, at := s.loading, s.residentID, s.cd, s.app.now()
	type loaded struct {
		books []report.RegisterBook
		chart []round.EntryView
	}
	load(s.app, func() (loaded, error) {
		var l loaded
		var err error
		if l.books, err = s.svc.RegisterBooks(id, cd); err != nil || id == "" {
			return l, err
		}
		rv, err := s.svc.ResidentView(id, at)
		if err != nil {
			return l, err
		}
		l.chart = rv.Chart
		return l, nil
	}, func(l loaded, err error) {
		if gen != s.loading {
			return
		}
		if err != nil {
			say(s.message, false, "Cannot load the register: "+s.app.explain(err))
			return
		}
		s.books, s.chart = l.books, l.chart
		s.show()
	})
}

// show lays out what was loaded: the home's list, or the register chosen.
func (s *registerScreen) show() {
	what := "Controlled drugs register"
	if !s.cd {
		what = "Stock record"
	}
	if s.residentID == "" {
		s.title.SetText(what + ": every resident")
		s.medicine.Hide()
		s.fillList()
		s.center.Objects = []fyne.CanvasObject{s.listBox}
		s.center.Refresh()
		return
	}
	name := ""
	if len(s.books) > 0 {
		name = s.books[0].Resident
	} else if s.app.resident.rv != nil && s.app.resident.rv.Resident.ID == s.residentID {
		name = s.app.resident.rv.Resident.Name()
	}
	s.title.SetText(what + ": " + name)
	s.fillMedicines()
	if !s.moving() {
		s.showBook()
	}
}

// fillMedicines offers the resident's registers by medicine, choosing the
// one wanted, else the one shown before.
func (s *registerScreen) fillMedicines() {
	var names []string
	for i, b := range s.books {
		names = append(names, b.Medicine)
		if s.want != "" && b.ProductID == s.want {
			s.chosen = i
		}
	}
	s.want = ""
	if s.chosen >= len(s.books) {
		s.chosen = 0
	}
	s.medicine.Show()
	s.medicine.SetOptions(names)
	if len(s.books) > 0 {
		s.medicine.SetSelectedIndex(s.chosen)
	} else {
		s.medicine.ClearSelected()
	}
}

// choose shows the register of the medicine named.
func (s *registerScreen) choose(name string) {
	for i, b := range s.books {
		if b.Medicine == name && i != s.chosen {
			s.chosen = i
			s.page = -1 // the newest entries first
			s.showBook()
		}
	}
}

// showBook shows the chosen register, at its newest page when page < 0.
func (s *registerScreen) showBook() {
	s.center.Objects = []fyne.CanvasObject{container.NewBorder(nil, container.NewPadded(s.actions), nil, nil, s.book.box)}
	s.center.Refresh()
	if len(s.books) == 0 {
		empty := "No controlled drugs on this resident's chart."
		if !s.cd {
			empty = "No stock kept yet for this resident: receive or count a medicine to start its record."
		}
		s.book.empty(empty)
		return
	}
	s.book.set(&s.books[s.chosen], s.page)
	s.page = s.book.page
}

// dropMove closes the movement form, emptied, when the tablet locks.
func (s *registerScreen) dropMove() {
	s.move.reset()
	if s.moving() {
		s.showBook()
	}
}

func (s *registerScreen) moving() bool {
	return len(s.center.Objects) == 1 && s.center.Objects[0] == s.move.box
}

// startMove opens the movement form for the register shown.
func (s *registerScreen) startMove(kind mar.EventKind) {
	if s.residentID == "" {
		return
	}
	var productID string
	if s.chosen < len(s.books) {
		productID = s.books[s.chosen].ProductID
	}
	s.differs.Hide()
	say(s.message, false, "")
	s.move.start(kind, productID, s.chart)
	s.center.Objects = []fyne.CanvasObject{s.move.box}
	s.center.Refresh()
}

// moved shows what a movement recorded and reloads the register: a count
// that differs says so in the stop colour, with what to do.
func (s *registerScreen) moved(res *round.StockResult) {
	s.app.board.staleRunsOut()
	s.page, s.want = -1, res.Product.ID
	unit := s.unitOf(res.Product.ID)
	msg := fmt.Sprintf("Recorded at %s: %s, %s %s.", s.app.clock(res.Event.OccurredAt), res.Product.Name,
		strings.ToLower(movementWords[res.Event.Kind]), mar.Amount(res.Event.Quantity, unit))
	if res.Register != nil {
		msg += " Balance now " + mar.Amount(res.Register.Balance, unit) + "."
	}
	say(s.message, true, msg)
	s.differs.Hidden = res.Difference == 0
	if res.Difference != 0 {
		held := res.Event.Quantity - res.Difference
		s.diffText.SetText(fmt.Sprintf("The count differs from the register: it held %s and %s were counted (%+g). "+
			"This is recorded as a discrepancy: tell the manager, who records what was done.",
			mar.Amount(held, unit), mar.Amount(res.Event.Quantity, unit), res.Difference))
	}
	s.showBook()
	s.page = -1 // the new entry is on the newest page, once reloaded
	s.refresh()
}

func (s *registerScreen) unitOf(productID string) string {
	for _, e := range s.chart {
		if e.Product.ID == productID {
			return e.Entry.Dose.Unit
		}
	}
	return ""
}

// movementWords name a movement in the message after it is recorded.
var movementWords = map[mar.EventKind]string{mar.KindReceipt: "Received", mar.KindStockCount: "Counted",
	mar.KindStockReturn: "Returned to the pharmacy", mar.KindDestruction: "Destroyed"}

// scanned takes a scan: the movement form takes a pack or a witness's
// badge; otherwise a wristband opens that resident.
func (s *registerScreen) scanned(code string) {
	if s.moving() {
		s.move.scanned(code)
		return
	}
	t := s.app.ticket()
	load(s.app, func() (round.Scan, error) { return s.svc.Identify(code) }, func(sc round.Scan, err error) {
		if !s.app.still(t) {
			return
		}
		switch {
		case err != nil:
			say(s.message, false, "Scan not recognised: "+s.app.explain(err))
		case sc.Kind == round.ScanResident && sc.Resident != nil:
			s.app.openResident(sc.Resident.ID, code)
		case sc.Kind == round.ScanPack && sc.Pack != nil && s.residentID != "":
			s.showPack(*sc.Pack)
		default:
			say(s.message, false, "Scan a resident's wristband, or a pack to show its register.")
		}
	})
}

// showPack shows the register of the medicine a pack scanned on the
// register is.
func (s *registerScreen) showPack(pk mar.PackScan) {
	for _, e := range s.chart {
		if !e.Product.HasGTIN(pk.GTIN) {
			continue
		}
		for i, b := range s.books {
			if b.ProductID == e.Product.ID {
				say(s.message, false, "")
				s.chosen, s.page = i, -1
				s.medicine.SetSelectedIndex(i)
				s.showBook()
				return
			}
		}
	}
	say(s.message, false, "This pack has no register here: choose Stock record, or Receive to start one.")
}

// mayListHome reports whether the user sees the home's registers: seniors
// and managers, who check the registers of every resident.
func mayListHome(sess *round.Session) bool { return sess.May(staff.ActReview) }

// resolve records what the manager did about a discrepancy; round
// decides who may and what it needs.
func (s *registerScreen) resolve(id uuid.UUID, action string) {
	sess := s.app.session
	load(s.app, func() (mar.Event, error) { return s.svc.ResolveDiscrepancy(sess, id, action) },
		saved(s.app, func(_ mar.Event, err error) {
			if err != nil {
				say(s.message, false, "Not recorded: "+s.app.explain(err))
				return
			}
			s.book.action.SetText("")
			s.differs.Hide()
			say(s.message, true, "Recorded what was done: the discrepancy is closed.")
			s.refresh()
		}))
}
