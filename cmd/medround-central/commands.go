package main

import (
	"context"
	"crypto/rand"
	"encoding/json"
	"errors"
	"fmt"
	"os"
	"os/signal"
	"syscall"
	"text/tabwriter"
	"time"

	"medround/internal/central"
	"medround/internal/demo"
	"medround/internal/mar"
	"medround/internal/protocol"
	"medround/internal/staff"
	"medround/internal/store"
)

func runServe(a *app, args []string) error {
	fs := a.flags("serve")
	addr := fs.String("addr", "127.0.0.1:8443", "listen address")
	cert := fs.String("tls-cert", "", "TLS certificate (PEM)")
	key := fs.String("tls-key", "", "TLS private key (PEM)")
	if _, err := parse(fs, args); err != nil {
		return err
	}
	st, err := a.open()
	if err != nil {
		return err
	}
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	defer stop()
	srv := central.NewServer(st, central.Options{Log: func(f string, args ...any) {
		fmt.Fprintf(a.stderr, f+"\n", args...)
	}, Incidents: a.finder(st), FHIR: a.finder(st)})
	return central.Serve(ctx, srv.Handler(), central.ServeConfig{Addr: *addr, TLSCert: *cert, TLSKey: *key,
		OnListening: func(at string) { fmt.Fprintf(a.stdout, "medround-central: serving on %s\n", at) }})
}

func runHome(a *app, args []string) error {
	fs := a.flags("home")
	id := fs.String("id", "", "home ID")
	name := fs.String("name", "", "home name")
	zone := fs.String("zone", "Europe/London", "IANA time zone")
	pos, err := parse(fs, args)
	if err != nil {
		return err
	}
	if len(pos) != 1 || pos[0] != "add" || *id == "" || *name == "" {
		return usagef("usage: home add --id HOME --name NAME [--zone Europe/London]")
	}
	if _, err := time.LoadLocation(*zone); err != nil {
		return usagef("time zone %q is not known: give an IANA name such as Europe/London", *zone)
	}
	st, err := a.open()
	if err != nil {
		return err
	}
	settings := mar.DefaultHome()
	settings.Name, settings.TimeZone = *name, *zone
	if err := st.AddHome(context.Background(), central.Home{ID: *id, Settings: settings, CreatedAt: time.Now().UTC()}); err != nil {
		return err
	}
	fmt.Fprintf(a.stdout, "home %s added\n", *id)
	return nil
}

func runUser(a *app, args []string) error {
	fs := a.flags("user")
	home := fs.String("home", "", "home ID")
	id := fs.String("id", "", "user ID")
	name := fs.String("name", "", "name")
	role := fs.String("role", "", "carer, senior or manager")
	pin := fs.String("pin", "", "PIN (or MEDROUND_PIN)")
	pos, err := parse(fs, args)
	if err != nil {
		return err
	}
	if *pin == "" {
		*pin = a.getenv("MEDROUND_PIN")
	}
	r, rerr := mar.ParseRole(*role)
	if len(pos) != 1 || pos[0] != "add" || *home == "" || *id == "" || *name == "" || rerr != nil || *pin == "" {
		return usagef("usage: user add --home HOME --id ID --name NAME --role carer|senior|manager --pin PIN")
	}
	hash, err := staff.HashPIN(*pin)
	if err != nil {
		return usagef("%v", err)
	}
	st, err := a.open()
	if err != nil {
		return err
	}
	if err := st.PutUser(context.Background(), *home, mar.User{ID: *id, Name: *name, Role: r, PINHash: hash}); err != nil {
		return err
	}
	fmt.Fprintf(a.stdout, "user %s added to %s; tablets get it at their next sync\n", *id, *home)
	return nil
}

func runDevice(a *app, args []string) error {
	fs := a.flags("device")
	home := fs.String("home", "", "home ID")
	qr := qrFlags(fs, "")
	pos, err := parse(fs, args)
	if err != nil {
		return err
	}
	st, err := a.open()
	if err != nil {
		return err
	}
	ctx := context.Background()
	switch {
	case len(pos) == 1 && pos[0] == "enrol" && *home != "":
		return a.enrolCode(st, *home, qr)
	case len(pos) == 1 && pos[0] == "list" && *home != "":
		devs, err := st.Devices(ctx, *home)
		if err != nil {
			return err
		}
		return a.printDevices(devs)
	case len(pos) == 2 && pos[0] == "revoke":
		if err := st.RevokeDevice(ctx, pos[1], time.Now()); err != nil {
			return err
		}
		fmt.Fprintf(a.stdout, "device %s revoked: its next sync is refused\n", pos[1])
		return nil
	}
	return usagef("usage: device enrol --home HOME [--server URL [--qr FILE.png]] | device list --home HOME | device revoke ID")
}

// enrolCode makes a one-time code and prints it on the last line; with the
// centre's address, the text of its QR code before it (and the QR code
// written as a PNG, when asked).
func (a *app) enrolCode(st central.Store, home string, qr *qrOptions) error {
	if err := qr.check(); err != nil {
		return err
	}
	code, hash, err := central.NewCodeFor(home)
	if err != nil {
		return err
	}
	exp := time.Now().Add(central.CodeTTL).UTC()
	if err := st.AddCode(context.Background(), central.EnrolmentCode{Hash: hash, HomeID: home, ExpiresAt: exp}); err != nil {
		return err
	}
	if err := a.printQR(qr, code); err != nil {
		return err
	}
	fmt.Fprintf(a.stdout, "One-time enrolment code for %s, valid once until %s:\n%s\n", home, exp.Format(time.RFC3339), code)
	return nil
}

func (a *app) printDevices(devs []central.Device) error {
	if a.json {
		type row struct {
			ID         string    `json:"id"`
			Name       string    `json:"name,omitempty"`
			EnrolledAt time.Time `json:"enrolledAt"`
			RevokedAt  time.Time `json:"revokedAt,omitzero"`
		}
		rows := []row{}
		for _, d := range devs {
			rows = append(rows, row{d.ID, d.Name, d.EnrolledAt, d.RevokedAt})
		}
		return json.NewEncoder(a.stdout).Encode(rows)
	}
	w := tabwriter.NewWriter(a.stdout, 0, 4, 2, ' ', 0)
	fmt.Fprintln(w, "DEVICE\tNAME\tENROLLED\tSTATE")
	for _, d := range devs {
		state := "active"
		if d.Revoked() {
			state = "revoked " + d.RevokedAt.Format(time.RFC3339)
		}
		fmt.Fprintf(w, "%s\t%s\t%s\t%s\n", d.ID, d.Name, d.EnrolledAt.Format(time.RFC3339), state)
	}
	return w.Flush()
}

func runEvents(a *app, args []string) error {
	fs := a.flags("events")
	home := fs.String("home", "", "home ID")
	fromS := fs.String("from", "", "RFC 3339 time")
	toS := fs.String("to", "", "RFC 3339 time")
	if pos, err := parse(fs, args); err != nil || len(pos) != 0 || *home == "" {
		return usagef("usage: events --home HOME [--from T] [--to T] [--json]")
	}
	var from, to time.Time
	for _, p := range []struct {
		s string
		t *time.Time
	}{{*fromS, &from}, {*toS, &to}} {
		if p.s == "" {
			continue
		}
		v, err := time.Parse(time.RFC3339, p.s)
		if err != nil {
			return usagef("time %q: give it as RFC 3339, e.g. 2026-03-29T08:00:00Z", p.s)
		}
		*p.t = v
	}
	st, err := a.open()
	if err != nil {
		return err
	}
	evs, err := st.Events(context.Background(), *home, from, to)
	if err != nil {
		return err
	}
	if a.json {
		if evs == nil {
			evs = []central.StoredEvent{}
		}
		return json.NewEncoder(a.stdout).Encode(evs)
	}
	w := tabwriter.NewWriter(a.stdout, 0, 4, 2, ' ', 0)
	fmt.Fprintln(w, "EVENT\tKIND\tDEVICE\tOCCURRED\tRECEIVED")
	for _, e := range evs {
		fmt.Fprintf(w, "%s\t%s\t%s\t%s\t%s\n", e.Event.ID, e.Event.Kind, e.Device,
			e.Event.OccurredAt.Format(time.RFC3339), e.ReceivedAt.Format(time.RFC3339))
	}
	return w.Flush()
}

func runDemo(a *app, args []string) error {
	fs := a.flags("demo")
	id := fs.String("id", "willow", "home ID")
	qr := qrFlags(fs, "http://127.0.0.1:8443")
	if pos, err := parse(fs, args); err != nil || len(pos) != 0 {
		return usagef("usage: demo [--id HOME] [--server URL] [--qr FILE.png]")
	}
	if err := qr.check(); err != nil {
		return err
	}
	st, err := a.open()
	if err != nil {
		return err
	}
	ctx := context.Background()
	settings, chart := demo.Parts(demo.Options{})
	err = st.AddHome(ctx, central.Home{ID: *id, Settings: settings, CreatedAt: time.Now().UTC()})
	if errors.Is(err, central.ErrExists) {
		return fmt.Errorf("home %s is already set up here: use an empty --data directory, or `device enrol --home %s` for a code", *id, *id)
	}
	if err != nil {
		return err
	}
	for _, s := range demo.Staff {
		hash, err := staff.HashPIN(s.PIN)
		if err != nil {
			return err
		}
		if err := st.PutUser(ctx, *id, mar.User{ID: s.ID, Name: s.Name, Role: s.Role, PINHash: hash}); err != nil {
			return err
		}
	}
	protocols, err := demoChart(ctx, st, *id, chart)
	if err != nil {
		return err
	}
	fmt.Fprintf(a.stdout, "%s (%s) is set up with %d residents, %d staff and %d PRN protocols.\n",
		settings.Name, *id, len(chart.Residents), len(demo.Staff), protocols)
	return a.enrolCode(st, *id, qr)
}

// demoChart stores the demo chart with the PRN protocols the tablet's demo
// writes for it (demo.Protocols), in the centre's name and in one
// transaction, as an import's are, so a tablet never pulls the chart
// without them. It returns how many protocols it stored.
func demoChart(ctx context.Context, st central.Store, home string, chart store.ChartUpdate) (int, error) {
	protocols, err := demo.Protocols(chart, central.CentreDevice, rand.Reader)
	if err != nil {
		return 0, err
	}
	_, head, err := st.Changes(ctx, home, 0, 1)
	if err != nil {
		return 0, err
	}
	err = st.ImportChart(ctx, home, head, protocol.ChartUpdate{Residents: chart.Residents, Products: chart.Products,
		Entries: chart.Entries, Allergies: chart.Allergies, At: chart.At}, protocols)
	if err != nil {
		return 0, fmt.Errorf("demo chart: %w", err)
	}
	return len(protocols), nil
}
