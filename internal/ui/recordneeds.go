package ui

import (
	"fmt"
	"math"
	"strconv"
	"strings"

	"fyne.io/fyne/v2"

	"medround/internal/check"
	"medround/internal/mar"
	"medround/internal/round"
)

// requiresFunc is check.Requires. The panel holds it as a field so a test
// can stand in another rule and see the panel follow it: proof that no
// field is asked for because the screen knows better.
type requiresFunc func(v check.Verdict, outcome mar.Outcome, reason mar.NotGivenReason) check.Needs

// Words of the fields whose heading or hint depends on what is needed.
const (
	witnessGiven   = "Controlled drug: witness"
	witnessDropped = "Controlled drug dropped or spoilt: witness to its destruction"
	noteOptional   = "Note (optional)"
	noteRequired   = "Note: why was it not given? (required)"
)

// outcomeNeeds is what each outcome needs after the verdict shown, with the
// not-given reason chosen so far. ok is false while no verdict shows.
type outcomeNeeds struct {
	ok                       bool
	given, refused, notGiven check.Needs
}

func (p *recordPanel) needs() outcomeNeeds {
	if p.result == nil {
		return outcomeNeeds{}
	}
	v := p.result.Verdict
	return outcomeNeeds{ok: true,
		given:    p.requires(v, mar.OutcomeGiven, 0),
		refused:  p.requires(v, mar.OutcomeRefused, 0),
		notGiven: p.requires(v, mar.OutcomeNotGiven, p.reason())}
}

// open reports whether outcome n may be recorded at all.
func (o outcomeNeeds) open(n check.Needs) bool { return o.ok && n.Blocked == nil }

// any reports whether an outcome that may be recorded needs what f picks.
func (o outcomeNeeds) any(f func(check.Needs) bool) bool {
	for _, n := range []check.Needs{o.given, o.refused, o.notGiven} {
		if o.open(n) && f(n) {
			return true
		}
	}
	return false
}

// showFields shows the outcomes that may be recorded and every field one
// of them needs; all hidden while the check runs.
func (p *recordPanel) showFields() {
	n := p.needs()
	p.qtyBox.Hidden = !n.open(n.given)
	p.overrideBox.Hidden = !n.any(func(x check.Needs) bool { return x.OverrideReason })
	p.prnBox.Hidden = !n.any(func(x check.Needs) bool { return x.PRNReason })
	p.witnessBox.Hidden = !n.any(func(x check.Needs) bool { return x.Witness })
	p.site.box.Hidden = !n.open(n.given) || !n.given.Site
	head := witnessGiven
	if n.open(n.notGiven) && n.notGiven.Witness {
		head = witnessDropped
	}
	p.witnessHead.SetText(head)
	p.given.Hidden = !n.open(n.given)
	p.refused.Hidden = !n.open(n.refused)
	p.notGivenBtn.Hidden = !n.open(n.notGiven)
	p.notGiven.Hidden = !n.open(n.notGiven) || !n.notGiven.NotGivenReason
	p.note.Hidden = !n.open(n.notGiven)
	hint := noteOptional
	if n.notGiven.Note {
		hint = noteRequired
	}
	p.note.SetPlaceHolder(hint)
	if p.result == nil || p.result.Verdict.Level == mar.LevelStop {
		p.cancel.SetText("Close: do not give")
	} else {
		p.cancel.SetText("Cancel")
	}
	p.enableGive()
	p.box.Refresh()
}

// enableGive enables each outcome's button once every field it needs is
// filled in.
func (p *recordPanel) enableGive() {
	n := p.needs()
	idle := n.ok && !p.busy && !p.waitingForDose()
	setEnabled(p.given, idle && p.filled(n.given))
	setEnabled(p.refused, idle && p.filled(n.refused))
	setEnabled(p.notGivenBtn, idle && p.filled(n.notGiven))
	setEnabled(p.cancel, !p.busy)
}

// filled reports whether the fields n needs are filled in.
func (p *recordPanel) filled(n check.Needs) bool {
	return n.Blocked == nil &&
		(!n.OverrideReason || strings.TrimSpace(p.override.Text) != "") &&
		(!n.PRNReason || strings.TrimSpace(p.prnWhy.Text) != "") &&
		(!n.Witness || p.witness.Selected != "" && p.witnessPIN.Text != "") &&
		(!n.NotGivenReason || p.reason() != 0) &&
		(!n.Note || strings.TrimSpace(p.note.Text) != "") &&
		(!n.Site || strings.TrimSpace(p.req.Site) != "")
}

// missing is the first field that given still needs, for Alt+G to go to.
func (p *recordPanel) missing() (fyne.Focusable, fyne.CanvasObject, bool) {
	n := p.needs().given
	for _, f := range []struct {
		need  bool
		field fyne.Focusable
		box   fyne.CanvasObject
		empty bool
	}{
		{n.OverrideReason, p.override, p.overrideBox, strings.TrimSpace(p.override.Text) == ""},
		{n.PRNReason, p.prnWhy, p.prnBox, strings.TrimSpace(p.prnWhy.Text) == ""},
		{n.Witness, p.witnessPIN, p.witnessBox, p.witnessPIN.Text == ""},
	} {
		if f.need && f.empty {
			return f.field, f.box, true
		}
	}
	return nil, nil, false
}

// reason is the not-given reason chosen, 0 when none.
func (p *recordPanel) reason() mar.NotGivenReason {
	for _, r := range mar.NotGivenReasons() {
		if mar.NotGivenDescriptions[r] == p.notGiven.Selected {
			return r
		}
	}
	return 0
}

// request is the record of outcome with what Requires asks for it, and no
// more: a field filled in for another outcome is not sent with this one.
func (p *recordPanel) request(outcome mar.Outcome) (round.RecordRequest, error) {
	req := round.RecordRequest{CheckRequest: p.req, Outcome: outcome, Unscanned: p.unscanned,
		Note: strings.TrimSpace(p.note.Text)}
	var reason mar.NotGivenReason
	if outcome == mar.OutcomeNotGiven {
		reason = p.reason()
	}
	n := p.requires(p.result.Verdict, outcome, reason)
	if n.Blocked != nil {
		return req, n.Blocked
	}
	if outcome == mar.OutcomeGiven {
		q, err := strconv.ParseFloat(strings.TrimSpace(p.qty.Text), 64)
		// ParseFloat takes "NaN" and "Inf", which compare as no number does.
		if err != nil || math.IsNaN(q) || math.IsInf(q, 0) || q <= 0 {
			return req, fmt.Errorf("enter the quantity given as a number, e.g. 2 or 0.5")
		}
		req.Quantity = q
	}
	if n.NotGivenReason {
		req.Reason = reason
	}
	if n.OverrideReason {
		req.OverrideReason = strings.TrimSpace(p.override.Text)
	}
	if n.PRNReason {
		req.PRNReason = strings.TrimSpace(p.prnWhy.Text)
	}
	if n.Witness {
		req.WitnessID, req.WitnessPIN = p.witnessID(), p.witnessPIN.Text
	}
	return req, nil
}
