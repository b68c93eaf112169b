// Package store keeps a home's chart, users and append-only event log in one
// bbolt file, with the outbox of events still to be sent to the central
// record, the schema version and its migrations, and backups. It is the only
// package that imports bbolt.
//
// Safety first, in this order:
//
//   - An event and its outbox entry are written in one fsync'd transaction,
//     so a crash never leaves one without the other, and an acknowledged
//     Append survives a SIGKILL or a power cut.
//   - A damaged file is refused at Open with ErrDamaged, never opened with
//     records silently missing and never a panic: every stored value carries
//     a CRC-32C, the page tree is walked with bounds checks before bbolt
//     touches it (bbolt trusts page pointers and can crash the process on a
//     corrupt one), and counters kept beside the records catch a dropped key.
//   - A second process gets ErrInUse at once instead of waiting on the lock.
//   - A file written by a newer medround is refused with ErrNewerSchema.
//
// Layout: every record is framed by a format byte and a CRC-32C (see
// codec.go). Chart, user and settings records are JSON; events, 450,000 a
// year and read by every check and report, are a compact binary encoding
// since schema 3 (eventcodec.go), and the JSON events older files hold are
// still read, never rewritten. Keys are big-endian so they sort; index
// buckets hold keys only. Bucket names are the package variables in
// buckets.go.
package store
