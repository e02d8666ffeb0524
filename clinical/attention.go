package clinical

import (
	"fmt"
	"time"
)

// ReviewWarningDays is how many days before its review date a plan needs
// attention.
const ReviewWarningDays = 7

// What an attention item of the clinical record is about: where the
// desktop deals with it (the Measures tab, the Plan tab).
const (
	AttentionRisk    = "risk"    // Record is an open risk flag
	AttentionMeasure = "measure" // Record is the instrument of a measure due
	AttentionPlan    = "plan"    // Record is the plan whose review is due
)

// Attention is something in the clinical record that needs the clinician:
// a risk flag to answer, a measure due, a plan review coming. What is one
// sentence without names or clinical text, like consent.Attention, which
// the attention list converts it to.
type Attention struct {
	ClientID string `json:"client_id"`
	Kind     string `json:"kind"`          // AttentionRisk, AttentionMeasure or AttentionPlan
	Record   string `json:"record"`        // the id of the flag, schedule's instrument or plan
	Due      string `json:"due,omitempty"` // YYYY-MM-DD
	Overdue  bool   `json:"overdue"`
	What     string `json:"what"`
}

// Attention lists what a client's clinical record needs on day now: open
// risk flags first, then measures due, then the plan's review.
func (s *Store) Attention(clientID string, now time.Time) ([]Attention, error) {
	today := Day(now)
	var out []Attention
	flags, err := s.RiskFlags(clientID)
	if err != nil {
		return nil, err
	}
	for _, f := range flags {
		if !f.Open() {
			continue
		}
		name := f.Instrument
		if in, err := InstrumentByID(f.Instrument); err == nil {
			name = in.Name
		}
		out = append(out, Attention{ClientID: clientID, Kind: AttentionRisk, Record: f.ID, Due: f.Raised, Overdue: today > f.Raised,
			What: fmt.Sprintf("%s risk item answered above 0: document a risk assessment", name)})
	}
	dues, err := s.DueMeasures(clientID, now)
	if err != nil {
		return nil, err
	}
	for _, d := range dues {
		if !d.IsDue {
			continue
		}
		name := d.Instrument
		if in, err := InstrumentByID(d.Instrument); err == nil {
			name = in.Name
		}
		out = append(out, Attention{ClientID: clientID, Kind: AttentionMeasure, Record: d.Instrument, Due: d.Due,
			Overdue: d.EveryMonths > 0 && today > d.Due, What: fmt.Sprintf("%s is due (%s)", name, d.Describe())})
	}
	cur, err := s.CurrentPlan(clientID)
	if err != nil {
		return nil, err
	}
	if cur != nil {
		warn := Day(now.AddDate(0, 0, ReviewWarningDays))
		if cur.ReviewDate <= warn {
			out = append(out, Attention{ClientID: clientID, Kind: AttentionPlan, Record: cur.ID, Due: cur.ReviewDate, Overdue: today > cur.ReviewDate,
				What: "treatment plan review is due"})
		}
	}
	return out, nil
}
