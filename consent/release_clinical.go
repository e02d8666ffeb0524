package consent

import (
	"fmt"
	"slices"
	"strings"
	"time"

	"github.com/confidenotes/confide/clinical"
	"github.com/confidenotes/confide/notes"
	"github.com/confidenotes/confide/notes/disguise"
)

// The clinical record in a release: diagnoses, the sessions' dates and
// codes, outcome measures with the risk assessments that answered their
// flags, and treatment plans. Each is in the scope on its own
// (ReleaseScope.Diagnoses, Sessions, Measures, Plans), taken from the
// scope's dates, and goes through the same redaction as the notes: the
// free text of plans and risk assessments is detected and redacted (or
// disguised) with the notes, as one text, so a person keeps one
// pseudonym everywhere; a disguised release shifts every date.

// HasClinical reports whether the scope includes any part of the clinical
// record.
func (sc ReleaseScope) HasClinical() bool {
	return sc.Diagnoses || sc.Sessions || sc.Measures || sc.Plans != ""
}

// ReleasedClinical is the clinical record a release or an export prints.
type ReleasedClinical struct {
	Diagnoses       []ReleasedDiagnosis `json:"diagnoses,omitempty"`
	Sessions        []ReleasedSession   `json:"sessions,omitempty"`
	Measures        []ReleasedMeasure   `json:"measures,omitempty"`
	RiskAssessments []ReleasedRisk      `json:"risk_assessments,omitempty"`
	Plans           []ReleasedPlan      `json:"plans,omitempty"`
}

// ReleasedDiagnosis is a diagnosis as released.
type ReleasedDiagnosis struct {
	ID          string `json:"id"`
	Code        string `json:"code"`
	Description string `json:"description"`
	Start       string `json:"start"`
	End         string `json:"end,omitempty"`
	Primary     bool   `json:"primary"`
}

// ReleasedSession is a session as the list of dates of service shows it.
type ReleasedSession struct {
	NoteID      string     `json:"note_id"`
	Kind        notes.Kind `json:"kind"`
	Date        string     `json:"date"`
	Start       string     `json:"start,omitempty"` // left out when disguised
	End         string     `json:"end,omitempty"`
	DurationMin int        `json:"duration_min,omitempty"`
	ServiceCode string     `json:"service_code,omitempty"`
}

// ReleasedMeasure is an outcome measure as released.
type ReleasedMeasure struct {
	ID         string   `json:"id"`
	Instrument string   `json:"instrument"`
	Name       string   `json:"name"`
	Date       string   `json:"date"`
	Total      int      `json:"total"`
	Band       string   `json:"band"`
	Items      []int    `json:"items"`
	Flags      []string `json:"flags"`
}

// ReleasedRisk is a risk assessment as released: its text redacted like a
// note's.
type ReleasedRisk struct {
	ID       string            `json:"id"`
	Date     string            `json:"date"`
	Level    string            `json:"level"`
	By       string            `json:"by"`
	Sections []ReleasedSection `json:"sections"`
}

// ReleasedPlan is a signed treatment plan version as released: its
// problems and goals as text (clinical.PlanSections), redacted like a
// note's.
type ReleasedPlan struct {
	ID         string              `json:"id"`
	Version    int                 `json:"version"`
	Detail     clinical.PlanDetail `json:"detail"`
	From       string              `json:"in_effect_from"`
	Until      string              `json:"in_effect_until,omitempty"`
	ReviewDate string              `json:"review_date"`
	SignedAt   time.Time           `json:"signed_at"`
	SignedBy   string              `json:"signed_by,omitempty"`
	Hash       string              `json:"content_hash,omitempty"`
	Sections   []ReleasedSection   `json:"sections"`
}

// GoalsSection names the section a printed note gets for the goals of the
// treatment plan it addressed: kept with the note, not part of its signed
// text.
const GoalsSection = "Treatment plan goals addressed (recorded with the note)"

// clinicalRecord is what the scope takes of the clinical record, before
// redaction: the structured parts, and the plans and risk assessments
// as notes (ids theirs) whose sections go through the release's
// redaction.
type clinicalRecord struct {
	ReleasedClinical
	plans []notes.Note // one per Plans entry, in order
	risks []notes.Note // one per RiskAssessments entry, in order
}

// gatherClinical reads the clinical record the release's scope includes.
// When the scope includes plans in full, each included note gets the
// goals it addressed as a last section (GoalsSection); when it includes
// diagnoses, the preview sets each note's diagnoses.
func (r *Release) gatherClinical(included []notes.Note) (*clinicalRecord, error) {
	sc, clin := r.scope, r.s.clinical
	id := r.req.ClientID
	cr := &clinicalRecord{}
	if sc.Diagnoses {
		ds, err := clin.DiagnosesDuring(id, sc.From, sc.To)
		if err != nil {
			return nil, err
		}
		cr.Diagnoses = releasedDiagnoses(ds)
	}
	if sc.Sessions {
		sums, err := r.s.notes.ListNotes(id)
		if err != nil {
			return nil, err
		}
		cr.Sessions = sessionsOf(sums, sc.From, sc.To)
	}
	if sc.Measures {
		ms, err := clin.MeasuresBetween(id, sc.From, sc.To)
		if err != nil {
			return nil, err
		}
		cr.Measures = releasedMeasures(ms)
		ras, err := clin.RiskAssessments(id)
		if err != nil {
			return nil, err
		}
		for _, ra := range ras {
			if (sc.From == "" || ra.Date >= sc.From) && (sc.To == "" || ra.Date <= sc.To) {
				cr.RiskAssessments = append(cr.RiskAssessments, ReleasedRisk{ID: ra.ID, Date: ra.Date, Level: ra.Level, By: ra.By})
				cr.risks = append(cr.risks, riskNote(ra))
			}
		}
	}
	if sc.Plans != "" {
		ps, err := clin.PlansDuring(id, sc.From, sc.To)
		if err != nil {
			return nil, err
		}
		if sc.Plans == clinical.PlanSummary && len(ps) > 1 {
			ps = ps[len(ps)-1:] // a summary is of the plan in effect at the end of the dates
		}
		var progress map[string][]clinical.GoalEntry
		if sc.Plans == clinical.PlanFull {
			if progress, err = clin.GoalProgress(id, sc.From, sc.To); err != nil {
				return nil, err
			}
		}
		for i := range ps {
			cr.Plans = append(cr.Plans, releasedPlanHead(ps[i], sc.Plans))
			cr.plans = append(cr.plans, notes.Note{ID: ps[i].ID, Kind: notes.TreatmentPlan,
				Sections: clinical.PlanSections(&ps[i].Plan, sc.Plans, progress)})
		}
		if sc.Plans == clinical.PlanFull {
			for i := range included {
				if err := r.s.addGoalsSection(&included[i]); err != nil {
					return nil, err
				}
			}
		}
	}
	return cr, nil
}

// addGoalsSection adds to a note (not a psychotherapy note) the goals it
// addressed, as its last section.
func (s *Store) addGoalsSection(n *notes.Note) error {
	if n.Kind == notes.Psychotherapy {
		return nil
	}
	texts, err := s.clinical.NoteGoalTexts(n.ID)
	if err != nil || len(texts) == 0 {
		return err
	}
	n.Sections = append(slices.Clone(n.Sections), notes.Section{Name: GoalsSection, Text: strings.Join(texts, "\n")})
	return nil
}

// noteDiagnoses words the diagnoses in effect on a note's date, as the
// note shows them; none for a psychotherapy note, which holds no
// diagnosis.
func (s *Store) noteDiagnoses(n *notes.Note) ([]string, error) {
	if n.Kind == notes.Psychotherapy || n.IsAddendum() {
		return nil, nil
	}
	ds, err := s.clinical.DiagnosesOn(n.ClientID, n.Date)
	if err != nil {
		return nil, err
	}
	var out []string
	for _, d := range ds {
		out = append(out, clinical.DiagnosisLine(d))
	}
	return out, nil
}

func releasedDiagnoses(ds []clinical.Diagnosis) []ReleasedDiagnosis {
	out := make([]ReleasedDiagnosis, 0, len(ds))
	for _, d := range ds {
		out = append(out, ReleasedDiagnosis{ID: d.ID, Code: d.Code, Description: d.Description, Start: d.Start, End: d.End, Primary: d.Primary})
	}
	return out
}

func releasedMeasures(ms []clinical.Measure) []ReleasedMeasure {
	out := make([]ReleasedMeasure, 0, len(ms))
	for _, m := range ms {
		name := m.Instrument
		if in, err := clinical.InstrumentByID(m.Instrument); err == nil {
			name = in.Name
		}
		out = append(out, ReleasedMeasure{ID: m.ID, Instrument: m.Instrument, Name: name, Date: m.Date, Total: m.Total,
			Band: m.Band, Items: m.Items, Flags: m.Flags})
	}
	return out
}

func releasedPlanHead(p clinical.PlanInEffect, detail clinical.PlanDetail) ReleasedPlan {
	return ReleasedPlan{ID: p.ID, Version: p.Version, Detail: detail, From: p.From, Until: p.Until, ReviewDate: p.ReviewDate,
		SignedAt: p.SignedAt, SignedBy: p.SignedBy, Hash: p.Hash}
}

// sessionsOf lists the signed sessions of the dates: intake and progress
// notes, and any other note with a service code, never a psychotherapy
// note.
func sessionsOf(sums []notes.Summary, from, to string) []ReleasedSession {
	var out []ReleasedSession
	for i := len(sums) - 1; i >= 0; i-- { // oldest first
		n := sums[i]
		if !n.Signed || n.Kind == notes.Psychotherapy || !(n.Kind.IsSession() || n.ServiceCode != "") ||
			(from != "" && n.Date < from) || (to != "" && n.Date > to) {
			continue
		}
		out = append(out, ReleasedSession{NoteID: n.ID, Kind: n.Kind, Date: n.Date, Start: n.Start,
			End: clinical.SessionEnd(n.Session), DurationMin: n.DurationMin, ServiceCode: n.ServiceCode})
	}
	return out
}

// riskNote is a risk assessment's text as a note's sections.
func riskNote(ra clinical.RiskAssessment) notes.Note {
	n := notes.Note{ID: ra.ID}
	for _, sec := range []notes.Section{
		{Name: "Ideation", Text: ra.Ideation}, {Name: "Plan, intent and means", Text: ra.Plan},
		{Name: "History", Text: ra.History}, {Name: "Protective factors", Text: ra.Protective},
		{Name: "Safety plan", Text: ra.SafetyPlan}, {Name: "Action taken", Text: ra.Action},
	} {
		if !blank(sec.Text) {
			n.Sections = append(n.Sections, sec)
		}
	}
	return n
}

// disguise shifts every date of the clinical record by the
// mapping's shift and leaves out start times and hashes, as a disguised
// note's session is.
func (c *ReleasedClinical) disguise(m *disguise.Mapping) {
	shift := m.Shift()
	for i := range c.Diagnoses {
		d := &c.Diagnoses[i]
		d.Start = shiftDay(d.Start, shift)
		if d.End != "" {
			d.End = shiftDay(d.End, shift)
		}
	}
	for i := range c.Sessions {
		s := &c.Sessions[i]
		s.Date, s.Start, s.End = shiftDay(s.Date, shift), "", ""
	}
	for i := range c.Measures {
		c.Measures[i].Date = shiftDay(c.Measures[i].Date, shift)
	}
	for i := range c.RiskAssessments {
		c.RiskAssessments[i].Date = shiftDay(c.RiskAssessments[i].Date, shift)
	}
	for i := range c.Plans {
		p := &c.Plans[i]
		p.From, p.ReviewDate = shiftDay(p.From, shift), shiftDay(p.ReviewDate, shift)
		if p.Until != "" {
			p.Until = shiftDay(p.Until, shift)
		}
		p.SignedAt, p.Hash = p.SignedAt.AddDate(0, 0, shift), ""
	}
}

// summary says what of the clinical record a release holds: "2
// diagnoses, 12 measures, ...", "" for nothing.
func (c *ReleasedClinical) summary() string {
	var parts []string
	if n := len(c.Diagnoses); n > 0 {
		parts = append(parts, countOf(n, "diagnosis", "diagnoses"))
	}
	if n := len(c.Sessions); n > 0 {
		parts = append(parts, countOf(n, "session (dates, times and codes)", "sessions (dates, times and codes)"))
	}
	if n := len(c.Measures); n > 0 {
		parts = append(parts, countOf(n, "outcome measure", "outcome measures"))
	}
	if n := len(c.RiskAssessments); n > 0 {
		parts = append(parts, countOf(n, "risk assessment", "risk assessments"))
	}
	for _, p := range c.Plans {
		what := "full"
		if p.Detail == clinical.PlanSummary {
			what = "summary"
		}
		parts = append(parts, fmt.Sprintf("treatment plan version %d (%s)", p.Version, what))
	}
	return strings.Join(parts, ", ")
}

// manifest enters the clinical record released in a manifest.
func (c *ReleasedClinical) manifest(m *Manifest) {
	for _, d := range c.Diagnoses {
		m.Diagnoses = append(m.Diagnoses, d.ID)
	}
	for _, x := range c.Measures {
		m.Measures = append(m.Measures, x.ID)
	}
	for _, x := range c.RiskAssessments {
		m.RiskAssessments = append(m.RiskAssessments, x.ID)
	}
	for _, x := range c.Plans {
		m.Plans = append(m.Plans, x.ID)
	}
	m.Sessions = len(c.Sessions)
}

// clinicalSummary says, for the accounting, what of the clinical record a
// manifest holds: ", with 2 diagnoses, 12 measures and 1 plan version";
// "" for none.
func (m *Manifest) clinicalSummary() string {
	var parts []string
	if n := len(m.Diagnoses); n > 0 {
		parts = append(parts, countOf(n, "diagnosis", "diagnoses"))
	}
	if m.Sessions > 0 {
		parts = append(parts, countOf(m.Sessions, "session date with its code", "session dates with their codes"))
	}
	if n := len(m.Measures); n > 0 {
		parts = append(parts, countOf(n, "measure", "measures"))
	}
	if n := len(m.RiskAssessments); n > 0 {
		parts = append(parts, countOf(n, "risk assessment", "risk assessments"))
	}
	if n := len(m.Plans); n > 0 {
		parts = append(parts, countOf(n, "treatment plan version", "treatment plan versions"))
	}
	if len(parts) == 0 {
		return ""
	}
	last := len(parts) - 1
	if last == 0 {
		return ", with " + parts[0]
	}
	return ", with " + strings.Join(parts[:last], ", ") + " and " + parts[last]
}
