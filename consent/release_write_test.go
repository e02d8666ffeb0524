package consent_test

import (
	"bytes"
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/confidenotes/confide/consent"
	"github.com/confidenotes/confide/vault"
)

// TestRelativeReleasePathSurvivesAChangeOfFolder: a release given a
// relative path, interrupted after it was recorded, is finished by the
// next Open even when that runs from another folder, because its files
// are noted by absolute path; nothing is left behind.
func TestRelativeReleasePathSurvivesAChangeOfFolder(t *testing.T) {
	f := newReleaseFixture(t)
	r, err := f.s.NewRelease(consent.ReleaseRequest{ClientID: f.maria, Type: consent.ToClient, Recipient: "Maria Garcia",
		Purpose: "at the request of the individual"})
	if err != nil {
		t.Fatal(err)
	}
	dir := t.TempDir()
	t.Chdir(dir)
	restore := consent.FailRenames(errors.New("killed"))
	_, err = r.Release("release.pdf", consent.ReleaseOptions{})
	restore()
	if err == nil {
		t.Fatal("the release reported its file in place")
	}
	t.Chdir(t.TempDir()) // the app starts again, from elsewhere
	f.open(t)
	if raw, err := os.ReadFile(filepath.Join(dir, "release.pdf")); err != nil || !bytes.HasPrefix(raw, []byte("%PDF-")) {
		t.Fatalf("the recorded release was not put in place: %v", err)
	}
	entries, _ := os.ReadDir(dir)
	for _, e := range entries {
		if strings.HasPrefix(e.Name(), ".confide-release-") {
			t.Errorf("a temporary file of plaintext is left: %s", e.Name())
		}
	}
	if n, _ := f.s.PendingReleaseFiles(); n != 0 {
		t.Errorf("%d release files still noted", n)
	}
}

// TestReleaseRefusesAVaultFolder: a release is never written over, or
// beside, a vault's own files, and nothing is recorded.
func TestReleaseRefusesAVaultFolder(t *testing.T) {
	f := newReleaseFixture(t)
	r, err := f.s.NewRelease(consent.ReleaseRequest{ClientID: f.maria, Type: consent.ToClient, Recipient: "Maria Garcia",
		Purpose: "at the request of the individual"})
	if err != nil {
		t.Fatal(err)
	}
	before, _ := os.ReadFile(filepath.Join(f.dir, "vault.age"))
	if _, err := r.Release(filepath.Join(f.dir, "vault.age"), consent.ReleaseOptions{}); !errors.Is(err, vault.ErrInsideVault) {
		t.Fatalf("release over vault.age: %v, want ErrInsideVault", err)
	}
	if after, _ := os.ReadFile(filepath.Join(f.dir, "vault.age")); !bytes.Equal(before, after) {
		t.Fatal("vault.age was changed")
	}
	if ds, _ := f.s.Disclosures(f.maria); len(ds) != 0 {
		t.Fatalf("%d disclosures recorded for a release never written", len(ds))
	}
	if n, _ := f.s.PendingReleaseFiles(); n != 0 {
		t.Errorf("%d release files still noted", n)
	}
}
