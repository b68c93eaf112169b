package layers

import (
	"encoding/json"
	"os/exec"
	"strings"
	"testing"
)

// pkg is what `go list -json` says of a package.
type pkg struct {
	ImportPath string
	Doc        string
	Imports    []string
	Deps       []string
}

// listAll lists every package of the module. A listing that fails or comes
// back without the packages every rule is about fails the test: a layer
// test that skipped, or checked nothing, would pass while the arrows broke.
func listAll(t *testing.T) []pkg {
	t.Helper()
	cmd := exec.Command("go", "list", "-tags", "migrated_fynedo", "-json", "medround/...")
	var stderr strings.Builder
	cmd.Stderr = &stderr
	out, err := cmd.Output()
	if err != nil {
		t.Fatalf("go list failed, so the layers cannot be checked: %v\n%s", err, stderr.String())
	}
	var all []pkg
	dec := json.NewDecoder(strings.NewReader(string(out)))
	for dec.More() {
		var p pkg
		if err := dec.Decode(&p); err != nil {
			t.Fatalf("go list output: %v", err)
		}
		all = append(all, p)
	}
	if missing := missingNamed(all); len(missing) > 0 {
		t.Fatalf("go list did not list %v, which the layer rules name: a rule about a package that is gone checks nothing", missing)
	}
	return all
}

// missingNamed returns the packages the rules name that all lacks.
func missingNamed(all []pkg) []string {
	have := map[string]bool{}
	for _, p := range all {
		have[p.ImportPath] = true
	}
	var missing []string
	for _, n := range named {
		if !have["medround/"+n] {
			missing = append(missing, n)
		}
	}
	return missing
}

// rule forbids packages matching Who to depend on Dep, for a reason.
type rule struct {
	who    func(string) bool
	dep    string
	direct bool // only a direct import counts
	why    string
}

// named are the packages the rules name, so a rule left naming a package
// that moved fails instead of quietly matching nothing.
var named []string

func is(names ...string) func(string) bool {
	named = append(named, names...)
	return func(p string) bool {
		for _, n := range names {
			if p == "medround/"+n {
				return true
			}
		}
		return false
	}
}

func except(names ...string) func(string) bool {
	in := is(names...)
	return func(p string) bool { return !in(p) }
}

// domain are the packages of pure rules and formats: they run the same in
// the app, the CLI and tests, offline.
var domain = []string{"internal/mar", "internal/schedule", "internal/check", "internal/barcode", "internal/ledger",
	"internal/report", "internal/fhir", "internal/labels", "internal/camera"}

var rules = []rule{
	{is(domain...), "fyne.io/fyne/v2", false, "domain rules have no user interface, so they run the same in the app, the CLI and tests"},
	{is(domain...), "go.etcd.io/bbolt", false, "domain rules are pure functions of data; internal/store does the storage"},
	{is(domain...), "net/http", false, "domain rules never wait on a network; the round must work offline"},
	{is(domain...), "medround/internal/store", false, "domain rules take their data as arguments, so tests need no database"},
	// The central record's embedded store is a file of its own, not the
	// tablet's: it owns that format, as internal/store owns the tablet's.
	{except("internal/store", "internal/store/storetest", "internal/central/boltstore"), "go.etcd.io/bbolt", true, "internal/store is the one owner of the file format, its locks and its checks"},
	{except("internal/syncer", "internal/central", "internal/central/boltstore", "cmd/medround-central"), "net/http", true, "only the syncer and the central record speak HTTP, so the round never waits on a network"},
	{is("internal/central", "internal/central/storetest", "internal/protocol"), "medround/internal/store", false, "the central record's storage sits behind central.Store; the tablet's store is not its file"},
	{except("cmd/medround", "tools/minwindow"), "fyne.io/fyne/v2/app", true, "only the app's main starts a Fyne driver, so internal/ui tests run headless without cgo"},
	// Measuring tools sit under tools/ so the product never carries them;
	// medroundctl's decode --bench is the one door to the corpus benchmark.
	{except("cmd/medroundctl", "tools/scanbench", "tools/minwindow"), "medround/tools", false, "tools/ holds measuring tools, not the product: the app, the centre and the domain never depend on them"},
	{is("internal/ui"), "medround/internal/store", true, "screens lay out and wire; storage goes through internal/round, off the UI goroutine"},
	{is("internal/ui"), "medround/internal/schedule", true, "screens show the doses round works out; they never expand a chart themselves"},
	{is("cmd/medroundctl"), "fyne.io/fyne/v2", false, "medroundctl builds with CGO_ENABLED=0 on a server with no display"},
}

func TestLayers(t *testing.T) {
	for _, p := range listAll(t) {
		deps := p.Deps
		for _, r := range rules {
			if !r.who(p.ImportPath) {
				continue
			}
			if r.direct {
				deps = p.Imports
			}
			for _, d := range deps {
				if d == r.dep || strings.HasPrefix(d, r.dep+"/") {
					t.Errorf("%s depends on %s: %s", p.ImportPath, d, r.why)
					break
				}
			}
			deps = p.Deps
		}
	}
}

func TestEveryPackageSaysItsJob(t *testing.T) {
	for _, p := range listAll(t) {
		if strings.TrimSpace(p.Doc) == "" {
			t.Errorf("%s has no package doc comment saying its one job", p.ImportPath)
		}
	}
}

func TestARuleNamingAMissingPackageIsCaught(t *testing.T) {
	all := []pkg{{ImportPath: "medround/internal/check"}}
	if missing := missingNamed(all); len(missing) == 0 {
		t.Error("a listing without most named packages was taken as complete")
	}
}

func TestListingFailsLoudly(t *testing.T) {
	// The real listing must hold every package the rules name; an empty
	// module listing must not pass as "no violations".
	if missing := missingNamed(nil); len(missing) != len(named) {
		t.Errorf("missingNamed(nil) = %d names, want all %d", len(missing), len(named))
	}
}
