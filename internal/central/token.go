package central

import (
	"crypto/rand"
	"crypto/sha256"
	"encoding/base32"
	"encoding/base64"
	"fmt"
	"strings"
	"time"
)

// Enrolment code and token sizes.
const (
	// TokenBytes is 256 random bits: a device token cannot be guessed.
	TokenBytes = 32
	// codeBytes is 80 random bits, shown as 16 base32 letters in groups
	// of four: short enough to type from a screen, and with guesses
	// rate-limited and the code valid 24 h and once, not guessable.
	codeBytes = 10
	// CodeTTL is how long an enrolment code may be used.
	CodeTTL = 24 * time.Hour
)

var code32 = base32.StdEncoding.WithPadding(base32.NoPadding)

// NewToken returns a new device token and its SHA-256, the only part kept.
func NewToken() (token string, hash []byte, err error) {
	b := make([]byte, TokenBytes)
	if _, err := rand.Read(b); err != nil {
		return "", nil, fmt.Errorf("make token: %w", err)
	}
	token = base64.RawURLEncoding.EncodeToString(b)
	return token, HashSecret(token), nil
}

// NewCode returns a new enrolment code, grouped for reading aloud, and the
// hash of its normal form.
func NewCode() (code string, hash []byte, err error) {
	b := make([]byte, codeBytes)
	if _, err := rand.Read(b); err != nil {
		return "", nil, fmt.Errorf("make enrolment code: %w", err)
	}
	s := code32.EncodeToString(b)
	var groups []string
	for i := 0; i < len(s); i += 4 {
		groups = append(groups, s[i:min(i+4, len(s))])
	}
	return strings.Join(groups, "-"), HashCode(s), nil
}

// HashCode hashes a code as typed: case, spaces and dashes do not matter.
func HashCode(typed string) []byte {
	s := strings.ToUpper(typed)
	s = strings.NewReplacer("-", "", " ", "").Replace(s)
	return HashSecret(s)
}

// HashSecret is the SHA-256 a token or code is kept as. A plain hash is
// enough: both are random with 80 or more bits, not passwords.
func HashSecret(s string) []byte {
	h := sha256.Sum256([]byte(s))
	return h[:]
}
