package check

import (
	"math"
	"time"

	"medround/internal/mar"
	"medround/internal/schedule"
)

// Input is everything the check looks at. The caller loads it; the check
// does no I/O.
type Input struct {
	// Now is when the dose would be given (or was, for a record entered
	// late), not the clock: see Clock.
	Now  time.Time
	Home mar.Home
	// ResidentScan is what was scanned or typed for the resident.
	ResidentScan string
	// ResidentChosen is set when the resident was chosen on screen (their
	// row tapped) rather than scanned; ResidentScan then holds their record
	// ID, and the wristband barcode control did not run.
	ResidentChosen bool
	// Resident is nil when no resident of this home matched the scan.
	Resident *mar.Resident
	// ResidentScanErr says why the scan is not a valid ID (an NHS number
	// whose check digit is wrong, say).
	ResidentScanErr error
	// Pack is the parsed pack barcode, nil when none was scanned.
	Pack        *mar.PackScan
	PackScanErr error
	// EntryID is the chart entry chosen by hand when no pack was scanned,
	// or chosen to settle which of two entries a scanned pack is for.
	EntryID string
	// Quantity is what the care worker means to give; 0 is the prescribed
	// dose.
	Quantity float64
	// SlotDue, when set, is the due time of the dose slot a record is for:
	// a refusal or a dose entered late names the dose it was, rather than
	// being tied to the slot nearest Now. It must be one of the entry's
	// slots within a day of Now, or the check cannot decide.
	SlotDue time.Time
	// Chart is the resident's current chart entries, of every status.
	Chart []mar.ChartEntry
	// Products holds the products of the chart by ID.
	Products map[string]mar.Product
	// PackProducts are the products of this home whose GTINs include the
	// scanned pack's, filled by the caller; empty when the pack is unknown.
	// The check reads them only when the pack matches no chart entry, to
	// say that the pack, though not on the chart, could harm the resident.
	PackProducts []mar.Product
	Allergies    []mar.Allergy
	// History is the resident's events from at least seven days before Now
	// (and any recorded after it), corrections included.
	History []mar.Event
	// OtherResidents are the display names of other residents whose
	// current chart has the scanned pack's GTIN, for the wrong-resident
	// message.
	OtherResidents []string
	// CDBalances holds the controlled drugs register balance of each
	// product on the chart that keeps one, by product ID (internal/ledger
	// works it out, and says which keep one by the home's settings); a
	// product missing from it keeps no register.
	CDBalances map[string]float64
	// Recalls are the batches a manager has marked recalled.
	Recalls []Recall
	// Care holds homely remedy approvals, covert plans and the patch site.
	Care Care
	// Sync is what this tablet knows of the home's other tablets' records.
	Sync Sync
	// Clock is the tablet's clock when the check ran. It differs from Now
	// when a dose given earlier is recorded later (back-dated); zero means
	// Now.
	Clock time.Time
}

// checker holds one run of the check.
type checker struct {
	in      Input
	cal     *schedule.Calendar
	loc     *time.Location
	chart   []mar.ChartEntry // one version of each entry, the one in force at Now
	v       Verdict
	history *history
	doses   []givenDose // history.given as given, filled by givenDoses
	match   *mar.IngredientMatcher
}

// Check runs every rule on the input and returns the verdict with every
// reason it could determine: a stop found early does not hide the others.
// It never returns ok when a rule could not decide.
func Check(in Input) Verdict { return run(in, nil) }

// CheckIn is Check with the home's time zone already loaded by the caller:
// loading it cost more than most rules. A location that is not the
// home's zone is not used (the zone is loaded again).
func CheckIn(in Input, loc *time.Location) Verdict {
	cal, err := schedule.NewCalendarIn(in.Home, loc)
	if err != nil {
		cal = nil
	}
	return run(in, cal)
}

// run is Check with the home's calendar, when the caller has it already:
// NextPRN checks the same input at many times, and reading the time zone
// each time would cost more than the rules.
func run(in Input, cal *schedule.Calendar) Verdict {
	c := &checker{in: in, cal: cal, match: &mar.IngredientMatcher{}, v: Verdict{Level: mar.LevelOK, Reasons: []Reason{}}}
	if !c.setup() {
		return c.v
	}
	c.checkResident()
	c.checkPackScan()
	c.checkExpiry()
	c.checkRecall()
	if c.in.Resident == nil || c.in.ResidentScanErr != nil {
		return c.v
	}
	if !c.chooseEntry() {
		return c.v
	}
	c.history = newHistory(in.Resident.ID, in.History)
	c.checkRecallUnscanned()
	c.checkAllergy()
	c.checkDose()
	c.checkRegister()
	c.noteWitness()
	c.noteTimeCritical()
	c.checkCare()
	if c.checkEntryStatus() {
		if c.v.Entry.PRN {
			c.checkPRN()
		} else {
			c.checkSlot()
			c.checkRegularGap()
			c.checkRecentIngredient()
		}
		c.checkMaxDose()
		c.checkUnknownRecords()
		c.noteNotHeard()
		c.noteCorrected()
	}
	return c.v
}

// setup reads the home's zone and the time of the check; without them no
// date or time rule can decide.
func (c *checker) setup() bool {
	cal, err := c.cal, error(nil)
	if cal == nil {
		cal, err = schedule.NewCalendar(c.in.Home)
	}
	if err != nil {
		c.v.add(newReason(CannotDecide,
			"Do not give. The home's time zone setting %q is not valid, so due times cannot be worked out. Ask the manager to correct the home settings.",
			c.in.Home.TimeZone))
		return false
	}
	c.cal, c.loc = cal, cal.Location()
	if c.in.Now.IsZero() {
		c.v.add(newReason(CannotDecide,
			"Do not give. The time of this check is not known. Check the tablet's clock and scan again."))
		return false
	}
	return true
}

// checkDose controls a wrong dose. More than the most the chart allows is
// an overdose and stops: no reason typed at the trolley makes it safe, only
// the prescriber can change the dose. Less, or another amount when the
// chart's top cannot be read, is a warning: a part dose (the resident took
// one tablet of two) is common and must be a deliberate, recorded choice.
func (c *checker) checkDose() {
	q, e := c.in.Quantity, c.v.Entry
	const eps = 1e-9
	switch {
	case q == 0:
		return
	case q < 0 || math.IsNaN(q) || math.IsInf(q, 0):
		c.v.add(newReason(CannotDecide,
			"Do not give. The amount entered (%g) is not a number of %s. Enter the amount again.", q, unitOr(e.Dose.Unit, "doses")))
		return
	case e.InDoseRange(q):
		return
	}
	if top, ok := topDose(*e); ok && q > top+eps {
		c.v.add(newReason(DoseTooHigh,
			"Do not give %s: the chart says %s. Give the prescribed dose, or ask the prescriber to change the chart.",
			amount(q, e.Dose.Unit), doseText(*e)))
		return
	}
	c.v.add(newReason(DoseChanged,
		"The chart says %s; you entered %s. Check the chart before giving. Giving a different amount needs a reason, which is recorded.",
		doseText(*e), amount(q, e.Dose.Unit)))
}

// topDose is the most the chart allows in one dose: the top of the range,
// else the dose. It reports false when the chart gives neither.
func topDose(e mar.ChartEntry) (float64, bool) {
	switch {
	case e.DoseHigh > 0:
		return e.DoseHigh, true
	case e.DoseLow == 0 && e.Dose.Value > 0:
		return e.Dose.Value, true
	}
	return 0, false
}

// noteWitness reminds that a schedule 2 or 3 controlled drug needs a second
// person; CanRecord enforces it.
func (c *checker) noteWitness() {
	if p := c.v.Product; p != nil && p.NeedsWitness() {
		c.v.add(newReason(WitnessRequired,
			"%s is a schedule %d controlled drug. A second member of staff who may witness (a senior or manager) must watch it given and sign.",
			p.Name, p.CDSchedule))
	}
}

// noteTimeCritical tells the care worker the window is narrow.
func (c *checker) noteTimeCritical() {
	if c.v.Entry.TimeCritical {
		c.v.add(newReason(TimeCritical,
			"This is a time-critical medicine: give it within %s of the due time. A late dose can cause harm (for example in Parkinson's).",
			minutes(criticalWindow(c.in.Home))))
	}
}

func criticalWindow(h mar.Home) time.Duration {
	if h.CriticalWindow > 0 {
		return h.CriticalWindow
	}
	return mar.DefaultHome().CriticalWindow
}
