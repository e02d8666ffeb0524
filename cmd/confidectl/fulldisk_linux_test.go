package main

import (
	"os"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
)

// withFileSizeLimit runs fn with the process unable to write a file past
// limit bytes (RLIMIT_FSIZE: writes fail with EFBIG), which is what a disk
// that fills up does to a file being written.
func withFileSizeLimit(t *testing.T, limit uint64, fn func()) {
	t.Helper()
	var old syscall.Rlimit
	if err := syscall.Getrlimit(syscall.RLIMIT_FSIZE, &old); err != nil {
		t.Fatal(err)
	}
	if err := syscall.Setrlimit(syscall.RLIMIT_FSIZE, &syscall.Rlimit{Cur: limit, Max: old.Max}); err != nil {
		t.Fatal(err)
	}
	defer syscall.Setrlimit(syscall.RLIMIT_FSIZE, &old)
	fn()
}

// TestDurableCommandExitsZeroWhenCompactionFails: a change saved in the
// journal is reported as done (exit 0, its id printed) even when the new
// snapshot at close cannot be written; stderr warns. A script that
// retried on exit 1 would add the client twice.
func TestDurableCommandExitsZeroWhenCompactionFails(t *testing.T) {
	p := newPractice(t)
	st, err := os.Stat(filepath.Join(p.dir, "vault.age"))
	if err != nil {
		t.Fatal(err)
	}
	var code int
	var out, errs string
	withFileSizeLimit(t, uint64(st.Size()/2), func() {
		code, out, errs = p.run("client", "add", "--name", "Added Once")
	})
	if code != 0 || !strings.HasPrefix(out, "c-") || !strings.Contains(errs, "warning") {
		t.Fatalf("client add on a full disk: exit %d, %q, %q; want exit 0, the id, a warning", code, out, errs)
	}
	// The client is in the journal only; emptying the journal loses an
	// acknowledged change, which is refused, naming the journal and the
	// way back for a backup put back on purpose.
	j := filepath.Join(p.dir, "journal")
	saved, _ := os.ReadFile(j)
	os.WriteFile(j, nil, 0o600)
	if code, _, errs := p.run("client", "list"); code != 1 || !strings.Contains(errs, "journal") || !strings.Contains(errs, "restore") {
		t.Fatalf("client list over an emptied journal: exit %d, %q", code, errs)
	}
	os.WriteFile(j, saved, 0o600)
	if list := p.ctl("client", "list"); strings.Count(list, "Added Once") != 1 {
		t.Fatalf("client list = %q", list)
	}
}

// TestFullDiskLeavesNoPartialExport: an export that does not fit leaves
// neither a partial file (with a client's name in it) nor a temp file.
func TestFullDiskLeavesNoPartialExport(t *testing.T) {
	p := newPractice(t)
	p.ctl("disclosures", "--client", p.client) // the consent tables exist before the disk fills
	out := t.TempDir()
	withFileSizeLimit(t, 4096, func() {
		for _, args := range [][]string{
			{"disclosures", "--client", p.client, "--pdf", filepath.Join(out, "accounting.pdf")},
			{"form", "informed-consent", "--client", p.client, "--out", filepath.Join(out, "form.pdf")},
		} {
			if code, _, errs := p.run(args...); code != 1 {
				t.Errorf("%s on a full disk: exit %d, %q", args[0], code, errs)
			}
		}
	})
	if entries, _ := os.ReadDir(out); len(entries) != 0 {
		t.Fatalf("left behind: %v", entries)
	}
}
