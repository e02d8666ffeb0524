package ui

import (
	"image"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
)

// canvasImage shows a chart drawn by package clinical, scaled to fit and
// never smaller than most of its drawn size.
func canvasImage(img image.Image) *canvas.Image {
	c := canvas.NewImageFromImage(img)
	c.FillMode = canvas.ImageFillContain
	b := img.Bounds()
	c.SetMinSize(fyne.NewSize(float32(b.Dx())*0.8, float32(b.Dy())*0.8))
	return c
}
