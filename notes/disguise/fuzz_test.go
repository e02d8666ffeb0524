package disguise_test

import (
	"bytes"
	"encoding/json"
	"strings"
	"testing"
	"unicode"
	"unicode/utf8"

	"github.com/confidenotes/confide/notes/disguise"
)

var fuzzSeeds = []string{
	"Maria Garcia-Lopez, a 34-year-old, was seen on 3/14/2021 at St. Mary's Hospital in Dayton, OH 45402.",
	"Her husband, Daniel, called from (937) 555-0142; email d.g@example.com; MRN 00482913.",
	"the 3rd of May, '09, 10:30 a.m., Tuesday, 3/7, P.O. Box 12, 221 N. Main Street, Apt 4B",
	"M.G. and MARIA met Dr. de la Cruz; Hyun-woo (8) www.x.org 192.168.1.1 123-45-6789",
	"\x00\xff\xfe Ünïcödé naïve café Zoë 日本語 \u202e", "", "((((", "@@@ ... ### '''",
}

var fuzzKnown = &disguise.Known{
	Names:   []string{"Maria Garcia-Lopez", "Mari"},
	Related: []disguise.Related{{Name: "Daniel Garcia", Relation: "husband"}},
	Phones:  []string{"937-555-0142"}, Emails: []string{"d.g@example.com"},
	Addresses: []string{"221 N. Main Street, Apt 4B, Dayton, OH 45402"},
}

func checkSpans(t *testing.T, text string, spans []disguise.Span) {
	t.Helper()
	for i, s := range spans {
		if s.Start < 0 || s.End > len(text) || s.Start >= s.End {
			t.Fatalf("span %d [%d,%d) outside text of %d bytes", i, s.Start, s.End, len(text))
		}
		if i > 0 && s.Start < spans[i-1].End {
			t.Fatalf("span %d overlaps or is out of order", i)
		}
		if s.Text != text[s.Start:s.End] {
			t.Fatalf("span %d text does not match its offsets", i)
		}
	}
}

func FuzzDetect(f *testing.F) {
	for _, s := range fuzzSeeds {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, text string) {
		checkSpans(t, text, disguise.Detect(text, nil))
		checkSpans(t, text, disguise.Detect(text, fuzzKnown))
	})
}

func FuzzDetectJSONLines(f *testing.F) {
	for _, s := range fuzzSeeds {
		line, _ := json.Marshal(map[string]any{"id": "x", "text": s, "known": map[string]any{"names": []string{"Maria"}}})
		f.Add(string(line) + "\n")
	}
	f.Add(`{"id":1,"text":"a","known":{"names":"x","related":[{"name":5},"y",null]}}` + "\n{bad\n")
	f.Fuzz(func(t *testing.T, input string) {
		var out bytes.Buffer
		if err := disguise.DetectJSONLines(strings.NewReader(input), &out); err != nil {
			t.Fatalf("DetectJSONLines: %v", err)
		}
		want := 0
		for _, l := range strings.Split(input, "\n") {
			if strings.TrimSpace(l) != "" {
				want++
			}
		}
		lines := strings.Split(strings.TrimSuffix(out.String(), "\n"), "\n")
		if out.Len() == 0 {
			lines = nil
		}
		if len(lines) != want {
			t.Fatalf("got %d output lines for %d input lines", len(lines), want)
		}
		for _, l := range lines {
			var v struct {
				Spans []struct{ Start, End int } `json:"spans"`
			}
			if !json.Valid([]byte(l)) || json.Unmarshal([]byte(l), &v) != nil {
				t.Fatalf("output line is not valid JSON")
			}
		}
	})
}

// markers are the texts the removal profiles put in place of an identifier.
var markers = "[name] [date] [year] [location] [organization] [phone] [email] [url] [id] [redacted] " + disguise.MarkThirdParty

func FuzzDisguise(f *testing.F) {
	for _, s := range fuzzSeeds {
		f.Add(s, uint64(1))
	}
	f.Fuzz(func(t *testing.T, text string, seed uint64) {
		if !utf8.ValidString(text) {
			return
		}
		for _, p := range []disguise.Profile{disguise.Consultation, disguise.SafeHarbor, disguise.ThirdParty} {
			spans := disguise.Detect(text, fuzzKnown)
			r := disguise.NewMapping(p, seed).Apply(text, spans)
			if p == disguise.Consultation {
				continue
			}
			// An identifier the profile removed must be gone everywhere,
			// unless it also stands in text no span covers, or in a span the
			// profile keeps (Safe Harbor keeps a year "2000" while it
			// removes the case number "#2000").
			outside := uncovered(text, spans) + "\n" + keptSpans(text, spans, r.Changes)
			for _, c := range r.Changes {
				if !strings.HasPrefix(c.Replacement, "[") || len(c.Original) < 3 || strings.Contains(markers, c.Original) ||
					strings.Contains(outside, c.Original) {
					continue
				}
				if containsToken(r.Text, c.Original) {
					t.Fatalf("%s: removed text still present in the output", p)
				}
			}
		}
	})
}

// keptSpans is the text of the spans a profile left as they were, one per
// line.
func keptSpans(text string, spans []disguise.Span, changes []disguise.Change) string {
	changed := map[int]bool{}
	for _, c := range changes {
		changed[c.End] = true
	}
	var b strings.Builder
	for _, s := range spans {
		if !changed[s.End] && s.Start >= 0 && s.Start < s.End && s.End <= len(text) {
			b.WriteString(text[s.Start:s.End] + "\n")
		}
	}
	return b.String()
}

// uncovered is the text outside every span, with the spans as line breaks.
func uncovered(text string, spans []disguise.Span) string {
	var b strings.Builder
	pos := 0
	for _, s := range spans {
		b.WriteString(text[pos:s.Start])
		b.WriteString("\n\x00\n")
		pos = s.End
	}
	b.WriteString(text[pos:])
	return b.String()
}

// containsToken reports whether sub stands in s on its own, not inside a
// longer run of letters and digits (a removed ID "000" may legitimately
// stand inside a kept year "2000").
func containsToken(s, sub string) bool {
	for i := 0; ; {
		j := strings.Index(s[i:], sub)
		if j < 0 {
			return false
		}
		start, end := i+j, i+j+len(sub)
		before, _ := utf8.DecodeLastRuneInString(s[:start])
		after, _ := utf8.DecodeRuneInString(s[end:])
		if !(start > 0 && isWordRune(before)) && !(end < len(s) && isWordRune(after)) {
			return true
		}
		i = start + 1
	}
}

func isWordRune(r rune) bool { return unicode.IsLetter(r) || unicode.IsDigit(r) }
