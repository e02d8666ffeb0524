package vaulttest

import (
	"bytes"
	"crypto/hkdf"
	"crypto/hmac"
	"crypto/sha256"
	"database/sql"
	"encoding/binary"
	"io"
	"os"
	"path/filepath"
	"strconv"
	"testing"

	"filippo.io/age"
	_ "github.com/mattn/go-sqlite3" // a plain SQLite, as anyone with the key could use
	"golang.org/x/crypto/chacha20poly1305"

	"github.com/confidenotes/confide/vault"
)

// AlterSnapshot does to a closed vault in dir what someone holding the key
// id could do, bypassing every check of the vault and of the domain
// packages: it decrypts vault.age, runs fn on the plaintext database with
// a plain SQLite, and writes the result back as the next generation,
// encrypted to the recipients of vault.json and authenticated the way the
// vault's documentation (vault/doc.go) says, re-implemented here from that
// text alone. Tests use it to prove that what a key holder changes behind
// the vault's back is caught by the checks that remain: the event log's
// chain, the device state's log head, the domain packages' hashes.
func AlterSnapshot(tb testing.TB, dir string, identity age.Identity, fn func(db *sql.DB)) {
	tb.Helper()
	id, ok := identity.(*age.X25519Identity)
	if !ok {
		tb.Fatal("AlterSnapshot needs an X25519 identity")
	}
	c := &captureIdentity{X25519Identity: id}
	plain := decryptSnapshot(tb, dir, c)
	fields := authStanza(tb, c.stanzas)
	key := unwrapAuthKey(tb, c.stanzas, id, fields)
	gen, _ := strconv.ParseUint(fields[3], 10, 64)
	next := strconv.FormatUint(gen+1, 10)
	plain = alterDatabase(tb, plain, func(db *sql.DB) {
		fn(db)
		if _, err := db.Exec("UPDATE _vault_meta SET value = ? WHERE key = 'generation'", next); err != nil {
			tb.Fatal(err)
		}
	})
	fields[3] = next
	auth := &keyHolder{key: key, args: fields[1:], carry: carried(c.stanzas)}
	writeSnapshot(tb, dir, plain, auth)
}

// AlterSnapshotWithoutKey is AlterSnapshot as someone without a key, who
// can only write to the folder, would do it given the plaintext (from a
// way-out copy): the result is encrypted with stock age to the public
// recipients of vault.json, and carries no authentication.
func AlterSnapshotWithoutKey(tb testing.TB, dir string, id age.Identity, fn func(db *sql.DB)) {
	tb.Helper()
	plain := decryptSnapshot(tb, dir, id)
	writeSnapshot(tb, dir, alterDatabase(tb, plain, fn))
}

func decryptSnapshot(tb testing.TB, dir string, id age.Identity) []byte {
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
	return plain
}

func alterDatabase(tb testing.TB, plain []byte, fn func(db *sql.DB)) []byte {
	tb.Helper()
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
	out, err := os.ReadFile(path)
	if err != nil {
		tb.Fatal(err)
	}
	return out
}

// writeSnapshot encrypts plain to vault.json's recipients (and extra) over
// vault.age.
func writeSnapshot(tb testing.TB, dir string, plain []byte, extra ...age.Recipient) {
	tb.Helper()
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
	w, err := age.Encrypt(&out, append(recips, extra...)...)
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

// captureIdentity keeps the header's stanzas.
type captureIdentity struct {
	*age.X25519Identity
	stanzas []*age.Stanza
}

func (c *captureIdentity) Unwrap(stanzas []*age.Stanza) ([]byte, error) {
	c.stanzas = stanzas
	return c.X25519Identity.Unwrap(stanzas)
}

// authStanza returns the confide-auth stanza's type and arguments: kind,
// vault id, generation, epoch, writer.
func authStanza(tb testing.TB, stanzas []*age.Stanza) []string {
	tb.Helper()
	for _, s := range stanzas {
		if s.Type == "confide-auth" && len(s.Args) == 5 {
			return append([]string{s.Type}, s.Args...)
		}
	}
	tb.Fatal("the snapshot carries no confide-auth stanza")
	return nil
}

// unwrapAuthKey opens the confide-wrap stanza of id and follows the
// confide-link stanzas to the snapshot's epoch.
func unwrapAuthKey(tb testing.TB, stanzas []*age.Stanza, id *age.X25519Identity, auth []string) []byte {
	tb.Helper()
	vaultID, epoch := auth[2], auth[4]
	pk := id.Recipient().String()
	wrapKey, err := hkdf.Key(sha256.New, []byte(id.String()), []byte("confide"), "confide recipient key v1", 32)
	if err != nil {
		tb.Fatal(err)
	}
	var key []byte
	var e uint64
	for _, s := range stanzas {
		if s.Type == "confide-wrap" && len(s.Args) == 2 && s.Args[1] == pk {
			key = open(tb, wrapKey, s.Body, lp("confide-wrap-v1", vaultID, s.Args[0], pk))
			e, _ = strconv.ParseUint(s.Args[0], 10, 64)
		}
	}
	if key == nil {
		tb.Fatal("no confide-wrap stanza for this key")
	}
	want, _ := strconv.ParseUint(epoch, 10, 64)
	for ; e < want; e++ {
		for _, s := range stanzas {
			if s.Type == "confide-link" && len(s.Args) == 1 && s.Args[0] == strconv.FormatUint(e, 10) {
				key = open(tb, key, s.Body, lp("confide-link-v1", vaultID, s.Args[0]))
			}
		}
	}
	return key
}

func open(tb testing.TB, key, sealed, ad []byte) []byte {
	tb.Helper()
	aead, err := chacha20poly1305.NewX(key)
	if err != nil || len(sealed) < aead.NonceSize() {
		tb.Fatal("bad sealed key")
	}
	out, err := aead.Open(nil, sealed[:aead.NonceSize()], sealed[aead.NonceSize():], ad)
	if err != nil {
		tb.Fatal("a sealed key does not open")
	}
	return out
}

// lp is the fields, each preceded by its length as an unsigned varint.
func lp(fields ...string) []byte {
	var b []byte
	for _, f := range fields {
		b = binary.AppendUvarint(b, uint64(len(f)))
		b = append(b, f...)
	}
	return b
}

// carried are the wrap and link stanzas, which go unchanged into the next
// snapshot.
func carried(stanzas []*age.Stanza) []*age.Stanza {
	var out []*age.Stanza
	for _, s := range stanzas {
		if s.Type == "confide-wrap" || s.Type == "confide-link" {
			out = append(out, s)
		}
	}
	return out
}

// keyHolder is an age.Recipient that adds the confide stanzas, as a key
// holder can.
type keyHolder struct {
	key   []byte
	args  []string // kind, vault id, generation, epoch, writer
	carry []*age.Stanza
}

func (k *keyHolder) Wrap(fileKey []byte) ([]*age.Stanza, error) {
	m := hmac.New(sha256.New, k.key)
	m.Write(lp(append([]string{"confide-auth-v1"}, k.args...)...))
	m.Write(fileKey)
	return append([]*age.Stanza{{Type: "confide-auth", Args: k.args, Body: m.Sum(nil)}}, k.carry...), nil
}
