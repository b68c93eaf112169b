package barcode

import (
	"errors"
	"fmt"
)

// Sentinel errors a ParseError wraps, so callers can tell the kinds of bad
// scan apart with errors.Is.
var (
	// ErrEmpty means there was nothing to parse.
	ErrEmpty = errors.New("scan is empty; scan the code again")
	// ErrSyntax means the text breaks the rules of its format (GS1 element
	// string, symbology identifier, bracketed form).
	ErrSyntax = errors.New("code is not well formed; scan it again or type the number printed under it")
	// ErrCheckDigit means a GTIN or NHS number has a wrong check digit, so a
	// digit was misread or mistyped.
	ErrCheckDigit = errors.New("check digit is wrong; a digit was misread or mistyped, scan or type it again")
	// ErrUnknownAI means a GS1 application identifier is not in the GS1
	// syntax dictionary.
	ErrUnknownAI = errors.New("unknown GS1 application identifier; scan the pack's other code or type the GTIN")
	// ErrBadDate means a GS1 date field (expiry, production date) is not a
	// real date.
	ErrBadDate = errors.New("date in the code is not a real date; check the pack by eye")
	// ErrNoGTIN means GS1 data parsed but holds no GTIN (AI 01), so it cannot
	// identify a medicine pack.
	ErrNoGTIN = errors.New("GS1 code has no GTIN (01); scan the pack's DataMatrix or EAN barcode instead")
	// ErrUnrecognised means the text is neither a resident ID nor a medicine
	// pack code.
	ErrUnrecognised = errors.New("not a resident ID or a medicine pack code; scan the resident's card or the pack's barcode")
)

// maxEcho is how much of the input a ParseError repeats, so a long or
// garbage scan does not flood a message (and a resident ID is cut short).
const maxEcho = 24

// ParseError records why Parse rejected a scan.
type ParseError struct {
	Input string // the text given to Parse
	Pos   int    // byte offset in Input where the problem was found, or -1
	Err   error  // the sentinel (ErrCheckDigit, ErrSyntax, …), possibly wrapped with detail
}

// Error says what was wrong and what to do, echoing at most a short prefix of
// the input.
func (e *ParseError) Error() string {
	in := e.Input
	if len(in) > maxEcho {
		in = in[:maxEcho] + "…"
	}
	if e.Pos >= 0 {
		return fmt.Sprintf("scan %q at byte %d: %v", in, e.Pos, e.Err)
	}
	return fmt.Sprintf("scan %q: %v", in, e.Err)
}

// Unwrap returns the underlying error so errors.Is finds the sentinel.
func (e *ParseError) Unwrap() error { return e.Err }

// detailError adds detail in front of a sentinel while keeping it for
// errors.Is; the sentinel's advice stays at the end of the message.
type detailError struct {
	detail string
	err    error
}

func (e *detailError) Error() string { return e.detail + ": " + e.err.Error() }
func (e *detailError) Unwrap() error { return e.err }

func detail(err error, format string, args ...any) error {
	return &detailError{detail: fmt.Sprintf(format, args...), err: err}
}

// gs1Error is a GS1 syntax problem found at byte pos of the element string.
type gs1Error struct {
	pos int
	err error
}

func (e *gs1Error) Error() string { return e.err.Error() }
func (e *gs1Error) Unwrap() error { return e.err }

func gs1Err(pos int, sentinel error, format string, args ...any) error {
	return &gs1Error{pos: pos, err: detail(sentinel, format, args...)}
}
