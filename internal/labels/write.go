package labels

import (
	"fmt"
	"image"
	"image/png"
	"os"
	"path/filepath"
	"strings"

	"medround/internal/mar"
)

// WriteAll writes one PNG card per resident and per user into dir (made if
// missing): resident-<ID>.png and staff-<ID>.png, named from IDs so the
// listing holds no names. It returns the paths written. It stops at the
// first person whose card cannot be made, naming them by ID; cards already
// written stay.
func WriteAll(dir string, residents []mar.Resident, users []mar.User, opt Options) ([]string, error) {
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return nil, fmt.Errorf("card folder: %w", err)
	}
	jobs := make([]job, 0, len(residents)+len(users))
	for _, r := range residents {
		jobs = append(jobs, job{"resident", r.ID, func() (image.Image, error) { return ResidentCard(r, opt) }})
	}
	for _, u := range users {
		jobs = append(jobs, job{"staff", u.ID, func() (image.Image, error) { return StaffBadge(u, opt) }})
	}
	seen := make(map[string]string, len(jobs))
	var paths []string
	for _, j := range jobs {
		name := j.kind + "-" + fileSafe(j.id) + ".png"
		if prev, dup := seen[name]; dup {
			return paths, fmt.Errorf("%s %q and %q would both be written to %s: give them distinct IDs", j.kind, prev, j.id, name)
		}
		seen[name] = j.id
		p := filepath.Join(dir, name)
		if err := j.write(p); err != nil {
			return paths, err
		}
		paths = append(paths, p)
	}
	return paths, nil
}

// job is one card to draw.
type job struct {
	kind, id string
	draw     func() (image.Image, error)
}

func (j job) write(path string) error {
	img, err := j.draw()
	if err != nil {
		return err
	}
	return writePNG(path, img)
}

// writePNG writes through a temporary file so a failed write never leaves
// half a card where a whole one was.
func writePNG(path string, img image.Image) error {
	tmp, err := os.CreateTemp(filepath.Dir(path), ".card-*.png")
	if err != nil {
		return fmt.Errorf("write card: %w", err)
	}
	defer os.Remove(tmp.Name())
	if err := png.Encode(tmp, img); err != nil {
		tmp.Close()
		return fmt.Errorf("write card %s: %w", filepath.Base(path), err)
	}
	if err := tmp.Close(); err != nil {
		return fmt.Errorf("write card %s: %w", filepath.Base(path), err)
	}
	if err := os.Rename(tmp.Name(), path); err != nil {
		return fmt.Errorf("write card %s: %w", filepath.Base(path), err)
	}
	return nil
}

// fileSafe keeps letters, digits, '-' and '_' of an ID and turns anything
// else into '_', so an ID cannot name a path outside dir.
func fileSafe(id string) string {
	s := strings.Map(func(r rune) rune {
		switch {
		case r >= 'a' && r <= 'z', r >= 'A' && r <= 'Z', r >= '0' && r <= '9', r == '-', r == '_':
			return r
		}
		return '_'
	}, id)
	if s == "" {
		return "_"
	}
	return s
}
