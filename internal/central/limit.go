package central

import (
	"sync"
	"time"
)

// Enrolment guess limits, per ten-minute window. Wrong codes are counted
// per address and home (a person mistyping one home's code), per home from
// every address (guesses at one home's codes, from many machines), per
// address at every home (one machine sweeping homes; a proxy in front of
// the centre may carry a group of homes' tablets, so this is the larger),
// and in all (a backstop). The home is the code's tag (CodeTag): a proxy
// in front does not make every home's tablets share one count, and a
// mistyped code at one home does not hold up another. A person mistyping a
// code is not held up; a guesser gets a few thousand tries a week at one
// home's 80-bit codes.
const (
	guessWindow        = 10 * time.Minute
	guessesPerAddrHome = 5
	guessesPerHome     = 20
	guessesPerAddr     = 50
	guessesAll         = 500
	maxTracked         = 10000 // counts remembered; beyond, only the limit in all
)

// guess names what a wrong code is counted against.
type guess struct{ addr, home string }

// limiter counts wrong enrolment codes in fixed windows.
type limiter struct {
	now    func() time.Time
	mu     sync.Mutex
	start  time.Time
	all    int
	counts map[string]int
}

func newLimiter(now func() time.Time) *limiter {
	return &limiter{now: now, counts: map[string]int{}}
}

// count is one count a guess is held to, and its limit.
type count struct {
	key   string
	limit int
}

// keys are the counts a guess is held to. The home part of a key is "t:"
// and the tag, so no address can pass for a home.
func (g guess) keys() [3]count {
	return [3]count{
		{"a:" + g.addr + "\x00t:" + g.home, guessesPerAddrHome},
		{"t:" + g.home, guessesPerHome},
		{"a:" + g.addr, guessesPerAddr},
	}
}

// roll starts a new window when the old one is over. Called with mu held.
func (l *limiter) roll() time.Time {
	now := l.now()
	if now.Sub(l.start) >= guessWindow || now.Before(l.start) {
		l.start, l.all = now, 0
		clear(l.counts)
	}
	return now
}

// wait says how long a guess must wait before a code is tried; 0: now.
func (l *limiter) wait(g guess) time.Duration {
	l.mu.Lock()
	defer l.mu.Unlock()
	now := l.roll()
	over := l.all >= guessesAll
	for _, k := range g.keys() {
		over = over || l.counts[k.key] >= k.limit
	}
	if over {
		return l.start.Add(guessWindow).Sub(now)
	}
	return 0
}

// failed counts a wrong code.
func (l *limiter) failed(g guess) {
	l.mu.Lock()
	defer l.mu.Unlock()
	l.roll()
	l.all++
	for _, k := range g.keys() {
		if _, ok := l.counts[k.key]; ok || len(l.counts) < maxTracked {
			l.counts[k.key]++
		}
	}
}
