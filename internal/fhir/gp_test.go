package fhir

import (
	"strings"
	"testing"

	"medround/internal/mar"
)

func TestGeneralPractitioner(t *testing.T) {
	withGP := func(refs string) string {
		return strings.Replace(patientJSONText, `"name"`, `"generalPractitioner":[`+refs+`],"name"`, 1)
	}
	const (
		khan    = `{"resourceType":"Practitioner","id":"gp1","name":[{"prefix":["Dr"],"given":["Aisha"],"family":"Khan"}],"telecom":[{"system":"email","value":"a.khan@nhs.net"},{"system":"phone","value":"01632 960123","use":"work"}]}`
		surgery = `{"resourceType":"Organization","id":"org1","name":"Riverside Surgery","telecom":[{"system":"phone","value":"01632 960000"}]}`
	)
	tests := []struct {
		name      string
		file      []byte
		want      *mar.GP
		wantWarns []string
	}{
		{"doctor and practice both in the bundle, the doctor's work phone",
			bundleOf(withGP(`{"reference":"Practitioner/gp1"},{"reference":"Organization/org1"}`), khan, surgery),
			&mar.GP{Name: "Dr Aisha Khan", Practice: "Riverside Surgery", Phone: "01632 960123"}, nil},
		{"practice only: its phone",
			bundleOf(withGP(`{"reference":"Organization/org1"}`), surgery),
			&mar.GP{Practice: "Riverside Surgery", Phone: "01632 960000"}, nil},
		{"references to resources not in the file keep their display",
			bundleOf(withGP(`{"reference":"Practitioner/elsewhere","display":"Dr Tomasz Nowak"},{"reference":"Organization/x","display":"Canal Street Medical Centre"}`)),
			&mar.GP{Name: "Dr Tomasz Nowak", Practice: "Canal Street Medical Centre"}, nil},
		{"a practitioner role names the doctor and the practice",
			bundleOf(withGP(`{"reference":"PractitionerRole/role1"}`), khan, surgery,
				`{"resourceType":"PractitionerRole","id":"role1","practitioner":{"reference":"Practitioner/gp1"},"organization":{"reference":"Organization/org1"}}`),
			&mar.GP{Name: "Dr Aisha Khan", Practice: "Riverside Surgery", Phone: "01632 960123"}, nil},
		{"a contained practitioner",
			bundleOf(strings.Replace(withGP(`{"reference":"#gp"}`), `"name"`, `"contained":[{"resourceType":"Practitioner","id":"gp","name":[{"text":"Dr Olu Adebayo"}]}],"name"`, 1)),
			&mar.GP{Name: "Dr Olu Adebayo"}, nil},
		{"a practice named only by its ODS code, as PDS gives it",
			bundleOf(withGP(`{"type":"Organization","identifier":{"system":"https://fhir.nhs.uk/Id/ods-organization-code","value":"Y12345"}}`)),
			&mar.GP{Practice: "ODS code Y12345"}, nil},
		{"a name with a non-Latin-1 letter is kept as written",
			bundleOf(withGP(`{"reference":"Practitioner/x","display":"Dr Zoë Łukasiewicz"}`)),
			&mar.GP{Name: "Dr Zoë Łukasiewicz"}, nil},
		{"no GP on the record", bundleOf(patientJSONText), nil, nil},
		{"a practitioner no Patient names (a prescriber) is reported as ignored",
			bundleOf(withGP(`{"reference":"Organization/org1"}`), surgery, khan),
			&mar.GP{Practice: "Riverside Surgery", Phone: "01632 960000"}, []string{"Practitioner/gp1", "is ignored"}},
		{"a reference to nothing the file holds, with no display, is a warning and no GP",
			bundleOf(withGP(`{"reference":"Practitioner/elsewhere"}`)), nil,
			[]string{"generalPractitioner", "add the GP's name"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			c := mustParse(t, tt.file)
			got := c.Residents[0].GP
			if (got == nil) != (tt.want == nil) || (got != nil && *got != *tt.want) {
				t.Errorf("GP = %+v, want %+v", got, tt.want)
			}
			var warns []string
			for _, u := range c.Unsupported {
				warns = append(warns, u.Resource+" "+u.Path+": "+u.Message)
			}
			all := strings.Join(warns, "\n")
			for _, w := range tt.wantWarns {
				if !strings.Contains(all, w) {
					t.Errorf("warnings %q, want one saying %q", all, w)
				}
			}
			if len(tt.wantWarns) == 0 && all != "" {
				t.Errorf("unexpected warnings: %s", all)
			}
		})
	}
}

func TestGeneralPractitionerTooLongIsRefused(t *testing.T) {
	long := strings.Repeat("x", maxShortText+1)
	file := bundleOf(strings.Replace(patientJSONText, `"name"`,
		`"generalPractitioner":[{"reference":"Practitioner/x","display":"`+long+`"}],"name"`, 1))
	if _, err := ParseBundle(file, "test.json"); err == nil || !strings.Contains(err.Error(), "generalPractitioner") {
		t.Errorf("ParseBundle = %v, want an error naming generalPractitioner", err)
	}
}
