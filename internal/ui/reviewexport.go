package ui

import (
	"bytes"
	"path/filepath"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/dialog"

	"medround/internal/round"
	"medround/internal/staff"
)

// marChartDays is the MAR chart's default span: the 28-day cycle homes
// order and print charts by.
const marChartDays = 28

// saveTarget is where a saved file goes: a path on this tablet, written
// owner-only (a MAR chart or a report holds personal data), or, where the
// platform's dialog gives no path, the writer it opened.
type saveTarget struct {
	path string
	w    fyne.URIWriteCloser
}

// name is the file's name as chosen, without its folder.
func (t saveTarget) name() string {
	if t.path != "" {
		return filepath.Base(t.path)
	}
	return t.w.URI().Name()
}

func (t saveTarget) write(data []byte) error {
	if t.path != "" {
		return round.WritePrivateFile(t.path, data)
	}
	_, err := t.w.Write(data)
	if cerr := t.w.Close(); err == nil {
		err = cerr
	}
	return err
}

// chooseSave asks where to save a file named name: Options.SaveAs when set
// (tests), else Fyne's save dialog. chosen is not called on cancel.
func (a *App) chooseSave(name string, chosen func(saveTarget)) {
	if a.opt.SaveAs != nil {
		a.opt.SaveAs(name, func(path string) { chosen(saveTarget{path: path}) })
		return
	}
	d := dialog.NewFileSave(func(w fyne.URIWriteCloser, err error) {
		if err != nil || w == nil {
			return
		}
		if w.URI().Scheme() == "file" {
			// The dialog made the file with the usual mode; it is replaced
			// by a new owner-only one.
			path := w.URI().Path()
			w.Close()
			chosen(saveTarget{path: path})
			return
		}
		chosen(saveTarget{w: w})
	}, a.win)
	d.SetFileName(name)
	d.Resize(a.win.Canvas().Size().Subtract(fyne.NewSize(80, 80)))
	a.saveDialog = d
	d.Show()
}

// saveAs asks where to save, then makes the file's content off the
// screen's goroutine and writes it; tell says how it went, in words a
// care worker reads (the file's name, never its folder).
func (a *App) saveAs(name string, content func() ([]byte, error), tell func(ok bool, msg string)) {
	tk := a.ticket()
	a.chooseSave(name, func(t saveTarget) {
		if !a.still(tk) {
			// Locked since: nothing is saved for whoever picked the tablet up.
			if t.w != nil {
				t.w.Close()
			}
			return
		}
		load(a, func() (struct{}, error) {
			data, err := content()
			if err == nil {
				err = t.write(data)
			}
			return struct{}{}, err
		}, func(_ struct{}, err error) {
			if err != nil {
				tell(false, "Not saved: "+a.explain(err)+" Choose another place, or tell the manager.")
				return
			}
			tell(true, "Saved as "+t.name())
		})
	})
}

// exportMAR saves the MAR chart of the last 28 days as a PDF: of one
// resident, or of the whole home when residentID is empty. Only a senior
// or manager exports it, as only they review the doses.
func exportMAR(a *App, residentID string, tell func(ok bool, msg string)) {
	if !a.session.May(staff.ActReview) {
		tell(false, "A senior or manager exports the MAR chart.")
		return
	}
	now := a.now().In(a.loc)
	from := now.AddDate(0, 0, 1-marChartDays)
	who := "all-residents"
	ids := []string{}
	if residentID != "" {
		who, ids = residentID, []string{residentID}
	}
	name := "mar-chart-" + fileWord(who) + "-" + now.Format("2006-01-02") + ".pdf"
	a.saveAs(name, func() ([]byte, error) { return a.svc.MARChart(ids, from, marChartDays) }, tell)
}

// exportCSV saves the section showing as CSV, rows as the filter shows
// them or not: the whole section, as the command line writes it.
func (s *reviewScreen) exportCSV() {
	sec := s.section()
	if sec == nil {
		return
	}
	tell := func(ok bool, msg string) { say(s.message, ok, msg) }
	name := "review-" + fileWord(sec.Title) + "-" + s.app.now().In(s.app.loc).Format("2006-01-02") + ".csv"
	cp := *sec
	s.app.saveAs(name, func() ([]byte, error) {
		var buf bytes.Buffer
		err := cp.WriteCSV(&buf)
		return buf.Bytes(), err
	}, tell)
}

// fileWord makes text safe in a file name: lower case letters, digits and
// dashes.
func fileWord(s string) string {
	s = strings.Map(func(r rune) rune {
		switch {
		case r >= 'a' && r <= 'z', r >= '0' && r <= '9':
			return r
		case r >= 'A' && r <= 'Z':
			return r + 'a' - 'A'
		}
		return '-'
	}, s)
	for strings.Contains(s, "--") {
		s = strings.ReplaceAll(s, "--", "-")
	}
	return strings.Trim(s, "-")
}
