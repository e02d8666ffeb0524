package vault_test

import (
	"bytes"
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"filippo.io/age"

	"github.com/confidenotes/confide/vault"
	"github.com/confidenotes/confide/vault/vaulttest"
)

func TestPassphraseUnlock(t *testing.T) {
	dir := filepath.Join(t.TempDir(), "vault")
	v, _, err := vault.Create(dir, vault.CreateOptions{Passphrase: "correct horse battery"})
	if err != nil {
		t.Fatal(err)
	}
	insert2(t, v)
	v.Close()
	tests := []struct {
		name string
		key  vault.Key
		want error
	}{
		{"right passphrase", vault.WithPassphrase("correct horse battery"), nil},
		{"wrong passphrase", vault.WithPassphrase("correct horse batterY"), vault.ErrWrongKey},
		{"empty passphrase", vault.WithPassphrase(""), vault.ErrWrongKey},
		{"keyring without entry", vault.FromStore(vaulttest.KeyStore{}), vault.ErrNeedPassphrase},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			v, err := vault.Open(dir, tt.key)
			if !errors.Is(err, tt.want) {
				t.Fatalf("got %v, want %v", err, tt.want)
			}
			if err == nil {
				v.Close()
			}
		})
	}
}

// insert2 makes the test table and one row in a fresh vault.
func insert2(t *testing.T, v *vault.Vault) {
	t.Helper()
	if err := v.Migrate("test", testSchema); err != nil {
		t.Fatal(err)
	}
	if err := v.Update(func(tx *vault.Tx) error {
		_, err := tx.Exec("INSERT INTO t(id, body) VALUES(1, 'kept')")
		return err
	}); err != nil {
		t.Fatal(err)
	}
}

func TestSetAndRemovePassphrase(t *testing.T) {
	v, dir, store, _ := newVault(t)
	if err := v.SetPassphrase("a long passphrase", store); err != nil {
		t.Fatal(err)
	}
	v.Close()
	if len(store) != 0 {
		t.Fatal("the keyring still holds the device key after passphrase set")
	}
	if _, err := vault.Open(dir, vault.FromStore(store)); !errors.Is(err, vault.ErrNeedPassphrase) {
		t.Fatalf("keyring unlock after passphrase set: got %v, want ErrNeedPassphrase", err)
	}
	v, err := vault.Open(dir, vault.WithPassphrase("a long passphrase"))
	if err != nil {
		t.Fatal(err)
	}
	if err := v.RemovePassphrase(store); err != nil {
		t.Fatal(err)
	}
	v.Close()
	if vault.HasPassphrase(dir) {
		t.Fatal("passphrase.age is still there")
	}
	v, err = vault.Open(dir, vault.FromStore(store))
	if err != nil {
		t.Fatalf("keyring unlock after passphrase remove: %v", err)
	}
	v.Close()
}

// TestRecoveryAndDeviceRemoval: a new machine (empty key store) enrolls
// with the recovery key; the old device is removed and its key no longer
// opens the vault.
func TestRecoveryAndDeviceRemoval(t *testing.T) {
	v, dir, oldStore, c := newVault(t)
	insert(t, v, 1, "before recovery")
	v.Close()

	newMachine := vaulttest.KeyStore{}
	if _, err := vault.Open(dir, vault.FromStore(newMachine)); !errors.Is(err, vault.ErrNoKey) {
		t.Fatalf("new machine: got %v, want ErrNoKey", err)
	}
	rec, err := vault.ParseIdentities(strings.NewReader(c.RecoveryKey))
	if err != nil {
		t.Fatal(err)
	}
	v, err = vault.Open(dir, vault.WithIdentities(rec...))
	if err != nil {
		t.Fatal(err)
	}
	if _, err := v.EnrollDevice("new laptop", newMachine); err != nil {
		t.Fatal(err)
	}
	var oldDevice string
	for _, r := range v.Recipients() {
		if r.Kind == vault.KindDevice && r.Label == "test" {
			oldDevice = r.ID
		}
	}
	if err := v.RemoveDevice(oldDevice); err != nil {
		t.Fatal(err)
	}
	v.Close()

	v, err = vault.Open(dir, vault.FromStore(newMachine))
	if err != nil {
		t.Fatalf("new machine after recovery: %v", err)
	}
	if got := bodies(t, v); got[1] != "before recovery" {
		t.Fatalf("data after recovery: %v", got)
	}
	v.Close()
	if _, err := vault.Open(dir, vault.FromStore(oldStore)); !errors.Is(err, vault.ErrWrongKey) {
		t.Fatalf("removed device: got %v, want ErrWrongKey", err)
	}
	// And with the stock age library: the removed key opens nothing.
	oldID, _ := age.ParseX25519Identity(oldStore[v.ID()])
	f, _ := os.Open(filepath.Join(dir, "vault.age"))
	defer f.Close()
	if _, err := age.Decrypt(f, oldID); err == nil {
		t.Fatal("the removed device key still decrypts the snapshot")
	}
}

func TestRotateRecovery(t *testing.T) {
	v, dir, store, c := newVault(t)
	newKey, err := v.RotateRecovery()
	if err != nil {
		t.Fatal(err)
	}
	v.Close()
	oldRec, _ := vault.ParseIdentities(strings.NewReader(c.RecoveryKey))
	if _, err := vault.Open(dir, vault.WithIdentities(oldRec...)); !errors.Is(err, vault.ErrWrongKey) {
		t.Fatalf("old recovery key: got %v, want ErrWrongKey", err)
	}
	newRec, _ := vault.ParseIdentities(strings.NewReader(newKey))
	v, err = vault.Open(dir, vault.WithIdentities(newRec...))
	if err != nil {
		t.Fatalf("new recovery key: %v", err)
	}
	v.Close()
	if v, err = vault.Open(dir, vault.FromStore(store)); err != nil {
		t.Fatalf("device key after rotation: %v", err)
	}
	v.Close()
}

func TestRefusals(t *testing.T) {
	v, _, _, _ := newVault(t)
	cur, ok := v.UnlockedWith()
	if !ok {
		t.Fatal("UnlockedWith does not know the device")
	}
	var recID string
	for _, r := range v.Recipients() {
		if r.Kind == vault.KindRecovery {
			recID = r.ID
		}
	}
	for _, id := range []string{cur.ID, recID, "dev-nonexistent"} {
		if err := v.RemoveDevice(id); err == nil {
			t.Errorf("RemoveDevice(%s) succeeded, want a refusal", id)
		}
	}
}

func TestEditedRecipientsInVaultJSONAreNotTrusted(t *testing.T) {
	v, dir, store, _ := newVault(t)
	v.Close()
	attacker, _ := age.GenerateX25519Identity()
	path := filepath.Join(dir, "vault.json")
	b, _ := os.ReadFile(path)
	m, err := vault.ParseMeta(b)
	if err != nil {
		t.Fatal(err)
	}
	m.Recipients[0].PublicKey = attacker.Recipient().String()
	os.WriteFile(path, m.Marshal(), 0o600)
	// The device key is no longer listed, yet it is the snapshot that
	// decides: the vault opens, and vault.json is repaired.
	v, err = vault.Open(dir, vault.FromStore(store))
	if err != nil {
		t.Fatalf("open after vault.json edit: %v", err)
	}
	insert(t, v, 1, "x")
	v.Close()
	snap, _ := os.ReadFile(filepath.Join(dir, "vault.age"))
	if _, err := age.Decrypt(bytes.NewReader(snap), attacker); err == nil {
		t.Fatal("the snapshot was encrypted to a recipient added only in vault.json")
	}
	b, _ = os.ReadFile(path)
	if bytes.Contains(b, []byte(attacker.Recipient().String())) {
		t.Fatal("vault.json was not repaired")
	}
}
