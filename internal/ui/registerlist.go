package ui

import (
	"strings"

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
// a PDF or CSV to a file the user picks (App.saveAs: owner-only).
func (s *registerScreen) save(format string) {
	if s.moving() {
		return
	}
	name := "cd-register"
	if !s.cd {
		name = "stock-record"
	}
	who := "home"
	if s.residentID != "" {
		who = fileWord(s.residentID)
	}
	name += "-" + who + "-" + s.app.now().In(s.app.loc).Format("2006-01-02") + "." + format
	id, cd := s.residentID, s.cd
	content := func() ([]byte, error) { return s.svc.RegisterCSV(id, cd) }
	if format == "pdf" {
		content = func() ([]byte, error) { return s.svc.RegisterPDF(id, cd) }
	}
	s.app.saveAs(name, content, func(ok bool, msg string) { say(s.message, ok, msg) })
}
