// Package staff is who works in the home and what each may do: users and
// their roles, PINs hashed with argon2id, sign-in with a lockout after wrong
// PINs, and the one table of which role may witness, correct, approve a
// correction, change the chart, the settings or the staff, and record each
// resident status.
//
// User IDs are compared case-folded ("SAM" is "sam"), and a new ID must be
// unique that way: two IDs that differ only in case would let one person
// witness their own controlled drug dose under the other name.
package staff
