package ui

import (
	"errors"
	"strings"
	"testing"

	"fyne.io/fyne/v2/test"

	"github.com/confidenotes/confide/vault"
)

func TestFirstRunCreatesVaultAndConfirmsRecoveryKey(t *testing.T) {
	store := newMemStore()
	dir := t.TempDir() + "/vault"
	c, w := start(t, Options{Dir: dir, Store: store})
	if c.welcome == nil {
		t.Fatal("the first run does not show the welcome screen")
	}
	requireText(t, w, "Welcome to Confide")
	requireText(t, w, "Nothing is sent anywhere")

	test.Tap(c.welcome.create)
	settle(c)
	rk := c.recoveryKey
	if rk == nil {
		t.Fatalf("no recovery key screen after creating; the window shows:\n%s", texts(w))
	}
	if !vault.Exists(dir) || store.count() != 1 {
		t.Fatalf("vault exists %v, keys in store %d; want a vault and its device key", vault.Exists(dir), store.count())
	}
	if !strings.HasPrefix(rk.key, "AGE-SECRET-KEY-1") || rk.keyText.Text != groupKey(rk.key) {
		t.Fatalf("the recovery key is not shown grouped: %q", rk.keyText.Text)
	}
	requireText(t, w, "[Print or save the recovery kit (PDF)…]")
	test.Tap(rk.proceed) // nothing typed
	if c.recoveryKey == nil || rk.problem.Text == "" {
		t.Fatal("continued without confirming the recovery key")
	}

	test.Type(rk.confirm, "ABCDEFGH")
	test.Tap(rk.proceed)
	if c.recoveryKey == nil || c.main != nil {
		t.Fatal("a wrong confirmation was accepted")
	}
	requireText(t, w, "That is not the end of your recovery key")

	rk.confirm.SetText("")
	last := rk.key[len(rk.key)-confirmChars:]
	test.Type(rk.confirm, strings.ToLower(last[:4])+" "+last[4:]) // case and spaces do not matter
	test.Tap(rk.proceed)
	if c.main == nil {
		t.Fatalf("the right confirmation did not reach the main window; it shows:\n%s", texts(w))
	}
	requireText(t, w, "Vault "+shortID(c.main.v.ID()))
	if w.Title() != titleUnlocked {
		t.Errorf("title %q, want %q", w.Title(), titleUnlocked)
	}
	if c.menu.lock.Disabled {
		t.Error("the Lock menu item is disabled while unlocked")
	}

	// Quitting closes the vault, which then reopens with the stored key.
	if err := c.Close(); err != nil {
		t.Fatal(err)
	}
	v, err := vault.Open(dir, vault.FromStore(store))
	if err != nil {
		t.Fatalf("reopen with the stored key: %v", err)
	}
	v.Close()
}

func TestFirstRunWithPassphrase(t *testing.T) {
	store := newMemStore()
	dir := t.TempDir()
	c, w := start(t, Options{Dir: dir, Store: store})
	s := c.welcome
	s.choice.SetSelected(choicePassphrase)
	if !s.passBox.Visible() {
		t.Fatal("choosing a passphrase does not show the passphrase fields")
	}
	test.Type(s.passphrase, "short")
	test.Type(s.repeat, "short")
	test.Tap(s.create)
	settle(c)
	requireText(t, w, "at least 8 characters")

	s.passphrase.SetText("")
	s.repeat.SetText("")
	test.Type(s.passphrase, "correct horse")
	test.Type(s.repeat, "correct horsf")
	test.Tap(s.create)
	settle(c)
	requireText(t, w, "not the same")
	if vault.Exists(dir) {
		t.Fatal("created a vault with mismatched passphrases")
	}

	s.repeat.SetText("")
	test.Type(s.repeat, "correct horse")
	test.Tap(s.create)
	settle(c)
	if c.recoveryKey == nil {
		t.Fatalf("no recovery key screen; the window shows:\n%s", texts(w))
	}
	if !vault.HasPassphrase(dir) || store.count() != 0 {
		t.Fatalf("passphrase file %v, keys in store %d; want the key behind the passphrase only", vault.HasPassphrase(dir), store.count())
	}

	// Quitting before confirming still closes the new vault.
	c.Quit()
	v, err := vault.Open(dir, vault.WithPassphrase("correct horse"))
	if err != nil {
		t.Fatalf("reopen after quitting on the recovery key screen: %v", err)
	}
	v.Close()
}

func TestFirstRunWithoutKeyringOffersPassphrase(t *testing.T) {
	store := newMemStore()
	store.err = vault.ErrNoKeyring
	dir := t.TempDir()
	c, w := start(t, Options{Dir: dir, Store: store}) // the keyring is probed at once
	if c.welcome == nil {
		t.Fatal("left the welcome screen although the keyring failed")
	}
	requireText(t, w, "no keyring")
	s := c.welcome
	if s.choice.Selected != choicePassphrase || !s.choice.Disabled() || !s.passBox.Visible() {
		t.Fatal("the passphrase is not offered in place of the keyring")
	}
	test.Type(s.passphrase, "a long passphrase")
	test.Type(s.repeat, "a long passphrase")
	test.Tap(s.create)
	settle(c)
	if c.recoveryKey == nil {
		t.Fatalf("no recovery key screen; the window shows:\n%s", texts(w))
	}
	if _, err := store.Get("x"); !errors.Is(err, vault.ErrNoKeyring) {
		t.Fatal("the test store stopped failing")
	}
}

// With no keyring, the first-run screen says so and preselects the
// passphrase before anything is tapped.
func TestFirstRunProbesTheKeyringFirst(t *testing.T) {
	store := newMemStore()
	store.err = vault.ErrNoKeyring
	c, w := start(t, Options{Dir: t.TempDir(), Store: store})
	s := c.welcome
	if s.choice.Selected != choicePassphrase || !s.choice.Disabled() || !s.passBox.Visible() {
		t.Fatalf("with no keyring the first screen offers %q", s.choice.Selected)
	}
	requireText(t, w, "no keyring")

	// With one, the keyring is preselected and nothing is said.
	c2, w2 := start(t, Options{Dir: t.TempDir(), Store: newMemStore()})
	if c2.welcome.choice.Selected != choiceKeyring || c2.welcome.choice.Disabled() {
		t.Fatal("a working keyring is not preselected")
	}
	requireNoText(t, w2, "no keyring")
}
