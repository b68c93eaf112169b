package report

import (
	"slices"
	"time"

	"medround/internal/mar"
)

// memoMaxSpan is the longest span of the event log the review keeps in
// memory between its sections: the screen's periods (a day to a fortnight)
// read about 20,000 events, a few megabytes, where a year would hold
// hundreds of megabytes and is read again for each section instead.
const memoMaxSpan = 35 * 24 * time.Hour

// memo is what the review's sections share: the event log over the scan
// range and the dose slots of the period, read and expanded once instead of
// once per section (seven reads and five expansions made the 100-resident
// fortnight's review take 120-150 ms; see BenchmarkReview14DaysHome).
type memo struct {
	// events are kept in chunks, so that holding them never copies them
	// to grow.
	events [][]mar.Event
	read   bool

	slots        *slotSet
	slotWarnings []string
}

// useMemo makes the builder keep what it reads for its next reports, when
// the span read is short enough to hold.
func (b *builder) useMemo() {
	if from, to := b.scanRange(); to.Sub(from) <= memoMaxSpan {
		b.memo = &memo{}
	}
}

// eachEvent calls fn for each event of the log in [from, to), from memory
// once the memo holds them. fn must not keep a pointer into the event.
func (b *builder) eachEvent(from, to time.Time, fn func(mar.Event) error) error {
	m := b.memo
	if m == nil {
		return b.src.EachEvent(from, to, fn)
	}
	if !m.read {
		err := b.src.EachEvent(from, to, func(ev mar.Event) error {
			if n := len(m.events); n == 0 || len(m.events[n-1]) == memoChunk {
				m.events = append(m.events, make([]mar.Event, 0, memoChunk))
			}
			last := &m.events[len(m.events)-1]
			*last = append(*last, ev)
			return nil
		})
		if err != nil {
			m.events = nil
			return err
		}
		m.read = true
	}
	for _, chunk := range m.events {
		for _, ev := range chunk {
			if err := fn(ev); err != nil {
				return err
			}
		}
	}
	return nil
}

// memoChunk is how many events a chunk of the memo holds.
const memoChunk = 4096

// memoSlots returns the slots expanded by an earlier section, adding the
// warnings that expansion gave to this section's report.
func (b *builder) memoSlots() (*slotSet, bool) {
	if b.memo == nil || b.memo.slots == nil {
		return nil, false
	}
	b.rep.Warnings = append(b.rep.Warnings, b.memo.slotWarnings...)
	slices.Sort(b.rep.Warnings)
	b.rep.Warnings = slices.Compact(b.rep.Warnings)
	return b.memo.slots, true
}

// keepSlots keeps an expansion, and the warnings it gave, for the next
// sections.
func (b *builder) keepSlots(x *slotSet) {
	if b.memo != nil {
		b.memo.slots, b.memo.slotWarnings = x, slices.Clone(b.rep.Warnings)
	}
}
