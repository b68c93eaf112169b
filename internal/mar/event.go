package mar

import (
	"time"

	"github.com/google/uuid"
)

// Outcome is what happened to a dose.
type Outcome uint8

// Outcomes. Persisted: append only.
const (
	OutcomeGiven    Outcome = 1
	OutcomeRefused  Outcome = 2
	OutcomeNotGiven Outcome = 3
)

var outcomeNames = names[Outcome]{OutcomeGiven: "given", OutcomeRefused: "refused", OutcomeNotGiven: "not-given"}

func (o Outcome) String() string               { return outcomeNames.format(o, "outcome") }
func (o Outcome) MarshalText() ([]byte, error) { return []byte(o.String()), nil }
func (o *Outcome) UnmarshalText(b []byte) error {
	v, err := ParseOutcome(string(b))
	*o = v
	return err
}
func ParseOutcome(s string) (Outcome, error) { return outcomeNames.parse(s, "outcome") }
func (o Outcome) Valid() bool                { return outcomeNames.valid(o) }

// NotGivenReason says why a dose was not given, after NICE SC1's list.
type NotGivenReason uint8

// Reasons a dose was not given. Persisted: append only.
const (
	ReasonAsleep           NotGivenReason = 1
	ReasonNausea           NotGivenReason = 2 // nausea or vomiting
	ReasonInHospital       NotGivenReason = 3
	ReasonOnLeave          NotGivenReason = 4
	ReasonWithheld         NotGivenReason = 5 // withheld on clinical advice
	ReasonOutOfStock       NotGivenReason = 6
	ReasonDropped          NotGivenReason = 7 // dropped or spoilt
	ReasonSelfAdministered NotGivenReason = 8
	ReasonOther            NotGivenReason = 9 // needs a note
)

var notGivenNames = names[NotGivenReason]{
	ReasonAsleep: "asleep", ReasonNausea: "nausea", ReasonInHospital: "hospital",
	ReasonOnLeave: "leave", ReasonWithheld: "withheld", ReasonOutOfStock: "out-of-stock",
	ReasonDropped: "dropped", ReasonSelfAdministered: "self-administered", ReasonOther: "other",
}

// NotGivenDescriptions are the words a care worker sees for each reason.
var NotGivenDescriptions = map[NotGivenReason]string{
	ReasonAsleep: "Asleep", ReasonNausea: "Nausea or vomiting", ReasonInHospital: "In hospital",
	ReasonOnLeave: "On leave", ReasonWithheld: "Withheld on clinical advice",
	ReasonOutOfStock: "Out of stock", ReasonDropped: "Dropped or spoilt",
	ReasonSelfAdministered: "Self-administered", ReasonOther: "Other (say why)",
}

// NotGivenReasons lists the reasons in the order a care worker is offered them.
func NotGivenReasons() []NotGivenReason {
	return []NotGivenReason{ReasonAsleep, ReasonNausea, ReasonInHospital, ReasonOnLeave,
		ReasonWithheld, ReasonOutOfStock, ReasonDropped, ReasonSelfAdministered, ReasonOther}
}

func (r NotGivenReason) String() string               { return notGivenNames.format(r, "reason") }
func (r NotGivenReason) MarshalText() ([]byte, error) { return []byte(r.String()), nil }
func (r *NotGivenReason) UnmarshalText(b []byte) error {
	v, err := ParseNotGivenReason(string(b))
	*r = v
	return err
}
func ParseNotGivenReason(s string) (NotGivenReason, error) {
	return notGivenNames.parse(s, "not-given reason")
}
func (r NotGivenReason) Valid() bool { return notGivenNames.valid(r) }

// UnscannedReason says why a dose was recorded without scanning its pack, so
// managers can see how often the barcode check was bypassed.
type UnscannedReason uint8

// Unscanned reasons. Persisted: append only.
const (
	UnscannedDamaged       UnscannedReason = 1 // barcode damaged
	UnscannedNoBarcode     UnscannedReason = 2
	UnscannedScannerBroken UnscannedReason = 3
)

var unscannedNames = names[UnscannedReason]{
	UnscannedDamaged: "barcode-damaged", UnscannedNoBarcode: "no-barcode", UnscannedScannerBroken: "scanner-broken",
}

func (r UnscannedReason) String() string               { return unscannedNames.format(r, "unscanned") }
func (r UnscannedReason) MarshalText() ([]byte, error) { return []byte(r.String()), nil }
func (r *UnscannedReason) UnmarshalText(b []byte) error {
	v, err := ParseUnscannedReason(string(b))
	*r = v
	return err
}
func ParseUnscannedReason(s string) (UnscannedReason, error) {
	return unscannedNames.parse(s, "unscanned reason")
}
func (r UnscannedReason) Valid() bool { return unscannedNames.valid(r) }

// EventKind distinguishes the records in the append-only event log.
type EventKind uint8

// Event kinds. Persisted: append only.
const (
	KindAdministration EventKind = 1 // a dose given, refused or not given
	KindCorrection     EventKind = 2 // marks an earlier event entered in error
	KindPRNEffect      EventKind = 3 // whether a PRN dose worked, asked after it
	KindStatusChange   EventKind = 4 // a resident went to hospital, came back...
	KindAudit          EventKind = 5 // a change of chart, staff or settings: who, when, what
	// KindReview is a manager's follow-up of a missed, late, refused or
	// overridden dose, a stopped scan or an incident (About names it; Note
	// says what was done).
	KindReview EventKind = 6
	// KindStoppedScan is a scan the check stopped: a near miss worth a
	// manager's eye (ReasonCodes, GTIN, EntryID; no dose was given).
	KindStoppedScan EventKind = 7
	// KindIncident is found at the central record: two "given" records for
	// one slot, a PRN maximum passed across tablets, a device clock off
	// (ReasonCodes names it; About the record that raised it).
	KindIncident EventKind = 8
	// KindReceipt is stock received for a resident: Quantity of ProductID
	// (GTIN, Batch, Expiry from the pack; Note says from whom; WitnessID
	// for a controlled drug).
	KindReceipt EventKind = 9
	// KindStockReturn is stock returned to the pharmacy (Quantity, Note the
	// reason).
	KindStockReturn EventKind = 10
	// KindDestruction is stock destroyed in the home (Quantity, Note the
	// reason, WitnessID the second member of staff).
	KindDestruction EventKind = 11
	// KindStockCount is what two staff counted (Quantity, which may be 0);
	// the difference from the register is worked out, never stored.
	KindStockCount EventKind = 12
	// KindRecall marks a batch recalled (GTIN, Batch; Note says what to
	// do), filed under the home rather than a resident. A correction
	// voids one entered in error; KindRecallLifted lifts a real one.
	KindRecall EventKind = 13
	// KindHomelyRemedy puts a remedy on the home's homely remedies list,
	// filed under the home: EntryID its ID, GTIN its pack, Quantity and
	// DoseUnit its dose, Note its other terms (HomelyRemedy). A later one
	// with the same ID replaces it.
	KindHomelyRemedy EventKind = 14
	// KindHomelyApproval is a GP's approval of a homely remedy for a
	// resident: EntryID the remedy, Note the GP, Expiry the review date,
	// OccurredAt when the GP approved it.
	KindHomelyApproval EventKind = 15
	// KindCovertPlan is a plan to give a resident's medicines covertly
	// (EntryID one entry, or empty for all): Note the terms (CovertPlan),
	// Expiry the review date. A later plan for the same entry replaces it.
	KindCovertPlan EventKind = 16
	// KindPatchSite is where a patch went, or one area a cream went on:
	// About the dose that applied it, EntryID its entry, Note the body
	// site's or skin area's word (BodySite).
	KindPatchSite EventKind = 17
	// KindPatchRemoved is a patch taken off: About the dose that applied
	// it, EntryID its entry.
	KindPatchRemoved EventKind = 18
	// KindRecallLifted is a manager lifting a recall (the supplier
	// withdrew it, or the batch was cleared): About the recall it lifts,
	// GTIN and Batch as that recall's, Note why. The recall stays in the
	// record as a real one, which a correction would deny.
	KindRecallLifted EventKind = 19
	// KindPRNProtocol is the home's protocol for a when-required chart
	// line (PRNProtocol): EntryID the line, Note its terms. Who wrote it
	// and when are the event's UserID and OccurredAt; a later one for the
	// same line replaces it and the old stays in the record. A PRN effect
	// names the protocol in force for its dose by Digest.
	KindPRNProtocol EventKind = 20
)

var kindNames = names[EventKind]{KindAdministration: "administration", KindCorrection: "correction",
	KindPRNEffect: "prn-effect", KindStatusChange: "status-change", KindAudit: "audit",
	KindReview: "review", KindStoppedScan: "stopped-scan", KindIncident: "incident",
	KindReceipt: "receipt", KindStockReturn: "stock-return", KindDestruction: "destruction",
	KindStockCount: "stock-count", KindRecall: "recall", KindHomelyRemedy: "homely-remedy",
	KindHomelyApproval: "homely-approval", KindCovertPlan: "covert-plan", KindPatchSite: "patch-site",
	KindPatchRemoved: "patch-removed", KindRecallLifted: "recall-lifted",
	KindPRNProtocol: "prn-protocol"}

func (k EventKind) String() string               { return kindNames.format(k, "kind") }
func (k EventKind) MarshalText() ([]byte, error) { return []byte(k.String()), nil }
func (k *EventKind) UnmarshalText(b []byte) error {
	v, err := ParseEventKind(string(b))
	*k = v
	return err
}
func ParseEventKind(s string) (EventKind, error) { return kindNames.parse(s, "event kind") }
func (k EventKind) Valid() bool                  { return kindNames.valid(k) }

// Event is one append-only record. Nothing is edited or deleted: a mistake is
// corrected by a new event whose Corrects names the mistaken one.
type Event struct {
	ID         uuid.UUID `json:"id"`
	Kind       EventKind `json:"kind"`
	DeviceID   string    `json:"deviceId"`
	UserID     string    `json:"userId"`
	WitnessID  string    `json:"witnessId,omitempty"`
	ResidentID string    `json:"residentId"`
	OccurredAt time.Time `json:"occurredAt"` // UTC, when it happened
	RecordedAt time.Time `json:"recordedAt"` // UTC, when the tablet stored it
	Note       string    `json:"note,omitempty"`

	// Administration.
	EntryID      string         `json:"entryId,omitempty"`
	EntryVersion int            `json:"entryVersion,omitempty"`
	SlotDue      time.Time      `json:"slotDue,omitzero"` // zero for PRN doses
	Outcome      Outcome        `json:"outcome,omitempty"`
	Reason       NotGivenReason `json:"reason,omitempty"`
	Quantity     float64        `json:"quantity,omitempty"`
	PRNReason    string         `json:"prnReason,omitempty"` // why a PRN dose was given

	// What the check said when this was recorded.
	Verdict        Level    `json:"verdict,omitempty"`
	ReasonCodes    []string `json:"reasonCodes,omitempty"`
	OverrideReason string   `json:"overrideReason,omitempty"`

	// The pack scanned; Unscanned says why none was when the entry was
	// chosen by hand.
	Unscanned UnscannedReason `json:"unscanned,omitempty"`
	GTIN      string          `json:"gtin,omitempty"`
	Batch     string          `json:"batch,omitempty"`
	Serial    string          `json:"serial,omitempty"`
	Expiry    string          `json:"expiry,omitempty"` // YYYY-MM-DD, last day the pack may be used

	// ProductID and DoseUnit are the product and the unit the dose was
	// recorded as, from the chart entry version in force then: a later
	// chart change (tablets to liquid under the same request) must not
	// rewrite what was given. Empty on records made before they were kept;
	// readers then fall back to the entry version the record names.
	ProductID string `json:"productId,omitempty"`
	DoseUnit  string `json:"doseUnit,omitempty"`

	// Correction: the event this one marks as entered in error.
	Corrects uuid.UUID `json:"corrects,omitzero"`
	// PRN effect: the PRN dose this one says worked or not.
	About uuid.UUID `json:"about,omitzero"`
	// PRN effect: whether the dose worked.
	Effective *bool `json:"effective,omitempty"`
	// Status change: the resident's new status.
	Status ResidentStatus `json:"status,omitempty"`
	// Audit: what changed (Note says it in words: counts and IDs), and for
	// a chart import the SHA-256 of the bundles, hex. PRN effect: the
	// PRNProtocol.Digest of the protocol in force when the dose was given,
	// empty when there was none.
	Action AuditAction `json:"action,omitempty"`
	Digest string      `json:"digest,omitempty"`
}

// AuditAction is the kind of change an audit event records.
type AuditAction uint8

// Audit actions. Persisted: append only.
const (
	AuditChartImport     AuditAction = 1 // residents, chart, allergies from a bundle
	AuditUserAdded       AuditAction = 2
	AuditUserChanged     AuditAction = 3 // role, name, PIN reset, unlocked
	AuditSettingsChanged AuditAction = 4
)

var auditNames = names[AuditAction]{AuditChartImport: "chart-import", AuditUserAdded: "user-added",
	AuditUserChanged: "user-changed", AuditSettingsChanged: "settings-changed"}

func (a AuditAction) String() string               { return auditNames.format(a, "action") }
func (a AuditAction) MarshalText() ([]byte, error) { return []byte(a.String()), nil }
func (a *AuditAction) UnmarshalText(b []byte) error {
	v, err := ParseAuditAction(string(b))
	*a = v
	return err
}
func ParseAuditAction(s string) (AuditAction, error) { return auditNames.parse(s, "audit action") }
func (a AuditAction) Valid() bool                    { return auditNames.valid(a) }

// Level is how serious a check reason, or a whole verdict, is.
type Level uint8

// Levels, in rising order. Persisted: append only.
const (
	LevelOK   Level = 1 // also "info": nothing stops the dose
	LevelWarn Level = 2 // may be given with a recorded override reason
	LevelStop Level = 3 // must not be given
)

var levelNames = names[Level]{LevelOK: "ok", LevelWarn: "warn", LevelStop: "stop"}

func (l Level) String() string               { return levelNames.format(l, "level") }
func (l Level) MarshalText() ([]byte, error) { return []byte(l.String()), nil }
func (l *Level) UnmarshalText(b []byte) error {
	v, err := ParseLevel(string(b))
	*l = v
	return err
}
func ParseLevel(s string) (Level, error) { return levelNames.parse(s, "level") }
func (l Level) Valid() bool              { return levelNames.valid(l) }
