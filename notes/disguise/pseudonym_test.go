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
