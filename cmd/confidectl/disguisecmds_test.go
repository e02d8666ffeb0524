package main

import (
	"encoding/json"
	"strings"
	"testing"
)

// TestDetectContract checks the fixed JSON Lines contract of docs/cli.md: one
// line per input in order, code-point offsets, error lines that do not stop
// the run.
func TestDetectContract(t *testing.T) {
	in := strings.Join([]string{
		`{"id": "a", "text": "Zoë called 555-867-5309 on 3/14/2025.", "known": {"names": ["Zoë Hartley"]}}`,
		`not json`,
		`{"id": "c", "text": ""}`,
	}, "\n") + "\n"
	code, out, errs := ctl{t: t, stdin: in}.run("detect")
	if code != 0 {
		t.Fatalf("exit %d: %s", code, errs)
	}
	lines := strings.Split(strings.TrimSpace(out), "\n")
	if len(lines) != 3 {
		t.Fatalf("got %d output lines, want 3:\n%s", len(lines), out)
	}
	var first struct {
		ID    string `json:"id"`
		Spans []struct {
			Start, End int
			Category   string
			Text       string
		} `json:"spans"`
	}
	if err := json.Unmarshal([]byte(lines[0]), &first); err != nil || first.ID != "a" {
		t.Fatalf("first line %q: %v", lines[0], err)
	}
	text := []rune("Zoë called 555-867-5309 on 3/14/2025.")
	want := map[string]string{"Zoë": "NAME", "555-867-5309": "PHONE", "3/14/2025": "DATE"}
	for _, s := range first.Spans {
		if got := string(text[s.Start:s.End]); got != s.Text {
			t.Errorf("span %d-%d covers %q but says %q: offsets must be code points", s.Start, s.End, got, s.Text)
		}
		if cat, ok := want[s.Text]; ok && cat == s.Category {
			delete(want, s.Text)
		}
	}
	if len(want) != 0 {
		t.Errorf("not found: %v in %s", want, lines[0])
	}
	if !strings.Contains(lines[1], `"error"`) {
		t.Errorf("malformed line answered with %s", lines[1])
	}
	if !strings.HasPrefix(lines[2], `{"id":"c"`) || !strings.Contains(lines[2], `"spans":[]`) {
		t.Errorf("empty text answered with %s", lines[2])
	}
}

func TestDisguiseCommand(t *testing.T) {
	c := newCLI(t)
	client := c.ok("", "client", "add", "--name", "Zoë Abernathy", "--related", "Théo Abernathy:husband")
	n1 := c.ok("Zoë said Théo was calm on 3/14/2025.", "note", "add", "--client", client, "--kind", "progress", "--date", "2026-03-10")
	n2 := c.ok("Théo called; Zoë will bring him next week.", "note", "add", "--client", client, "--kind", "progress", "--date", "2026-03-17")
	var d1, d2 disguiseJSON
	c.json(&d1, "", "disguise", n1)
	c.json(&d2, "", "disguise", n2, "--consultation", d1.ConsultationID)
	if d1.Profile != "consultation" || d1.ConsultationID == "" || d2.ConsultationID != d1.ConsultationID {
		t.Fatalf("disguise --json: %+v / %+v", d1, d2)
	}
	for _, d := range []disguiseJSON{d1, d2} {
		if strings.Contains(d.Text, "Zoë") || strings.Contains(d.Text, "Théo") || strings.Contains(d.Text, "3/14/2025") {
			t.Errorf("identifiers left in %q", d.Text)
		}
	}
	original := []rune("Zoë said Théo was calm on 3/14/2025.")
	pseudo := map[string]string{}
	for _, ch := range d1.Changes {
		if got := string(original[ch.Start:ch.End]); got != ch.Original {
			t.Errorf("change %d-%d covers %q, says %q: offsets must be code points", ch.Start, ch.End, got, ch.Original)
		}
		pseudo[ch.Original] = ch.Replacement
	}
	for _, ch := range d2.Changes {
		if p, ok := pseudo[ch.Original]; ok && p != ch.Replacement {
			t.Errorf("%s became %q, then %q in the same consultation", ch.Original, p, ch.Replacement)
		}
	}
	_, errs, code := c.run("", "disguise", n1, "--profile", "anonymous")
	if code != 1 || !strings.Contains(errs, "profile must be") {
		t.Fatalf("unknown profile: exit %d %q", code, errs)
	}
}
