package ui

import (
	"fmt"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"medround/internal/report"
	"medround/internal/staff"
)

// chartDays is how many days the review's pictures cover: two weeks show
// a pattern (a round always late at weekends) that one day cannot.
const chartDays = 14

// Pictures the charts screen offers.
const (
	pictureTrend = "Missed and late by round"
	pictureGrid  = "Doses recorded by resident"
)

// chartsScreen shows the review's pictures of the last 14 days: missed
// and late doses per round and day, and each resident's doses recorded
// per day. Both come from one report.BuildReview, so they agree with the
// review's lists.
type chartsScreen struct {
	app      *App
	svc      reviewService
	title    *widget.Label
	message  *widget.Label
	choice   *widget.RadioGroup
	trend    *trendChart
	grid     *completenessGrid
	legend   *widget.Label
	pageText *widget.Label
	prev     *widget.Button
	next     *widget.Button
	pager    *fyne.Container
	body     *fyne.Container
	box      fyne.CanvasObject
	loading  int
	// back is the review the screen was opened from.
	back screen
}

func newChartsScreen(a *App, back screen) *chartsScreen {
	c := &chartsScreen{app: a, svc: a.svc, back: back}
	c.title = heading("Last 14 days")
	c.message = wrapped("")
	c.message.Hide()
	c.trend = newTrendChart()
	c.grid = newCompletenessGrid(c.showPage)
	c.legend = wrapped("")
	c.choice = widget.NewRadioGroup([]string{pictureTrend, pictureGrid}, nil)
	c.choice.Horizontal, c.choice.Required = true, true
	c.choice.SetSelected(pictureTrend)
	c.pageText = widget.NewLabel("")
	c.prev = newButton("Previous residents", theme.NavigateBackIcon(), widget.MediumImportance, a.act(func() { c.grid.turn(-1); c.showPage() }))
	c.next = newButton("Next residents", theme.NavigateNextIcon(), widget.MediumImportance, a.act(func() { c.grid.turn(1); c.showPage() }))
	c.pager = container.NewBorder(nil, nil, tall(c.prev), tall(c.next), container.NewCenter(c.pageText))
	backB := newButton("Back to the review", theme.NavigateBackIcon(), widget.MediumImportance, a.act(func() { a.show(c.back) }))
	top := container.NewVBox(container.NewBorder(nil, nil, nil, tall(backB), c.title), c.choice, c.message)
	c.body = container.NewStack(c.trend)
	c.box = container.NewBorder(container.NewPadded(top), container.NewPadded(container.NewVBox(c.legend, c.pager)),
		nil, nil, container.NewPadded(c.body))
	c.pick()
	c.choice.OnChanged = func(string) { a.idle.touch(); c.pick() }
	return c
}

func (c *chartsScreen) view() fyne.CanvasObject { return c.box }

// scanned opens the resident a wristband names, as the round does.
func (c *chartsScreen) scanned(code string) { c.app.board.identify(code, true) }

// pick shows the picture chosen, with its legend.
func (c *chartsScreen) pick() {
	if c.choice.Selected == pictureGrid {
		c.body.Objects = []fyne.CanvasObject{c.grid}
		c.legend.SetText("Each cell: doses recorded of doses due that day (given, refused or not given with a reason; " +
			"a missed dose has nothing recorded). Red: a dose missed. away: in hospital or on leave for every dose. " +
			"to do: doses still in their window. –: nothing due.")
		c.pager.Show()
	} else {
		c.body.Objects = []fyne.CanvasObject{c.trend}
		c.legend.SetText("Left bar, red: doses missed (nothing recorded). Right bar, amber: doses given late or early. " +
			"The number on each bar is its count; the same doses are listed in the review's sections.")
		c.pager.Hide()
	}
	c.body.Refresh()
	c.showPage()
}

// showPage says which residents the grid shows.
func (c *chartsScreen) showPage() {
	n := c.grid.residents()
	if n == 0 {
		c.pageText.SetText("No residents with doses due")
		setEnabled(c.prev, false)
		setEnabled(c.next, false)
		return
	}
	last := min(c.grid.first+c.grid.perPage, n)
	c.pageText.SetText(fmt.Sprintf("Residents %d to %d of %d", c.grid.first+1, last, n))
	setEnabled(c.prev, c.grid.first > 0)
	setEnabled(c.next, last < n)
}

// bounds are the 14 local days ending today.
func (c *chartsScreen) bounds(now time.Time) (from, to time.Time) {
	n := now.In(c.app.loc)
	midnight := time.Date(n.Year(), n.Month(), n.Day(), 0, 0, 0, 0, c.app.loc)
	return midnight.AddDate(0, 0, 1-chartDays), midnight.AddDate(0, 0, 1)
}

func (c *chartsScreen) refresh() {
	a := c.app
	if !a.session.May(staff.ActReview) {
		a.show(a.board)
		return
	}
	c.loading++
	gen := c.loading
	from, to := c.bounds(a.now())
	c.title.SetText(fmt.Sprintf("Last %d days: %s to %s", chartDays, from.Format("Mon 2 Jan"), to.Add(-time.Hour).Format("Mon 2 Jan")))
	load(a, func() (*report.Review, error) { return c.svc.Review(from, to) }, func(rv *report.Review, err error) {
		if gen != c.loading {
			return
		}
		if err != nil {
			say(c.message, false, "Cannot draw the charts. Try again; if it keeps failing, tell the manager.")
			return
		}
		say(c.message, false, "")
		c.trend.set(report.TrendOf(rv))
		c.grid.set(rv.Completeness)
		c.showPage()
	})
}
