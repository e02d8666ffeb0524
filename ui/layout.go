package ui

import (
	"math"
	"strings"

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

// roomForBar keeps a scroll's content clear of its scroll bar, which Fyne
// draws over the content's right edge: buttons at the right stay
// uncovered.
func roomForBar(o fyne.CanvasObject) fyne.CanvasObject {
	return container.New(barRoom{}, o)
}

// barRoom lays out one object, leaving the scroll bar's width free at the
// right.
type barRoom struct{}

func (barRoom) gap() float32 { return theme.ScrollBarSize() + theme.Padding() }

func (l barRoom) Layout(objects []fyne.CanvasObject, size fyne.Size) {
	for _, o := range objects {
		o.Move(fyne.NewPos(0, 0))
		o.Resize(fyne.NewSize(max(0, size.Width-l.gap()), size.Height))
	}
}

func (l barRoom) MinSize(objects []fyne.CanvasObject) fyne.Size {
	var s fyne.Size
	for _, o := range objects {
		s = s.Max(o.MinSize())
	}
	return s.AddWidthHeight(l.gap(), 0)
}

// formScroll is the vertical scroll of a form or a note. Fyne gives the
// mouse wheel to the innermost scrollable thing under the pointer, and a
// multi-line field is one: over a text box the form stopped scrolling. So
// a transparent wheel catcher lies over the whole content and scrolls the
// form, and every multi-line field grows with its text (it never needs
// to scroll by itself). The content keeps clear of the scroll bar.
func formScroll(content fyne.CanvasObject) *container.Scroll {
	w := &wheelCatcher{}
	w.ExtendBaseWidget(w)
	w.grow = growingEntries(content)
	s := container.NewVScroll(container.NewStack(roomForBar(content), w))
	w.scroll = s
	return s
}

// wheelCatcher passes the wheel to its scroll. It handles nothing else, so
// taps, drags, hovering and the pointer shape go to what lies beneath.
type wheelCatcher struct {
	widget.BaseWidget
	scroll *container.Scroll
	grow   []grower
	width  float32
}

// grower is a multi-line field that grows with its text from min rows.
type grower struct {
	e   *widget.Entry
	min int
}

func (w *wheelCatcher) CreateRenderer() fyne.WidgetRenderer {
	return widget.NewSimpleRenderer(container.NewWithoutLayout())
}

// Scrolled scrolls the form.
func (w *wheelCatcher) Scrolled(ev *fyne.ScrollEvent) {
	if w.scroll != nil {
		w.scroll.Scrolled(ev)
	}
}

// Resize fits the fields to their text at the new width.
func (w *wheelCatcher) Resize(size fyne.Size) {
	w.BaseWidget.Resize(size)
	if size.Width != w.width {
		w.width = size.Width
		for _, g := range w.grow {
			fitRows(g.e, g.min)
		}
	}
}

// growingEntries finds the multi-line fields in o and makes each grow with
// its text, keeping its first height as the least.
func growingEntries(o fyne.CanvasObject) []grower {
	var found []grower
	var walk func(o fyne.CanvasObject)
	walk = func(o fyne.CanvasObject) {
		var e *widget.Entry
		switch x := o.(type) {
		case *fyne.Container:
			for _, c := range x.Objects {
				walk(c)
			}
		case *container.Scroll:
			return // a scroll of its own keeps its own wheel
		case *widget.Form:
			for _, it := range x.Items {
				walk(it.Widget)
			}
		case *widget.Entry:
			e = x
		case *sectionEntry:
			e = &x.Entry
		}
		if e == nil || !e.MultiLine {
			return
		}
		minRows := entryRows(e)
		changed := e.OnChanged
		e.OnChanged = func(text string) {
			fitRows(e, minRows)
			if changed != nil {
				changed(text)
			}
		}
		found = append(found, grower{e, minRows})
	}
	walk(o)
	return found
}

// entryRows is how many rows a multi-line entry shows now.
func entryRows(e *widget.Entry) int {
	line := fyne.MeasureText("M", theme.TextSize(), e.TextStyle).Height
	inner := theme.InnerPadding()
	return max(1, int((e.MinSize().Height-2*inner)/line+0.5))
}

// fitRows shows every row of e's text, and at least minRows.
func fitRows(e *widget.Entry, minRows int) {
	avail := e.Size().Width - 2*theme.InnerPadding() - theme.ScrollBarSize()
	rows := 0
	for _, l := range strings.Split(e.Text, "\n") {
		n := 1
		if avail > 0 && l != "" {
			w := fyne.MeasureText(l, theme.TextSize(), e.TextStyle).Width
			n = int(math.Ceil(float64(w / avail)))
			if n > 1 {
				n++ // words wrap before the edge
			}
		}
		rows += max(1, n)
	}
	rows = max(rows, minRows)
	if rows != entryRows(e) {
		e.SetMinRowsVisible(rows)
	}
}
