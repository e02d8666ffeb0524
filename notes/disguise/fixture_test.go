package disguise_test

import (
	"bytes"
	"encoding/json"
	"flag"
	"os"
	"testing"
	"unicode/utf8"
)

var update = flag.Bool("update", false, "rewrite testdata/synth.jsonl from the generator")

// fixtureLine is one line of testdata/synth.jsonl: the input of the detect
// command plus the gold spans, offsets in code points like its output.
type fixtureLine struct {
	ID    string          `json:"id"`
	Text  string          `json:"text"`
	Known json.RawMessage `json:"known"`
	Gold  []fixtureSpan   `json:"gold"`
}

type fixtureSpan struct {
	Start    int    `json:"start"`
	End      int    `json:"end"`
	Category string `json:"category"`
	Known    bool   `json:"known,omitempty"`
}

func synthFixture(tb testing.TB) []byte {
	tb.Helper()
	var buf bytes.Buffer
	enc := json.NewEncoder(&buf)
	enc.SetEscapeHTML(false)
	for _, c := range synthCases(tb) {
		known, err := json.Marshal(c.known)
		if err != nil {
			tb.Fatal(err)
		}
		line := fixtureLine{ID: c.id, Text: c.text, Known: known}
		for _, g := range c.gold {
			s := utf8.RuneCountInString(c.text[:g.start])
			line.Gold = append(line.Gold, fixtureSpan{s, s + utf8.RuneCountInString(c.text[g.start:g.end]), g.category, g.known})
		}
		if err := enc.Encode(line); err != nil {
			tb.Fatal(err)
		}
	}
	return buf.Bytes()
}

// TestSynthFixture keeps testdata/synth.jsonl, the synthetic half of the
// evaluation set in the detect command's format, equal to what the
// generator makes (go test -run TestSynthFixture -update rewrites it).
func TestSynthFixture(t *testing.T) {
	want := synthFixture(t)
	if *update {
		if err := os.WriteFile("testdata/synth.jsonl", want, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	got, err := os.ReadFile("testdata/synth.jsonl")
	if err != nil {
		t.Fatal(err)
	}
	if !bytes.Equal(got, want) {
		t.Errorf("testdata/synth.jsonl differs from the generator's output; run with -update")
	}
}
