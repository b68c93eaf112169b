package main

import "errors"

func (a *app) decodeBench(dir string) error {
	return errors.New("decode --bench: " + dir)
}
