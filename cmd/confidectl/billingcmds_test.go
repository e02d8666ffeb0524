package main

import (
	"strings"
	"testing"
)

// note sign refuses a psychotherapy time code that does not fit the
// minutes, naming the code that fits, unless --accept-code-mismatch.
func TestNoteSignChecksTheTimeCode(t *testing.T) {
	c := newCLI(t)
	client := c.ok("", "client", "add", "--name", "Ada Byron")
	note := c.ok("Session.", "note", "add", "--client", client, "--kind", "progress", "--date", "2026-03-10",
		"--start", "14:00", "--duration", "60", "--service-code", "90834")
	_, errs, code := c.run("", "note", "sign", note)
	if code != 1 || !strings.Contains(errs, "60 minutes fit 90837, not 90834") || !strings.Contains(errs, "--service-code 90837") ||
		!strings.Contains(errs, "--accept-code-mismatch") {
		t.Fatalf("note sign of a mismatch: exit %d, %q", code, errs)
	}
	var shown struct {
		SignedAt string `json:"signed_at"`
	}
	c.json(&shown, "", "note", "show", note)
	if shown.SignedAt != "" {
		t.Fatal("a refused note was signed")
	}
	out := c.ok("", "note", "sign", note, "--accept-code-mismatch")
	if !strings.Contains(out, "signed "+note) || !strings.Contains(out, "although 60 minutes fit 90837") {
		t.Errorf("note sign --accept-code-mismatch = %q", out)
	}
	short := c.ok("Session.", "note", "add", "--client", client, "--kind", "progress", "--date", "2026-03-11",
		"--start", "14:00", "--duration", "10", "--service-code", "90832")
	if _, errs, code := c.run("", "note", "sign", short); code != 1 || !strings.Contains(errs, "fit no psychotherapy code") || !strings.Contains(errs, "--duration MINUTES") {
		t.Errorf("a session too short: exit %d, %q", code, errs)
	}
	for _, tt := range [][]string{{"53", "90837"}, {"38", "90834"}, {"16", "90832"}, {"90", "90791"}, {"50", "90847"}} {
		n := c.ok("Session.", "note", "add", "--client", client, "--kind", "progress", "--date", "2026-03-12",
			"--start", "09:00", "--duration", tt[0], "--service-code", tt[1])
		c.ok("", "note", "sign", n)
	}
	contact := c.ok("Phone call.", "note", "add", "--client", client, "--kind", "contact", "--date", "2026-03-12")
	c.ok("", "note", "sign", contact) // no time code: not checked
}
