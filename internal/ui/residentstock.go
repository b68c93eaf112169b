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
)

// stockSource gives the stock of a resident's medicines, or of every
// resident's when residentID is empty.
type stockSource interface {
	Stock(residentID string) ([]round.StockLine, error)
}

// stockBox is the resident's page's word on stock. At the top (top): the
// medicines that run out before the next cycle in the warning colour, so
// the home orders in time, else the one that runs out first, with the
// button to the registers, where a portrait tablet still has room for it.
// Under the day's doses (list): how long each medicine lasts, "about 5 days
// left" from the ledger's days left.
type stockBox struct {
	app        *App
	svc        stockSource
	top        *fyne.Container
	order      *fyne.Container
	orderText  *bandText
	summary    *widget.Label
	text       *widget.Label
	list       *fyne.Container
	residentID string
	loading    int
}

func newStockBox(a *App) *stockBox {
	b := &stockBox{app: a, svc: a.svc, orderText: bandBold(toneWarn, ""), summary: wrapped(""), text: wrapped("")}
	b.order = band(toneWarn, container.NewBorder(nil, nil, bandIcon(toneWarn, theme.WarningIcon()), nil, b.orderText))
	reg := newButton("Register and stock", theme.FileIcon(), widget.MediumImportance,
		a.act(func() { a.register.open(b.residentID) }))
	b.top = container.NewBorder(nil, nil, nil, container.NewCenter(tall(reg)), container.NewVBox(b.order, b.summary))
	head := widget.NewLabelWithStyle("Stock", fyne.TextAlignLeading, fyne.TextStyle{Bold: true})
	b.list = container.NewVBox(widget.NewSeparator(), head, b.text)
	b.clear()
	return b
}

// clear hides the stock while another resident loads.
func (b *stockBox) clear() {
	b.loading++
	b.top.Hide()
	b.list.Hide()
}

// load reads the resident's stock off the UI goroutine.
func (b *stockBox) load(residentID string) {
	b.residentID = residentID
	b.loading++
	gen := b.loading
	load(b.app, func() ([]round.StockLine, error) { return b.svc.Stock(residentID) },
		func(lines []round.StockLine, err error) {
			if gen != b.loading {
				return
			}
			b.top.Show()
			if err != nil {
				b.order.Hide()
				b.summary.SetText("Stock cannot be read now: " + b.app.explain(err))
				b.summary.Show()
				return
			}
			order, rest := stockWords(lines)
			b.orderText.SetText(order)
			b.order.Hidden = order == ""
			b.summary.SetText(firstOut(lines))
			b.summary.Hidden = order != ""
			b.text.SetText(rest)
			b.list.Hidden = rest == ""
			b.top.Refresh()
			b.list.Refresh()
		})
}

// firstOut says which medicine runs out first, or that no stock is kept.
func firstOut(lines []round.StockLine) string {
	var first *round.StockLine
	kept := 0
	for i, l := range lines {
		if !l.Kept {
			continue
		}
		kept++
		if l.DaysLeft != nil && (first == nil || *l.DaysLeft < *first.DaysLeft) {
			first = &lines[i]
		}
	}
	switch {
	case kept == 0:
		return "No stock kept yet: receive or count a medicine in the register."
	case first == nil:
		return fmt.Sprintf("Stock: %s kept.", plural(kept, "medicine"))
	}
	return fmt.Sprintf("Stock: the first to run out is %s, %s.", first.Product, daysLeftWords(*first.DaysLeft))
}

// stockWords says the stock: the medicines to order now, and a line per
// medicine kept. A medicine whose stock is not kept is left out rather
// than shown as 0.
func stockWords(lines []round.StockLine) (order, rest string) {
	var now, others []string
	for _, l := range lines {
		if !l.Kept {
			continue
		}
		switch {
		case l.DaysLeft != nil:
			line := fmt.Sprintf("%s: %s", l.Product, daysLeftWords(*l.DaysLeft))
			others = append(others, line)
			if l.OrderNow {
				now = append(now, line)
			}
		default:
			others = append(others, fmt.Sprintf("%s: %s in stock", l.Product, amountWords(l.InStock, l.Unit)))
		}
	}
	if len(now) > 0 {
		order = "Order now, runs out before the next cycle: " + strings.Join(now, "; ")
	}
	rest = strings.Join(others, "\n")
	return order, rest
}

func daysLeftWords(days int) string {
	switch days {
	case 0:
		return "none left"
	case 1:
		return "about 1 day left"
	}
	return fmt.Sprintf("about %d days left", days)
}

// runsOut maps each resident to the medicines that run out before the
// next cycle, for the round's flags.
func runsOut(lines []round.StockLine) map[string][]string {
	out := map[string][]string{}
	for _, l := range lines {
		if l.Kept && l.OrderNow {
			out[l.ResidentID] = append(out[l.ResidentID], l.Product)
		}
	}
	return out
}

// runsOutEvery is how often the round's run-out flags are worked out
// again while nothing is recorded on this tablet: they change by a dose at
// a time, and working out every resident's registers reads their whole
// record.
const runsOutEvery = time.Minute

// loadRunsOut reads every resident's stock for the round's flags, after
// the board itself has shown, at most once a runsOutEvery unless a record
// was made here since (staleRunsOut).
func (b *boardScreen) loadRunsOut() {
	now := b.app.now()
	if !b.checked.IsZero() && now.Sub(b.checked) < runsOutEvery && now.After(b.checked) {
		return
	}
	b.checked = now
	gen := b.loading
	load(b.app, func() ([]round.StockLine, error) { return b.app.svc.Stock("") },
		func(lines []round.StockLine, err error) {
			if gen != b.loading || err != nil {
				b.checked = time.Time{} // the flags are a reminder; try again next time
				return
			}
			b.runsOut = runsOut(lines)
			b.fill()
		})
}

// staleRunsOut makes the round work out its run-out flags again when it
// next shows: a record changed the stock.
func (b *boardScreen) staleRunsOut() { b.checked = time.Time{} }

// newRunsOutChip is the round's flag on a resident with a medicine that
// runs out before the next cycle.
func newRunsOutChip() (*fyne.Container, *bandText) {
	t := bandChip(toneWarn, "")
	return band(toneWarn, container.NewHBox(bandIcon(toneWarn, theme.WarningIcon()), t)), t
}

// setRunsOut flags the row of a resident with medicines that run out
// before the next cycle: a short chip, so the name beside it stays in
// sight on a portrait tablet, and the medicines after the row's counts.
// Called after set, whose counts it adds to.
func (r *boardRow) setRunsOut(products []string) {
	r.runsOut.Hidden = len(products) == 0
	if len(products) == 0 {
		return
	}
	r.runsOutTx.SetText("Runs out")
	if len(products) > 1 {
		r.runsOutTx.SetText(fmt.Sprintf("%d run out", len(products)))
	}
	r.counts.Truncation = fyne.TextTruncateEllipsis
	r.counts.SetText(r.counts.Text + " · runs out: " + strings.Join(products, ", "))
}

// eventWords says a follow-up (a manager closing a register discrepancy,
// or a review row) and a scan the check stopped in a resident's records,
// never as an outcome code. Stock, recall and care records are
// round.EventWords'.
func (a *App) eventWords(e mar.Event, product, at, by string) string {
	if e.Kind == mar.KindStoppedScan {
		return fmt.Sprintf("%s  Scan stopped by the check%s (%s) · by %s", at, forProduct(product), strings.Join(e.ReasonCodes, ", "), by)
	}
	return fmt.Sprintf("%s  Follow-up by %s: %s", at, by, e.Note)
}
