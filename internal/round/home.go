package round

import (
	"errors"
	"fmt"
	"time"

	"medround/internal/demo"
	"medround/internal/mar"
	"medround/internal/report"
	"medround/internal/store"
)

// Residents lists the home's residents, sorted by room.
func (s *Service) Residents() ([]mar.Resident, error) { return s.st.Residents() }

// Report builds a managers' report over [from, to), as at the service's clock.
func (s *Service) Report(kind report.Kind, from, to time.Time) (*report.Report, error) {
	return report.Build(s.st, kind, from, to, s.now())
}

// CheckDatabase checks the database (bbolt and the MAR's own rules) and
// returns every problem found; it never changes the file.
func (s *Service) CheckDatabase() []error {
	return append(s.st.Check(), s.checkCheckpoints()...)
}

// Backup writes a consistent copy of the database to path while the home
// stays open.
func (s *Service) Backup(path string) error {
	if err := s.st.BackupFile(path); err != nil {
		return fmt.Errorf("backup: %w", err)
	}
	return nil
}

// ErrHomeNotEmpty means a home already has residents or staff, where only
// an empty one will do (the demo home is built only into an empty one).
var ErrHomeNotEmpty = errors.New("this home already has residents or staff")

// Empty reports whether the home has neither residents nor staff.
func (s *Service) Empty() (bool, error) {
	rs, err := s.st.Residents()
	if err != nil {
		return false, err
	}
	noStaff, err := s.staff.Empty()
	return len(rs) == 0 && noStaff, err
}

// BuildDemo fills an empty home with the demo home (Willow House).
func (s *Service) BuildDemo(opt demo.Options) error {
	empty, err := s.Empty()
	if err != nil {
		return err
	}
	if !empty {
		return ErrHomeNotEmpty
	}
	if opt.Now.IsZero() {
		opt.Now = s.now()
	}
	if opt.DeviceID == "" {
		opt.DeviceID = s.deviceID // its history is this tablet's own
	}
	if err := demo.Build(s.st, opt); err != nil {
		return fmt.Errorf("build the demo home: %w", err)
	}
	return nil
}

// WritePrivateFile writes data holding personal data (an export) to path,
// owner-only (0600) whatever the file was before.
func WritePrivateFile(path string, data []byte) error { return store.WriteFilePrivate(path, data) }
