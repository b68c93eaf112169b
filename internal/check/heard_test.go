package check

import "time"

// heardAt is a tablet enrolled with the central record that last took in
// the other tablets' records at t.
func heardAt(t time.Time) func(in *Input) {
	return func(in *Input) { in.Sync = Sync{Enrolled: true, HeardAt: t.UTC()} }
}

// neverPulled is a tablet enrolled with the central record that has not
// yet taken in the other tablets' records.
func neverPulled(in *Input) { in.Sync = Sync{Enrolled: true} }

// clockAt is the tablet's clock when the check ran, for a dose recorded
// later for an earlier time (Now).
func clockAt(t time.Time) func(in *Input) { return func(in *Input) { in.Clock = t.UTC() } }

// heardRows are the rows of a tablet that has not heard from the others.
func heardRows() []checkRow {
	return []checkRow{
		{name: "PRN paracetamol on a tablet that last heard from the other tablets 2 hours ago says so",
			mod:  all(paraAt(14, 0), heardAt(at(12, 0))),
			want: []Code{NotHeard}, level: ok, also: says(NotHeard, "12:00 (2 hours ago)")},
		{name: "PRN paracetamol on a tablet that synced 5 minutes ago says nothing of other tablets",
			mod:  all(paraAt(14, 0), heardAt(at(13, 55))),
			want: nil, level: ok},
		{name: "paracetamol 3 minutes after paracetamol on a tablet offline for an hour stops without the note",
			mod:  all(paraAt(14, 3), heardAt(at(13, 0)), withHistory(prnGiven("e-para", at(14, 0), 2))),
			want: []Code{TooSoon}, level: stop},
		{name: "tablet enrolled an hour ago that never pulled: the note says the other tablets are not heard from",
			mod:  all(paraAt(14, 0), neverPulled),
			want: []Code{NotHeard}, level: ok, also: says(NotHeard, "not yet taken in the other tablets' records since it was enrolled")},
		{name: "amlodipine late on a tablet that never pulled: the warning carries the note too",
			mod:  all(now(at(11, 0)), neverPulled),
			want: []Code{Late, NotHeard}, level: warn},
		{name: "paracetamol too soon on a tablet that never pulled stops without the note",
			mod:  all(paraAt(14, 3), neverPulled, withHistory(prnGiven("e-para", at(14, 0), 2))),
			want: []Code{TooSoon}, level: stop},
		{name: "PRN paracetamol in a home that uses one tablet alone says nothing of other tablets",
			mod:  all(paraAt(14, 0), func(in *Input) { in.Sync = Sync{} }),
			want: nil, level: ok},
		{name: "PRN paracetamol on a tablet that heard from the others but keeps no enrolment still says when",
			mod:  all(paraAt(14, 0), func(in *Input) { in.Sync = Sync{HeardAt: at(12, 0).UTC()} }),
			want: []Code{NotHeard}, level: ok, also: says(NotHeard, "12:00 (2 hours ago)")},
		{name: "PRN paracetamol given at 12:30 and recorded at 14:00, last heard at 13:00: the hour since the sync is said",
			mod:  all(paraAt(12, 30), clockAt(at(14, 0)), heardAt(at(13, 0))),
			want: []Code{NotHeard}, level: ok, also: says(NotHeard, "13:00 (1 hour ago)")},
		{name: "PRN paracetamol given at 11:00 and recorded at 14:00 on a tablet that synced 10 minutes ago says nothing of other tablets",
			mod:  all(paraAt(11, 0), clockAt(at(14, 0)), heardAt(at(13, 50))),
			want: nil, level: ok},
		{name: "PRN paracetamol checked at 14:00 for 16:00 on a tablet that synced 5 minutes ago says nothing of other tablets",
			mod:  all(paraAt(16, 0), clockAt(at(14, 0)), heardAt(at(13, 55))),
			want: nil, level: ok},
		{name: "PRN paracetamol on a tablet whose clock reads before its last sync says nothing of other tablets",
			mod:  all(paraAt(14, 0), heardAt(at(14, 30))),
			want: nil, level: ok},
	}
}
