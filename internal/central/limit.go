package central

import (
	"sync"
	"time"
)

// Enrolment guess limits: five wrong codes from one address in ten minutes,
// and fifty from everywhere, then wait. A person mistyping a code is not
// held up; a guesser gets a few thousand tries a week at an 80-bit code.
const (
	guessWindow    = 10 * time.Minute
	guessesPerAddr = 5
	guessesAll     = 50
	maxTracked     = 10000 // addresses remembered; beyond, only the global limit
)

// limiter counts wrong enrolment codes per address and in all, in fixed
// windows.
type limiter struct {
	now   func() time.Time
	mu    sync.Mutex
	start time.Time
	all   int
	addr  map[string]int
}

func newLimiter(now func() time.Time) *limiter {
	return &limiter{now: now, addr: map[string]int{}}
}

// roll starts a new window when the old one is over. Called with mu held.
func (l *limiter) roll() time.Time {
	now := l.now()
	if now.Sub(l.start) >= guessWindow || now.Before(l.start) {
		l.start, l.all = now, 0
		clear(l.addr)
	}
	return now
}

// wait says how long an address must wait before trying a code; 0: now.
func (l *limiter) wait(addr string) time.Duration {
	l.mu.Lock()
	defer l.mu.Unlock()
	now := l.roll()
	if l.all >= guessesAll || l.addr[addr] >= guessesPerAddr {
		return l.start.Add(guessWindow).Sub(now)
	}
	return 0
}

// failed counts a wrong code from an address.
func (l *limiter) failed(addr string) {
	l.mu.Lock()
	defer l.mu.Unlock()
	l.roll()
	l.all++
	if _, ok := l.addr[addr]; ok || len(l.addr) < maxTracked {
		l.addr[addr]++
	}
}
