package vault_test

import (
	"bytes"
	"database/sql"
	"errors"
	"io"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"filippo.io/age"

	"github.com/confidenotes/confide/vault"
	"github.com/confidenotes/confide/vault/vaulttest"
)

// blockWith puts a non-empty folder where the file name is, so that
// renaming a new file over it fails while the rest of the disk works.
func blockWith(t *testing.T, path string) (restore func()) {
	t.Helper()
	old, err := os.ReadFile(path)
	if err != nil && !errors.Is(err, os.ErrNotExist) {
		t.Fatal(err)
	}
	os.Remove(path)
	if err := os.MkdirAll(filepath.Join(path, "blocked"), 0o700); err != nil {
		t.Fatal(err)
	}
	return func() {
		if err := os.RemoveAll(path); err != nil {
			t.Fatal(err)
		}
		if old != nil {
			os.WriteFile(path, old, 0o600)
		}
	}
}

// TestCompactionWhoseVaultJSONFails: the new snapshot is in place but
// vault.json cannot be written. The generation has moved on, and later
// commits must follow it, not the old one's journal.
func TestCompactionWhoseVaultJSONFails(t *testing.T) {
	v, dir, store, _ := newVault(t)
	insert(t, v, 1, "before")
	restore := blockWith(t, filepath.Join(dir, "vault.json"))
	v.Compact() // the vault.json mirror fails; the compaction is done
	insert(t, v, 2, "after")
	insert(t, v, 3, "after, too")
	vault.CloseWithoutCompacting(v)
	restore()
	v, err := vault.Open(dir, vault.FromStore(store))
	if err != nil {
		t.Fatalf("open after a compaction whose vault.json failed: %v", err)
	}
	defer v.Close()
	if got := bodies(t, v); len(got) != 3 {
		t.Fatalf("got %v, want the three acknowledged rows", got)
	}
}

// TestRemovedDeviceStaysRemovedWhenVaultJSONFails: once the snapshot
// without the device is in place, the device must not come back.
func TestRemovedDeviceStaysRemovedWhenVaultJSONFails(t *testing.T) {
	v, dir, store, _ := newVault(t)
	second, err := v.EnrollDevice("second", nil)
	if err != nil {
		t.Fatal(err)
	}
	var secondID string
	for _, r := range v.Recipients() {
		if r.Label == "second" {
			secondID = r.ID
		}
	}
	v.Close()
	v, err = vault.Open(dir, vault.FromStore(store))
	if err != nil {
		t.Fatal(err)
	}
	restore := blockWith(t, filepath.Join(dir, "vault.json"))
	v.RemoveDevice(secondID)
	insert(t, v, 1, "written after the removal")
	v.Close()
	restore()
	// The device's next unlock repairs vault.json from the snapshot.
	if v, err = vault.Open(dir, vault.FromStore(store)); err != nil {
		t.Fatal(err)
	}
	v.Close()
	ids, _ := vault.ParseIdentities(strings.NewReader(second))
	if w, err := vault.Open(dir, vault.WithIdentities(ids...)); !errors.Is(err, vault.ErrWrongKey) {
		if err == nil {
			w.Close()
		}
		t.Fatalf("the removed device's key: got %v, want ErrWrongKey", err)
	}
}

// TestEnrollDeviceKeepsTheKeyringWhenItFails: a failed enrollment leaves
// the keyring as it was, so the key that works is not replaced by one the
// vault does not know.
func TestEnrollDeviceKeepsTheKeyringWhenItFails(t *testing.T) {
	v, dir, store, _ := newVault(t)
	before := map[string]string{}
	for k, s := range store {
		before[k] = s
	}
	restore := blockWith(t, filepath.Join(dir, "vault.age"))
	if _, err := v.EnrollDevice("new", store); err == nil {
		t.Fatal("enrollment succeeded though the snapshot could not be written")
	}
	for k, s := range before {
		if store[k] != s {
			t.Fatal("the keyring entry was replaced by a failed enrollment")
		}
	}
	vault.CloseWithoutCompacting(v)
	restore()
	v, err := vault.Open(dir, vault.FromStore(store))
	if err != nil {
		t.Fatalf("open with the keyring after a failed enrollment: %v", err)
	}
	v.Close()
}

// TestFailedCompactionIsReportedNotLost: an automatic compaction that
// fails is a warning (the commit is durable), and Close says the same
// with ErrNotCompacted.
func TestFailedCompactionIsReportedNotLost(t *testing.T) {
	v, dir, store, _ := newVault(t, vault.JournalLimit(2048))
	restore := blockWith(t, filepath.Join(dir, "vault.age"))
	for i := 1; i <= 3; i++ {
		insert(t, v, i, strings.Repeat("x", 1500)) // past the limit: compacts
	}
	warnings := v.Warnings()
	if len(warnings) == 0 || !errors.Is(warnings[0], vault.ErrNotCompacted) {
		t.Fatalf("warnings = %v, want ErrNotCompacted", warnings)
	}
	if err := v.Close(); !errors.Is(err, vault.ErrNotCompacted) {
		t.Fatalf("close = %v, want ErrNotCompacted", err)
	}
	restore()
	v, err := vault.Open(dir, vault.FromStore(store))
	if err != nil {
		t.Fatal(err)
	}
	defer v.Close()
	if got := bodies(t, v); len(got) != 3 {
		t.Fatalf("got %d rows, want 3", len(got))
	}
}

// TestWriteFileRefusesVaultFolders: the one crash-safe writer refuses a
// destination inside a vault folder, and a vault folder itself.
func TestWriteFileRefusesVaultFolders(t *testing.T) {
	v, dir, _, _ := newVault(t)
	insert(t, v, 1, "x")
	before, _ := os.ReadFile(filepath.Join(dir, "vault.age"))
	sub := filepath.Join(dir, "sub")
	os.MkdirAll(sub, 0o700)
	for _, p := range []string{filepath.Join(dir, "vault.age"), filepath.Join(dir, "journal"), filepath.Join(dir, "new.pdf"),
		filepath.Join(sub, "x.pdf"), dir} {
		if err := vault.WriteFile(p, []byte("%PDF")); !errors.Is(err, vault.ErrInsideVault) {
			t.Errorf("WriteFile(%s) = %v, want ErrInsideVault", p, err)
		}
	}
	if after, _ := os.ReadFile(filepath.Join(dir, "vault.age")); !bytes.Equal(before, after) {
		t.Fatal("the snapshot changed")
	}
	if err := v.WriteDatabase(filepath.Join(dir, "plain.sqlite")); !errors.Is(err, vault.ErrInsideVault) {
		t.Errorf("WriteDatabase into the vault folder = %v, want ErrInsideVault", err)
	}
}

// TestWriteFileIsPrivateAndLeavesNothingOnFailure: over an existing
// world-readable file the result is 0600, and a failed write leaves the
// old file and no temp file.
func TestWriteFileIsPrivateAndLeavesNothingOnFailure(t *testing.T) {
	dir := t.TempDir()
	path := filepath.Join(dir, "out.pdf")
	if err := os.WriteFile(path, []byte("old"), 0o644); err != nil {
		t.Fatal(err)
	}
	if err := vault.WriteFile(path, []byte("new")); err != nil {
		t.Fatal(err)
	}
	if st, _ := os.Stat(path); st.Mode().Perm() != 0o600 {
		t.Fatalf("mode %v, want 0600", st.Mode().Perm())
	}
	err := vault.WriteFileFrom(path, func(w io.Writer) error {
		w.Write([]byte("half of a client's"))
		return errors.New("disk full")
	})
	if err == nil {
		t.Fatal("a failed write reported success")
	}
	if b, _ := os.ReadFile(path); string(b) != "new" {
		t.Fatalf("the old file became %q", b)
	}
	entries, _ := os.ReadDir(dir)
	if len(entries) != 1 {
		t.Fatalf("left behind: %v", entries)
	}
	if f, err := vault.CreateNewFile(path); err == nil {
		f.Abort()
		t.Fatal("CreateNewFile accepted an existing file")
	}
}

// TestBackupRefusesWhatItWouldDestroy: a backup goes neither into another
// vault's folder, nor over a newer copy of this one, nor inside a vault.
func TestBackupRefusesWhatItWouldDestroy(t *testing.T) {
	v, dir, store, _ := newVault(t)
	insert(t, v, 1, "x")
	other, odir, _, _ := newVault(t)
	other.Close()
	before, _ := os.ReadFile(filepath.Join(odir, "vault.age"))
	if _, err := v.Backup(odir); err == nil {
		t.Fatal("backup into another vault's folder succeeded")
	}
	if after, _ := os.ReadFile(filepath.Join(odir, "vault.age")); !bytes.Equal(before, after) {
		t.Fatal("the other vault was overwritten")
	}
	if _, err := v.Backup(filepath.Join(dir, "backup")); !errors.Is(err, vault.ErrInsideVault) {
		t.Fatalf("backup inside the vault folder: %v, want ErrInsideVault", err)
	}
	dest := filepath.Join(t.TempDir(), "backup")
	if _, err := v.Backup(dest); err != nil {
		t.Fatal(err)
	}
	// A killed backup's temp files are its own to clean up.
	stale := filepath.Join(dest, ".vault.age.tmp-123456")
	os.WriteFile(stale, []byte("ciphertext"), 0o600)
	if _, err := v.Backup(dest); err != nil {
		t.Fatalf("backup over an earlier one: %v", err)
	}
	if _, err := os.Stat(stale); !errors.Is(err, os.ErrNotExist) {
		t.Fatal("the stale temp file of a killed backup is still there")
	}
	// An older copy of this vault does not replace a newer backup.
	v.Close()
	early := filepath.Join(t.TempDir(), "early")
	copyVaultFiles(t, dir, early)
	v, err := vault.Open(dir, vault.FromStore(store))
	if err != nil {
		t.Fatal(err)
	}
	insert(t, v, 2, "y")
	v.Compact()
	if _, err := v.Backup(dest); err != nil {
		t.Fatal(err)
	}
	v.Close()
	old, err := vault.Open(early, vault.FromStore(store))
	if err != nil {
		t.Fatal(err)
	}
	defer old.Close()
	if _, err := old.Backup(dest); err == nil {
		t.Error("an older copy's backup replaced a newer one")
	}
}

// TestKeyHolderTamperingIsCaught: a key holder can re-authenticate what
// they change (vaulttest.AlterSnapshot does it from the documentation
// alone); the chain of the event log still catches a changed entry.
func TestKeyHolderTamperingIsCaught(t *testing.T) {
	v, dir, store, c := newVault(t)
	for range 2 {
		if err := v.Update(func(tx *vault.Tx) error {
			_, err := tx.Append(vault.Event{Kind: "test.event", Subject: "s"})
			return err
		}); err != nil {
			t.Fatal(err)
		}
	}
	v.Close()
	id, _ := age.ParseX25519Identity(c.DeviceKey)
	vaulttest.AlterSnapshot(t, dir, id, func(db *sql.DB) {})
	if _, err := vault.Verify(dir, vault.FromStore(store)); err != nil {
		t.Fatalf("a key holder's unchanged rewrite: %v (AlterSnapshot does not follow the documented format)", err)
	}
}
