package check

import "medround/internal/mar"

// noteProtocol says when a when-required line has no PRN protocol, or has
// one written before the prescription last changed, so that the care
// worker knows the signs and guidance they were shown may be missing or
// stale and the senior is told. A homely remedy's terms are the home's
// list, which is its protocol.
func (c *checker) noteProtocol() {
	e := c.v.Entry
	if e == nil || !e.PRN || mar.IsHomelyEntry(e.ID) {
		return
	}
	p, ok := c.in.Care.Protocols[e.ID]
	if !ok || p.At.After(c.in.Now) {
		why := "what the chart says it is for"
		if e.PRNReason != "" {
			why = "what the chart says it is for (" + e.PRNReason + ")"
		}
		c.v.add(newReason(NoPRNProtocol,
			"There is no PRN protocol for this medicine. Give it only for %s, and tell the senior so one is written.", why))
		return
	}
	if p.At.Before(e.ValidFrom) {
		c.v.add(newReason(PRNProtocolOld,
			"The prescription changed (%s) after this PRN protocol was written (%s). Follow the chart's dose and interval, and ask the senior to review the protocol.",
			c.when(e.ValidFrom), c.when(p.At)))
	}
}
