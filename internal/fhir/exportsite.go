package fhir

import (
	"strings"

	"github.com/google/uuid"

	"medround/internal/mar"
)

// sitesOf gathers where each dose went on the body map (a patch's site, a
// cream's areas), by the dose, in the words a reader of the record reads.
func sitesOf(events []mar.Event, standing *mar.Standing) map[uuid.UUID][]string {
	out := map[uuid.UUID][]string{}
	for _, ev := range events {
		if ev.Kind != mar.KindPatchSite || !standing.Stands(ev.ID) {
			continue
		}
		if s, err := mar.ParseSkinArea(ev.Note); err == nil {
			out[ev.About] = append(out[ev.About], s.Words)
		}
	}
	return out
}

// setSite writes where a dose given went as its dosage.site: text only,
// since the body map's words have no code system the receiver shares.
func setSite(ma *administrationOut, sites []string) {
	if len(sites) == 0 || ma.Dosage == nil {
		return
	}
	ma.Dosage.Site = &codeableConcept{Text: strings.Join(sites, ", ")}
}
