package demo

import (
	"encoding/binary"
	"fmt"
	"math/rand/v2"
	"time"

	"github.com/google/uuid"

	"medround/internal/mar"
	"medround/internal/schedule"
	"medround/internal/store"
)

// demoDevice is the device ID on the demo's history.
const demoDevice = "demo-tablet"

// recordHistory records the doses of the last days whose window has closed:
// most given on time, a few late, refused, not given or missed, and some
// PRN doses, so the reports and the resident pages have something to show.
func recordHistory(st *store.Store, home mar.Home, u store.ChartUpdate, opt Options) error {
	rng := rand.New(rand.NewPCG(uint64(opt.Residents), 7))
	// Event IDs are seeded by the build time too: two demo homes must not
	// share record UUIDs, which the central record takes as the same record.
	var seed [32]byte
	binary.BigEndian.PutUint64(seed[:], uint64(opt.Now.UnixNano()))
	binary.BigEndian.PutUint64(seed[8:], uint64(opt.Residents))
	ids := rand.NewChaCha8(seed)
	loc, err := home.Location()
	if err != nil {
		return err
	}
	y, m, d := opt.Now.In(loc).Date()
	from := time.Date(y, m, d-opt.HistoryDays, 0, 0, 0, 0, loc)
	products := map[string]mar.Product{}
	for _, p := range u.Products {
		products[p.ID] = p
	}
	byResident := map[string][]mar.ChartEntry{}
	for _, e := range u.Entries {
		byResident[e.ResidentID] = append(byResident[e.ResidentID], e)
	}
	var all []mar.Event
	for n, r := range u.Residents {
		h := historian{rng: rng, ids: ids, products: products, resident: r, n: n, now: opt.Now, loc: loc,
			device: opt.DeviceID, home: home}
		// Every resident has their protocols, whether here or away.
		h.protocols(byResident[r.ID], u.At)
		if r.Status != mar.StatusPresent {
			all = append(all, h.events...)
			continue
		}
		if err := h.regular(home, byResident[r.ID], from); err != nil {
			return err
		}
		h.prn(byResident[r.ID], from)
		h.stock(byResident[r.ID], from)
		all = append(all, h.events...)
	}
	// Batches: a fsync per record would make a 100-resident demo slow, and
	// one transaction of a year's records is slow the other way (bbolt
	// keeps a transaction's new keys in memory until it commits).
	const batch = 2000
	for len(all) > 0 {
		n := min(batch, len(all))
		if err := st.AppendAll(all[:n]); err != nil {
			return fmt.Errorf("demo history: %w", err)
		}
		all = all[n:]
	}
	return nil
}

type historian struct {
	events   []mar.Event
	rng      *rand.Rand
	ids      *rand.ChaCha8
	products map[string]mar.Product
	resident mar.Resident
	digests  map[string]string // PRN protocol digests by entry ID
	n        int               // the resident's place in the home, from 0
	home     mar.Home
	now      time.Time
	loc      *time.Location
	device   string
}

func (h *historian) regular(home mar.Home, entries []mar.ChartEntry, from time.Time) error {
	slots, err := schedule.Between(home, entries, from, h.now)
	if err != nil {
		return fmt.Errorf("demo history: %w", err)
	}
	byID := map[string]mar.ChartEntry{}
	for _, e := range entries {
		byID[e.ID] = e
	}
	for _, sl := range slots {
		if !sl.Closes.Before(h.now) {
			continue // still open: left for the round
		}
		ev, ok := h.slotEvent(byID[sl.EntryID], sl)
		if !ok {
			continue
		}
		h.events = append(h.events, ev)
	}
	return nil
}

// slotEvent makes the record of one past dose; false means it was missed.
func (h *historian) slotEvent(e mar.ChartEntry, sl schedule.Slot) (mar.Event, bool) {
	p := h.products[e.ProductID]
	roll := h.rng.IntN(100)
	if roll < 2 {
		return mar.Event{}, false
	}
	// Given within the window: up to 10 minutes either side for a
	// time-critical medicine, 15 before to 25 after for the rest.
	spread, before := 40, 15
	if sl.TimeCritical {
		spread, before = 20, 10
	}
	at := sl.Due.Add(time.Duration(h.rng.IntN(spread)-before) * time.Minute)
	ev := h.event(e, at)
	ev.SlotDue = sl.Due
	ev.Verdict = mar.LevelOK
	switch {
	case roll < 5:
		ev.Outcome, ev.Note = mar.OutcomeRefused, "Said she did not want it now; offered again later."
	case roll < 7:
		ev.Outcome, ev.Reason = mar.OutcomeNotGiven, mar.ReasonAsleep
	case roll < 9 && !e.TimeCritical:
		setAt(&ev, sl.Closes.Add(20*time.Minute))
		ev.Outcome, ev.Quantity = mar.OutcomeGiven, e.Dose.Value
		ev.Verdict, ev.ReasonCodes = mar.LevelWarn, []string{"LATE"}
		ev.OverrideReason = "Resident was with the district nurse"
	default:
		ev.Outcome, ev.Quantity = mar.OutcomeGiven, e.Dose.Value
	}
	if p.NeedsWitness() && ev.Outcome == mar.OutcomeGiven {
		witness(&ev)
	}
	return ev, true
}

func (h *historian) prn(entries []mar.ChartEntry, from time.Time) {
	for _, e := range entries {
		if !e.PRN || e.Status != mar.EntryActive || h.rng.IntN(3) != 0 {
			continue
		}
		for t := from.Add(10 * time.Hour); t.Before(h.now.Add(-6 * time.Hour)); t = t.Add(time.Duration(20+h.rng.IntN(20)) * time.Hour) {
			ev := h.event(e, t)
			ev.Outcome, ev.Quantity, ev.Verdict, ev.PRNReason = mar.OutcomeGiven, e.Dose.Value, mar.LevelOK, e.PRNReason
			if h.products[e.ProductID].NeedsWitness() {
				witness(&ev)
			}
			eff := h.rng.IntN(4) != 0
			fx := h.event(e, t.Add(70*time.Minute))
			fx.Kind, fx.About, fx.Effective, fx.Digest = mar.KindPRNEffect, ev.ID, &eff, h.digests[e.ID]
			h.events = append(h.events, ev, fx)
		}
	}
}

func (h *historian) event(e mar.ChartEntry, at time.Time) mar.Event {
	id, _ := uuid.NewRandomFromReader(h.ids) // ChaCha8 never fails to read
	users := []string{"amy", "ben", "sam"}
	ev := mar.Event{ID: id, Kind: mar.KindAdministration, DeviceID: h.device,
		UserID: users[h.rng.IntN(len(users))], ResidentID: h.resident.ID,
		EntryID: e.ID, EntryVersion: e.Version}
	setAt(&ev, at)
	if ev.EntryVersion == 0 {
		ev.EntryVersion = 1 // the store numbers the first version 1
	}
	if p := h.products[e.ProductID]; len(p.GTINs) > 0 {
		ev.GTIN, ev.Batch, ev.Expiry = p.GTINs[0], "DEMO24", h.now.AddDate(1, 0, 0).Format(time.DateOnly)
	}
	return ev
}

// setAt dates a demo record: it happened at t and was entered two minutes later.
func setAt(ev *mar.Event, t time.Time) {
	ev.OccurredAt = t.UTC()
	ev.RecordedAt = t.Add(2 * time.Minute).UTC()
}

// witness has Sam, the senior, witness a controlled drug given by a care
// worker: the giver and the witness are never the same person.
func witness(ev *mar.Event) {
	if ev.UserID == "sam" {
		ev.UserID = "amy"
	}
	ev.WitnessID = "sam"
}
