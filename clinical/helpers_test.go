package clinical_test

import (
	"database/sql"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"filippo.io/age"

	"github.com/confidenotes/confide/clinical"
	"github.com/confidenotes/confide/notes"
	"github.com/confidenotes/confide/vault"
	"github.com/confidenotes/confide/vault/vaulttest"
)

type clock struct{ t time.Time }

func (c *clock) now() time.Time { return c.t }

// fixture is a clinical store on a fresh vault in a temp folder.
type fixture struct {
	*clinical.Store
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
	s, err := clinical.Open(v, clinical.WithClock(f.clock.now))
	if err != nil {
		tb.Fatal(err)
	}
	f.Store = s
	return f
}

func (f *fixture) client(tb testing.TB, name string) string {
	tb.Helper()
	c, err := f.Notes().AddClient(notes.Client{Name: name, DOB: "1980-05-17", IntakeDate: "2025-01-10"})
	if err != nil {
		tb.Fatal(err)
	}
	return c.ID
}

// note adds a draft note of a kind on a date, with text. A session note
// (intake, progress) gets what signing needs: a 50-minute 90834 at 10:00.
func (f *fixture) note(tb testing.TB, clientID string, kind notes.Kind, date, text string) *notes.Note {
	tb.Helper()
	sess := notes.Session{Date: date}
	if kind.IsSession() {
		sess.Start, sess.DurationMin, sess.ServiceCode = "10:00", 50, clinical.Code45
	}
	n, err := f.Notes().NewDraft(notes.Draft{ClientID: clientID, Kind: kind, Template: notes.Free,
		Session: sess, Sections: notes.Free.ParseBody(text)})
	if err != nil {
		tb.Fatal(err)
	}
	return n
}

func (f *fixture) give(tb testing.TB, clientID, instrument, date string, items ...int) *clinical.Measure {
	tb.Helper()
	m, err := f.Give(clinical.Given{ClientID: clientID, Instrument: instrument, Date: date, Items: items, GivenBy: "Dr. Lee"})
	if err != nil {
		tb.Fatal(err)
	}
	return m
}

func total(n int) *int { return &n }

// spread returns n answers that add up to sum, none above hi, filled from
// the first item.
func spread(n, sum, hi int) []int {
	out := make([]int, n)
	for i := range out {
		out[i] = min(hi, sum)
		sum -= out[i]
	}
	return out
}

func mustContain(tb testing.TB, err error, want string) {
	tb.Helper()
	if err == nil || !strings.Contains(err.Error(), want) {
		tb.Fatalf("error = %v, want one containing %q", err, want)
	}
}

// exec runs one statement through the vault, as any code could.
func (f *fixture) exec(query string, args ...any) error {
	return f.v.Update(func(tx *vault.Tx) error {
		_, err := tx.Exec(query, args...)
		return err
	})
}

// alterSnapshot closes the vault, runs stmt on its decrypted snapshot and
// encrypts it back in place, as someone with the key could, then opens
// the vault again.
func (f *fixture) alterSnapshot(tb testing.TB, stmt string) {
	tb.Helper()
	if err := f.v.Close(); err != nil {
		tb.Fatal(err)
	}
	id, err := age.ParseX25519Identity(f.created.DeviceKey)
	if err != nil {
		tb.Fatal(err)
	}
	vaulttest.AlterSnapshot(tb, f.dir, id, func(db *sql.DB) {
		if _, err := db.Exec(stmt); err != nil {
			tb.Fatal(err)
		}
	})
	v, err := vault.Open(f.dir, vault.FromStore(f.keys))
	if err != nil {
		tb.Fatal(err)
	}
	f.v = v
	s, err := clinical.Open(v, clinical.WithClock(f.clock.now))
	if err != nil {
		tb.Fatal(err)
	}
	f.Store = s
}
