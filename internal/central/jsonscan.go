package central

import (
	"bytes"
	"encoding"
	"strconv"
	"unicode/utf8"
)

// scanner reads JSON values from b at i. Every method skips the
// whitespace before its value and returns false when the input is not
// what it can read exactly as encoding/json would.
type scanner struct {
	b []byte
	i int
}

func (s *scanner) space() {
	for s.i < len(s.b) {
		switch s.b[s.i] {
		case ' ', '\t', '\n', '\r':
			s.i++
		default:
			return
		}
	}
}

// eat consumes c if it comes next.
func (s *scanner) eat(c byte) bool {
	s.space()
	if s.i < len(s.b) && s.b[s.i] == c {
		s.i++
		return true
	}
	return false
}

// object reads an object, calling field with each key; field reads the
// value.
func (s *scanner) object(field func(key []byte) bool) bool {
	if !s.eat('{') {
		return false
	}
	if s.eat('}') {
		return true
	}
	for {
		key, ok := s.key()
		if !ok || !s.eat(':') || !field(key) {
			return false
		}
		if !s.eat(',') {
			return s.eat('}')
		}
	}
}

// key reads an object key of plain ASCII: encoding/json matches keys
// without regard to case, Unicode folding included, so anything else is
// left to it.
func (s *scanner) key() ([]byte, bool) {
	if !s.eat('"') {
		return nil, false
	}
	start := s.i
	for ; s.i < len(s.b); s.i++ {
		switch c := s.b[s.i]; {
		case c == '"':
			s.i++
			return s.b[start : s.i-1], true
		case c == '\\' || c < 0x20 || c >= utf8.RuneSelf:
			return nil, false
		}
	}
	return nil, false
}

// quoted reads a string and returns its raw text with the quotes, and its
// value (raw's inside when it has no escapes).
func (s *scanner) quoted() (raw, val []byte, ok bool) {
	if !s.eat('"') {
		return nil, nil, false
	}
	start, ascii := s.i-1, true
	for ; s.i < len(s.b); s.i++ {
		switch c := s.b[s.i]; {
		case c == '"':
			s.i++
			raw = s.b[start:s.i]
			if !ascii && !utf8.Valid(raw) {
				return nil, nil, false // json puts U+FFFD per bad byte
			}
			return raw, raw[1 : len(raw)-1], true
		case c == '\\':
			return s.escaped(start)
		case c < 0x20:
			return nil, nil, false
		case c >= utf8.RuneSelf:
			ascii = false
		}
	}
	return nil, nil, false
}

// escaped finishes reading a string from its first backslash, unescaping
// into a copy.
func (s *scanner) escaped(start int) (raw, val []byte, ok bool) {
	val = append(make([]byte, 0, s.i-start+32), s.b[start+1:s.i]...)
	for s.i < len(s.b) {
		c := s.b[s.i]
		switch {
		case c == '"':
			s.i++
			return s.b[start:s.i], val, utf8.Valid(val)
		case c < 0x20:
			return nil, nil, false
		case c != '\\':
			val = append(val, c)
			s.i++
			continue
		}
		if s.i+1 >= len(s.b) {
			return nil, nil, false
		}
		if r, ok := unescape(s.b[s.i+1]); ok {
			val = append(val, r)
			s.i += 2
			continue
		}
		if s.b[s.i+1] != 'u' || s.i+6 > len(s.b) {
			return nil, nil, false
		}
		n, err := strconv.ParseUint(string(s.b[s.i+2:s.i+6]), 16, 16)
		if err != nil || (n >= 0xD800 && n < 0xE000) {
			return nil, nil, false // surrogates: json's pairing rules are its own
		}
		val = utf8.AppendRune(val, rune(n))
		s.i += 6
	}
	return nil, nil, false
}

func unescape(c byte) (byte, bool) {
	switch c {
	case '"', '\\', '/':
		return c, true
	case 'b':
		return '\b', true
	case 'f':
		return '\f', true
	case 'n':
		return '\n', true
	case 'r':
		return '\r', true
	case 't':
		return '\t', true
	}
	return 0, false
}

func (s *scanner) string(dst *string) bool {
	_, val, ok := s.quoted()
	*dst = string(val)
	return ok
}

// text reads a string into a type that decodes itself from text, as
// encoding/json calls it.
func (s *scanner) text(dst encoding.TextUnmarshaler) bool {
	_, val, ok := s.quoted()
	return ok && dst.UnmarshalText(val) == nil
}

// json reads a string and hands its raw text to a type's UnmarshalJSON
// (time.Time), as encoding/json does.
func (s *scanner) json(dst interface{ UnmarshalJSON([]byte) error }) bool {
	raw, _, ok := s.quoted()
	return ok && dst.UnmarshalJSON(raw) == nil
}

func (s *scanner) strings(dst *[]string) bool {
	if !s.eat('[') {
		return false
	}
	out := []string{}
	if !s.eat(']') {
		for {
			var v string
			if !s.string(&v) {
				return false
			}
			out = append(out, v)
			if !s.eat(',') {
				break
			}
		}
		if !s.eat(']') {
			return false
		}
	}
	*dst = out
	return true
}

func (s *scanner) bool(dst **bool) bool {
	s.space()
	var v bool
	switch rest := s.b[s.i:]; {
	case bytes.HasPrefix(rest, []byte("true")):
		v, s.i = true, s.i+len("true")
	case bytes.HasPrefix(rest, []byte("false")):
		s.i += len("false")
	default:
		return false
	}
	*dst = &v
	return true
}

// number reads a number as JSON spells it: -?(0|[1-9][0-9]*)(.[0-9]+)?([eE][+-]?[0-9]+)?
func (s *scanner) number() ([]byte, bool) {
	s.space()
	start := s.i
	s.eatByte('-')
	if !s.eatByte('0') && s.digits() == 0 { // no digit may follow a leading 0
		return nil, false
	}
	if s.eatByte('.') && s.digits() == 0 {
		return nil, false
	}
	if s.eatByte('e') || s.eatByte('E') {
		_ = s.eatByte('+') || s.eatByte('-')
		if s.digits() == 0 {
			return nil, false
		}
	}
	return s.b[start:s.i], true
}

func (s *scanner) eatByte(c byte) bool {
	if s.i < len(s.b) && s.b[s.i] == c {
		s.i++
		return true
	}
	return false
}

func (s *scanner) digits() int {
	start := s.i
	for s.i < len(s.b) && s.b[s.i] >= '0' && s.b[s.i] <= '9' {
		s.i++
	}
	return s.i - start
}

// int reads an int as encoding/json does: strconv.ParseInt of the number's
// text, so 1.0 and 1e0 are refused (left to json, which refuses them).
func (s *scanner) int(dst *int) bool {
	num, ok := s.number()
	if !ok {
		return false
	}
	n, err := strconv.ParseInt(string(num), 10, strconv.IntSize)
	*dst = int(n)
	return err == nil
}

func (s *scanner) float(dst *float64) bool {
	num, ok := s.number()
	if !ok {
		return false
	}
	f, err := strconv.ParseFloat(string(num), 64)
	*dst = f
	return err == nil
}
