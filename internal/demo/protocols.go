package demo

import (
	"time"

	"github.com/google/uuid"

	"medround/internal/mar"
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

// protocols records, by Sam the senior when the chart began, the protocol
// of each of the resident's when-required lines that has one, and keeps
// each protocol's digest for the "did it work?" answers.
func (h *historian) protocols(entries []mar.ChartEntry, at time.Time) {
	for _, e := range entries {
		p, ok := protocolTerms[e.ProductID]
		if !e.PRN || !ok {
			continue
		}
		p.ResidentID, p.EntryID = h.resident.ID, e.ID
		id, _ := uuid.NewRandomFromReader(h.ids) // ChaCha8 never fails to read
		ev := mar.Event{ID: id, DeviceID: h.device, UserID: "sam"}
		setAt(&ev, at)
		p.Fill(&ev)
		h.events = append(h.events, ev)
		if h.digests == nil {
			h.digests = map[string]string{}
		}
		h.digests[e.ID] = p.Digest()
	}
}
