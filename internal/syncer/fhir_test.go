package syncer_test

import (
	"context"
	"encoding/json"
	"io"
	"net/http"
	"path/filepath"
	"testing"

	"medround/internal/central"
	"medround/internal/corpustest"
	"medround/internal/fhir/fhirtest"
	"medround/internal/mar"
	"medround/internal/store/storetest"
	"medround/internal/syncer"
)

var corpusDir = filepath.Join(corpustest.Root(), "fhir")

func getFHIR(t *testing.T, url, token string) (int, string, []byte) {
	t.Helper()
	req, err := http.NewRequest(http.MethodGet, url, nil)
	must(t, err)
	if token != "" {
		req.Header.Set("Authorization", "Bearer "+token)
	}
	resp, err := http.DefaultClient.Do(req)
	must(t, err)
	defer resp.Body.Close()
	body, err := io.ReadAll(resp.Body)
	must(t, err)
	return resp.StatusCode, resp.Header.Get("Content-Type"), body
}

// A tablet's records reach the centre; the FHIR search for Margaret's
// doses returns a Bundle of hers alone, valid against the R4 schema, to a
// device of her home only.
func TestFHIRMedicationAdministrationSearch(t *testing.T) {
	c := newCentre(t)
	a := newTablet(t, c, c.srv.URL)
	a.sync(t)
	a.give(t, storetest.ResidentMargaret, storetest.GTINMetformin, 0, "")
	a.give(t, storetest.ResidentMargaret, storetest.GTINParacetamol, 2, "headache")
	a.give(t, storetest.ResidentArthur, storetest.GTINParacetamol, 1, "back pain")
	a.sync(t)
	enr, err := syncer.LoadEnrolment(a.dir)
	must(t, err)

	ctx := context.Background()
	must(t, c.st.AddHome(ctx, central.Home{ID: "oak", Settings: mar.DefaultHome()}))
	_, codeHash, _ := central.NewCode()
	must(t, c.st.AddCode(ctx, central.EnrolmentCode{Hash: codeHash, HomeID: "oak", ExpiresAt: storetest.ChartAt.AddDate(10, 0, 0)}))
	oakToken, oakHash, _ := central.NewToken()
	_, _, err = c.st.Enrol(ctx, central.Enrolment{CodeHash: codeHash, Device: central.Device{ID: "tab-oak", TokenHash: oakHash, EnrolledAt: storetest.ChartAt}})
	must(t, err)

	base := c.srv.URL + central.PathFHIRAdministrations
	margaret := base + "?patient=" + storetest.NHSMargaret + "&date=ge2025-01-06"
	cases := []struct {
		name, url, token string
		want             int
	}{
		{"no token", margaret, "", http.StatusUnauthorized},
		{"a tablet of another home", margaret, oakToken, http.StatusNotFound},
		{"an NHS number with a wrong check digit", base + "?patient=9434765910&date=ge2025-01-06", enr.Token, http.StatusBadRequest},
		{"no patient", base + "?date=ge2025-01-06", enr.Token, http.StatusBadRequest},
		{"a date without ge", base + "?patient=" + storetest.NHSMargaret + "&date=2025-01-06", enr.Token, http.StatusBadRequest},
		{"a date that is not one", base + "?patient=" + storetest.NHSMargaret + "&date=ge2025-13-40", enr.Token, http.StatusBadRequest},
		{"a valid NHS number of no resident", base + "?patient=9000000009&date=ge2025-01-06", enr.Token, http.StatusNotFound},
		{"the day after the doses", base + "?patient=" + storetest.NHSMargaret + "&date=ge2025-01-07", enr.Token, http.StatusOK},
	}
	for _, tc := range cases {
		if code, _, body := getFHIR(t, tc.url, tc.token); code != tc.want {
			t.Errorf("%s: status %d (%s), want %d", tc.name, code, body, tc.want)
		}
	}

	code, ctype, body := getFHIR(t, margaret, enr.Token)
	if code != http.StatusOK || ctype != "application/fhir+json" {
		t.Fatalf("search: status %d, %s: %s", code, ctype, body)
	}
	var bundle map[string]any
	must(t, json.Unmarshal(body, &bundle))
	schema := fhirtest.LoadSchema(t, corpusDir)
	if errs := schema.Validate("Bundle", bundle, "Bundle"); len(errs) > 0 {
		t.Errorf("bundle fails the R4 schema: %v", errs)
	}
	entries, _ := bundle["entry"].([]any)
	if len(entries) != 2 {
		t.Fatalf("bundle has %d entries, want Margaret's 2 doses", len(entries))
	}
	for _, e := range entries {
		res := e.(map[string]any)["resource"].(map[string]any)
		if res["resourceType"] != "MedicationAdministration" {
			t.Errorf("entry is a %v, want MedicationAdministration", res["resourceType"])
		}
		if errs := schema.Validate("MedicationAdministration", res, "entry"); len(errs) > 0 {
			t.Errorf("entry fails the R4 schema: %v", errs)
		}
	}
}
