package disguise

import (
	"strings"
	"testing"

	"github.com/confidenotes/confide/notes/disguise/tagger"
)

// The tagger's spans start and end where the detector's tokens do, in any
// casing and script, so that they merge cleanly with the rules' spans.
func TestLearnedSpansOnDetectorTokens(t *testing.T) {
	texts := []string{
		"Her husband, Daniel Reyes, moved to Dayton and works at Kroger; Maria's mom is in Tucson.",
		"pt seen w/ wife sarah o'neil, dr okafor from riverside methodist adjusted meds.",
		"SPOUSE MARIA AT BEDSIDE. TRANSFERRED FROM ST. ANN'S TO OSU WEXNER.",
		"Zoë Nguyễn and José Peña moved from Québec to Zürich; 日本語 \xff text.",
	}
	for _, text := range texts {
		starts, ends := map[int]bool{}, map[int]bool{}
		for _, tk := range tokenize(text) {
			starts[tk.start], ends[tk.end] = true, true
		}
		spans := addLearned(text, tagger.Tokenize(text), tokenize(text), nil)
		if len(spans) == 0 {
			t.Errorf("no learned spans in %q", text)
		}
		for _, s := range spans {
			if !starts[s.Start] || !ends[s.End] || s.Detector != DetectorModel {
				t.Errorf("span %q [%d,%d) of %q is not on the detector's tokens", text[s.Start:s.End], s.Start, s.End, text)
			}
		}
	}
}

// A structured identifier the patterns found stays theirs: the tagger adds
// nothing inside an email address or a date, and still finds the name
// elsewhere in the text.
func TestLearnedLeavesStructuredIdentifiersToRules(t *testing.T) {
	text := "Wrote to maria.lopez@example.com on June Carter's behalf; Maria Lopez replied."
	email := strings.Index(text, "maria.lopez@example.com")
	date := strings.Index(text, "June")
	rules := []Span{
		{Start: email, End: email + len("maria.lopez@example.com"), Category: Email, Detector: DetectorPattern},
		{Start: date, End: date + len("June"), Category: Date, Detector: DetectorPattern},
	}
	spans := addLearned(text, tagger.Tokenize(text), tokenize(text), append([]Span(nil), rules...))
	foundName := false
	for _, s := range spans[len(rules):] {
		for _, r := range rules {
			if s.Start < r.End && r.Start < s.End {
				t.Errorf("learned span %q overlaps the rules' %s", text[s.Start:s.End], r.Category)
			}
		}
		if text[s.Start:s.End] == "Maria Lopez" && s.Category == Name {
			foundName = true
		}
	}
	if !foundName {
		t.Errorf("Maria Lopez not found as a name in %q: %v", text, spans)
	}
}

// With the tagger in, Detect finds names, places and organisations that
// capitalisation does not mark, in sentences written for this test.
func TestDetectFindsEntitiesInEveryCasing(t *testing.T) {
	base := "Called her sister Odalys Ferreira, who drove in from Kalamazoo; she works at Bellhaven Pediatrics."
	want := map[string]Category{"Odalys Ferreira": Name, "Kalamazoo": Location, "Bellhaven Pediatrics": Org}
	for _, casing := range []func(string) string{func(s string) string { return s }, strings.ToLower, strings.ToUpper} {
		text := casing(base)
		spans := Detect(text, nil)
		for w, cat := range want {
			w = casing(w)
			i := strings.Index(text, w)
			covered := false
			for _, s := range spans {
				if s.Start <= i && s.End >= i+len(w) && s.Category == cat {
					covered = true
				}
			}
			if !covered {
				t.Errorf("%q not detected as %s in %q: %v", w, cat, text, spans)
			}
		}
	}
}

// Countries, continents, nationalities, languages, faiths, states named
// alone, apps and federal bodies are never identifiers on their own
// (the annotation rules, and Safe Harbor for countries), whatever the
// tagger makes of their context, in every casing; a nationality that is
// also a common first name is still a person where it is used as one.
func TestLearnedNeverReportsCountriesOrNationalities(t *testing.T) {
	texts := []string{
		"Born in India; family moved from Mexico.",
		"Her parents emigrated from Vietnam and the Philippines to the United States in the 90s.",
		"He grew up in South Korea, then Germany; his father is from Haiti.",
		"She speaks Tagalog, Spanish and Haitian Creole at home and is Korean American.",
		"Raised Irish Catholic; her husband is Mexican-American and Muslim.",
		"They moved from Europe to Latin America, then to Ohio.",
		"She saw the post on Facebook and Instagram, then called the VA and Medicaid.",
		"Attends AA and Al-Anon twice a week; uses Headspace and Zoom.",
	}
	for _, base := range texts {
		for _, casing := range []func(string) string{func(s string) string { return s }, strings.ToLower, strings.ToUpper} {
			text := casing(base)
			for _, s := range addLearned(text, tagger.Tokenize(text), tokenize(text), nil) {
				t.Errorf("in %q the tagger's %s %q was kept", text, s.Category, text[s.Start:s.End])
			}
		}
	}
	text := "Her sister Karen called; Christian, her son, drove her."
	for _, w := range []string{"Karen", "Christian"} {
		i := strings.Index(text, w)
		found := false
		for _, s := range Detect(text, nil) {
			if s.Start <= i && s.End >= i+len(w) && s.Category == Name {
				found = true
			}
		}
		if !found {
			t.Errorf("%q not found as a person in %q", w, text)
		}
	}
}

// A name that is also a common word, written without a capital and used
// as a word, is not kept from the tagger; the same word where a name
// stands still is.
func TestLearnedLeavesNameWordsUsedAsWords(t *testing.T) {
	for _, tt := range []struct{ text, word string }{
		{"still waking around dawn most days, up until dawn on weekends.", "dawn"},
		{"pt tearful. \"lost faith in aa,\" went 2x in 2019.", "faith"},
		{"son (4) in waiting rm w/ aunt. pt drew a picture of the fire.", "drew"},
		{"trust with authority figures remains a target.", "target"},
	} {
		for _, s := range addLearned(tt.text, tagger.Tokenize(tt.text), tokenize(tt.text), nil) {
			if strings.Contains(tt.text[s.Start:s.End], tt.word) {
				t.Errorf("in %q the tagger's %s %q was kept", tt.text, s.Category, tt.text[s.Start:s.End])
			}
		}
	}
	text := "dawn called twice; her sister dawn drove her to group."
	spans := Detect(text, nil)
	for _, at := range []int{0, strings.LastIndex(text, "dawn")} {
		found := false
		for _, s := range spans {
			if s.Start <= at && s.End >= at+4 && s.Category == Name {
				found = true
			}
		}
		if !found {
			t.Errorf("dawn at %d not found as a name in %q: %v", at, text, spans)
		}
	}
}

// An institution's closing word ("System", "District", "Center") after
// its head belongs to it, in the organisation's own casing.
func TestOrgKeepsItsClosingWord(t *testing.T) {
	base := "She teaches fourth grade for the Lafayette Parish School System and tutors on weekends."
	for _, casing := range []func(string) string{func(s string) string { return s }, strings.ToLower, strings.ToUpper} {
		text := casing(base)
		want := casing("Lafayette Parish School System")
		i := strings.Index(text, want)
		found := false
		for _, s := range Detect(text, nil) {
			if s.Start <= i && s.End >= i+len(want) && s.Category == Org {
				found = true
			}
		}
		if !found {
			t.Errorf("%q not one organisation in %q: %v", want, text, Detect(text, nil))
		}
	}
	if e := orgTailAfter("Lincoln High School system upgrade", 0, len("Lincoln High School")); e != len("Lincoln High School") {
		t.Errorf("a lower-case word after a title-case organisation was taken as its closing word")
	}
}
