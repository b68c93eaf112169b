// Package check decides whether a dose may be given: from the resident scan,
// the pack scan (or a chart entry chosen by hand), the time, the chart, the
// history and the allergies it returns a Verdict (ok, warn or stop) with
// every reason it found. It is pure: the caller (internal/round) loads the
// input; nothing here reads storage, the clock or the network.
//
// Each rule is a control for a named hazard. Hard stops are kept for real
// harm; timing is a warning that may be overridden with a recorded reason,
// so that care workers are not pushed to work around the check. A rule that
// cannot decide stops with CANNOT_DECIDE: the check never passes silently.
//
// # Hazard log
//
// Each hazard, the rule that controls it, and the test that fails without
// the rule (TestCheck rows are named in quotes; TestEveryCodeHasARow fails
// when a code has no row).
//
//	H1  Dose given to someone who is not a resident, or a misread wristband.
//	    RESIDENT_UNKNOWN, SCAN_INVALID (stop) — checkResident.
//	    "unknown wristband is stopped", "NHS number with a wrong check digit
//	    is an invalid scan".
//	H2  Dose given to a resident who is in hospital, on leave, discharged or
//	    deceased (the record would be false, or a double dose on return).
//	    RESIDENT_AWAY (stop) — checkAway, by the status at the dose's time
//	    (mar.StatusAt over the status changes in the history), not the status
//	    now. "resident in hospital is stopped", "inactive patient record is
//	    stopped as away", "amlodipine given a minute before Mary left for
//	    hospital may be recorded", "amlodipine back-dated into a hospital
//	    stay is stopped though Mary is back now".
//	H3  A misread pack barcode taken for a medicine.
//	    SCAN_INVALID (stop) — checkPackScan. "unreadable pack scan is an
//	    invalid scan".
//	H4  Wrong medicine, or another resident's medicine (wrong resident).
//	    NOT_ON_CHART (stop), naming the residents whose chart has the pack —
//	    chooseEntry, notOnChart. "pack on no chart is not on chart", "John's
//	    pack scanned for Mary names John: wrong resident", "pack not the entry
//	    chosen by hand".
//	H5  A pack matched against the wrong chart, or not matched because the
//	    medicine list is incomplete. CANNOT_DECIDE (stop) — currentChart.
//	    "chart loaded for another resident cannot decide", "product missing
//	    from the medicine list cannot decide".
//	H6  The same pack on the chart twice and the dose put against the wrong
//	    line. The one regular line due now is chosen; otherwise
//	    CHART_AMBIGUOUS (stop) until the line is chosen by hand — pick,
//	    onlyOneDueNow. "furosemide on the chart twice, at 15:00 neither is
//	    due: ambiguous", "paracetamol on the chart as PRN and regular cannot
//	    be told apart".
//	H7  A stopped, completed, cancelled or ended medicine given.
//	    DISCONTINUED (stop) — checkEntryStatus. "levothyroxine stopped by the
//	    GP is discontinued", "course ending exactly now is discontinued".
//	H8  A medicine on hold given (e.g. warfarin held for a high INR).
//	    ON_HOLD (stop) — checkEntryStatus. "warfarin on hold for a high INR
//	    is stopped".
//	H9  A medicine given before its start. NOT_STARTED (stop) —
//	    checkEntryStatus. "antibiotic starting tomorrow is not started".
//	H10 Expired pack. EXPIRED (stop) when the expiry (the last valid day) is
//	    before today's local date — checkExpiry. "pack that expired
//	    yesterday is stopped", "expiry 30 June at 00:30 BST on 1 July is
//	    expired though UTC is still 30 June"; boundary "expiry day itself is
//	    still in date". A barcode without expiry, or no scan at all:
//	    EXPIRY_NOT_CHECKED (info) asks for a check by eye.
//	H11 Allergy. ALLERGY (stop) when an active allergy matches the product or
//	    an ingredient by code (same system and code), or by name: the
//	    normalised allergen name, or its singular ("penicillins"), inside a
//	    product or ingredient name — anywhere for five letters or more
//	    ("penicillin" in "phenoxymethylpenicillin"), as whole words for
//	    shorter names ("egg" not in "eggplant") — checkAllergy. Penicillins
//	    and NSAIDs, whose members' names do not contain the class, are
//	    matched through a table of member stems ("cillin", "ibuprofen"),
//	    and an allergy to one member is to the whole class, as in the BNF.
//	    Trade-off: name matching stops some safe doses (a false stop costs
//	    a call to a senior; a missed allergy can kill), and still misses
//	    other classes not in the table: those need the allergy coded to the
//	    ingredient. "penicillin V for a resident allergic to penicillin is
//	    stopped", "allergy coded as the ingredient is stopped by code",
//	    TestAllergyMatch. A pack on no chart entry, or on two the check
//	    cannot tell apart, is tested too (its products from the chart and
//	    Input.PackProducts, by GTIN), so that a care worker told it is not
//	    on the chart also learns it could harm — checkPackAllergy.
//	    "flucloxacillin not on the chart, for Mary allergic to penicillin:
//	    not on chart and allergy", "pack product passed in for another GTIN
//	    is not taken for the pack". An allergy imported as a bare code, with
//	    no text or display (SNOMED 91936005 allergy to penicillin), is named
//	    through mar's table of codes (mar.CodeName, for pharmacist review) at
//	    import and in the check, and matched by that name and class, never by
//	    the bare code alone; import refuses an allergy no one can name, and an
//	    active allergy the check cannot name that matches no code is
//	    CANNOT_DECIDE. TestAllergyMatch rows for SNOMED 91936005, 764146007
//	    and 373270004 against amoxicillin and flucloxacillin,
//	    TestAllergyVerdictFromCodes.
//	H12 A regular dose given twice. ALREADY_GIVEN (stop) when the slot the
//	    dose falls to has a standing "given" record, including a dose given
//	    early against the next slot — checkSlot. "amlodipine already given at
//	    08:02 is stopped at 08:10", "dose given early at 10:30 for lunchtime
//	    is already given when scanned at 10:45". A record named by a standing
//	    correction does not count; a corrected correction restores it —
//	    newHistory. "given record corrected as entered in error does not
//	    count", "correction itself corrected: the dose counts again". A
//	    given record of another entry no longer in force (stopped, ended,
//	    retracted) for the same product or an ingredient in common, whose
//	    slot was due within this slot's window, closes the slot too: the GP
//	    stopped the line and started a new one the same day — relatedGiven.
//	    "amlodipine stopped and started again as a new entry: the 08:00 dose
//	    given under the old entry is already given", "old entry retracted at
//	    08:30 and replaced: its 08:00 dose still counts", "paracetamol liquid
//	    stopped and tablets started: the morning dose given as liquid closes
//	    the slot". Entries still in force are left out: two lines in force
//	    together are meant together ("Madopar and another levodopa line in
//	    force together: a dose of one warns at the other but does not close
//	    it").
//	H13 A chart change hides the dose already given today, so it is given
//	    again under the new version. The check expands the current version
//	    without its ValidFrom — slotsAround. "chart change imported at 08:30
//	    does not hide the 08:00 dose given under the old version". A change
//	    that moves the time leaves the given record due at no current slot:
//	    it counts for the nearest one — SlotFor and Place, the one placement
//	    of records on slots that the resident page, the round board and the
//	    missed report use too (TestTimeMovedAfterTheDoseAgreesEverywhere,
//	    TestSlotFor). "morning dose moved from 08:00 to 09:00 at 08:30 after
//	    the 08:00 dose was given: already given", "yesterday's 08:00 dose
//	    does not close today's 09:00 dose after the time moved". A refusal
//	    or not-given entered late names the dose it is for (Input.SlotDue),
//	    so it does not land on the next one: "refusal entered at 15:00
//	    naming the morning MST dose stays on the 08:00 dose", "record naming
//	    a time that is none of the entry's doses cannot decide".
//	H14 A regular dose at the wrong time. TOO_EARLY and LATE (warn) outside
//	    the window (both ends inside); a missed dose is late until it is
//	    nearer the next dose, then the next is too early — checkSlot.
//	    "amlodipine at 06:30 is too early: window opens 07:00", "one second
//	    after the window closes is late", "penicillin V four times a day at
//	    10:30 with 08:00 missed: nearer lunchtime, too early".
//	H15 A medicine given on a day it is not due (weekly alendronic acid or
//	    methotrexate given daily). NO_DOSE_DUE (stop) when no slot is within
//	    a day either side — noDoseDue. "weekly alendronic acid on a Thursday:
//	    no dose due".
//	H16 A PRN dose too soon. TOO_SOON (stop) within the entry's minimum
//	    interval of the last given dose of the same entry or of any entry
//	    sharing an active ingredient (paracetamol tablets, liquid, co-codamol)
//	    — checkInterval. Ingredients are the same by a shared code, or by
//	    name with salts dropped when the codes differ (mar.SameIngredient:
//	    a SNOMED substance and a dm+d VTM for paracetamol). An entry with no
//	    interval written but a frequency (up to 4 times a day) gets period
//	    ÷ frequency (mar.ChartEntry.PRNInterval). "co-codamol coded as a
//	    dm+d VTM ten minutes after paracetamol tablets is too soon", "homely
//	    paracetamol given an hour before, its pack now prescribed: PRN
//	    paracetamol is too soon" (every standing dose counts, whatever line
//	    it was given under), "PRN
//	    paracetamol up to 4 times a day, no interval written: a second dose 3
//	    minutes later is too soon". "PRN paracetamol 3h after last dose is stopped:
//	    minimum 4h", "PRN paracetamol 2h after paracetamol liquid is too
//	    soon: same ingredient"; boundary "PRN paracetamol exactly 4h after
//	    last dose is allowed". A dose recorded after Now counts within the
//	    interval either side, and the message says it came after: two doses
//	    an hour apart are too close whichever came first. "PRN dose recorded
//	    later than the check time still counts", "PRN paracetamol back-dated
//	    to 1h before a recorded dose is too soon whichever came first",
//	    "PRN paracetamol back-dated to 5h before a recorded dose is not too
//	    soon".
//	H17 A dose over the maximum. The maximum holds per active ingredient:
//	    MAX_DOSE_REACHED (stop) when every standing dose of the ingredient in
//	    the period — of any line, product or chart version, read as the
//	    product and unit it was given as — plus this one exceeds the
//	    strictest maximum in force on a line holding it, added up in mg
//	    with the strengths the chart carries (mar.Product.Strengths) —
//	    checkMaxDose. Without strengths, the doses of the line's own product
//	    in its unit are added as before. A line's own maximum in another unit
//	    than its dose with no strength to convert, or a record without a
//	    readable amount: CANNOT_DECIDE. "PRN paracetamol after 8 tablets in
//	    24h is stopped", "PRN paracetamol reaching exactly 8 tablets is
//	    allowed", "8 paracetamol tablets over 20 hours, then 20 mL of
//	    suspension: 5 g of paracetamol is over 4 g", "paracetamol tablets
//	    made suspension by a chart change: 8 tablets under the old version,
//	    then 20 mL is over", "PRN maximum in grams with the strength known
//	    is added up in milligrams", "PRN maximum in grams but dose in tablets
//	    of no known strength cannot decide"; boundary "6 paracetamol
//	    tablets, then 20 mL of suspension: exactly 4 g is allowed".
//	    NextPRN and IngredientTotals give the resident page the same sums.
//	H18 Wrong dose. Above the most the chart allows (the top of the range,
//	    else the dose) is an overdose: DOSE_TOO_HIGH (stop), since no reason
//	    typed at the trolley makes it safe; only the prescriber can change
//	    the dose. Below it, DOSE_CHANGED (warn): a part dose the resident
//	    would take is common, and is recorded with a reason — checkDose.
//	    "eight paracetamol tablets when the chart says 1 to 2 is too high",
//	    "two amlodipine tablets when the chart says one is too high", "half
//	    an amlodipine tablet, a part dose, is a changed dose"; boundary "two
//	    paracetamol tablets, the top of the range, is the prescribed dose". A
//	    chart without a dose cannot be judged too high: "an amount when the
//	    chart gives no dose is a changed dose, not too high".
//	H19 A controlled drug given without a witness. WITNESS_REQUIRED (info)
//	    in the check; Requires says a witness is needed for "given" and for
//	    a dropped schedule 2 or 3 dose (its destruction is witnessed), and
//	    CanRecord refuses either without a witness who is another user (IDs
//	    compared case-folded) allowed to witness. "MST morphine schedule 2 at
//	    08:10 needs a witness", TestCanRecord "morphine schedule 2 given
//	    without witness is refused", "morphine witnessed by the giver under
//	    an upper-case ID is refused", "dropped morphine tablet needs a
//	    witness to its destruction".
//	H20 A time-critical medicine (Parkinson's) given late. TIME_CRITICAL
//	    (info) and the home's narrow window (15 minutes by default) —
//	    noteTimeCritical and the schedule. "Madopar 20 minutes after is late:
//	    15-minute window".
//	H21 A check that cannot decide passes silently. CANNOT_DECIDE (stop) for
//	    an invalid home zone, a missing time, a timing the schedule cannot
//	    expand, an unknown entry status, a negative amount — setup,
//	    cannotSchedule. "timing the schedule cannot expand cannot decide",
//	    "home with an unknown time zone cannot decide".
//	H22 A stop overridden, or a warning overridden without a reason.
//	    Requires is the one statement of what each outcome needs, read by
//	    the app's record panel and applied by CanRecord: "given" is blocked
//	    on stop and needs an override reason on warn; a PRN dose given says
//	    why; not given needs a reason code and "other" a note. TestCanRecord
//	    "stopped levothyroxine cannot be recorded as given", "late dose given
//	    without an override reason is refused", "PRN paracetamol given
//	    without saying why is refused".
//	H23 A dose refused earlier and then taken is recorded as missed.
//	    DECLINED_EARLIER (info): a refused or not-given record does not close
//	    the slot — useSlot. "amlodipine refused at 08:00 may be given at 08:30
//	    when she changes her mind".
//	H24 The wrong resident, chosen on screen: tapping a row bypasses the
//	    wristband barcode (H1). RESIDENT_NOT_SCANNED (info) when
//	    Input.ResidentChosen is set, asking for a check of name, photo and
//	    date of birth; info, not a warning, because identity by sight is
//	    normal practice in UK care homes, but the record must show it —
//	    noteResidentChosen. "Mary chosen on screen rather than scanned: her
//	    identity is checked by sight".
//	H25 A regular dose (or a PRN dose with no minimum interval) given soon
//	    after a dose of the same ingredient under another line: a PRN
//	    paracetamol at 07:30, then the regular 08:00 paracetamol; brand and
//	    generic amlodipine on two lines in force. RECENT_SAME_INGREDIENT
//	    (warn) when a given record of another entry sharing an active
//	    ingredient, or of this line given when it was PRN, is within that
//	    entry's interval (four hours if it has none) of Now, before or after
//	    — checkRecentIngredient. A warning, not a stop: the regular dose is
//	    prescribed and a senior may judge the gap safe (Madopar CR and
//	    dispersible at night), but it must not pass without a word; import
//	    flags such pairs for a senior too. "PRN paracetamol at 07:30 then
//	    the regular 08:00 paracetamol: recent same ingredient", "PRN
//	    paracetamol liquid with no minimum interval an hour after the
//	    regular paracetamol: recent same ingredient", "Madopar and another
//	    levodopa line in force together: a dose of one warns at the other but
//	    does not close it", "PRN paracetamol made regular: a PRN dose 2h30
//	    before the lunchtime dose is recent"; boundary "PRN paracetamol
//	    liquid at 04:00, 4h before the regular paracetamol, is far enough".
//	H26 A regular dose given twice close together under a reason typed for
//	    an early warning: MR morphine at 08:00 and the 21:00 dose at 09:01;
//	    co-careldopa at 06:00 and 06:16; PRN paracetamol made regular twenty
//	    minutes after a PRN dose (seen by neither ALREADY_GIVEN nor the
//	    recent-dose rule before). TOO_SOON (stop) when the last dose of this
//	    line (any version, PRN or regular, any product) or of a line no
//	    longer in force with the ingredient is less than half the interval
//	    between this slot and the one before; nearer the slot it stays a
//	    warning, and TOO_EARLY and LATE say when the last dose was given —
//	    checkRegularGap. The record of the line's previous slot does not
//	    count when this dose is in its window: on-time doses are the chart's
//	    rhythm. "MR morphine given at 08:00, the night dose at 09:01 is too
//	    soon", "Madopar at 06:00 and again at 06:16 is too soon", "PRN
//	    paracetamol made regular four times a day twenty minutes after two
//	    tablets is too soon", "amlodipine replaced by a new entry at 10:00
//	    after the old 08:00 dose: too soon, not already given", "amlodipine
//	    given this morning, scanned at 15:00: too early for tomorrow and too
//	    soon after this morning's"; boundary "Madopar on time at 10:00 after
//	    the 06:00 dose is the chart's own rhythm"; "amlodipine at 06:30 the
//	    day after its last dose: too early, and says when the last dose was
//	    given".
//	H27 A maximum passed in silence because doses cannot be added up: a
//	    product on the chart without a strength. STRENGTH_UNKNOWN (warn)
//	    names the products and asks a senior to check the total; never a
//	    silent pass — checkMaxDose. "paracetamol suspension of no known
//	    strength after tablets: the doses cannot be added up".
//	H28 A dose given again after a senior corrected its record, when the
//	    correction was the mistake. RECORD_CORRECTED (info) says which
//	    record was corrected, when, by whom and why — noteCorrected.
//	    "amlodipine whose 08:00 record was corrected as entered in error:
//	    who corrected it and why".
//	H29 A controlled drug given that the register cannot account for:
//	    the balance silently negative, a missing or miscounted tablet
//	    unnoticed until the next count. CD_BALANCE (info) shows the register
//	    balance before and after the dose; CD_BALANCE_LOW (warn) when the
//	    dose is more than the balance, so giving needs a recorded reason,
//	    and the dose recorded with it is a discrepancy (internal/ledger)
//	    open until a manager records what was done — checkRegister. "MST
//	    morphine with 27 in the register shows the balance after the dose",
//	    "MST morphine with an empty register needs a reason: balance low",
//	    "two MST tablets with one in the register: balance low", "MST
//	    morphine with no register kept shows no balance", "amlodipine is no
//	    controlled drug: no register balance".
//	H30 A pack of a recalled batch given. RECALLED (stop) when the pack's
//	    GTIN and batch match a batch a manager marked recalled, naming what
//	    to do; RECALL_UNCHECKED (warn) when the scan carries no batch, or
//	    the medicine was chosen by hand, naming every recalled batch to look
//	    for — checkRecall, checkRecallUnscanned. "amlodipine of a recalled
//	    batch is stopped as recalled", "amlodipine scanned without a batch
//	    while a batch is recalled: check the pack", "amlodipine chosen by
//	    hand while a batch is recalled: check the pack", "amlodipine without
//	    a batch while two batches are recalled names both", "amlodipine of
//	    another batch than the recalled one may be given", "recalled batch
//	    of another medicine does not stop amlodipine".
//	    A recall lifted wrongly, or read as lifted: only a manager lifts
//	    one, saying why, with a record of its own (kind 19) naming the
//	    recall; it lifts only recalls it names or that came before it; a
//	    lift with no recall in force is refused; a corrected lift puts the
//	    recall back; a lift lifts only the recall it names and those of
//	    that batch recorded before it, so a recall synced late is not
//	    lifted by mistake. ledger.TestRecalls, round.TestLiftRecall.
//	H31 A homely remedy given without the GP's approval, or for days while
//	    the symptom needs the GP. The home's remedy is a when-required line
//	    of the chart (round adds it), so ALLERGY, TOO_SOON against the same
//	    ingredient on the chart, MAX_DOSE_REACHED and DOSE_TOO_HIGH apply
//	    unchanged; NO_HOMELY_APPROVAL (stop) when the resident has no GP
//	    approval or it is past its review date; HOMELY_TIME_LIMIT (warn)
//	    when the course has run longer than the remedy's days — checkHomely.
//	    "homely paracetamol for a resident the GP has not approved it for
//	    stops", "homely paracetamol whose GP approval is past its review
//	    date stops", "homely paracetamol two hours after PRN paracetamol
//	    from the chart is too soon", "homely paracetamol for a resident
//	    allergic to paracetamol stops", "homely paracetamol after 8 tablets
//	    of chart paracetamol today passes the maximum", "homely paracetamol
//	    given for three days running: tell the GP".
//	H32 A medicine given covertly not as the pharmacist advised, or under a
//	    plan nobody has reviewed. COVERT_PLAN (info) shows who agreed and
//	    how to give it; COVERT_REVIEW_DUE (warn) past its review date —
//	    noteCovert. "amlodipine under a covert plan shows how to give it",
//	    "amlodipine under a covert plan past its review date: review due".
//	H33 A patch put on skin still healing from the last one, or a second
//	    patch while the first is still on (a double opioid dose).
//	    PATCH_SITE_REUSED (warn) when the site had a patch within 21 days;
//	    PATCH_NOT_REMOVED (warn) when the last patch of the entry, or of
//	    any patch line with an ingredient in common, is not recorded as
//	    taken off, asking to check the skin; round refuses a patch recorded
//	    as given with no site — checkPatch. "fentanyl patch on the site used
//	    three days ago: site reused", "fentanyl patch while the last one is
//	    not recorded as taken off: check the skin", "fentanyl patch
//	    re-prescribed on a new line while the old line's patch is still on:
//	    check the skin",
//	    "fentanyl patch whose last dose was corrected as entered in error
//	    is no old patch".
//	    The rotation is the chart entry's, else the product's, else 21
//	    days (mar.PatchRotation; a FHIR rotation outside 1–90 days fails
//	    the import); Verdict.RestingSites lets the body map mark sites at
//	    rest. "rivastigmine patch on the same site after 10 days with a
//	    14-day rotation warns", "rivastigmine patch after 20 days where the
//	    prescriber charted a 28-day rotation warns".
//	H34 A dose of the same ingredient the interval and maximum rules cannot
//	    count, because the record's chart line and product are not on this
//	    tablet (a homely remedy since taken off the list, a record pulled
//	    before its chart). RECORD_UNKNOWN_MEDICINE (warn) names when it was
//	    given and asks to check the MAR chart; it never hides a stop —
//	    checkUnknownRecords. "paracetamol given as a homely remedy since
//	    taken off the home's list, then PRN paracetamol: the check says it
//	    cannot count that dose", "a dose of an unknown line two days ago
//	    does not trouble today's paracetamol".
//	H35 A controlled drug given with no register balance shown because the
//	    home's register settings dropped it. Schedule 2 always keeps a
//	    register; settings without it are refused; only a manager changes
//	    them, audited; ledger.KeepsRegister is the one rule the register
//	    list and the bedside (CDBalances) follow — checkRegister. "a
//	    schedule 4 hypnotic in a home that keeps schedule 4 registers shows
//	    the balance", "MST morphine missing from the registers kept shows
//	    no balance and no low warning".
//	H36 A cream applied with no record of where, or its area taken for a
//	    patch site. A topical dose needs its areas from mar.SkinAreas
//	    (Requires, CanRecord refuses ErrNoSite); an area the body map does
//	    not have cannot decide; a cream's area never rests a patch site —
//	    checkPatch. "barrier cream on the sacrum and both buttocks passes",
//	    "barrier cream on an area the body map does not have cannot
//	    decide", "fentanyl patch on the left upper arm where a cream went
//	    yesterday: a cream does not rest the site".
//	H37 A dose given on another tablet while this one was offline, or
//	    before it first synced, is not in the check, which then says OK to
//	    a second dose. OTHER_TABLETS_NOT_HEARD (info), on every verdict
//	    short of a stop, when an enrolled tablet (Input.Sync: the enrolment
//	    kept in the data directory, store.Enrolled) has never taken in the
//	    central record's changes, or not for 15 minutes by the tablet's
//	    clock (Input.Clock) rather than the dose time, so a dose recorded
//	    late is covered too. It says since when and to ask the care
//	    workers on shift; a home using one tablet alone gets none. Info,
//	    not a warning, because homes are often offline and the centre
//	    finds the double dose afterwards (DOUBLE_DOSE) — noteNotHeard.
//	    "PRN paracetamol on a tablet that last heard from the other tablets
//	    2 hours ago says so", "PRN paracetamol on a tablet that synced 5
//	    minutes ago says nothing of other tablets", "tablet enrolled an
//	    hour ago that never pulled: the note says the other tablets are not
//	    heard from", "PRN paracetamol in a home that uses one tablet alone
//	    says nothing of other tablets", "PRN paracetamol given at 12:30 and
//	    recorded at 14:00, last heard at 13:00: the hour since the sync is
//	    said";
//	    TestCheckSaysWhenTheOtherTabletsWereLastHeard,
//	    TestCheckSaysWhenThisTabletHasNotHeardFromTheOthers.
//	H38 A when-required medicine given for the wrong reason or without the
//	    home's guidance: no PRN protocol, or one written before the
//	    prescription last changed. NO_PRN_PROTOCOL (info) names what the
//	    chart says it is for and asks for the senior;
//	    PRN_PROTOCOL_OLDER_THAN_CHART (info) says to follow the chart's dose
//	    and interval and have the protocol reviewed; a homely remedy needs
//	    none (the home's list is its protocol). Info, not a warning: the
//	    interval, maximum, dose and allergy rules still stop from the chart,
//	    and a reason at every PRN dose until the paperwork catches up would
//	    teach staff to type through warnings — noteProtocol. "paracetamol
//	    when required without a PRN protocol: give it for pain and tell the
//	    senior", "paracetamol whose prescription changed after its protocol
//	    was written: review the protocol", "paracetamol too soon without a
//	    protocol still stops as too soon", "homely paracetamol needs no PRN
//	    protocol: the home's list is its protocol".
//
// # Hazards controlled outside the check
//
// The check decides from what it is given; these hazards are in what it is
// given, or in the record. Each names its control and its tests.
//
//	S1  Check, page, board, reports and export disagree on which records
//	    stand after a correction of a correction. mar.Standing, the one
//	    rule all of them read. TestStanding,
//	    TestPageBoardCheckAndReportAgreeOnACorrectionChain.
//	S2  A PRN effect read as a correction voids the dose it reports on.
//	    Event.About, its own field; old records read with About; the store
//	    refuses a PRN effect with Corrects. TestSchema3FileReadsOldPRNEffectsWithAbout,
//	    TestPRNEffectIsAboutTheDoseAndDoesNotVoidIt.
//	S3  An unknown enum value in the log leaves readers guessing what
//	    happened to a dose. Valid on every persisted enum; store.Append
//	    refuses. TestAppendRefusesUnknownEnumValues.
//	S4  A chart change rewrites past doses (tablets to liquid under one
//	    request). Events carry ProductID and DoseUnit; older records read
//	    the version they name. TestChartChangeOfFormDoesNotRewriteDosesGiven,
//	    TestTabletsMadeSuspensionKeepsWhatWasGiven,
//	    TestReportsUseTheVersionTheDoseWasGivenUnder.
//	S5  A dose corrected after the export period is exported as completed.
//	    The export reads corrections up to now.
//	    TestExportSaysCorrectionsMadeAfterThePeriod.
//	S6  An allergy, ingredient or status brought in wrong by import: a bare
//	    code no one can name, a Patient ID that is another resident's
//	    number, a re-import that brings a resident back from hospital, an
//	    interval that is not written, two lines in force with an
//	    ingredient in common, text that drives a terminal. Refused or
//	    listed for a senior at import. TestImportRefusesAnAllergyNoOneCanName,
//	    TestImportRefusesAPatientIDThatIsAnotherResidentsNumber,
//	    TestReimportSayingPresentKeepsResidentInHospital,
//	    TestImportDerivesTheIntervalOfUpToFourTimesADay,
//	    TestImportFlagsTwoLinesWithAnIngredientInCommon, TestImportedTextRefused.
//	S7  A chart change no one can trace (an allergy dropped by an unsigned
//	    import). A senior or manager signs every change once the home has
//	    staff; each is an audit event. TestImportNeedsASeniorOnceTheHomeHasStaff,
//	    TestImportIsSignedAndAudited.
//	S8  A care worker witnesses their own controlled drug under another
//	    case of their ID. IDs are case-folded and ASCII; CanRecord compares
//	    case-folded. TestNoOneWitnessesTheirOwnControlledDrugUnderAnotherCase.
//	S9  A mistyped data directory opens an empty home: nothing is due.
//	    round.Open refuses a directory without a database.
//	    TestOpenRefusesADirectoryWithoutAHome, TestNoSilentEmptyHome.
//	S10 The last record lost by a crash and one damaged meta page. Both
//	    meta pages name each commit. TestLastRecordSurvivesADamagedMetaPage.
//	S11 The app asks for, or sends, other fields than the recording rule
//	    needs (a dropped controlled drug that cannot be recorded). The
//	    record panel shows and sends exactly Requires per outcome and
//	    reason. TestMorphineNotGivenNeedsAWitnessOnlyWhenDropped,
//	    TestPRNReasonAskedWhenRequiresSaysSo.
//	S12 The resident page shows a PRN dose as can-be-given while a scan
//	    stops it. The page's words come from NextPRN and IngredientTotals.
//	    TestPRNPageAgreesWithTheCheckAcrossProducts,
//	    TestPageAndCheckAgreeOnParacetamolInTwoForms,
//	    TestChartSaysWhatTheCheckSays.
//	S13 A refusal entered late lands on the next dose, which then shows
//	    refused and is not given. The app asks which dose, the missed one
//	    first, and sends its SlotDue; round refuses a dose that is none of
//	    the entry's. TestRefusalRecordedLateGoesOnTheMissedDose,
//	    TestLateRefusalNamesItsDose.
//	S14 A dose given twice on two tablets, or a maximum passed across
//	    them, while each was offline. Tablets pull each other's records, so
//	    the check counts them; the centre finds what was done offline with
//	    the same placement and sums (DOUBLE_DOSE, PRN_MAX_EXCEEDED), once
//	    per slot, shown on the resident's page. TestTwoTabletsConvergeAndCheckEachOthersDoses,
//	    TestSameSlotGivenOnTwoTabletsIsOneDoubleDoseIncident,
//	    TestPRNMaximumPassedAcrossTabletsIsAnIncident.
//	S15 A record lost or doubled by the network. The tablet acknowledges
//	    only what the centre answered; the centre stores each UUID once and
//	    keeps other content under a stored UUID aside. TestFaultsEndWithNoDuplicates,
//	    TestSoakBolt.
//	S16 A near miss (a wrong pack scanned and stopped) or a missed dose
//	    never followed up. Stopped scans are kept as events; a senior or
//	    manager records the follow-up. TestStoppedScanIsKeptForTheReview,
//	    TestRecordReview, TestManagerFollowsUpAMissedDose.
//	S17 A care worker leaves the page while a record is saved, never sees
//	    it recorded, and gives the dose again; or a witness with another's
//	    name is recorded. Every action waits while a record is saved and a
//	    lock waits until the record is shown; staff are picked by ID.
//	    TestLockDuringASaveWaitsForTheRecordedLine,
//	    TestWitnessWithTheSameNameIsTheOneChosen.
//	S18 A tablet holding one home's residents takes another home's chart
//	    by enrolment, so a dose is checked against another person's chart.
//	    Enrolment refuses it. TestEnrolRefusesATabletHoldingAnotherHome.
//	S19 A damaged kind in the resident index hides a GP approval, a covert
//	    plan or a stock count from the check. The open-time walk compares
//	    the kinds with the events and refuses the file.
//	    TestDamagedFilesAreRefusedOrWhole, TestEventsOfKindsAfterUpgrade.
//	S20 One record the centre will not take holds back every later record
//	    of the tablet, so the other tablets never learn later doses (a
//	    double dose). The centre refuses each bad event alone; the tablet
//	    keeps refused records aside, shows them, and pushes the rest.
//	    TestPushTakesTheGoodEventsAndRefusesTheBadOne,
//	    TestRefusedRecordIsKeptAsideAndTheRestGoesThrough,
//	    TestRefusedEventsLeaveTheOutboxAndAreKept,
//	    TestSyncReportsRecordsTheCentreRefused.
//	S21 Anyone holding a home's enrolment code takes over another tablet's
//	    token or writes records in its name. An enrolled, unrevoked device
//	    ID is refused; a pushed event must name the token's own device.
//	    TestEnrolmentUnderAnEnrolledTabletsIDIsRefused.
//	S22 An enrolment answer lost after the centre committed leaves the
//	    tablet unenrolled and a token nobody holds. The tablet's request ID
//	    gets the same token again. TestEnrolmentSentAgainGetsTheSameToken,
//	    TestEnrolmentAnswerLostAfterCommitIsAnsweredAgain.
//	S23 Tokens and records sent in the clear. Plain HTTP only to this
//	    machine, on both sides. TestPlainHTTPOnlyToThisMachine,
//	    TestEnrolRefusesPlainHTTPToAnotherMachine.
//	S24 A picture in the managers' review disagrees with its list, so a
//	    missed dose looks fine in the chart. The grid is counted in the
//	    missed report's own pass, the bars from the review's rows.
//	    TestPicturesAgreeWithTheReviewLists,
//	    TestCompletenessCountsEachResidentsDay.
//	S25 An exported MAR chart or CSV (personal data) readable by others on
//	    the tablet. Written owner-only after the save dialog.
//	    TestExportMARChartFromTheResidentPageAndTheReview.
//	S26 The PRN report misses an overdose given across forms or lines, so
//	    nobody follows it up. The report asks the check (MaximaPassed) at
//	    each dose; undecided is a warning, never a silent pass.
//	    TestPRNOverMaximumAgreesWithTheCheck,
//	    TestPRNOverMaximumUndecidedIsAWarning,
//	    TestPRNWeeklyMaximumCountsDosesBeforeThePeriod.
//	S27 The printed MAR chart shows as given a record corrected after its
//	    period. The chart reads corrections up to now.
//	    TestMARChartFortnight, TestMARChartAgreesWithTheMissedReport.
//	S28 The review's default period hides an hour of doses the day after a
//	    clock change. report.ReviewPeriod works in local clock time.
//	    TestReviewPeriodBounds.
//	S29 Losses go unnoticed because registers are counted too rarely.
//	    Daily or weekly only, a manager's audited change; the register
//	    flags a count overdue. TestCountIntervalMakesACountOverdue,
//	    TestCDSettings.
//	S30 A stored register summary drifts from the records: a wrong
//	    balance at the bedside or in the stock list. The checkpoint is
//	    proven against the records at each read, unused after a back-dated
//	    record, a chart change or a correction of an older record; db check
//	    recomputes it. TestCheckpointGivesTheSameRegister,
//	    TestStockRegistersFromACheckpoint, TestBedsideBalanceFromACheckpoint,
//	    TestDBCheckReportsACheckpointThatDisagrees,
//	    TestCheckpointIsHandedOutOnlyWhileItsRecordsStand,
//	    TestKilledWhileReceivingStock.
//	S31 A PRN protocol written or changed by someone not trusted to, or an
//	    import that overwrites the home's own protocol. Only a senior or
//	    manager writes one; an import never replaces a version written in
//	    the home (a changed prescription is listed for review); each answer
//	    to whether it worked names the version in force. TestWhoMayWriteAPRNProtocol,
//	    TestCareWorkerMayNotWriteAPRNProtocol,
//	    TestChangedPrescriptionLeavesTheHomesProtocol,
//	    TestPRNEffectIsRecordedAgainstTheProtocolInForce.
//	S32 A register shortfall nobody was warned about (a dose synced late)
//	    floods the manager with one discrepancy per dose until the real one
//	    is lost. One below-zero discrepancy per register while one is open;
//	    a dose given past CD_BALANCE_LOW is always its own.
//	    TestBedsideShortfallWhileOneIsOpen, TestFollowUpDatedBeforeItsDose,
//	    TestCheckpointOfOtherRules.
//	S33 A scanned pack taken as a PIN locks a care worker out. A scan
//	    recognised as a pack or a resident's card is never tried as a PIN.
//	    TestSignInScanOfAPackIsNeverTriedAsAPIN,
//	    TestPackScannedAtPINStepIsNotAWrongTry.
//	S34 A medicine runs out unnoticed and a dose is missed. Days left on
//	    the resident page, an order-now band, the round's run-out flag.
//	    TestDaysLeftOnResidentPage, TestStockWords, TestRegisterBooks.
//	S35 A count difference missed or left unresolved. A plain red message;
//	    open discrepancies on the register and the home list until a
//	    manager records what was done. TestCountThatDiffersRaisesDiscrepancy,
//	    TestManagerClosesDiscrepancy, TestHomeRegistersForSeniors.
//	S36 The app applies weaker stock rules than the command line. Every
//	    movement goes through round.RecordStock.
//	    TestAppRefusesWhatTheCLIRefuses, TestCLIRefusesACareWorkerWitness.
//	S37 A printed register hides an entry made in error, or counts it. One
//	    book shape (report.RegisterBook) for screen, PDF and CSV; struck
//	    entries kept and not counted. TestBuildRegisterBook,
//	    TestRegisterPDFText, TestRegisterShowsCorrectionWithOriginal.
//	S38 A homely remedy given before the GP approved it, or under an older
//	    lapsed approval instead of a back-dated correction, or a pack that
//	    never matches a scan or names two remedies. An approval dated in the
//	    future is refused; the latest recorded approval stands; a remedy's
//	    pack is one valid GTIN of one remedy.
//	    TestHomelyApprovalIsDatedTheDayTheGPGaveIt,
//	    TestLatestRecordedApprovalStands, TestHomelyPackIsAGTINOfOneRemedy.
//	S39 A covert plan with impossible dates appears to give a lawful basis
//	    it does not have. Assessment and decision not after today, decision
//	    not before the assessment, review not before the decision.
//	    TestCovertPlanDatesMustBeTrue.
//	S40 A chart imported at the centre reaches the tablets without its PRN
//	    protocols, or replaces one written in the home. The centre runs the
//	    tablet's own ImportProtocols and stores chart and protocols in one
//	    transaction. TestChartImportedAtTheCentreBringsItsPRNProtocols,
//	    TestImportRefusedChangesNothing.
//	S41 Repeated stops of one pack read as several near misses, or grouping
//	    hides one. Grouped in the report only (same resident, pack, care
//	    worker and codes within 10 minutes of the first), with the count
//	    shown. TestRepeatedStopsOfOnePackAreOneRow,
//	    TestGroupedStopsReadAlikeEverywhere.
//	S42 A tablet on an older version meets a record it cannot read (a kind
//	    a newer tablet writes) and silently stops learning the other
//	    tablets' doses. The pull is refused whole and the status bar asks
//	    for the tablet to be updated; the verdicts say the others were not
//	    heard from (H37). TestPulledRecordOfANewerVersionSaysUpdateThisTablet,
//	    TestStatusBarSaysWhereSyncStands.
//	S43 A record about another (a PRN effect, a patch site, a follow-up, a
//	    recall lifted) stored at the centre while the record it is about
//	    was refused: every tablet's pull stops at it and no tablet learns
//	    another's doses again. Both central stores refuse a record about an
//	    event they do not hold, as they refuse a correction of one. The
//	    contract suite's refused-events case (central/storetest).
//	S44 The PRN protocol panel shows an old prescription's words under the
//	    new dose: a senior's new version copied them, and once reviewed the
//	    protocol is newer than the chart, so nothing says they are stale. A
//	    version written in the home carries no prescription words; the
//	    chart line's own are shown (mar.PRNProtocol.PrescriptionWords).
//	    TestPrescriptionWords, TestChangedPrescriptionLeavesTheHomesProtocol.
//	S45 The resident page and the check disagree on which patch is on. One
//	    rule, check.PatchesOn, for both. TestPatchesOn,
//	    TestPatchesOnFollowTheCheck.
//	S46 A chart import at the centre replaces a PRN protocol written in the
//	    home between its check and its write, or two imports both replace
//	    one line. The store refuses an import checked against an older head
//	    of the home (central.ErrHomeChanged); the import reads the home
//	    again, checks again and tries again, five times in all, so a dose
//	    pushed meanwhile does not make the operator run it again, and a
//	    protocol written meanwhile is never replaced.
//	    TestImportTriesAgainWhenTheHomeChangedMeanwhile,
//	    TestImportRefusedWhenTheHomeChangedMeanwhile and the contract case.
//	S47 The index the check finds a resident's GP approvals, covert plans,
//	    stock counts, PRN protocols and recalls by (schema 8, records by
//	    resident and kind) loses a record or files it under another kind,
//	    and the check decides without it. Open's walk sums the index
//	    against the records and refuses the file as damaged; db check
//	    names the record missing from it. TestDamagedKindIndexIsRefused,
//	    TestEventsOfKindsFindsWhatAWalkFinds.
//	S48 What the store keeps between reads outlives a pull: another
//	    tablet's dose, pulled, is not in the next check of that resident,
//	    or a chart changed at the centre is not. A pull of records renews
//	    what is kept of their residents; a pull with a chart, staff or
//	    settings renews everything. TestPulledRecordsAndChartsAreSeenAtOnce.
//	S49 A check reads a resident's records into memory the last check
//	    used, and something of the last resident's records reaches this
//	    verdict. Each verdict equals a fresh service's, over every line of
//	    a home in turn. TestCheckCarriesNothingOverFromTheLastCheck.
package check
