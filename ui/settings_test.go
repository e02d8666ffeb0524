package ui

import (
	"path/filepath"
	"strings"
	"testing"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"

	"github.com/confidenotes/confide/vault"
)

func TestSettings(t *testing.T) {
	clock := newFakeClock()
	store := newMemStore()
	dir, _ := newVault(t, store, "")
	c, w := start(t, Options{Dir: dir, Store: store, Now: clock.Now})
	w.Resize(fyne.NewSize(1100, 720))
	p := c.app.Preferences()

	c.menu.settings.Action()
	s := c.main.settingsOpen
	s.chooseTitled("Locking and privacy")
	s.autoLock.SetSelected("5 minutes")
	s.clipboard.SetSelected("1 minute")
	test.Tap(s.privacy)
	if autoLockAfter(p) != 5*time.Minute || clipboardTimeout(p) != time.Minute || !p.Bool(prefPrivacyDefault) {
		t.Fatalf("settings not kept: lock %v, clipboard %v, privacy %v", autoLockAfter(p), clipboardTimeout(p), p.Bool(prefPrivacyDefault))
	}

	// Passphrase on, then off again.
	s.chooseTitled("Unlocking")
	tapButton(t, w, "Ask for a passphrase every time…")
	typeTwice(t, w, "a long passphrase")
	tapButton(t, w, "Use this passphrase")
	if !vault.HasPassphrase(dir) || store.count() != 0 {
		t.Fatal("the vault does not ask for the passphrase now")
	}
	tapButton(t, w, "Stop asking: use this computer's keyring")
	if vault.HasPassphrase(dir) || store.count() != 1 {
		t.Fatal("the passphrase was not removed")
	}

	// Back up now, then the daily backup a day later.
	backups := t.TempDir()
	p.SetString(prefBackupDir, backups)
	s.chooseTitled("Backups")
	s.showBackup()
	test.Tap(s.backupNow)
	settle(c)
	today := filepath.Join(backups, backupFolderName(clock.Now()))
	if !vault.Exists(today) {
		t.Fatal("Back up now made no backup")
	}
	p.SetBool(prefBackupDaily, true)
	clock.advance(23 * time.Hour)
	c.idle.touch() // the user is still at work
	c.tick()
	settle(c)
	if vault.Exists(filepath.Join(backups, backupFolderName(clock.Now()))) {
		t.Fatal("a second backup within a day")
	}
	clock.advance(2 * time.Hour)
	c.idle.touch()
	c.tick()
	settle(c)
	if !vault.Exists(filepath.Join(backups, backupFolderName(clock.Now()))) {
		t.Fatal("no daily backup after a day")
	}
}

// typeTwice types secret into the two password fields of the dialog on
// show: a new passphrase or PIN and its repetition.
func typeTwice(t *testing.T, w fyne.Window, secret string) {
	t.Helper()
	var fields []*keyEntry
	everything(w, func(o fyne.CanvasObject) {
		if e, ok := o.(*keyEntry); ok && e.Password && e.Visible() {
			fields = append(fields, e)
		}
	})
	if len(fields) != 2 {
		t.Fatalf("%d password fields, want 2", len(fields))
	}
	test.Type(fields[0], secret)
	test.Type(fields[1], secret)
}

// A new recovery key: lock, unlock to confirm, then the new key is shown
// once and the old one no longer opens the vault.
func TestNewRecoveryKey(t *testing.T) {
	store := newMemStore()
	dir, old := newVault(t, store, "")
	c, w := start(t, Options{Dir: dir, Store: store})
	c.menu.settings.Action()
	c.main.settingsOpen.chooseTitled("Recovery key")
	tapButton(t, w, "Make a new recovery key…")
	tapButton(t, w, "Yes")
	settle(c)
	requireText(t, w, "Then Confide makes and shows your new recovery key")
	test.Tap(c.unlock.unlock)
	settle(c)
	rk := c.recoveryKey
	if rk == nil || !rk.rotated || rk.key == old {
		t.Fatalf("no new recovery key shown; the window shows:\n%s", texts(w))
	}
	requireText(t, w, "Your new recovery key")
	test.Type(rk.confirm, rk.key[len(rk.key)-confirmChars:])
	test.Tap(rk.proceed)
	if c.main == nil {
		t.Fatal("not back on the main screen")
	}
	c.Close()
	for name, key := range map[string]string{"new": rk.key} {
		ids, err := vault.ParseIdentities(strings.NewReader(key))
		if err != nil {
			t.Fatal(err)
		}
		v, err := vault.Open(dir, vault.WithIdentities(ids...))
		if err != nil {
			t.Fatalf("the %s recovery key does not open the vault: %v", name, err)
		}
		v.Close()
	}
	ids, _ := vault.ParseIdentities(strings.NewReader(old))
	if v, err := vault.Open(dir, vault.WithIdentities(ids...)); err == nil {
		v.Close()
		t.Error("the old recovery key still opens the vault")
	}
}
