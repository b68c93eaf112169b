package central

import (
	"crypto/aes"
	"crypto/cipher"
	"crypto/rand"
	"crypto/sha256"
	"encoding/base32"
	"encoding/base64"
	"errors"
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
	// tagLetters is the length of a code's home tag (NewCodeFor): 20 bits
	// of a hash of the home's ID, not secret, so that wrong guesses can be
	// counted per home.
	tagLetters = 4
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

// NewCodeFor returns a new enrolment code of a home, grouped for reading
// aloud, and the hash of its normal form. Its first group is the home's
// tag (HomeTag), the other four its 80 random bits: wrong codes are
// counted per home as well as per address (see the limiter), so a proxy in
// front of the centre does not make every home's tablets share one count,
// and guesses at one home's codes stay limited.
func NewCodeFor(homeID string) (code string, hash []byte, err error) {
	return newCode(HomeTag(homeID))
}

// NewCode returns a new enrolment code with no home tag, as the first
// centres made: its wrong guesses share one count with every untagged
// code's.
func NewCode() (code string, hash []byte, err error) { return newCode("") }

func newCode(tag string) (code string, hash []byte, err error) {
	b := make([]byte, codeBytes)
	if _, err := rand.Read(b); err != nil {
		return "", nil, fmt.Errorf("make enrolment code: %w", err)
	}
	s := tag + code32.EncodeToString(b)
	var groups []string
	for i := 0; i < len(s); i += 4 {
		groups = append(groups, s[i:min(i+4, len(s))])
	}
	return strings.Join(groups, "-"), HashCode(s), nil
}

// HashCode hashes a code as typed: case, spaces and dashes do not matter.
func HashCode(typed string) []byte { return HashSecret(normalCode(typed)) }

func normalCode(typed string) string {
	s := strings.ToUpper(typed)
	return strings.NewReplacer("-", "", " ", "").Replace(s)
}

// HomeTag is the first group of a home's enrolment codes.
func HomeTag(homeID string) string {
	h := sha256.Sum256([]byte("medround:home-tag\x00" + homeID))
	return code32.EncodeToString(h[:])[:tagLetters]
}

// CodeTag is the home tag of a code as typed; "" for an untagged code
// (16 letters) or one of no known shape.
func CodeTag(typed string) string {
	s := normalCode(typed)
	if len(s) != tagLetters+code32.EncodedLen(codeBytes) {
		return ""
	}
	return s[:tagLetters]
}

// HashSecret is the SHA-256 a token or code is kept as. A plain hash is
// enough: both are random with 80 or more bits, not passwords.
func HashSecret(s string) []byte {
	h := sha256.Sum256([]byte(s))
	return h[:]
}

// RequestHash is what the centre keeps of a tablet's enrolment request ID:
// with the code, the ID is the key to the sealed token (SealToken), so
// neither is kept in the clear.
func RequestHash(requestID string) []byte {
	return HashSecret("medround:enrolment-request\x00" + requestID)
}

// sealKey is the key a token is sealed with for a repeated enrolment:
// only a tablet holding both the code and its own request ID has it.
func sealKey(typedCode, requestID string) cipher.AEAD {
	k := sha256.Sum256([]byte("medround:enrolment-seal\x00" + normalCode(typedCode) + "\x00" + requestID))
	block, _ := aes.NewCipher(k[:]) // a 32-byte key is always valid
	aead, _ := cipher.NewGCM(block)
	return aead
}

// SealToken seals a token so that the same enrolment request, sent again
// with the same code, can be answered with it, while the store holds no
// token anyone else could use.
func SealToken(token, typedCode, requestID string) ([]byte, error) {
	aead := sealKey(typedCode, requestID)
	nonce := make([]byte, aead.NonceSize())
	if _, err := rand.Read(nonce); err != nil {
		return nil, fmt.Errorf("seal token: %w", err)
	}
	return aead.Seal(nonce, nonce, []byte(token), nil), nil
}

// OpenToken opens a token sealed by SealToken.
func OpenToken(sealed []byte, typedCode, requestID string) (string, error) {
	aead := sealKey(typedCode, requestID)
	if len(sealed) < aead.NonceSize() {
		return "", errors.New("open token: sealed token too short")
	}
	plain, err := aead.Open(nil, sealed[:aead.NonceSize()], sealed[aead.NonceSize():], nil)
	if err != nil {
		return "", fmt.Errorf("open token: %w", err)
	}
	return string(plain), nil
}
