//go:build smoke && realkeyring

package main

import (
	"path/filepath"
	"testing"
)

// TestSmokeKeyring creates a vault whose device key is in the real OS
// keyring (the Secret Service `make test` starts), then starts confide
// with no key arguments: it must unlock with no typing and reach the
// unlocked window, then close cleanly on SIGTERM.
func TestSmokeKeyring(t *testing.T) {
	confide, confidectl := binaries(t)
	tmp := t.TempDir()
	dir := filepath.Join(tmp, "vault")
	run(t, confidectl, "--vault", dir, "init", "--recovery-out", filepath.Join(tmp, "recovery.key"))

	proc := startApp(t, confide, "--vault", dir)
	proc.waitForWindow(t, "Confide")
	proc.stop(t)
	run(t, confidectl, "--vault", dir, "verify")
}
