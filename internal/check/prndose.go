package check

import "medround/internal/mar"

// IsPRNDose reports whether a record is of a PRN ("when needed") dose
// given: an administration given that names no dose slot. It is the one
// rule for "was this given as PRN": the check reads a line's own slot-less
// doses as when-required (checkRecentIngredient), the round asks "did it
// work?" only of them, and the PRN report and the managers' PRN summary
// count them. Whether the record still stands (a correction) and whether
// it falls in a period are the caller's to ask.
//
// The record, not the chart, decides, because the record says how the dose
// was given: the round ties every regular dose to its slot and never gives
// a PRN dose one. Reading the chart version instead let a dose count as PRN
// in one report and not in another when the version was unknown or its
// line later made regular, and a slot-less dose under a regular version
// fell out of both the missed and late reports (which place records by
// slot) and the PRN ones. With the slot, every dose given is either on a
// slot or a PRN dose, never both and never neither. The interval and the
// maximum need no such rule: they count every dose of the ingredient, PRN
// or regular.
func IsPRNDose(ev *mar.Event) bool {
	return ev != nil && ev.Kind == mar.KindAdministration && ev.Outcome == mar.OutcomeGiven && ev.SlotDue.IsZero()
}
