// Package assets holds the app's images, embedded so the binary needs no
// files beside it.
package assets

import (
	_ "embed"

	"fyne.io/fyne/v2"
)

//go:embed icon.png
var iconPNG []byte

// Icon is the app's icon: a medicine capsule on green.
var Icon = fyne.NewStaticResource("icon.png", iconPNG)
