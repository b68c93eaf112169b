package report

import (
	"errors"

	"fmt"
	"github.com/google/uuid"
	"strings"
	"time"

	"medround/internal/mar"
	"medround/internal/schedule"
)

// recordMargin is how far outside the period events are read. A record for
// a slot due near the period's edge happens within its window (at most a
// few hours from it), a late one with an override within the day, and a PRN
// effect is asked within hours of the dose; a day covers them all without
// reading much more of the log.
const recordMargin = 24 * time.Hour

// builder holds what every kind of report reads: the home, its residents,
// chart entries and products, and the period.
type builder struct {
	src      Source
	home     mar.Home
	loc      *time.Location
	from, to time.Time
	now      time.Time

	residents map[string]*mar.Resident
	// entries holds every version of every chart entry; latest the index in
	// entries of each entry ID's highest version.
	entries  []mar.ChartEntry
	charts   [][2]int          // each resident's run [start, end) in entries
	chartOf  map[string][2]int // the same by resident ID
	latest   map[string]int
	versions map[versionKey]int
	products map[string]string // product ID -> name
	// fullProducts are the products as the check reads them.
	fullProducts map[string]mar.Product
	gtins        map[string]string // GTIN-14 -> product ID

	rep *Report
	// reviews are the follow-ups read by the last scan, latest per row key.
	reviews map[reviewKey][]reviewEvent
	// void is what the corrections read by the last scan void.
	void map[uuid.UUID]bool
	// memo, when set, keeps the events and slots the first section of a
	// review read for the others (memo.go).
	memo *memo
	// days, when set, counts the review's resident × day grid as the
	// missed report reads the slots.
	days *dayTally
}

func newBuilder(src Source, k Kind, from, to, now time.Time) (*builder, error) {
	home, err := src.Home()
	if err != nil {
		return nil, fmt.Errorf("read home: %w", err)
	}
	loc, err := home.Location()
	if err != nil {
		return nil, err
	}
	b := &builder{src: src, home: home, loc: loc, from: from.UTC(), to: to.UTC(), now: now.UTC()}
	if err := b.loadResidents(); err != nil {
		return nil, err
	}
	if err := b.loadProducts(); err != nil {
		return nil, err
	}
	b.rep = b.newReport(k)
	return b, nil
}

func (b *builder) newReport(k Kind) *Report {
	return &Report{
		Kind: k, Home: b.home.Name, TimeZone: b.loc.String(),
		From: b.from.In(b.loc), To: b.to.In(b.loc), AsOf: b.now.In(b.loc), Rows: []Row{},
	}
}

func (b *builder) loadResidents() error {
	rs, err := b.src.Residents()
	if err != nil {
		return fmt.Errorf("read residents: %w", err)
	}
	b.residents = make(map[string]*mar.Resident, len(rs))
	b.chartOf = make(map[string][2]int, len(rs))
	b.latest = make(map[string]int, len(rs)*12)
	b.versions = make(map[versionKey]int, len(rs)*12)
	for i := range rs {
		r := &rs[i]
		b.residents[r.ID] = r
		hist, err := b.src.ChartHistory(r.ID)
		if err != nil {
			// The resident ID, not the name: errors may reach a log.
			return fmt.Errorf("read chart of resident %s: %w", r.ID, err)
		}
		b.charts = append(b.charts, [2]int{len(b.entries), len(b.entries) + len(hist)})
		b.chartOf[r.ID] = b.charts[len(b.charts)-1]
		for _, e := range hist {
			b.entries = append(b.entries, e)
			b.versions[versionKey{e.ID, e.Version}] = len(b.entries) - 1
			if j, ok := b.latest[e.ID]; !ok || e.Version > b.entries[j].Version {
				b.latest[e.ID] = len(b.entries) - 1
			}
		}
	}
	return nil
}

func (b *builder) loadProducts() error {
	ps, err := b.src.Products()
	if err != nil {
		return fmt.Errorf("read products: %w", err)
	}
	b.products = make(map[string]string, len(ps))
	b.gtins = make(map[string]string, len(ps))
	b.fullProducts = make(map[string]mar.Product, len(ps))
	for _, p := range ps {
		b.fullProducts[p.ID] = p
		b.products[p.ID] = p.Name
		for _, g := range p.GTINs {
			b.gtins[g] = p.ID
		}
	}
	return nil
}

// timingWarnings adds the entries the schedule could not expand to the
// report's warnings; any other error is returned.
func (b *builder) timingWarnings(err error) error {
	if err == nil {
		return nil
	}
	errs := []error{err}
	if j, ok := err.(interface{ Unwrap() []error }); ok {
		errs = j.Unwrap()
	}
	for _, e := range errs {
		var te *schedule.TimingError
		if !errors.As(e, &te) {
			return fmt.Errorf("expand chart: %w", err)
		}
		b.rep.Warnings = append(b.rep.Warnings, te.Error())
	}
	return nil
}

// scanRange is the span of the event log a report reads: see recordMargin.
func (b *builder) scanRange() (from, to time.Time) {
	end := b.to
	if b.now.After(end) {
		end = b.now
	}
	return b.from.Add(-recordMargin), end.Add(recordMargin)
}

// entry returns the latest version of a chart entry.
func (b *builder) entry(id string) (*mar.ChartEntry, bool) {
	i, ok := b.latest[id]
	if !ok {
		return nil, false
	}
	return &b.entries[i], true
}

// versionKey names one version of a chart entry.
type versionKey struct {
	id      string
	version int
}

// version returns the given version of a chart entry, else its latest.
func (b *builder) version(id string, v int) (*mar.ChartEntry, bool) {
	if i, ok := b.versions[versionKey{id, v}]; ok {
		return &b.entries[i], true
	}
	return b.entry(id)
}

// baseRow fills in who and what a row is about, from the version of the
// chart entry the dose was due or given under (else its latest version):
// a later chart change, tablets to liquid under the same request, must not
// rewrite what a past dose was.
func (b *builder) baseRow(residentID, entryID string, version int) Row {
	row := Row{ResidentID: residentID, EntryID: entryID, Medicine: "unknown chart entry " + entryID}
	if r, ok := b.residents[residentID]; ok {
		row.Resident, row.Room = r.Name(), r.Room
	}
	if e, ok := b.version(entryID, version); ok {
		row.Medicine = b.medicine(e)
		row.Dose = e.Dose.String()
		if row.ResidentID == "" {
			row.ResidentID = e.ResidentID
		}
	}
	return row
}

// eventRow is baseRow for a dose record: the product the record names, if
// it names one, else its entry version's.
func (b *builder) eventRow(ev *mar.Event) Row {
	row := b.baseRow(ev.ResidentID, ev.EntryID, ev.EntryVersion)
	if n := b.products[ev.ProductID]; ev.ProductID != "" && n != "" {
		row.Medicine = n
	}
	return row
}

func (b *builder) medicine(e *mar.ChartEntry) string {
	if n, ok := b.products[e.ProductID]; ok && n != "" {
		return n
	}
	if e.Text != "" {
		return e.Text
	}
	return "product " + e.ProductID
}

// local converts a UTC instant to the home's zone; zero stays zero.
func (b *builder) local(t time.Time) time.Time {
	if t.IsZero() {
		return t
	}
	return t.In(b.loc)
}

// roundAt names the home's round at a due time, for a record whose slot the
// schedule no longer produces.
func (b *builder) roundAt(due time.Time) string {
	l := due.In(b.loc)
	c := mar.ClockTime(l.Hour()*60 + l.Minute())
	for _, r := range b.home.Rounds {
		if r.At == c {
			return r.Name
		}
	}
	return ""
}

// inPeriod reports whether t is in [from, to).
func (b *builder) inPeriod(t time.Time) bool {
	return !t.Before(b.from) && t.Before(b.to)
}

// residentLabel is how a resident is named in a summary.
func (b *builder) residentLabel(id string) string {
	if r, ok := b.residents[id]; ok {
		if n := strings.TrimSpace(r.Name()); n != "" {
			return n
		}
	}
	return id
}
