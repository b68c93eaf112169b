package fhir

import (
	"encoding/json"
	"slices"
	"strings"
	"testing"
)

// TestPRNProtocolsFromTheFixture reads the PRN protocols of a chart whose
// when-required lines give a reason, instructions, neither, or are stopped.
func TestPRNProtocolsFromTheFixture(t *testing.T) {
	data := readFixture(t, "prn-protocol.json")
	t.Run("valid against the FHIR R4 schema", func(t *testing.T) {
		s := loadSchema(t)
		var v any
		if err := json.Unmarshal(data, &v); err != nil {
			t.Fatal(err)
		}
		for _, e := range s.Validate("Bundle", v, "Bundle") {
			t.Error(e)
		}
	})
	c := mustParse(t, data)
	if len(c.Protocols) != 1 {
		t.Fatalf("protocols = %+v, want one: the line with a reason (not the bare one, not the stopped one)", c.Protocols)
	}
	p := c.Protocols[0]
	want := "Take 1 or 2 tablets when needed for pain. Leave at least 4 hours between doses.; Follow directions; If no better after 48 hours, contact the GP"
	if p.EntryID != "rx-em-paracetamol" || p.ResidentID != "edith-moss" || !slices.Equal(p.Signs, []string{"pain"}) ||
		p.Prescribed != want || !p.Imported || p.CallGP != "" {
		t.Errorf("protocol = %+v\nwant pain as its sign and the prescription's words %q, nothing guessed", p, want)
	}
	if err := p.Valid(); err != nil {
		t.Errorf("imported protocol is not valid: %v", err)
	}
	found := false
	for _, r := range c.Review {
		found = found || (strings.Contains(r.Resource, "rx-em-paracetamol-bare") && strings.Contains(r.Message, "no PRN protocol"))
	}
	if !found {
		t.Errorf("the line with instructions but no reason is not listed to confirm: %v", c.Review)
	}
	if warningsContain(c, "additionalInstruction") {
		t.Errorf("additionalInstruction reported as not used: %v", c.Unsupported)
	}
}

func TestPRNProtocolInstructionsRefused(t *testing.T) {
	prn := func(extra string) []byte {
		return bundleOf(patientJSONText, medJSONText, requestWith(`{"asNeededCodeableConcept":{"text":"pain"},`+
			`"timing":{"repeat":{"frequency":1,"period":4,"periodUnit":"h"}},"doseAndRate":[{"doseQuantity":{"value":1,"unit":"tablet"}}]`+extra+`}`))
	}
	for _, c := range []struct{ name, extra, want string }{
		{"an instruction holding an escape character", `,"additionalInstruction":[{"text":"call \u001b[2J the GP"}]`, "control character"},
		{"an instruction longer than a line of the protocol", `,"additionalInstruction":[{"text":"` + strings.Repeat("a", 201) + `"}]`, "201 characters"},
		{"instructions longer than a protocol keeps", `,"additionalInstruction":[` + strings.TrimSuffix(strings.Repeat(`{"text":"`+strings.Repeat("b", 200)+`"},`, 25), ",") + `]`, "more than the 4000"},
	} {
		t.Run(c.name, func(t *testing.T) {
			_, err := ParseBundle(prn(c.extra), "test.json")
			if err == nil || !strings.Contains(err.Error(), c.want) {
				t.Errorf("ParseBundle = %v, want an error saying %q", err, c.want)
			}
		})
	}
	t.Run("a bare code with no words is left out and said", func(t *testing.T) {
		ch := mustParse(t, prn(`,"additionalInstruction":[{"coding":[{"system":"http://snomed.info/sct","code":"421769005"}]}]`))
		if len(ch.Protocols) != 1 || ch.Protocols[0].Prescribed != "" || !warningsContain(ch, "no text or display") {
			t.Errorf("protocols %+v, warnings %v", ch.Protocols, ch.Unsupported)
		}
	})
}
