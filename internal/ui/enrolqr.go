package ui

import (
	"errors"

	"medround/internal/protocol"
	"medround/internal/staff"
)

// enrolHint says the two ways to enrol: the QR code `medround-central
// device enrol --server URL` prints, or its address and code typed.
const enrolHint = "Scan the enrolment QR code from the central record with the scanner or the camera, or type its address and code."

// enrolCamera is the camera's wording on the Central record tab.
var enrolCamera = cameraWords{"Scan enrolment QR code", "Hold the enrolment QR code in front of the camera.", "type the address and code"}

func newEnrolCamera(a *App, s *centralSection) *cameraScan {
	return newCameraScanFor(a, enrolCamera, s.scanned, func(ok bool, msg string) { say(s.message, ok, msg) })
}

// scanned takes an enrolment QR code read by a wedge scanner or the
// camera: it fills in the address and code for the manager to check and
// enrol. It never enrols by itself: which central record the tablet joins
// is the manager's to see before its records go there.
func (s *centralSection) scanned(text string) {
	if s.app.session == nil || !s.app.session.May(staff.ActChangeSettings) {
		say(s.message, false, "Only a manager can enrol this tablet.")
		return
	}
	q, err := protocol.ParseEnrolQR(text)
	switch {
	case errors.Is(err, protocol.ErrNotEnrolQR):
		say(s.message, false, "That is not an enrolment QR code. Scan the QR code the central record gave for this home, or type its address and code.")
	case err != nil:
		say(s.message, false, sentence(err.Error())+".")
	default:
		s.server.SetText(q.Server)
		s.code.SetText(q.Code)
		say(s.message, true, "Enrolment read from the QR code. Check the address, name this tablet, then tap Enrol this tablet.")
	}
}

// scannedInto takes Enter in the address or code field: an enrolment QR
// code scanned there fills both fields; anything else is left as typed.
func (s *centralSection) scannedInto(text string) {
	if _, err := protocol.ParseEnrolQR(text); !errors.Is(err, protocol.ErrNotEnrolQR) {
		s.scanned(text)
	}
}
