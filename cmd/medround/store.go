package main

import (
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"time"

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
	dev, err := store.DeviceID(dir)
	if err != nil {
		closeStore()
		return nil, nil, err
	}
	return round.New(st, round.Options{DeviceID: dev}), closeStore, nil
}
