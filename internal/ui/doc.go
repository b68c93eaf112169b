// Package ui is the medround app's Fyne screens: it lays out, wires and
// shows the medicine round that internal/round runs. It decides no clinical
// rule: whether a dose may be given, needs an override reason or a witness
// comes from the round service and its check, and the screens only show that
// verdict and pass on what the care worker chose.
//
// Each screen is one file and one struct holding its widgets and what it
// depends on (a small interface declared beside it). Reads of the store run
// off the UI goroutine and their results are applied with fyne.Do.
//
// Keyboard-wedge scanners type a code followed by Enter. The window's canvas
// takes those keys whenever no text field has the focus, so a scan works on
// every screen without first tapping a field.
//
// The package never imports fyne.io/fyne/v2/app: cmd/medround builds the
// app and hands it over, so the tests run headless without cgo.
package ui
