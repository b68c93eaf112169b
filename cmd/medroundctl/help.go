package main

import (
	"fmt"
	"text/tabwriter"
)

func commands() []command {
	return []command{
		{"help", "", "show this help", func(a *app, _ []string) error { a.help(nil); return nil }},
		{"init", "", "start an empty home in the data directory (then add a manager and import the chart)", runInit},
		{"demo", "[--residents N] [--at T] [--days N]", "fill an empty data directory with the demo home (Willow House)", runDemo},
		{"import", "FILE.json... [--user ID --pin PIN]", "import FHIR R4 bundles as the home's chart (all files or nothing); a senior or manager signs once the home has staff", runImport},
		{"residents", "", "list residents with room, identifiers and status", runResidents},
		{"resident", "status RESIDENT present|hospital|leave|discharged|deceased --user ID --pin PIN [--note TEXT]", "record where a resident is", runResident},
		{"chart", "RESIDENT", "show a resident's MAR chart and allergies", runChart},
		{"due", "[--at T] [--round NAME]", "the doses of a round (default: the round the clock points to)", runDue},
		{"user", "add --id ID --name NAME --role carer|senior|manager --pin PIN [--by MANAGER --by-pin PIN] | change ID [--name NAME] [--role ROLE] [--pin NEWPIN] [--unlock] --by ID --by-pin PIN | list", "manage staff (a manager; anyone may change their own PIN)", runUser},
		{"check", "--resident SCAN (--pack SCAN | --entry ID | both) [--quantity Q] [--at T]", "check a dose; exit 0 ok, 10 warn, 20 stop", runCheck},
		{"record", "--resident SCAN (--pack SCAN | --entry ID --unscanned-reason CODE) --outcome given|refused|not-given [--reason CODE] [--note TEXT] [--quantity Q] --user ID --pin PIN [--witness ID --witness-pin PIN] [--override-reason TEXT] [--prn-reason TEXT] [--site SITE[,AREA...]] [--at T]", "record a dose (a patch: --site, where it went; a cream: --site, the areas it went on); prints the event UUID", runRecord},
		{"correct", "EVENT-UUID --reason TEXT --user ID --pin PIN [--approver ID --approver-pin PIN]", "mark a record entered in error (a new event; nothing is edited); a senior or manager corrects or approves", runCorrect},
		{"history", "RESIDENT [--from T] [--to T]", "a resident's records (default: the last 7 days)", runHistory},
		{"cd", "receive|return|destroy|count --resident R --pack SCAN --quantity Q [--from TEXT] [--reason TEXT] --user ID --pin PIN --witness ID --witness-pin PIN | register --resident R [--pack SCAN] | register [--resident R] --pdf FILE|--csv FILE | resolve EVENT-UUID --action TEXT --user ID --pin PIN | interval [--every daily|weekly --user MANAGER --pin PIN] | schedules [--keep 2,3,4 --user MANAGER --pin PIN]", "the controlled drugs register: movements witnessed (destruction: one of the two a senior or manager), every entry with its running balance, open discrepancies, printed as PDF or CSV; count exits 10 when it differs from the register; how often registers are counted and which schedules keep one (a manager, audited)", runCD},
		{"stock", "[--resident R] [--pdf FILE|--csv FILE] | receive|return|count --resident R --pack SCAN --quantity Q --user ID --pin PIN | recall --pack SCAN [--batch B] --action TEXT --user ID --pin PIN | recall --lift --pack SCAN [--batch B] --reason TEXT --user ID --pin PIN", "stock per chart entry (in stock, days left), printed as PDF or CSV, receipts and counts (count exits 10 when it differs), a manager's batch recall and its lifting", runStock},
		{"homely", "add --id ID --pack GTIN --name NAME --ingredient NAME-OR-SNOMED-CODE --dose Q --unit UNIT --interval 4h --max Q --days N [--strength-mg MG] --user MANAGER --pin PIN | approve --resident R --id ID --gp NAME [--on YYYY-MM-DD] --review YYYY-MM-DD --user ID --pin PIN | list", "the home's homely remedies list (a manager) and a GP's approval per resident (a senior or manager); the stock pack is then checked and recorded with check and record --pack", runHomely},
		{"covert", "set --resident R [--entry ID] --capacity YYYY-MM-DD --best-interests YYYY-MM-DD --agreed TEXT --how TEXT --review YYYY-MM-DD --user ID --pin PIN", "record a resident's covert administration plan (a senior or manager); the check shows it", runCovert},
		{"prn", "protocol set --resident R --entry ID [--sign TEXT]... [--abbey] [--dose-choice TEXT] [--if-no-effect TEXT] [--call-gp TEXT] --user ID --pin PIN | protocol show --resident R --entry ID", "write or update the protocol of a when-required medicine (a senior or manager; parts not given are kept), or show it with the chart's dose, interval and maximum", runPRN},
		{"patch", "remove --resident R --entry ID --user ID --pin PIN | list --resident R [--at T]", "record a patch taken off; list the patches on a resident with site and when due off, in the home's time", runPatch},
		{"report", "missed|late|not-given|prn|overridden|unscanned|stopped|incidents [--from T --to T] [--format table|csv|json | --csv]", "managers' reports over a period (since 07:00 yesterday unless given)", runReport},
		{"mar", "(--resident R | --all) [--from YYYY-MM-DD] [--days 28] --out FILE.pdf", "the printable MAR chart: a page or more per resident", runMAR},
		{"export", "--from T --to T [--out FILE]", "the records as a FHIR R4 Bundle of MedicationAdministration", runExport},
		{"audit", "[--from T] [--to T]", "chart imports, staff and settings changes, resident status changes and corrections (default: the last 30 days)", runAudit},
		{"db", "check | backup FILE", "check the database (bbolt and the MAR's own rules), or write a backup", runDB},
		{"parse", "TEXT", "what a scanned or typed code means", runParse},
		{"decode", "[--bench DIR] IMAGE...", "decode barcodes in image files; --bench runs the corpus against ZXing-C++", runDecode},
		{"labels", "residents|staff --out DIR", "print-ready PNG cards with each person's barcode", runLabels},
		{"enrol", "--server URL --code CODE [--name NAME]", "enrol this tablet with the central record and fill it from there", runEnrol},
		{"version", "", "print the version of this build", runVersion},
		{"sync", "[--resend-refused]", "send waiting records, fetch the home's changes; prints pushed, pulled, queued, refused; exit 1 when the centre could not be reached", runSync},
	}
}

func (a *app) help(_ []string) {
	w := tabwriter.NewWriter(a.stdout, 0, 4, 2, ' ', 0)
	fmt.Fprintln(w, "medroundctl: the medround medicines round from the command line.")
	fmt.Fprintln(w, "")
	fmt.Fprintln(w, "Usage: medroundctl [--data DIR] [--json] COMMAND [ARGS]")
	fmt.Fprintln(w, "")
	fmt.Fprintln(w, "Global flags (also accepted after the command):")
	fmt.Fprintln(w, "  --data DIR\tdata directory; default $MEDROUND_DATA, else the user config dir + /medround")
	fmt.Fprintln(w, "  --json\tprint one JSON document on stdout")
	fmt.Fprintln(w, "")
	fmt.Fprintln(w, "Commands:")
	for _, c := range commands() {
		fmt.Fprintf(w, "  %s %s\n", c.name, c.args)
		fmt.Fprintf(w, "      \t%s\n", c.summary)
	}
	fmt.Fprintln(w, "")
	fmt.Fprintln(w, "Times are RFC 3339 (2026-11-25T08:00:00Z). RESIDENT is any of a resident's identifiers:")
	fmt.Fprintln(w, "NHS number, the home's resident number (R101) or the chart's ID.")
	fmt.Fprintln(w, "Not-given reasons: asleep nausea hospital leave withheld out-of-stock dropped self-administered other.")
	fmt.Fprintln(w, "Unscanned reasons: barcode-damaged no-barcode scanner-broken.")
	fmt.Fprintln(w, "")
	fmt.Fprintln(w, "PINs: a PIN given as --pin 1234 can be read by every user of this machine (ps) while the command")
	fmt.Fprintln(w, "runs, and may stay in the shell's history. Prefer the environment (MEDROUND_PIN, MEDROUND_WITNESS_PIN,")
	fmt.Fprintln(w, "MEDROUND_APPROVER_PIN, MEDROUND_BY_PIN) or '-', which reads the PIN as one line of standard input")
	fmt.Fprintln(w, "(several '-': one line each, the signing user's PIN first).")
	fmt.Fprintln(w, "")
	fmt.Fprintln(w, "Only init, import and demo start a home; every other command refuses a directory without one.")
	fmt.Fprintln(w, "Exit status: 0 ok, 1 error, 2 usage; check: 0 ok, 10 warn, 20 stop; cd count, stock count: 10 differs.")
	w.Flush()
}
