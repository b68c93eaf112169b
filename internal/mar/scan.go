package mar

import "time"

// PackScan is what a medicine pack's barcode said, already parsed and
// verified (GTIN check digit, GS1 syntax).
type PackScan struct {
	Raw  string `json:"raw"`
	GTIN string `json:"gtin"` // GTIN-14
	// Expiry is the last day the pack may be used (AI 17, day 00 read as the
	// end of the month), as a civil date at midnight UTC. Zero when the
	// barcode carries none (a plain EAN-13).
	Expiry time.Time `json:"expiry,omitzero"`
	Batch  string    `json:"batch,omitempty"`
	Serial string    `json:"serial,omitempty"`
}

// HasExpiry reports whether the barcode carried an expiry date.
func (p PackScan) HasExpiry() bool { return !p.Expiry.IsZero() }
