package ui

import (
	"strings"
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"

	"medround/internal/mar"
)

// TestBodyMapIsReadableInBothOrientations lays the map out in the space
// its window gives it on a landscape (1280x800) and a portrait (800x1280)
// tablet, for a patch's sites and a cream's areas: every target lies
// inside the map, none overlaps another, each says a different thing, and
// the resident's left is on the viewer's right from the front and on the
// viewer's left from the back.
func TestBodyMapIsReadableInBothOrientations(t *testing.T) {
	test.NewTempApp(t)
	for _, size := range []fyne.Size{{Width: 1250, Height: 620}, {Width: 770, Height: 1060}} {
		for _, c := range []struct {
			what  string
			sites []mar.BodySite
		}{{"patch sites", mar.BodySites()}, {"cream areas", mar.SkinAreas()}} {
			m := newBodyMap(nil)
			m.set(c.sites, true, nil, map[string]string{"chest-left": "used 21 Nov"})
			test.WidgetRenderer(m) // lays out its objects
			if min := m.MinSize(); min.Width > size.Width || min.Height > size.Height {
				t.Errorf("%s in %v: the map needs %v", c.what, size, min)
			}
			m.Resize(size)
			checkTargets(t, m, c.sites, size, c.what)
		}
	}
}

func checkTargets(t *testing.T, m *bodyMap, sites []mar.BodySite, size fyne.Size, what string) {
	t.Helper()
	landscape := size.Width >= size.Height
	seen := map[string]string{}
	for i, s := range sites {
		a := m.target(s.Word)
		p, z := a.Position(), a.Size()
		if p.X < 0 || p.Y < 0 || p.X+z.Width > size.Width+0.5 || p.Y+z.Height > size.Height+0.5 {
			t.Errorf("%s in %v: %s at %v size %v is outside the map", what, size, s.Word, p, z)
		}
		if z.Height < 44 {
			t.Errorf("%s in %v: %s is %g high, too small for a finger", what, size, s.Word, z.Height)
		}
		if other, ok := seen[a.label]; ok {
			t.Errorf("%s: %s and %s both read %q", what, s.Word, other, a.label)
		}
		seen[a.label] = s.Word
		for _, o := range sites[i+1:] {
			b := m.target(o.Word)
			q, y := b.Position(), b.Size()
			if p.X < q.X+y.Width && q.X < p.X+z.Width && p.Y < q.Y+y.Height && q.Y < p.Y+z.Height {
				t.Errorf("%s in %v: %s (%v) overlaps %s (%v)", what, size, s.Word, p, o.Word, q)
			}
		}
		left := strings.HasSuffix(s.Word, "-left")
		if !left && !strings.HasSuffix(s.Word, "-right") {
			continue
		}
		// The middle of the site's view: the map's middle across in
		// landscape, where the views sit side by side, else its own.
		mid := size.Width / 4
		if s.Back && landscape {
			mid = size.Width * 3 / 4
		}
		if !landscape {
			mid = size.Width / 2
		}
		onRight := p.X+z.Width/2 > mid
		if want := left != s.Back; onRight != want {
			t.Errorf("%s in %v: %s (%s) is on the viewer's right = %v, want %v", what, size, s.Word, a.label, onRight, want)
		}
	}
}

func TestShortSiteSaysTheSide(t *testing.T) {
	for _, c := range []struct{ word, want string }{
		{"upper-arm-left", "L upper arm"}, {"chest-right", "R chest"}, {"side-left", "L side"},
		{"back-arm-right", "R arm (back)"}, {"sacrum", "Sacrum"}, {"back-thigh-left", "L thigh (back)"}, {"face", "Face"},
	} {
		s, err := mar.ParseSkinArea(c.word)
		if got := shortSite(s); err != nil || got != c.want {
			t.Errorf("shortSite(%s) = %q, %v; want %q", c.word, got, err, c.want)
		}
	}
}
