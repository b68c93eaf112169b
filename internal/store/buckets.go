package store

// Bucket names. Index buckets hold keys only (empty values); the record
// buckets hold framed JSON (codec.go), but for events (eventcodec.go).
var (
	bucketMeta = []byte("meta") // schema version, counters, home settings

	bucketResidents = []byte("residents") // resident ID -> mar.Resident
	// resident identifier (NHS number without spaces, any identifier value,
	// the ID) 0x00 resident ID -> empty. Several residents may share a
	// value; FindResident then refuses to choose.
	bucketResidentIDs = []byte("resident-ids")
	bucketProducts    = []byte("products")     // product ID -> mar.Product
	bucketGTINs       = []byte("gtins")        // GTIN 0x00 product ID -> empty
	bucketEntries     = []byte("entries")      // entry ID 0x00 version(4, BE) -> mar.ChartEntry
	bucketChart       = []byte("chart")        // resident ID 0x00 entry ID -> empty (entries ever charted)
	bucketProdEntries = []byte("prod-entries") // product ID 0x00 entry ID -> empty (current versions)
	bucketAllergies   = []byte("allergies")    // allergy ID -> mar.Allergy
	bucketResAllergy  = []byte("res-allergy")  // resident ID 0x00 allergy ID -> empty
	bucketUsers       = []byte("users")        // user ID -> mar.User

	// occurredAt(8) UUID(16) -> mar.Event: stored in time order, so a
	// report over a year reads the file front to back, and pages fill up
	// because events mostly arrive in time order.
	bucketEvents = []byte("events")
	// resident ID 0x00 occurredAt(8) UUID(16) -> empty: a resident's last
	// 48 hours is one seek and a short scan.
	bucketEvByResident = []byte("ev-resident")
	// resident ID 0x00 kind(1) occurredAt(8) UUID(16) -> empty, for every
	// event but doses (schema 8): the few records a check needs from a
	// resident's whole past (GP approvals, covert plans, stock counts,
	// recalls) are one seek per kind, however long the record is.
	bucketEvByKind   = []byte("ev-kind")
	bucketEvByID     = []byte("ev-id")     // event UUID -> occurredAt(8)
	bucketOutbox     = []byte("outbox")    // sequence(8) -> event UUID, oldest first
	bucketOutboxByID = []byte("outbox-id") // event UUID -> sequence(8)
	bucketAcked      = []byte("acked")     // event UUID -> ack time(8)
	// event UUID -> refusal time(8) and the central record's reason: an
	// event the centre would not take, kept aside (schema 6). Every event
	// is in exactly one of outbox, acked and refused.
	bucketRefused = []byte("refused")

	// resident ID -> Checkpoint: a summary of their stock registers up to
	// a time, proven against their events at every read (checkpoint.go;
	// schema 7).
	bucketCheckpoints = []byte("checkpoints")
)

// Keys in bucketMeta.
var (
	keySchema     = []byte("schema")      // uint64 BE
	keyHome       = []byte("home")        // mar.Home
	keyEventCount = []byte("event-count") // uint64 BE, events ever appended
	keyPending    = []byte("pending")     // uint64 BE, entries in the outbox
	keyRefused    = []byte("refused")     // uint64 BE, entries in bucketRefused
)

// allBuckets lists every top-level bucket of the current schema.
var allBuckets = [][]byte{
	bucketMeta, bucketResidents, bucketResidentIDs, bucketProducts, bucketGTINs,
	bucketEntries, bucketChart, bucketProdEntries, bucketAllergies, bucketResAllergy,
	bucketUsers, bucketEvents, bucketEvByResident, bucketEvByID, bucketOutbox,
	bucketOutboxByID, bucketAcked, bucketRefused, bucketCheckpoints, bucketEvByKind,
}
