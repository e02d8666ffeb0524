package consent_test

import (
	"bytes"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/confidenotes/confide/consent"
)

// A release interrupted before it was recorded leaves a temporary file of
// plaintext; the next Open removes it, and nothing is put in place.
func TestUnrecordedReleaseFileIsRemovedAtOpen(t *testing.T) {
	f := newReleaseFixture(t)
	dir := t.TempDir()
	temp, final := filepath.Join(dir, ".confide-release-rl-0000000000000000-0"), filepath.Join(dir, "release.pdf")
	if err := f.s.NoteReleaseFiles("rl-0000000000000000", []string{temp}, []string{final}); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(temp, []byte("%PDF- plaintext of an unrecorded release"), 0o600); err != nil {
		t.Fatal(err)
	}
	f.open(t) // the app starts again after the crash
	if _, err := os.Stat(temp); !errors.Is(err, os.ErrNotExist) {
		t.Errorf("the unrecorded release's temporary file is still there: %v", err)
	}
	if _, err := os.Stat(final); !errors.Is(err, os.ErrNotExist) {
		t.Errorf("an unrecorded release was put in place: %v", err)
	}
	if n, err := f.s.PendingReleaseFiles(); err != nil || n != 0 {
		t.Errorf("%d release files still noted, %v", n, err)
	}
}

// A release recorded whose file could not be put in place keeps that file,
// and the next Open puts it where the user asked.
func TestRecordedReleaseFileIsPlacedAtOpen(t *testing.T) {
	f := newReleaseFixture(t)
	r, err := f.s.NewRelease(consent.ReleaseRequest{ClientID: f.maria, Type: consent.ToClient, Recipient: "Maria Garcia",
		Purpose: "at the request of the individual"})
	if err != nil {
		t.Fatal(err)
	}
	dir := t.TempDir()
	out := filepath.Join(dir, "release.pdf")
	restore := consent.FailRenames(errors.New("disk full"))
	m, err := r.Release(out, consent.ReleaseOptions{Passphrase: "a long passphrase"})
	restore()
	if err == nil || m == nil || !strings.Contains(err.Error(), "the next time it opens") {
		t.Fatalf("Release with failing renames = %v, %v", m, err)
	}
	if _, err := os.Stat(out); !errors.Is(err, os.ErrNotExist) {
		t.Fatalf("the file is in place although the rename failed: %v", err)
	}
	if ds, _ := f.s.Disclosures(f.maria); len(ds) != 1 {
		t.Fatalf("the release is not recorded: %d disclosures", len(ds))
	}
	if n, _ := f.s.PendingReleaseFiles(); n != 2 {
		t.Fatalf("%d release files noted, want the PDF and its encrypted copy", n)
	}

	f.open(t)
	for _, file := range []struct {
		path string
		want string
	}{{out, m.PDF.SHA256}, {out + ".age", m.Encrypted.SHA256}} {
		raw, err := os.ReadFile(file.path)
		if err != nil {
			t.Fatalf("not put in place at the next Open: %v", err)
		}
		sum := sha256.Sum256(raw)
		if got := hex.EncodeToString(sum[:]); got != file.want {
			t.Errorf("%s holds sha256 %s, the manifest says %s", filepath.Base(file.path), got, file.want)
		}
	}
	entries, _ := os.ReadDir(dir)
	for _, e := range entries {
		if strings.HasPrefix(e.Name(), ".confide-release-") {
			t.Errorf("a temporary file is left: %s", e.Name())
		}
	}
	if n, _ := f.s.PendingReleaseFiles(); n != 0 {
		t.Errorf("%d release files still noted", n)
	}
	if raw, _ := os.ReadFile(out); !bytes.HasPrefix(raw, []byte("%PDF-")) {
		t.Error("the placed file is not a PDF")
	}
}
