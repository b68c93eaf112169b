package fhir

import (
	"encoding/json"
	"fmt"
	"strings"
	"time"

	"github.com/google/uuid"

	"medround/internal/mar"
)

// Systems and extensions the export writes.
const (
	systemUUIDURI         = "urn:ietf:rfc:3986"
	systemUser            = "urn:medround:user"
	systemNotGivenReason  = "urn:medround:not-given-reason"
	systemPerformFunction = "http://terminology.hl7.org/CodeSystem/med-admin-perform-function"
	extRecordedAt         = "urn:medround:recorded-at"
	extDevice             = "urn:medround:device"
	extPackBatch          = "urn:medround:pack-batch"
	extPackExpiry         = "urn:medround:pack-expiry"
	extPackSerial         = "urn:medround:pack-serial"
	extUnscanned          = "urn:medround:unscanned-reason"
	extOverrideReason     = "urn:medround:override-reason"
	extVerdict            = "urn:medround:check-verdict"
)

type extensionOut struct {
	URL           string `json:"url"`
	ValueString   string `json:"valueString,omitempty"`
	ValueCode     string `json:"valueCode,omitempty"`
	ValueDate     string `json:"valueDate,omitempty"`
	ValueDateTime string `json:"valueDateTime,omitempty"`
}

type performerOut struct {
	Function *codeableConcept `json:"function,omitempty"`
	Actor    reference        `json:"actor"`
}

type annotationOut struct {
	Text string `json:"text"`
}

type dosageOut struct {
	Text  string           `json:"text,omitempty"`
	Route *codeableConcept `json:"route,omitempty"`
	Dose  *quantity        `json:"dose,omitempty"`
	Site  *codeableConcept `json:"site,omitempty"`
}

type administrationOut struct {
	ResourceType              string            `json:"resourceType"`
	ID                        string            `json:"id"`
	Extension                 []extensionOut    `json:"extension,omitempty"`
	Identifier                []identifier      `json:"identifier"`
	Status                    string            `json:"status"`
	StatusReason              []codeableConcept `json:"statusReason,omitempty"`
	MedicationCodeableConcept codeableConcept   `json:"medicationCodeableConcept"`
	Subject                   reference         `json:"subject"`
	EffectiveDateTime         string            `json:"effectiveDateTime"`
	Performer                 []performerOut    `json:"performer,omitempty"`
	ReasonCode                []codeableConcept `json:"reasonCode,omitempty"`
	Request                   *reference        `json:"request,omitempty"`
	Note                      []annotationOut   `json:"note,omitempty"`
	Dosage                    *dosageOut        `json:"dosage,omitempty"`
}

type bundleOut struct {
	ResourceType string     `json:"resourceType"`
	Type         string     `json:"type"`
	Entry        []entryOut `json:"entry"`
}

type entryOut struct {
	FullURL  string            `json:"fullUrl"`
	Resource administrationOut `json:"resource"`
}

// AdministrationBundle writes administration events as a FHIR R4 Bundle
// (type collection) of MedicationAdministration resources, one per
// administration event, in the order given. A dose given is "completed"; a
// dose refused or not given is "not-done" with its reason. A correction
// event writes no resource of its own: the administration a standing
// correction names (mar.Standing: a correction of a correction restores it)
// is written "entered-in-error", so the record a correction names must be
// among events. Other event kinds (PRN effect, status change) are not
// administrations and are left out. residents, entries (the latest version
// of each) and products hold the chart the events were recorded against, by
// id; an event naming one that is missing is an error. A dose is written as
// the product and unit the event says it was given as, whatever the entry
// says now.
func AdministrationBundle(events []mar.Event, residents map[string]mar.Resident, entries map[string]mar.ChartEntry, products map[string]mar.Product) ([]byte, error) {
	standing, err := standingOf(events)
	if err != nil {
		return nil, err
	}
	out := bundleOut{ResourceType: "Bundle", Type: "collection", Entry: []entryOut{}}
	sites := sitesOf(events, standing)
	for _, ev := range events {
		if ev.Kind != mar.KindAdministration {
			continue
		}
		ma, err := administration(ev, residents, entries, products)
		if err != nil {
			return nil, fmt.Errorf("export event %s: %w", ev.ID, err)
		}
		setSite(&ma, sites[ev.ID])
		if c := standing.CorrectedBy(ev.ID); c != nil {
			ma.Status = "entered-in-error"
			ma.Note = append(ma.Note, annotationOut{Text: correctionNote(*c)})
		}
		out.Entry = append(out.Entry, entryOut{FullURL: "urn:uuid:" + ev.ID.String(), Resource: ma})
	}
	data, err := json.MarshalIndent(out, "", "  ")
	if err != nil {
		return nil, fmt.Errorf("export administrations: %w", err)
	}
	return data, nil
}

// standingOf decides which records stand, and refuses a correction whose
// record is not being exported: the receiver would never learn the dose
// was entered in error.
func standingOf(events []mar.Event) (*mar.Standing, error) {
	have := make(map[uuid.UUID]bool, len(events))
	for _, ev := range events {
		have[ev.ID] = true
	}
	for _, ev := range events {
		if ev.Kind == mar.KindCorrection && !have[ev.Corrects] {
			return nil, fmt.Errorf("export correction %s: the record it corrects (%s) is not among the events; export them together", ev.ID, ev.Corrects)
		}
	}
	return mar.NewStanding(events), nil
}

func correctionNote(c mar.Event) string {
	s := fmt.Sprintf("Entered in error: corrected by %s at %s", c.UserID, c.RecordedAt.UTC().Format(time.RFC3339))
	if c.Note != "" {
		s += ": " + c.Note
	}
	return s
}

func administration(ev mar.Event, residents map[string]mar.Resident, entries map[string]mar.ChartEntry, products map[string]mar.Product) (administrationOut, error) {
	r, ok := residents[ev.ResidentID]
	if !ok {
		return administrationOut{}, fmt.Errorf("resident %q is not in the chart given", ev.ResidentID)
	}
	e, ok := entries[ev.EntryID]
	if !ok {
		return administrationOut{}, fmt.Errorf("chart entry %q is not in the chart given", ev.EntryID)
	}
	productID := firstNonEmpty(ev.ProductID, e.ProductID)
	prod, ok := products[productID]
	if !ok {
		return administrationOut{}, fmt.Errorf("product %q of chart entry %q is not in the chart given", productID, e.ID)
	}
	if ev.OccurredAt.IsZero() {
		return administrationOut{}, fmt.Errorf("the event has no time it happened")
	}
	ma := administrationOut{
		ResourceType:              "MedicationAdministration",
		ID:                        ev.ID.String(),
		Identifier:                []identifier{{System: systemUUIDURI, Value: "urn:uuid:" + ev.ID.String()}},
		MedicationCodeableConcept: medicationConcept(prod, ev.GTIN),
		Subject:                   subjectOf(r),
		EffectiveDateTime:         ev.OccurredAt.UTC().Format(time.RFC3339),
		Performer:                 performers(ev),
		Request:                   &reference{Reference: "MedicationRequest/" + requestID(e.ID)},
		Extension:                 eventExtensions(ev),
	}
	if productID != e.ProductID {
		// The chart has changed form since (tablets to liquid): its
		// wording is for the new product, not the dose given.
		e.Text = ""
	}
	if err := setOutcome(&ma, ev, e); err != nil {
		return administrationOut{}, err
	}
	if reason := firstNonEmpty(ev.PRNReason, e.PRNReason); e.PRN && reason != "" {
		ma.ReasonCode = []codeableConcept{{Text: reason}}
	}
	if ev.Note != "" {
		ma.Note = []annotationOut{{Text: ev.Note}}
	}
	return ma, nil
}

// setOutcome writes the status, and the dose for a dose given or the reason
// for one not given.
func setOutcome(ma *administrationOut, ev mar.Event, e mar.ChartEntry) error {
	switch ev.Outcome {
	case mar.OutcomeGiven:
		ma.Status = "completed"
		q := ev.Quantity
		if q == 0 {
			q = e.Dose.Value
		}
		ma.Dosage = &dosageOut{Text: e.Text, Dose: &quantity{Value: &q, Unit: firstNonEmpty(ev.DoseUnit, e.Dose.Unit)}}
		if e.Route != "" {
			ma.Dosage.Route = &codeableConcept{Text: e.Route}
		}
	case mar.OutcomeRefused:
		ma.Status = "not-done"
		ma.StatusReason = []codeableConcept{{Coding: []coding{{System: systemNotGivenReason, Code: "refused", Display: "Refused by the resident"}}, Text: "Refused"}}
	case mar.OutcomeNotGiven:
		ma.Status = "not-done"
		desc := mar.NotGivenDescriptions[ev.Reason]
		if desc == "" {
			return fmt.Errorf("not-given reason %s is not known", ev.Reason)
		}
		ma.StatusReason = []codeableConcept{{Coding: []coding{{System: systemNotGivenReason, Code: ev.Reason.String(), Display: desc}}, Text: desc}}
	default:
		return fmt.Errorf("outcome %s is not known", ev.Outcome)
	}
	return nil
}

func medicationConcept(prod mar.Product, scanned string) codeableConcept {
	c := codeableConcept{Text: prod.Name}
	for _, cd := range prod.Codings {
		c.Coding = append(c.Coding, coding{System: cd.System, Code: cd.Code, Display: cd.Display})
	}
	gtins := prod.GTINs
	if scanned != "" {
		gtins = []string{scanned}
	}
	for _, g := range gtins {
		c.Coding = append(c.Coding, coding{System: mar.SystemGTIN, Code: g})
	}
	return c
}

func subjectOf(r mar.Resident) reference {
	ref := reference{Reference: "Patient/" + r.ID}
	if r.NHSNumber != "" {
		ref.Identifier = &identifier{System: mar.SystemNHSNumber, Value: r.NHSNumber}
	}
	return ref
}

func performers(ev mar.Event) []performerOut {
	function := func(code, display string) *codeableConcept {
		return &codeableConcept{Coding: []coding{{System: systemPerformFunction, Code: code, Display: display}}}
	}
	var out []performerOut
	if ev.UserID != "" {
		out = append(out, performerOut{Function: function("performer", "Performer"),
			Actor: reference{Identifier: &identifier{System: systemUser, Value: ev.UserID}}})
	}
	if ev.WitnessID != "" {
		out = append(out, performerOut{Function: function("witness", "Witness"),
			Actor: reference{Identifier: &identifier{System: systemUser, Value: ev.WitnessID}}})
	}
	return out
}

// eventExtensions carries what the MAR records and MedicationAdministration
// has no element for: when it was stored, where, the pack, and the check.
func eventExtensions(ev mar.Event) []extensionOut {
	var x []extensionOut
	add := func(e extensionOut, ok bool) {
		if ok {
			x = append(x, e)
		}
	}
	add(extensionOut{URL: extRecordedAt, ValueDateTime: ev.RecordedAt.UTC().Format(time.RFC3339)}, !ev.RecordedAt.IsZero())
	add(extensionOut{URL: extDevice, ValueString: ev.DeviceID}, ev.DeviceID != "")
	add(extensionOut{URL: extPackBatch, ValueString: ev.Batch}, ev.Batch != "")
	add(extensionOut{URL: extPackExpiry, ValueDate: ev.Expiry}, ev.Expiry != "")
	add(extensionOut{URL: extPackSerial, ValueString: ev.Serial}, ev.Serial != "")
	add(extensionOut{URL: extUnscanned, ValueCode: ev.Unscanned.String()}, ev.Unscanned != 0)
	add(extensionOut{URL: extOverrideReason, ValueString: ev.OverrideReason}, ev.OverrideReason != "")
	add(extensionOut{URL: extVerdict, ValueCode: ev.Verdict.String()}, ev.Verdict != 0)
	return x
}

// requestID is the MedicationRequest an entry came from: entry ids of later
// dosage instructions end in "#2", "#3"...
func requestID(entryID string) string {
	id, _, _ := strings.Cut(entryID, "#")
	return id
}

func firstNonEmpty(s ...string) string {
	for _, x := range s {
		if x != "" {
			return x
		}
	}
	return ""
}
