package ui

import (
	"image/color"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"github.com/confidenotes/confide/consent"
)

// releaseSegments cuts a released section into rich text: released runs as
// text, each redaction a box with its category (a disguise, in a
// supervision packet, as emphasised text). The parts follow the engine's
// order: for each redaction, the text before it when there is any, then
// the redaction; then the text after the last.
func releaseSegments(parts []consent.Part, reds []consent.Redaction) []widget.RichTextSegment {
	text := func(t string) widget.RichTextSegment {
		return &widget.TextSegment{Text: t, Style: widget.RichTextStyleInline}
	}
	var segs []widget.RichTextSegment
	pi, pos := 0, 0
	for _, d := range reds {
		if pi >= len(parts) {
			break
		}
		if d.Start > pos {
			segs = append(segs, text(parts[pi].Text))
			pi++
		}
		if pi >= len(parts) {
			break
		}
		if parts[pi].Box {
			segs = append(segs, &releaseBoxSegment{category: string(d.Category)})
		} else {
			segs = append(segs, &widget.TextSegment{Text: parts[pi].Text, Style: widget.RichTextStyle{Inline: true,
				ColorName: theme.ColorNamePrimary, TextStyle: fyne.TextStyle{Italic: true}}})
		}
		pi++
		pos = d.End
	}
	for ; pi < len(parts); pi++ {
		segs = append(segs, text(parts[pi].Text))
	}
	return segs
}

// releaseBoxSegment is a redaction inside the text: a dark box naming the
// category of what it hides.
type releaseBoxSegment struct{ category string }

// Inline keeps the box within its line.
func (b *releaseBoxSegment) Inline() bool { return true }

// Textual is the box as plain text.
func (b *releaseBoxSegment) Textual() string { return "[" + b.category + " redacted]" }

// Visual draws the box.
func (b *releaseBoxSegment) Visual() fyne.CanvasObject { return releaseBox(b.category) }

// Update redraws an existing box.
func (b *releaseBoxSegment) Update(o fyne.CanvasObject) {
	if t, ok := o.(*fyne.Container).Objects[1].(*fyne.Container).Objects[0].(*canvas.Text); ok {
		t.Text = b.category
		t.Refresh()
	}
}

// Select does nothing: a redaction cannot be selected.
func (b *releaseBoxSegment) Select(_, _ fyne.Position) {}

// SelectedText is always empty.
func (b *releaseBoxSegment) SelectedText() string { return "" }

// Unselect does nothing.
func (b *releaseBoxSegment) Unselect() {}

// releaseBox is a filled box with the category written in it, as a
// redaction looks in the preview and in the list of redactions.
func releaseBox(category string) fyne.CanvasObject {
	bg := canvas.NewRectangle(theme.Color(theme.ColorNameForeground))
	bg.CornerRadius = 3
	label := canvas.NewText(category, releaseOn(theme.Color(theme.ColorNameForeground)))
	label.TextSize = theme.CaptionTextSize()
	label.TextStyle = fyne.TextStyle{Bold: true}
	// Exactly a line of text high: RichText moves an inline object of
	// another height off its line.
	line := fyne.MeasureText("Ag", theme.TextSize(), fyne.TextStyle{}).Height
	return container.NewStack(bg, container.New(releasePad{theme.Padding(), line}, label))
}

// releaseOn is a text colour readable on c.
func releaseOn(c color.Color) color.Color {
	r, g, b, _ := c.RGBA()
	if (r*299+g*587+b*114)/1000 > 0x8000 {
		return color.Black
	}
	return color.White
}

// releasePad pads its one object by p at each side, in a height of h.
type releasePad struct{ p, h float32 }

// MinSize is the object's width with the padding, and the height h.
func (l releasePad) MinSize(objs []fyne.CanvasObject) fyne.Size {
	return fyne.NewSize(objs[0].MinSize().Width+2*l.p, l.h)
}

// Layout centres the object in the padding.
func (l releasePad) Layout(objs []fyne.CanvasObject, size fyne.Size) {
	m := objs[0].MinSize()
	objs[0].Resize(m)
	objs[0].Move(fyne.NewPos((size.Width-m.Width)/2, (size.Height-m.Height)/2))
}
