package demo

import (
	"fmt"
	"io"
	"time"

	"github.com/google/uuid"

	"medround/internal/mar"
	"medround/internal/store"
)

// protocolTerms are the demo home's PRN protocols by medicine, as a senior
// would write them with the GP. Gaviscon has none, so the demo shows a
// when-required line without one.
var protocolTerms = map[string]mar.PRNProtocol{
	"paracetamol-500": {
		Signs:      append([]string{"Says they have pain or aches", "Temperature 37.8 °C or more"}, mar.AbbeySigns()...),
		DoseChoice: "1 tablet for mild pain or a raised temperature; 2 tablets for moderate pain, or when 1 tablet did not help last time",
		IfNoEffect: "Tell the senior after an hour. Try a change of position, a warm drink, or a cool flannel for a fever. Do not give more before 4 hours",
		CallGP:     "Pain or fever still there after 48 hours; a temperature of 38 °C or more with new confusion or fast breathing; new pain after a fall",
	},
	"oxycodone-5": {
		Signs:      []string{"Pain breaking through the regular morphine", "Grimacing, groaning or guarding when moved", "Cannot settle or sleep because of pain"},
		IfNoEffect: "Tell the senior after 30 minutes; reposition and stay with them. No second dose within 4 hours",
		CallGP:     "More than 2 doses a day on two days running (the regular dose may need to go up), or pain that stops them sleeping",
	},
	"lorazepam-1": {
		Signs:      []string{"Severe distress not eased by talking, music or a quiet room", "Shouting or hitting out: a risk to themselves or others"},
		IfNoEffect: "Stay with them and keep them safe; call the senior. Do not give a second dose within 8 hours",
		CallGP:     "Needed on two days in one week, or any fall or drowsiness after it: the GP reviews it",
	},
}

// Protocols are the demo home's PRN protocols for chart u, written by Sam
// the senior on device when the chart began: one for each when-required
// line whose medicine has terms (paracetamol, oxycodone, lorazepam), for
// every resident, here or away. The tablet's demo (Build) records them
// before its history; the central record's demo (medround-central demo)
// stores them with the chart, in the centre's name, for its tablets to
// pull. ids gives the records' UUIDs: two demo homes must not share them.
func Protocols(u store.ChartUpdate, device string, ids io.Reader) ([]mar.Event, error) {
	byResident := map[string][]mar.ChartEntry{}
	for _, e := range u.Entries {
		byResident[e.ResidentID] = append(byResident[e.ResidentID], e)
	}
	var out []mar.Event
	for _, r := range u.Residents {
		evs, err := residentProtocols(r.ID, byResident[r.ID], device, u.At, ids)
		if err != nil {
			return nil, err
		}
		out = append(out, evs...)
	}
	return out, nil
}

// residentProtocols are the protocols of one resident's when-required
// lines that have terms, in chart order.
func residentProtocols(residentID string, entries []mar.ChartEntry, device string, at time.Time, ids io.Reader) ([]mar.Event, error) {
	var out []mar.Event
	for _, e := range entries {
		p, ok := protocolTerms[e.ProductID]
		if !e.PRN || !ok {
			continue
		}
		p.ResidentID, p.EntryID = residentID, e.ID
		id, err := uuid.NewRandomFromReader(ids)
		if err != nil {
			return nil, fmt.Errorf("demo PRN protocol: %w", err)
		}
		ev := mar.Event{ID: id, DeviceID: device, UserID: "sam"}
		setAt(&ev, at)
		p.Fill(&ev)
		out = append(out, ev)
	}
	return out, nil
}

// protocols records the resident's protocols (residentProtocols) and
// keeps each one's digest for the "did it work?" answers.
func (h *historian) protocols(entries []mar.ChartEntry, at time.Time) {
	// ChaCha8 never fails to read.
	evs, _ := residentProtocols(h.resident.ID, entries, h.device, at, h.ids)
	for _, ev := range evs {
		p, _ := mar.PRNProtocolFrom(ev) // terms written by Fill read back
		h.events = append(h.events, ev)
		if h.digests == nil {
			h.digests = map[string]string{}
		}
		h.digests[ev.EntryID] = p.Digest()
	}
}
