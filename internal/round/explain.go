package round

import (
	"errors"
	"io/fs"
	"regexp"

	"medround/internal/store"
)

// Explain is what a care worker or manager reads for err: what happened
// and what to do, without a file path, a Go error chain or an identifier
// that could be read over a shoulder (NHS numbers and resident numbers are
// masked). It may name a resident and a medicine, as the screen showing it
// does already, so that the person reading knows which chart to look at. Front ends show it; the cause itself goes only to a log or to
// medroundctl --json, through Mask.
func Explain(err error) string {
	var noHome *NoHomeError
	var times *ChartTimesError
	switch {
	case errors.As(err, &times):
		return explainChartTimes(times)
	case errors.As(err, &noHome):
		return noHome.Error() // it names the directory on purpose: the usual cause is a mistyped --data
	case errors.Is(err, ErrInUse):
		return "the home is in use by another medround (the app, or another medroundctl command): close it or let it finish, then try again"
	case errors.Is(err, ErrDamaged):
		return "the home's database is damaged: stop medround, restore the newest backup (made by `medroundctl db backup FILE`), " +
			"run `medroundctl db check`, and call your support contact; nothing more was written"
	case errors.Is(err, ErrNewerSchema):
		return "this home was saved by a newer medround: install that version to open it"
	case errors.Is(err, ErrNotPrivate):
		return "the home's files are open to other users of this machine and medround could not make them private: " +
			"run medround as the user who owns the data directory, or ask your support contact to fix its permissions"
	case errors.Is(err, store.ErrClosed):
		return "the home's database is closed: close medround and start it again"
	case errors.Is(err, fs.ErrNotExist):
		return "a file named on the command line does not exist: check its name"
	case errors.Is(err, fs.ErrPermission):
		return "medround may not read or write a file it needs: check that you run it as the tablet's own user"
	}
	return Mask(err.Error())
}

var (
	nhsNumber      = regexp.MustCompile(`\b\d{3}[ -]?\d{3}[ -]?(\d{4})\b`)
	residentNumber = regexp.MustCompile(`\bR\d{3,6}\b`)
	fhirPatient    = regexp.MustCompile(`Patient/[A-Za-z0-9\-.]+`)
	quotedResident = regexp.MustCompile(`((?i:resident|events of)[^"]{0,20})"[^"]*"`)
	filePath       = regexp.MustCompile(`(^|[\s"'(=])/[^\s"':)]+`)
)

// Mask hides identifiers (NHS numbers, resident numbers and chart IDs) and
// file paths in an error's text: an error may be read over a shoulder,
// pasted into a ticket or kept in a log.
func Mask(s string) string {
	s = nhsNumber.ReplaceAllString(s, "NHS number ******$1")
	s = residentNumber.ReplaceAllString(s, "R***")
	s = fhirPatient.ReplaceAllString(s, "Patient/***")
	s = quotedResident.ReplaceAllString(s, `$1"***"`)
	return filePath.ReplaceAllString(s, "$1<file>")
}
