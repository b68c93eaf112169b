package mar_test

import (
	"strings"
	"testing"
	"time"

	"medround/internal/mar"
)

func TestSkinAreasHoldThePatchSitesAndEachWordOnce(t *testing.T) {
	seen := map[string]bool{}
	for _, a := range mar.SkinAreas() {
		if seen[a.Word] || a.Words == "" {
			t.Errorf("skin area %+v: seen before or without words", a)
		}
		seen[a.Word] = true
	}
	for _, s := range mar.BodySites() {
		if !seen[s.Word] {
			t.Errorf("patch site %s is not a skin area: a cream could not go where a patch may", s.Word)
		}
	}
}

func TestParseSkinAreas(t *testing.T) {
	for _, c := range []struct {
		name, in string
		want     string // the words read, "" for an error
	}{
		{"barrier cream on the sacrum and both buttocks", "sacrum, buttock-left,buttock-right", "sacrum,buttock-left,buttock-right"},
		{"emollient on both lower legs, typed in capitals", "LOWER-LEG-LEFT,lower-leg-right", "lower-leg-left,lower-leg-right"},
		{"an area named twice counts once", "heel-left,heel-left", "heel-left"},
		{"a patch site is a skin area", "chest-left", "chest-left"},
		{"no area at all", " , ", ""},
		{"an area the map does not have", "sacrum,elbow", ""},
		{"nothing", "", ""},
	} {
		got, err := mar.ParseSkinAreas(c.in)
		if c.want == "" {
			if err == nil {
				t.Errorf("%s: ParseSkinAreas(%q) = %v, want an error", c.name, c.in, got)
			}
			continue
		}
		if err != nil || mar.SiteWords(got) != c.want {
			t.Errorf("%s: ParseSkinAreas(%q) = %q, %v; want %q", c.name, c.in, mar.SiteWords(got), err, c.want)
		}
	}
	if _, err := mar.ParseBodySite("sacrum"); err == nil {
		t.Error("the sacrum was taken as a patch site: it is a pressure area, not on the patch leaflets")
	}
	if _, err := mar.ParseSkinAreas("elbow"); err == nil || !strings.Contains(err.Error(), "sacrum") {
		t.Errorf("ParseSkinAreas(elbow) = %v, want an error naming the areas", err)
	}
}

func TestIsTopical(t *testing.T) {
	for _, c := range []struct {
		name  string
		route string
		p     mar.Product
		want  bool
	}{
		{"emollient cream with a topical route", "Topical route", mar.Product{Name: "Zerobase cream", Form: "cream"}, true},
		{"barrier cream with no route, by its form", "", mar.Product{Name: "Cavilon barrier cream", Form: "cream"}, true},
		{"ointment by the cutaneous route", "Cutaneous", mar.Product{Name: "Hydrocortisone 1% ointment"}, true},
		{"an insulin injection is subcutaneous, not on the skin", "Subcutaneous route", mar.Product{Name: "Insulin"}, false},
		{"an eye ointment goes in the eye", "", mar.Product{Name: "Chloramphenicol 1% eye ointment", Form: "eye ointment"}, false},
		{"an oral gel goes in the mouth", "", mar.Product{Name: "Miconazole oral gel", Form: "oral gel"}, false},
		{"a patch has its own site", "Transdermal", mar.Product{Name: "Fentanyl patch", Form: "transdermal patch"}, false},
		{"a tablet", "oral", mar.Product{Name: "Amlodipine 5mg tablets", Form: "tablet"}, false},
	} {
		if got := mar.IsTopical(mar.ChartEntry{Route: c.route}, c.p); got != c.want {
			t.Errorf("%s: IsTopical = %v, want %v", c.name, got, c.want)
		}
	}
}

func TestPatchRotation(t *testing.T) {
	day := 24 * time.Hour
	for _, c := range []struct {
		name           string
		entry, product time.Duration
		want           time.Duration
	}{
		{"a fentanyl patch the chart says nothing of rests the default 21 days", 0, 0, 21 * day},
		{"a rivastigmine patch whose leaflet says 14 days", 0, 14 * day, 14 * day},
		{"the prescriber's rotation on the chart comes before the leaflet's", 28 * day, 14 * day, 28 * day},
		{"a rotation of an hour is a typing error: the default stands", time.Hour, 0, 21 * day},
		{"a rotation of a year is a typing error: the product's stands", 365 * day, 14 * day, 14 * day},
	} {
		got := mar.PatchRotation(mar.ChartEntry{PatchRotation: c.entry}, mar.Product{PatchRotation: c.product})
		if got != c.want {
			t.Errorf("%s: PatchRotation = %v, want %v", c.name, got, c.want)
		}
	}
	if mar.ValidPatchRotation(14*day) != nil || mar.ValidPatchRotation(0) == nil || mar.ValidPatchRotation(100*day) == nil {
		t.Error("ValidPatchRotation does not keep 1 to 90 days")
	}
}

func TestPatchWear(t *testing.T) {
	day := 24 * time.Hour
	for _, c := range []struct {
		name string
		e    mar.ChartEntry
		want time.Duration
	}{
		{"buprenorphine every Thursday morning stays on a week",
			mar.ChartEntry{Timing: mar.Timing{When: []string{"MORN"}, DaysOfWeek: []time.Weekday{time.Thursday}}}, 7 * day},
		{"fentanyl every 3 days", mar.ChartEntry{Timing: mar.Timing{Frequency: 1, Period: 3, PeriodUnit: "d", TimesOfDay: []mar.ClockTime{8 * 60}}}, 3 * day},
		{"rivastigmine each morning stays on a day", mar.ChartEntry{Timing: mar.Timing{When: []string{"MORN"}}}, day},
		{"rivastigmine at 08:00 each day stays on a day", mar.ChartEntry{Timing: mar.Timing{TimesOfDay: []mar.ClockTime{8 * 60}}}, day},
		{"a patch morning and night: the chart does not say how long each stays on",
			mar.ChartEntry{Timing: mar.Timing{When: []string{"MORN", "NIGHT"}}}, 0},
		{"a when-required patch at least 72 hours apart", mar.ChartEntry{PRN: true, MinInterval: 72 * time.Hour}, 3 * day},
	} {
		if got := mar.PatchWear(c.e); got != c.want {
			t.Errorf("%s: PatchWear = %v, want %v", c.name, got, c.want)
		}
	}
}
