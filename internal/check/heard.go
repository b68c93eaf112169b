package check

import (
	"time"

	"medround/internal/mar"
)

// NotHeardAfter is how long a tablet may go without the central record's
// changes before the verdict says that other tablets' doses may be missing
// from it: the sync loop runs every minute, so this is a connection lost,
// not a slow one.
const NotHeardAfter = 15 * time.Minute

// Sync is what a tablet knows of the home's other tablets: their records
// reach it only through the central record, when it pulls.
type Sync struct {
	// Enrolled is set when the tablet is enrolled with a central record,
	// so other tablets may record doses it does not know. A tablet that
	// has heard from the others (HeardAt set) is taken as enrolled too.
	// Neither: a home that uses this tablet alone, with no others.
	Enrolled bool
	// HeardAt is when the tablet last took in the central record's
	// changes; zero when it never has.
	HeardAt time.Time
}

// noteNotHeard says, on an enrolled tablet that has not synced for a while
// or has never synced, that a dose recorded on another tablet is not in
// this check (H37). It is information, not a warning: homes with poor
// Wi-Fi are often offline, and a reason typed at every dose would teach
// people to type anything; the centre finds a double dose made this way
// (DOUBLE_DOSE, PRN_MAX_EXCEEDED). A stop is said without it.
//
// How long ago is measured on the tablet's clock (Clock), not from the
// dose time (Now): what this tablet lacks is every record the others made
// since it last pulled, and a dose recorded later for an earlier time is
// checked against all of them, the doses given around it and after it
// alike. A pull after the dose time does not make a back-dated check
// whole: another care worker may have recorded that same dose, or the
// next, since. A pull before the dose time needs no rule of its own: the
// dose time then lies between the pull and the clock, so the clock is at
// least as far from the pull.
func (c *checker) noteNotHeard() {
	s := c.in.Sync
	if (!s.Enrolled && s.HeardAt.IsZero()) || c.v.Level == mar.LevelStop {
		return
	}
	if s.HeardAt.IsZero() {
		c.v.add(newReason(NotHeard,
			"This tablet has not yet taken in the other tablets' records since it was enrolled with the central record, so a dose given on another tablet is not known to this check: if another care worker may have given it, check with the care workers on shift before giving."))
		return
	}
	ago := c.clock().Sub(s.HeardAt)
	if ago < NotHeardAfter {
		return
	}
	c.v.add(newReason(NotHeard,
		"This tablet last heard from the home's other tablets at %s (%s ago). A dose recorded on another tablet since then is not known to this check: if another care worker may have given it, check with the care workers on shift before giving.",
		c.when(s.HeardAt), span(ago.Truncate(time.Minute))))
}

// clock is the tablet's clock when the check ran: Now when the caller did
// not say.
func (c *checker) clock() time.Time {
	if c.in.Clock.IsZero() {
		return c.in.Now
	}
	return c.in.Clock
}
