package ui

import (
	"strings"
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/widget"

	"github.com/confidenotes/confide/notes"
)

// The golden markup of the calm screens, in testdata/. After a deliberate
// change, copy testdata/failed/NAME.xml over testdata/NAME.xml.

func TestWelcomeMarkup(t *testing.T) {
	c, w := start(t, Options{Dir: "/home/therapist/.local/share/confide", Store: newMemStore(), DeviceLabel: "laptop"})
	if c.welcome == nil {
		t.Fatal("no welcome screen")
	}
	w.Resize(fyne.NewSize(800, 700))
	test.AssertRendersToMarkup(t, "welcome.xml", w.Canvas())
}

func TestPassphrasePromptMarkup(t *testing.T) {
	dir, _ := newVault(t, nil, "a good passphrase")
	c, w := start(t, Options{Dir: dir, Store: newMemStore()})
	if c.unlock == nil || !c.unlock.passMode {
		t.Fatal("no passphrase prompt")
	}
	w.Resize(fyne.NewSize(800, 700))
	test.AssertRendersToMarkup(t, "unlock_passphrase.xml", w.Canvas())
}

func TestLockedMarkup(t *testing.T) {
	store := newMemStore()
	dir, _ := newVault(t, store, "")
	c, w := start(t, Options{Dir: dir, Store: store})
	c.onLock()
	settle(c)
	w.Resize(fyne.NewSize(800, 700))
	test.AssertRendersToMarkup(t, "unlock_locked.xml", w.Canvas())
}

func TestWindowSizeIsRemembered(t *testing.T) {
	c, w := start(t, Options{Dir: t.TempDir(), Store: newMemStore()})
	w.Resize(fyne.NewSize(1000, 720))
	c.Quit()
	w2 := test.NewTempWindow(t, nil)
	restoreWindowSize(w2, c.app.Preferences())
	if got := w2.Canvas().Size(); got != fyne.NewSize(1000, 720) {
		t.Errorf("restored size %v, want 1000x720", got)
	}
}

// mainWithPractice unlocks a vault holding a small practice, on a fixed
// clock, in a window of the default size, with the vault id hidden (it is
// random).
func mainWithPractice(t *testing.T) (*Confide, fyne.Window, []*notes.Client) {
	t.Helper()
	clock := newFakeClock()
	store := newMemStore()
	dir, _ := newVault(t, store, "")
	c, w := start(t, Options{Dir: dir, Store: store, Now: clock.Now})
	if c.main == nil {
		t.Fatal("not unlocked")
	}
	clients := demoPractice(t, c.main.notes)
	c.main.clients.load()
	w.Resize(fyne.NewSize(1100, 720))
	everything(w, func(o fyne.CanvasObject) {
		if l, ok := o.(*widget.Label); ok && strings.HasPrefix(l.Text, "Vault cf-") {
			l.SetText("Vault cf-00000000")
		}
	})
	everything(w, func(o fyne.CanvasObject) {
		if box, ok := o.(*fyne.Container); ok {
			box.Refresh() // lay out again around the new text
		}
	})
	return c, w, clients
}

func TestMainScreensMarkup(t *testing.T) {
	tests := []struct {
		name  string
		setup func(c *Confide, clients []*notes.Client)
	}{
		{"main_start.xml", func(*Confide, []*notes.Client) {}},
		{"main_client.xml", func(c *Confide, cl []*notes.Client) { c.main.clients.choose(cl[0].ID) }},
		{"main_signed_note.xml", func(c *Confide, cl []*notes.Client) {
			c.main.clients.choose(cl[0].ID)
			c.main.pane.list.onSelected(0)
			everything(c.win, func(o fyne.CanvasObject) { // the hash covers the note's random id
				if l, ok := o.(*widget.Label); ok && strings.HasPrefix(l.Text, "SHA-256 ") {
					l.SetText("SHA-256 " + strings.Repeat("0", 64))
				}
			})
		}},
		{"main_draft.xml", func(c *Confide, cl []*notes.Client) {
			c.main.clients.choose(cl[0].ID)
			c.main.pane.list.onSelected(2) // after the psychotherapy heading
		}},
		{"main_privacy.xml", func(c *Confide, cl []*notes.Client) {
			c.main.setPrivacy(true)
			c.main.clients.choose(cl[1].ID)
		}},
		{"client_form.xml", func(c *Confide, cl []*notes.Client) {
			c.main.clients.choose(cl[0].ID)
			c.main.pane.onEdit()
		}},
		{"search.xml", func(c *Confide, cl []*notes.Client) {
			c.main.onSearch()
			test.Type(c.main.finder.query, "sleep")
		}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			c, w, clients := mainWithPractice(t)
			tt.setup(c, clients)
			test.AssertRendersToMarkup(t, tt.name, w.Canvas())
		})
	}
}
