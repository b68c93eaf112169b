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

// noteNotHeard says, on an enrolled tablet that has not synced for a while,
// that a dose given on another tablet since then is not in this check
// (H37). It is information, not a warning: homes with poor Wi-Fi are often
// offline, and a reason typed at every dose would teach people to type
// anything; the centre finds a double dose made this way (DOUBLE_DOSE,
// PRN_MAX_EXCEEDED). A stop is said without it.
func (c *checker) noteNotHeard() {
	heard := c.in.HeardFromOthers
	if heard.IsZero() || c.v.Level == mar.LevelStop || c.in.Now.Sub(heard) < NotHeardAfter {
		return
	}
	c.v.add(newReason(NotHeard,
		"This tablet last heard from the home's other tablets at %s (%s ago). A dose given on another tablet since then is not known to this check: if another care worker may have given it, check with the care workers on shift before giving.",
		c.when(heard), span(c.in.Now.Sub(heard).Truncate(time.Minute))))
}
