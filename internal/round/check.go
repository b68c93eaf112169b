package round

import (
	"errors"
	"fmt"
	"strings"
	"time"

	"medround/internal/barcode"
	"medround/internal/check"
	"medround/internal/mar"
	"medround/internal/store"
)

// historyDays is how far back the resident page reads records: a week and
// a day, so a weekly medicine's last dose is in it.
const historyDays = 8

// lookback is how far back the check must read a resident's records: two
// days covers today's slots, a dose given early or late across midnight and
// a 24-hour PRN maximum; an entry due less often than daily, or with a longer
// maximum-dose period, needs its whole period and a day more. Reading no
// more than needed keeps a check on a year-old tablet fast.
func lookback(chart []mar.ChartEntry) time.Duration {
	d := 48 * time.Hour
	for _, e := range chart {
		need := e.Timing.PeriodDuration()
		if len(e.Timing.DaysOfWeek) > 0 || e.Timing.PeriodUnit == "wk" {
			need = max(need, 7*24*time.Hour)
		}
		if e.Timing.PeriodUnit == "mo" {
			need = max(need, 31*24*time.Hour)
		}
		if e.MaxDose != nil {
			need = max(need, e.MaxDose.Period)
		}
		d = max(d, need+24*time.Hour)
	}
	return d
}

// onChart reports whether the scanned pack is a product on the resident's
// chart; only when it is not does the check need whose chart it is on.
func onChart(in check.Input) bool {
	for _, p := range in.Products {
		if p.HasGTIN(in.Pack.GTIN) {
			return true
		}
	}
	return false
}

// CheckRequest is a scan to check. With PackScan empty and EntryID set, the
// care worker chose the chart entry by hand.
type CheckRequest struct {
	ResidentScan string
	PackScan     string
	EntryID      string
	// ResidentChosen says the resident was chosen on screen (ResidentScan
	// then holds their record ID) rather than scanned from their wristband.
	ResidentChosen bool
	// Quantity is what the care worker means to give; 0 is the prescribed dose.
	Quantity float64
	// At is when the dose is given; zero means now.
	At time.Time
	// SlotDue names the dose a record is for by its due time, for a dose
	// or a refusal entered after its window (ResidentView.Overdue lists
	// them); zero ties the record to the dose nearest At.
	SlotDue time.Time
	// Site is where the dose goes on the body map: the site word of a
	// patch (mar.BodySites), or the area words of a cream separated by
	// commas (mar.SkinAreas).
	Site string
}

// Result is the check's verdict with what the scans matched.
type Result struct {
	Verdict  check.Verdict `json:"verdict"`
	Resident *mar.Resident `json:"resident,omitempty"`
	Pack     *mar.PackScan `json:"pack,omitempty"`
	// Protocol is the PRN protocol in force for the when-required line
	// matched, shown before the dose is recorded; nil when there is none
	// (the verdict then says NO_PRN_PROTOCOL).
	Protocol *mar.PRNProtocol `json:"protocol,omitempty"`
	// NotKept is set by CheckScan when a stop could not be kept for the
	// managers' review; the verdict still stands.
	NotKept error `json:"-"`
}

// Check runs the safety check on a resident scan and a pack scan (or an
// entry chosen by hand) and returns every reason it found. A nil error
// means the check ran: the verdict may still be stop.
func (s *Service) Check(req CheckRequest) (*Result, error) {
	// The records read for the check are not kept past it: the verdict
	// holds copies of what it says, so the next check reads into the same
	// memory.
	buf, _ := s.histories.Get().(*[]mar.Event)
	if buf == nil {
		buf = new([]mar.Event)
	}
	defer s.keepHistory(buf)
	in, res, err := s.checkInput(req, buf)
	if err != nil {
		return nil, err
	}
	res.Verdict = check.CheckIn(in, s.location(in.Home))
	if e := res.Verdict.Entry; e != nil && e.PRN {
		if p, ok := in.Care.Protocols[e.ID]; ok {
			res.Protocol = &p
		}
	}
	return res, nil
}

// keepHistory returns a check's history buffer for the next check,
// unless a month of a busy resident's records made it large.
func (s *Service) keepHistory(buf *[]mar.Event) {
	if cap(*buf) <= maxKeptHistory {
		s.histories.Put(buf)
	}
}

// maxKeptHistory is the most events a kept history buffer holds: about
// a week of records for a resident on a dozen medicines.
const maxKeptHistory = 1024

// location is the home's time zone, loaded once while the setting stays
// the same; nil when it cannot be loaded (the check then says so).
func (s *Service) location(h mar.Home) *time.Location {
	if loc := s.zone.Load(); loc != nil && loc.String() == h.ZoneName() {
		return loc
	}
	loc, err := h.Location()
	if err != nil {
		return nil
	}
	s.zone.Store(loc)
	return loc
}

// checkInput gathers what the check needs. The resident's records are
// read into *history's memory when history is not nil (it is left
// holding them).
func (s *Service) checkInput(req CheckRequest, history *[]mar.Event) (check.Input, *Result, error) {
	clock := s.now()
	at := req.At
	if at.IsZero() {
		at = clock
	}
	home, err := s.st.Home()
	if err != nil {
		return check.Input{}, nil, fmt.Errorf("check: read home settings: %w", err)
	}
	in := check.Input{Now: at.UTC(), Clock: clock.UTC(), Home: home, ResidentScan: req.ResidentScan,
		ResidentChosen: req.ResidentChosen, EntryID: req.EntryID, Quantity: req.Quantity,
		SlotDue: req.SlotDue.UTC()}
	res := &Result{}
	if err := s.matchResident(&in, req.ResidentScan); err != nil {
		return in, nil, err
	}
	res.Resident = in.Resident
	if req.PackScan != "" {
		s.matchPack(&in, req.PackScan)
		res.Pack = in.Pack
	}
	if in.Resident != nil {
		read, err := s.loadResident(&in, at, history)
		if err != nil {
			return in, nil, err
		}
		if err := s.addCare(&in, at, req.Site, read.from); err != nil {
			return in, nil, err
		}
	}
	if in.Sync, err = s.sync(); err != nil {
		return in, nil, fmt.Errorf("check: %w", err)
	}
	if in.Pack != nil && !onChart(in) {
		if err := s.otherResidents(&in); err != nil {
			return in, nil, err
		}
	}
	return in, res, nil
}

// sync is what this tablet knows of the home's other tablets: whether it
// is enrolled with a central record (the enrolment kept in its data
// directory) and when it last pulled their records.
func (s *Service) sync() (check.Sync, error) {
	at, err := s.st.PulledAt()
	if err != nil {
		return check.Sync{}, err
	}
	return check.Sync{Enrolled: store.Enrolled(s.dir), HeardAt: at}, nil
}

// matchResident fills the resident, or the reason the scan matched none.
// Only storage failures are errors: a bad scan is a reason in the verdict.
func (s *Service) matchResident(in *check.Input, scan string) error {
	r, err := s.findResidentRaw(scan)
	if err != nil || r != nil {
		in.Resident = r
		return err
	}
	code, err := s.parse(scan)
	if err != nil {
		in.ResidentScanErr = err
		return nil
	}
	if code.Kind != barcode.KindResident {
		in.ResidentScanErr = errors.New("the resident scan is not a resident ID (it looks like a medicine pack)")
		return nil
	}
	found, err := s.st.FindResident(residentKey(code))
	if errors.Is(err, store.ErrNotFound) {
		return nil
	}
	if err != nil {
		return fmt.Errorf("check: find resident: %w", err)
	}
	in.Resident = &found
	return nil
}

// findResidentRaw looks the scan up exactly as given, so identifiers a chart
// brought that match no barcode pattern (a hospital number, say) still work.
func (s *Service) findResidentRaw(scan string) (*mar.Resident, error) {
	scan = strings.TrimSpace(scan)
	if scan == "" {
		return nil, nil
	}
	r, err := s.st.FindResident(scan)
	if errors.Is(err, store.ErrNotFound) {
		return nil, nil
	}
	if err != nil {
		return nil, fmt.Errorf("find resident: %w", err)
	}
	return &r, nil
}

func (s *Service) matchPack(in *check.Input, scan string) {
	code, err := s.parse(scan)
	switch {
	case err != nil:
		in.PackScanErr = err
	case code.Kind != barcode.KindPack:
		in.PackScanErr = errors.New("the pack scan is not a medicine pack code (it looks like a resident ID)")
	default:
		p := packScan(code)
		in.Pack = &p
	}
}

// loadResident reads the chart, products, allergies and recent history
// (into *history's memory, when not nil), and returns the records it read.
func (s *Service) loadResident(in *check.Input, at time.Time, history *[]mar.Event) (readRecords, error) {
	id := in.Resident.ID
	var err error
	var read readRecords
	if in.Chart, err = s.st.Chart(id); err != nil {
		return read, fmt.Errorf("check: read chart: %w", err)
	}
	if in.Products, err = s.products(in.Chart); err != nil {
		return read, fmt.Errorf("check: %w", err)
	}
	if in.Allergies, err = s.st.Allergies(id); err != nil {
		return read, fmt.Errorf("check: read allergies: %w", err)
	}
	// Records after `at` count too: a dose recorded later than a
	// back-dated check must still stop a second dose of the same slot.
	read = readRecords{from: at.Add(-lookback(in.Chart)), to: at.Add(24 * time.Hour)}
	var into []mar.Event
	if history != nil {
		into = *history
	}
	if read.events, err = s.st.EventsInto(into, id, read.from, read.to); err != nil {
		return read, fmt.Errorf("check: read history: %w", err)
	}
	if history != nil {
		*history = read.events
	}
	in.History = read.events
	if err := s.addOldVersions(in); err != nil {
		return read, fmt.Errorf("check: %w", err)
	}
	if err := s.addEventProducts(in.Products, in.History); err != nil {
		return read, fmt.Errorf("check: %w", err)
	}
	if err := s.addRegister(in, read); err != nil {
		return read, fmt.Errorf("check: %w", err)
	}
	return read, nil
}

// readRecords are a resident's records with from <= occurred-at < to, as
// the store returned them (oldest first).
type readRecords struct {
	from, to time.Time
	events   []mar.Event
}

// within returns the records with from <= occurred-at < to, as the store
// would, when they were all read; false when some were not.
func (r readRecords) within(from, to time.Time) ([]mar.Event, bool) {
	if from.Before(r.from) || to.After(r.to) {
		return nil, false
	}
	return store.Within(r.events, from, to), true
}

// addOldVersions adds the chart versions that records made before events
// carried their product and unit were given under, when a chart change has
// replaced them: two tablets given before the line became a liquid are two
// tablets, not 2 mL. Only then is the chart's history read.
func (s *Service) addOldVersions(in *check.Input) error {
	current := make(map[string]int, len(in.Chart))
	for _, e := range in.Chart {
		current[e.ID] = e.Version
	}
	need := false
	for _, ev := range in.History {
		if v, ok := current[ev.EntryID]; ok && ev.Kind == mar.KindAdministration && ev.ProductID == "" && ev.EntryVersion != v {
			need = true
			break
		}
	}
	if !need {
		return nil
	}
	all, err := s.st.ChartHistory(in.Resident.ID)
	if err != nil {
		return fmt.Errorf("read chart history: %w", err)
	}
	for _, e := range all {
		if e.Version != current[e.ID] {
			in.Chart = append(in.Chart, e)
			if _, ok := in.Products[e.ProductID]; !ok {
				p, err := s.st.Product(e.ProductID)
				if err != nil {
					return fmt.Errorf("read product of entry %s: %w", e.ID, err)
				}
				in.Products[p.ID] = p
			}
		}
	}
	return nil
}

// addEventProducts adds the products doses were recorded as when a chart
// change has since taken them off the chart: the maximum per ingredient
// counts them.
func (s *Service) addEventProducts(m map[string]mar.Product, history []mar.Event) error {
	for _, ev := range history {
		if ev.ProductID == "" {
			continue
		}
		if _, ok := m[ev.ProductID]; ok {
			continue
		}
		p, err := s.st.Product(ev.ProductID)
		if errors.Is(err, store.ErrNotFound) {
			continue // the check reads such a record as a dose of no known line
		}
		if err != nil {
			return fmt.Errorf("read product of a record: %w", err)
		}
		m[p.ID] = p
	}
	return nil
}

func (s *Service) products(chart []mar.ChartEntry) (map[string]mar.Product, error) {
	m := make(map[string]mar.Product, len(chart))
	for _, e := range chart {
		if _, ok := m[e.ProductID]; ok {
			continue
		}
		p, err := s.st.Product(e.ProductID)
		if err != nil {
			return nil, fmt.Errorf("read product of entry %s: %w", e.ID, err)
		}
		m[p.ID] = p
	}
	return m, nil
}

// otherResidents names the other residents whose chart has this pack, so a
// wrong-resident stop can say whose medicine it is, and finds the pack's
// products, so a pack not on the chart is still checked against allergies.
func (s *Service) otherResidents(in *check.Input) error {
	products, err := s.st.Products()
	if err != nil {
		return fmt.Errorf("check: read products: %w", err)
	}
	for _, p := range products {
		if p.HasGTIN(in.Pack.GTIN) {
			in.PackProducts = append(in.PackProducts, p)
		}
	}
	ids, err := s.st.ResidentsWithGTIN(in.Pack.GTIN)
	if err != nil {
		return fmt.Errorf("check: residents with pack: %w", err)
	}
	for _, id := range ids {
		if in.Resident != nil && id == in.Resident.ID {
			continue
		}
		r, err := s.st.Resident(id)
		if err != nil {
			return fmt.Errorf("check: read resident: %w", err)
		}
		name := r.Name()
		if r.Room != "" {
			name += " (room " + r.Room + ")"
		}
		in.OtherResidents = append(in.OtherResidents, name)
	}
	return nil
}
