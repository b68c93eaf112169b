package fhir

import (
	"encoding/json"
	"strings"
	"time"

	"medround/internal/mar"
)

// whenCodes are the Timing.repeat.when codes the home's rounds map to a
// clock time.
var whenCodes = []string{"MORN", "NOON", "AFT", "EVE", "NIGHT", "HS", "WAKE", "C", "CM", "CD", "CV"}

// periodUnits are the units a MAR can schedule by. Seconds are no dosing
// interval and years are too long to chart.
var periodUnits = []string{"min", "h", "d", "wk", "mo"}

var weekdays = map[string]time.Weekday{
	"mon": time.Monday, "tue": time.Tuesday, "wed": time.Wednesday, "thu": time.Thursday,
	"fri": time.Friday, "sat": time.Saturday, "sun": time.Sunday,
}

// gtsTimings are the HL7 GTS abbreviations (Timing.code) read when a timing
// has no repeat; each becomes the repeat it stands for.
var gtsTimings = map[string]repeatJSON{
	"QD":  {Frequency: ptr(1), Period: ptr(1.0), PeriodUnit: "d"},
	"BID": {Frequency: ptr(2), Period: ptr(1.0), PeriodUnit: "d"},
	"TID": {Frequency: ptr(3), Period: ptr(1.0), PeriodUnit: "d"},
	"QID": {Frequency: ptr(4), Period: ptr(1.0), PeriodUnit: "d"},
	"QOD": {Frequency: ptr(1), Period: ptr(2.0), PeriodUnit: "d"},
	"AM":  {When: []string{"MORN"}},
	"PM":  {When: []string{"EVE"}},
	"BED": {When: []string{"HS"}},
	"Q1H": {Frequency: ptr(1), Period: ptr(1.0), PeriodUnit: "h"},
	"Q2H": {Frequency: ptr(1), Period: ptr(2.0), PeriodUnit: "h"},
	"Q3H": {Frequency: ptr(1), Period: ptr(3.0), PeriodUnit: "h"},
	"Q4H": {Frequency: ptr(1), Period: ptr(4.0), PeriodUnit: "h"},
	"Q6H": {Frequency: ptr(1), Period: ptr(6.0), PeriodUnit: "h"},
	"Q8H": {Frequency: ptr(1), Period: ptr(8.0), PeriodUnit: "h"},
	"WK":  {Frequency: ptr(1), Period: ptr(1.0), PeriodUnit: "wk"},
	"MO":  {Frequency: ptr(1), Period: ptr(1.0), PeriodUnit: "mo"},
}

func ptr[T any](v T) *T { return &v }

func (p *parser) readTiming(where, path string, raw json.RawMessage, e *mar.ChartEntry) {
	var t timingJSON
	if !p.decode(where, path, raw, &t) {
		return
	}
	timingElements.check(&p.problems, where, path, raw)
	failModifiers(&p.problems, where, path, t.ModifierExtension)
	if len(t.Event) > 0 {
		p.fail(where, join(path, "event"), "doses on listed dates are not supported; give timing.repeat")
	}
	switch {
	case len(t.Repeat) > 0:
		if t.Code != nil {
			p.warn(where, join(path, "code"), "ignored: timing.repeat says when")
		}
		var r repeatJSON
		if p.decode(where, join(path, "repeat"), t.Repeat, &r) {
			repeatElements.check(&p.problems, where, join(path, "repeat"), t.Repeat)
			p.readRepeat(where, join(path, "repeat"), r, e)
		}
	case t.Code != nil:
		code := t.Code.firstCode()
		r, ok := gtsTimings[code]
		if !ok {
			p.fail(where, join(path, "code"), "timing code %q is not supported; give timing.repeat", code)
			return
		}
		p.readRepeat(where, join(path, "code"), r, e)
	}
}

func (p *parser) readRepeat(where, path string, r repeatJSON, e *mar.ChartEntry) {
	if b := r.BoundsPeriod; b != nil {
		p.readBounds(where, join(path, "boundsPeriod"), b, e)
	}
	p.readFrequency(where, path, r, &e.Timing)
	for i, d := range r.DayOfWeek {
		wd, ok := weekdays[d]
		if !ok {
			p.fail(where, index(join(path, "dayOfWeek"), i), "day %q: want mon, tue, wed, thu, fri, sat or sun", d)
			continue
		}
		e.Timing.DaysOfWeek = append(e.Timing.DaysOfWeek, wd)
	}
	for i, s := range r.TimeOfDay {
		c, err := mar.ParseClockTime(s)
		if err != nil {
			p.fail(where, index(join(path, "timeOfDay"), i), "%v", err)
			continue
		}
		e.Timing.TimesOfDay = append(e.Timing.TimesOfDay, c)
	}
	for i, w := range r.When {
		if !contains(whenCodes, w) {
			p.fail(where, index(join(path, "when"), i), "when %q is not supported: give timeOfDay, or one of %s", w, strings.Join(whenCodes, ", "))
			continue
		}
		e.Timing.When = append(e.Timing.When, w)
	}
	if len(r.TimeOfDay) > 0 && len(r.When) > 0 {
		p.fail(where, path, "has both timeOfDay and when, which FHIR forbids (tim-10); give one")
	}
	t := e.Timing
	times := len(t.TimesOfDay) + len(t.When)
	if times > 0 && t.Frequency > 0 && t.Period == 1 && t.PeriodUnit == "d" && t.Frequency != times {
		p.fail(where, join(path, "frequency"), "says %d times a day but lists %d times; make them agree", t.Frequency, times)
	}
}

func (p *parser) readBounds(where, path string, b *period, e *mar.ChartEntry) {
	if b.Start != "" {
		start, _, err := parseDate(b.Start, p.loc)
		if err != nil {
			p.fail(where, join(path, "start"), "%v", err)
		}
		e.Start = start
	}
	if b.End != "" {
		_, end, err := parseDate(b.End, p.loc)
		if err != nil {
			p.fail(where, join(path, "end"), "%v", err)
		}
		e.End = end
	}
	if !e.Start.IsZero() && !e.End.IsZero() && !e.End.After(e.Start) {
		p.fail(where, path, "ends before it starts; correct the dates")
	}
}

func (p *parser) readFrequency(where, path string, r repeatJSON, t *mar.Timing) {
	if r.Period == nil {
		if r.Frequency != nil {
			p.fail(where, join(path, "period"), "frequency needs a period and periodUnit")
		}
		if r.PeriodUnit != "" {
			p.fail(where, join(path, "period"), "periodUnit needs a period")
		}
		return
	}
	switch {
	case *r.Period <= 0:
		p.fail(where, join(path, "period"), "period must be more than 0")
	case r.PeriodUnit == "":
		p.fail(where, join(path, "periodUnit"), "period needs a periodUnit: min, h, d, wk or mo")
	case !contains(periodUnits, r.PeriodUnit):
		p.fail(where, join(path, "periodUnit"), "periodUnit %q is not supported: use min, h, d, wk or mo", r.PeriodUnit)
	case r.Frequency != nil && *r.Frequency < 1:
		p.fail(where, join(path, "frequency"), "frequency must be at least 1")
	}
	t.Frequency = 1
	if r.Frequency != nil {
		t.Frequency = *r.Frequency
	}
	t.Period, t.PeriodUnit = *r.Period, r.PeriodUnit
}

// readDose reads the prescribed dose: the one doseAndRate, or the one typed
// "ordered" when there are several.
func (p *parser) readDose(where, path string, raws []json.RawMessage, e *mar.ChartEntry) bool {
	if len(raws) == 0 {
		return false
	}
	doses := make([]doseAndRateJSON, len(raws))
	for i, raw := range raws {
		if !p.decode(where, index(path, i), raw, &doses[i]) {
			return false
		}
	}
	pick := 0
	if len(doses) > 1 {
		pick = -1
		for i, d := range doses {
			if d.Type.hasCode("http://terminology.hl7.org/CodeSystem/dose-rate-type", "ordered") {
				pick = i
			}
		}
		if pick < 0 {
			p.fail(where, path, "several doses and none typed \"ordered\"; send one, or type the prescribed one ordered")
			return false
		}
	}
	path = index(path, pick)
	doseAndRateElements.check(&p.problems, where, path, raws[pick])
	return p.fillDose(where, path, doses[pick], e)
}

func (p *parser) fillDose(where, path string, d doseAndRateJSON, e *mar.ChartEntry) bool {
	switch {
	case d.DoseQuantity != nil && d.DoseRange != nil:
		p.fail(where, path, "has both doseQuantity and doseRange; send one")
	case d.DoseQuantity != nil:
		q := d.DoseQuantity
		if q.Value == nil || *q.Value <= 0 {
			p.fail(where, join(path, "doseQuantity.value"), "the dose needs a value more than 0")
			return false
		}
		e.Dose = mar.Quantity{Value: *q.Value, Unit: q.unitName()}
		e.DoseLow, e.DoseHigh = *q.Value, *q.Value
		return true
	case d.DoseRange != nil:
		lo, hi := d.DoseRange.Low, d.DoseRange.High
		if lo == nil || hi == nil || lo.Value == nil || hi.Value == nil || *lo.Value <= 0 || *hi.Value < *lo.Value {
			p.fail(where, join(path, "doseRange"), "a dose range needs low and high values, low more than 0 and not above high")
			return false
		}
		if !sameUnit(lo.unitName(), hi.unitName()) {
			p.fail(where, join(path, "doseRange"), "low is in %q but high in %q; give both in one unit", lo.unitName(), hi.unitName())
			return false
		}
		e.Dose = mar.Quantity{Value: *lo.Value, Unit: lo.unitName()}
		e.DoseLow, e.DoseHigh = *lo.Value, *hi.Value
		return true
	}
	return false
}

// durationUnits are the UCUM codes and words a maxDosePerPeriod's
// denominator may be given in.
var durationUnits = map[string]time.Duration{
	"min": time.Minute, "minute": time.Minute,
	"h": time.Hour, "hour": time.Hour, "hr": time.Hour,
	"d": 24 * time.Hour, "day": 24 * time.Hour,
	"wk": 7 * 24 * time.Hour, "week": 7 * 24 * time.Hour,
}

func (p *parser) readMaxDose(where, path string, r *ratio, e *mar.ChartEntry) {
	num, den := r.Numerator, r.Denominator
	if num == nil || num.Value == nil || *num.Value <= 0 {
		p.fail(where, join(path, "numerator"), "the most that may be given needs a value more than 0")
		return
	}
	if den == nil || den.Value == nil || *den.Value <= 0 {
		p.fail(where, join(path, "denominator"), "the period needs a value more than 0, e.g. 24 h")
		return
	}
	unit, ok := durationUnits[strings.TrimSuffix(strings.ToLower(den.Code), "s")]
	if !ok {
		unit, ok = durationUnits[strings.TrimSuffix(strings.ToLower(den.Unit), "s")]
	}
	if !ok {
		p.fail(where, join(path, "denominator"), "period unit %q is not supported: use h or d", den.unitName())
		return
	}
	if e.Dose.Unit != "" && num.unitName() != "" && !sameUnit(e.Dose.Unit, num.unitName()) {
		p.fail(where, join(path, "numerator"), "the most that may be given is in %q but the dose is in %q; give both in one unit", num.unitName(), e.Dose.Unit)
		return
	}
	u := e.Dose.Unit
	if u == "" {
		u = num.unitName()
	}
	e.MaxDose = &mar.MaxDose{Quantity: mar.Quantity{Value: *num.Value, Unit: u},
		Period: time.Duration(*den.Value * float64(unit))}
}

// sameUnit compares units as written by hand: case, braces and a plural s do
// not matter ("{tablet}", "Tablets").
func sameUnit(a, b string) bool {
	norm := func(s string) string {
		s = strings.ToLower(strings.Trim(strings.TrimSpace(s), "{}"))
		return strings.TrimSuffix(s, "s")
	}
	return norm(a) == norm(b)
}
