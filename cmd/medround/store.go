package main

import (
	"medround/internal/demo"
	"medround/internal/round"
)

// openRound opens the home in dir. With withDemo a directory holding no
// home gets the demo home built in it; without, such a directory is refused
// with a message naming it (round.NoHomeError): the app never starts on a
// silently empty home.
func openRound(dir string, withDemo bool, residents int) (*round.Service, error) {
	svc, err := round.Open(dir, round.OpenOptions{Create: withDemo})
	if err != nil {
		return nil, err
	}
	if !withDemo {
		return svc, nil
	}
	empty, err := svc.Empty()
	if err == nil && empty {
		err = svc.BuildDemo(demo.Options{Residents: residents})
	}
	if err != nil {
		_ = svc.Close()
		return nil, err
	}
	return svc, nil
}
