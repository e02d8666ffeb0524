//go:build realkeyring

package vault_test

// These tests talk to a real Secret Service (gnome-keyring). `make test`
// runs them inside dbus-run-session with a fresh HOME and an unlocked
// login keyring; see the Makefile.

import (
	"errors"
	"path/filepath"
	"strings"
	"testing"

	"github.com/zalando/go-keyring"

	"github.com/confidenotes/confide/vault"
)

func TestRealKeyring(t *testing.T) {
	dir := filepath.Join(t.TempDir(), "vault")
	v, c, err := vault.Create(dir, vault.CreateOptions{Store: vault.OSKeyring{}, Label: "this laptop"})
	if err != nil {
		t.Fatalf("create with the OS keyring: %v", err)
	}
	t.Cleanup(func() { keyring.Delete(vault.KeyringService, c.ID) })
	insert2(t, v)
	v.Close()

	stored, err := keyring.Get(vault.KeyringService, c.ID)
	if err != nil || stored != c.DeviceKey {
		t.Fatalf("the Secret Service does not hold the device key (err %v)", err)
	}

	t.Run("unlock with no typing", func(t *testing.T) {
		v, err := vault.Open(dir, vault.FromKeyring())
		if err != nil {
			t.Fatal(err)
		}
		defer v.Close()
		if got := bodies(t, v); got[1] != "kept" {
			t.Fatalf("got %v", got)
		}
	})

	t.Run("passphrase set takes the key out of the keyring", func(t *testing.T) {
		v, err := vault.Open(dir, vault.FromKeyring())
		if err != nil {
			t.Fatal(err)
		}
		if err := v.SetPassphrase("a passphrase for every unlock", vault.OSKeyring{}); err != nil {
			t.Fatal(err)
		}
		v.Close()
		if _, err := keyring.Get(vault.KeyringService, c.ID); !errors.Is(err, keyring.ErrNotFound) {
			t.Fatalf("keyring entry after passphrase set: %v", err)
		}
		if _, err := vault.Open(dir, vault.FromKeyring()); !errors.Is(err, vault.ErrNeedPassphrase) {
			t.Fatalf("got %v, want ErrNeedPassphrase", err)
		}
		v, err = vault.Open(dir, vault.WithPassphrase("a passphrase for every unlock"))
		if err != nil {
			t.Fatal(err)
		}
		if err := v.RemovePassphrase(vault.OSKeyring{}); err != nil {
			t.Fatal(err)
		}
		v.Close()
		if v, err = vault.Open(dir, vault.FromKeyring()); err != nil {
			t.Fatalf("keyring unlock after passphrase remove: %v", err)
		}
		v.Close()
	})

	t.Run("missing keyring entry, then recovery onto a new machine", func(t *testing.T) {
		if err := keyring.Delete(vault.KeyringService, c.ID); err != nil {
			t.Fatal(err)
		}
		if _, err := vault.Open(dir, vault.FromKeyring()); !errors.Is(err, vault.ErrNoKey) {
			t.Fatalf("got %v, want ErrNoKey", err)
		}
		rec, _ := vault.ParseIdentities(strings.NewReader(c.RecoveryKey))
		v, err := vault.Open(dir, vault.WithIdentities(rec...))
		if err != nil {
			t.Fatal(err)
		}
		newKey, err := v.EnrollDevice("new laptop", vault.OSKeyring{})
		if err != nil {
			t.Fatal(err)
		}
		v.Close()
		if stored, _ := keyring.Get(vault.KeyringService, c.ID); stored != newKey {
			t.Fatal("the new device key is not in the keyring")
		}
		v, err = vault.Open(dir, vault.FromKeyring())
		if err != nil {
			t.Fatalf("unlock on the new machine: %v", err)
		}
		defer v.Close()
		if got := bodies(t, v); got[1] != "kept" {
			t.Fatalf("got %v", got)
		}
	})
}
