package ui

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"

	"github.com/confidenotes/confide/vault"
)

func TestLaterRunUnlocksWithNoTyping(t *testing.T) {
	store := newMemStore()
	dir, _ := newVault(t, store, "")
	c, w := start(t, Options{Dir: dir, Store: store})
	if c.main == nil {
		t.Fatalf("not unlocked from the key store; the window shows:\n%s", texts(w))
	}
	requireText(t, w, "Choose a client")
}

func TestPassphraseUnlock(t *testing.T) {
	store := newMemStore()
	dir, _ := newVault(t, nil, "a good passphrase")
	c, w := start(t, Options{Dir: dir, Store: store})
	s := c.unlock
	if s == nil || !s.passMode {
		t.Fatalf("no passphrase prompt; the window shows:\n%s", texts(w))
	}
	requireText(t, w, "Enter your passphrase")

	test.Type(s.passphrase, "a bad passphrase")
	test.Tap(s.unlock)
	settle(c)
	if c.main != nil || c.unlock != s {
		t.Fatal("a wrong passphrase unlocked the vault")
	}
	requireText(t, w, "That passphrase does not open your notes")
	if s.passphrase.Text != "" {
		t.Error("the refused passphrase is left in the field")
	}

	test.Type(s.passphrase, "a good passphrase")
	s.passphrase.OnSubmitted(s.passphrase.Text) // Enter
	settle(c)
	if c.main == nil {
		t.Fatalf("the right passphrase did not unlock; the window shows:\n%s", texts(w))
	}
}

func TestMissingKeyRecoversAndEnrollsThisComputer(t *testing.T) {
	dir, recovery := newVault(t, newMemStore(), "") // its device key is elsewhere
	store := newMemStore()
	c, w := start(t, Options{Dir: dir, Store: store})
	if c.unlock == nil {
		t.Fatalf("no unlock screen; the window shows:\n%s", texts(w))
	}
	requireText(t, w, "This computer has no key for your vault")
	test.Tap(c.unlock.recover)
	r := c.recover
	if r == nil {
		t.Fatal("Use my recovery key does not lead to recovery")
	}

	test.Type(r.key, "not a key")
	test.Tap(r.unlock)
	settle(c)
	requireText(t, w, "That is not a recovery key")

	_, otherRecovery := newVault(t, newMemStore(), "")
	r.key.SetText(otherRecovery)
	test.Tap(r.unlock)
	settle(c)
	if c.main != nil {
		t.Fatal("another vault's recovery key unlocked this one")
	}
	requireText(t, w, "This key does not open your vault")

	// Pasted as shown on screen: grouped on several lines, in lower case.
	r.key.SetText(strings.ToLower(groupKey(recovery)))
	test.Tap(r.unlock)
	settle(c)
	if c.main == nil {
		t.Fatalf("the recovery key did not unlock; the window shows:\n%s", texts(w))
	}
	if store.count() != 1 {
		t.Fatalf("%d keys in this computer's store after recovery, want 1", store.count())
	}
	c.Close()

	// The next start unlocks from the newly enrolled key.
	c2, w2 := start(t, Options{Dir: dir, Store: store})
	if c2.main == nil {
		t.Fatalf("the enrolled key does not unlock; the window shows:\n%s", texts(w2))
	}
}

func TestLockHidesEverythingAndUnlocksAgain(t *testing.T) {
	store := newMemStore()
	dir, _ := newVault(t, store, "")
	c, w := start(t, Options{Dir: dir, Store: store})
	if c.main == nil {
		t.Fatal("not unlocked")
	}
	v := c.main.v

	mainContent := w.Content()
	w.Canvas().(fyne.Shortcutable).TypedShortcut(lockShortcut) // Ctrl+L
	if c.main != nil || w.Content() == mainContent {
		t.Fatal("Ctrl+L left the main screen up while locking")
	}
	settle(c)
	requireNoText(t, w, "Choose a client")
	if err := v.Read(func(vault.Querier) error { return nil }); err != vault.ErrLocked {
		t.Fatalf("the vault is not locked after Ctrl+L: %v", err)
	}
	requireText(t, w, "Your notes are locked")
	if w.Title() != titleLocked {
		t.Errorf("title %q while locked, want %q", w.Title(), titleLocked)
	}
	if !c.menu.lock.Disabled {
		t.Error("the Lock menu item is enabled while locked")
	}

	test.Tap(c.unlock.unlock)
	settle(c)
	if c.main == nil {
		t.Fatalf("Unlock did not return to the main screen; the window shows:\n%s", texts(w))
	}
	requireText(t, w, "Choose a client")

	// The menu item and the header button lock too.
	c.menu.lock.Action()
	settle(c)
	if c.main != nil || c.unlock == nil {
		t.Fatal("the Lock menu item did not lock")
	}
	test.Tap(c.unlock.unlock)
	settle(c)
	test.Tap(c.main.lock)
	settle(c)
	if c.main != nil || c.unlock == nil {
		t.Fatal("the Lock button did not lock")
	}
}

func TestLockAskPassphraseAgain(t *testing.T) {
	dir, _ := newVault(t, nil, "a good passphrase")
	c, _ := start(t, Options{Dir: dir, Store: newMemStore()})
	test.Type(c.unlock.passphrase, "a good passphrase")
	test.Tap(c.unlock.unlock)
	settle(c)
	c.onLock()
	settle(c)
	if c.unlock == nil || !c.unlock.passMode || c.unlock.passphrase.Text != "" {
		t.Fatal("after Lock a passphrase vault does not ask for its passphrase, empty")
	}
}

func TestIdentityFileUnlocks(t *testing.T) {
	dir := t.TempDir()
	v, created, err := vault.Create(dir, vault.CreateOptions{Label: "test"})
	if err != nil {
		t.Fatal(err)
	}
	v.Close()
	id := filepath.Join(t.TempDir(), "device.key")
	os.WriteFile(id, []byte("# Confide device key\n"+created.DeviceKey+"\n"), 0o600)
	c, w := start(t, Options{Dir: dir, Store: newMemStore(), IdentityFile: id})
	if c.main == nil {
		t.Fatalf("the identity file did not unlock; the window shows:\n%s", texts(w))
	}
}

func TestVaultInUseOffersRetry(t *testing.T) {
	store := newMemStore()
	dir, _ := newVault(t, store, "")
	other, err := vault.Open(dir, vault.FromStore(store))
	if err != nil {
		t.Fatal(err)
	}
	c, w := start(t, Options{Dir: dir, Store: store})
	requireText(t, w, "Confide is already open in another window")
	if c.main != nil {
		t.Fatal("unlocked a vault held by another process")
	}
	other.Close()
	test.Tap(c.unlock.retry)
	settle(c)
	if c.main == nil {
		t.Fatalf("Retry did not unlock once the other window closed; it shows:\n%s", texts(w))
	}
}

func TestDamagedVaultIsExplained(t *testing.T) {
	store := newMemStore()
	dir, _ := newVault(t, store, "")
	snap := filepath.Join(dir, "vault.age")
	data, err := os.ReadFile(snap)
	if err != nil {
		t.Fatal(err)
	}
	data[len(data)-10] ^= 0xff
	os.WriteFile(snap, data, 0o600)
	c, w := start(t, Options{Dir: dir, Store: store})
	if c.main != nil {
		t.Fatal("a damaged vault unlocked")
	}
	requireText(t, w, "Your vault could not be read")
	requireText(t, w, "“vault.age”")
	requireText(t, w, "Nothing was changed")
	requireText(t, w, "restore your notes from a backup")
	requireNoText(t, w, "goroutine")
}
