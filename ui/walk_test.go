package ui

import (
	"strings"
	"sync"
	"testing"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/widget"
)

// everything walks the whole canvas, the window content and every
// overlay (dialogs), through the widgets' renderers, hidden objects
// included, and calls fn on each object.
func everything(w fyne.Window, fn func(fyne.CanvasObject)) {
	seen := map[fyne.CanvasObject]bool{}
	var walk func(o fyne.CanvasObject)
	walk = func(o fyne.CanvasObject) {
		if o == nil || seen[o] {
			return
		}
		seen[o] = true
		fn(o)
		if p := plain(o); p != o {
			fn(p)
		}
		switch o := o.(type) {
		case *fyne.Container:
			for _, child := range o.Objects {
				walk(child)
			}
		case fyne.Widget:
			for _, child := range test.WidgetRenderer(o).Objects() {
				walk(child)
			}
		}
	}
	walk(w.Content())
	for _, o := range w.Canvas().Overlays().List() {
		walk(o)
	}
}

// plain is the Fyne widget a key-aware dialog field extends (the field
// itself otherwise), so that tests find its text, tick or choice as they
// find any other. Only look at it: its renderer is the field's.
func plain(o fyne.CanvasObject) fyne.CanvasObject {
	switch x := o.(type) {
	case *keyEntry:
		return &x.Entry
	case *keyCheck:
		return &x.Check
	case *keySelect:
		return &x.Select
	}
	return o
}

// allText is every piece of text on the canvas, shown or hidden: what is
// drawn (canvas.Text) and what the text widgets hold.
func allText(w fyne.Window) string {
	var b strings.Builder
	b.WriteString(w.Title() + "\n")
	everything(w, func(o fyne.CanvasObject) {
		switch o := o.(type) {
		case *canvas.Text:
			b.WriteString(o.Text + "\n")
		case *widget.Label:
			b.WriteString(o.Text + "\n")
		case *widget.Entry:
			b.WriteString(o.Text + "\n")
		case *sectionEntry:
			b.WriteString(o.Text + "\n")
		case *widget.RichText:
			b.WriteString(o.String() + "\n")
		}
	})
	return b.String()
}

// tapButton taps the visible, enabled button labelled label, in the window
// or in a dialog.
func tapButton(t *testing.T, w fyne.Window, label string) {
	t.Helper()
	var found *widget.Button
	everything(w, func(o fyne.CanvasObject) {
		if b, ok := o.(*widget.Button); ok && b.Text == label && b.Visible() && !b.Disabled() {
			found = b
		}
	})
	if found == nil {
		t.Fatalf("no button %q; the window shows:\n%s", label, allText(w))
	}
	test.Tap(found)
}

// eventually polls cond for up to two seconds.
func eventually(t *testing.T, what string, cond func() bool) {
	t.Helper()
	deadline := time.Now().Add(2 * time.Second)
	for !cond() {
		if time.Now().After(deadline) {
			t.Fatalf("%s did not happen within 2 s", what)
		}
		time.Sleep(10 * time.Millisecond)
	}
}

// fakeClock is a wall clock the test moves.
type fakeClock struct {
	mu sync.Mutex
	t  time.Time
}

func newFakeClock() *fakeClock {
	return &fakeClock{t: time.Date(2026, 11, 23, 9, 0, 0, 0, time.UTC)}
}

func (c *fakeClock) Now() time.Time {
	c.mu.Lock()
	defer c.mu.Unlock()
	return c.t
}

func (c *fakeClock) advance(d time.Duration) {
	c.mu.Lock()
	c.t = c.t.Add(d)
	c.mu.Unlock()
}

// dialogText is the text of the top dialog, "" when there is none.
func dialogText(w fyne.Window) string {
	top := w.Canvas().Overlays().Top()
	if top == nil {
		return ""
	}
	var b strings.Builder
	for _, o := range test.LaidOutObjects(top) {
		switch o := o.(type) {
		case *canvas.Text:
			b.WriteString(o.Text + "\n")
		case *widget.Label:
			b.WriteString(o.Text + "\n")
		}
	}
	return b.String()
}

// requireDialog requires a dialog showing want.
func requireDialog(t *testing.T, w fyne.Window, want string) {
	t.Helper()
	if got := dialogText(w); !strings.Contains(got, want) {
		t.Fatalf("no dialog says %q; the top one says:\n%s", want, got)
	}
}
