package ui

import (
	"fmt"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"medround/internal/check"
	"medround/internal/mar"
	"medround/internal/round"
)

// careService is what the patch screens and the care forms ask of the
// round beyond the resident's page.
type careService interface {
	RemovePatch(sess *round.Session, residentID, entryID string) (mar.Event, error)
	careAdminService
}

// siteChooser asks, on the body map, where a patch or cream went, when
// recording it given needs it (check.Needs.Site). The map opens over the
// whole window, so each target is big enough to tap in either orientation;
// Done checks the scan again with the site, so a patch site used within
// its rotation shows the check's warning, and its override, before
// anything is recorded.
type siteChooser struct {
	app     *App
	p       *recordPanel
	svc     careService
	head    *widget.Label
	chosen  *widget.Label
	open    *widget.Button
	box     *fyne.Container
	bodyMap *bodyMap
	title   *widget.Label
	summary *widget.Label
	popup   *widget.PopUp
	patch   bool     // choosing a patch's one site, else a cream's areas
	pending []string // chosen on the map, not yet confirmed with Done
}

func newSiteChooser(a *App, p *recordPanel) *siteChooser {
	c := &siteChooser{app: a, p: p, svc: a.svc}
	c.head = widget.NewLabelWithStyle("", fyne.TextAlignLeading, fyne.TextStyle{Bold: true})
	c.head.Wrapping = fyne.TextWrapWord
	c.chosen = wrapped("")
	c.open = newButton("Choose on the body map", theme.VisibilityIcon(), widget.HighImportance, a.act(c.showMap))
	c.box = container.NewVBox(c.head, container.NewBorder(nil, nil, nil, tall(c.open), c.chosen))
	c.bodyMap = newBodyMap(func(words []string) { a.idle.touch(); c.pending = words; c.summary.SetText(chosenWords(words)) })
	c.title = heading("")
	c.summary = wrapped("")
	c.summary.TextStyle = fyne.TextStyle{Bold: true}
	return c
}

// show says, for the verdict's dose, what is asked and what was chosen.
func (c *siteChooser) show(v check.Verdict, site string) {
	c.hide()
	if !check.NeedsSite(v) {
		return
	}
	c.patch = check.IsPatchDose(v)
	c.pending = siteList(site)
	what := "the cream go? Choose each area"
	if c.patch {
		what = "the patch go? Choose the site"
	}
	c.head.SetText(fmt.Sprintf("Where does %s on the body map.", what))
	c.chosen.SetText(chosenWords(c.pending))
	c.open.SetText("Choose on the body map")
	if len(c.pending) > 0 {
		c.open.SetText("Change")
	}
}

func siteList(site string) []string {
	var out []string
	for w := range strings.SplitSeq(site, ",") {
		if w = strings.TrimSpace(w); w != "" {
			out = append(out, w)
		}
	}
	return out
}

// chosenWords says what was chosen in words.
func chosenWords(words []string) string {
	var names []string
	for _, w := range words {
		if s, err := mar.ParseSkinArea(w); err == nil {
			names = append(names, s.Words)
		}
	}
	if len(names) == 0 {
		return "Nothing chosen yet."
	}
	return "Chosen: " + strings.Join(names, ", ") + "."
}

// showMap opens the body map over the window.
func (c *siteChooser) showMap() {
	p := c.p
	if p.busy || p.result == nil {
		return
	}
	name := "the medicine"
	if v := p.result.Verdict.Product; v != nil {
		name = v.Name
	}
	sites := mar.SkinAreas()
	if c.patch {
		sites = mar.BodySites()
		c.title.SetText("Where is the patch going? " + name)
	} else {
		c.title.SetText("Where is it applied? " + name + ": tap each area")
	}
	notes, words := map[string]string{}, "Left and right are the resident's own: facing them, their left is on your right. L is left, R is right."
	for _, r := range p.result.Verdict.RestingSites {
		notes[r.Site.Word] = "used " + r.Since.In(c.app.loc).Format("2 Jan")
	}
	if len(notes) > 0 {
		words += " A site marked used had a patch within this patch's rotation: choose another."
	}
	c.bodyMap.set(sites, !c.patch, c.pending, notes)
	c.summary.SetText(chosenWords(c.pending))
	note := wrapped(words)
	done := newButton("Done", theme.ConfirmIcon(), widget.HighImportance, c.app.act(c.done))
	cancel := newButton("Cancel", theme.CancelIcon(), widget.MediumImportance, c.app.act(func() { c.hide() }))
	bottom := container.NewBorder(nil, nil, nil, container.NewGridWithColumns(2, tall(cancel), tall(done)), c.summary)
	content := container.NewBorder(container.NewVBox(c.title, note), bottom, nil, nil, c.bodyMap)
	cv := c.app.win.Canvas()
	c.popup = widget.NewModalPopUp(content, cv)
	size := cv.Size()
	pad := theme.Padding() * 2
	c.popup.Resize(fyne.NewSize(size.Width-pad, size.Height-pad))
	c.popup.Show()
}

// hide closes the body map without changing what was chosen; it reports
// whether the map was open.
func (c *siteChooser) hide() bool {
	if c.popup == nil {
		return false
	}
	c.popup.Hide()
	c.popup = nil
	return true
}

// wanted reports whether a given dose still needs its site chosen.
func (c *siteChooser) wanted() bool {
	p := c.p
	return p.result != nil && !p.busy && p.needs().given.Site && strings.TrimSpace(p.req.Site) == ""
}

// done closes the map and checks the scan again with the sites chosen. An
// override reason typed before is cleared: it was for the warnings of
// another site.
func (c *siteChooser) done() {
	c.hide()
	p := c.p
	if p.busy || p.result == nil {
		return
	}
	p.req.Site = strings.Join(c.pending, ",")
	p.override.SetText("")
	p.gen++
	p.run()
}

// offerRemoval adds to the verdict, when the last patch is not recorded
// as taken off, a button to record each patch on the resident taken off,
// once the care worker has checked the skin and taken it off.
func (c *siteChooser) offerRemoval(v check.Verdict) {
	p := c.p
	rv := p.page.rv
	if !v.Has(check.PatchNotRemoved) || rv == nil || p.result == nil || p.result.Resident == nil ||
		rv.Resident.ID != p.result.Resident.ID || len(rv.Care.Patches) == 0 {
		return
	}
	box := container.NewVBox(bandBold(toneWarn, "Once the old patch is off and the skin checked, record it taken off:"))
	for _, on := range rv.Care.Patches {
		label := fmt.Sprintf("Taken off: %s, %s", on.Product, siteName(on.Site))
		entry, resident := on.EntryID, rv.Resident.ID
		box.Add(tall(newButton(label, theme.DeleteIcon(), widget.WarningImportance,
			p.app.act(func() { c.remove(resident, entry) }))))
	}
	p.reasons.Add(band(toneWarn, box))
}

// remove records the patch taken off and checks the scan again.
func (c *siteChooser) remove(residentID, entryID string) {
	p := c.p
	if p.busy {
		return
	}
	sess, gen := p.app.session, p.gen
	p.busy = true
	load(p.app, func() (mar.Event, error) { return c.svc.RemovePatch(sess, residentID, entryID) },
		saved(p.app, func(_ mar.Event, err error) {
			p.busy = false
			p.page.afterRecord()
			if gen != p.gen {
				return
			}
			if err != nil {
				say(p.problem, false, "Not recorded: "+p.app.explain(err))
				p.enableGive()
				return
			}
			p.gen++
			p.run()
		}))
}

// siteName says where a patch is: "the left upper arm", or that no site
// was recorded.
func siteName(s mar.BodySite) string {
	if s.Word == "" {
		return "site not recorded"
	}
	return "on the " + s.Words
}

// careReasonRow is a reason of the verdict; the covert plan stands out in
// a band of its own, since how to give the medicine is what the care
// worker must read before giving it.
func careReasonRow(r check.Reason) fyne.CanvasObject {
	if r.Code != check.CovertPlan {
		return reasonRow(r)
	}
	return band(toneNotes, container.NewBorder(nil, nil, bandIcon(toneNotes, theme.InfoIcon()), nil,
		container.NewVBox(bandBold(toneNotes, "Give covertly, as the plan says"), bandPlain(toneNotes, r.Message))))
}

// RemovePatch asks for a sync after a patch is recorded taken off, as
// after a dose.
func (k kicking) RemovePatch(sess *round.Session, residentID, entryID string) (mar.Event, error) {
	return k.after(k.Service.RemovePatch(sess, residentID, entryID))
}
