package barcode

import (
	"errors"
	"regexp"
	"strings"
	"time"
)

// Kind says what a scan identifies.
type Kind uint8

// Kinds of scan. The values are persisted with scan records: append only.
const (
	KindUnknown  Kind = 0 // neither a resident nor a pack: the scan is refused
	KindPack     Kind = 1 // a medicine pack: GTIN, perhaps expiry, batch, serial
	KindResident Kind = 2 // a resident: NHS number or the home's own number
	KindStaff    Kind = 3 // a staff badge: StaffPrefix and the user's ID
)

// StaffPrefix starts the code on a staff badge, so a badge can never be read
// as a resident number or a pack.
const StaffPrefix = "STAFF:"

// String names the kind for logs and the command line.
func (k Kind) String() string {
	switch k {
	case KindPack:
		return "pack"
	case KindResident:
		return "resident"
	case KindStaff:
		return "staff"
	}
	return "unknown"
}

// Code is the meaning of one scan, whichever way it arrived.
type Code struct {
	Kind      Kind
	Symbology string          // AIM symbology identifier the scanner sent, e.g. "]d2"; "" if none
	Raw       string          // the text as given to Parse
	GTIN      string          // pack: the GTIN as 14 digits (EAN-13 and UPC-A are zero-padded)
	Expiry    time.Time       // pack: last day the pack may be used, 00:00 UTC; zero if the code has none
	Batch     string          // pack: AI (10)
	Serial    string          // pack: AI (21)
	AIs       []ElementString // pack: every GS1 field in code order, including ones not interpreted here
	NHSNumber string          // resident: ten digits, no spaces
	LocalID   string          // resident: the home's own resident number
	StaffID   string          // staff: the user ID after StaffPrefix
}

// DefaultResidentPattern matches the home's own resident numbers when
// Options.ResidentPattern is nil: "R" and three to six digits.
const DefaultResidentPattern = `^R\d{3,6}$`

var defaultResident = regexp.MustCompile(DefaultResidentPattern)

// Options configures Parse for a home's scanners and cards.
type Options struct {
	// GSSubstitute is the text a keyboard-wedge scanner is set to send for
	// the GS1 separator (ASCII 29) when it cannot type a control key, e.g.
	// "<GS>" or "~". Empty means none.
	GSSubstitute string
	// ResidentPattern matches the home's own resident numbers; nil means
	// DefaultResidentPattern.
	ResidentPattern *regexp.Regexp
	// Now anchors GS1's sliding century window for two-digit years; zero
	// means the current time. Tests set it so results do not drift.
	Now time.Time
}

// Parse works out what a scan or typed code means: a medicine pack (GS1
// element string with or without symbology identifier, bracketed "(01)…"
// form, or a plain GTIN-8/12/13/14) or a resident (NHS number or a number
// matching the home's pattern). An error is a *ParseError wrapping one of
// the Err sentinels; the Code returned with it has Kind KindUnknown and keeps
// only Raw, Symbology and whatever AIs were read, for display.
func Parse(text string, opt Options) (Code, error) {
	c := Code{Raw: text}
	s := strings.TrimSpace(text)
	if opt.GSSubstitute != "" {
		s = strings.ReplaceAll(s, opt.GSSubstitute, string(rune(gs)))
	}
	if s == "" {
		return c, &ParseError{Input: text, Pos: -1, Err: ErrEmpty}
	}
	sym, rest, err := splitSymbology(s)
	c.Symbology = sym
	if err != nil {
		return c, &ParseError{Input: text, Pos: 0, Err: err}
	}
	switch {
	case gs1Symbology(sym):
		err = c.setGS1(rest, opt)
	case sym == "]E0" || sym == "]E4":
		err = c.setEAN(sym, rest, opt)
	default:
		err = c.classify(rest, opt)
	}
	if err != nil {
		// A refused scan must not carry a half-read identity a caller could
		// use by mistake; only what helps show the problem stays.
		return Code{Raw: text, Symbology: c.Symbology, AIs: c.AIs}, parseError(text, len(text)-len(rest), err)
	}
	return c, nil
}

func parseError(text string, offset int, err error) *ParseError {
	var ge *gs1Error
	if errors.As(err, &ge) {
		return &ParseError{Input: text, Pos: offset + ge.pos, Err: ge.err}
	}
	return &ParseError{Input: text, Pos: -1, Err: err}
}

// classify handles text with no GS1 or EAN symbology identifier: what a
// wedge scanner without identifiers sends, or what a person types.
func (c *Code) classify(s string, opt Options) error {
	switch {
	case s == "":
		return ErrEmpty
	case s[0] == gs || strings.IndexByte(s, gs) >= 0:
		return c.setGS1(s, opt)
	case strings.HasPrefix(s, StaffPrefix):
		id := s[len(StaffPrefix):]
		if id == "" || strings.ContainsAny(id, " \t") {
			return detail(ErrUnrecognised, "a staff badge with no user ID")
		}
		c.Kind, c.StaffID = KindStaff, id
		return nil
	case s[0] == '(':
		es, err := parseBracketed(s)
		if err != nil {
			return err
		}
		return c.setAIs(es, opt)
	}
	if n, ok := nhsDigits(s); ok {
		if !nhsCheck(n) {
			return detail(ErrCheckDigit, "ten digits but not a valid NHS number")
		}
		c.Kind, c.NHSNumber = KindResident, n
		return nil
	}
	if isDigits(s) {
		switch {
		case len(s) == 8 || len(s) == 12 || len(s) == 13 || len(s) == 14:
			return c.setGTIN(s)
		case len(s) > 16 && strings.HasPrefix(s, "01"):
			return c.setGS1(s, opt)
		}
	}
	pat := opt.ResidentPattern
	if pat == nil {
		pat = defaultResident
	}
	if pat.MatchString(s) {
		c.Kind, c.LocalID = KindResident, s
		return nil
	}
	return ErrUnrecognised
}

func (c *Code) setGTIN(s string) error {
	if !ValidGTIN(s) {
		return detail(ErrCheckDigit, "%d-digit GTIN", len(s))
	}
	c.Kind, c.GTIN = KindPack, GTIN14(s)
	return nil
}

// setEAN handles "]E0" (EAN-13, UPC-A) and "]E4" (EAN-8), optionally with
// a GS1 composite "|]e0…" after the linear part.
func (c *Code) setEAN(sym, s string, opt Options) error {
	main, comp, hasComp := strings.Cut(s, "|]e0")
	want := 13
	if sym == "]E4" {
		want = 8
	}
	if len(main) != want || !isDigits(main) {
		return detail(ErrSyntax, "%s needs %d digits", sym, want)
	}
	if err := c.setGTIN(main); err != nil {
		return err
	}
	if !hasComp {
		return nil
	}
	es, err := ParseElementString(comp)
	if err != nil {
		return err
	}
	return c.setAIs(append([]ElementString{{AI: "01", Value: c.GTIN}}, es...), opt)
}

func (c *Code) setGS1(s string, opt Options) error {
	es, err := ParseElementString(s)
	if err != nil {
		return err
	}
	return c.setAIs(es, opt)
}

// setAIs interprets the fields a pack check needs.
func (c *Code) setAIs(es []ElementString, opt Options) error {
	c.AIs = es
	for _, e := range es {
		switch e.AI {
		case "01":
			c.GTIN = e.Value
		case "10":
			c.Batch = e.Value
		case "21":
			c.Serial = e.Value
		case "17":
			c.Expiry, _ = gs1Date(e.Value, true, opt.Now) // validated by the linter
		}
	}
	if c.GTIN == "" {
		return ErrNoGTIN
	}
	c.Kind = KindPack
	return nil
}

// splitSymbology takes an AIM symbology identifier ("]" + code letter +
// modifier digit) off the front of s.
func splitSymbology(s string) (sym, rest string, err error) {
	if s[0] != ']' {
		return "", s, nil
	}
	if len(s) < 3 {
		return "", s, detail(ErrSyntax, "symbology identifier is cut short")
	}
	if !strings.ContainsRune("ACDEFGHIJKLMNOPQRSXdehz", rune(s[1])) || s[2] < '0' || s[2] > '9' {
		return "", s, detail(ErrSyntax, "unknown symbology identifier %q", s[:3])
	}
	return s[:3], s[3:], nil
}

// gs1Symbology reports whether the identifier says the data is a GS1
// element string (FNC1 in first position).
func gs1Symbology(sym string) bool {
	switch sym {
	case "]C1", "]d2", "]Q3", "]e0", "]e1", "]e2", "]J1", "]z1":
		return true
	}
	return false
}
