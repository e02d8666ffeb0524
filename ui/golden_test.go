package ui

import (
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"
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
