package notes_test

import (
	"bytes"
	"database/sql"
	"io"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"filippo.io/age"

	"github.com/confidenotes/confide/notes"
	"github.com/confidenotes/confide/vault"
	"github.com/confidenotes/confide/vault/vaulttest"
)

// clock is a test clock that moves only when told.
type clock struct{ t time.Time }

func (c *clock) now() time.Time          { return c.t }
func (c *clock) advance(d time.Duration) { c.t = c.t.Add(d) }

// fixture is a store on a fresh vault in a temp folder.
type fixture struct {
	*notes.Store
	v       *vault.Vault
	dir     string
	keys    vaulttest.KeyStore
	created *vault.Created
	clock   *clock
}

func newFixture(tb testing.TB) *fixture {
	tb.Helper()
	f := &fixture{dir: filepath.Join(tb.TempDir(), "vault"), keys: vaulttest.KeyStore{},
		clock: &clock{time.Date(2026, 3, 14, 9, 30, 0, 0, time.UTC)}}
	v, c, err := vault.Create(f.dir, vault.CreateOptions{Store: f.keys, Label: "test"})
	if err != nil {
		tb.Fatal(err)
	}
	f.v, f.created = v, c
	tb.Cleanup(func() { f.v.Close() })
	f.open(tb)
	return f
}

func (f *fixture) open(tb testing.TB) {
	tb.Helper()
	s, err := notes.Open(f.v, notes.WithClock(f.clock.now))
	if err != nil {
		tb.Fatal(err)
	}
	f.Store = s
}

// reopen closes the vault (compacting it) and opens it again.
func (f *fixture) reopen(tb testing.TB) {
	tb.Helper()
	if err := f.v.Close(); err != nil {
		tb.Fatal(err)
	}
	v, err := vault.Open(f.dir, vault.FromStore(f.keys))
	if err != nil {
		tb.Fatal(err)
	}
	f.v = v
	f.open(tb)
}

func (f *fixture) client(tb testing.TB, name string) *notes.Client {
	tb.Helper()
	c, err := f.AddClient(notes.Client{Name: name, DOB: "1980-05-17", IntakeDate: "2025-01-10"})
	if err != nil {
		tb.Fatal(err)
	}
	return c
}

func (f *fixture) draft(tb testing.TB, clientID string, kind notes.Kind, text string) *notes.Note {
	tb.Helper()
	n, err := f.NewDraft(notes.Draft{ClientID: clientID, Kind: kind, Template: notes.Free,
		Session: notes.Session{Date: "2026-03-13", Start: "10:00", DurationMin: 50, ServiceCode: "90834"}})
	if err != nil {
		tb.Fatal(err)
	}
	if err := f.UpdateDraft(n.ID, []notes.Section{{Name: "Note", Text: text}}); err != nil {
		tb.Fatal(err)
	}
	return n
}

func (f *fixture) signed(tb testing.TB, clientID string, text string) *notes.Note {
	tb.Helper()
	n, err := f.Sign(f.draft(tb, clientID, notes.Progress, text).ID)
	if err != nil {
		tb.Fatal(err)
	}
	return n
}

// count returns the number of rows of a table.
func (f *fixture) count(tb testing.TB, table string) int {
	tb.Helper()
	var n int
	if err := f.v.Read(func(q vault.Querier) error {
		return q.QueryRow("SELECT count(*) FROM " + table).Scan(&n)
	}); err != nil {
		tb.Fatal(err)
	}
	return n
}

// snapshot closes the vault and returns its decrypted snapshot; the
// fixture is reopened afterwards.
func (f *fixture) snapshot(tb testing.TB) []byte {
	tb.Helper()
	if err := f.v.Close(); err != nil {
		tb.Fatal(err)
	}
	defer func() {
		v, err := vault.Open(f.dir, vault.FromStore(f.keys))
		if err != nil {
			tb.Fatal(err)
		}
		f.v = v
		f.open(tb)
	}()
	return f.decrypt(tb)
}

func (f *fixture) decrypt(tb testing.TB) []byte {
	tb.Helper()
	id, err := age.ParseX25519Identity(f.created.DeviceKey)
	if err != nil {
		tb.Fatal(err)
	}
	enc, err := os.Open(filepath.Join(f.dir, "vault.age"))
	if err != nil {
		tb.Fatal(err)
	}
	defer enc.Close()
	r, err := age.Decrypt(enc, id)
	if err != nil {
		tb.Fatal(err)
	}
	b, err := io.ReadAll(r)
	if err != nil {
		tb.Fatal(err)
	}
	return b
}

// alterSnapshot closes the vault, runs fn on its decrypted snapshot and
// encrypts the result back in place, as someone with the key could.
func (f *fixture) alterSnapshot(tb testing.TB, fn func(db *sql.DB)) {
	tb.Helper()
	if err := f.v.Close(); err != nil {
		tb.Fatal(err)
	}
	id, err := age.ParseX25519Identity(f.created.DeviceKey)
	if err != nil {
		tb.Fatal(err)
	}
	vaulttest.AlterSnapshot(tb, f.dir, id, fn)
	v, err := vault.Open(f.dir, vault.FromStore(f.keys))
	if err != nil {
		tb.Fatal(err)
	}
	f.v = v
	f.open(tb)
}

// contains reports whether b holds s in UTF-8 or, for safety, UTF-16.
func contains(b []byte, s string) bool {
	if bytes.Contains(b, []byte(s)) || bytes.Contains(bytes.ToLower(b), []byte(strings.ToLower(s))) {
		return true
	}
	var u16 []byte
	for _, r := range s {
		u16 = append(u16, byte(r), 0)
	}
	return bytes.Contains(b, u16)
}

// integrityCheck runs FTS5's own check that the index matches the content.
func integrityCheck(tx *vault.Tx) error {
	_, err := tx.Exec("INSERT INTO note_search(note_search, rank) VALUES('integrity-check', 1)")
	return err
}
