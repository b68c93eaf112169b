// Package schedule works out which doses are due when: it expands the timings
// of a resident's regular chart entries into dose slots, each with the window
// in which giving it counts as on time. It is a pure function of the chart,
// the time and the home's settings (rounds, windows, time zone).
//
// # Times and daylight saving
//
// A chart says "08:00" or "at night" in the home's local time, so slots are
// built from local calendar dates and wall-clock times, then stored in UTC.
// On the two daylight-saving days each year:
//
//   - A time the clocks skip (01:30 on the spring-forward day in
//     Europe/London) is due at the same distance after the jump: 01:30 GMT,
//     shown as 02:30 BST. This is the rule of RFC 5545 (iCalendar) and keeps
//     the dose on that day rather than dropping it.
//   - A time that happens twice (01:30 on the autumn day) is due at its first
//     occurrence (01:30 BST), so a dose is never pushed later than written.
//   - Each wall-clock time gives exactly one slot per local day, so a day of
//     23 or 25 hours has the same doses as any other day; a six-hourly
//     regimen then has one gap of 5 or 7 hours that day.
//
// # When codes and rounds
//
// FHIR event codes name a round, whose clock time the home sets:
//
//	MORN, MORN.early, MORN.late, WAKE, C, CM, ACM, PCM   -> morning
//	NOON, CD, ACD, PCD                                   -> lunchtime
//	AFT, AFT.early, AFT.late, EVE, EVE.early, EVE.late,
//	CV, ACV, PCV                                         -> teatime
//	NIGHT, HS, PHS                                       -> night
//
// A code not listed, or a home without the round it names, is an error: the
// dose time cannot be decided, and a guessed time would be a wrong-time
// hazard.
//
// Each time of an entry is one slot a day, so two times that fall at the
// same clock time (AFT and EVE, both teatime; a timeOfDay listed twice; a
// time and the when code of its round; two rounds the home has at one time)
// are an error too: merging them would silently drop a dose the prescriber
// meant.
//
// # Frequencies without times
//
// When an entry gives a frequency but neither times of day nor when codes:
//
//	1 per day -> morning
//	2 per day -> morning, night
//	3 per day -> morning, lunchtime, teatime (with meals, as UK MAR charts do)
//	4 per day -> morning, lunchtime, teatime, night
//	N per day, N > 4, and every-H-hours regimens (1 per 6 h, 3 per 1 d ...)
//	          -> evenly spaced from the home's first round, e.g. 1 per 6 h
//	             with morning at 08:00 gives 08:00, 14:00, 20:00, 02:00;
//	             the interval must divide the day into whole minutes
//	every N days (1 per 2 d) -> morning, every Nth local day counted from
//	             the entry's Start, else AuthoredOn, else ValidFrom
//	1 per week  -> the anchor's weekday (or DaysOfWeek), every Nth week
//	1 per month -> the anchor's day of the month (the last day in shorter
//	             months), every Nth month
//
// Any other combination is an error (*TimingError) rather than a guess.
//
// # Which entries produce slots
//
// Only regular (non-PRN) entries with status active produce slots: an entry
// on hold has no due doses, and a stopped, completed or cancelled version
// has none either. Each version produces only the slots due within its own
// validity [ValidFrom, ValidTo), so a superseded version still yields its
// past slots for reports, and two versions never both yield the same slot.
// The prescriber's bounds apply too: slots are due in [Start, End). A zero
// bound is open.
package schedule
