package fhir

import (
	"encoding/json"
	"fmt"
	"strings"
	"time"

	"medround/internal/mar"
)

// orderIntents are the MedicationRequest intents that authorise giving.
var orderIntents = []string{"order", "original-order", "reflex-order", "filler-order", "instance-order"}

func (p *parser) readRequest(n *node) {
	var rq requestJSON
	if !p.decode(n.where, "", n.raw, &rq) {
		return
	}
	requestElements.check(&p.problems, n.where, "", n.raw)
	failModifiers(&p.problems, n.where, "", rq.ModifierExtension)
	warnExtensions(&p.problems, n.where, "", rq.Extension, extTimeCritical)
	status, onChart := p.requestStatus(n, rq)
	if !onChart {
		return
	}
	base := mar.ChartEntry{ID: n.id, Status: status}
	base.ResidentID = p.subject(n, rq.Subject)
	base.ProductID = p.requestProduct(n, rq)
	if rq.AuthoredOn != "" {
		t, _, err := parseDate(rq.AuthoredOn, p.loc)
		if err != nil {
			p.fail(n.where, "authoredOn", "%v", err)
		}
		base.AuthoredOn = t
	}
	for _, x := range rq.Extension {
		if x.URL == extTimeCritical {
			base.TimeCritical = p.extBool(n.where, "extension", x)
		}
	}
	live := status == mar.EntryActive || status == mar.EntryOnHold
	if len(rq.DosageInstruction) == 0 {
		if live {
			p.fail(n.where, "dosageInstruction", "an %s request needs a dosageInstruction: the chart cannot say when or how much to give", status)
			return
		}
		p.chart.Entries = append(p.chart.Entries, base)
		return
	}
	steps := make([]step, len(rq.DosageInstruction))
	for i, raw := range rq.DosageInstruction {
		e := base
		if i > 0 {
			e.ID = fmt.Sprintf("%s#%d", n.id, i+1)
		}
		seq := p.readDosage(n.where, index("dosageInstruction", i), raw, &e, live)
		p.chart.Entries = append(p.chart.Entries, e)
		steps[i] = step{seq: seq, from: e.Start, to: e.End}
	}
	if live {
		p.checkSequence(n.where, steps)
	}
}

// step is one dosageInstruction's place in a request: its sequence number
// (nil when it has none) and the dates it is given between (zero is open).
type step struct {
	seq      *int
	from, to time.Time
}

// checkSequence refuses dosage instructions that follow one another but
// would go on the chart side by side. In FHIR, instructions with different
// sequence numbers are steps taken in turn (two tablets at once, then one a
// day; a steroid taper), while the chart gives every entry of a request at
// once, doubling the dose. Steps are safe only when each carries dates that
// keep it apart from the others; instructions with the same sequence number
// are meant together and may overlap.
func (p *parser) checkSequence(where string, steps []step) {
	for j := 1; j < len(steps); j++ {
		for i := range j {
			a, b := steps[i], steps[j]
			if sameSeq(a.seq, b.seq) || !overlap(a, b) {
				continue
			}
			why := "their boundsPeriods overlap"
			if (a.from.IsZero() && a.to.IsZero()) || (b.from.IsZero() && b.to.IsZero()) {
				why = "they are not each limited by a boundsPeriod"
			}
			p.fail(where, join(index("dosageInstruction", j), "sequence"),
				"has sequence %s and dosageInstruction[%d] sequence %s, so one follows the other (a taper, or a first dose then a daily one), but %s: the chart would give both at once and double the dose; send each step with its own timing.repeat.boundsPeriod, the steps not overlapping",
				seqText(b.seq), i, seqText(a.seq), why)
			return
		}
	}
}

func sameSeq(a, b *int) bool {
	return (a == nil && b == nil) || (a != nil && b != nil && *a == *b)
}

func seqText(s *int) string {
	if s == nil {
		return "none"
	}
	return fmt.Sprint(*s)
}

// overlap reports whether two steps share any instant; a zero bound is open.
func overlap(a, b step) bool {
	aBeforeB := !a.to.IsZero() && !b.from.IsZero() && !b.from.Before(a.to)
	bBeforeA := !b.to.IsZero() && !a.from.IsZero() && !a.from.Before(b.to)
	return !aBeforeB && !bBeforeA
}

// requestStatus reads status, intent and doNotPerform, and says whether the
// request belongs on the chart.
func (p *parser) requestStatus(n *node, rq requestJSON) (mar.EntryStatus, bool) {
	if rq.DoNotPerform != nil && *rq.DoNotPerform {
		p.fail(n.where, "doNotPerform", "a request NOT to give a medicine cannot go on a MAR; record it as an allergy or a note")
		return 0, false
	}
	switch rq.Status {
	case "draft":
		p.warn(n.where, "status", "a draft is not a prescription yet; it was left off the chart")
		return 0, false
	case "entered-in-error":
		p.warn(n.where, "status", "entered in error: it is not on the chart, and any earlier import of it ends")
		p.chart.Retracted = append(p.chart.Retracted, n.id)
		return 0, false
	}
	status, err := mar.ParseEntryStatus(rq.Status)
	if err != nil {
		p.fail(n.where, "status", "status %q: nobody can tell whether to give it; use active, on-hold, stopped, completed or cancelled", rq.Status)
		return 0, false
	}
	switch {
	case rq.Intent == "":
		p.fail(n.where, "intent", "intent is missing; a chart needs intent order")
		return 0, false
	case !contains(orderIntents, rq.Intent):
		p.warn(n.where, "intent", "intent %q is not an order; it was left off the chart", rq.Intent)
		return 0, false
	}
	return status, true
}

// subject finds the resident a request or allergy is for: by reference to a
// Patient in the file, or by the Patient's NHS number or local identifier.
func (p *parser) subject(n *node, ref *reference) string {
	path := "subject"
	if n.typ == "AllergyIntolerance" {
		path = "patient"
	}
	if ref == nil {
		p.fail(n.where, path, "no %s: say which Patient it is for", path)
		return ""
	}
	if t := p.resolve(n, ref); t != nil && t.resident != nil {
		return t.resident.ID
	}
	if ref.Reference == "" && ref.Identifier != nil {
		if id := p.residentByIdentifier(*ref.Identifier); id != "" {
			return id
		}
	}
	p.fail(n.where, path, "%s is not a Patient in this file; import the Patient in the same Bundle", ref.label())
	return ""
}

func (p *parser) residentByIdentifier(id identifier) string {
	v := strings.TrimSpace(id.Value)
	for _, r := range p.chart.Residents {
		if id.System == mar.SystemNHSNumber && strings.ReplaceAll(v, " ", "") == r.NHSNumber && r.NHSNumber != "" {
			return r.ID
		}
		for _, x := range r.Identifiers {
			if x.System == id.System && x.Value == v {
				return r.ID
			}
		}
	}
	return ""
}

// requestProduct finds or makes the product a request is for.
func (p *parser) requestProduct(n *node, rq requestJSON) string {
	switch {
	case rq.MedicationReference != nil && rq.MedicationCodeableConcept != nil:
		p.fail(n.where, "medication[x]", "has both medicationReference and medicationCodeableConcept; send one")
	case rq.MedicationReference != nil:
		t := p.resolve(n, rq.MedicationReference)
		switch {
		case t == nil || t.typ != "Medication":
			p.fail(n.where, "medicationReference", "%s is not a Medication in this file; include it in the Bundle or contain it", rq.MedicationReference.label())
		case t.owner == nil && t.product != nil:
			return t.product.ID
		case t.owner != nil:
			return p.addProduct(p.readMedication(t))
		}
	case rq.MedicationCodeableConcept != nil:
		return p.addProduct(p.productFromConcept(n.where, rq.MedicationCodeableConcept))
	default:
		p.fail(n.where, "medication[x]", "no medicine: give medicationReference or medicationCodeableConcept")
	}
	return ""
}

// addProduct adds a product made for one request, once however many
// requests name it.
func (p *parser) addProduct(prod *mar.Product) string {
	if prod == nil {
		return ""
	}
	for _, have := range p.chart.Products {
		if have.ID == prod.ID {
			return prod.ID
		}
	}
	p.chart.Products = append(p.chart.Products, *prod)
	return prod.ID
}

func (p *parser) extBool(where, path string, x extension) bool {
	if x.ValueBoolean == nil {
		p.fail(where, path, "extension %q needs a valueBoolean", x.URL)
		return false
	}
	return *x.ValueBoolean
}

// readDosage fills e from one dosageInstruction and returns its sequence
// number, nil when it has none. live is true for an active or on-hold
// request, which must say how much and when.
func (p *parser) readDosage(where, path string, raw json.RawMessage, e *mar.ChartEntry, live bool) *int {
	var d dosageJSON
	if !p.decode(where, path, raw, &d) {
		return nil
	}
	dosageElements.check(&p.problems, where, path, raw)
	failModifiers(&p.problems, where, path, d.ModifierExtension)
	warnExtensions(&p.problems, where, path, d.Extension, extTimeCritical, extPatchRotation)
	e.Text = strings.TrimSpace(d.Text)
	e.PatientInstruction = strings.TrimSpace(d.PatientInstruction)
	e.Route = d.Route.concept().Label()
	e.PRN = (d.AsNeededBoolean != nil && *d.AsNeededBoolean) || d.AsNeededCodeableConcept != nil
	e.PRNReason = d.AsNeededCodeableConcept.concept().Label()
	p.keepAdditional(where, path, e.ID, d.AdditionalInstruction)
	for _, x := range d.Extension {
		switch x.URL {
		case extTimeCritical:
			e.TimeCritical = p.extBool(where, join(path, "extension"), x)
		case extPatchRotation:
			e.PatchRotation = p.patchRotation(where, join(path, "extension"), x)
		}
	}
	if len(d.Timing) > 0 {
		p.readTiming(where, join(path, "timing"), d.Timing, e)
	}
	hasDose := p.readDose(where, join(path, "doseAndRate"), d.DoseAndRate, e)
	if d.MaxDosePerPeriod != nil {
		p.readMaxDose(where, join(path, "maxDosePerPeriod"), d.MaxDosePerPeriod, e)
	}
	if e.PRN {
		p.prnLimits(where, path, e)
		if live && e.MinInterval == 0 && e.MaxDose == nil {
			p.warn(where, path, "when-needed medicine with no minimum interval and no maxDosePerPeriod: the check cannot limit how often it is given")
		}
	}
	if !live {
		return d.Sequence
	}
	if !hasDose {
		p.fail(where, join(path, "doseAndRate"), "no dose: give doseQuantity or doseRange, so the dose given can be checked")
	}
	t := e.Timing
	if !e.PRN && len(t.TimesOfDay) == 0 && len(t.When) == 0 && t.Frequency == 0 {
		p.fail(where, join(path, "timing"), "no time to give it: give timing.repeat (timeOfDay, when, or frequency and period), or mark it as needed")
	}
	return d.Sequence
}

// prnLimits turns a PRN entry's repeat into its limits: once per period is
// the minimum interval; N times per period, with no maxDosePerPeriod, is
// read as at most N doses in that period.
func (p *parser) prnLimits(where, path string, e *mar.ChartEntry) {
	t := e.Timing
	if t.Period == 0 {
		return
	}
	if t.PeriodUnit == "mo" {
		p.fail(where, join(path, "timing.repeat.periodUnit"), "a when-needed limit in months cannot be checked; give it in days")
		return
	}
	if t.Frequency <= 1 {
		e.MinInterval = t.PeriodDuration()
		return
	}
	high := e.DoseHigh
	if high == 0 {
		high = e.Dose.Value
	}
	if e.MaxDose == nil && high > 0 {
		e.MaxDose = &mar.MaxDose{Quantity: mar.Quantity{Value: high * float64(t.Frequency), Unit: e.Dose.Unit}, Period: t.PeriodDuration()}
		p.warn(where, join(path, "timing.repeat.frequency"), "read as at most %s in %g %s", e.MaxDose.Quantity, t.Period, t.PeriodUnit)
	}
}
