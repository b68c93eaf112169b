package main

import (
	"errors"
	"fmt"
	"path/filepath"
	"regexp"

	"medround/internal/barcode"
	"medround/internal/labels"
	"medround/internal/mar"
)

// decodedImage is one image's reads, as --json prints them.
type decodedImage struct {
	File  string        `json:"file"`
	Error string        `json:"error,omitempty"`
	Codes []decodedCode `json:"codes"`
}

type decodedCode struct {
	Format  barcode.Format `json:"format"`
	Text    string         `json:"text"`
	Code    barcode.Code   `json:"code"`
	Invalid string         `json:"invalid,omitempty"`
}

func runDecode(a *app, args []string) error {
	fs := a.flags("decode")
	bench := fs.String("bench", "", "run the barcode corpus in DIR, beside ZXing-C++")
	files, err := parse(fs, args)
	if err != nil {
		return err
	}
	if *bench != "" {
		return a.decodeBench(*bench)
	}
	if len(files) == 0 {
		return usagef("usage: decode [--json] IMAGE... | decode --bench DIR")
	}
	var out []decodedImage
	failed := 0
	for _, f := range files {
		img := decodeOne(f)
		if img.Error != "" || len(img.Codes) == 0 {
			failed++
		}
		out = append(out, img)
	}
	if a.json {
		if err := a.printJSON(out); err != nil {
			return err
		}
	} else {
		a.printDecoded(out)
	}
	if failed > 0 {
		return fmt.Errorf("decode: %d of %d images gave no code", failed, len(files))
	}
	return nil
}

func decodeOne(path string) decodedImage {
	img := decodedImage{File: path, Codes: []decodedCode{}}
	reads, err := barcode.DecodeFile(path, barcode.DecodeOptions{KeepInvalid: true})
	if err != nil {
		img.Error = err.Error()
		return img
	}
	for _, r := range reads {
		c := decodedCode{Format: r.Format, Text: r.Text, Code: r.Code}
		if r.ParseErr != nil {
			c.Invalid = r.ParseErr.Error()
		}
		img.Codes = append(img.Codes, c)
	}
	return img
}

func (a *app) printDecoded(images []decodedImage) {
	for _, img := range images {
		switch {
		case img.Error != "":
			fmt.Fprintf(a.stdout, "%s: %s\n", img.File, img.Error)
		case len(img.Codes) == 0:
			fmt.Fprintf(a.stdout, "%s: no barcode found\n", img.File)
		}
		for _, c := range img.Codes {
			fmt.Fprintf(a.stdout, "%s: %s %q\n  ", img.File, c.Format, c.Text)
			if c.Invalid != "" {
				fmt.Fprintf(a.stdout, "not a valid code: %s\n", c.Invalid)
				continue
			}
			printCode(a, c.Code)
		}
	}
}

func runLabels(a *app, args []string) error {
	fs := a.flags("labels")
	out := fs.String("out", "", "directory for the PNG cards")
	pos, err := parse(fs, args)
	if err != nil {
		return err
	}
	if len(pos) != 1 || (pos[0] != "residents" && pos[0] != "staff") || *out == "" {
		return usagef("usage: labels residents|staff --out DIR")
	}
	svc, err := a.open(readOnly)
	if err != nil {
		return err
	}
	home, err := svc.Home()
	if err != nil {
		return err
	}
	var residents []mar.Resident
	var users []mar.User
	if pos[0] == "residents" {
		residents, err = svc.Residents()
	} else {
		users, err = svc.Users()
	}
	if err != nil {
		return err
	}
	if len(residents)+len(users) == 0 {
		return errors.New("labels: nobody to print a card for")
	}
	opt := labels.Options{Home: home.Name}
	if home.ResidentIDPattern != "" {
		if opt.ResidentPattern, err = regexp.Compile(home.ResidentIDPattern); err != nil {
			return fmt.Errorf("labels: home resident number pattern: %w", err)
		}
	}
	files, err := labels.WriteAll(*out, residents, users, opt)
	if err != nil {
		return err
	}
	for _, f := range files {
		fmt.Fprintln(a.stdout, filepath.Clean(f))
	}
	return nil
}
