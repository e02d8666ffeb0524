package disguise_test

import (
	"encoding/json"
	"fmt"
	"strings"
	"testing"
	"time"

	"github.com/confidenotes/confide/notes/disguise"
)

var familyKnown = &disguise.Known{
	Names:   []string{"Maria Garcia-Lopez"},
	Related: []disguise.Related{{Name: "Daniel Garcia", Relation: "husband"}},
	Phones:  []string{"937-555-0142"},
}

func TestConsultationConsistentAcrossNotes(t *testing.T) {
	m := disguise.NewMapping(disguise.Consultation, 42)
	a := m.Disguise("Maria said her husband, Daniel, was kind on 3/14/2021.", familyKnown)
	// The mapping goes through storage between notes.
	data, err := json.Marshal(m)
	if err != nil {
		t.Fatal(err)
	}
	m2, err := disguise.ParseMapping(data)
	if err != nil {
		t.Fatal(err)
	}
	b := m2.Disguise("Later Daniel called Maria on 3/24/2021.", familyKnown)
	pseudo := func(r disguise.Result, orig string) string {
		for _, c := range r.Changes {
			if c.Original == orig {
				return c.Replacement
			}
		}
		return ""
	}
	tests := []struct {
		name      string
		got, want string
	}{
		{"client pseudonym stable", pseudo(b, "Maria"), pseudo(a, "Maria")},
		{"husband pseudonym stable", pseudo(b, "Daniel"), pseudo(a, "Daniel")},
		{"relation kept", fmt.Sprint(strings.Contains(a.Text, "her husband, ")), "true"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if tt.got != tt.want || tt.want == "" {
				t.Errorf("got %q, want %q", tt.got, tt.want)
			}
		})
	}
	if strings.Contains(a.Text+b.Text, "Maria") || strings.Contains(a.Text+b.Text, "Daniel") {
		t.Errorf("real names left in disguised text")
	}
	// One offset per consultation: the ten-day interval stays ten days.
	d1, ok1 := disguise.ParseDate(pseudo(a, "3/14/2021"))
	d2, ok2 := disguise.ParseDate(pseudo(b, "3/24/2021"))
	if !ok1 || !ok2 || d2.Sub(d1).Hours() != 240 {
		t.Errorf("shifted dates %v, %v: want both parsed and 10 days apart", d1, d2)
	}
}

func TestProfiles(t *testing.T) {
	text := "Maria, a 34-year-old, saw Dr. Okonkwo on March 3, 2021 in Dayton, OH 45402; her 93 year old aunt called from 614-555-2290. ZIP 03601."
	tests := []struct {
		name     string
		profile  disguise.Profile
		contains []string
		absent   []string
	}{
		{"consultation", disguise.Consultation,
			[]string{"a mid-30s", "[phone removed]", "a mid-sized city"},
			[]string{"Maria", "Okonkwo", "March 3, 2021", "Dayton", "614-555-2290", "34"}},
		{"safe harbor", disguise.SafeHarbor,
			[]string{"[name]", "2021", "90 or older", "[phone]", "ZIP 000"},
			[]string{"Maria", "Okonkwo", "March 3", "Dayton", "614-555-2290", "93", "03601"}},
		{"third party", disguise.ThirdParty,
			[]string{"Maria", "March 3, 2021", "[redacted: third party]"},
			[]string{"Okonkwo", "614-555-2290"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := disguise.NewMapping(tt.profile, 7).Disguise(text, familyKnown).Text
			for _, w := range tt.contains {
				if !strings.Contains(got, w) {
					t.Errorf("disguised text lacks %q", w)
				}
			}
			for _, w := range tt.absent {
				if strings.Contains(got, w) {
					t.Errorf("disguised text still holds %q", w)
				}
			}
		})
	}
}

func TestParseMappingRejects(t *testing.T) {
	tests := []struct {
		name, data string
	}{
		{"not json", "nope"},
		{"wrong version", `{"version":99,"profile":"consultation"}`},
		{"unknown profile", `{"version":1,"profile":"party"}`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if _, err := disguise.ParseMapping([]byte(tt.data)); err == nil {
				t.Errorf("ParseMapping(%q) = nil error, want one", tt.data)
			}
		})
	}
}

func TestApplyChangesMatchText(t *testing.T) {
	for _, c := range synthCases(t)[:30] {
		m := disguise.NewMapping(disguise.Consultation, 1)
		r := m.Disguise(c.text, c.known)
		for _, ch := range r.Changes {
			if c.text[ch.Start:ch.End] != ch.Original {
				t.Fatalf("%s: change [%d,%d) original does not match the text", c.id, ch.Start, ch.End)
			}
		}
	}
}

func ExampleMapping_Disguise() {
	known := &disguise.Known{
		Names:   []string{"Maria Garcia"},
		Related: []disguise.Related{{Name: "Daniel Garcia", Relation: "husband"}},
	}
	m := disguise.NewMapping(disguise.SafeHarbor, 1)
	fmt.Println(m.Disguise("Maria's husband, Daniel, called 937-555-0142 on 3/14/2021.", known).Text)
	// Output: [name]'s husband, [name], called [phone] on 2021.
}

func TestConsultationDateForms(t *testing.T) {
	m := &disguise.Mapping{Version: disguise.MappingVersion, Profile: disguise.Consultation, DateShiftDays: -10}
	tests := []struct {
		in, want string
	}{
		{"3/14/2021", "3/4/2021"},
		{"03/14/2021", "03/04/2021"},
		{"2021-03-14", "2021-03-04"},
		{"March 14, 2021", "March 4, 2021"},
		{"Mar. 14", "Mar. 4"},
		{"14th of March", "4th of March"},
		{"Sunday, March 14, 2021", "Thursday, March 4, 2021"},
		{"Tuesday, 3/7", "2/25"},
		{"10:30 a.m.", "10:30 a.m."},
		{"Christmas", "A holiday"}, // at the start of the text
		{"'09", "'09"},
		{"not a date", "[date]"},
	}
	for _, tt := range tests {
		t.Run(tt.in, func(t *testing.T) {
			got := m.Apply(tt.in, []disguise.Span{{Start: 0, End: len(tt.in), Category: disguise.Date}}).Text
			if got != tt.want {
				t.Errorf("shift %q = %q, want %q", tt.in, got, tt.want)
			}
		})
	}
}

// TestConsultationDatesIntoThePast: every mapping moves dates back, and no
// disguised date lies after today, even a future appointment's or one
// shifted by a mapping made when shifts could go forward.
func TestConsultationDatesIntoThePast(t *testing.T) {
	today := time.Now().UTC()
	future := today.AddDate(0, 2, 0).Format("1/2/2006")
	recent := today.AddDate(0, 0, -3).Format("January 2, 2006")
	text := "Next appointment " + future + "; last seen " + recent + "."
	for seed := uint64(0); seed < 200; seed++ {
		m := disguise.NewMapping(disguise.Consultation, seed)
		if m.DateShiftDays >= 0 || m.Shift() >= 0 {
			t.Fatalf("seed %d: shift %d days, want a shift into the past", seed, m.DateShiftDays)
		}
		checkNotAfterToday(t, m.Disguise(text, nil), today)
	}
	legacy := &disguise.Mapping{Version: disguise.MappingVersion, Profile: disguise.Consultation, DateShiftDays: 40}
	if legacy.Shift() != -40 {
		t.Errorf("a stored forward shift of 40 days: Shift() = %d, want -40", legacy.Shift())
	}
	checkNotAfterToday(t, legacy.Disguise(text, nil), today)
}

func checkNotAfterToday(t *testing.T, res disguise.Result, today time.Time) {
	t.Helper()
	n := 0
	for _, c := range res.Changes {
		if c.Category != disguise.Date {
			continue
		}
		d, ok := disguise.ParseDate(c.Replacement)
		if !ok {
			t.Errorf("disguised date %q does not parse", c.Replacement)
			continue
		}
		n++
		if d.After(today) {
			t.Errorf("%q became %q, after today", c.Original, c.Replacement)
		}
	}
	if n != 2 {
		t.Errorf("disguised %d dates in %q, want 2", n, res.Text)
	}
}

// TestDisguisesReadTrue: a facility becomes a facility, never a person's
// pseudonym, and a clinical abbreviation is never replaced, even when a
// span (the detector's or the clinician's) marks it as a name.
func TestDisguisesReadTrue(t *testing.T) {
	m := disguise.NewMapping(disguise.Consultation, 3)
	text := "Pt is a junior at Jenks HS; admitted to St. Vincent Hospital after a fall on Olentangy River Rd."
	got := m.Disguise(text, nil).Text
	for _, want := range []string{"Pt is a junior", "a local high school", "a regional hospital", "a nearby street"} {
		if !strings.Contains(got, want) {
			t.Errorf("Disguise(%q) = %q, want it to contain %q", text, got, want)
		}
	}
	spans := []disguise.Span{
		{Start: 0, End: 2, Category: disguise.Name},                                                   // "Pt"
		{Start: strings.Index(text, "Jenks"), End: strings.Index(text, ";"), Category: disguise.Name}, // "Jenks HS" as a name
	}
	res := m.Apply(text, spans)
	if !strings.HasPrefix(res.Text, "Pt is") {
		t.Errorf("a clinical abbreviation was replaced: %q", res.Text)
	}
	if !strings.Contains(res.Text, "a local high school") {
		t.Errorf("a school marked as a name became %q, want a school", res.Text)
	}
}
