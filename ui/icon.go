package ui

import (
	"fyne.io/fyne/v2"

	"github.com/confidenotes/confide/assets"
)

// Icon is Confide's app and window icon.
var Icon fyne.Resource = fyne.NewStaticResource("icon.png", assets.IconPNG)
