package barcode

import (
	"sort"
	"strings"
)

// gs is the ASCII group separator that stands for FNC1 between GS1 fields.
const gs = '\x1d'

// ElementString is one GS1 application identifier (AI) and its value, such
// as {AI: "17", Value: "270131"}.
type ElementString struct {
	AI    string
	Value string
}

// aiComponent is one part of an AI's data field as the GS1 syntax
// dictionary specifies it.
type aiComponent struct {
	cset     byte // 'N' digits, 'X' CSET 82, 'Y' CSET 39, 'Z' base64url
	min, max int
	optional bool
	linters  []string
}

// aiDef describes one application identifier.
type aiDef struct {
	ai         string
	predefined bool // predefined length: no FNC1 separator needed after it
	title      string
	comps      []aiComponent
}

// fixedLen reports the field length when every component is mandatory and
// of fixed length, or 0 when the field is variable.
func (d *aiDef) fixedLen() int {
	n := 0
	for _, c := range d.comps {
		if c.optional || c.min != c.max {
			return 0
		}
		n += c.max
	}
	return n
}

func (d *aiDef) maxLen() int {
	n := 0
	for _, c := range d.comps {
		n += c.max
	}
	return n
}

// lookupAI finds the definition of ai in the generated table.
func lookupAI(ai string) *aiDef {
	i := sort.Search(len(aiTable), func(i int) bool { return aiTable[i].ai >= ai })
	if i < len(aiTable) && aiTable[i].ai == ai {
		return &aiTable[i]
	}
	return nil
}

// findAI finds the AI at the start of data. GS1 AIs are prefix-free, so the
// shortest match is the only one.
func findAI(data string) *aiDef {
	for n := 2; n <= 4 && n <= len(data); n++ {
		if !isDigits(data[:n]) {
			return nil
		}
		if d := lookupAI(data[:n]); d != nil {
			return d
		}
	}
	return nil
}

// ParseElementString splits a GS1 element string (the data of a GS1
// DataMatrix, GS1-128 or GS1 QR code without its symbology identifier) into
// its fields and validates each against the GS1 syntax dictionary. Fields
// are separated by ASCII 29 (GS); a leading GS for FNC1 in first position,
// doubled and trailing separators are tolerated because scanners send them.
func ParseElementString(s string) ([]ElementString, error) {
	return parseElements(s, true)
}

// parseElements parses an element string; withLinters false checks only
// the structure (lengths and character sets).
func parseElements(s string, withLinters bool) ([]ElementString, error) {
	var out []ElementString
	i := 0
	for i < len(s) {
		if s[i] == gs {
			i++
			continue
		}
		def := findAI(s[i:])
		if def == nil {
			return nil, gs1Err(i, ErrUnknownAI, "no GS1 application identifier starts %q", clip(s[i:], 4))
		}
		start := i + len(def.ai)
		end := valueEnd(def, s, start)
		v := s[start:end]
		if err := def.validate(v, withLinters); err != nil {
			return nil, &gs1Error{pos: start, err: err}
		}
		out = append(out, ElementString{AI: def.ai, Value: v})
		i = end
	}
	if len(out) == 0 {
		return nil, gs1Err(0, ErrSyntax, "GS1 code holds no data")
	}
	if err := checkRepeats(out); err != nil {
		return nil, err
	}
	return out, nil
}

// valueEnd finds where the value that starts at start ends: after the fixed
// length, or at the next GS, or at the longest length the AI allows.
func valueEnd(def *aiDef, s string, start int) int {
	limit := def.fixedLen()
	if limit == 0 {
		limit = def.maxLen()
	}
	end := min(start+limit, len(s))
	if j := strings.IndexByte(s[start:end], gs); j >= 0 {
		end = start + j
	}
	return end
}

// checkRepeats rejects an AI given twice with different values: the pack
// would then claim two expiry dates or two GTINs.
func checkRepeats(es []ElementString) error {
	seen := make(map[string]string, len(es))
	for _, e := range es {
		if v, ok := seen[e.AI]; ok && v != e.Value {
			return gs1Err(0, ErrSyntax, "(%s) appears twice with different values", e.AI)
		}
		seen[e.AI] = e.Value
	}
	return nil
}

// EncodeElementString writes fields as a GS1 element string without a
// leading FNC1, putting a GS after each variable-length field that is
// followed by another, as a GS1 encoder does.
func EncodeElementString(es []ElementString) string {
	var b strings.Builder
	for i, e := range es {
		b.WriteString(e.AI)
		b.WriteString(e.Value)
		if i < len(es)-1 {
			if d := lookupAI(e.AI); d == nil || !d.predefined {
				b.WriteByte(gs)
			}
		}
	}
	return b.String()
}

// HRI writes fields in the bracketed human-readable form, e.g.
// "(01)05012345678900(17)270131".
func HRI(es []ElementString) string {
	var b strings.Builder
	for _, e := range es {
		b.WriteString("(" + e.AI + ")")
		b.WriteString(e.Value)
	}
	return b.String()
}

// parseBracketed parses the human-readable form "(01)…(17)…" as typed by
// hand. A literal "(" inside a value is written "\(".
func parseBracketed(s string) ([]ElementString, error) {
	var out []ElementString
	i := 0
	for i < len(s) {
		if s[i] != '(' {
			return nil, gs1Err(i, ErrSyntax, "expected \"(\" to start an application identifier")
		}
		close := strings.IndexByte(s[i:], ')')
		if close < 0 {
			return nil, gs1Err(i, ErrSyntax, "application identifier has no closing \")\"")
		}
		ai := s[i+1 : i+close]
		def := lookupAI(ai)
		if !isDigits(ai) || def == nil {
			return nil, gs1Err(i+1, ErrUnknownAI, "(%s) is not a GS1 application identifier", clip(ai, 4))
		}
		v, next := bracketValue(s, i+close+1)
		if err := def.validate(v, true); err != nil {
			return nil, &gs1Error{pos: i + close + 1, err: err}
		}
		out = append(out, ElementString{AI: ai, Value: v})
		i = next
	}
	if len(out) == 0 {
		return nil, gs1Err(0, ErrSyntax, "no application identifiers in brackets")
	}
	return out, checkRepeats(out)
}

// bracketValue reads a value up to the next unescaped "(".
func bracketValue(s string, i int) (string, int) {
	var b strings.Builder
	for i < len(s) && s[i] != '(' {
		if s[i] == '\\' && i+1 < len(s) && s[i+1] == '(' {
			i++
		}
		b.WriteByte(s[i])
		i++
	}
	return b.String(), i
}

func isDigits(s string) bool {
	for i := 0; i < len(s); i++ {
		if s[i] < '0' || s[i] > '9' {
			return false
		}
	}
	return s != ""
}

// clip shortens s for an error message.
func clip(s string, n int) string {
	if len(s) > n {
		return s[:n]
	}
	return s
}
