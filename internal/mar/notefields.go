package mar

import (
	"fmt"
	"strings"
)

// noteField is one "key: value" line of a structured note.
type noteField struct{ key, value string }

// formatNoteFields writes fields as "key: value" lines, skipping empty
// values. Records such as a homely remedy or a covert plan keep their terms
// in an event's Note this way, so they need no new stored fields (and no new
// record format) and still read plainly in an audit listing.
func formatNoteFields(fields ...noteField) string {
	var b strings.Builder
	for _, f := range fields {
		if f.value == "" {
			continue
		}
		if b.Len() > 0 {
			b.WriteByte('\n')
		}
		b.WriteString(f.key + ": " + f.value)
	}
	return b.String()
}

// parseNoteFields reads the lines formatNoteFields writes. A line without a
// key, or a key given twice, is damage: a reader that guessed could show
// the wrong dose or the wrong way to give a medicine.
func parseNoteFields(note string) (map[string]string, error) {
	out := map[string]string{}
	for _, line := range strings.Split(note, "\n") {
		if strings.TrimSpace(line) == "" {
			continue
		}
		k, v, ok := strings.Cut(line, ":")
		k, v = strings.TrimSpace(k), strings.TrimSpace(v)
		if !ok || k == "" {
			return nil, fmt.Errorf("note line %q has no key", line)
		}
		if _, dup := out[k]; dup {
			return nil, fmt.Errorf("note key %q given twice", k)
		}
		out[k] = v
	}
	return out, nil
}

// oneLine refuses text that would break a note line apart.
func oneLine(what, s string) error {
	if strings.ContainsAny(s, "\n\r") {
		return fmt.Errorf("%s %q runs over more than one line", what, s)
	}
	return nil
}
