package ui

import (
	"math"
	"strconv"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"medround/internal/mar"
	"medround/internal/round"
)

// moveTitles head the movement form.
var moveTitles = map[mar.EventKind]string{
	mar.KindReceipt:     "Receive stock",
	mar.KindStockCount:  "Count the stock",
	mar.KindStockReturn: "Return stock to the pharmacy",
	mar.KindDestruction: "Destroy stock",
}

// movePanel records a receipt, count, return or destruction: the pack
// scanned (GTIN, batch and expiry from its GS1 code) or its medicine
// chosen, the quantity, whom from or why, and the second member of staff
// with their PIN. Which of those a movement needs, and who may witness,
// round.RecordStock decides; the form shows what it says.
type movePanel struct {
	app       *App
	screen    *registerScreen
	kind      mar.EventKind
	chart     []round.EntryView
	busy      bool
	witnesses staffPicker

	title      *widget.Label
	pack       *widget.Entry
	packInfo   *widget.Label
	medicine   *widget.Select
	qty        *widget.Entry
	from       *widget.Entry
	fromBox    *fyne.Container
	reason     *widget.Entry
	reasonBox  *fyne.Container
	witness    *widget.Select
	witnessPIN *widget.Entry
	record     *widget.Button
	cancel     *widget.Button
	problem    *widget.Label
	box        fyne.CanvasObject
}

func newMovePanel(a *App, s *registerScreen) *movePanel {
	p := &movePanel{app: a, screen: s, title: heading("")}
	p.pack = widget.NewEntry()
	p.pack.SetPlaceHolder("Scan the pack (or type its GTIN)")
	p.packInfo = wrapped("")
	p.medicine = widget.NewSelect(nil, func(v string) { a.idle.touch(); p.chooseMedicine(v) })
	p.medicine.PlaceHolder = "Or choose the medicine (no barcode)"
	p.qty = widget.NewEntry()
	p.qty.SetPlaceHolder("Quantity (tablets, mL, patches…)")
	p.from = widget.NewEntry()
	p.from.SetPlaceHolder("Received from: the pharmacy, or carried forward")
	p.fromBox = container.NewVBox(tall(p.from))
	p.reason = widget.NewEntry()
	p.reason.SetPlaceHolder("Why? e.g. discontinued by the GP, out of date, dropped")
	p.reasonBox = container.NewVBox(tall(p.reason))
	p.witness = widget.NewSelect(nil, func(string) { a.idle.touch() })
	p.witness.PlaceHolder = "Choose the witness, or scan their badge"
	p.witnesses.sel = p.witness
	p.witnessPIN = widget.NewPasswordEntry()
	p.witnessPIN.SetPlaceHolder("Witness's PIN")
	for _, e := range []*widget.Entry{p.pack, p.qty, p.from, p.reason, p.witnessPIN} {
		e.OnChanged = func(string) { a.idle.touch() } // typing is activity: no lock mid-entry
		submitUnfocus(a, e)
	}
	// A scan, or a GTIN typed, into the focused pack field reads as a
	// scan: the batch and expiry fill in.
	p.pack.OnSubmitted = func(text string) { a.win.Canvas().Unfocus(); p.scanned(strings.TrimSpace(text)) }
	p.record = newButton("Record", theme.ConfirmIcon(), widget.SuccessImportance, a.act(p.save))
	p.cancel = newButton("Cancel", theme.CancelIcon(), widget.MediumImportance, a.act(s.showBook))
	p.problem = wrapped("")
	p.problem.Hide()
	witnessHead := widget.NewLabelWithStyle("Witness: a second member of staff (a senior or manager for a controlled drug)",
		fyne.TextAlignLeading, fyne.TextStyle{Bold: true})
	witnessHead.Wrapping = fyne.TextWrapWord
	form := container.NewVBox(p.title,
		container.NewGridWithColumns(2, tall(p.pack), tall(p.medicine)), p.packInfo,
		container.NewBorder(nil, nil, widget.NewLabel("Quantity"), nil, tall(p.qty)),
		p.fromBox, p.reasonBox, witnessHead,
		container.NewGridWithColumns(2, tall(p.witness), tall(p.witnessPIN)), p.problem)
	actions := container.NewGridWithColumns(2, tall(p.record), tall(p.cancel))
	p.box = container.NewBorder(nil, container.NewPadded(actions), nil, nil, container.NewVScroll(form))
	return p
}

// reset empties the form, so nothing typed for one resident is left for
// another.
func (p *movePanel) reset() {
	for _, e := range []*widget.Entry{p.pack, p.qty, p.from, p.reason, p.witnessPIN} {
		e.SetText("")
	}
	p.packInfo.SetText("")
	p.medicine.ClearSelected()
	p.witness.ClearSelected()
	say(p.problem, false, "")
}

// start opens the form for a movement of the resident's medicine
// productID (the register showing), which it fills in.
func (p *movePanel) start(kind mar.EventKind, productID string, chart []round.EntryView) {
	p.reset()
	p.kind, p.chart = kind, chart
	p.title.SetText(moveTitles[kind])
	p.fromBox.Hidden = kind != mar.KindReceipt
	p.reasonBox.Hidden = kind != mar.KindStockReturn && kind != mar.KindDestruction
	if kind == mar.KindStockCount {
		p.qty.SetPlaceHolder("Quantity counted (0 if none)")
	} else {
		p.qty.SetPlaceHolder("Quantity (tablets, mL, patches…)")
	}
	var names []string
	for _, e := range chart {
		if len(e.Product.GTINs) > 0 && !contains(names, e.Product.Name) {
			names = append(names, e.Product.Name)
		}
	}
	p.medicine.SetOptions(names)
	for _, e := range chart {
		if e.Product.ID == productID && len(e.Product.GTINs) > 0 {
			p.medicine.SetSelected(e.Product.Name)
			break
		}
	}
	p.loadWitnesses()
}

func contains(list []string, s string) bool {
	for _, x := range list {
		if x == s {
			return true
		}
	}
	return false
}

// chooseMedicine fills the pack with the chosen medicine's GTIN: a pack
// with no barcode is still recorded, without a batch or expiry.
func (p *movePanel) chooseMedicine(name string) {
	for _, e := range p.chart {
		if e.Product.Name == name && len(e.Product.GTINs) > 0 {
			p.pack.SetText(e.Product.GTINs[0])
			p.packInfo.SetText(name + " (chosen, not scanned: no batch or expiry)")
			return
		}
	}
}

// loadWitnesses offers every other member of staff; round refuses one
// who may not witness this movement, and says why.
func (p *movePanel) loadWitnesses() {
	load(p.app, p.screen.svc.Users, func(users []mar.User, err error) {
		if err != nil {
			say(p.problem, false, "Cannot list the staff: "+p.app.explain(err))
			return
		}
		var others []mar.User
		for _, u := range users {
			if p.app.session == nil || u.ID != p.app.session.User().ID {
				others = append(others, u)
			}
		}
		p.witnesses.set(others)
	})
}

// scanned takes a pack (its GS1 code fills the GTIN, batch and expiry) or
// a witness's badge.
func (p *movePanel) scanned(code string) {
	t := p.app.ticket()
	load(p.app, func() (round.Scan, error) { return p.screen.svc.Identify(code) }, func(sc round.Scan, err error) {
		if !p.app.still(t) {
			return
		}
		switch {
		case err != nil:
			say(p.problem, false, "Scan not recognised: "+p.app.explain(err))
		case sc.Kind == round.ScanPack && sc.Pack != nil:
			p.medicine.ClearSelected()
			p.pack.SetText(code)
			p.packInfo.SetText(packWords(p.app, *sc.Pack, p.chart))
			say(p.problem, false, "")
		case sc.Kind == round.ScanStaff:
			if !p.witnesses.choose(sc.UserID) {
				say(p.problem, false, "That badge is not of another member of staff here.")
				return
			}
			say(p.problem, false, "")
			p.app.win.Canvas().Focus(p.witnessPIN)
		default:
			say(p.problem, false, "That is a resident's card. Scan the medicine pack, or a witness's badge.")
		}
	})
}

// packWords says what a pack scan read: the medicine it is on the chart,
// its GTIN, batch and expiry.
func packWords(a *App, pk mar.PackScan, chart []round.EntryView) string {
	name := "Not a medicine on this resident's chart"
	for _, e := range chart {
		if e.Product.HasGTIN(pk.GTIN) {
			name = e.Product.Name
			break
		}
	}
	parts := []string{name, "GTIN " + pk.GTIN}
	if pk.Batch != "" {
		parts = append(parts, "batch "+pk.Batch)
	}
	if pk.HasExpiry() {
		parts = append(parts, "expiry "+pk.Expiry.Format("2 Jan 2006"))
	}
	return strings.Join(parts, "  ·  ")
}

// save records the movement through round.RecordStock, which checks the
// same rules as `medroundctl cd` and `stock`.
func (p *movePanel) save() {
	if p.busy {
		return
	}
	q, err := strconv.ParseFloat(strings.TrimSpace(p.qty.Text), 64)
	if err != nil {
		q = math.NaN() // round says what a quantity must be
	}
	req := round.StockRequest{ResidentScan: p.screen.residentID, PackScan: strings.TrimSpace(p.pack.Text),
		Quantity: q, From: p.from.Text, Reason: p.reason.Text,
		WitnessID: p.witnesses.selectedID(), WitnessPIN: p.witnessPIN.Text}
	if p.kind != mar.KindReceipt {
		req.From = ""
	}
	if p.kind != mar.KindStockReturn && p.kind != mar.KindDestruction {
		req.Reason = ""
	}
	sess, kind := p.app.session, p.kind
	p.busy = true
	load(p.app, func() (*round.StockResult, error) { return p.screen.svc.RecordStock(sess, kind, req) },
		saved(p.app, func(res *round.StockResult, err error) {
			p.busy = false
			if err != nil {
				p.witnessPIN.SetText("")
				say(p.problem, false, "Not recorded: "+p.app.explain(err))
				return
			}
			p.reset()
			p.screen.moved(res)
		}))
}
