package ui

import (
	"context"
	"errors"
	"fmt"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"medround/internal/camera"
)

// cameraTimeout is how long the camera looks for a barcode before giving
// up: long enough to turn a pack to its code, short enough that a camera
// is not left running in a pocket.
const cameraTimeout = 30 * time.Second

// cameraScan is the "Scan with camera" button: one read from the chosen
// camera, fed into the same path as a keyboard-wedge scan, so a camera read
// is checked exactly as a scanner's would be.
type cameraScan struct {
	app    *App
	words  cameraWords
	read   func(text string)
	say    func(ok bool, msg string)
	button *widget.Button
	stop   context.CancelFunc
	gen    int
}

// cameraWords are what a camera button says where it is used.
type cameraWords struct {
	button    string // the button's label
	hold      string // while the camera looks
	otherwise string // the other way when it reads nothing
}

// roundCamera reads wristbands and packs on the round.
var roundCamera = cameraWords{"Scan with camera", "Hold the wristband or the pack's barcode in front of the camera.", "use Choose by hand"}

func newCameraScan(a *App, say func(ok bool, msg string)) *cameraScan {
	return newCameraScanFor(a, roundCamera, a.scanned, say)
}

// newCameraScanFor is a camera button that hands what it reads to read.
func newCameraScanFor(a *App, words cameraWords, read func(string), say func(ok bool, msg string)) *cameraScan {
	c := &cameraScan{app: a, words: words, read: read, say: say}
	c.button = newButton(words.button, theme.SearchIcon(), widget.MediumImportance, a.act(c.tapped))
	return c
}

func (c *cameraScan) tapped() {
	if c.stop != nil {
		c.cancel()
		c.say(false, "")
		return
	}
	a := c.app
	id := a.cameraID()
	if id == "" || a.opt.OpenCamera == nil {
		c.say(false, "No camera found on this tablet.")
		return
	}
	ctx, stop := context.WithTimeout(context.Background(), cameraTimeout)
	c.stop = stop
	c.gen++
	gen, open := c.gen, a.opt.OpenCamera
	c.button.SetText("Stop camera")
	c.say(true, c.words.hold)
	a.opt.Go(func() {
		text, err := readOnce(ctx, open, id)
		stop()
		fyne.Do(func() { c.done(gen, text, err) })
	})
}

// readOnce opens the camera, reads one barcode and closes the camera.
func readOnce(ctx context.Context, open func(string) (camera.Source, error), id string) (string, error) {
	src, err := open(id)
	if err != nil {
		return "", err
	}
	defer src.Close()
	res, err := camera.Scan(ctx, src, camera.ScanOptions{})
	if err != nil {
		return "", err
	}
	if len(res.Reads) == 0 {
		return "", camera.ErrNoCode
	}
	return res.Reads[0].Text, nil
}

// done hands the read over as a scan, or says plainly why there is none.
func (c *cameraScan) done(gen int, text string, err error) {
	if gen != c.gen {
		return // stopped, or a newer scan started
	}
	c.stop = nil
	c.button.SetText(c.words.button)
	switch {
	case errors.Is(err, context.DeadlineExceeded):
		c.say(false, fmt.Sprintf("No barcode read in %d seconds. Try again in better light, or %s.", int(cameraTimeout/time.Second), c.words.otherwise))
	case err != nil:
		logCause(err)
		c.say(false, "Cannot scan with the camera: it would not start. Check no other program is using it, then try again, or "+c.words.otherwise+".")
	default:
		c.say(false, "")
		c.read(text)
	}
}

// cancel stops a scan running, e.g. when the page is left or the app locks.
func (c *cameraScan) cancel() {
	if c.stop == nil {
		return
	}
	c.stop()
	c.stop = nil
	c.gen++
	c.button.SetText(c.words.button)
}
