package incident

import (
	"errors"
	"fmt"
	"sort"
	"time"

	"github.com/google/uuid"

	"medround/internal/central"
	"medround/internal/check"
	"medround/internal/mar"
	"medround/internal/schedule"
	"medround/internal/store"
)

// span is the time a resident's new records cover.
type span struct{ from, to time.Time }

// spans are the touched residents by ID.
type spans map[string]*span

func (s spans) add(e mar.Event) {
	for _, t := range []time.Time{e.OccurredAt, e.SlotDue} {
		if t.IsZero() {
			continue
		}
		sp := s[e.ResidentID]
		if sp == nil {
			s[e.ResidentID] = &span{from: t, to: t}
			continue
		}
		if t.Before(sp.from) {
			sp.from = t
		}
		if t.After(sp.to) {
			sp.to = t
		}
	}
}

// Around a new record, how far its slot and its dose can reach: a slot's
// window and a dose placed on its nearest slot are within a day, and a
// maximum's period is read back in full (historyBack) before the earliest
// dose it could count.
const (
	slotReach   = 24 * time.Hour
	historyBack = 8 * 24 * time.Hour
)

// resident is what the search reads of one resident from the home's copy.
type resident struct {
	home     mar.Home
	loc      *time.Location
	r        mar.Resident
	versions []mar.ChartEntry // every version, so each record is read under its own
	products map[string]mar.Product
	events   []mar.Event
	standing []*mar.Event // administration records no correction voids
}

// search finds the incidents of the touched residents, in resident order.
func search(cp *store.Store, homeID string, touched spans, now time.Time) ([]mar.Event, error) {
	home, err := cp.Home()
	if err != nil {
		return nil, err
	}
	cal, err := schedule.NewCalendar(home)
	if err != nil {
		return nil, fmt.Errorf("home settings: %w", err)
	}
	all, err := cp.Products()
	if err != nil {
		return nil, err
	}
	products := make(map[string]mar.Product, len(all))
	for _, p := range all {
		products[p.ID] = p
	}
	ids := make([]string, 0, len(touched))
	for id := range touched {
		ids = append(ids, id)
	}
	sort.Strings(ids)
	var out []mar.Event
	for _, id := range ids {
		sp := touched[id]
		rd, err := load(cp, id, sp, home, products)
		if errors.Is(err, store.ErrNotFound) {
			continue // a record of no charted resident places on no slot
		}
		if err != nil {
			return nil, err
		}
		rd.loc = cal.Location()
		dd, err := rd.doubleDoses(homeID, cal, sp, now)
		if err != nil {
			return nil, err
		}
		out = append(out, dd...)
		out = append(out, rd.overMaximum(homeID, sp, now)...)
	}
	return out, nil
}

func load(cp *store.Store, id string, sp *span, home mar.Home, products map[string]mar.Product) (*resident, error) {
	r, err := cp.Resident(id)
	if err != nil {
		return nil, err
	}
	rd := &resident{home: home, r: r, products: products}
	if rd.versions, err = cp.ChartHistory(id); err != nil {
		return nil, err
	}
	if rd.events, err = cp.Events(id, sp.from.Add(-historyBack), sp.to.Add(historyBack)); err != nil {
		return nil, err
	}
	voided := mar.NewStanding(rd.events).Voided()
	for i := range rd.events {
		if e := &rd.events[i]; e.Kind == mar.KindAdministration && !voided[e.ID] {
			rd.standing = append(rd.standing, e)
		}
	}
	return rd, nil
}

func (rd *resident) incident(id uuid.UUID, code string, about *mar.Event, now time.Time, note string) mar.Event {
	return mar.Event{ID: id, Kind: mar.KindIncident, DeviceID: central.CentreDevice, ResidentID: rd.r.ID,
		OccurredAt: about.OccurredAt, RecordedAt: now, About: about.ID, EntryID: about.EntryID,
		ReasonCodes: []string{code}, Note: note}
}

// doubleDoses places the standing records on the slots near the new ones
// (check.Placements, the tablet's one placement), then again without the
// "given" record each slot took: a slot that still has one was given twice.
func (rd *resident) doubleDoses(homeID string, cal *schedule.Calendar, sp *span, now time.Time) ([]mar.Event, error) {
	from, to := sp.from.Add(-slotReach), sp.to.Add(slotReach)
	first, err := check.Placements(cal, rd.versions, rd.standing, from, to)
	if err != nil {
		return nil, fmt.Errorf("place the records of %s: %w", rd.r.ID, err)
	}
	taken := map[*mar.Event]bool{}
	for _, p := range first {
		if p.Given != nil {
			taken[p.Given] = true
		}
	}
	if len(taken) == 0 {
		return nil, nil
	}
	var rest []*mar.Event
	for _, e := range rd.standing {
		if !taken[e] {
			rest = append(rest, e)
		}
	}
	second, err := check.Placements(cal, rd.versions, rest, from, to)
	if err != nil || len(second) != len(first) {
		return nil, fmt.Errorf("place the records of %s again: %d slots, then %d: %v", rd.r.ID, len(first), len(second), err)
	}
	var out []mar.Event
	for i, p := range second {
		if p.Given == nil || first[i].Given == nil {
			continue
		}
		later, earlier := first[i].Given, p.Given
		slot := first[i].Slot
		ev := rd.incident(central.IncidentID(homeID, central.IncidentDoubleDose, slot.EntryID, slot.Due.UTC().Format(time.RFC3339)),
			central.IncidentDoubleDose, later, now, rd.doubleNote(slot, earlier, later))
		ev.SlotDue = slot.Due.UTC()
		out = append(out, ev)
	}
	return out, nil
}

func (rd *resident) doubleNote(slot schedule.Slot, earlier, later *mar.Event) string {
	what := "a medicine"
	for _, v := range rd.versions {
		if v.ID == slot.EntryID && v.Version == slot.Version {
			if p, ok := rd.products[v.ProductID]; ok && p.Name != "" {
				what = p.Name
			}
		}
	}
	when := func(t time.Time) string { return t.In(rd.loc).Format("15:04") }
	return fmt.Sprintf("The %s dose of %s on %s was recorded as given twice: at %s on tablet %s and at %s on tablet %s. Check the resident now and report it as the home's medication incident policy says.",
		when(slot.Due), what, slot.Due.In(rd.loc).Format("Mon 2 Jan"), when(earlier.OccurredAt), earlier.DeviceID,
		when(later.OccurredAt), later.DeviceID)
}
