package ui

import (
	"strings"
	"time"

	"medround/internal/mar"
)

// incidentTitle is the first words of an incident on a resident's page,
// in capitals like the allergies: what happened, before the centre's
// account of it.
func incidentTitle(e mar.Event) string {
	switch {
	case isCode(e, incidentDoubleDose):
		return "DOSE RECORDED TWICE"
	case isCode(e, incidentPRNMaxExceeded):
		return "OVER THE 24-HOUR MAXIMUM"
	}
	return "INCIDENT"
}

// residentIncidents are the incidents a resident's page shows: all but a
// tablet's clock, which is about the tablet and shown in the settings.
// One of a code the app does not know is shown, never hidden.
func residentIncidents(evs []mar.Event) []mar.Event {
	var out []mar.Event
	for _, e := range evs {
		if !isCode(e, incidentClockSkew) {
			out = append(out, e)
		}
	}
	return out
}

// forProduct names the medicine an incident line is about, if known.
func forProduct(product string) string {
	if product == "" {
		return ""
	}
	return " · " + product
}

// incidentWords is the text of the incidents band: for each, what it is,
// when the centre found it (RecordedAt; OccurredAt is the dose's time) and its account (the centre's Note, which says
// what to do).
func incidentWords(evs []mar.Event, when func(time.Time) string) string {
	parts := make([]string, 0, len(evs))
	for _, e := range evs {
		note := strings.TrimSpace(e.Note)
		if note == "" {
			note = "The central record found a problem with this resident's records: check with a senior."
		}
		parts = append(parts, incidentTitle(e)+" (found "+when(e.RecordedAt)+"): "+note)
	}
	return strings.Join(parts, "\n")
}
