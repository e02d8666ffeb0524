package main

import (
	"bytes"
	"errors"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"syscall"
	"testing"

	"github.com/confidenotes/confide/vault"
)

// fileSizeLimitEnv carries, to a copy of the test binary, the file size
// limit under which it runs one confidectl command (see TestMain).
const fileSizeLimitEnv = "CONFIDE_TEST_FSIZE"

// TestMain runs one confidectl command under a file size limit when
// fileSizeLimitEnv is set (runLimited), and the tests otherwise.
func TestMain(m *testing.M) {
	if v := os.Getenv(fileSizeLimitEnv); v != "" {
		limit, err := strconv.ParseUint(v, 10, 64)
		if err != nil {
			fmt.Fprintln(os.Stderr, "bad limit", v)
			os.Exit(3)
		}
		if err := syscall.Setrlimit(syscall.RLIMIT_FSIZE, &syscall.Rlimit{Cur: limit, Max: limit}); err != nil {
			fmt.Fprintln(os.Stderr, err)
			os.Exit(3)
		}
		e := &env{stdin: os.Stdin, stdout: os.Stdout, stderr: os.Stderr, store: vault.OSKeyring{}, now: fixedNow}
		os.Exit(e.run(os.Args[1:]))
	}
	os.Exit(m.Run())
}

// runLimited runs a command on the practice's vault in a process unable
// to write a file past limit bytes (RLIMIT_FSIZE: writes fail with
// EFBIG), which is what a disk that fills up does to a file being
// written. It is a copy of the test binary, so that the limit does not
// reach the test's own files.
func (p *cliPractice) runLimited(limit int64, args ...string) (int, string, string) {
	p.c.t.Helper()
	cmd := exec.Command(os.Args[0], append([]string{"--vault", p.dir, "--identity", p.id}, args...)...)
	cmd.Env = append(os.Environ(), fmt.Sprintf("%s=%d", fileSizeLimitEnv, limit))
	var out, errs bytes.Buffer
	cmd.Stdout, cmd.Stderr = &out, &errs
	err := cmd.Run()
	var exit *exec.ExitError
	if err != nil && !errors.As(err, &exit) {
		p.c.t.Fatal(err)
	}
	return cmd.ProcessState.ExitCode(), out.String(), errs.String()
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
	code, out, errs = p.runLimited(st.Size()/2, "client", "add", "--name", "Added Once")
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
	for _, args := range [][]string{
		{"disclosures", "--client", p.client, "--pdf", filepath.Join(out, "accounting.pdf")},
		{"form", "informed-consent", "--client", p.client, "--out", filepath.Join(out, "form.pdf")},
	} {
		if code, _, errs := p.runLimited(4096, args...); code != 1 {
			t.Errorf("%s on a full disk: exit %d, %q", args[0], code, errs)
		}
	}
	if entries, _ := os.ReadDir(out); len(entries) != 0 {
		t.Fatalf("left behind: %v", entries)
	}
}
