package main

import (
	"context"
	"fmt"

	"medround/internal/barcode"
	"medround/tools/scanbench"
)

// decodeBench runs the barcode corpus in dir through our decoder and
// ZXing-C++ side by side. It fails when our decoder misread any image:
// the target is zero.
func (a *app) decodeBench(dir string) error {
	opt := scanbench.Options{Parse: barcode.Options{}}
	res, err := scanbench.Run(context.Background(), dir, a.stdout, opt)
	if err != nil {
		return fmt.Errorf("decode --bench: %w", err)
	}
	for _, g := range res.Groups {
		if g.Name == "all" && g.Ours.Misread > 0 {
			return fmt.Errorf("decode --bench: %d misreads", g.Ours.Misread)
		}
	}
	return nil
}
