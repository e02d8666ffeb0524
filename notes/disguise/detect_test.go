package disguise_test

import (
	"testing"

	"github.com/confidenotes/confide/notes/disguise"
)

// found reports the category of the span that covers all of want in
// text, or "" when no single span does.
func found(tb testing.TB, spans []disguise.Span, text, want string) disguise.Category {
	tb.Helper()
	for _, s := range spans {
		if s.Text == want || len(s.Text) >= len(want) && containsAt(text, s, want) {
			return s.Category
		}
	}
	return ""
}

func containsAt(text string, s disguise.Span, want string) bool {
	for i := s.Start; i+len(want) <= s.End; i++ {
		if text[i:i+len(want)] == want {
			return true
		}
	}
	return false
}

func TestDetectFindsIdentifiers(t *testing.T) {
	known := &disguise.Known{
		Names:   []string{"Maria Garcia-Lopez", "Mari"},
		Related: []disguise.Related{{Name: "Daniel Garcia", Relation: "husband"}, {Name: "Hope Smith", Relation: "sister"}},
		Phones:  []string{"937-555-0142"},
	}
	tests := []struct {
		name, text, want string
		known            *disguise.Known
		wantCat          disguise.Category
	}{
		{"known first name", "Then Maria left.", "Maria", known, disguise.Name},
		{"known possessive", "It was Maria's idea.", "Maria", known, disguise.Name},
		{"known all caps", "MARIA GARCIA-LOPEZ - INTAKE", "MARIA GARCIA-LOPEZ", known, disguise.Name},
		{"known hyphenated surname", "Ms. Garcia-Lopez called.", "Garcia-Lopez", known, disguise.Name},
		{"known initials", "M.G. is improving.", "M.G.", known, disguise.Name},
		{"known misspelling", "Marai was tired.", "Marai", known, disguise.Name},
		{"known word name capitalised", "Her sister Hope visited.", "Hope", known, disguise.Name},
		{"known phone other format", "Call (937) 555 0142 today.", "937) 555 0142", known, disguise.Phone},
		{"title and unknown name", "Referred by Dr. Okonkwo last week.", "Okonkwo", nil, disguise.Name},
		{"relation and word name", "Her boss, Bill, yelled again.", "Bill", nil, disguise.Name},
		{"numeric date", "Seen on 3/14/2021 for intake.", "3/14/2021", nil, disguise.Date},
		{"written date", "Seen on March 14th, 2021 for intake.", "March 14th, 2021", nil, disguise.Date},
		{"ordinal of month", "Seen on the 3rd of May as planned.", "3rd of May", nil, disguise.Date},
		{"iso date", "Seen 2021-03-14.", "2021-03-14", nil, disguise.Date},
		{"season and year", "She moved in the summer of 2019.", "summer of 2019", nil, disguise.Date},
		{"bare year is no identifier", "She moved in 2019.", "2019", nil, ""},
		{"time", "Arrived at 3:45 pm.", "3:45 pm", nil, disguise.Date},
		{"age hyphenated", "A 34-year-old woman.", "34-year-old", nil, disguise.Age},
		{"age keyword", "Her son, age 7, attends.", "7", nil, disguise.Age},
		{"age y/o", "45 y/o male.", "45 y/o", nil, disguise.Age},
		{"phone", "Cell 614-555-2290.", "614-555-2290", nil, disguise.Phone},
		{"email", "Wrote from jdoe84@gmail.com today.", "jdoe84@gmail.com", nil, disguise.Email},
		{"url", "Reads www.example-forum.org daily.", "www.example-forum.org", nil, disguise.URL},
		{"ssn", "SSN 123-45-6789 on file.", "123-45-6789", nil, disguise.ID},
		{"record number", "MRN: 00482913.", "00482913", nil, disguise.ID},
		{"street address", "Lives at 221 N. Main Street now.", "221 N. Main Street", nil, disguise.Location},
		{"city and state", "Moved from Tucson, AZ last year.", "Tucson, AZ", nil, disguise.Location},
		{"zip after state", "Springfield, IL 62704.", "62704", nil, disguise.Location},
		{"hospital", "Admitted to Mercy Medical Center overnight.", "Mercy Medical Center", nil, disguise.Org},
		{"employer context", "She works at Kessler Manufacturing.", "Kessler Manufacturing", nil, disguise.Org},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := found(t, disguise.Detect(tt.text, tt.known), tt.text, tt.want)
			if got != tt.wantCat {
				t.Errorf("Detect(%q): span over %q has category %q, want %q", tt.text, tt.want, got, tt.wantCat)
			}
		})
	}
}

func TestDetectLeavesOrdinaryWords(t *testing.T) {
	tests := []struct {
		name, text string
	}{
		{"modal will and hope", "She will hope for the best and may try again."},
		{"rating", "Distress dropped from 8/10 to 4/10."},
		{"scores", "PHQ-9 score was 14; GAD-7 score 11."},
		{"dose", "Sertraline 100 mg daily."},
		{"headings", "Subjective:\nClient reported a better week.\n\nPlan:\nContinue weekly CBT."},
		{"pronoun at sentence start", "He said the week went well. She agreed."},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := disguise.Detect(tt.text, nil); len(got) != 0 {
				t.Errorf("Detect(%q) = %v, want no spans", tt.text, got)
			}
		})
	}
}

func TestDetectSpansSortedAndInside(t *testing.T) {
	for _, c := range synthCases(t)[:50] {
		spans := disguise.Detect(c.text, c.known)
		for i, s := range spans {
			if s.Start < 0 || s.End > len(c.text) || s.Start >= s.End {
				t.Fatalf("%s: span %d [%d,%d) outside text of %d bytes", c.id, i, s.Start, s.End, len(c.text))
			}
			if i > 0 && s.Start < spans[i-1].End {
				t.Fatalf("%s: span %d overlaps the one before", c.id, i)
			}
			if s.Text != c.text[s.Start:s.End] {
				t.Fatalf("%s: span %d text does not match its offsets", c.id, i)
			}
		}
	}
}

func TestSubjects(t *testing.T) {
	known := &disguise.Known{Names: []string{"Maria Lopez"}, Related: []disguise.Related{{Name: "Daniel Lopez", Relation: "husband"}}}
	text := "Maria said Daniel and Dr. Okonkwo agreed."
	want := map[string]disguise.Subject{"Maria": disguise.SubjectClient, "Daniel": disguise.SubjectThirdParty, "Okonkwo": disguise.SubjectThirdParty}
	got := map[string]disguise.Subject{}
	for _, s := range disguise.Detect(text, known) {
		got[s.Text] = s.Subject
	}
	for name, w := range want {
		if got[name] != w {
			t.Errorf("subject of %q = %q, want %q", name, got[name], w)
		}
	}
}

func TestDetectorConcurrent(t *testing.T) {
	cases := synthCases(t)[:8]
	d := disguise.NewDetector(cases[0].known)
	want := make([]int, len(cases))
	for i, c := range cases {
		want[i] = len(d.Detect(c.text))
	}
	done := make(chan bool)
	for i, c := range cases {
		go func() {
			done <- len(d.Detect(c.text)) == want[i]
		}()
	}
	for range cases {
		if !<-done {
			t.Error("concurrent Detect gave a different result")
		}
	}
}
