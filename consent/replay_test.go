package consent_test

import (
	"os"
	"path/filepath"
	"testing"

	"github.com/confidenotes/confide/consent"
	"github.com/confidenotes/confide/vault"
)

// TestJournalReplay copies the vault's files while it is open, as a crash
// would leave them, and checks that replaying the journal gives the same
// records: every statement the package runs must be deterministic.
func TestJournalReplay(t *testing.T) {
	f := newFixture(t)
	a, err := f.s.AddAuthorization(completeAuth(f.client))
	if err != nil {
		t.Fatal(err)
	}
	if _, err := f.s.Revoke(a.ID, "2026-12-01"); err != nil {
		t.Fatal(err)
	}
	d := f.disclose(t, "2026-11-20", consent.CourtOrder)
	r, err := f.s.AddRequest(consent.Request{ClientID: f.client, Kind: consent.AmendmentRequest, Received: "2026-11-01"})
	if err != nil {
		t.Fatal(err)
	}
	if _, err := f.s.Extend(r.ID, "2026-11-05", "records in storage"); err != nil {
		t.Fatal(err)
	}
	dst := filepath.Join(t.TempDir(), "copy")
	if err := os.MkdirAll(dst, 0o700); err != nil {
		t.Fatal(err)
	}
	for _, name := range []string{"vault.json", "vault.age", "journal"} {
		b, err := os.ReadFile(filepath.Join(f.dir, name))
		if err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(filepath.Join(dst, name), b, 0o600); err != nil {
			t.Fatal(err)
		}
	}
	v, err := vault.Open(dst, vault.WithIdentities(f.identity(t)), vault.ReadOnly())
	if err != nil {
		t.Fatal(err)
	}
	defer v.Close()
	s, err := consent.Open(v)
	if err != nil {
		t.Fatal(err)
	}
	if n, err := s.VerifyDisclosures(); err != nil || n != 1 {
		t.Errorf("replayed accounting: %d entries, %v", n, err)
	}
	got, err := s.Disclosure(d.ID)
	if err != nil || *got != *d {
		t.Errorf("replayed disclosure = %+v, %v; want %+v", got, err, d)
	}
	ra, err := s.Authorization(a.ID)
	if err != nil || ra.Revoked != "2026-12-01" {
		t.Errorf("replayed authorization = %+v, %v", ra, err)
	}
	rs, err := s.Requests(f.client)
	if err != nil || len(rs) != 1 || rs[0].Due != "2027-01-30" {
		t.Errorf("replayed requests = %+v, %v", rs, err)
	}
}
