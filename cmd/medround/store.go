package main

import (
	"crypto/rand"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"time"

	"github.com/google/uuid"

	"medround/internal/demo"
	"medround/internal/round"
	"medround/internal/store"
)

// dataDirectory is --data, else MEDROUND_DATA, else the user's config
// directory, as medroundctl reads it.
func dataDirectory(flagDir string) (string, error) {
	if flagDir != "" {
		return flagDir, nil
	}
	if d := os.Getenv("MEDROUND_DATA"); d != "" {
		return d, nil
	}
	base, err := os.UserConfigDir()
	if err != nil {
		return "", fmt.Errorf("no data directory: pass --data DIR or set MEDROUND_DATA (%w)", err)
	}
	return filepath.Join(base, "medround"), nil
}

// openRound opens the store in dir (building the demo home first when asked
// and there is none) and returns the round service over it.
func openRound(dir string, withDemo bool, residents int) (*round.Service, func(), error) {
	if err := os.MkdirAll(dir, 0o700); err != nil {
		return nil, nil, fmt.Errorf("data directory: %w", err)
	}
	path := filepath.Join(dir, "medround.db")
	_, statErr := os.Stat(path)
	fresh := errors.Is(statErr, os.ErrNotExist)
	st, err := store.Open(path, store.Options{Timeout: time.Second})
	if err != nil {
		return nil, nil, err
	}
	closeStore := func() { _ = st.Close() }
	if fresh && withDemo {
		if err := demo.Build(st, demo.Options{Residents: residents, Hash: round.HashPIN}); err != nil {
			closeStore()
			return nil, nil, fmt.Errorf("build the demo home: %w", err)
		}
	}
	dev, err := deviceID(dir)
	if err != nil {
		closeStore()
		return nil, nil, err
	}
	return round.New(st, round.Options{DeviceID: dev}), closeStore, nil
}

// deviceID names this installation in every event; it is made once and
// kept in the data directory, shared with medroundctl.
func deviceID(dir string) (string, error) {
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
