package check

import (
	"errors"
	"slices"
	"strings"
	"testing"
	"time"

	"medround/internal/mar"
)

type checkRow struct {
	name  string
	mod   func(in *Input)
	want  []Code
	level mar.Level
	// also checks more of the verdict: the slot, the entry, the message.
	also func(t *testing.T, v Verdict)
}

func pack(gtin string) func(in *Input) {
	return func(in *Input) { in.Pack.GTIN = gtin }
}

func now(t time.Time) func(in *Input) { return func(in *Input) { in.Now = t.UTC() } }

func all(fs ...func(in *Input)) func(in *Input) {
	return func(in *Input) {
		for _, f := range fs {
			f(in)
		}
	}
}

func withHistory(evs ...mar.Event) func(in *Input) {
	return func(in *Input) { in.History = append(in.History, evs...) }
}

func slotDue(want time.Time) func(t *testing.T, v Verdict) {
	return func(t *testing.T, v Verdict) {
		t.Helper()
		if v.Slot == nil || !v.Slot.Due.Equal(want) {
			t.Errorf("slot = %+v, want one due at %v", v.Slot, want.In(london))
		}
	}
}

func entryIs(id string) func(t *testing.T, v Verdict) {
	return func(t *testing.T, v Verdict) {
		t.Helper()
		if v.Entry == nil || v.Entry.ID != id {
			t.Errorf("entry = %+v, want %s", v.Entry, id)
		}
	}
}

func says(code Code, text string) func(t *testing.T, v Verdict) {
	return func(t *testing.T, v Verdict) {
		t.Helper()
		for _, r := range v.Reasons {
			if r.Code == code && strings.Contains(r.Message, text) {
				return
			}
		}
		t.Errorf("no %s reason saying %q in %+v", code, text, v.Reasons)
	}
}

// saysOnce checks that the reason says text exactly once: two rules adding
// the same sentence read as a fault to the care worker.
func saysOnce(code Code, text string) func(t *testing.T, v Verdict) {
	return func(t *testing.T, v Verdict) {
		t.Helper()
		for _, r := range v.Reasons {
			if r.Code == code && strings.Count(r.Message, text) != 1 {
				t.Errorf("%s says %q %d times: %s", code, text, strings.Count(r.Message, text), r.Message)
			}
		}
	}
}

func both(fs ...func(t *testing.T, v Verdict)) func(t *testing.T, v Verdict) {
	return func(t *testing.T, v Verdict) {
		for _, f := range fs {
			f(t, v)
		}
	}
}

var (
	ok   = mar.LevelOK
	warn = mar.LevelWarn
	stop = mar.LevelStop
)

func checkRows() []checkRow {
	return []checkRow{
		// The right resident.
		{name: "amlodipine scanned for Mary at 08:10 is on time", want: nil, level: ok,
			also: both(slotDue(at(8, 0)), entryIs("e-amlo"))},
		{name: "unknown wristband is stopped",
			mod:  func(in *Input) { in.Resident, in.Chart, in.ResidentScan = nil, nil, "R9999" },
			want: []Code{ResidentUnknown}, level: stop, also: says(ResidentUnknown, "R9999")},
		{name: "unknown resident and an unreadable pack report both",
			mod: func(in *Input) {
				in.Resident, in.Chart, in.Pack, in.PackScanErr = nil, nil, nil, errors.New("bad GTIN check digit")
			},
			want: []Code{ResidentUnknown, ScanInvalid}, level: stop},
		{name: "unknown resident with an expired pack reports the expiry too",
			mod: func(in *Input) {
				in.Resident, in.Chart = nil, nil
				in.Pack.Expiry = time.Date(2025, 12, 31, 0, 0, 0, 0, time.UTC)
			},
			want: []Code{ResidentUnknown, Expired}, level: stop},
		{name: "NHS number with a wrong check digit is an invalid scan",
			mod:  func(in *Input) { in.Resident, in.ResidentScanErr = nil, errors.New("NHS number check digit is wrong") },
			want: []Code{ScanInvalid}, level: stop, also: says(ScanInvalid, "check digit")},
		{name: "resident in hospital is stopped",
			mod:  func(in *Input) { in.Resident.Status = mar.StatusHospital },
			want: []Code{ResidentAway}, level: stop, also: says(ResidentAway, "in hospital")},
		{name: "resident on leave is stopped",
			mod:  func(in *Input) { in.Resident.Status = mar.StatusLeave },
			want: []Code{ResidentAway}, level: stop},
		{name: "deceased resident is stopped",
			mod:  func(in *Input) { in.Resident.Status = mar.StatusDeceased },
			want: []Code{ResidentAway}, level: stop},
		{name: "inactive patient record is stopped as away",
			mod:  func(in *Input) { in.Resident.Active = false },
			want: []Code{ResidentAway}, level: stop, also: says(ResidentAway, "no longer a resident")},
		{name: "chart loaded for another resident cannot decide",
			mod:  func(in *Input) { in.Chart[3].ResidentID = "R002" },
			want: []Code{CannotDecide}, level: stop},

		// The right medicine.
		{name: "pack on no chart is not on chart",
			mod: pack(gtinUnknown), want: []Code{NotOnChart}, level: stop, also: says(NotOnChart, "right pack")},
		{name: "John's pack scanned for Mary names John: wrong resident",
			mod:  all(pack(gtinUnknown), func(in *Input) { in.OtherResidents = []string{"John Smith (room 7)"} }),
			want: []Code{NotOnChart}, level: stop, also: says(NotOnChart, "John Smith (room 7)")},
		{name: "pack not the entry chosen by hand",
			mod: func(in *Input) { in.EntryID = "e-mst" }, want: []Code{NotOnChart}, level: stop},
		{name: "entry chosen by hand that is not on the chart",
			mod: func(in *Input) { in.Pack, in.EntryID = nil, "e-nope" }, want: []Code{NotOnChart, ExpiryNotChecked}, level: stop},
		{name: "Mary chosen on screen rather than scanned: her identity is checked by sight",
			mod: func(in *Input) {
				in.ResidentChosen, in.ResidentScan, in.Resident.BirthDate = true, "R001", "1941-03-03"
			},
			want: []Code{ResidentNotScanned}, level: ok, also: says(ResidentNotScanned, "Mary Jones, born 3 March 1941")},
		{name: "resident chosen on screen and in hospital is still stopped",
			mod:  func(in *Input) { in.ResidentChosen, in.Resident.Status = true, mar.StatusHospital },
			want: []Code{ResidentNotScanned, ResidentAway}, level: stop},
		{name: "co-codamol not on the chart, for Mary allergic to codeine: not on chart and allergy",
			mod: all(pack(gtinUnknown), func(in *Input) {
				in.PackProducts = []mar.Product{coCodamol()}
				in.Allergies = []mar.Allergy{{ID: "a1", ResidentID: "R001", Active: true, Substance: mar.Concept{Text: "Codeine"}}}
			}),
			want: []Code{NotOnChart, Allergy}, level: stop, also: says(Allergy, "Co-codamol 30mg/500mg tablets contains Codeine phosphate")},
		{name: "flucloxacillin not on the chart, for Mary allergic to penicillin: not on chart and allergy",
			mod: all(pack(gtinUnknown), func(in *Input) {
				in.PackProducts = []mar.Product{flucloxacillin()}
				in.Allergies = []mar.Allergy{{ID: "a1", Active: true, Substance: mar.Concept{Text: "Penicillin",
					Codings: []mar.Coding{{System: snomed, Code: "764146007", Display: "Penicillin"}}}}}
			}),
			want: []Code{NotOnChart, Allergy}, level: stop, also: says(Allergy, "Flucloxacillin 500mg capsules")},
		{name: "John's penicillin V liquid scanned for Mary allergic to penicillin: wrong resident and allergy",
			mod: all(pack(gtinPenVLiquid), func(in *Input) {
				in.OtherResidents = []string{"John Smith (room 7)"}
				in.PackProducts = []mar.Product{{ID: "p-penv-liq", Name: "Phenoxymethylpenicillin 125mg/5ml oral solution",
					GTINs: []string{gtinPenVLiquid}}}
				in.Allergies = []mar.Allergy{{ID: "a1", Active: true, Substance: mar.Concept{Text: "Penicillin"}}}
			}),
			want: []Code{NotOnChart, Allergy}, level: stop, also: says(NotOnChart, "John Smith")},
		{name: "pack not on the chart, no allergy matches: not on chart only",
			mod: all(pack(gtinUnknown), func(in *Input) {
				in.PackProducts = []mar.Product{coCodamol()}
				in.Allergies = []mar.Allergy{{ID: "a1", Active: true, Substance: mar.Concept{Text: "Latex"}}}
			}),
			want: []Code{NotOnChart}, level: stop},
		{name: "pack product passed in for another GTIN is not taken for the pack",
			mod: all(pack(gtinUnknown), func(in *Input) {
				cc := coCodamol()
				cc.GTINs = []string{gtinPenVLiquid}
				in.PackProducts = []mar.Product{cc}
				in.Allergies = []mar.Allergy{{ID: "a1", Active: true, Substance: mar.Concept{Text: "Codeine"}}}
			}),
			want: []Code{NotOnChart}, level: stop},
		{name: "penicillin V pack when amlodipine was chosen by hand, for Mary allergic to penicillin: allergy too",
			mod: all(pack(gtinPenV), func(in *Input) {
				in.EntryID = "e-amlo"
				in.Allergies = []mar.Allergy{{ID: "a1", Active: true, Substance: mar.Concept{Text: "Penicillin"}}}
			}),
			want: []Code{NotOnChart, Allergy}, level: stop},
		{name: "furosemide on the chart twice for Mary allergic to furosemide: ambiguous and allergy",
			mod: all(pack(gtinFurosemide), now(at(15, 0)), func(in *Input) {
				in.Allergies = []mar.Allergy{{ID: "a1", Active: true, Substance: mar.Concept{Text: "Furosemide"}}}
			}),
			want: []Code{ChartAmbiguous, Allergy}, level: stop},
		{name: "levothyroxine stopped by the GP is discontinued",
			mod: all(pack(gtinLevo)), want: []Code{Discontinued}, level: stop, also: says(Discontinued, "stopped")},
		{name: "trimethoprim course ended at midnight is discontinued",
			mod: all(pack(gtinTrimeth), now(at(21, 0))), want: []Code{Discontinued}, level: stop},
		{name: "course ending exactly now is discontinued",
			mod:  all(pack(gtinTrimeth), func(in *Input) { in.Chart[9].End = in.Now }),
			want: []Code{Discontinued}, level: stop},
		{name: "completed course is discontinued",
			mod:  func(in *Input) { in.Chart[0].Status = mar.EntryCompleted },
			want: []Code{Discontinued}, level: stop},
		{name: "cancelled entry is discontinued",
			mod:  func(in *Input) { in.Chart[0].Status = mar.EntryCancelled },
			want: []Code{Discontinued}, level: stop},
		{name: "entry with a status the check does not know cannot decide",
			mod:  func(in *Input) { in.Chart[0].Status = 99 },
			want: []Code{CannotDecide}, level: stop},
		{name: "antibiotic starting tomorrow is not started",
			mod:  func(in *Input) { in.Chart[0].Start = at(8, 0).AddDate(0, 0, 1) },
			want: []Code{NotStarted}, level: stop},
		{name: "entry starting exactly at the due time is in force",
			mod:  func(in *Input) { in.Chart[0].Start = at(8, 0) },
			want: nil, level: ok},
		{name: "warfarin on hold for a high INR is stopped",
			mod: all(pack(gtinWarfarin), now(at(17, 0))), want: []Code{OnHold}, level: stop},
		{name: "stopped old entry and active new entry of the same pack: the active one is used",
			mod: func(in *Input) {
				old := in.Chart[0]
				old.ID, old.Status = "e-amlo-old", mar.EntryStopped
				in.Chart = append(in.Chart, old)
			},
			want: nil, level: ok, also: entryIs("e-amlo")},
		{name: "held and stopped entries of the same pack report the hold",
			mod: func(in *Input) {
				old := in.Chart[6]
				old.ID, old.Status = "e-warf-old", mar.EntryStopped
				in.Chart = append([]mar.ChartEntry{old}, in.Chart...)
				in.Pack.GTIN, in.Now = gtinWarfarin, at(17, 0).UTC()
			},
			want: []Code{OnHold}, level: stop, also: entryIs("e-warf")},
		{name: "product missing from the medicine list cannot decide",
			mod:  func(in *Input) { delete(in.Products, "p-warf") },
			want: []Code{CannotDecide}, level: stop},
		{name: "furosemide on the chart twice, at 08:10 the morning line is due",
			mod: pack(gtinFurosemide), want: nil, level: ok, also: entryIs("e-furo#1")},
		{name: "furosemide on the chart twice, at 15:00 neither is due: ambiguous",
			mod: all(pack(gtinFurosemide), now(at(15, 0))), want: []Code{ChartAmbiguous}, level: stop},
		{name: "furosemide ambiguity settled by choosing the entry by hand",
			mod:  all(pack(gtinFurosemide), now(at(12, 30)), func(in *Input) { in.EntryID = "e-furo#2" }),
			want: nil, level: ok, also: entryIs("e-furo#2")},
		{name: "paracetamol on the chart as PRN and regular cannot be told apart",
			mod: all(paraAt(8, 10), func(in *Input) {
				reg := entry("e-para-reg", "p-para", mar.Timing{Frequency: 4, Period: 1, PeriodUnit: "d"})
				in.Chart = append(in.Chart, reg)
			}),
			want: []Code{ChartAmbiguous}, level: stop},
		{name: "superseded version in the chart is ignored",
			mod: func(in *Input) {
				old := in.Chart[0]
				old.Version, old.ValidTo = 0, at(7, 0)
				old.Status = mar.EntryStopped
				in.Chart = append(in.Chart, old)
			},
			want: nil, level: ok, also: entryIs("e-amlo")},

		// Expiry.
		{name: "pack that expired yesterday is stopped",
			mod:  func(in *Input) { in.Pack.Expiry = time.Date(2026, 1, 13, 0, 0, 0, 0, time.UTC) },
			want: []Code{Expired}, level: stop, also: says(Expired, "13 Jan 2026")},
		{name: "expiry day itself is still in date",
			mod:  func(in *Input) { in.Pack.Expiry = time.Date(2026, 1, 14, 0, 0, 0, 0, time.UTC) },
			want: nil, level: ok},
		{name: "AI17 day 00 read as 31 January is in date on 31 January",
			mod: all(now(on(2026, 1, 31, 8, 10)), func(in *Input) {
				in.Pack.Expiry = time.Date(2026, 1, 31, 0, 0, 0, 0, time.UTC)
			}),
			want: nil, level: ok},
		{name: "expiry 30 June at 00:30 BST on 1 July is expired though UTC is still 30 June",
			mod: all(now(on(2026, 7, 1, 0, 30)), func(in *Input) {
				in.Pack.Expiry = time.Date(2026, 6, 30, 0, 0, 0, 0, time.UTC)
				in.Pack.GTIN = gtinSenna // not a regular dose timing question
				in.Chart = append(in.Chart, entry("e-senna", "p-senna", mar.Timing{TimesOfDay: []mar.ClockTime{30}}))
			}),
			want: []Code{Expired}, level: stop},
		{name: "plain EAN-13 with no expiry asks for a check by eye",
			mod:  func(in *Input) { in.Pack.Expiry = time.Time{} },
			want: []Code{ExpiryNotChecked}, level: ok},
		{name: "entry chosen by hand because the barcode is damaged: expiry not checked",
			mod:  func(in *Input) { in.Pack, in.EntryID = nil, "e-amlo" },
			want: []Code{ExpiryNotChecked}, level: ok, also: entryIs("e-amlo")},
		{name: "unreadable pack scan is an invalid scan",
			mod:  func(in *Input) { in.Pack, in.PackScanErr = nil, errors.New("malformed GS1 element string") },
			want: []Code{ScanInvalid}, level: stop},
		{name: "neither a pack nor an entry cannot decide",
			mod:  func(in *Input) { in.Pack = nil },
			want: []Code{CannotDecide}, level: stop},

		// Allergy.
		{name: "penicillin V for a resident allergic to penicillin is stopped",
			mod: all(pack(gtinPenV), func(in *Input) {
				in.Allergies = []mar.Allergy{{ID: "a1", ResidentID: "R001", Active: true, Substance: mar.Concept{Text: "Penicillin"}}}
			}),
			want: []Code{Allergy}, level: stop, also: says(Allergy, "Penicillin")},
		{name: "allergy coded as the ingredient is stopped by code",
			mod: all(pack(gtinPenV), func(in *Input) {
				in.Allergies = []mar.Allergy{{ID: "a1", Active: true, Substance: mar.Concept{
					Codings: []mar.Coding{{System: snomed, Code: "56723006"}}}}}
			}),
			want: []Code{Allergy}, level: stop},
		{name: "resolved penicillin allergy does not stop",
			mod: all(pack(gtinPenV), func(in *Input) {
				in.Allergies = []mar.Allergy{{ID: "a1", Active: false, Substance: mar.Concept{Text: "Penicillin"}}}
			}),
			want: nil, level: ok},
		{name: "allergy to another resident's allergen does not stop",
			mod: all(pack(gtinPenV), func(in *Input) {
				in.Allergies = []mar.Allergy{{ID: "a1", ResidentID: "R002", Active: true, Substance: mar.Concept{Text: "Penicillin"}}}
			}),
			want: nil, level: ok},
		{name: "allergy found even when the entry is stopped",
			mod: all(pack(gtinLevo), func(in *Input) {
				in.Allergies = []mar.Allergy{{ID: "a1", Active: true, Substance: mar.Concept{Text: "levothyroxine"}}}
			}),
			want: []Code{Allergy, Discontinued}, level: stop},

		// Regular doses: time and twice.
		{name: "amlodipine already given at 08:02 is stopped at 08:10",
			mod:  withHistory(given("e-amlo", at(8, 2), at(8, 0))),
			want: []Code{AlreadyGiven}, level: stop, also: both(slotDue(at(8, 0)), says(AlreadyGiven, "08:02"))},
		{name: "given record corrected as entered in error does not count",
			mod: func(in *Input) {
				g := given("e-amlo", at(8, 2), at(8, 0))
				in.History = []mar.Event{g, correction(g, at(8, 5))}
			},
			want: []Code{RecordCorrected}, level: ok},
		{name: "correction itself corrected: the dose counts again",
			mod: func(in *Input) {
				g := given("e-amlo", at(8, 2), at(8, 0))
				c1 := correction(g, at(8, 5))
				in.History = []mar.Event{g, c1, correction(c1, at(8, 6))}
			},
			want: []Code{AlreadyGiven}, level: stop},
		{name: "another resident's record in the history does not count",
			mod: func(in *Input) {
				g := given("e-amlo", at(8, 2), at(8, 0))
				g.ResidentID = "R002"
				in.History = []mar.Event{g}
			},
			want: nil, level: ok},
		{name: "amlodipine refused at 08:00 may be given at 08:30 when she changes her mind",
			mod:  all(now(at(8, 30)), withHistory(record("e-amlo", at(8, 0), at(8, 0), mar.OutcomeRefused, 0))),
			want: []Code{DeclinedEarlier}, level: ok, also: says(DeclinedEarlier, "refused at 08:00")},
		{name: "amlodipine at 06:30 is too early: window opens 07:00",
			mod: now(at(6, 30)), want: []Code{TooEarly}, level: warn, also: both(slotDue(at(8, 0)), says(TooEarly, "07:00"))},
		{name: "exactly when the window opens is on time",
			mod: now(at(7, 0)), want: nil, level: ok},
		{name: "exactly when the window closes is on time",
			mod: now(at(9, 0)), want: nil, level: ok},
		{name: "one second after the window closes is late",
			mod: now(at(9, 0).Add(time.Second)), want: []Code{Late}, level: warn, also: slotDue(at(8, 0))},
		{name: "amlodipine at 11:00 not yet given is late",
			mod: now(at(11, 0)), want: []Code{Late}, level: warn, also: says(Late, "09:00")},
		{name: "amlodipine given this morning, scanned at 15:00: too early for tomorrow and too soon after this morning's",
			mod:  all(now(at(15, 0)), withHistory(given("e-amlo", at(8, 2), at(8, 0)))),
			want: []Code{TooEarly, TooSoon}, level: stop},
		{name: "penicillin V four times a day at 10:30 with 08:00 missed: nearer lunchtime, too early",
			mod: all(pack(gtinPenV), now(at(10, 30))), want: []Code{TooEarly}, level: warn,
			also: both(slotDue(at(12, 0)), says(TooEarly, "08:00 dose was not given"))},
		{name: "penicillin V at 09:30 with 08:00 missed: nearer the missed dose, late",
			mod: all(pack(gtinPenV), now(at(9, 30))), want: []Code{Late}, level: warn, also: slotDue(at(8, 0))},
		{name: "dose given early at 10:30 for lunchtime is already given when scanned at 10:45",
			mod:  all(pack(gtinPenV), now(at(10, 45)), withHistory(given("e-penv", at(10, 30), at(12, 0)))),
			want: []Code{AlreadyGiven}, level: stop, also: slotDue(at(12, 0))},
		{name: "weekly alendronic acid on a Thursday: no dose due",
			mod: all(pack(gtinAlendronic), now(on(2026, 1, 15, 8, 0))), want: []Code{NoDoseDue}, level: stop,
			also: says(NoDoseDue, "Wed 21 Jan at 07:00")},
		{name: "weekly alendronic acid on Tuesday morning is too early for Wednesday",
			mod: all(pack(gtinAlendronic), now(on(2026, 1, 13, 9, 0))), want: []Code{TooEarly}, level: warn},
		{name: "weekly alendronic acid on Wednesday at 07:10 is on time",
			mod: all(pack(gtinAlendronic), now(at(7, 10))), want: nil, level: ok},
		{name: "chart change imported at 08:30 does not hide the 08:00 dose given under the old version",
			mod: all(now(at(8, 40)), withHistory(given("e-amlo", at(8, 2), at(8, 0))), func(in *Input) {
				in.Chart[0].Version, in.Chart[0].ValidFrom = 2, at(8, 30).UTC()
			}),
			want: []Code{AlreadyGiven}, level: stop},
		{name: "morning dose moved from 08:00 to 09:00 at 08:30 after the 08:00 dose was given: already given",
			mod: all(now(at(9, 5)), withHistory(given("e-amlo", at(8, 2), at(8, 0))), func(in *Input) {
				in.Chart[0].Version, in.Chart[0].ValidFrom = 2, at(8, 30).UTC()
				in.Chart[0].Timing = mar.Timing{TimesOfDay: []mar.ClockTime{9 * 60}}
			}),
			want: []Code{AlreadyGiven}, level: stop, also: both(slotDue(at(9, 0)), says(AlreadyGiven, "08:02"))},
		{name: "yesterday's 08:00 dose does not close today's 09:00 dose after the time moved",
			mod: all(now(at(9, 5)), withHistory(given("e-amlo", at(8, 2).AddDate(0, 0, -1), at(8, 0).AddDate(0, 0, -1))), func(in *Input) {
				in.Chart[0].Version, in.Chart[0].ValidFrom = 2, at(8, 30).UTC()
				in.Chart[0].Timing = mar.Timing{TimesOfDay: []mar.ClockTime{9 * 60}}
			}),
			want: nil, level: ok, also: slotDue(at(9, 0))},
		{name: "timing the schedule cannot expand cannot decide",
			mod:  func(in *Input) { in.Chart[0].Timing = mar.Timing{When: []string{"BRUNCH"}} },
			want: []Code{CannotDecide}, level: stop, also: says(CannotDecide, "BRUNCH")},
		{name: "home with an unknown time zone cannot decide",
			mod:  func(in *Input) { in.Home.TimeZone = "Europe/Atlantis" },
			want: []Code{CannotDecide}, level: stop},
		{name: "check with no time cannot decide",
			mod:  func(in *Input) { in.Now = time.Time{} },
			want: []Code{CannotDecide}, level: stop},

		// The same medicine or ingredient under another chart line.
		{name: "amlodipine stopped and started again as a new entry: the 08:00 dose given under the old entry is already given",
			mod: all(withHistory(given("e-amlo-old", at(8, 2), at(8, 0))), func(in *Input) {
				old := in.Chart[0]
				old.ID, old.Status = "e-amlo-old", mar.EntryStopped
				in.Chart = append(in.Chart, old)
			}),
			want: []Code{AlreadyGiven}, level: stop,
			also: both(entryIs("e-amlo"), slotDue(at(8, 0)), says(AlreadyGiven, "under the chart line this one replaces (now stopped)"))},
		{name: "old entry retracted at 08:30 and replaced: its 08:00 dose still counts",
			mod: all(now(at(8, 40)), withHistory(given("e-amlo-old", at(8, 2), at(8, 0))), func(in *Input) {
				old := in.Chart[0]
				old.ID, old.ValidTo = "e-amlo-old", at(8, 30).UTC()
				in.Chart = append(in.Chart, old)
			}),
			want: []Code{AlreadyGiven}, level: stop, also: says(AlreadyGiven, "no longer on the chart")},
		{name: "amlodipine restarted as a new entry at 08:30 after the old entry's 08:00 dose: already given",
			mod: all(now(at(8, 40)), withHistory(given("e-amlo-old", at(8, 2), at(8, 0))), func(in *Input) {
				old := in.Chart[0]
				old.ID, old.Status = "e-amlo-old", mar.EntryStopped
				in.Chart[0].Timing = mar.Timing{TimesOfDay: []mar.ClockTime{8*60 + 30}}
				in.Chart = append(in.Chart, old)
			}),
			want: []Code{AlreadyGiven}, level: stop, also: slotDue(at(8, 30))},
		{name: "paracetamol liquid stopped and tablets started: the morning dose given as liquid closes the slot",
			mod: all(pack(gtinParacetamol), withHistory(given("e-liq-old", at(8, 2), at(8, 0))), func(in *Input) {
				liq := entry("e-liq-old", "p-para-liq", mar.Timing{When: []string{"MORN"}})
				liq.Status = mar.EntryStopped
				in.Chart = append(in.Chart, liq, entry("e-para-reg", "p-para", mar.Timing{When: []string{"MORN"}}))
				in.EntryID = "e-para-reg"
			}),
			want: []Code{AlreadyGiven}, level: stop, also: says(AlreadyGiven, "as Paracetamol 250mg/5ml oral suspension")},
		{name: "the old entry's dose yesterday does not close today's dose of the new entry",
			mod: all(withHistory(given("e-amlo-old", at(8, 2).AddDate(0, 0, -1), at(8, 0).AddDate(0, 0, -1))), func(in *Input) {
				old := in.Chart[0]
				old.ID, old.Status = "e-amlo-old", mar.EntryStopped
				in.Chart = append(in.Chart, old)
			}),
			want: nil, level: ok},
		{name: "amlodipine replaced by a new entry at 10:00 after the old 08:00 dose: too soon, not already given",
			mod: all(now(at(10, 0)), withHistory(given("e-amlo-old", at(8, 2), at(8, 0))), func(in *Input) {
				old := in.Chart[0]
				old.ID, old.Status = "e-amlo-old", mar.EntryStopped
				in.Chart[0].Timing = mar.Timing{TimesOfDay: []mar.ClockTime{10 * 60}}
				in.Chart = append(in.Chart, old)
			}),
			want: []Code{TooSoon}, level: stop, also: says(TooSoon, "Amlodipine 5mg tablets, which has the same ingredient, was given at 08:02")},
		{name: "Madopar and another levodopa line in force together: a dose of one warns at the other but does not close it",
			mod: all(pack(gtinMadopar), now(at(10, 5)), withHistory(given("e-sinemet", at(10, 0), at(10, 0))), func(in *Input) {
				in.Products["p-sinemet"] = mar.Product{ID: "p-sinemet", Name: "Sinemet 62.5mg tablets", Ingredients: []mar.Concept{{Text: "Levodopa"}}}
				in.Chart = append(in.Chart, entry("e-sinemet", "p-sinemet", mar.Timing{TimesOfDay: []mar.ClockTime{10 * 60}}))
			}),
			want: []Code{TimeCritical, RecentSameIngr}, level: warn},
		{name: "PRN paracetamol at 07:30 then the regular 08:00 paracetamol: recent same ingredient",
			mod: all(pack(gtinParacetamol), now(at(8, 0)), withHistory(prnGiven("e-para", at(7, 30), 2)), func(in *Input) {
				in.Chart = append(in.Chart, entry("e-para-reg", "p-para", mar.Timing{When: []string{"MORN"}}))
				in.EntryID = "e-para-reg"
			}),
			want: []Code{RecentSameIngr}, level: warn,
			also: says(RecentSameIngr, "Paracetamol 500mg tablets was given as a when-required dose at 07:30; doses of it should be 4 hours apart. Check the gap before giving the regular dose")},
		{name: "PRN paracetamol liquid at 04:00, 4h before the regular paracetamol, is far enough",
			mod: all(pack(gtinParacetamol), now(at(8, 0)), withHistory(prnGiven("e-para-liq", at(4, 0), 10)), func(in *Input) {
				in.Chart = append(in.Chart, entry("e-para-reg", "p-para", mar.Timing{When: []string{"MORN"}}))
				in.EntryID = "e-para-reg"
			}),
			want: nil, level: ok},
		{name: "PRN paracetamol liquid with no minimum interval an hour after the regular paracetamol: recent same ingredient",
			mod: all(pack(gtinParaLiquid), now(at(9, 0)), withHistory(given("e-para-reg", at(8, 0), at(8, 0))), func(in *Input) {
				in.Chart[2].MinInterval = 0
				in.Chart = append(in.Chart, entry("e-para-reg", "p-para", mar.Timing{When: []string{"MORN"}}))
			}),
			want: []Code{RecentSameIngr}, level: warn, also: says(RecentSameIngr, "Paracetamol 500mg tablets (Paracetamol) was given as a regular dose at 08:00")},

		// Time-critical.
		{name: "Madopar at 10:05 for Parkinson's is on time and flagged time-critical",
			mod: all(pack(gtinMadopar), now(at(10, 5))), want: []Code{TimeCritical}, level: ok, also: slotDue(at(10, 0))},
		{name: "Madopar exactly 15 minutes after is still on time",
			mod: all(pack(gtinMadopar), now(at(10, 15))), want: []Code{TimeCritical}, level: ok},
		{name: "Madopar 20 minutes after is late: 15-minute window",
			mod: all(pack(gtinMadopar), now(at(10, 20))), want: []Code{TimeCritical, Late}, level: warn},
		{name: "Madopar 01:30 dose on the spring-forward day is due at 02:30 BST",
			mod: all(pack(gtinMadopar), now(on(2026, 3, 29, 2, 40)), func(in *Input) {
				in.Chart[4].Timing.TimesOfDay = []mar.ClockTime{90}
			}),
			want: []Code{TimeCritical}, level: ok, also: slotDue(on(2026, 3, 29, 2, 30))},
		{name: "Madopar 01:30 dose on the autumn day is the first 01:30",
			mod: all(pack(gtinMadopar), func(in *Input) {
				in.Now = time.Date(2026, 10, 25, 0, 40, 0, 0, time.UTC) // 01:40 BST
				in.Chart[4].Timing.TimesOfDay = []mar.ClockTime{90}
			}),
			want: []Code{TimeCritical}, level: ok, also: slotDue(time.Date(2026, 10, 25, 0, 30, 0, 0, time.UTC))},

		// Controlled drugs.
		{name: "MST morphine schedule 2 at 08:10 needs a witness",
			mod: pack(gtinMST), want: []Code{WitnessRequired}, level: ok, also: says(WitnessRequired, "schedule 2")},

		// PRN.
		{name: "PRN paracetamol with nothing given today is ok",
			mod: paraAt(14, 0), want: nil, level: ok, also: func(t *testing.T, v Verdict) {
				if v.Slot != nil {
					t.Errorf("PRN dose has slot %+v, want none", v.Slot)
				}
			}},
		{name: "PRN paracetamol 3h after last dose is stopped: minimum 4h",
			mod:  all(paraAt(14, 0), withHistory(prnGiven("e-para", at(11, 0), 2))),
			want: []Code{TooSoon}, level: stop, also: says(TooSoon, "15:00")},
		{name: "PRN paracetamol exactly 4h after last dose is allowed",
			mod:  all(paraAt(14, 0), withHistory(prnGiven("e-para", at(10, 0), 2))),
			want: nil, level: ok},
		{name: "PRN paracetamol 2h after paracetamol liquid is too soon: same ingredient",
			mod:  all(paraAt(14, 0), withHistory(prnGiven("e-para-liq", at(12, 0), 10))),
			want: []Code{TooSoon}, level: stop, also: says(TooSoon, "same ingredient")},
		{name: "PRN dose recorded later than the check time still counts",
			mod:  all(paraAt(14, 0), withHistory(prnGiven("e-para", at(14, 30), 2))),
			want: []Code{TooSoon}, level: stop,
			also: says(TooSoon, "A dose of Paracetamol 500mg tablets was recorded at 14:30, after the time of this dose (14:00)")},
		{name: "PRN paracetamol back-dated to 1h before a recorded dose is too soon whichever came first",
			mod:  all(paraAt(13, 0), withHistory(prnGiven("e-para-liq", at(14, 0), 10))),
			want: []Code{TooSoon}, level: stop, also: says(TooSoon, "same ingredient")},
		{name: "PRN paracetamol back-dated to 5h before a recorded dose is not too soon",
			mod:  all(paraAt(9, 0), withHistory(prnGiven("e-para", at(14, 0), 2))),
			want: nil, level: ok},
		{name: "PRN paracetamol back-dated to exactly 4h before a recorded dose is allowed",
			mod:  all(paraAt(10, 0), withHistory(prnGiven("e-para", at(14, 0), 2))),
			want: nil, level: ok},
		{name: "PRN paracetamol after 8 tablets in 24h is stopped",
			mod: all(paraAt(20, 0), withHistory(
				prnGiven("e-para", at(0, 30), 2), prnGiven("e-para", at(5, 0), 2),
				prnGiven("e-para", at(10, 0), 2), prnGiven("e-para", at(15, 0), 2))),
			want: []Code{MaxDoseReached}, level: stop, also: says(MaxDoseReached, "8 tablet")},
		{name: "PRN paracetamol reaching exactly 8 tablets is allowed",
			mod: all(paraAt(20, 0), withHistory(
				prnGiven("e-para", at(5, 0), 2), prnGiven("e-para", at(10, 0), 2),
				prnGiven("e-para", at(15, 0), 2))),
			want: nil, level: ok},
		{name: "dose given exactly 24h ago no longer counts to the maximum",
			mod: all(paraAt(20, 0), withHistory(
				prnGiven("e-para", at(20, 0).Add(-24*time.Hour), 2), prnGiven("e-para", at(5, 0), 2),
				prnGiven("e-para", at(10, 0), 2), prnGiven("e-para", at(15, 0), 2))),
			want: nil, level: ok},
		{name: "one tablet when 7 given is allowed; the range is 1 to 2",
			mod: all(paraAt(20, 0), func(in *Input) { in.Quantity = 1 }, withHistory(
				prnGiven("e-para", at(1, 0), 1), prnGiven("e-para", at(5, 0), 2),
				prnGiven("e-para", at(10, 0), 2), prnGiven("e-para", at(15, 0), 2))),
			want: nil, level: ok},
		{name: "PRN record with unreadable amount cannot decide the maximum",
			mod:  all(paraAt(20, 0), withHistory(prnGiven("e-para", at(10, 0), -2))),
			want: []Code{CannotDecide}, level: stop},
		{name: "PRN maximum in grams but dose in tablets of no known strength cannot decide",
			mod: all(paraAt(20, 0), func(in *Input) {
				p := in.Products["p-para"]
				p.Strengths = nil
				in.Products["p-para"] = p
				in.Chart[1].MaxDose = &mar.MaxDose{Quantity: mar.Quantity{Value: 4, Unit: "g"}, Period: 24 * time.Hour}
			}),
			want: []Code{CannotDecide}, level: stop},
		{name: "PRN entry listed twice in two versions counts each dose once",
			mod: all(paraAt(20, 0), func(in *Input) {
				old := in.Chart[1]
				old.Version, old.ValidTo = 0, at(1, 0)
				in.Chart = append(in.Chart, old)
			}, withHistory(
				prnGiven("e-para", at(5, 0), 2), prnGiven("e-para", at(10, 0), 2),
				prnGiven("e-para", at(15, 0), 2))),
			want: nil, level: ok},
		{name: "PRN given record that was corrected does not count to the interval",
			mod: all(paraAt(14, 0), func(in *Input) {
				g := prnGiven("e-para", at(12, 0), 2)
				in.History = []mar.Event{g, correction(g, at(12, 5))}
			}),
			want: []Code{RecordCorrected}, level: ok},

		// Dose.
		{name: "eight paracetamol tablets when the chart says 1 to 2 is too high",
			mod: all(paraAt(14, 0), func(in *Input) { in.Quantity = 8 }), want: []Code{DoseTooHigh}, level: stop,
			also: says(DoseTooHigh, "Do not give 8 tablets: the chart says 1 to 2 tablets. Give the prescribed dose, or ask the prescriber to change the chart.")},
		{name: "three paracetamol tablets when the chart says 1 to 2 is too high",
			mod: all(paraAt(14, 0), func(in *Input) { in.Quantity = 3 }), want: []Code{DoseTooHigh}, level: stop},
		{name: "two paracetamol tablets, the top of the range, is the prescribed dose",
			mod: all(paraAt(14, 0), func(in *Input) { in.Quantity = 2 }), want: nil, level: ok},
		{name: "two amlodipine tablets when the chart says one is too high",
			mod: func(in *Input) { in.Quantity = 2 }, want: []Code{DoseTooHigh}, level: stop, also: says(DoseTooHigh, "the chart says 1 tablet.")},
		{name: "half an amlodipine tablet, a part dose, is a changed dose",
			mod: func(in *Input) { in.Quantity = 0.5 }, want: []Code{DoseChanged}, level: warn, also: says(DoseChanged, "1 tablet")},
		{name: "paracetamol liquid 5 mL when the chart says 10 mL is a changed dose",
			mod:  all(pack(gtinParaLiquid), now(at(14, 0)), func(in *Input) { in.Quantity = 5 }),
			want: []Code{DoseChanged}, level: warn, also: says(DoseChanged, "you entered 5 mL.")},
		{name: "an amount when the chart gives no dose is a changed dose, not too high",
			mod: func(in *Input) { in.Chart[0].Dose.Value, in.Quantity = 0, 1 }, want: []Code{DoseChanged}, level: warn},
		{name: "negative quantity cannot decide",
			mod: func(in *Input) { in.Quantity = -1 }, want: []Code{CannotDecide}, level: stop},

		// Many at once.
		{name: "expired morphine for an away resident, given already: every reason",
			mod: all(pack(gtinMST), withHistory(given("e-mst", at(8, 0), at(8, 0))), func(in *Input) {
				in.Resident.Status = mar.StatusHospital
				in.Pack.Expiry = time.Date(2025, 1, 1, 0, 0, 0, 0, time.UTC)
			}),
			want: []Code{ResidentAway, Expired, WitnessRequired, AlreadyGiven}, level: stop},
	}
}

// allRows are the rows of every table of the check.
func allRows() []checkRow {
	rows := append(append(append(checkRows(), ingredientRows()...), namedSlotRows()...), stockRows()...)
	return append(append(append(append(rows, homelyRows()...), careRows()...), heardRows()...), protocolRows()...)
}

func TestCheck(t *testing.T) {
	for _, row := range allRows() {
		t.Run(row.name, func(t *testing.T) {
			in := baseInput()
			if row.mod != nil {
				row.mod(&in)
			}
			v := Check(in)
			got := v.Codes()
			want := make([]string, len(row.want))
			for i, c := range row.want {
				want[i] = string(c)
			}
			slices.Sort(got)
			slices.Sort(want)
			if !slices.Equal(got, want) || v.Level != row.level {
				t.Errorf("Check = %s %v, want %s %v\nreasons: %+v", v.Level, got, row.level, want, v.Reasons)
			}
			for _, r := range v.Reasons {
				if r.Message == "" || r.Level != r.Code.Severity() {
					t.Errorf("reason %+v: want a message and the code's fixed level", r)
				}
			}
			if row.also != nil {
				row.also(t, v)
			}
		})
	}
}

// TestEveryCodeHasARow fails when a reason code has no test row: each code
// is a hazard control and must be shown to fire.
func TestEveryCodeHasARow(t *testing.T) {
	seen := map[Code]bool{}
	for _, row := range allRows() {
		for _, c := range row.want {
			seen[c] = true
		}
	}
	for _, c := range Codes() {
		if !seen[c] {
			t.Errorf("reason code %s has no row in TestCheck", c)
		}
		if _, ok := codeSeverity[c]; !ok {
			t.Errorf("reason code %s has no fixed severity", c)
		}
	}
	if len(codeSeverity) != len(Codes()) {
		t.Errorf("codeSeverity has %d codes, Codes() %d", len(codeSeverity), len(Codes()))
	}
}
