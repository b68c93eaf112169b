// Package report builds the reports a home's managers review: missed doses,
// doses given late (or early), doses refused or not given, and PRN ("when
// required") use, over any period, per resident and per round, written as an
// aligned table, CSV or JSON.
//
// It is a pure function of what a [Source] returns (the home's settings,
// residents, chart history, products and the event log) and of "now"; it
// does no I/O of its own beyond the writers and never logs, because its
// output carries residents' names.
//
// # Which records count
//
// A dose record belongs to a dose slot by its chart entry ID and slot due
// time (Event.EntryID + Event.SlotDue), placed as the check and the round
// board place it (check.SlotFor): each version of an entry is expanded on
// its own, and a record of an earlier timing (08:00 given, then the dose
// moved to 09:00) belongs to the nearest slot of the new timing too, so
// the 09:00 slot the check would stop as already given is not missed. Any
// outcome counts as a record:
// given, refused or not given (whatever the reason). An event named by a
// correction (KindCorrection, Corrects = its ID) does not count; a
// correction that is itself corrected no longer voids its target.
//
// A record belongs to the period by its slot's due time, or, for a PRN dose
// (no slot), by when it happened. Records and corrections are read from a
// day before the period up to a day after its end or now, whichever is
// later, so that a late record, a PRN effect asked afterwards or a
// correction made after the period still count. (So a report of a short
// period long ago reads the log up to now; the year's report reads about a
// year.)
//
// Slots are expanded only as far as now (and the widest window after it):
// a slot whose window has not opened can be neither missed nor late, and
// is not counted. A period longer than MaxPeriod up to now is refused.
//
// A row names the medicine and dose of the chart entry version the dose was
// due or given under (the record's own product when it names one), never a
// later version's: tablets changed to liquid under the same request leave
// past doses as tablets.
//
// A chart entry whose timing the schedule cannot expand has no slots: the
// report still builds, and Report.Warnings names the entry, because a
// report silent about doses it could not work out would pass them as fine.
//
// # Missed
//
// A regular dose slot due in [from, to) whose window closed before now
// (now after Closes) with no record. Slots whose window is still open are
// counted as pending in the summaries, not listed. The summaries give the
// number of slots due, so a rate can be read.
//
// A slot with no record while the resident was away is not a missed dose:
// the resident was not there to be given it. It is counted as "away" in the
// summaries, not listed. It is excused only when the resident was away (in
// hospital, on leave, discharged or deceased) for the whole window, from
// Opens to Closes: a resident who came back, or left, during the window
// could have been given the dose, so that slot is listed as missed, with the
// status the resident had at the due time. Where the resident was comes
// from the status-change events (KindStatusChange); before the first one
// read, the status is taken to be the opposite kind of the first change
// (away before a return, present before a departure), and with no change
// read it is the resident's current status throughout (the status of their
// last status change, which is before the log read). A status change after
// the dose never excuses it: a dose missed while present stays missed when
// the resident goes to hospital later.
//
// # Late and early
//
// A given record is late when it happened after its slot's window closed
// (OccurredAt after Closes) and early when before it opened (OccurredAt
// before Opens); both are listed in the late report with a timing column,
// the signed minutes from the due time and the override reason recorded.
// The window is the slot's; for a record whose slot the schedule no longer
// produces, it is the home's window around Event.SlotDue.
//
// # Not given
//
// Refused and not-given records, with the reason code and note, summarised
// per resident, per round and per reason ("refused" being its own reason;
// "unstated" for a not-given record without one). A PRN dose declined is
// tallied under the round "prn".
//
// # PRN
//
// A PRN dose is the check's (check.IsPRNDose): a given record that names
// no slot, whatever its chart line says now. The managers' PRN summary
// (SummarisePRN) counts the same doses.
//
// Per resident, PRN entry, product and unit (each dose as it was given: a
// chart change from tablets to liquid makes two rows, never a sum of
// tablets and mL): the number of doses given, their times, the
// total quantity, the largest total in any rolling 24 hours within the
// period, totals per local calendar day, the chart's maximum and whether a
// dose of the row took a maximum over, and how many doses had an effect
// recorded (KindPRNEffect) and how many were effective. "Over the maximum"
// is the check's rule, not a copy of it (check.MaximaPassed, asked at each
// dose): every dose of an active ingredient counts, in milligrams, whatever
// line or form it was given as (regular doses too), against the strictest
// maximum in force; a line whose product names no ingredient counts its own
// doses in its unit. Paracetamol tablets and suspension within their own
// maxima can be over 4 g together. A maximum over a longer period than a
// day (8 tablets a week) reads the doses of its period before the report's
// (up to a month). A dose recorded with no quantity counts as the prescribed dose.
// PRN doses have no round, so the PRN report has no per-round summary.
//
// Rows of missed and late doses mark time-critical medicines.
//
// All times in a report are in the home's zone (mar.Home.Location); the
// table shows local wall-clock times under a title naming the zone, CSV and
// JSON carry the offset (RFC 3339), so the repeated hour of the autumn
// change is not ambiguous. Free text in CSV that a spreadsheet would run as
// a formula (starting with = + - @) is prefixed with an apostrophe.
package report
