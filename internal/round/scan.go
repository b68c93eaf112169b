package round

import (
	"errors"
	"fmt"
	"regexp"

	"medround/internal/barcode"
	"medround/internal/mar"
	"medround/internal/store"
)

// ScanKind says what a scan turned out to be.
type ScanKind uint8

// What a scan can be.
const (
	ScanResident ScanKind = iota + 1
	ScanPack
	ScanStaff
)

// Scan is a scan identified: a resident of this home, a medicine pack, or a
// member of staff's badge.
type Scan struct {
	Kind     ScanKind
	Resident *mar.Resident
	Pack     *mar.PackScan
	UserID   string
}

// ErrUnknownResident is a well-formed resident ID that matches no resident
// of this home.
var ErrUnknownResident = errors.New("no resident of this home has this ID: check the card or wristband belongs to this home")

// Identify tells what a scan is.
func (s *Service) Identify(text string) (Scan, error) {
	if r, err := s.findResidentRaw(text); err != nil || r != nil {
		return Scan{Kind: ScanResident, Resident: r}, err
	}
	code, err := s.parse(text)
	if err != nil {
		return Scan{}, err
	}
	switch code.Kind {
	case barcode.KindPack:
		p := packScan(code)
		return Scan{Kind: ScanPack, Pack: &p}, nil
	case barcode.KindStaff:
		if _, err := s.st.User(code.StaffID); err != nil {
			return Scan{}, fmt.Errorf("staff badge: %w", ErrUnknownUser)
		}
		return Scan{Kind: ScanStaff, UserID: code.StaffID}, nil
	case barcode.KindResident:
		r, err := s.st.FindResident(residentKey(code))
		if errors.Is(err, store.ErrNotFound) {
			return Scan{}, ErrUnknownResident
		}
		if err != nil {
			return Scan{}, fmt.Errorf("find resident: %w", err)
		}
		return Scan{Kind: ScanResident, Resident: &r}, nil
	}
	return Scan{}, errors.New("this code is neither a resident ID nor a medicine pack")
}

// parse reads a scan with the home's scanner settings.
func (s *Service) parse(text string) (barcode.Code, error) {
	h, err := s.st.Home()
	if err != nil {
		return barcode.Code{}, fmt.Errorf("read home settings: %w", err)
	}
	opt := barcode.Options{GSSubstitute: h.GSSubstitute}
	if h.ResidentIDPattern != "" {
		re, err := s.residentPattern(h.ResidentIDPattern)
		if err != nil {
			return barcode.Code{}, fmt.Errorf("home resident number pattern: %w", err)
		}
		opt.ResidentPattern = re
	}
	return barcode.Parse(text, opt)
}

// residentPattern is a home's resident number pattern, compiled.
type residentPattern struct {
	text string
	re   *regexp.Regexp
}

// residentPattern compiles the pattern, or returns the one compiled last
// time when the home's setting has not changed since.
func (s *Service) residentPattern(text string) (*regexp.Regexp, error) {
	if p := s.pattern.Load(); p != nil && p.text == text {
		return p.re, nil
	}
	re, err := regexp.Compile(text)
	if err != nil {
		return nil, err
	}
	s.pattern.Store(&residentPattern{text: text, re: re})
	return re, nil
}

func residentKey(c barcode.Code) string {
	if c.NHSNumber != "" {
		return c.NHSNumber
	}
	return c.LocalID
}

func packScan(c barcode.Code) mar.PackScan {
	return mar.PackScan{Raw: c.Raw, GTIN: c.GTIN, Expiry: c.Expiry, Batch: c.Batch, Serial: c.Serial}
}
