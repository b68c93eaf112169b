package report

import (
	"time"

	"medround/internal/schedule"
)

// slotIndex finds the slot a record names by entry ID and due time without
// a map entry per slot: the slots of each entry, in due order, sit in one
// run of order, found by binary search.
type slotIndex struct {
	slots []schedule.Slot
	order []int32             // indexes into slots, grouped by entry
	runs  map[string][2]int32 // entry ID -> [start, end) in order
}

// newSlotIndex indexes slots, which schedule.Between returns sorted by due
// time; a counting sort by entry keeps that order within each entry.
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
	return x
}

// find returns the index in slots of the entry's slot due at due, or -1.
func (x *slotIndex) find(entryID string, due time.Time) int {
	r, ok := x.runs[entryID]
	if !ok {
		return -1
	}
	lo, hi := r[0], r[1]
	for lo < hi {
		mid := lo + (hi-lo)/2
		if x.slots[x.order[mid]].Due.Before(due) {
			lo = mid + 1
		} else {
			hi = mid
		}
	}
	if lo < r[1] && x.slots[x.order[lo]].Due.Equal(due) {
		return int(x.order[lo])
	}
	return -1
}
