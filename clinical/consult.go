package clinical

import (
	"fmt"
	"strings"
)

// ConsultationText is what a consultation carries of the clinical record:
// the client's measures (scores are not identifiers) and the goals of the
// current plan, as plain text. It holds the client's words as the plan
// does, so it must go through the consultation's disguise
// (notes.Store.PrepareText) before anyone else reads it, like a note.
func (s *Store) ConsultationText(clientID string) (string, error) {
	ms, err := s.Measures(clientID, "")
	if err != nil {
		return "", err
	}
	cur, err := s.CurrentPlan(clientID)
	if err != nil {
		return "", err
	}
	var b strings.Builder
	if len(ms) > 0 {
		b.WriteString("Outcome measures\n")
		for _, m := range ms {
			name := m.Instrument
			if in, err := InstrumentByID(m.Instrument); err == nil {
				name = in.Name
			}
			fmt.Fprintf(&b, "- %s on %s: %d (%s)", name, m.Date, m.Total, m.Band)
			if len(m.Flags) > 0 {
				b.WriteString("; risk item endorsed")
			}
			b.WriteString("\n")
		}
	}
	if cur != nil {
		if b.Len() > 0 {
			b.WriteString("\n")
		}
		fmt.Fprintf(&b, "Treatment plan goals (version %d, review due %s)\n", cur.Version, cur.ReviewDate)
		for _, pr := range cur.Problems {
			fmt.Fprintf(&b, "Problem: %s\n", pr.Text)
			for _, g := range pr.Goals {
				fmt.Fprintf(&b, "- Goal: %s", g.Text)
				if g.Measure != nil {
					if in, err := InstrumentByID(g.Measure.Instrument); err == nil {
						fmt.Fprintf(&b, " (%s at or below %d)", in.Name, g.Measure.Target)
					}
				}
				b.WriteString("\n")
				for _, o := range g.Objectives {
					fmt.Fprintf(&b, "  - Objective: %s\n", o.Text)
				}
				if len(g.Interventions) > 0 {
					fmt.Fprintf(&b, "  - Interventions: %s\n", strings.Join(g.Interventions, "; "))
				}
			}
		}
	}
	return b.String(), nil
}
