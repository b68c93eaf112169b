package barcode

import (
	"strings"
	"time"
)

// validate checks a value against the AI's components: lengths, character
// sets and the linters that matter for a medicine check (check digits,
// dates, times). Linters about logistics fields (country codes, IBANs,
// coupon layouts, GCP positions) are not run; they cannot make a wrong
// medicine look right.
func (d *aiDef) validate(v string, withLinters bool) error {
	if v == "" {
		return detail(ErrSyntax, "(%s) %s has no value", d.ai, d.title)
	}
	pos := 0
	for _, c := range d.comps {
		if pos == len(v) && c.optional {
			break
		}
		n := c.max
		if c.min != c.max {
			n = min(len(v)-pos, c.max)
		}
		if pos+n > len(v) || n < c.min {
			return detail(ErrSyntax, "(%s) %s is too short", d.ai, d.title)
		}
		part := v[pos : pos+n]
		if err := c.check(part, withLinters); err != nil {
			return detail(err, "(%s) %s", d.ai, d.title)
		}
		pos += n
	}
	if pos != len(v) {
		return detail(ErrSyntax, "(%s) %s is too long", d.ai, d.title)
	}
	return nil
}

func (c aiComponent) check(s string, withLinters bool) error {
	if i := badChar(c.cset, s); i >= 0 {
		return detail(ErrSyntax, "has a character %q not allowed there", s[i])
	}
	if !withLinters {
		return nil
	}
	for _, l := range c.linters {
		if err := lint(l, s); err != nil {
			return err
		}
	}
	return nil
}

// badChar returns the index of the first character outside the set, or -1.
func badChar(cset byte, s string) int {
	for i := 0; i < len(s); i++ {
		if !inSet(cset, s[i]) {
			return i
		}
	}
	return -1
}

func inSet(cset, ch byte) bool {
	digit := ch >= '0' && ch <= '9'
	upper := ch >= 'A' && ch <= 'Z'
	switch cset {
	case 'N':
		return digit
	case 'X': // GS1 AI encodable character set 82
		return digit || upper || (ch >= 'a' && ch <= 'z') || strings.IndexByte("!\"%&'()*+,-./:;<=>?_", ch) >= 0
	case 'Y': // character set 39
		return digit || upper || strings.IndexByte("#-/", ch) >= 0
	case 'Z': // base64url
		return digit || upper || (ch >= 'a' && ch <= 'z') || ch == '-' || ch == '_' || ch == '='
	}
	return false
}

func lint(name, s string) error {
	switch name {
	case "csum":
		if !validMod10(s) {
			return detail(ErrCheckDigit, "check digit of %s is wrong", s)
		}
	case "yymmd0", "yymmdd":
		if _, ok := gs1Date(s, name == "yymmd0", time.Time{}); !ok {
			return detail(ErrBadDate, "%s is not a date YYMMDD", s)
		}
	case "yyyymmdd":
		if _, err := time.Parse("20060102", s); err != nil {
			return detail(ErrBadDate, "%s is not a date YYYYMMDD", s)
		}
	case "hhmi":
		if s[:2] > "23" || s[2:] > "59" {
			return detail(ErrBadDate, "%s is not a time HHMM", s)
		}
	case "zero":
		if s != "0" {
			return detail(ErrSyntax, "must be 0")
		}
	case "nonzero":
		if strings.Trim(s, "0") == "" {
			return detail(ErrSyntax, "must not be zero")
		}
	case "yesno":
		if s != "0" && s != "1" {
			return detail(ErrSyntax, "must be 0 or 1")
		}
	}
	return nil
}

// gs1Date reads a GS1 YYMMDD date. With zeroDay, day 00 means the last day
// of the month (GS1 General Specifications 3.4.x: an expiry "DD=00" pack is
// good to the month's end). The century follows the GS1 sliding window
// around now's year (7.12); a zero now uses the current time.
func gs1Date(s string, zeroDay bool, now time.Time) (time.Time, bool) {
	if len(s) != 6 || !isDigits(s) {
		return time.Time{}, false
	}
	yy := int(s[0]-'0')*10 + int(s[1]-'0')
	mm := int(s[2]-'0')*10 + int(s[3]-'0')
	dd := int(s[4]-'0')*10 + int(s[5]-'0')
	if mm < 1 || mm > 12 {
		return time.Time{}, false
	}
	year := centuryYear(yy, now)
	last := time.Date(year, time.Month(mm)+1, 0, 0, 0, 0, 0, time.UTC).Day()
	if dd == 0 && zeroDay {
		dd = last
	}
	if dd < 1 || dd > last {
		return time.Time{}, false
	}
	return time.Date(year, time.Month(mm), dd, 0, 0, 0, 0, time.UTC), true
}

// centuryYear applies GS1's sliding window: a two-digit year more than 50
// years ahead of now is in the last century, more than 49 years behind is in
// the next.
func centuryYear(yy int, now time.Time) int {
	if now.IsZero() {
		now = time.Now()
	}
	cur := now.UTC().Year()
	century := cur - cur%100
	switch diff := yy - cur%100; {
	case diff >= 51:
		century -= 100
	case diff <= -50:
		century += 100
	}
	return century + yy
}
