package check

import (
	"time"

	"medround/internal/mar"
)

// checkResident controls giving to the wrong person or to nobody: the scan
// must be a valid ID of a resident who is in the home.
func (c *checker) checkResident() {
	in := c.in
	switch {
	case in.ResidentScanErr != nil:
		c.v.add(newReason(ScanInvalid,
			"Do not give. The resident scan is not a valid ID (%v). Scan the resident's wristband or ID card again, or type their ID.",
			in.ResidentScanErr))
	case in.Resident == nil:
		c.v.add(newReason(ResidentUnknown,
			"Do not give. No resident of this home has the ID %q. Check you have the right person and scan their wristband or ID card again.",
			in.ResidentScan))
	default:
		c.checkAway()
	}
	c.noteResidentChosen()
}

// checkAway controls a dose recorded for a resident who was not in the home
// when it was given (H2): the status is the one at the dose's time, read
// from the status changes in the history (mar.StatusAt), so a dose given a
// minute before the resident left for hospital can still be recorded and
// one back-dated into a hospital stay cannot.
func (c *checker) checkAway() {
	r := *c.in.Resident
	r.Status = mar.StatusAt(r.Status, c.in.History, c.in.Now)
	if r.Active && !r.Status.Away() {
		return
	}
	next := "If they are back in the home, record their return on their page first (any member of staff may), then scan again."
	if !r.Active || r.Status == mar.StatusDischarged || r.Status == mar.StatusDeceased {
		next = "If this is wrong, ask a senior to correct their status."
	}
	c.v.add(newReason(ResidentAway,
		"Do not give. %s is recorded as %s at %s, so no doses are due. %s",
		residentName(&r), awayWords(r), c.when(c.in.Now), next))
}

// noteResidentChosen records that the wrong-resident barcode control did
// not run: the resident was chosen on screen. Identity by sight is normal
// practice in UK care homes, so this is not a warning, but the record must
// show it and the care worker is asked to check.
func (c *checker) noteResidentChosen() {
	in := c.in
	if !in.ResidentChosen || in.Resident == nil || in.ResidentScanErr != nil {
		return
	}
	born := ""
	if d, err := time.Parse(time.DateOnly, in.Resident.BirthDate); err == nil {
		born = ", born " + d.Format("2 January 2006")
	}
	c.v.add(newReason(ResidentNotScanned,
		"The resident was chosen on screen, not scanned: check their identity (name, photo, date of birth) before giving. This is %s%s.",
		residentName(in.Resident), born))
}

func awayWords(r mar.Resident) string {
	if !r.Active {
		return "no longer a resident"
	}
	switch r.Status {
	case mar.StatusHospital:
		return "in hospital"
	case mar.StatusLeave:
		return "on leave"
	case mar.StatusDischarged:
		return "discharged"
	case mar.StatusDeceased:
		return "deceased"
	}
	return "away from the home"
}

// checkPackScan controls a misread barcode being taken for a medicine.
func (c *checker) checkPackScan() {
	in := c.in
	switch {
	case in.PackScanErr != nil:
		c.v.add(newReason(ScanInvalid,
			"Do not give. The pack barcode could not be read as a medicine code (%v). Scan the pack again; if it still fails, choose the medicine from the chart and say why.",
			in.PackScanErr))
	case in.Pack == nil && in.EntryID == "":
		c.v.add(newReason(CannotDecide,
			"Do not give. No medicine was scanned or chosen. Scan the pack, or choose the medicine from the chart."))
	}
}

// checkExpiry controls giving from an expired pack. The expiry is the last
// day the pack may be used, so the expiry day itself is still in date.
func (c *checker) checkExpiry() {
	p := c.in.Pack
	if p == nil {
		if c.in.EntryID != "" && c.in.PackScanErr == nil {
			c.v.add(newReason(ExpiryNotChecked,
				"No pack was scanned, so its expiry date was not checked. Check the expiry date on the pack by eye before giving."))
		}
		return
	}
	if !p.HasExpiry() {
		c.v.add(newReason(ExpiryNotChecked,
			"This barcode has no expiry date. Check the expiry date on the pack by eye before giving."))
		return
	}
	ey, em, ed := p.Expiry.UTC().Date()
	expiry := time.Date(ey, em, ed, 0, 0, 0, 0, time.UTC)
	ty, tm, td := c.in.Now.In(c.loc).Date()
	today := time.Date(ty, tm, td, 0, 0, 0, 0, time.UTC)
	if expiry.Before(today) {
		c.v.add(newReason(Expired,
			"Do not give. This pack expired on %s. Use an in-date pack and return this one to the pharmacy.",
			expiry.Format("2 Jan 2006")))
	}
}
