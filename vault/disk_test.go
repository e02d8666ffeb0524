package vault_test

import (
	"bytes"
	"database/sql"
	"errors"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"testing/fstest"

	"filippo.io/age"
	_ "github.com/mattn/go-sqlite3"

	"github.com/confidenotes/confide/vault"
	"github.com/confidenotes/confide/vault/vaulttest"
)

// TestRoundTripThroughStockTools: after compact, the snapshot decrypts with
// the age library and the plaintext opens as an ordinary SQLite database.
func TestRoundTripThroughStockTools(t *testing.T) {
	v, dir, _, c := newVault(t)
	insert(t, v, 7, "a session note")
	if err := v.Compact(); err != nil {
		t.Fatal(err)
	}
	for _, key := range []string{c.DeviceKey, c.RecoveryKey} {
		id, _ := age.ParseX25519Identity(key)
		f, _ := os.Open(filepath.Join(dir, "vault.age"))
		r, err := age.Decrypt(f, id)
		if err != nil {
			t.Fatal(err)
		}
		plain, _ := io.ReadAll(r)
		f.Close()
		if !bytes.HasPrefix(plain, []byte("SQLite format 3\x00")) {
			t.Fatal("plaintext is not an SQLite file")
		}
		path := filepath.Join(t.TempDir(), "out.sqlite")
		os.WriteFile(path, plain, 0o600)
		db, err := sql.Open("sqlite3", path)
		if err != nil {
			t.Fatal(err)
		}
		var body string
		if err := db.QueryRow("SELECT body FROM t WHERE id = 7").Scan(&body); err != nil || body != "a session note" {
			t.Fatalf("got %q, %v", body, err)
		}
		db.Close()
	}
}

// TestNoPlaintextOnDisk writes a canary through every path that touches
// the disk and then looks for it under the vault folder, TMPDIR and HOME.
func TestNoPlaintextOnDisk(t *testing.T) {
	root := t.TempDir()
	home, tmp := filepath.Join(root, "home"), filepath.Join(root, "tmp")
	os.MkdirAll(home, 0o700)
	os.MkdirAll(tmp, 0o700)
	t.Setenv("HOME", home)
	t.Setenv("TMPDIR", tmp)
	const canary = "CANARY-7f3e9a-Marguerite-Oyelaran"
	store := vaulttest.KeyStore{}
	dir := filepath.Join(home, ".local", "share", "confide")
	v, _, err := vault.Create(dir, vault.CreateOptions{Store: store}, vault.JournalLimit(4096))
	if err != nil {
		t.Fatal(err)
	}
	if err := v.Migrate("test", testSchema); err != nil {
		t.Fatal(err)
	}
	big := strings.Repeat(canary+" ", 2000) // large enough to spill if anything could
	for i := 0; i < 20; i++ {
		insert(t, v, i, big)
	}
	if err := v.Migrate("test", fstest.MapFS{
		"0001_t.sql":     testSchema["0001_t.sql"],
		"0002_index.sql": {Data: []byte("CREATE INDEX t_body ON t(body);")},
	}); err != nil {
		t.Fatal(err)
	}
	v.Read(func(q vault.Querier) error { // a sort that would use a temp b-tree
		rows, err := q.Query("SELECT body FROM t ORDER BY body DESC, id")
		if err == nil {
			rows.Close()
		}
		return err
	})
	if _, err := v.Backup(filepath.Join(home, "backup")); err != nil {
		t.Fatal(err)
	}
	v.Close()
	v, err = vault.Open(dir, vault.FromStore(store))
	if err != nil {
		t.Fatal(err)
	}
	insert(t, v, 100, canary)
	v.Close()
	for _, top := range []string{dir, tmp, home} {
		filepath.WalkDir(top, func(path string, d fs.DirEntry, err error) error {
			if err != nil || d.IsDir() {
				return err
			}
			b, _ := os.ReadFile(path)
			if bytes.Contains(b, []byte(canary)) || bytes.Contains(b, []byte("Marguerite")) {
				t.Errorf("plaintext found in %s", path)
			}
			return nil
		})
	}
}

func TestSecondOpenIsRefused(t *testing.T) {
	v, dir, store, c := newVault(t)
	if _, err := vault.Open(dir, vault.FromStore(store)); !errors.Is(err, vault.ErrInUse) {
		t.Fatalf("same process: got %v, want ErrInUse", err)
	}
	v.Close()
	cmd, lines := startChild(t, "hold", dir, c.DeviceKey)
	defer func() { cmd.Process.Kill(); cmd.Wait() }()
	if !lines.Scan() || lines.Text() != "open" {
		t.Fatal("child did not open the vault")
	}
	_, err := vault.Open(dir, vault.FromStore(store))
	if !errors.Is(err, vault.ErrInUse) {
		t.Fatalf("other process: got %v, want ErrInUse", err)
	}
	if err.Error() != "the vault is open in another window or process" {
		t.Fatalf("message %q", err)
	}
}

func TestNewerFormatIsRefused(t *testing.T) {
	v, dir, store, _ := newVault(t)
	v.Close()
	path := filepath.Join(dir, "vault.json")
	b, _ := os.ReadFile(path)
	os.WriteFile(path, bytes.Replace(b, []byte(`"format": 2`), []byte(`"format": 3`), 1), 0o600)
	if _, err := vault.Open(dir, vault.FromStore(store)); !errors.Is(err, vault.ErrNewerFormat) {
		t.Fatalf("got %v, want ErrNewerFormat", err)
	}
}

func TestMigrations(t *testing.T) {
	v, dir, store, _ := newVault(t)
	m1 := fstest.MapFS{"0001_init.sql": {Data: []byte("CREATE TABLE notes_x (id TEXT PRIMARY KEY);")}}
	m2 := fstest.MapFS{
		"0001_init.sql": m1["0001_init.sql"],
		"0002_more.sql": {Data: []byte("ALTER TABLE notes_x ADD COLUMN body TEXT;")},
	}
	if err := v.Migrate("notes", m2); err != nil {
		t.Fatal(err)
	}
	if err := v.Migrate("notes", m2); err != nil { // idempotent
		t.Fatal(err)
	}
	if err := v.Migrate("notes", m1); !errors.Is(err, vault.ErrNewerFormat) {
		t.Fatalf("older binary on a newer schema: got %v, want ErrNewerFormat", err)
	}
	bad := fstest.MapFS{"01-init.sql": {Data: []byte("SELECT 1")}}
	if err := v.Migrate("consent", bad); err == nil {
		t.Fatal("a badly named migration was accepted")
	}
	vault.CloseWithoutCompacting(v)
	v, err := vault.Open(dir, vault.FromStore(store))
	if err != nil {
		t.Fatal(err)
	}
	defer v.Close()
	if err := v.Update(func(tx *vault.Tx) error {
		_, err := tx.Exec("INSERT INTO notes_x(id, body) VALUES('a', 'b')")
		return err
	}); err != nil {
		t.Fatalf("migrated schema after replay: %v", err)
	}
}

func TestTxRefusesWhatCannotReplay(t *testing.T) {
	v, _, _, _ := newVault(t)
	for _, q := range []string{
		"INSERT INTO t(id, body) VALUES(random(), 'x')",
		"INSERT INTO t(id, body) VALUES(1, datetime('now'))",
		"INSERT INTO t(id, body) VALUES(1, CURRENT_TIMESTAMP)",
		"ATTACH DATABASE '/tmp/x.db' AS x",
		"VACUUM INTO '/tmp/plain.db'",
		"PRAGMA writable_schema=1",
		"DROP TRIGGER IF EXISTS t_frozen",
		"CREATE TABLE u (x)",
		"alter table t add column y",
		"DELETE FROM _vault_log",
		"UPDATE _VAULT_META SET value = '9'",
	} {
		err := v.Update(func(tx *vault.Tx) error { _, err := tx.Exec(q); return err })
		if !errors.Is(err, vault.ErrStatement) {
			t.Errorf("%s: got %v, want ErrStatement", q, err)
		}
	}
	// Reads cannot write, even through Query.
	err := v.Read(func(q vault.Querier) error {
		rows, err := q.Query("INSERT INTO t(id, body) VALUES(99, 'x') RETURNING id")
		if err != nil {
			return err
		}
		defer rows.Close()
		for rows.Next() {
		}
		return rows.Err()
	})
	if err == nil {
		t.Fatal("a write through Read succeeded")
	}
}

func TestEventLogDetectsTampering(t *testing.T) {
	v, dir, _, c := newVault(t)
	for i, kind := range []string{"note.signed", "note.signed", "release.made"} {
		if err := v.Update(func(tx *vault.Tx) error {
			_, err := tx.Append(vault.Event{Kind: kind, Subject: "n-" + string(rune('a'+i)), Data: []byte{byte(i)}})
			return err
		}); err != nil {
			t.Fatal(err)
		}
	}
	if n, err := v.VerifyLog(); err != nil || n != 3 {
		t.Fatalf("VerifyLog = %d, %v", n, err)
	}
	v.Compact()
	v.Close()
	// Someone holding the key rewrites a past entry in the plaintext
	// database and writes it back, authenticated: the chain must catch it.
	id, _ := age.ParseX25519Identity(c.DeviceKey)
	vaulttest.AlterSnapshot(t, dir, id, func(db *sql.DB) {
		if _, err := db.Exec("UPDATE _vault_log SET subject = 'n-z' WHERE seq = 2"); err != nil {
			t.Fatal(err)
		}
	})
	_, err := vault.Verify(dir, vault.WithIdentities(id))
	var dmg *vault.DamageError
	if !errors.As(err, &dmg) || !strings.Contains(dmg.Reason, "entry 2") {
		t.Fatalf("got %v, want damage at entry 2", err)
	}
}

func TestBackupOpensAsAVault(t *testing.T) {
	v, dir, store, _ := newVault(t)
	insert(t, v, 1, "in the journal")
	dest := filepath.Join(t.TempDir(), "backup")
	if _, err := v.Backup(dest); err != nil {
		t.Fatal(err)
	}
	if _, err := v.Backup(dir); err == nil {
		t.Fatal("backing up into the vault folder itself was allowed")
	}
	v.Close()
	b, err := vault.Open(dest, vault.FromStore(store))
	if err != nil {
		t.Fatal(err)
	}
	defer b.Close()
	if got := bodies(t, b); got[1] != "in the journal" {
		t.Fatalf("backup holds %v", got)
	}
}
