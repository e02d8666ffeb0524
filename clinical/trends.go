package clinical

// Change markers on a trend, after Jacobson NS, Truax P. Clinical
// significance: a statistical approach to defining meaningful change in
// psychotherapy research. J Consult Clin Psychol 1991;59(1):12-19. Each
// score is compared with the first (the baseline), using the instrument's
// published thresholds (Instrument.ChangeSource cites them).
const (
	ChangeNone                = ""
	ChangeReliableImprovement = "reliable improvement"
	ChangeReliableWorsening   = "reliable deterioration"
	// ChangeClinicallySignificant is a reliable improvement (at least the
	// meaningful change, where the instrument sets one) that takes the
	// score from the clinical range (at or above the cut-off) to below it.
	ChangeClinicallySignificant = "clinically significant improvement"
)

// TrendPoint is one measure on a trend.
type TrendPoint struct {
	MeasureID string `json:"measure_id"`
	Date      string `json:"date"`
	Total     int    `json:"total"`
	Band      string `json:"band"`
	Change    string `json:"change,omitempty"` // against the baseline
}

// Trend is a client's scores on one instrument over time, with the lines
// and thresholds to read them by.
type Trend struct {
	Instrument *Instrument  `json:"-"`
	Name       string       `json:"instrument"`
	Points     []TrendPoint `json:"points"`
	Cutoffs    []int        `json:"cutoffs"` // the clinical cut-off first
	Bands      []Band       `json:"bands"`
	Max        int          `json:"max"`
}

// TrendOf builds the trend of measures (of one instrument, oldest first)
// and marks each score's change from the first.
func TrendOf(in *Instrument, ms []Measure) *Trend {
	t := &Trend{Instrument: in, Name: in.Name, Bands: in.Bands, Max: in.MaxTotal(), Points: []TrendPoint{}}
	if in.Cutoff > 0 {
		t.Cutoffs = append(t.Cutoffs, in.Cutoff)
	}
	t.Cutoffs = append(t.Cutoffs, in.ExtraCutoffs...)
	for i, m := range ms {
		p := TrendPoint{MeasureID: m.ID, Date: m.Date, Total: m.Total, Band: m.Band}
		if i > 0 {
			p.Change = ChangeFrom(in, ms[0].Total, m.Total)
		}
		t.Points = append(t.Points, p)
	}
	return t
}

// ChangeFrom classifies the change from a baseline total to a later one
// (lower totals are better on every instrument shipped). Without a
// published reliable-change threshold there is no classification.
func ChangeFrom(in *Instrument, baseline, total int) string {
	if in.ReliableChange <= 0 {
		return ChangeNone
	}
	fall := baseline - total
	switch {
	case -fall >= in.ReliableChange:
		return ChangeReliableWorsening
	case fall < in.ReliableChange:
		return ChangeNone
	case fall >= max(in.ReliableChange, in.MeaningfulChange) && in.Cutoff > 0 && baseline >= in.Cutoff && total < in.Cutoff:
		return ChangeClinicallySignificant
	default:
		return ChangeReliableImprovement
	}
}

// Trend returns a client's trend on one instrument.
func (s *Store) Trend(clientID, instrument string) (*Trend, error) {
	in, err := InstrumentByID(instrument)
	if err != nil {
		return nil, err
	}
	ms, err := s.Measures(clientID, in.ID)
	if err != nil {
		return nil, err
	}
	return TrendOf(in, ms), nil
}
