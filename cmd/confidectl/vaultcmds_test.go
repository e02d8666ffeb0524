package main

import (
	"bytes"
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/confidenotes/confide/vault"
	"github.com/confidenotes/confide/vault/vaulttest"
)

// ctl runs confidectl in-process with a given key store.
type ctl struct {
	t     *testing.T
	store vault.KeyStore
	stdin string
}

func (c ctl) run(args ...string) (code int, stdout, stderr string) {
	c.t.Helper()
	var out, errb bytes.Buffer
	if c.store == nil {
		c.store = vault.OSKeyring{}
	}
	e := &env{stdin: strings.NewReader(c.stdin), stdout: &out, stderr: &errb, store: c.store, now: fixedNow}
	code = e.run(args)
	return code, out.String(), errb.String()
}

// must runs a command that must succeed and returns its stdout.
func (c ctl) must(args ...string) string {
	c.t.Helper()
	code, out, errs := c.run(args...)
	if code != 0 {
		c.t.Fatalf("confidectl %s: exit %d\n%s", strings.Join(args, " "), code, errs)
	}
	return out
}

// newCLIVault inits a vault with key files and returns the folder and the
// paths of the device and recovery keys.
func newCLIVault(t *testing.T) (dir, id, rec string) {
	t.Helper()
	tmp := t.TempDir()
	dir, id, rec = filepath.Join(tmp, "vault"), filepath.Join(tmp, "device.key"), filepath.Join(tmp, "recovery.key")
	ctl{t: t}.must("--vault", dir, "init", "--identity-out", id, "--recovery-out", rec)
	return dir, id, rec
}

func TestInitStatusVerify(t *testing.T) {
	dir, id, rec := newCLIVault(t)
	c := ctl{t: t}
	for _, f := range []string{id, rec} {
		st, err := os.Stat(f)
		if err != nil || st.Mode().Perm() != 0o600 {
			t.Fatalf("key file %s: %v, mode %v", f, err, st.Mode())
		}
	}
	var rep vault.Report
	if err := json.Unmarshal([]byte(c.must("--vault", dir, "--identity", id, "status", "--json")), &rep); err != nil {
		t.Fatal(err)
	}
	if rep.Format != vault.FormatVersion || len(rep.Recipients) != 2 || rep.ID == "" {
		t.Fatalf("status = %+v", rep)
	}
	// The recovery key unlocks too.
	if out := c.must("--vault", dir, "--identity", rec, "verify"); !strings.HasPrefix(out, "ok:") {
		t.Fatalf("verify printed %q", out)
	}
	// Damage: exit 1, naming the file, with what to do next.
	snap := filepath.Join(dir, "vault.age")
	b, _ := os.ReadFile(snap)
	b[len(b)-5] ^= 1
	os.WriteFile(snap, b, 0o600)
	code, _, errs := c.run("--vault", dir, "--identity", id, "verify")
	if code != 1 || !strings.Contains(errs, "vault.age") || !strings.Contains(errs, "backup") {
		t.Fatalf("verify of a damaged vault: exit %d, %q", code, errs)
	}
}

func TestExitCodesAndMessages(t *testing.T) {
	dir, id, _ := newCLIVault(t)
	c := ctl{t: t, store: vaulttest.KeyStore{}}
	tests := []struct {
		name     string
		args     []string
		wantCode int
		wantErr  string
	}{
		{"unknown command", []string{"frobnicate"}, 2, "unknown command"},
		{"bad flag", []string{"status", "--nope"}, 2, "flag provided but not defined"},
		{"missing argument", []string{"--vault", dir, "--identity", id, "backup"}, 2, "destination"},
		{"no vault", []string{"--vault", filepath.Join(t.TempDir(), "none"), "status"}, 1, "confidectl init"},
		{"no key on this machine", []string{"--vault", dir, "status"}, 1, "recover --recovery-key-file"},
		{"init over a vault", []string{"--vault", dir, "init", "--identity-out", filepath.Join(t.TempDir(), "k")}, 1, "already holds a vault"},
		{"decrypt-db without --yes", []string{"--vault", dir, "--identity", id, "decrypt-db", filepath.Join(t.TempDir(), "x.sqlite")}, 1, "--yes"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			code, _, errs := c.run(tt.args...)
			if code != tt.wantCode || !strings.Contains(errs, tt.wantErr) {
				t.Fatalf("exit %d, stderr %q; want %d and %q", code, errs, tt.wantCode, tt.wantErr)
			}
			if strings.Contains(errs, "AGE-SECRET-KEY") {
				t.Fatal("a key was printed to stderr")
			}
		})
	}
}

func TestBackupRecoverKeys(t *testing.T) {
	dir, id, rec := newCLIVault(t)
	c := ctl{t: t}
	tmp := t.TempDir()
	c.must("--vault", dir, "--identity", id, "backup", filepath.Join(tmp, "backup"))
	c.must("--vault", filepath.Join(tmp, "backup"), "--identity", id, "verify")

	// A new machine: recover with the recovery key into a new device key.
	newID := filepath.Join(tmp, "new-device.key")
	c.must("--vault", dir, "recover", "--recovery-key-file", rec, "--identity-out", newID)
	c.must("--vault", dir, "--identity", newID, "verify")

	var keys []vault.Recipient
	json.Unmarshal([]byte(c.must("--vault", dir, "--identity", newID, "keys", "list", "--json")), &keys)
	if len(keys) != 3 {
		t.Fatalf("keys after recovery: %d, want 3", len(keys))
	}
	old := keys[0].ID
	c.must("--vault", dir, "--identity", newID, "keys", "remove-device", old)
	if code, _, _ := c.run("--vault", dir, "--identity", id, "status"); code != 1 {
		t.Fatal("the removed device key still unlocks")
	}

	newRec := filepath.Join(tmp, "new-recovery.key")
	c.must("--vault", dir, "--identity", newID, "keys", "rotate-recovery", "--recovery-out", newRec)
	if code, _, _ := c.run("--vault", dir, "--identity", rec, "status"); code != 1 {
		t.Fatal("the old recovery key still unlocks")
	}
	c.must("--vault", dir, "--identity", newRec, "status")

	out := filepath.Join(tmp, "plain.sqlite")
	c.must("--vault", dir, "--identity", newID, "decrypt-db", out, "--yes")
	b, _ := os.ReadFile(out)
	if !bytes.HasPrefix(b, []byte("SQLite format 3")) {
		t.Fatal("decrypt-db did not write an SQLite file")
	}
}

func TestPassphraseCommands(t *testing.T) {
	store := vaulttest.KeyStore{}
	c := ctl{t: t, store: store}
	tmp := t.TempDir()
	dir := filepath.Join(tmp, "vault")
	pass := filepath.Join(tmp, "pass")
	os.WriteFile(pass, []byte("a good long passphrase\n"), 0o600)
	c.must("--vault", dir, "init", "--recovery-out", filepath.Join(tmp, "rec"))
	c.must("--vault", dir, "status") // from the (test) keyring
	c.must("--vault", dir, "--passphrase-file", pass, "passphrase", "set")
	code, _, errs := c.run("--vault", dir, "status")
	if code != 1 || !strings.Contains(errs, "--passphrase-file") {
		t.Fatalf("keyring unlock after passphrase set: exit %d %q", code, errs)
	}
	wrong := filepath.Join(tmp, "wrong")
	os.WriteFile(wrong, []byte("not the passphrase"), 0o600)
	if code, _, errs := c.run("--vault", dir, "--passphrase-file", wrong, "status"); code != 1 || !strings.Contains(errs, "wrong passphrase") {
		t.Fatalf("wrong passphrase: exit %d %q", code, errs)
	}
	c.must("--vault", dir, "--passphrase-file", pass, "status")
	c.must("--vault", dir, "--passphrase-file", pass, "passphrase", "remove")
	c.must("--vault", dir, "status")
}
