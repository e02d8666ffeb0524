package ui

import "fyne.io/fyne/v2"

// Preference keys. Preferences hold only how the window looks: never a
// name, a path to a note, or anything from the vault.
const (
	prefWindowWidth  = "window.width"
	prefWindowHeight = "window.height"
)

// defaultWindowSize is the first-run size: room for a list beside a note.
var defaultWindowSize = fyne.NewSize(960, 680)

// restoreWindowSize resizes w to the size remembered in p.
func restoreWindowSize(w fyne.Window, p fyne.Preferences) {
	width := p.FloatWithFallback(prefWindowWidth, float64(defaultWindowSize.Width))
	height := p.FloatWithFallback(prefWindowHeight, float64(defaultWindowSize.Height))
	if width < 400 || height < 300 {
		width, height = float64(defaultWindowSize.Width), float64(defaultWindowSize.Height)
	}
	w.Resize(fyne.NewSize(float32(width), float32(height)))
}

// rememberWindowSize stores the size of w in p.
func rememberWindowSize(w fyne.Window, p fyne.Preferences) {
	size := w.Canvas().Size()
	if size.Width < 1 || size.Height < 1 {
		return
	}
	p.SetFloat(prefWindowWidth, float64(size.Width))
	p.SetFloat(prefWindowHeight, float64(size.Height))
}
