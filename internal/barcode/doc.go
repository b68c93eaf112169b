// Package barcode turns what a care worker scans into one typed Code: a
// resident's ID (NHS number or the home's own number) or a medicine pack (GS1
// GTIN with expiry, batch and serial), or a clear error saying why the scan
// is neither.
//
// Scans arrive three ways and all end in Parse:
//   - a keyboard-wedge scanner types a burst of keys; Wedge tells the burst
//     from human typing and normalises it;
//   - a camera frame or photo is decoded by Decode (gozxing: DataMatrix, QR,
//     EAN-13/8, UPC-A/E, Code 128 and GS1-128);
//   - a person types the code, including the bracketed "(01)…(17)…" form.
//
// A misread is a clinical hazard (the wrong medicine accepted as the right
// one), so the package prefers no answer to a doubtful one: GTIN check
// digits, NHS modulus 11 and GS1 syntax are verified, and an image read
// whose GS1 content does not parse is not returned as a read.
//
// The GS1 application identifier table (gs1_table.go) is generated from the
// GS1 Barcode Syntax Dictionary by internal/gen.
package barcode

//go:generate go run ./internal/gen -in internal/gen/gs1-syntax-dictionary.txt -out gs1_table.go
