package ui

import (
	"testing"
	"time"

	"fyne.io/fyne/v2/test"
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
