package check

import "maps"

func balances(m map[string]float64) func(in *Input) { return func(in *Input) { in.CDBalances = m } }

func recalls(rs ...Recall) func(in *Input) { return func(in *Input) { in.Recalls = rs } }

func batch(gtin, b string) func(in *Input) {
	return func(in *Input) { p := *in.Pack; p.GTIN, p.Batch = gtin, b; in.Pack = &p }
}

func quantity(q float64) func(in *Input) { return func(in *Input) { in.Quantity = q } }

// schedule4Amlodipine stands the amlodipine line in for a schedule 4
// hypnotic (zopiclone): the check reads the schedule only through the
// registers the caller says the home keeps.
func schedule4Amlodipine(in *Input) {
	p := in.Products["p-amlo"]
	p.CDSchedule = 4
	ps := maps.Clone(in.Products)
	ps["p-amlo"] = p
	in.Products = ps
}

var amloRecall = Recall{GTIN: gtinAmlodipine, Batch: "B1", Action: "return the packs to the pharmacy"}

// stockRows are the rows of the controlled drugs register and recall rules
// (hazards H29 and H30).
func stockRows() []checkRow {
	return []checkRow{
		{name: "MST morphine with 27 in the register shows the balance after the dose",
			mod:  all(pack(gtinMST), balances(map[string]float64{"p-mst": 27})),
			want: []Code{WitnessRequired, CDBalance}, level: ok,
			also: says(CDBalance, "27 tablets in the register; after this dose 26 tablets")},
		{name: "MST morphine with an empty register needs a reason: balance low",
			mod:  all(pack(gtinMST), balances(map[string]float64{"p-mst": 0})),
			want: []Code{WitnessRequired, CDBalanceLow}, level: warn,
			also: says(CDBalanceLow, "holds 0 tablets")},
		{name: "two MST tablets with one in the register: balance low",
			mod:  all(pack(gtinMST), quantity(2), balances(map[string]float64{"p-mst": 1})),
			want: []Code{WitnessRequired, CDBalanceLow, DoseTooHigh}, level: stop},
		{name: "MST morphine with no register kept shows no balance",
			mod: pack(gtinMST), want: []Code{WitnessRequired}, level: ok},
		{name: "MST morphine missing from the registers kept shows no balance and no low warning",
			mod: all(pack(gtinMST), balances(map[string]float64{"p-other": 3})), want: []Code{WitnessRequired}, level: ok},
		{name: "a schedule 4 hypnotic in a home that keeps schedule 4 registers shows the balance",
			mod: all(schedule4Amlodipine, balances(map[string]float64{"p-amlo": 14})), want: []Code{CDBalance}, level: ok,
			also: says(CDBalance, "14 tablets in the register; after this dose 13 tablets")},
		{name: "a schedule 4 hypnotic with an empty register the home keeps needs a reason",
			mod:  all(schedule4Amlodipine, balances(map[string]float64{"p-amlo": 0})),
			want: []Code{CDBalanceLow}, level: warn},
		{name: "amlodipine is no controlled drug: no register balance",
			mod: balances(map[string]float64{}), want: []Code{}, level: ok},
		{name: "amlodipine of a recalled batch is stopped as recalled",
			mod: recalls(amloRecall), want: []Code{Recalled}, level: stop,
			also: says(Recalled, "return the packs to the pharmacy")},
		{name: "amlodipine of another batch than the recalled one may be given",
			mod: all(batch(gtinAmlodipine, "B2"), recalls(amloRecall)), want: []Code{}, level: ok},
		{name: "amlodipine scanned without a batch while a batch is recalled: check the pack",
			mod: all(batch(gtinAmlodipine, ""), recalls(amloRecall)), want: []Code{RecallUnchecked}, level: warn,
			also: says(RecallUnchecked, "if it is B1")},
		{name: "recalled batch of another medicine does not stop amlodipine",
			mod: recalls(Recall{GTIN: gtinParacetamol, Batch: "B1"}), want: []Code{}, level: ok},
		{name: "amlodipine without a batch while two batches are recalled names both",
			mod:  all(batch(gtinAmlodipine, ""), recalls(amloRecall, Recall{GTIN: gtinAmlodipine, Batch: "B7"})),
			want: []Code{RecallUnchecked}, level: warn, also: says(RecallUnchecked, "if it is B1 or B7")},
		{name: "amlodipine chosen by hand while a batch is recalled: check the pack",
			mod:  all(recalls(amloRecall), func(in *Input) { in.Pack, in.EntryID = nil, "e-amlo" }),
			want: []Code{RecallUnchecked, ExpiryNotChecked}, level: warn, also: says(RecallUnchecked, "the pack was not scanned")},
	}
}
