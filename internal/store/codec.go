package store

import (
	"encoding/binary"
	"encoding/json"
	"errors"
	"fmt"
	"hash/crc32"
	"time"

	"github.com/google/uuid"
)

// formatJSON marks a value as CRC-32C (Castagnoli) followed by a JSON
// document. bbolt has no checksum on data pages, so without one a flipped bit
// in a dose quantity would read back as a different, plausible record.
const formatJSON byte = 1

const frameHeader = 5 // format byte + CRC-32C

var castagnoli = crc32.MakeTable(crc32.Castagnoli)

var errCorruptValue = errors.New("stored value fails its checksum")

// encode frames v as format byte, CRC-32C and JSON.
func encode(v any) ([]byte, error) {
	body, err := json.Marshal(v)
	if err != nil {
		return nil, fmt.Errorf("encode %T: %w", v, err)
	}
	out := make([]byte, frameHeader+len(body))
	out[0] = formatJSON
	binary.BigEndian.PutUint32(out[1:5], crcOf(body))
	copy(out[frameHeader:], body)
	return out, nil
}

// verifyFrame checks a value's format byte and checksum and returns its body.
func verifyFrame(b []byte) ([]byte, error) {
	if len(b) < frameHeader || b[0] != formatJSON {
		return nil, errCorruptValue
	}
	body := b[frameHeader:]
	if crcOf(body) != binary.BigEndian.Uint32(b[1:5]) {
		return nil, errCorruptValue
	}
	return body, nil
}

// decode verifies and unmarshals a framed value. json.Unmarshal copies what
// it keeps, so the result does not alias the transaction's memory.
func decode(b []byte, v any) error {
	body, err := verifyFrame(b)
	if err != nil {
		return err
	}
	return unmarshal(body, v)
}

func unmarshal(body []byte, v any) error {
	if err := json.Unmarshal(body, v); err != nil {
		return fmt.Errorf("%w: %v", errCorruptValue, err)
	}
	return nil
}

func crcOf(b []byte) uint32 { return crc32.Checksum(b, castagnoli) }

// timeKey encodes t so that byte order is time order, negative times
// included: UnixNano with the sign bit flipped.
func timeKey(t time.Time) []byte {
	var b [8]byte
	binary.BigEndian.PutUint64(b[:], uint64(t.UnixNano())^(1<<63))
	return b[:]
}

// timeFromKey is the inverse of timeKey.
func timeFromKey(b []byte) time.Time {
	return time.Unix(0, int64(binary.BigEndian.Uint64(b)^(1<<63))).UTC()
}

func u64(n uint64) []byte {
	var b [8]byte
	binary.BigEndian.PutUint64(b[:], n)
	return b[:]
}

// join builds a composite key; sep (0x00) cannot occur in the text IDs the
// chart uses, so "R1"+sep sorts before "R10"+sep and a prefix seek on
// "R1"+sep never finds R10's keys.
func join(parts ...[]byte) []byte {
	n := 0
	for _, p := range parts {
		n += len(p)
	}
	out := make([]byte, 0, n)
	for _, p := range parts {
		out = append(out, p...)
	}
	return out
}

func textKey(s string) []byte { return append([]byte(s), 0) }

func uuidKey(id uuid.UUID) []byte { return append([]byte(nil), id[:]...) }

// clone copies a byte slice out of a transaction's memory.
func clone(b []byte) []byte { return append([]byte(nil), b...) }
