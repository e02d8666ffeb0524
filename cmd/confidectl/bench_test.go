package main

import (
	"bytes"
	"strconv"
	"strings"
	"testing"
)

// TestBenchDetectionHasItsBaseline: the detection figures come with their
// baseline from the same run, and the printed table shows the rate, the
// baseline, their ratio and the size of the notes timed. No figure is
// compared with a time: only that each was measured.
func TestBenchDetectionHasItsBaseline(t *testing.T) {
	res := benchResult{}
	measureDisguise(res, 30)
	for _, k := range []string{"detect_notes_per_s", "detect_baseline_notes_per_s", "detect_notes_per_s_wall", "detect_note_bytes", "disguise_note_ms"} {
		if v, ok := res[k]; !ok || v <= 0 {
			t.Errorf("bench key %s = %v, %v; want a positive figure", k, v, ok)
		}
	}
	if b := res["detect_note_bytes"]; b < 1500 || b > 4000 {
		t.Errorf("detect_note_bytes = %.0f, want notes of about 2.5 KB", b)
	}
	var out bytes.Buffer
	(&bencher{res: res}).print(&out)
	var line string
	for _, l := range strings.Split(out.String(), "\n") {
		if strings.HasPrefix(l, "identifier detection, notes/s, 1 core") {
			line = l
		}
	}
	f := strings.Fields(strings.TrimPrefix(line, "identifier detection, notes/s, 1 core"))
	if len(f) < 3 || !strings.HasSuffix(f[2], "x") {
		t.Fatalf("detection line %q: want rate, baseline and ratio", line)
	}
	for i, k := range []string{"detect_notes_per_s", "detect_baseline_notes_per_s"} {
		if v, err := strconv.ParseFloat(f[i], 64); err != nil || v != float64(int64(res[k]+0.5)) {
			t.Errorf("detection line %q: column %d is %q, want %s %.0f", line, i+1, f[i], k, res[k])
		}
	}
	if !strings.Contains(out.String(), "the same, by the wall clock") {
		t.Errorf("no wall-clock line in\n%s", out.String())
	}
}
