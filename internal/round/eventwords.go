package round

import (
	"fmt"
	"strings"
	"time"

	"medround/internal/mar"
)

// EventWords says what a stock, recall, homely remedy, covert plan or
// patch record did, as a manager reads it in a resident's history and
// the audit trail: "received 28 of Morphine sulfate 10mg MR tablets from
// Boots pharmacy (batch B42, expiry 2027-12-31)". p is the medicine it
// is about, if known. Who recorded and witnessed it is the
// caller's to add, by name. It returns "" for doses, corrections and the
// other kinds the screens already word themselves.
func EventWords(e mar.Event, p mar.Product) string {
	product := p.Name
	of := ""
	if product != "" {
		of = " of " + product
	}
	switch e.Kind {
	case mar.KindReceipt:
		return fmt.Sprintf("received %g%s from %s%s", e.Quantity, of, e.Note, packWords(e))
	case mar.KindStockReturn:
		return fmt.Sprintf("returned %g%s to the pharmacy: %s", e.Quantity, of, e.Note)
	case mar.KindDestruction:
		return fmt.Sprintf("destroyed %g%s: %s", e.Quantity, of, e.Note)
	case mar.KindStockCount:
		return fmt.Sprintf("counted %g%s in stock", e.Quantity, of)
	case mar.KindRecall, mar.KindRecallLifted:
		return recallLine(e)
	case mar.KindPatchSite:
		return siteWords(e, p)
	case mar.KindPatchRemoved:
		return "patch taken off"
	}
	return careWords(e, product)
}

// siteWords says where a patch went or a cream was applied: the record
// is the same kind for both, so the product says which.
func siteWords(e mar.Event, p mar.Product) string {
	where := e.Note
	if a, err := mar.ParseSkinArea(e.Note); err == nil {
		where = a.Words
	}
	switch {
	case mar.IsPatch(p):
		return "patch put on the " + where
	case p.Name != "":
		return p.Name + " applied to the " + where
	}
	// Only the area is known: a patch site may have had either.
	return "put on the " + where
}

// careWords says what a homely remedy or covert plan record did; product
// names the remedy an approval is of, when known.
func careWords(e mar.Event, product string) string {
	switch e.Kind {
	case mar.KindHomelyRemedy:
		if h, err := mar.HomelyRemedyFrom(e); err == nil {
			return fmt.Sprintf("homely remedy %s on the home's list: %s at least %g hours apart, at most %g in 24 hours, for up to %d days",
				h.Name, mar.Amount(h.Dose.Value, h.Dose.Unit), h.Interval.Hours(), h.Max, h.Days)
		}
		return "homely remedy on the home's list"
	case mar.KindHomelyApproval:
		if a, err := mar.HomelyApprovalFrom(e); err == nil {
			name := a.RemedyID
			if product != "" {
				name = product
			}
			return fmt.Sprintf("GP %s approved homely remedy %s on %s, review by %s", a.GP, name, a.At.UTC().Format(time.DateOnly), a.Review)
		}
		return "GP approval of a homely remedy"
	case mar.KindCovertPlan:
		if p, err := mar.CovertPlanFrom(e); err == nil {
			what := "all medicines"
			if p.EntryID != "" {
				what = "chart entry " + p.EntryID
			}
			return fmt.Sprintf("covert administration plan for %s, agreed by %s: %s; review by %s", what, p.AgreedBy, p.How, p.Review)
		}
		return "covert administration plan"
	}
	return ""
}

// packWords names a receipt's batch and expiry, when the pack showed them.
func packWords(e mar.Event) string {
	var parts []string
	if b := strings.TrimSpace(e.Batch); b != "" {
		parts = append(parts, "batch "+b)
	}
	if e.Expiry != "" {
		parts = append(parts, "expiry "+e.Expiry)
	}
	if len(parts) == 0 {
		return ""
	}
	return " (" + strings.Join(parts, ", ") + ")"
}
