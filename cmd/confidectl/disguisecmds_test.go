package main

import (
	"encoding/json"
	"strings"
	"testing"
)

// TestDetectContract checks the fixed JSON Lines contract of CLI.md: one
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
