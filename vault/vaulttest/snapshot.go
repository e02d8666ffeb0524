package vaulttest

import (
	"bytes"
	"database/sql"
	"io"
	"os"
	"path/filepath"
	"testing"

	"filippo.io/age"
	_ "github.com/mattn/go-sqlite3" // a plain SQLite, as anyone with the key could use

	"github.com/confidenotes/confide/vault"
)

// AlterSnapshot does to a closed vault in dir what someone holding the key
// could do, bypassing every check of the vault and of the domain packages:
// it decrypts vault.age with id, runs fn on the plaintext database with a
// plain SQLite, and encrypts the result back in place to the recipients of
// vault.json. Tests use it to prove that tampering is detected.
func AlterSnapshot(tb testing.TB, dir string, id age.Identity, fn func(db *sql.DB)) {
	tb.Helper()
	enc, err := os.ReadFile(filepath.Join(dir, "vault.age"))
	if err != nil {
		tb.Fatal(err)
	}
	r, err := age.Decrypt(bytes.NewReader(enc), id)
	if err != nil {
		tb.Fatal(err)
	}
	plain, err := io.ReadAll(r)
	if err != nil {
		tb.Fatal(err)
	}
	path := filepath.Join(tb.TempDir(), "plain.sqlite")
	if err := os.WriteFile(path, plain, 0o600); err != nil {
		tb.Fatal(err)
	}
	db, err := sql.Open("sqlite3", path)
	if err != nil {
		tb.Fatal(err)
	}
	fn(db)
	db.Close()
	if plain, err = os.ReadFile(path); err != nil {
		tb.Fatal(err)
	}
	metaBytes, err := os.ReadFile(filepath.Join(dir, "vault.json"))
	if err != nil {
		tb.Fatal(err)
	}
	meta, err := vault.ParseMeta(metaBytes)
	if err != nil {
		tb.Fatal(err)
	}
	var recips []age.Recipient
	for _, rc := range meta.Recipients {
		p, err := age.ParseX25519Recipient(rc.PublicKey)
		if err != nil {
			tb.Fatal(err)
		}
		recips = append(recips, p)
	}
	var out bytes.Buffer
	w, err := age.Encrypt(&out, recips...)
	if err != nil {
		tb.Fatal(err)
	}
	w.Write(plain)
	if err := w.Close(); err != nil {
		tb.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(dir, "vault.age"), out.Bytes(), 0o600); err != nil {
		tb.Fatal(err)
	}
}
