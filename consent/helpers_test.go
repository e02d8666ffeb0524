package consent_test

import (
	"database/sql"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"filippo.io/age"

	"github.com/confidenotes/confide/consent"
	"github.com/confidenotes/confide/notes"
	"github.com/confidenotes/confide/vault"
	"github.com/confidenotes/confide/vault/vaulttest"
)

// testNow is the fixed clock of the tests.
var testNow = time.Date(2026, 11, 23, 10, 0, 0, 0, time.UTC)

// fixture is a consent store on a fresh vault, with one adult client.
type fixture struct {
	v       *vault.Vault
	s       *consent.Store
	dir     string
	created *vault.Created
	client  string
}

func newFixture(t *testing.T) *fixture {
	t.Helper()
	f := &fixture{dir: filepath.Join(t.TempDir(), "vault")}
	v, c, err := vault.Create(f.dir, vault.CreateOptions{}, vault.Clock(func() time.Time { return testNow }))
	if err != nil {
		t.Fatal(err)
	}
	f.v, f.created = v, c
	t.Cleanup(func() { f.v.Close() })
	f.open(t)
	f.client = f.addClient(t, notes.Client{Name: "Ada Example", DOB: "1980-02-03", Addresses: []string{"1 Main St, Springfield"}})
	return f
}

func (f *fixture) open(t *testing.T) {
	t.Helper()
	s, err := consent.Open(f.v, consent.WithClock(func() time.Time { return testNow }))
	if err != nil {
		t.Fatal(err)
	}
	f.s = s
}

func (f *fixture) identity(t *testing.T) *age.X25519Identity {
	t.Helper()
	id, err := age.ParseX25519Identity(f.created.DeviceKey)
	if err != nil {
		t.Fatal(err)
	}
	return id
}

// alterSnapshot closes the vault, runs stmt on its decrypted snapshot and
// encrypts the result back in place, as someone holding the key could,
// bypassing every check of the vault and of this package.
func (f *fixture) alterSnapshot(t *testing.T, stmts ...string) {
	t.Helper()
	if err := f.v.Close(); err != nil {
		t.Fatal(err)
	}
	vaulttest.AlterSnapshot(t, f.dir, f.identity(t), func(db *sql.DB) {
		for _, s := range stmts {
			if _, err := db.Exec(s); err != nil {
				t.Fatalf("%s: %v", s, err)
			}
		}
	})
	var err error
	if f.v, err = vault.Open(f.dir, vault.WithIdentities(f.identity(t))); err != nil {
		t.Fatal(err)
	}
	f.open(t)
}

func (f *fixture) addClient(t *testing.T, c notes.Client) string {
	t.Helper()
	added, err := f.s.Notes().AddClient(c)
	if err != nil {
		t.Fatal(err)
	}
	return added.ID
}

// completeAuth returns an authorization with every required element.
func completeAuth(clientID string) consent.Authorization {
	return consent.Authorization{ClientID: clientID, Info: "treatment summary 2026", Discloser: "Dr. Lee",
		Recipient: "Dr. Smith", RecipientAddress: "2 Clinic Rd", Purpose: "continuity of care",
		Expires: "2027-06-30", Signed: "2026-11-01", Signer: "the client"}
}

// pdfText runs pdftotext on a PDF file and returns its text with runs of
// white space collapsed, so that assertions do not depend on line breaks.
func pdfText(t *testing.T, path string) string {
	t.Helper()
	out, err := exec.Command("pdftotext", path, "-").CombinedOutput()
	if err != nil {
		t.Fatalf("pdftotext: %v\n%s", err, out)
	}
	return strings.Join(strings.Fields(string(out)), " ")
}
