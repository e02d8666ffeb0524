package main

import (
	"bytes"
	"io/fs"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"syscall"
	"testing"

	"github.com/confidenotes/confide/vault"
)

// nobody is the user a root test runs the read-only commands as: the
// kernel lets root write whatever a file's mode says.
const nobody = 65534

// readOnlyFolder makes the practice's vault folder read-only on the real
// file system (the folder 0555, its files 0444) and returns how to run a
// command on it. A user other than root runs it in this process. Root,
// whom the modes do not stop, runs it in a copy of the test binary as
// nobody, who owns the practice's files (and the device state in
// stateDir) as the user would.
func readOnlyFolder(t *testing.T, p *cliPractice, stateDir string) func(args ...string) (int, string, string) {
	t.Helper()
	setModes := func(file, dir os.FileMode) {
		entries, err := os.ReadDir(p.dir)
		if err != nil {
			t.Fatal(err)
		}
		for _, e := range entries {
			if err := os.Chmod(filepath.Join(p.dir, e.Name()), file); err != nil {
				t.Fatal(err)
			}
		}
		if err := os.Chmod(p.dir, dir); err != nil {
			t.Fatal(err)
		}
	}
	setModes(0o444, 0o555)
	t.Cleanup(func() { setModes(0o600, 0o700) })
	if os.Geteuid() != 0 {
		return p.run
	}
	home := filepath.Dir(p.dir) // the vault, its key files and the test binary
	for _, tree := range []string{home, stateDir} {
		err := filepath.WalkDir(tree, func(path string, _ fs.DirEntry, err error) error {
			if err != nil {
				return err
			}
			return os.Lchown(path, nobody, nobody)
		})
		if err != nil {
			t.Fatal(err)
		}
		if err := os.Chmod(filepath.Dir(tree), 0o755); err != nil { // the test's temporary folder
			t.Fatal(err)
		}
	}
	bin := filepath.Join(home, "confidectl.test")
	self, err := os.ReadFile(os.Args[0])
	if err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(bin, self, 0o755); err != nil {
		t.Fatal(err)
	}
	return func(args ...string) (int, string, string) {
		cmd := exec.Command(bin, append([]string{"--vault", p.dir, "--identity", p.id}, args...)...)
		cmd.Env = append(os.Environ(), vault.EnvStateDir+"="+stateDir, "HOME="+home)
		cmd.SysProcAttr = &syscall.SysProcAttr{Credential: &syscall.Credential{Uid: nobody, Gid: nobody}}
		return runChild(t, cmd)
	}
}

// TestReadOnlyFolderReadsAndRefusesChanges: a vault whose folder cannot be
// written, on the real file system (what access(2) says of it, not a
// simulated disk), opens read-only: listing, showing a note and verify
// work; a change exits 1 with a message that says read-only; nothing in
// the folder changes, not even a lock file.
func TestReadOnlyFolderReadsAndRefusesChanges(t *testing.T) {
	stateDir := filepath.Join(t.TempDir(), "state")
	t.Setenv(vault.EnvStateDir, stateDir)
	p := newPractice(t)
	p.ctl("disclosures", "--client", p.client) // every table exists before the folder turns read-only
	run := readOnlyFolder(t, p, stateDir)
	before := folderFiles(t, p.dir)
	for _, tt := range []struct {
		args []string
		want string
	}{
		{[]string{"client", "list"}, "Ada Example"},
		{[]string{"note", "show", p.note}, "Original session note."},
		{[]string{"verify"}, "ok:"},
		{[]string{"disclosures", "--client", p.client}, "County Court"},
	} {
		code, out, errs := run(tt.args...)
		if code != 0 || !strings.Contains(out, tt.want) {
			t.Errorf("%s on a read-only folder: exit %d, %q, %q; want exit 0 and %q", strings.Join(tt.args, " "), code, out, errs, tt.want)
		}
	}
	for _, args := range [][]string{
		{"client", "add", "--name", "Not Added"},
		{"disclosure", "add", "--client", p.client, "--date", "2026-11-21", "--request", "subpoena",
			"--recipient", "County Court", "--description", "the record", "--purpose", "litigation", "--by", "Dr. Test"},
		{"compact"},
	} {
		code, out, errs := run(args...)
		if code != 1 || out != "" || !strings.Contains(errs, "read-only") || !strings.Contains(errs, "nothing was changed") {
			t.Errorf("%s on a read-only folder: exit %d, %q, %q; want exit 1 saying read-only and nothing was changed", strings.Join(args, " "), code, out, errs)
		}
	}
	after := folderFiles(t, p.dir)
	if len(after) != len(before) {
		t.Errorf("the folder held %d files, now %d", len(before), len(after)) // a lock or temp file was left
	}
	for name, b := range before {
		if !bytes.Equal(b, after[name]) {
			t.Errorf("%s changed on a read-only folder", name)
		}
	}
}
