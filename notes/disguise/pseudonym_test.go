package disguise

import "testing"

// TestPseudonymsDoNotResembleTheRealName: across many consultations, no
// pseudonym contains the real name or starts like it ("Maria" → "Mariah").
func TestPseudonymsDoNotResembleTheRealName(t *testing.T) {
	for _, real := range []string{"Maria", "Daniel", "Ann", "Christopher", "Lee"} {
		for seed := uint64(0); seed < 300; seed++ {
			m := NewMapping(Consultation, seed)
			if p := m.pseudonym(real, true); resembles(p, real) {
				t.Fatalf("seed %d: %s became %s", seed, real, p)
			}
		}
	}
}

// TestPseudonymsAreNoRealNameInTheRecord: the client's pseudonym is drawn
// before the husband's name is met in the text, yet it is never his name
// or like it, nor any other name in the record or the text.
func TestPseudonymsAreNoRealNameInTheRecord(t *testing.T) {
	known := &Known{Names: []string{"Maria Garcia"}, Related: []Related{{Name: "Daniel Garcia", Relation: "husband"}},
		Members: []string{"Sam Okafor"}}
	inRecord := []string{"maria", "garcia", "daniel", "sam", "okafor"}
	for seed := uint64(0); seed < 500; seed++ {
		m := NewMapping(Consultation, seed)
		m.Avoid(known)
		client := m.pseudonym("Maria", true) // the packet's subject comes first
		m.AvoidNames("Nadia Brooks")         // a name a later note holds
		res := m.Apply("Lucia Ramos called Nadia Brooks.", []Span{{Start: 0, End: 11, Category: Name}, {Start: 19, End: 31, Category: Name}})
		check := func(p string, real []string) {
			for _, r := range real {
				if resembles(p, r) {
					t.Fatalf("seed %d: the pseudonym %q is, or is like, the real name %q (%q)", seed, p, r, res.Text)
				}
			}
		}
		check(client, inRecord)
		for _, word := range []string{"lucia", "ramos", "nadia", "brooks"} {
			check(m.Names[word], append(inRecord, "lucia", "ramos", "nadia", "brooks"))
		}
	}
}
