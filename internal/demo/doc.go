// Package demo builds the realistic demo home that `make run`, the tests and
// the screenshots use: staff with known PINs, residents with valid NHS
// numbers and room numbers, MAR charts of about ten entries each (regular,
// when-required, controlled and time-critical medicines), allergies, the
// last two days of records with the odd refusal and missed dose, and their
// stock: the pharmacy's 28-day cycle of deliveries and the controlled drugs
// counted weekly, so the registers balance as a well-run home's do.
//
// Everything is deterministic for a given Options, so a test can rely on
// "R101 is Margaret Ellis in room 1, allergic to penicillin".
package demo
