package ui

import (
	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"
)

// columnWidth is the width of the calm, centred column the pre-unlock
// screens use: short lines read more easily.
const columnWidth = 520

// columnLayout lays out one object in a centred column of at most width,
// so that wrapping labels wrap at the column and not at a tiny minimum.
type columnLayout struct{ width float32 }

func (l columnLayout) sized(o fyne.CanvasObject, avail float32) fyne.Size {
	w := min(l.width, avail)
	o.Resize(fyne.NewSize(w, o.MinSize().Height)) // let wrapped text settle at w
	return fyne.NewSize(w, o.MinSize().Height)
}

func (l columnLayout) Layout(objects []fyne.CanvasObject, size fyne.Size) {
	pad := theme.Padding() * 4
	for _, o := range objects {
		s := l.sized(o, size.Width-2*pad)
		o.Resize(s)
		o.Move(fyne.NewPos((size.Width-s.Width)/2, max(pad, (size.Height-s.Height)/3)))
	}
}

func (l columnLayout) MinSize(objects []fyne.CanvasObject) fyne.Size {
	pad := theme.Padding() * 4
	var s fyne.Size
	for _, o := range objects {
		avail := l.width
		if o.Size().Width > 0 {
			avail = min(l.width, o.Size().Width)
		}
		s = s.Max(l.sized(o, avail))
	}
	return fyne.NewSize(min(s.Width, 320)+2*pad, s.Height+2*pad)
}

// column centres the objects, stacked, in a scrollable column.
func column(objects ...fyne.CanvasObject) *container.Scroll {
	return container.NewVScroll(container.New(columnLayout{columnWidth}, container.NewVBox(objects...)))
}

// heading is a screen's title.
func heading(text string) *widget.Label {
	return &widget.Label{Text: text, TextStyle: fyne.TextStyle{Bold: true}, SizeName: theme.SizeNameSubHeadingText, Wrapping: fyne.TextWrapWord}
}

// paragraph is wrapped body text.
func paragraph(text string) *widget.Label {
	return &widget.Label{Text: text, Wrapping: fyne.TextWrapWord}
}

// problemLabel shows what went wrong, in the theme's error colour; empty
// (and so invisible) until there is something to say.
func problemLabel() *widget.Label {
	l := &widget.Label{Wrapping: fyne.TextWrapWord, Importance: widget.DangerImportance}
	l.Hide()
	return l
}

// captionSize is the text size of small print.
const captionSize = theme.SizeNameCaptionText

// say puts text in a message label, hiding the label while there is
// nothing to say so that it takes no room.
func say(l *widget.Label, text string) {
	l.SetText(text)
	if text == "" {
		l.Hide()
	} else {
		l.Show()
	}
}
