package report

import (
	"slices"
	"time"

	"medround/internal/schedule"
)

// slotIndex finds the slot a record names by entry ID and due time without
// a map entry per slot: the slots of each entry, in due order, sit in one
// run of order, found by binary search.
type slotIndex struct {
	slots []schedule.Slot
	order []int32 // indexes into slots, grouped by entry
	// due holds the due time (Unix seconds, which cannot overflow as
	// nanoseconds can) of slots[order[i]] at i, so a search reads one small
	// array instead of a slot per step.
	due  []int64
	runs map[string][2]int32 // entry ID -> [start, end) in order
}

// newSlotIndex indexes slots, which schedule.Between returns sorted by due
// time for each chart; a counting sort by entry keeps that order within each
// entry. A run out of order (an entry ID on two charts) is sorted, so that
// find never misses a record.
func newSlotIndex(slots []schedule.Slot) *slotIndex {
	x := &slotIndex{slots: slots, order: make([]int32, len(slots)), runs: map[string][2]int32{}}
	ords := map[string]int32{}
	entryOf := make([]int32, len(slots))
	var counts []int32
	for i, s := range slots {
		o, ok := ords[s.EntryID]
		if !ok {
			o = int32(len(counts))
			ords[s.EntryID] = o
			counts = append(counts, 0)
		}
		entryOf[i] = o
		counts[o]++
	}
	next := make([]int32, len(counts))
	var start int32
	for o, n := range counts {
		next[o] = start
		start += n
	}
	for id, o := range ords {
		x.runs[id] = [2]int32{next[o], next[o] + counts[o]}
	}
	for i, o := range entryOf {
		x.order[next[o]] = int32(i)
		next[o]++
	}
	for _, r := range x.runs {
		run := x.order[r[0]:r[1]]
		byDue := func(a, b int32) int { return x.slots[a].Due.Compare(x.slots[b].Due) }
		if !slices.IsSortedFunc(run, byDue) {
			slices.SortStableFunc(run, byDue)
		}
	}
	x.due = make([]int64, len(x.order))
	for i, o := range x.order {
		x.due[i] = slots[o].Due.Unix()
	}
	return x
}

// find returns the index in slots of the entry's slot due at due, or -1.
func (x *slotIndex) find(entryID string, due time.Time) int {
	r, ok := x.runs[entryID]
	if !ok {
		return -1
	}
	i, found := slices.BinarySearch(x.due[r[0]:r[1]], due.Unix())
	if !found {
		return -1
	}
	o := x.order[int(r[0])+i]
	if !x.slots[o].Due.Equal(due) {
		return -1 // the same second, but not the slot's instant
	}
	return int(o)
}
