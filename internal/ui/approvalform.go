package ui

import (
	"fmt"
	"maps"
	"slices"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/widget"

	"medround/internal/mar"
	"medround/internal/round"
	"medround/internal/staff"
)

// approvalScreen is where a senior or manager records that a resident's GP
// approved a homely remedy from the home's list: which, the GP, the day
// the GP approved it and the review date. Only they may
// (staff.ActHomelyApprove); the round refuses anyone else whatever the
// screen shows, and refuses an approval dated after today.
type approvalScreen struct {
	app      *App
	svc      careAdminService
	form     *careForm
	rv       *round.ResidentView
	remedy   *widget.Select
	gp       *widget.Entry
	on       *widget.Entry
	review   *widget.Entry
	remedyOf map[string]string // remedy ID by the choice's words
}

func newApprovalScreen(a *App) *approvalScreen {
	s := &approvalScreen{app: a, svc: a.svc}
	hint := wrapped("Record what the GP approved, as written on their approval. Until it is recorded, scanning the remedy for this resident stops.")
	s.form = newCareForm(a, "A senior or manager records a GP's approval; ask them.", "Record the approval", s.store, hint)
	s.remedy = widget.NewSelect(nil, func(string) { a.idle.touch() })
	s.remedy.PlaceHolder = "Choose the remedy"
	s.form.add("Remedy", s.remedy)
	s.gp = s.form.field("GP", "The GP who approved it, e.g. Dr Shah")
	s.on = s.form.field("Approved on", "Day the GP approved it, e.g. 25/11/2026")
	s.review = s.form.field("Review by", "Day it lapses unless reviewed, e.g. 25/05/2027")
	return s
}

func (s *approvalScreen) view() fyne.CanvasObject { return s.form.box }

// scanned opens the resident a wristband names, as the round does.
func (s *approvalScreen) scanned(code string) { s.app.board.identify(code, true) }

// open shows the form for the resident of rv, with remedyID chosen (""
// for none yet); an approval already standing fills it in to renew.
func (s *approvalScreen) open(rv *round.ResidentView, remedyID string) {
	a := s.app
	s.rv, s.remedyOf = rv, map[string]string{}
	var names []string
	ids := slices.Sorted(maps.Keys(rv.Care.HomelyList))
	for _, id := range ids {
		name := rv.Care.HomelyList[id].Name
		if _, dup := s.remedyOf[name]; dup || name == "" {
			name += " (" + id + ")" // two remedies of one name are told apart by their IDs
		}
		s.remedyOf[name] = id
		names = append(names, name)
	}
	s.remedy.SetOptions(names)
	s.remedy.ClearSelected()
	s.gp.SetText("")
	if gp := rv.Resident.GP; gp != nil {
		s.gp.SetText(gp.Name)
	}
	s.on.SetText(dayText(a.now().In(a.loc)))
	s.review.SetText("")
	for name, id := range s.remedyOf {
		if id == remedyID {
			s.remedy.SetSelected(name)
		}
	}
	say(s.form.message, false, "")
	a.show(s)
}

func (s *approvalScreen) refresh() {
	if s.rv != nil {
		s.form.title.SetText("GP approval of a homely remedy for " + s.rv.Resident.Name())
	}
	s.form.allow(s.app.session.May(staff.ActHomelyApprove))
}

// store records the approval under the signed-in senior's name.
func (s *approvalScreen) store() {
	a, f := s.app, s.form
	if f.busy || s.rv == nil {
		return
	}
	id, ok := s.remedyOf[s.remedy.Selected]
	if !ok {
		say(f.message, false, "Choose the remedy the GP approved.")
		return
	}
	d, bad := days(dayEntry{"Approved on", s.on}, dayEntry{"Review by", s.review})
	if bad != "" {
		say(f.message, false, badDay(bad))
		return
	}
	req := round.ApprovalRequest{ResidentScan: s.rv.Resident.ID, RemedyID: id, GP: strings.TrimSpace(s.gp.Text),
		ApprovedOn: d[0], Review: d[1]}
	name := s.rv.Care.HomelyList[id].Name
	f.saving(true)
	sess := a.session
	load(a, func() (mar.Event, error) { return s.svc.ApproveHomely(sess, req) }, saved(a, func(_ mar.Event, err error) {
		f.saving(false)
		if err != nil {
			say(f.message, false, "Not recorded: "+a.explain(err))
			return
		}
		a.status.refresh()
		a.show(a.resident)
		say(a.resident.message, true, fmt.Sprintf("Recorded: %s approved %s on %s; review by %s.",
			req.GP, name, isoText(req.ApprovedOn), isoText(req.Review)))
	}))
}
