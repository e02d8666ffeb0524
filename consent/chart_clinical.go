package consent

import (
	"crypto/sha256"
	"encoding/hex"
	"fmt"

	"github.com/confidenotes/confide/clinical"
	"github.com/confidenotes/confide/notes"
)

// The clinical record in the chart: an export of the whole chart or of a
// date range carries the client's diagnoses, treatment plans (every signed
// version in effect in the dates, with the progress the signed notes
// recorded on each goal), outcome measures and risk assessments, each
// under its own key of chart.json and on its own pages of chart.pdf
// (docs/cli.md lists the keys). An export of chosen notes carries, with
// each note, the diagnoses in effect on its date and the goals it
// addressed.

// Keys of the clinical record in chart.json.
const (
	ChartDiagnoses       = "diagnoses"
	ChartPlans           = "plans"
	ChartMeasures        = "measures"
	ChartRiskAssessments = "risk_assessments"
)

// clinicalSections are the chart sections of the clinical record.
func (s *Store) clinicalSections() []ChartSection {
	return []ChartSection{chartDiagnoses{s}, chartPlans{s}, chartMeasures{s}, chartRisks{s}}
}

type chartDiagnoses struct{ s *Store }

func (chartDiagnoses) Key() string { return ChartDiagnoses }
func (c chartDiagnoses) Data(clientID, from, to string) (any, error) {
	return c.s.clinical.DiagnosesDuring(clientID, from, to)
}
func (chartDiagnoses) Print(d *Doc, data any) error {
	ds, ok := data.([]clinical.Diagnosis)
	if !ok {
		return fmt.Errorf("%w: diagnoses of type %T", ErrInvalid, data)
	}
	if len(ds) > 0 {
		d.diagnosesPart(releasedDiagnoses(ds))
	}
	return nil
}

// ChartPlan is a plan version in chart.json: the plan, the days it was in
// effect, and, by goal id, the progress signed notes of the dates
// recorded on its goals.
type ChartPlan struct {
	clinical.PlanInEffect
	Progress map[string][]clinical.GoalEntry `json:"progress"`
}

type chartPlans struct{ s *Store }

func (chartPlans) Key() string { return ChartPlans }
func (c chartPlans) Data(clientID, from, to string) (any, error) {
	ps, err := c.s.clinical.PlansDuring(clientID, from, to)
	if err != nil {
		return nil, err
	}
	progress, err := c.s.clinical.GoalProgress(clientID, from, to)
	if err != nil {
		return nil, err
	}
	out := make([]ChartPlan, 0, len(ps))
	for _, p := range ps {
		cp := ChartPlan{PlanInEffect: p, Progress: map[string][]clinical.GoalEntry{}}
		for _, g := range p.Goals() {
			if es := progress[g.ID]; len(es) > 0 {
				cp.Progress[g.ID] = es
			}
		}
		out = append(out, cp)
	}
	return out, nil
}
func (c chartPlans) Print(d *Doc, data any) error {
	ps, ok := data.([]ChartPlan)
	if !ok {
		return fmt.Errorf("%w: plans of type %T", ErrInvalid, data)
	}
	if len(ps) == 0 {
		return nil
	}
	prof, err := c.s.Profile()
	if err != nil {
		return err
	}
	var rps []ReleasedPlan
	for _, p := range ps {
		rp := releasedPlanHead(p.PlanInEffect, clinical.PlanFull)
		rp.Sections = wholeSections(clinical.PlanSections(&p.Plan, clinical.PlanFull, p.Progress))
		rps = append(rps, rp)
	}
	d.plansPart(rps, prof)
	return nil
}

type chartMeasures struct{ s *Store }

func (chartMeasures) Key() string { return ChartMeasures }
func (c chartMeasures) Data(clientID, from, to string) (any, error) {
	return c.s.clinical.MeasuresBetween(clientID, from, to)
}
func (chartMeasures) Print(d *Doc, data any) error {
	ms, ok := data.([]clinical.Measure)
	if !ok {
		return fmt.Errorf("%w: measures of type %T", ErrInvalid, data)
	}
	if len(ms) == 0 {
		return nil
	}
	return d.measuresPart(releasedMeasures(ms), nil)
}

type chartRisks struct{ s *Store }

func (chartRisks) Key() string { return ChartRiskAssessments }
func (c chartRisks) Data(clientID, from, to string) (any, error) {
	all, err := c.s.clinical.RiskAssessments(clientID)
	if err != nil {
		return nil, err
	}
	out := []clinical.RiskAssessment{}
	for _, r := range all {
		if (from == "" || r.Date >= from) && (to == "" || r.Date <= to) {
			out = append(out, r)
		}
	}
	return out, nil
}
func (chartRisks) Print(d *Doc, data any) error {
	rs, ok := data.([]clinical.RiskAssessment)
	if !ok {
		return fmt.Errorf("%w: risk assessments of type %T", ErrInvalid, data)
	}
	var out []ReleasedRisk
	for _, r := range rs {
		out = append(out, ReleasedRisk{ID: r.ID, Date: r.Date, Level: r.Level, By: r.By, Sections: wholeSections(riskNote(r).Sections)})
	}
	if len(out) == 0 {
		return nil
	}
	return d.measuresPart(nil, out)
}

// wholeSections are sections printed whole, nothing redacted.
func wholeSections(secs []notes.Section) []ReleasedSection {
	out := make([]ReleasedSection, 0, len(secs))
	for _, s := range secs {
		out = append(out, ReleasedSection{Name: s.Name, Text: s.Text, Parts: []Part{{Text: s.Text}}})
	}
	return out
}

// annotate adds to a printed note of the chart the diagnoses in effect on
// its date and the goals it addressed.
func (s *Store) annotate(rn *ReleasedNote, n *notes.Note) error {
	var err error
	if rn.Diagnoses, err = s.noteDiagnoses(n); err != nil {
		return err
	}
	withGoals := *n
	if err := s.addGoalsSection(&withGoals); err != nil {
		return err
	}
	if len(withGoals.Sections) > len(n.Sections) {
		g := withGoals.Sections[len(withGoals.Sections)-1]
		rn.Sections = append(rn.Sections, wholeSections([]notes.Section{g})...)
	}
	return nil
}

// TrendChartSize is the size, in pixels, of a trend chart saved as an
// image.
const (
	TrendChartWidth  = 800
	TrendChartHeight = 450
)

// ExportTrendChart saves the chart of a client's scores on one instrument
// as a PNG image at out, written as an export is (readable by the user
// only, crash-safe, in place only once recorded), and records it in the
// client's accounting of disclosures as a copy made by the practice. An
// error after the image was recorded comes with the manifest.
func (s *Store) ExportTrendChart(clientID, instrument, out string) (*Manifest, error) {
	if blank(out) {
		return nil, fmt.Errorf("%w: give the image file to write", ErrInvalid)
	}
	t, err := s.clinical.Trend(clientID, instrument)
	if err != nil {
		return nil, err
	}
	png, err := clinical.ChartPNG(t, TrendChartWidth, TrendChartHeight)
	if err != nil {
		return nil, err
	}
	by, err := s.madeBy()
	if err != nil {
		return nil, err
	}
	sum := sha256.Sum256(png)
	m := &Manifest{Version: 1, ReleaseID: newID("ex-"), ClientID: clientID, Date: Day(s.now()), Request: Export,
		Recipient: "the practice", Basis: Export.Basis(), Notes: []string{}, Scope: ReleaseScope{Measures: true},
		PDF: ReleasedFile{Path: out, Bytes: int64(len(png)), SHA256: hex.EncodeToString(sum[:])}}
	for _, p := range t.Points {
		m.Measures = append(m.Measures, p.MeasureID)
	}
	m.Hash = ManifestHash(m)
	d := Disclosure{ClientID: clientID, Date: m.Date, Recipient: m.Recipient, Purpose: "a copy of the record", Request: Export,
		Basis: m.Basis, MadeBy: by, Description: fmt.Sprintf("export %s: the %s chart of %s as a PNG image; manifest SHA-256 %s",
			m.ReleaseID, t.Name, countOf(len(t.Points), "score", "scores"), m.Hash)}
	if err := checkDisclosure(&d); err != nil {
		return nil, err
	}
	return s.writeAccounted(m, "chart image", []string{out}, [][]byte{png}, func() error { return s.recordExport(m, d) })
}
