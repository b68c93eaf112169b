// Command minwindow is the yardstick for medround's start-up and memory
// figures: a minimal Fyne window with one list of 100 labels, built and run
// the same way as the app.
package main

import (
	"fmt"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/app"
	"fyne.io/fyne/v2/widget"
)

func main() {
	a := app.New()
	w := a.NewWindow("minimal")
	list := widget.NewList(func() int { return 100 },
		func() fyne.CanvasObject { return widget.NewLabel("row") },
		func(i widget.ListItemID, o fyne.CanvasObject) { o.(*widget.Label).SetText(fmt.Sprintf("Row %d", i)) })
	w.SetContent(list)
	w.Resize(fyne.NewSize(1280, 800))
	w.ShowAndRun()
}
