package mar

import (
	"fmt"
	"strings"
)

// names maps the values of a persisted enumeration to the words used on the
// command line, in JSON and in CSV reports. Every persisted enumeration of
// the domain (EntryStatus, ResidentStatus, Role, Outcome, NotGivenReason,
// UnscannedReason, EventKind, Level, AuditAction) keeps its words here and
// has String, MarshalText, UnmarshalText, a Parse function and Valid, so
// the store can refuse a value no version of medround ever wrote.
type names[T ~uint8] map[T]string

// valid reports whether v is one of the enumeration's values; the zero
// value never is.
func (n names[T]) valid(v T) bool {
	_, ok := n[v]
	return ok
}

func (n names[T]) format(v T, kind string) string {
	if s, ok := n[v]; ok {
		return s
	}
	return fmt.Sprintf("%s(%d)", kind, uint8(v))
}

func (n names[T]) parse(s, kind string) (T, error) {
	s = strings.ToLower(strings.TrimSpace(s))
	for k, v := range n {
		if v == s {
			return k, nil
		}
	}
	var want []string
	for _, v := range n {
		want = append(want, v)
	}
	return 0, fmt.Errorf("unknown %s %q: want one of %s", kind, s, strings.Join(sortStrings(want), ", "))
}

func sortStrings(s []string) []string {
	for i := 1; i < len(s); i++ {
		for j := i; j > 0 && s[j] < s[j-1]; j-- {
			s[j], s[j-1] = s[j-1], s[j]
		}
	}
	return s
}
