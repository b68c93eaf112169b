// Package store keeps a home's chart, users and append-only event log in one
// bbolt file, with the outbox of events still to be sent to the central
// record, the schema version and its migrations, and backups. It is the only
// package that imports bbolt.
//
// Safety first, in this order, each with the test that shows it:
//
//   - An event and its outbox entry are written in one fsync'd transaction,
//     so a crash never leaves one without the other, and an acknowledged
//     Append survives the process being killed at any moment
//     (TestKilledWhileRecordingLosesNothing, SIGKILL in a loop). Surviving
//     a power cut rests on the same fsyncs reaching the disk; no test cuts
//     the power.
//   - Every event is in exactly one of the outbox, the acknowledged set and
//     the refused set (events the central record would not take, kept
//     with its reason rather than sent for ever or dropped), and Open
//     proves it with counts and sums (TestRefusedEventsLeaveTheOutboxAndAreKept).
//   - Every write leaves both of bbolt's meta pages naming its transaction
//     before it returns (durable.go), so the last acknowledged record
//     survives a crash followed by damage to either meta page: every
//     single-bit flip in either page's header and meta leaves the record
//     there or the file refused, never the record silently gone
//     (TestLastRecordSurvivesADamagedMetaPage). bbolt alone falls back to
//     the older page, from before the record, until the next commit.
//   - A damaged file is refused at Open with ErrDamaged, never a panic:
//     every stored value carries a CRC-32C, the page tree is walked with
//     bounds checks before bbolt touches it (bbolt trusts page pointers and
//     can crash the process on a corrupt one), and counters kept beside the
//     records catch a dropped key. TestDamagedFilesAreRefusedOrWhole opens
//     400 damaged copies of a closed file: each is refused or opens with
//     every event intact. That is evidence for the damage it tries (flipped
//     bytes, truncation), not a proof for every damage: damage that keeps
//     every checksum, sum and count consistent could still open.
//   - A second process gets ErrInUse at once instead of waiting on the lock.
//   - A file written by a newer medround is refused with ErrNewerSchema; an
//     older one is migrated after a backup, except by a read-only open,
//     which says it needs upgrading and changes nothing. A read-only open
//     and Check never change the file (TestReadOnlyOpenNeverMigrates,
//     TestCheckChangesNothing), and work on a file and directory this user
//     cannot write (TestReadOnlyOpenWorksOnAReadOnlyFileAndChangesNothing).
//   - The data directory, the database, backups and files written with
//     WriteFilePrivate are owner-only (0700, 0600) whatever they were
//     before; a read-write Open refuses, with ErrNotPrivate, a file it
//     cannot make so (private.go).
//
// Layout: every record is framed by a format byte and a CRC-32C (see
// codec.go). Chart, user and settings records are JSON; events, 450,000 a
// year and read by every check and report, are a compact binary encoding
// since schema 3 (eventcodec.go), and the JSON events older files hold are
// still read, never rewritten. Keys are big-endian so they sort; index
// buckets hold keys only. Bucket names are the package variables in
// buckets.go.
package store
