package tagger_test

import (
	"strings"
	"testing"

	"github.com/confidenotes/confide/notes/disguise/tagger"
)

// The embedded model loads and finds people, places and organisations in
// sentences written for this test, which no training file contains, in
// sentence case, in lower case and in capitals.
func TestEmbeddedModelTagsEveryCasing(t *testing.T) {
	m, err := tagger.Default()
	if err != nil {
		t.Fatalf("embedded model: %v", err)
	}
	tests := []struct {
		text string
		want map[string]tagger.Kind
	}{
		{"Yesterday her brother Thaddeus Okafor drove up from Bozeman to help.",
			map[string]tagger.Kind{"Thaddeus Okafor": tagger.Person, "Bozeman": tagger.Location}},
		{"Session held by phone; Dr. Marguerite Lindqvist from Wexford Family Medicine joined late.",
			map[string]tagger.Kind{"Marguerite Lindqvist": tagger.Person, "Wexford Family Medicine": tagger.Organisation}},
		{"His daughter Imani started at Westbrook Middle School after they moved to Kalamazoo.",
			map[string]tagger.Kind{"Imani": tagger.Person, "Westbrook Middle School": tagger.Organisation, "Kalamazoo": tagger.Location}},
	}
	for _, tc := range tests {
		for _, casing := range []struct {
			name string
			f    func(string) string
		}{{"as written", func(s string) string { return s }}, {"lower case", strings.ToLower}, {"capitals", strings.ToUpper}} {
			text := casing.f(tc.text)
			found := map[string]tagger.Kind{}
			for _, e := range m.Tag(text) {
				found[text[e.Start:e.End]] = e.Kind
			}
			for name, kind := range tc.want {
				name = casing.f(name)
				if found[name] != kind {
					t.Errorf("%s: %q not found as %v in %q (found %v)", casing.name, name, kind, text, found)
				}
			}
		}
	}
}

// Ordinary clinical words, scores and kinship words are not entities.
func TestEmbeddedModelLeavesClinicalWords(t *testing.T) {
	m, err := tagger.Default()
	if err != nil {
		t.Fatal(err)
	}
	for _, text := range []string{
		"Pt reports improved sleep; PHQ-9 of 11, GAD-7 8. Continue sertraline 100 mg and CBT.",
		"PT SEEN FOR F/U OF ANXIETY. MOM WORRIED ABOUT SCHOOL. DENIES SI/HI.",
		"mom and dad came to the session; plan is weekly dbt skills group.",
	} {
		if ents := m.Tag(text); len(ents) > 0 {
			var got []string
			for _, e := range ents {
				got = append(got, text[e.Start:e.End])
			}
			t.Errorf("Tag(%q) found %q, want nothing", text, got)
		}
	}
}
