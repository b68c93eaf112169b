package syncer_test

import (
	"context"
	"strings"
	"testing"

	"medround/internal/store/storetest"
	"medround/internal/syncer"
)

// No log line of the centre or the syncer, and no error a sync returns,
// carries a token, an enrolment code, a PIN, a name or an NHS number, even
// through retries, refusals and a revoked tablet.
func TestLogsCarryNoSecretsOrPersonalData(t *testing.T) {
	c := newCentre(t)
	p, url := newProxy(t, c.srv.URL)
	code := c.code(t)
	dir := t.TempDir()
	p.unavailable.Store(1) // the enrolment is retried
	e, err := syncer.EnrolTablet(context.Background(), dir, url, code, "Floor 2", syncer.HomeHeld{}, fastRetry(c.log))
	must(t, err)
	a := newTablet(t, c, url)
	p.unavailable.Store(2) // so is the push
	a.sync(t)
	a.give(t, storetest.ResidentMargaret, storetest.GTINMetformin, 0, "")
	a.sync(t)

	var errs []string
	cl, _, _ := syncer.ForTablet(a.dir, fastRetry(c.log))
	ae, _ := syncer.LoadEnrolment(a.dir)
	must(t, c.st.RevokeDevice(context.Background(), ae.DeviceID, storetest.ChartAt))
	if _, err := cl.Sync(context.Background(), a.st); err != nil {
		errs = append(errs, err.Error())
	}
	if _, err := syncer.EnrolTablet(context.Background(), t.TempDir(), url, code, "", syncer.HomeHeld{}, fastRetry(c.log)); err != nil {
		errs = append(errs, err.Error()) // the code is used: refused
	}
	all := c.log.text() + "\n" + strings.Join(errs, "\n")
	if !strings.Contains(all, "sync: ") || !strings.Contains(all, "401") {
		t.Fatalf("the logs do not show the retries and the refusal, so the test proves nothing:\n%s", all)
	}
	canaries := map[string]string{"token": e.Token, "other token": ae.Token, "enrolment code": code,
		"code as typed": strings.ReplaceAll(code, "-", ""), "NHS number": storetest.NHSMargaret,
		"PIN": "1111", "staff name": "Amy Carter"}
	for what, s := range canaries {
		if s != "" && strings.Contains(all, s) {
			t.Errorf("a log line or error carries the %s", what)
		}
	}
}
