package store

import (
	"crypto/rand"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"strings"

	"github.com/google/uuid"
)

// DeviceID returns the ID naming this installation in every event it
// records. It is made once and kept in the data directory dir, so the app
// and medroundctl on one tablet share it.
func DeviceID(dir string) (string, error) {
	p := filepath.Join(dir, "device-id")
	b, err := os.ReadFile(p)
	if err == nil && strings.TrimSpace(string(b)) != "" {
		return strings.TrimSpace(string(b)), nil
	}
	if err != nil && !errors.Is(err, os.ErrNotExist) {
		return "", fmt.Errorf("read device id: %w", err)
	}
	id, err := uuid.NewRandomFromReader(rand.Reader)
	if err != nil {
		return "", fmt.Errorf("make device id: %w", err)
	}
	if err := os.WriteFile(p, []byte(id.String()+"\n"), 0o600); err != nil {
		return "", fmt.Errorf("write device id: %w", err)
	}
	return id.String(), nil
}
