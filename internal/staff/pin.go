package staff

import (
	"crypto/rand"
	"crypto/subtle"
	"encoding/base64"
	"errors"
	"fmt"
	"strings"

	"golang.org/x/crypto/argon2"
)

// argon2id parameters: OWASP's second recommended set (19 MiB, 2 passes),
// which costs a tablet tens of milliseconds per sign-in and an attacker with
// a stolen database far more per guess of a 4-to-8 digit PIN.
const (
	argonTime    = 2
	argonMemory  = 19 * 1024
	argonThreads = 1
	argonKeyLen  = 32
	saltLen      = 16
)

// PIN lengths. Four digits is the floor (a home may raise it to six in its
// settings); twelve is the ceiling a PIN pad shows.
const (
	MinPINDigits = 4
	MaxPINDigits = 12
)

// HashPIN returns the PIN hashed with argon2id, in PHC string form. It
// accepts any PIN of 4 to 12 digits; a home's own minimum is applied by
// ValidPIN when staff are added or changed.
func HashPIN(pin string) (string, error) {
	if err := ValidPIN(pin, MinPINDigits); err != nil {
		return "", err
	}
	salt := make([]byte, saltLen)
	if _, err := rand.Read(salt); err != nil {
		return "", fmt.Errorf("hash pin: %w", err)
	}
	key := argon2.IDKey([]byte(pin), salt, argonTime, argonMemory, argonThreads, argonKeyLen)
	b64 := base64.RawStdEncoding
	return fmt.Sprintf("$argon2id$v=%d$m=%d,t=%d,p=%d$%s$%s",
		argon2.Version, argonMemory, argonTime, argonThreads, b64.EncodeToString(salt), b64.EncodeToString(key)), nil
}

// ValidPIN says whether pin is digits only, at least minDigits (never fewer
// than MinPINDigits) and at most MaxPINDigits long.
func ValidPIN(pin string, minDigits int) error {
	minDigits = max(minDigits, MinPINDigits)
	if len(pin) < minDigits || len(pin) > MaxPINDigits {
		return fmt.Errorf("a PIN has %d to %d digits", minDigits, MaxPINDigits)
	}
	for _, r := range pin {
		if r < '0' || r > '9' {
			return errors.New("a PIN has digits only")
		}
	}
	return nil
}

// pinMatches reports whether pin hashes to the stored PHC string. The
// parameters come from the string, so they can be raised later without
// locking out users whose hashes used the old ones.
func pinMatches(phc, pin string) (bool, error) {
	parts := strings.Split(phc, "$")
	if len(parts) != 6 || parts[1] != "argon2id" {
		return false, errors.New("stored PIN hash is not argon2id")
	}
	var m uint32
	var t uint32
	var p uint8
	if _, err := fmt.Sscanf(parts[3], "m=%d,t=%d,p=%d", &m, &t, &p); err != nil {
		return false, fmt.Errorf("stored PIN hash parameters: %w", err)
	}
	// A damaged or hostile hash must not make one sign-in take the
	// tablet's memory: refuse parameters far beyond any we wrote.
	if m == 0 || m > 1<<20 || t == 0 || t > 16 || p == 0 {
		return false, errors.New("stored PIN hash parameters out of range")
	}
	b64 := base64.RawStdEncoding
	salt, err := b64.DecodeString(parts[4])
	if err != nil {
		return false, fmt.Errorf("stored PIN hash salt: %w", err)
	}
	want, err := b64.DecodeString(parts[5])
	if err != nil || len(want) < 16 || len(want) > 64 {
		return false, errors.New("stored PIN hash is damaged")
	}
	got := argon2.IDKey([]byte(pin), salt, t, m, p, uint32(len(want)))
	return subtle.ConstantTimeCompare(got, want) == 1, nil
}
