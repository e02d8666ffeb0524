package disguise_test

import (
	"strings"
	"testing"

	"github.com/confidenotes/confide/notes/disguise"
)

// covered reports whether every non-space byte of want (first occurrence in
// text) lies inside some span.
func covered(text string, spans []disguise.Span, want string) bool {
	i := strings.Index(text, want)
	if i < 0 {
		return false
	}
	for b := i; b < i+len(want); b++ {
		if text[b] == ' ' {
			continue
		}
		in := false
		for _, s := range spans {
			in = in || s.Start <= b && b < s.End
		}
		if !in {
			return false
		}
	}
	return true
}

// TestDetectWithoutCapitals: in lower-case and all-capital notes the words
// around a word find the identifiers that capitals find in tidy text.
func TestDetectWithoutCapitals(t *testing.T) {
	tests := []struct{ name, text, want string }{
		{"lower-case title", "pt seen by dr okonkwo today, tolerating meds.", "okonkwo"},
		{"title without stop in capitals", "PLAN: CALL DR FEENEY RE LABS.", "FEENEY"},
		{"relation then name", "lives w/ her sister marisol and 2 kids.", "marisol"},
		{"relation, bracketed name", "dad (gerald) drove her in.", "gerald"},
		{"field label in capitals", "PATIENT: LORETTA VANCE   DOS 04/02/2024", "LORETTA VANCE"},
		{"shorthand client label", "4/2 f/u. pt tobias wren 34m, c/o insomnia.", "tobias wren"},
		{"credential signature", "plan: cont weekly.\n- r. delacroix, lcsw", "r. delacroix"},
		{"initials signature", "f/u 2 wks.\n-qlm lpc", "qlm"},
		{"letter closing", "Thank you for your help.\n\nWarmly,\nAnneliese Brandt\nOffice manager", "Anneliese Brandt"},
		{"school short form", "pt is a sophomore at westfield hs, grades slipping.", "westfield hs"},
		{"facility head", "he goes to the riverside climbing gym on weekends.", "riverside climbing gym"},
		{"saint's hospital", "ADMITTED TO ST. ELIZABETH'S FOR OBSERVATION.", "ST. ELIZABETH'S"},
		{"county office", "referred to hamilton county job services for help.", "hamilton county job services"},
		{"street without number", "car broke down on maple grove rd near the mall.", "maple grove rd"},
		{"numbered road", "ACCIDENT ON HWY 41 LAST WEEK.", "HWY 41"},
		{"listed place after from", "her mom flew in from spokane on sunday.", "spokane"},
		{"city abroad", "Her brother still lives in Mombasa with their aunt.", "Mombasa"},
		{"employer acronym", "She started a new job at BNSF last month.", "BNSF"},
		{"named", "a classmate named tariq keeps texting him.", "tariq"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			spans := disguise.Detect(tt.text, nil)
			if !covered(tt.text, spans, tt.want) {
				t.Errorf("Detect(%q) left %q uncovered; spans %v", tt.text, tt.want, texts(spans))
			}
		})
	}
}

// TestDetectSpokenAndOddForms: dictation spells identifiers out, and typed
// numbers come in many shapes.
func TestDetectSpokenAndOddForms(t *testing.T) {
	tests := []struct{ name, text, want string }{
		{"spoken phone", "her cell is six one four, five five five, zero one nine two period", "six one four, five five five, zero one nine two"},
		{"spoken date", "date of service October twenty third twenty twenty four period", "October twenty third twenty twenty four"},
		{"spoken ordinal", "next session is on the twelfth period", "the twelfth"},
		{"the nth of month", "seen on the ninth of June for intake", "the ninth of June"},
		{"spoken ZIP", "they moved to Dayton four five four zero two last spring", "four five four zero two"},
		{"spoken email", "her email is jo dot reyes at gmail dot com period", "jo dot reyes at gmail dot com"},
		{"spoken old age", "her grandmother is ninety three and lives alone", "ninety three"},
		{"numeric old age", "Her father, who is 94, moved in.", "94"},
		{"phone with slashes", "Call 614/555/0187 after five.", "614/555/0187"},
		{"phone with extension", "Office line (614) 555-0100 ext. 221.", "(614) 555-0100 ext. 221"},
		{"international phone", "Reachable in Lisbon on +351 912 555 014.", "+351 912 555 014"},
		{"ZIP after state", "Mail to 19 Oak St, Athens, OH 45701.", "45701"},
		{"lower-case month", "pt started a new job in march at the plant.", "march"},
		{"weekday and ordinal", "rescheduled to tues the 9th.", "tues the 9th"},
		{"social handle", "She posts as @quiet.river.22 on Instagram.", "@quiet.river.22"},
		{"grouped case number", "Docket No. 2024 FA 001932 was continued.", "2024 FA 001932"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			spans := disguise.Detect(tt.text, nil)
			if !covered(tt.text, spans, tt.want) {
				t.Errorf("Detect(%q) left %q uncovered; spans %v", tt.text, tt.want, texts(spans))
			}
		})
	}
}

// TestDetectGuardrails: clinical numbers, scores, doses, codes and
// abbreviations are not identifiers, in any case.
func TestDetectGuardrails(t *testing.T) {
	for _, text := range []string{
		"BP 120/80, HR 72, RR 16, SpO2 97% RA.",
		"PHQ-9 of 14, GAD-7 11, PCL-5 = 42. Pain 6/10 down to 3/10.",
		"Sertraline 100 mg daily; hydroxyzine 25mg PRN; lithium level 0.8.",
		"CPT 90837, 90846. Dx F41.1, F33.1, Z63.0.",
		"Pt seen in office. CT head neg. VT on tele x1. MS changes resolved. PA to follow. BS 184.",
		"PT SEEN FOR F/U. PT DRIVES HIM. MOM WORRIED. WIFE CALLED. CLIENT FELT BETTER. NIECE WILL STAY 2 WKS.",
		"pt seen, mood better. mom worried about school. dad says ok. denies si/hi.",
		"She moved in 2019 and graduated in 2012.",
		"Born in India; family moved from Mexico.",
	} {
		if spans := disguise.Detect(text, nil); len(spans) > 0 {
			t.Errorf("Detect(%q) = %v, want nothing", text, texts(spans))
		}
	}
}

// TestKnownNeverSlips: every field of the record is found, in any case,
// where it is used as a name; never where a name that is also a word is
// used as a word; initials need full stops or a name's place.
func TestKnownNeverSlips(t *testing.T) {
	known := &disguise.Known{
		Names:    []string{"Rosalind Pike", "Rose"},
		Related:  []disguise.Related{{Name: "Bill Pike", Relation: "husband"}, {Name: "Hope Carver", Relation: "sister"}},
		Employer: "Marathon Petroleum", School: "Lakota East High School",
		Places: []string{"Findlay"}, Phones: []string{"419-555-0133"}, Emails: []string{"rpike@example.org"},
		Addresses: []string{"812 Elm Ridge Dr, Findlay, OH 45840"}, DOB: "1979-08-30",
	}
	found := []struct{ text, want string }{
		{"rose came in late, bill drove her.", "rose"},
		{"husband bill left early.", "bill"},
		{"ROSE PIKE - FOLLOW UP", "ROSE PIKE"},
		{"her sister hope called twice.", "hope"},
		{"works at marathon, nights.", "marathon"},
		{"daughter goes to lakota east hs.", "lakota east hs"},
		{"moved back to findlay in may.", "findlay"},
		{"new address 812 elm ridge dr.", "elm ridge dr"},
		{"cell 419 555 0133.", "419 555 0133"},
		{"email RPike@Example.org for forms.", "RPike@Example.org"},
		{"dob 8/30/1979.", "8/30/1979"},
		{"R.P. arrived on time.", "R.P."},
	}
	for _, tt := range found {
		if !covered(tt.text, disguise.Detect(tt.text, known), tt.want) {
			t.Errorf("known %q not found in %q", tt.want, tt.text)
		}
	}
	notFound := []struct{ text, word string }{
		{"she has little hope left.", "hope"},
		{"paid the bill at the pharmacy.", "bill"},
		{"she rose early to walk.", "rose"},
		{"RP 120/80 noted.", "RP"},
	}
	for _, tt := range notFound {
		if covered(tt.text, disguise.Detect(tt.text, known), tt.word) {
			t.Errorf("%q in %q was taken for a known name", tt.word, tt.text)
		}
	}
}

func texts(spans []disguise.Span) []string {
	out := make([]string, len(spans))
	for i, s := range spans {
		out[i] = string(s.Category) + ":" + s.Text
	}
	return out
}
