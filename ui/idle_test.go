package ui

import (
	"testing"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/test"

	"github.com/confidenotes/confide/notes"
)

// The idle lock measures the wall clock: it locks after the limit without
// input, not before, counts typing as activity, and locks at the first
// tick after a sleep that passed the limit.
func TestIdleLock(t *testing.T) {
	tests := []struct {
		name     string
		limitMin int
		steps    []time.Duration // clock moves, each followed by a tick
		typeAt   int             // before this step the user types; -1 never
		want     bool            // locked at the end
	}{
		{"not yet", 10, []time.Duration{9 * time.Minute}, -1, false},
		{"after the limit", 10, []time.Duration{5 * time.Minute, 5 * time.Minute}, -1, true},
		{"typing keeps it open", 10, []time.Duration{6 * time.Minute, 6 * time.Minute}, 1, false},
		{"shorter limit from the settings", 1, []time.Duration{61 * time.Second}, -1, true},
		{"a sleep past the limit", 10, []time.Duration{3 * time.Hour}, -1, true},
		{"never", 0, []time.Duration{30 * 24 * time.Hour}, -1, false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			clock := newFakeClock()
			store := newMemStore()
			dir, _ := newVault(t, store, "")
			c, w := start(t, Options{Dir: dir, Store: store, Now: clock.Now})
			c.app.Preferences().SetInt(prefAutoLockMin, tt.limitMin)
			if c.main == nil {
				t.Fatal("not unlocked")
			}
			for i, d := range tt.steps {
				if i == tt.typeAt {
					test.Type(c.main.clients.query, "a")
				}
				clock.advance(d)
				c.tick()
			}
			settle(c)
			if locked := c.main == nil; locked != tt.want {
				t.Fatalf("locked = %v, want %v; the window shows:\n%s", locked, tt.want, texts(w))
			}
			if tt.want {
				requireText(t, w, "Your notes are locked")
			}
		})
	}
}

// Copied text leaves the clipboard after the timeout, if it is still
// there; text the user copied elsewhere since is left alone.
func TestClipboardClearing(t *testing.T) {
	tests := []struct {
		name       string
		copy       func(g *clipboardGuard)
		foreground bool
		replace    string // another app's text copied before the timeout
		after      time.Duration
		want       string
	}{
		{"copy from a panel", func(g *clipboardGuard) { g.copy("client text") }, true, "", 31 * time.Second, ""},
		{"before the timeout", func(g *clipboardGuard) { g.copy("client text") }, true, "", 10 * time.Second, "client text"},
		{"Ctrl+C in a field", func(g *clipboardGuard) { g.cb.SetContent("typed text") }, true, "", 31 * time.Second, ""},
		{"copied in another app", func(g *clipboardGuard) { g.cb.SetContent("their text") }, false, "", 31 * time.Second, "their text"},
		{"copied elsewhere, then back in Confide", func(g *clipboardGuard) {
			g.cb.SetContent("their text")
			g.poll(false) // Confide comes to the foreground
		}, true, "", 31 * time.Second, "their text"},
		{"replaced since", func(g *clipboardGuard) { g.copy("client text") }, true, "shopping list", 31 * time.Second, "shopping list"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			test.NewTempApp(t)
			clock := newFakeClock()
			g := &clipboardGuard{cb: test.NewClipboard(), now: clock.Now, timeout: func() time.Duration { return 30 * time.Second }}
			g.poll(tt.foreground)
			tt.copy(g)
			g.poll(tt.foreground)
			if tt.replace != "" {
				g.cb.SetContent(tt.replace)
				g.poll(false)
			}
			clock.advance(tt.after)
			g.poll(tt.foreground)
			if got := g.cb.Content(); got != tt.want {
				t.Errorf("clipboard holds %q, want %q", got, tt.want)
			}
		})
	}
}

// Moving the mouse over the window, or scrolling a note, is activity: a
// therapist reading a long note is not away.
func TestMouseActivityKeepsItOpen(t *testing.T) {
	for _, tt := range []struct {
		name string
		act  func(t *testing.T, c *Confide, w fyne.Window)
		want bool // locked at the end
	}{
		{"no input", func(*testing.T, *Confide, fyne.Window) {}, true},
		{"the mouse moves over the window", func(t *testing.T, c *Confide, w fyne.Window) {
			test.MoveMouse(w.Canvas(), fyne.NewPos(600, 400))
			test.MoveMouse(w.Canvas(), fyne.NewPos(620, 420))
		}, false},
		{"the note is scrolled", func(t *testing.T, c *Confide, w fyne.Window) {
			// The scroll that holds the note's first section.
			var scroll *container.Scroll
			first := fyne.CanvasObject(c.main.pane.editor.sections[0])
			everything(w, func(o fyne.CanvasObject) {
				if s, ok := o.(*container.Scroll); ok && scroll == nil && holds(s.Content, first) {
					scroll = s
				}
			})
			if scroll == nil {
				t.Fatal("no scroll holds the note")
			}
			w.Resize(fyne.NewSize(1100, 360)) // the note runs past the window
			at := fyne.CurrentApp().Driver().AbsolutePositionForObject(scroll)
			test.Scroll(w.Canvas(), at.AddXY(scroll.Size().Width-4, 4), 0, -30) // beside the fields, as a wheel would
			if scroll.Offset.Y == 0 {
				t.Fatal("the note did not scroll")
			}
		}, false},
	} {
		t.Run(tt.name, func(t *testing.T) {
			clock := newFakeClock()
			store := newMemStore()
			dir, _ := newVault(t, store, "")
			c, w := start(t, Options{Dir: dir, Store: store, Now: clock.Now})
			w.Resize(fyne.NewSize(1100, 720))
			c.app.Preferences().SetInt(prefAutoLockMin, 10)
			m := c.main
			cl, err := m.notes.AddClient(notes.Client{Name: "Ann Lee", Status: notes.Active})
			if err != nil {
				t.Fatal(err)
			}
			m.clients.load()
			m.clients.choose(cl.ID)
			m.pane.newNoteOf(notes.Progress, notes.SOAP, "2026-11-20")
			test.MoveMouse(w.Canvas(), fyne.NewPos(1, 1)) // the pointer starts somewhere
			clock.advance(6 * time.Minute)
			c.tick()
			tt.act(t, c, w)
			clock.advance(6 * time.Minute)
			c.tick()
			settle(c)
			if locked := c.main == nil; locked != tt.want {
				t.Fatalf("locked = %v, want %v", locked, tt.want)
			}
		})
	}
}

// holds reports whether target is o or inside it.
func holds(o, target fyne.CanvasObject) bool {
	if o == target {
		return true
	}
	switch x := o.(type) {
	case *fyne.Container:
		for _, c := range x.Objects {
			if holds(c, target) {
				return true
			}
		}
	case fyne.Widget:
		for _, c := range test.WidgetRenderer(x).Objects() {
			if holds(c, target) {
				return true
			}
		}
	}
	return false
}
