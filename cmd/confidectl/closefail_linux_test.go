package main

import (
	"bytes"
	"encoding/json"
	"errors"
	"os"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
	"time"

	"github.com/confidenotes/confide/vault"
)

// runFaulted runs a command on the practice's vault in this process; the
// first time the command reads the clock while fault's condition holds,
// fault runs. It reports whether it ran: a test whose fault never ran
// proves nothing.
func (p *cliPractice) runFaulted(when func() bool, fault func(), args ...string) (code int, stdout, stderr string, ran bool) {
	p.c.t.Helper()
	var out, errs bytes.Buffer
	now := func() time.Time {
		if !ran && when() {
			fault()
			ran = true
		}
		return fixedNow()
	}
	e := &env{stdin: strings.NewReader(""), stdout: &out, stderr: &errs, store: vault.OSKeyring{}, now: now}
	code = e.run(append([]string{"--vault", p.dir, "--identity", p.id}, args...))
	return code, out.String(), errs.String(), ran
}

// vaultIsOpen reports whether a process holds the lock of the vault in
// dir: a command has it open.
func vaultIsOpen(t *testing.T, dir string) bool {
	f, err := os.Open(filepath.Join(dir, "lock"))
	if err != nil {
		return false
	}
	defer f.Close()
	err = syscall.Flock(int(f.Fd()), syscall.LOCK_SH|syscall.LOCK_NB)
	if err == nil {
		syscall.Flock(int(f.Fd()), syscall.LOCK_UN)
		return false
	}
	if !errors.Is(err, syscall.EWOULDBLOCK) {
		t.Fatal(err)
	}
	return true
}

// TestDurableCommandExitsZeroWhenTheFolderRefusesCompaction: the
// compaction at close fails for a reason other than a full disk (while the
// command runs, the snapshot's name is taken by a folder, which no rename
// can replace, whoever runs it); the change is in the journal, so the
// command exits 0 with its id and a warning, and the next command finds
// the change exactly once.
func TestDurableCommandExitsZeroWhenTheFolderRefusesCompaction(t *testing.T) {
	p := newPractice(t)
	snap := filepath.Join(p.dir, "vault.age")
	saved, err := os.ReadFile(snap)
	if err != nil {
		t.Fatal(err)
	}
	block := func() {
		if err := os.Rename(snap, snap+".aside"); err != nil {
			t.Fatal(err)
		}
		if err := os.MkdirAll(filepath.Join(snap, "blocked"), 0o700); err != nil {
			t.Fatal(err)
		}
	}
	code, out, errs, ran := p.runFaulted(func() bool { return vaultIsOpen(t, p.dir) }, block, "client", "add", "--name", "Added Once")
	if !ran {
		t.Fatal("the fault never ran: the command did not read the clock with the vault open")
	}
	if code != 0 || !strings.HasPrefix(out, "c-") || !strings.Contains(errs, "warning") || !strings.Contains(errs, "saved in the journal") {
		t.Fatalf("client add whose compaction failed: exit %d, %q, %q; want exit 0, the id, a warning that the change is saved", code, out, errs)
	}
	if err := os.RemoveAll(snap); err != nil {
		t.Fatal(err)
	}
	if err := os.Rename(snap+".aside", snap); err != nil {
		t.Fatal(err)
	}
	if now, _ := os.ReadFile(snap); !bytes.Equal(now, saved) {
		t.Fatal("the snapshot changed although its compaction failed")
	}
	if list := p.ctl("client", "list"); strings.Count(list, "Added Once") != 1 || !strings.Contains(list, strings.TrimSpace(out)) {
		t.Fatalf("client list = %q, want the client added once, as %s", list, out)
	}
	if v := p.ctl("verify"); !strings.HasPrefix(v, "ok:") {
		t.Fatalf("verify = %q", v)
	}
}

// TestReleaseRecordedButNotPlacedExitsZero: a release is recorded in the
// accounting, then its file cannot be put in place (the destination's name
// is taken by a folder between the record and the rename): the command
// exits 0 with a warning naming the disclosure and the next unlock, since
// a retry would release the record twice; the next command puts the file
// in place, and the accounting holds the release once.
func TestReleaseRecordedButNotPlacedExitsZero(t *testing.T) {
	p := newPractice(t)
	outDir := t.TempDir()
	out := filepath.Join(outDir, "release.pdf")
	written := func() bool { // the release's file is written beside its destination, not yet placed
		temps, _ := filepath.Glob(filepath.Join(outDir, ".confide-release-*"))
		for _, f := range temps {
			if st, err := os.Stat(f); err == nil && st.Size() > 0 {
				return true
			}
		}
		return false
	}
	block := func() {
		if err := os.MkdirAll(filepath.Join(out, "blocked"), 0o700); err != nil {
			t.Fatal(err)
		}
	}
	code, stdout, errs, ran := p.runFaulted(written, block, "release", "--client", p.client, "--request", "client",
		"--recipient", "Ada Example", "--purpose", "access", "--out", out)
	if !ran {
		t.Fatal("the fault never ran: the clock was not read between writing the file and placing it")
	}
	if code != 0 || !strings.Contains(errs, "warning") || !strings.Contains(errs, "recorded as di-") || !strings.Contains(errs, "next time it opens the vault") {
		t.Fatalf("release recorded but not placed: exit %d, %q, %q; want exit 0 and a warning naming the disclosure and the next unlock", code, stdout, errs)
	}
	disclosure := errs[strings.Index(errs, "di-"):][:len("di-")+16]
	if err := os.RemoveAll(out); err != nil {
		t.Fatal(err)
	}
	var ds []struct {
		ID string `json:"id"`
	}
	if err := json.Unmarshal([]byte(p.ctl("disclosures", "--client", p.client, "--json")), &ds); err != nil {
		t.Fatal(err)
	}
	n := 0
	for _, d := range ds {
		if d.ID == disclosure {
			n++
		}
	}
	if n != 1 {
		t.Fatalf("the accounting holds %s %d times, want once: %+v", disclosure, n, ds)
	}
	pdf, err := os.ReadFile(out)
	if err != nil || !bytes.HasPrefix(pdf, []byte("%PDF")) {
		t.Fatalf("the next unlock did not put the release in place: %v", err)
	}
	if temps, _ := filepath.Glob(filepath.Join(outDir, ".confide-release-*")); len(temps) != 0 {
		t.Fatalf("left behind: %v", temps)
	}
}
