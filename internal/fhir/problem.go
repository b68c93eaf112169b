package fhir

import (
	"fmt"
	"strings"
)

// Unsupported is one construct of a FHIR file that the chart does not use,
// or cannot use. As a warning (in Chart.Unsupported) it did not change the
// chart; as part of an Error it stopped the import.
type Unsupported struct {
	// Resource names where it is: "MedicationRequest/abc" or "Bundle entry 4".
	Resource string `json:"resource"`
	// Path is the element inside the resource, e.g.
	// "dosageInstruction[0].timing.repeat.count"; empty for the whole resource.
	Path string `json:"path,omitempty"`
	// Message says what is wrong and, for an error, what to do.
	Message string `json:"message"`
}

// String formats the problem on one line: "Resource: path: message".
func (u Unsupported) String() string {
	parts := make([]string, 0, 3)
	for _, p := range []string{u.Resource, u.Path, u.Message} {
		if p != "" {
			parts = append(parts, p)
		}
	}
	return oneLine(strings.Join(parts, ": "))
}

// Error is a FHIR file that cannot be imported. Problems holds every error
// found, the first being the one Error reports; nothing of the file may be
// stored.
type Error struct {
	File     string
	Problems []Unsupported
}

// Error reports the file and its first problem on one line.
func (e *Error) Error() string {
	if len(e.Problems) == 0 {
		return fmt.Sprintf("fhir %s: cannot import", e.File)
	}
	msg := fmt.Sprintf("fhir %s: %s", e.File, e.Problems[0])
	if n := len(e.Problems) - 1; n == 1 {
		msg += " (and 1 more problem)"
	} else if n > 1 {
		msg += fmt.Sprintf(" (and %d more problems)", n)
	}
	return msg
}

// oneLine keeps a message on one line whatever the file put in it.
func oneLine(s string) string {
	return strings.Join(strings.Fields(s), " ")
}

// problems collects the errors, warnings and review notes of one file.
type problems struct {
	errs    []Unsupported
	warns   []Unsupported
	reviews []Unsupported
}

// review notes what the import took in but a senior or pharmacist should
// confirm: a name read from a code, a care note cleaned.
func (p *problems) review(resource, path, format string, args ...any) {
	p.reviews = append(p.reviews, Unsupported{Resource: resource, Path: path, Message: fmt.Sprintf(format, args...)})
}

func (p *problems) fail(resource, path, format string, args ...any) {
	p.errs = append(p.errs, Unsupported{Resource: resource, Path: path, Message: fmt.Sprintf(format, args...)})
}

func (p *problems) warn(resource, path, format string, args ...any) {
	p.warns = append(p.warns, Unsupported{Resource: resource, Path: path, Message: fmt.Sprintf(format, args...)})
}

// join builds an element path: join("a", "b") is "a.b", join("", "b") is "b".
func join(parent, child string) string {
	if parent == "" {
		return child
	}
	return parent + "." + child
}

// index builds "name[i]".
func index(name string, i int) string { return fmt.Sprintf("%s[%d]", name, i) }
