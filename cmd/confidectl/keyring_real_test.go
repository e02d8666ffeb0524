//go:build realkeyring

package main

import (
	"path/filepath"
	"strings"
	"testing"

	"github.com/confidenotes/confide/vault"
)

// TestInitWithTheRealKeyring: the default init keeps the device key in the
// Secret Service, and every later command unlocks with no key flags.
func TestInitWithTheRealKeyring(t *testing.T) {
	tmp := t.TempDir()
	dir := filepath.Join(tmp, "vault")
	c := ctl{t: t, store: vault.OSKeyring{}}
	out := c.must("--vault", dir, "init")
	if !strings.Contains(out, "AGE-SECRET-KEY-1") {
		t.Fatal("init did not show the recovery key")
	}
	c.must("--vault", dir, "status")
	c.must("--vault", dir, "verify")
	c.must("--vault", dir, "compact")
	rec := strings.Fields(out[strings.Index(out, "AGE-SECRET-KEY-1"):])[0]
	v, err := vault.Open(dir, vault.FromKeyring())
	if err != nil {
		t.Fatal(err)
	}
	id := v.ID()
	v.Close()
	vault.OSKeyring{}.Delete(id) // a new machine, or a reset keyring
	code, _, errs := c.run("--vault", dir, "status")
	if code != 1 || !strings.Contains(errs, "recover") {
		t.Fatalf("after losing the keyring entry: exit %d %q", code, errs)
	}
	recFile := filepath.Join(tmp, "rec")
	writeSecretFile(recFile, rec+"\n")
	c.must("--vault", dir, "recover", "--recovery-key-file", recFile)
	c.must("--vault", dir, "status")
}
