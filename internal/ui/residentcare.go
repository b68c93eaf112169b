package ui

import (
	"fmt"
	"slices"
	"strings"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"medround/internal/mar"
	"medround/internal/round"
	"medround/internal/staff"
)

// careBand is what the resident's page shows, under the care notes, of the
// paper plans a care worker must know before giving: the covert plan and
// whether its review is due, each patch on the resident with where it is
// and when it comes off (and a way to record it taken off), and the homely
// remedies their GP approved. All of it comes from round.ResidentView.
// It steps aside while a verdict shows, which carries what of it concerns
// the dose (the covert plan, the patch not taken off), so that on a
// landscape tablet the verdict keeps its room.
type careBand struct {
	app  *App
	page *residentScreen
	svc  careService

	covert     *fyne.Container
	covertText *bandText
	review     *fyne.Container
	reviewText *bandText
	patches    *fyne.Container
	homely     *fyne.Container
	homelyText *bandText
	box        *fyne.Container

	// The forms a senior or manager writes the plans in, and the buttons
	// that open them on the page.
	remedyForm   *remedyScreen
	approvalForm *approvalScreen
	covertForm   *covertScreen
	changePlan   *widget.Button
	newPlan      *widget.Button
	panel        fyne.CanvasObject // the home's list, while it shows

	confirming string // the entry whose patch removal waits to be confirmed
}

func newCareBand(a *App, page *residentScreen) *careBand {
	c := &careBand{app: a, page: page, svc: a.svc}
	c.remedyForm, c.approvalForm, c.covertForm = newRemedyScreen(a), newApprovalScreen(a), newCovertScreen(a)
	plan := func() {
		if c.page.rv != nil {
			c.covertForm.open(c.page.rv)
		}
	}
	c.changePlan = newButton("Change the plan", theme.DocumentCreateIcon(), widget.MediumImportance, a.act(plan))
	c.newPlan = newButton("Covert plan", theme.DocumentCreateIcon(), widget.MediumImportance, a.act(plan))
	c.covertText = bandPlain(toneNotes, "")
	c.covert = band(toneNotes, container.NewBorder(nil, nil, bandIcon(toneNotes, theme.InfoIcon()), tall(c.changePlan),
		container.NewVBox(bandBold(toneNotes, "COVERT ADMINISTRATION: give hidden in food or drink only as this plan says"), c.covertText)))
	c.reviewText = bandBold(toneWarn, "")
	c.review = band(toneWarn, container.NewBorder(nil, nil, bandIcon(toneWarn, theme.WarningIcon()), nil, c.reviewText))
	c.patches = container.NewVBox()
	c.homelyText = bandPlain(toneNotes, "")
	list := newButton("Homely remedies", theme.ListIcon(), widget.MediumImportance, a.act(c.openHomely))
	c.homely = band(toneNotes, container.NewBorder(nil, nil, nil, container.NewHBox(tall(list), tall(c.newPlan)), c.homelyText))
	c.box = container.NewVBox(c.covert, c.review, c.patches, c.homely)
	c.clear()
	return c
}

// clear hides everything while another resident loads.
func (c *careBand) clear() {
	c.confirming = ""
	c.covert.Hide()
	c.review.Hide()
	c.patches.RemoveAll()
	c.homely.Hide()
}

// show fills the band from the resident's page.
func (c *careBand) show(rv *round.ResidentView) {
	care := rv.Care
	var plans []string
	for _, p := range care.Covert {
		what := "All medicines"
		if p.EntryID != "" {
			what = productOf(rv, p.EntryID)
		}
		plans = append(plans, fmt.Sprintf("%s: %s. Agreed by %s; best-interests decision %s, capacity assessed %s; review by %s.",
			what, p.How, p.AgreedBy, dateWords(p.BestInterests), dateWords(p.Capacity), dateWords(p.Review)))
	}
	c.covertText.SetText(strings.Join(plans, "\n"))
	c.covert.Hidden = len(plans) == 0
	mayPlan := c.app.session.May(staff.ActCovertPlan)
	c.changePlan.Hidden, c.newPlan.Hidden = !mayPlan, !mayPlan || len(plans) > 0
	c.reviewText.SetText("The covert plan was due for review. Tell the manager, so the GP and pharmacist review it; each dose given under it needs a reason.")
	c.review.Hidden = !care.CovertReviewDue
	c.showPatches(rv)
	c.showHomely(rv)
	if c.panel != nil && c.page.center.Objects[0] == c.panel {
		c.openHomely() // the list open stays open, with what was just recorded
	}
	c.box.Refresh()
}

// dateWords writes a YYYY-MM-DD date as "31 Dec 2026"; a date that cannot
// be read is shown as written.
func dateWords(d string) string {
	t, err := time.Parse(time.DateOnly, d)
	if err != nil {
		return d
	}
	return t.Format("2 Jan 2006")
}

// showPatches lists each patch on the resident: where, since when and
// when it is due off, with a button to record it taken off.
func (c *careBand) showPatches(rv *round.ResidentView) {
	c.patches.RemoveAll()
	for _, on := range rv.Care.Patches {
		c.patches.Add(c.patchRow(rv.Resident.ID, on))
	}
}

func (c *careBand) patchRow(residentID string, on round.PatchOn) fyne.CanvasObject {
	a := c.app
	text := fmt.Sprintf("Patch on: %s, %s, put on %s.", on.Product, siteName(on.Site), a.when(on.On))
	t := toneNotes
	switch {
	case on.DueOff.IsZero():
		text += " When it comes off is not on the chart: ask a senior."
	case on.DueOff.After(a.now()):
		text += " Due off " + a.when(on.DueOff) + "."
	default:
		t = toneWarn
		text += " Due off since " + a.when(on.DueOff) + ": take it off, check the skin and record it."
	}
	entry := on.EntryID
	if c.confirming == entry {
		yes := newButton("Yes, it is off", theme.ConfirmIcon(), widget.WarningImportance, a.act(func() { c.remove(residentID, entry) }))
		no := newButton("Cancel", theme.CancelIcon(), widget.MediumImportance, a.act(func() { c.confirm("") }))
		ask := bandBold(t, fmt.Sprintf("Is the %s patch %s taken off, and the skin checked?", on.Product, siteName(on.Site)))
		return band(t, ask, container.NewGridWithColumns(2, tall(yes), tall(no)))
	}
	off := newButton("Record taken off", theme.DeleteIcon(), widget.MediumImportance, a.act(func() { c.confirm(entry) }))
	return band(t, container.NewBorder(nil, nil, bandIcon(t, theme.InfoIcon()), tall(off), bandBold(t, text)))
}

// confirm asks whether the patch of the entry is off ("" asks nothing).
func (c *careBand) confirm(entryID string) {
	c.confirming = entryID
	if c.page.rv != nil {
		c.showPatches(c.page.rv)
		c.box.Refresh()
	}
}

// remove records the patch of the entry taken off.
func (c *careBand) remove(residentID, entryID string) {
	sess := c.app.session
	c.confirming = ""
	load(c.app, func() (mar.Event, error) { return c.svc.RemovePatch(sess, residentID, entryID) },
		saved(c.app, func(_ mar.Event, err error) {
			if err != nil {
				say(c.page.message, false, "Not recorded: "+c.app.explain(err))
			} else {
				say(c.page.message, true, "Recorded: the patch is off.")
			}
			c.page.afterRecord()
		}))
}

// showHomely says which homely remedies the GP approved for the resident,
// by name from the home's list. A senior or manager, who record the GP's
// approvals and the plans, is offered the list on every page; others
// where the resident has an approval.
func (c *careBand) showHomely(rv *round.ResidentView) {
	approvals, list := rv.Care.Homely, rv.Care.HomelyList
	sess := c.app.session
	writer := sess.May(staff.ActHomelyApprove) || sess.May(staff.ActCovertPlan)
	switch {
	case len(approvals) > 0:
		var lines []string
		for _, ap := range approvals {
			lines = append(lines, approvalWords(ap, list, c.app))
		}
		c.homelyText.SetText("Homely remedies the GP approved: " + strings.Join(lines, "; ") + ".")
	case writer && len(list) == 0:
		c.homelyText.SetText("The home has no homely remedies on its list yet.")
	case writer:
		c.homelyText.SetText("No homely remedy is approved by the GP for this resident.")
	default:
		c.homely.Hide()
		return
	}
	c.homely.Show()
}

// approvalWords is one GP approval: the remedy, who approved it, when, and
// its review date.
func approvalWords(ap mar.HomelyApproval, list map[string]mar.HomelyRemedy, a *App) string {
	name := ap.RemedyID
	if h, ok := list[ap.RemedyID]; ok {
		name = h.Name
	}
	s := fmt.Sprintf("%s (%s, %s; review by %s", name, ap.GP, a.day(ap.At), dateWords(ap.Review))
	if mar.PastDate(ap.Review, a.now(), a.loc) {
		s += ": lapsed, ask the GP"
	}
	return s + ")"
}

// openHomely shows the home's homely remedies list, each with whether the
// resident's GP approved it, in the middle of the page.
func (c *careBand) openHomely() {
	if rv := c.page.rv; rv != nil {
		c.panel = c.homelyPanel(rv)
		c.page.showCenter(c.panel)
	}
}

// homelyPanel is the home's list with this resident's approvals; to a
// senior or manager each remedy offers its GP's approval, and to a
// manager the list itself.
func (c *careBand) homelyPanel(rv *round.ResidentView) fyne.CanvasObject {
	a, list := c.app, rv.Care.HomelyList
	ids := make([]string, 0, len(list))
	for id := range list {
		ids = append(ids, id)
	}
	slices.Sort(ids)
	rows := container.NewVBox()
	for _, id := range ids {
		rows.Add(c.remedyRow(rv, list[id]))
	}
	if len(ids) == 0 {
		rows.Add(wrapped("The home has no homely remedies on its list."))
	}
	head := heading("The home's homely remedies")
	hint := wrapped("Give one by scanning the home's stock pack: it is checked like any dose.")
	done := newButton("Close", theme.NavigateBackIcon(), widget.MediumImportance, a.act(func() { c.panel = nil; c.page.dropCheck() }))
	add := newButton("Add a remedy to the list", theme.ContentAddIcon(), widget.MediumImportance, a.act(func() { c.remedyForm.open(nil) }))
	add.Hidden = !a.session.May(staff.ActHomelyList)
	return container.NewBorder(container.NewVBox(head, hint), container.NewGridWithColumns(2, tall(done), tall(add)), nil, nil,
		container.NewVScroll(rows))
}

// remedyRow is one remedy of the list: what it is, whether the resident's
// GP approved it, and the buttons of those who may change either.
func (c *careBand) remedyRow(rv *round.ResidentView, h mar.HomelyRemedy) fyne.CanvasObject {
	a := c.app
	approval := "Not approved by the GP for " + rv.Resident.Name() + ": scanning it stops."
	imp, record := widget.WarningImportance, "Record the GP's approval"
	for _, ap := range rv.Care.Homely {
		if ap.RemedyID == h.ID {
			approval = fmt.Sprintf("Approved by %s on %s; review by %s.", ap.GP, a.day(ap.At), dateWords(ap.Review))
			imp, record = widget.SuccessImportance, "Record a new approval"
			if mar.PastDate(ap.Review, a.now(), a.loc) {
				approval += " The approval has lapsed: ask the GP; scanning it stops."
				imp = widget.WarningImportance
			}
		}
	}
	title := widget.NewLabelWithStyle(h.Name, fyne.TextAlignLeading, fyne.TextStyle{Bold: true})
	title.Wrapping = fyne.TextWrapWord
	status := wrapped(approval)
	status.Importance, status.TextStyle = imp, fyne.TextStyle{Bold: true}
	approve := newButton(record, theme.ConfirmIcon(), widget.MediumImportance, a.act(func() { c.approvalForm.open(rv, h.ID) }))
	approve.Hidden = !a.session.May(staff.ActHomelyApprove)
	change := newButton("Change on the list", theme.DocumentCreateIcon(), widget.MediumImportance, a.act(func() { c.remedyForm.open(&h) }))
	change.Hidden = !a.session.May(staff.ActHomelyList)
	return container.NewVBox(title, wrapped(h.Entry(rv.Resident.ID).Text+". Pack "+h.GTIN+"."), status,
		container.NewHBox(tall(approve), tall(change)), widget.NewSeparator())
}

// recordProduct names what a record on the resident's page was about: a
// homely remedy's dose or GP approval by the remedy's name on the home's
// list, any other by its chart line's product.
func recordProduct(rv *round.ResidentView, e mar.Event) string {
	id := e.EntryID
	switch {
	case e.Kind == mar.KindHomelyApproval:
	case mar.IsHomelyEntry(id):
		id = strings.TrimPrefix(id, mar.HomelyPrefix)
	default:
		return productOf(rv, e.EntryID)
	}
	if h, ok := rv.Care.HomelyList[id]; ok {
		return h.Name
	}
	return ""
}

// careEventLine is a line of the page's records for a patch's site or
// removal, a cream's area, a GP's approval of a homely remedy or a covert
// plan.
func careEventLine(at string, e mar.Event, product, by string) string {
	switch e.Kind {
	case mar.KindPatchSite:
		where := e.Note
		if s, err := mar.ParseSkinArea(e.Note); err == nil {
			where = s.Words
		}
		return fmt.Sprintf("%s  Where: %s · %s · by %s", at, where, product, by)
	case mar.KindPatchRemoved:
		return fmt.Sprintf("%s  Patch taken off: %s · by %s", at, product, by)
	case mar.KindHomelyApproval:
		name := product
		if name == "" {
			name = e.EntryID // a remedy no longer on the list
		}
		return fmt.Sprintf("%s  Homely remedy %s approved by the GP (%s) · recorded by %s", at, name, e.Note, by)
	}
	return fmt.Sprintf("%s  Covert plan recorded by %s", at, by)
}
