package fhir

import (
	"fmt"
	"strings"
)

// validNHSNumber reports whether s is ten digits whose last is the modulus 11
// check digit of the first nine. internal/barcode has the same rule for
// scans; this copy keeps the importer free of the scanner's package.
func validNHSNumber(s string) bool {
	if len(s) != 10 {
		return false
	}
	sum := 0
	for i := 0; i < 10; i++ {
		if s[i] < '0' || s[i] > '9' {
			return false
		}
		if i < 9 {
			sum += int(s[i]-'0') * (10 - i)
		}
	}
	check := 11 - sum%11
	if check == 11 {
		check = 0
	}
	return check != 10 && check == int(s[9]-'0')
}

// normaliseGTIN returns the GTIN-8, -12, -13 or -14 in s as a GTIN-14 after
// verifying its check digit.
func normaliseGTIN(s string) (string, error) {
	s = strings.TrimSpace(s)
	switch len(s) {
	case 8, 12, 13, 14:
	default:
		return "", fmt.Errorf("GTIN %q has %d digits: want 8, 12, 13 or 14", s, len(s))
	}
	for i := 0; i < len(s); i++ {
		if s[i] < '0' || s[i] > '9' {
			return "", fmt.Errorf("GTIN %q is not all digits", s)
		}
	}
	g := strings.Repeat("0", 14-len(s)) + s
	if want := gtinCheckDigit(g[:13]); g[13] != want {
		return "", fmt.Errorf("GTIN %q has check digit %c, want %c: the code was mistyped", s, g[13], want)
	}
	return g, nil
}

// gtinCheckDigit computes the GS1 check digit of the digits before it:
// weights 3 and 1 alternate from the right.
func gtinCheckDigit(body string) byte {
	sum := 0
	for i := len(body) - 1; i >= 0; i-- {
		d := int(body[i] - '0')
		if (len(body)-1-i)%2 == 0 {
			d *= 3
		}
		sum += d
	}
	return byte('0' + (10-sum%10)%10)
}
