package check

import "time"

func heardAt(t time.Time) func(in *Input) {
	return func(in *Input) { in.HeardFromOthers = t.UTC() }
}

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
	}
}
