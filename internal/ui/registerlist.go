package ui

import (
	"fmt"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/widget"

	"medround/internal/mar"
	"medround/internal/report"
)

// fillList shows the home's registers, a row each: who, what, the
// balance, the last count and what is open. A row opens that resident's
// register of that medicine.
func (s *registerScreen) fillList() {
	s.list.RemoveAll()
	if len(s.books) == 0 {
		s.list.Add(widget.NewLabel("No registers kept yet."))
	}
	for i := range s.books {
		b := &s.books[i]
		text := wrapped(listWords(s.app, b))
		if len(b.Open) > 0 || b.CountOverdue {
			text.Importance = widget.DangerImportance
		}
		resident, product := b.ResidentID, b.ProductID
		_, row := tapRow(text, s.app.act(func() { s.openBook(resident, product) }))
		s.list.Add(tall(row))
	}
	s.list.Refresh()
}

// listWords is a register's row in the home's list.
func listWords(a *App, b *report.RegisterBook) string {
	room := ""
	if b.Room != "" {
		room = "Room " + b.Room + "  ·  "
	}
	parts := []string{room + b.Resident + ": " + b.Medicine, "balance " + mar.Amount(b.Balance, b.Unit),
		strings.TrimSuffix(lastCountWords(a, b), ".")}
	if b.CountOverdue {
		parts = append(parts, "COUNT OVERDUE")
	}
	if n := len(b.Open); n > 0 {
		parts = append(parts, strings.ToUpper(plural(n, "open discrepancy")))
	}
	return strings.Join(parts, "  ·  ")
}

// openBook shows one resident's register of one medicine, from the list.
func (s *registerScreen) openBook(residentID, productID string) {
	s.openAt(residentID, productID, s.cd, true)
}

// save writes what is shown (the resident's registers, or the home's) as
// a PDF or CSV to a file the user picks; round writes it owner-only.
func (s *registerScreen) save(format string) {
	if s.moving() {
		return
	}
	name := "cd-register"
	if !s.cd {
		name = "stock-record"
	}
	if s.residentID != "" {
		name += "-" + s.residentID
	} else {
		name += "-home"
	}
	name += "-" + s.app.now().In(s.app.loc).Format("2006-01-02") + "." + format
	id, cd, t := s.residentID, s.cd, s.app.ticket()
	s.pickFile(name, func(path string) {
		if !s.app.still(t) {
			return // locked since: the next user saves under their own name
		}
		load(s.app, func() (struct{}, error) {
			if format == "pdf" {
				return struct{}{}, s.svc.RegisterPDF(path, id, cd)
			}
			return struct{}{}, s.svc.RegisterCSV(path, id, cd)
		}, func(_ struct{}, err error) {
			if err != nil {
				say(s.message, false, "Not saved: "+s.app.explain(err))
				return
			}
			say(s.message, true, fmt.Sprintf("Saved as %s (only this tablet's medround account can read it).", name))
		})
	})
}

// saveDialog asks where to save with Fyne's file dialog. The dialog makes
// the file; round then writes it anew, owner-only, over it.
func (s *registerScreen) saveDialog(name string, done func(path string)) {
	d := dialog.NewFileSave(func(w fyne.URIWriteCloser, err error) {
		if err != nil {
			say(s.message, false, "Not saved: the file could not be made. Choose another folder.")
			return
		}
		if w == nil {
			return // cancelled
		}
		path := w.URI().Path()
		w.Close()
		done(path)
	}, s.app.win)
	d.SetFileName(name)
	// Big enough to find a folder with a finger.
	d.Resize(s.app.win.Canvas().Size().Subtract(fyne.NewSize(80, 80)))
	s.dialog = d
	d.Show()
}
