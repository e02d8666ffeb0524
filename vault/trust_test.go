package vault_test

import (
	"bytes"
	"database/sql"
	"encoding/json"
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"filippo.io/age"
	_ "github.com/mattn/go-sqlite3"

	"github.com/confidenotes/confide/vault"
	"github.com/confidenotes/confide/vault/vaulttest"
)

// The reproductions of issue 11, at the vault's level. Each was accepted
// silently before the device state and authentication: the vault opened,
// or verified, as if nothing had happened.

// wantDamage fails unless err is a *DamageError naming file.
func wantDamage(t *testing.T, err error, file string) {
	t.Helper()
	var dmg *vault.DamageError
	if !errors.As(err, &dmg) || !errors.Is(err, vault.ErrDamaged) || dmg.File != file {
		t.Fatalf("got %v, want a DamageError naming %s", err, file)
	}
}

// recordsInJournal commits n rows, each its own journal record, and
// returns the vault (closed as a crash would leave it), its key, and the
// journal's size before each record.
func recordsInJournal(t *testing.T, n int) (dir string, key vault.Key, starts []int64) {
	t.Helper()
	v, dir, store, _ := newVault(t)
	for i := 1; i <= n; i++ {
		st, err := os.Stat(filepath.Join(dir, "journal"))
		if err != nil {
			t.Fatal(err)
		}
		starts = append(starts, st.Size())
		insert(t, v, i, "acknowledged")
	}
	vault.CloseWithoutCompacting(v)
	return dir, vault.FromStore(store), starts
}

// TestLostJournalRecordsAreRefused: a journal emptied, deleted, cut at a
// record's end, or whose last records were zeroed, lost commits that were
// acknowledged; Open refuses it, naming the journal.
func TestLostJournalRecordsAreRefused(t *testing.T) {
	tests := []struct {
		name string
		harm func(path string, starts []int64) error
	}{
		{"emptied", func(p string, _ []int64) error { return os.WriteFile(p, nil, 0o600) }},
		{"deleted", func(p string, _ []int64) error { return os.Remove(p) }},
		{"cut at a record's end", func(p string, starts []int64) error { return os.Truncate(p, starts[2]) }},
		{"last record zeroed", func(p string, starts []int64) error {
			b, err := os.ReadFile(p)
			if err != nil {
				return err
			}
			clear(b[starts[2]:])
			return os.WriteFile(p, b, 0o600)
		}},
		{"last two records zeroed", func(p string, starts []int64) error {
			b, err := os.ReadFile(p)
			if err != nil {
				return err
			}
			clear(b[starts[1]:])
			return os.WriteFile(p, b, 0o600)
		}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			dir, key, starts := recordsInJournal(t, 3)
			if err := tt.harm(filepath.Join(dir, "journal"), starts); err != nil {
				t.Fatal(err)
			}
			for _, opts := range [][]vault.Option{{vault.ReadOnly()}, nil} {
				v, err := vault.Open(dir, key, opts...)
				if err == nil {
					n := len(bodies(t, v))
					v.Close()
					t.Fatalf("opened with %d of 3 acknowledged rows", n)
				}
				wantDamage(t, err, "journal")
			}
			_, err := vault.Verify(dir, key)
			wantDamage(t, err, "journal")
		})
	}
}

// TestRolledBackVaultIsRefused: the vault's files as they were earlier (a
// stale copy from a sync, a backup put back by someone else) open as if
// the later commits never happened.
func TestRolledBackVaultIsRefused(t *testing.T) {
	v, dir, store, _ := newVault(t)
	insert(t, v, 1, "early")
	v.Close()
	early := filepath.Join(t.TempDir(), "early")
	copyVaultFiles(t, dir, early)
	v, err := vault.Open(dir, vault.FromStore(store))
	if err != nil {
		t.Fatal(err)
	}
	insert(t, v, 2, "later")
	v.Close()
	copyVaultFiles(t, early, dir)
	_, err = vault.Open(dir, vault.FromStore(store))
	wantDamage(t, err, "vault.age")
	_, err = vault.Verify(dir, vault.FromStore(store))
	wantDamage(t, err, "vault.age")
}

// TestRolledBackJournalIsRefused: the same snapshot with an earlier copy
// of its journal.
func TestRolledBackJournalIsRefused(t *testing.T) {
	v, dir, store, _ := newVault(t)
	insert(t, v, 1, "early")
	early, err := os.ReadFile(filepath.Join(dir, "journal"))
	if err != nil {
		t.Fatal(err)
	}
	insert(t, v, 2, "later")
	vault.CloseWithoutCompacting(v)
	if err := os.WriteFile(filepath.Join(dir, "journal"), early, 0o600); err != nil {
		t.Fatal(err)
	}
	_, err = vault.Open(dir, vault.FromStore(store))
	wantDamage(t, err, "journal")
}

// forgeSnapshot does what anyone who can write to the folder can do with
// public information: make an SQLite database with the vault's tables
// (the vault id and recipients come from vault.json) and encrypt it with
// stock age to the recipients vault.json lists.
func forgeSnapshot(t *testing.T, dir string) {
	t.Helper()
	b, err := os.ReadFile(filepath.Join(dir, "vault.json"))
	if err != nil {
		t.Fatal(err)
	}
	var meta struct {
		ID         string            `json:"id"`
		Recipients []json.RawMessage `json:"recipients"`
	}
	if err := json.Unmarshal(b, &meta); err != nil {
		t.Fatal(err)
	}
	m, err := vault.ParseMeta(b)
	if err != nil {
		t.Fatal(err)
	}
	recipJSON, _ := json.Marshal(m.Recipients)
	path := filepath.Join(t.TempDir(), "forged.sqlite")
	db, err := sql.Open("sqlite3", path)
	if err != nil {
		t.Fatal(err)
	}
	for _, q := range []string{
		"PRAGMA page_size=16384",
		"CREATE TABLE _vault_meta (key TEXT PRIMARY KEY, value TEXT NOT NULL) WITHOUT ROWID",
		"CREATE TABLE _vault_migrations (component TEXT PRIMARY KEY, version INTEGER NOT NULL) WITHOUT ROWID",
		"CREATE TABLE _vault_log (seq INTEGER PRIMARY KEY, at TEXT NOT NULL, kind TEXT NOT NULL, subject TEXT NOT NULL, data BLOB, prev BLOB NOT NULL, hash BLOB NOT NULL)",
		"CREATE TABLE t (id INTEGER PRIMARY KEY, body TEXT NOT NULL)",
		"INSERT INTO _vault_migrations VALUES('test', 1)",
		"INSERT INTO t VALUES(666, 'planted')",
	} {
		if _, err := db.Exec(q); err != nil {
			t.Fatal(err)
		}
	}
	for k, val := range map[string]string{"vault_id": meta.ID, "format": "1", "generation": "999", "recipients": string(recipJSON)} {
		if _, err := db.Exec("INSERT INTO _vault_meta VALUES(?, ?)", k, val); err != nil {
			t.Fatal(err)
		}
	}
	db.Close()
	plain, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	var recips []age.Recipient
	for _, r := range m.Recipients {
		p, _ := age.ParseX25519Recipient(r.PublicKey)
		recips = append(recips, p)
	}
	var out bytes.Buffer
	w, _ := age.Encrypt(&out, recips...)
	w.Write(plain)
	w.Close()
	if err := os.WriteFile(filepath.Join(dir, "vault.age"), out.Bytes(), 0o600); err != nil {
		t.Fatal(err)
	}
}

// TestForgedSnapshotIsRefused: a snapshot made by someone without a key
// is refused, on this device and on one that never saw the vault.
func TestForgedSnapshotIsRefused(t *testing.T) {
	v, dir, store, _ := newVault(t)
	insert(t, v, 1, "genuine")
	v.Close()
	forgeSnapshot(t, dir)
	_, err := vault.Open(dir, vault.FromStore(store))
	wantDamage(t, err, "vault.age")
	_, err = vault.Verify(dir, vault.FromStore(store))
	wantDamage(t, err, "vault.age")
	// A new machine (no device state) refuses it too.
	fresh := filepath.Join(t.TempDir(), "copy")
	copyVaultFiles(t, dir, fresh)
	_, err = vault.Open(fresh, vault.FromStore(store))
	wantDamage(t, err, "vault.age")
}

// TestAlteredSnapshotWithoutKeyIsRefused: the way-out copy edited with
// sqlite3 and encrypted back with stock age is refused.
func TestAlteredSnapshotWithoutKeyIsRefused(t *testing.T) {
	v, dir, store, c := newVault(t)
	insert(t, v, 1, "genuine")
	v.Close()
	id, _ := age.ParseX25519Identity(c.DeviceKey)
	vaulttest.AlterSnapshotWithoutKey(t, dir, id, func(db *sql.DB) {
		if _, err := db.Exec("UPDATE t SET body = 'altered'"); err != nil {
			t.Fatal(err)
		}
	})
	_, err := vault.Open(dir, vault.FromStore(store))
	wantDamage(t, err, "vault.age")
}

// TestRemovedEventLogEntryIsRefused: the newest log entries removed (by a
// key holder, re-authenticating the file) are missed by the chain, which
// still checks out; the device state catches it.
func TestRemovedEventLogEntryIsRefused(t *testing.T) {
	v, dir, store, c := newVault(t)
	for i := range 3 {
		if err := v.Update(func(tx *vault.Tx) error {
			_, err := tx.Append(vault.Event{Kind: "test.event", Subject: strings.Repeat("s", i+1)})
			return err
		}); err != nil {
			t.Fatal(err)
		}
	}
	v.Close()
	id, _ := age.ParseX25519Identity(c.DeviceKey)
	vaulttest.AlterSnapshot(t, dir, id, func(db *sql.DB) {
		if _, err := db.Exec("DELETE FROM _vault_log WHERE seq = 3"); err != nil {
			t.Fatal(err)
		}
	})
	_, err := vault.Open(dir, vault.FromStore(store))
	wantDamage(t, err, "event log")
	if !errors.Is(err, vault.ErrStale) {
		t.Fatalf("got %v, want ErrStale", err)
	}
}

// TestRestoreAcceptsABackupOnPurpose: the explicit step that takes an
// older vault, and only that, gets past the refusal; afterwards it is the
// newest this device has seen.
func TestRestoreAcceptsABackupOnPurpose(t *testing.T) {
	v, dir, store, _ := newVault(t)
	insert(t, v, 1, "backed up")
	backup := filepath.Join(t.TempDir(), "backup")
	if _, err := v.Backup(backup); err != nil {
		t.Fatal(err)
	}
	insert(t, v, 2, "after the backup")
	v.Close()
	copyVaultFiles(t, backup, dir)
	_, err := vault.Open(dir, vault.FromStore(store))
	if !errors.Is(err, vault.ErrStale) {
		t.Fatalf("open of the put-back backup: got %v, want ErrStale", err)
	}
	v, err = vault.Open(dir, vault.FromStore(store), vault.Restore())
	if err != nil {
		t.Fatalf("restore: %v", err)
	}
	rep, _ := v.Status()
	if rep.DeviceState != "restored" || rep.Seen == nil || rep.Seen.Generation <= rep.Generation {
		t.Errorf("restore report: %+v", rep)
	}
	if got := bodies(t, v); len(got) != 1 || got[1] != "backed up" {
		t.Fatalf("restored vault holds %v", got)
	}
	v.Close()
	v, err = vault.Open(dir, vault.FromStore(store))
	if err != nil {
		t.Fatalf("open after restore: %v", err)
	}
	v.Close()
	// Restore takes the folder on the user's word, but not damage.
	snap := filepath.Join(dir, "vault.age")
	b, _ := os.ReadFile(snap)
	b[len(b)-10] ^= 1
	os.WriteFile(snap, b, 0o600)
	_, err = vault.Open(dir, vault.FromStore(store), vault.Restore())
	wantDamage(t, err, "vault.age")
}

// TestMissingVaultJSONIsRebuilt: vault.json is a plaintext mirror; without
// it the vault is still there, opens from the keyring (its id is in the
// snapshot's header), and gets it back.
func TestMissingVaultJSONIsRebuilt(t *testing.T) {
	v, dir, store, _ := newVault(t)
	insert(t, v, 1, "kept")
	v.Close()
	path := filepath.Join(dir, "vault.json")
	want, _ := os.ReadFile(path)
	for _, harm := range []func() error{
		func() error { return os.Remove(path) },
		func() error { return os.WriteFile(path, []byte("{not json"), 0o600) },
	} {
		if err := harm(); err != nil {
			t.Fatal(err)
		}
		if !vault.Exists(dir) {
			t.Fatal("Exists says there is no vault")
		}
		v, err := vault.Open(dir, vault.FromStore(store))
		if err != nil {
			t.Fatalf("open without vault.json: %v", err)
		}
		if got := bodies(t, v); got[1] != "kept" {
			t.Fatalf("got %v", got)
		}
		v.Close()
		got, err := os.ReadFile(path)
		if err != nil || !bytes.Equal(got, want) {
			t.Fatalf("vault.json not rebuilt as it was:\n%s\nwant\n%s", got, want)
		}
	}
}

// TestCreateRefusesAnyVaultFile: Create never overwrites a vault, even one
// with only some of its files left.
func TestCreateRefusesAnyVaultFile(t *testing.T) {
	v, src, _, _ := newVault(t)
	v.Close()
	for _, name := range []string{"vault.age", "journal", "vault.json", "passphrase.age"} {
		t.Run(name, func(t *testing.T) {
			dir := filepath.Join(t.TempDir(), "v")
			os.MkdirAll(dir, 0o700)
			b, _ := os.ReadFile(filepath.Join(src, name))
			if b == nil {
				b = []byte("x")
			}
			if err := os.WriteFile(filepath.Join(dir, name), b, 0o600); err != nil {
				t.Fatal(err)
			}
			if _, _, err := vault.Create(dir, vault.CreateOptions{}); !errors.Is(err, vault.ErrExists) {
				t.Fatalf("Create over a folder with %s: got %v, want ErrExists", name, err)
			}
			if got, _ := os.ReadFile(filepath.Join(dir, name)); !bytes.Equal(got, b) {
				t.Fatalf("%s was changed", name)
			}
		})
	}
}
