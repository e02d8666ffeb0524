//go:build smoke

package main

import (
	"encoding/json"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"
)

// TestSmokeTabMovesBetweenSections types into a draft's first section in
// the real window, presses Tab and goes on typing, then Shift+Tab: the
// words must land in the next section and back, with no tab character,
// as the X server delivers the keys (the headless test cannot see how the
// window handles Tab). It clicks at the places the default 1100x720
// layout puts the client list, the note list and the first section; if
// that layout changes, so must these points. It needs xdotool.
func TestSmokeTabMovesBetweenSections(t *testing.T) {
	confide, confidectl := binaries(t)
	tmp := t.TempDir()
	dir, id := filepath.Join(tmp, "vault"), filepath.Join(tmp, "device.key")
	ctl := func(args ...string) string {
		t.Helper()
		return strings.TrimSpace(run(t, confidectl, append([]string{"--vault", dir, "--identity", id}, args...)...))
	}
	run(t, confidectl, "--vault", dir, "init", "--identity-out", id, "--recovery-out", filepath.Join(tmp, "recovery.key"))
	client := ctl("client", "add", "--name", "Ann Lee")
	cmd := exec.Command(confidectl, "--vault", dir, "--identity", id, "note", "add", "--client", client, "--kind", "progress",
		"--template", "soap", "--start", "10:00", "--duration", "50", "--service-code", "90834")
	out, err := cmd.Output() // an empty body from stdin
	if err != nil {
		t.Fatalf("note add: %v", err)
	}
	note := strings.TrimSpace(string(out))

	proc := startApp(t, confide, "--vault", dir, "--identity", id)
	proc.waitForWindow(t, "Confide")
	time.Sleep(2 * time.Second) // let it draw
	xdo := func(args ...string) {
		t.Helper()
		run(t, "xdotool", args...)
		time.Sleep(700 * time.Millisecond)
	}
	xdo("mousemove", "100", "172", "click", "1") // the client, first in the list
	xdo("mousemove", "400", "218", "click", "1") // the draft, first in the notes
	xdo("mousemove", "820", "485", "click", "1") // Subjective, below the session fields, the code check and the diagnoses
	xdo("type", "--delay", "40", "alpha")
	xdo("key", "Tab")
	xdo("type", "--delay", "40", "beta")
	xdo("key", "shift+Tab")
	xdo("type", "--delay", "40", " gamma")
	xdo("key", "ctrl+l") // locking saves the draft at once
	time.Sleep(time.Second)
	proc.stop(t)

	var n struct {
		Sections []struct{ Name, Text string } `json:"sections"`
	}
	if err := json.Unmarshal([]byte(ctl("--json", "note", "show", note)), &n); err != nil {
		t.Fatal(err)
	}
	if len(n.Sections) != 4 || n.Sections[0].Text != "alpha gamma" || n.Sections[1].Text != "beta" {
		t.Fatalf("after typing with Tab and Shift+Tab the sections are %+v, want Subjective \"alpha gamma\" and Objective \"beta\"; log:\n%s", n.Sections, proc.log)
	}
}
