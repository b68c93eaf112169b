package ui

import (
	"fmt"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"
)

// closeConfirm asks before a new pack scan closes a verdict the care
// worker has typed into. A reason typed for a warning is the record of
// why they chose to give; dropping it unseen because a second pack was
// scanned, perhaps by accident, would leave them to give the first
// medicine from memory, or type it all again. The question shows what
// they typed, and keeping it is the first choice.
type closeConfirm struct {
	popup   *widget.PopUp
	text    *widget.Label
	keep    *widget.Button
	replace *widget.Button
	then    func() // the new check, run if they choose it
}

// typed is what the care worker wrote on the open verdict, in the order
// the form asks for it, or "" when nothing was.
func (p *recordPanel) typed() string {
	if p.result == nil || !p.page.checking() {
		return ""
	}
	var out []string
	for _, e := range []*widget.Entry{p.override, p.prnWhy, p.note} {
		if t := strings.TrimSpace(e.Text); t != "" {
			out = append(out, "“"+t+"”")
		}
	}
	return strings.Join(out, ", ")
}

// confirmClose runs next, the check of a new pack, at once when the open
// verdict holds nothing typed; otherwise it asks first.
func (p *recordPanel) confirmClose(next func()) {
	typed := p.typed()
	if typed == "" {
		next()
		return
	}
	c := p.closing
	if c == nil {
		c = p.newCloseConfirm()
		p.closing = c
	}
	name := "the medicine checked"
	if v := p.result.Verdict.Product; v != nil {
		name = v.Name
	}
	c.text.SetText(fmt.Sprintf("A new pack was scanned while %s was open. You typed: %s. "+
		"Checking the new pack closes %s and nothing is recorded for it.", name, typed, name))
	c.keep.SetText("Keep " + name)
	c.then = next
	c.popup.Show()
}

func (p *recordPanel) newCloseConfirm() *closeConfirm {
	c := &closeConfirm{text: wrapped("")}
	c.keep = newButton("Keep", theme.ConfirmIcon(), widget.HighImportance, p.app.act(func() {
		c.then = nil
		c.popup.Hide()
	}))
	c.replace = newButton("Check the new pack", theme.ContentClearIcon(), widget.WarningImportance, p.app.act(func() {
		next := c.then
		c.then = nil
		c.popup.Hide()
		if next != nil {
			next()
		}
	}))
	box := container.NewVBox(heading("Close this check?"), c.text,
		container.NewGridWithColumns(2, tall(c.keep), tall(c.replace)))
	c.popup = widget.NewModalPopUp(container.NewGridWrap(fyne.NewSize(560, 0), box), p.app.win.Canvas())
	return c
}

// dismiss closes the question without checking the new pack: the check it
// was about has gone (the tablet locked, or another check started).
func (c *closeConfirm) dismiss() {
	if c == nil {
		return
	}
	c.then = nil
	c.popup.Hide()
}

// showing reports whether the question is on screen.
func (c *closeConfirm) showing() bool { return c != nil && c.popup.Visible() }
