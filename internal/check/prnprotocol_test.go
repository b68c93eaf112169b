package check

import "medround/internal/mar"

// protocolRows are the rows of the PRN protocol rule: a when-required
// dose with no protocol, or one older than the prescription, is said in
// the verdict (info), never stopped or warned.
func protocolRows() []checkRow {
	noProtocol := func(id string) func(in *Input) { return func(in *Input) { delete(in.Care.Protocols, id) } }
	return []checkRow{
		{name: "paracetamol when required under its protocol: nothing to add",
			mod: paraAt(14, 0), want: nil, level: ok},
		{name: "paracetamol when required without a PRN protocol: give it for pain and tell the senior",
			mod: all(paraAt(14, 0), noProtocol("e-para")), want: []Code{NoPRNProtocol}, level: ok,
			also: says(NoPRNProtocol, "(pain)")},
		{name: "paracetamol when required whose protocol is written later than the dose has none yet",
			mod: all(paraAt(14, 0), func(in *Input) {
				p := in.Care.Protocols["e-para"]
				p.At = at(15, 0)
				in.Care.Protocols["e-para"] = p
			}), want: []Code{NoPRNProtocol}, level: ok},
		{name: "paracetamol whose prescription changed after its protocol was written: review the protocol",
			mod:  all(paraAt(14, 0), func(in *Input) { in.Chart[1].Version, in.Chart[1].ValidFrom = 2, on(2026, 1, 10, 9, 0) }),
			want: []Code{PRNProtocolOld}, level: ok, also: says(PRNProtocolOld, "Sat 10 Jan")},
		{name: "paracetamol too soon without a protocol still stops as too soon",
			mod:  all(paraAt(14, 0), noProtocol("e-para"), withHistory(prnGiven("e-para", at(12, 0), 2))),
			want: []Code{TooSoon, NoPRNProtocol}, level: stop},
		{name: "amlodipine, a regular medicine, needs no PRN protocol",
			mod: func(in *Input) { in.Care.Protocols = nil }, want: nil, level: ok},
		{name: "homely paracetamol needs no PRN protocol: the home's list is its protocol",
			mod:  all(homely("2026-01-14"), func(in *Input) { in.Care.Protocols = map[string]mar.PRNProtocol{} }),
			want: []Code{}, level: ok},
	}
}
