package ui

import (
	"fmt"
	"slices"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"medround/internal/mar"
	"medround/internal/round"
	"medround/internal/staff"
)

// auditWeek is how much of the audit trail one load reads: a manager
// looks for "what changed this week", and a week of a home's chart
// imports, staff and settings changes, status changes and corrections
// fits in memory many times over.
const auditWeek = 7 * 24 * time.Hour

// auditPerPage is how many entries a page shows: the big rows of a 1280 x
// 800 window without scrolling, since touch does not drag-scroll on a
// desktop build.
const auditPerPage = 6

type auditService interface {
	Audit(from, to time.Time) ([]round.AuditItem, error)
	Residents() ([]mar.Resident, error)
}

// auditSection is the audit trail on the settings screen, for those who
// may read it (staff.ActViewAudit): a week at a time, newest first, a page
// of big rows at a time, with Older and Newer to go back and forth.
type auditSection struct {
	app     *App
	svc     auditService
	to      time.Time // end of the week shown; zero is now
	items   []round.AuditItem
	names   map[string]string // resident ID to name
	span    string            // the week shown, in words
	page    int
	loading int

	period  *widget.Label
	message *widget.Label
	rows    *rowList[*auditRow]
	older   *widget.Button
	newer   *widget.Button
	box     fyne.CanvasObject
}

func newAuditSection(a *App) *auditSection {
	s := &auditSection{app: a, svc: a.svc, period: widget.NewLabelWithStyle("", fyne.TextAlignLeading, fyne.TextStyle{Bold: true})}
	s.message = wrapped("")
	s.message.Hide()
	s.rows = newRowList("No changes recorded in these seven days.", func() (*auditRow, fyne.CanvasObject) { return newAuditRow() })
	s.older = newButton("Older", theme.NavigateBackIcon(), widget.MediumImportance, a.act(s.goOlder))
	s.newer = newButton("Newer", theme.NavigateNextIcon(), widget.MediumImportance, a.act(s.goNewer))
	s.newer.IconPlacement = widget.ButtonIconTrailingText
	paging := container.NewBorder(nil, nil, tall(s.older), tall(s.newer), container.NewCenter(s.period))
	s.box = container.NewBorder(container.NewVBox(paging, s.message), nil, nil, nil, container.NewVScroll(s.rows.box))
	return s
}

// open shows the newest week.
func (s *auditSection) open() {
	s.to = time.Time{}
	s.load(false)
}

// load reads the week ending at s.to off the UI goroutine; lastPage
// shows its oldest page, for Newer coming from the week after.
func (s *auditSection) load(lastPage bool) {
	s.loading++
	gen, to := s.loading, s.end()
	from := to.Add(-auditWeek)
	setEnabled(s.older, false)
	setEnabled(s.newer, false)
	type week struct {
		items []round.AuditItem
		res   []mar.Resident
	}
	load(s.app, func() (week, error) {
		var w week
		var err error
		if w.items, err = s.svc.Audit(from, to); err != nil {
			return w, err
		}
		w.res, err = s.svc.Residents()
		return w, err
	}, func(w week, err error) {
		if gen != s.loading {
			return
		}
		s.span = "The last seven days, newest first"
		if !s.to.IsZero() {
			s.span = "Seven days to " + to.In(s.app.loc).Format("Mon 2 Jan 2006 15:04") + ", newest first"
		}
		if err != nil {
			s.items = nil
			say(s.message, false, "Cannot read the audit trail: "+s.app.explain(err))
			s.show()
			return
		}
		say(s.message, false, "")
		s.names = map[string]string{}
		for _, r := range w.res {
			s.names[r.ID] = r.Name()
		}
		s.items = slices.Clone(w.items)
		slices.Reverse(s.items) // newest first
		s.page = 0
		if lastPage {
			s.page = s.pages() - 1
		}
		s.show()
	})
}

// end is when the week shown ends. The store's end is exclusive, so the
// newest week ends a second from now: a change made this second is in it.
func (s *auditSection) end() time.Time {
	if s.to.IsZero() {
		return s.app.now().Add(time.Second)
	}
	return s.to
}

func (s *auditSection) pages() int { return max(1, (len(s.items)+auditPerPage-1)/auditPerPage) }

// show fills the page's rows and says where in the trail it is.
func (s *auditSection) show() {
	first := s.page * auditPerPage
	n := min(auditPerPage, len(s.items)-first)
	s.rows.fill(max(n, 0), func(i int, r *auditRow) { r.set(s, s.items[first+i]) })
	text := s.span
	if s.pages() > 1 {
		text += fmt.Sprintf(" · page %d of %d", s.page+1, s.pages())
	}
	s.period.SetText(text)
	setEnabled(s.older, true)
	setEnabled(s.newer, s.page > 0 || !s.to.IsZero())
}

// goOlder shows the next page back, or the week before.
func (s *auditSection) goOlder() {
	if s.page+1 < s.pages() {
		s.page++
		s.show()
		return
	}
	s.to = s.end().Add(-auditWeek)
	s.load(false)
}

// goNewer shows the page before, or the week after; the newest week ends
// now.
func (s *auditSection) goNewer() {
	if s.page > 0 {
		s.page--
		s.show()
		return
	}
	if s.to.IsZero() {
		return
	}
	s.to = s.to.Add(auditWeek)
	if !s.to.Before(s.app.now()) {
		s.to = time.Time{}
	}
	s.load(true)
}

// auditRow is one change: when, what and who in bold, then what changed.
type auditRow struct {
	title   *widget.Label
	summary *widget.Label
	digest  *widget.Label
}

func newAuditRow() (*auditRow, fyne.CanvasObject) {
	r := &auditRow{title: widget.NewLabelWithStyle("", fyne.TextAlignLeading, fyne.TextStyle{Bold: true}),
		summary: wrapped(""), digest: wrapped("")}
	r.title.Wrapping = fyne.TextWrapWord
	r.digest.Wrapping = fyne.TextWrapBreak // a SHA-256 is one long word
	r.digest.TextStyle = fyne.TextStyle{Monospace: true}
	return r, container.NewVBox(r.title, r.summary, r.digest, widget.NewSeparator())
}

func (r *auditRow) set(s *auditSection, it round.AuditItem) {
	a := s.app
	title := a.when(it.At) + " · " + auditWhat(it.What)
	if it.UserID != "" {
		title += " · by " + a.userName(it.UserID)
	}
	if it.ApprovedBy != "" {
		title += ", approved by " + a.userName(it.ApprovedBy)
	}
	r.title.SetText(title)
	summary := it.Summary
	if it.ResidentID != "" {
		name := s.names[it.ResidentID]
		if name == "" {
			name = it.ResidentID
		}
		summary = name + ": " + summary
	}
	r.summary.SetText(summary)
	r.digest.Hidden = it.Digest == ""
	r.digest.SetText("SHA-256 of the files: " + it.Digest)
}

// auditWhat names an audit entry's kind as a manager reads it.
func auditWhat(what string) string {
	if w, ok := map[string]string{"chart-import": "Chart imported", "user-added": "Staff added",
		"user-changed": "Staff changed", "settings-changed": "Settings changed",
		"status-change": "Resident status changed", "correction": "Record corrected",
		"recall": "Batch recalled", "recall-lifted": "Recall lifted", "homely-remedy": "Homely remedy listed",
		"homely-approval": "Homely remedy approved by the GP", "covert-plan": "Covert administration plan"}[what]; ok {
		return w
	}
	return "Change"
}

// mayViewAudit reports whether the signed-in user may read the audit
// trail, as the staff rules say.
func (a *App) mayViewAudit() bool { return a.session.May(staff.ActViewAudit) }
