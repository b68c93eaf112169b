package fhir

import (
	"strings"
	"time"

	"medround/internal/mar"
)

// rotationUnits are the units a patch site rotation may be given in, as
// UCUM codes or words: leaflets say days or weeks.
var rotationUnits = map[string]time.Duration{
	"d": 24 * time.Hour, "day": 24 * time.Hour, "days": 24 * time.Hour,
	"wk": 7 * 24 * time.Hour, "week": 7 * 24 * time.Hour, "weeks": 7 * 24 * time.Hour,
}

// patchRotation reads a patch site rotation extension (extPatchRotation):
// a valueDuration of 1 to 90 days. One that cannot be read fails the
// import: a rotation silently dropped would let a site be reused sooner
// than the prescriber said.
func (p *parser) patchRotation(where, path string, x extension) time.Duration {
	q := x.ValueDuration
	if q == nil || q.Value == nil {
		p.fail(where, path, "extension %q needs a valueDuration in days or weeks, e.g. {\"value\": 14, \"code\": \"d\"}", x.URL)
		return 0
	}
	unit, ok := rotationUnits[strings.ToLower(strings.TrimSpace(q.Code))]
	if !ok {
		unit, ok = rotationUnits[strings.ToLower(q.unitName())]
	}
	v := *q.Value
	if !ok {
		p.fail(where, path, "patch site rotation %g %s: give it in days (d) or weeks (wk)", v, q.unitName())
		return 0
	}
	days := v * float64(unit) / float64(24*time.Hour)
	min, max := mar.MinPatchRotation.Hours()/24, mar.MaxPatchRotation.Hours()/24
	if !(days >= min && days <= max) { // NaN too
		p.fail(where, path, "patch site rotation %g %s: want %g to %g days; correct it in the source system", v, q.unitName(), min, max)
		return 0
	}
	return time.Duration(days * float64(24*time.Hour))
}
