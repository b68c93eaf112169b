package barcode

import "strings"

// validMod10 checks the GS1 modulus-10 check digit that ends s (GTIN, SSCC,
// GLN…): weights 3,1,3,… from the right, excluding the check digit.
func validMod10(s string) bool {
	if len(s) < 2 || !isDigits(s) {
		return false
	}
	return mod10(s[:len(s)-1]) == s[len(s)-1]-'0'
}

// mod10 computes the GS1 check digit for the digits in body.
func mod10(body string) byte {
	sum := 0
	for i := 0; i < len(body); i++ {
		d := int(body[len(body)-1-i] - '0')
		if i%2 == 0 {
			d *= 3
		}
		sum += d
	}
	return byte((10 - sum%10) % 10)
}

// ValidGTIN reports whether s is a GTIN-8, -12, -13 or -14 with a correct
// check digit.
func ValidGTIN(s string) bool {
	switch len(s) {
	case 8, 12, 13, 14:
		return validMod10(s)
	}
	return false
}

// GTIN14 pads a valid GTIN-8/12/13/14 with leading zeros to the 14 digits
// the chart stores, or returns "" when s is not a valid GTIN.
func GTIN14(s string) string {
	if !ValidGTIN(s) {
		return ""
	}
	return strings.Repeat("0", 14-len(s)) + s
}

// expandUPCE turns an 8-digit UPC-E code (number system, 6 digits, check)
// into the UPC-A it stands for, or "" if it is not UPC-E shaped.
func expandUPCE(s string) string {
	if len(s) != 8 || !isDigits(s) || (s[0] != '0' && s[0] != '1') {
		return ""
	}
	d := s[1:7]
	var body string
	switch last := d[5]; {
	case last <= '2':
		body = d[:2] + string(last) + "0000" + d[2:5]
	case last == '3':
		body = d[:3] + "00000" + d[3:5]
	case last == '4':
		body = d[:4] + "00000" + d[4:5]
	default:
		body = d[:5] + "0000" + string(last)
	}
	return s[:1] + body + s[7:]
}

// ValidNHSNumber reports whether s is a 10-digit NHS number with a correct
// modulus-11 check digit. Spaces and dashes between digits, as printed
// ("943 476 5919"), are allowed, and so is space around the number.
func ValidNHSNumber(s string) bool {
	n, ok := nhsDigits(s)
	return ok && nhsCheck(n)
}

// nhsDigits strips the separators people print in NHS numbers and reports
// whether ten digits remain.
func nhsDigits(s string) (string, bool) {
	s = strings.TrimSpace(s)
	if s == "" || strings.Trim(s, " -") != s {
		return "", false
	}
	n := strings.NewReplacer(" ", "", "-", "").Replace(s)
	return n, len(n) == 10 && isDigits(n)
}

// nhsCheck applies modulus 11: weights 10..2 on the first nine digits; a
// remainder giving check 10 means no valid number has those nine digits.
func nhsCheck(n string) bool {
	sum := 0
	for i := 0; i < 9; i++ {
		sum += int(n[i]-'0') * (10 - i)
	}
	check := 11 - sum%11
	if check == 11 {
		check = 0
	}
	return check != 10 && check == int(n[9]-'0')
}
