// Package round is the application service of the medicine round: the one
// flow that both the Fyne app and medroundctl drive. It loads a resident's
// chart and history from the store, runs the check on a scan, and records
// the outcome with its override reason, witness and PIN, so that no front
// end repeats (or forgets part of) that flow.
//
// The rules themselves live in internal/check and internal/schedule; round
// gathers their inputs and stores what they allowed.
package round
