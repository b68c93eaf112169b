package check

func balances(m map[string]float64) func(in *Input) { return func(in *Input) { in.CDBalances = m } }

func recalls(rs ...Recall) func(in *Input) { return func(in *Input) { in.Recalls = rs } }

func batch(gtin, b string) func(in *Input) {
	return func(in *Input) { p := *in.Pack; p.GTIN, p.Batch = gtin, b; in.Pack = &p }
}

func quantity(q float64) func(in *Input) { return func(in *Input) { in.Quantity = q } }

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
			mod:  all(pack(gtinMST), balances(map[string]float64{})),
			want: []Code{WitnessRequired, CDBalanceLow}, level: warn,
			also: says(CDBalanceLow, "holds 0 tablets")},
		{name: "two MST tablets with one in the register: balance low",
			mod:  all(pack(gtinMST), quantity(2), balances(map[string]float64{"p-mst": 1})),
			want: []Code{WitnessRequired, CDBalanceLow, DoseTooHigh}, level: stop},
		{name: "MST morphine with no register kept shows no balance",
			mod: pack(gtinMST), want: []Code{WitnessRequired}, level: ok},
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
