package clinical

import (
	"fmt"
	"strings"
	"time"

	"github.com/confidenotes/confide/vault"
)

// RiskFlag is a risk item answered above 0, open until a risk assessment
// answers it.
type RiskFlag struct {
	ID           string `json:"id"`
	ClientID     string `json:"client_id"`
	MeasureID    string `json:"measure_id"`
	Instrument   string `json:"instrument"`
	Flag         string `json:"flag"`
	Raised       string `json:"raised"` // the measure's date
	AssessmentID string `json:"assessment_id,omitempty"`
	Prompt       string `json:"prompt"`
}

// Open reports whether no assessment has answered the flag yet.
func (f RiskFlag) Open() bool { return f.AssessmentID == "" }

// Risk levels of an assessment.
const (
	RiskLow      = "low"
	RiskModerate = "moderate"
	RiskHigh     = "high"
	RiskImminent = "imminent"
)

// RiskLevels lists the levels an assessment may conclude, lowest first.
var RiskLevels = []string{RiskLow, RiskModerate, RiskHigh, RiskImminent}

// RiskAssessment is the safety record a risk flag links to: what was
// asked, what was found, and what was done. It is kept unchanged.
type RiskAssessment struct {
	ID         string    `json:"id"`
	ClientID   string    `json:"client_id"`
	Date       string    `json:"date"`  // YYYY-MM-DD
	Level      string    `json:"level"` // low, moderate, high, imminent
	Ideation   string    `json:"ideation"`
	Plan       string    `json:"plan,omitempty"`    // any plan, intent and access to means
	History    string    `json:"history,omitempty"` // past attempts and self-harm
	Protective string    `json:"protective,omitempty"`
	SafetyPlan string    `json:"safety_plan,omitempty"`
	Action     string    `json:"action"` // what was done
	By         string    `json:"by"`
	Flags      []string  `json:"flags"` // the flag ids it answers
	Created    time.Time `json:"created"`
}

// Missing lists what the assessment lacks; nil means it is complete.
func (r *RiskAssessment) Missing() []string {
	var m []string
	if blank(r.Ideation) {
		m = append(m, "the ideation found")
	}
	if blank(r.Action) {
		m = append(m, "what was done")
	}
	if blank(r.By) {
		m = append(m, "who assessed")
	}
	return m
}

// RiskFlags returns a client's risk flags, newest first.
func (s *Store) RiskFlags(clientID string) ([]RiskFlag, error) {
	var out []RiskFlag
	err := s.v.Read(func(q vault.Querier) error {
		var err error
		out, err = riskFlags(q, clientID)
		return err
	})
	return out, err
}

func riskFlags(q vault.Querier, clientID string) ([]RiskFlag, error) {
	rows, err := q.Query(`SELECT f.id, f.client_id, f.measure_id, m.instrument, f.flag, f.raised_on, coalesce(f.assessment_id, '')
		FROM clinical_risk_flags f JOIN clinical_measures m ON m.id = f.measure_id
		WHERE f.client_id = ? ORDER BY f.raised_on DESC, m.created_at DESC`, clientID)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out []RiskFlag
	for rows.Next() {
		var f RiskFlag
		if err := rows.Scan(&f.ID, &f.ClientID, &f.MeasureID, &f.Instrument, &f.Flag, &f.Raised, &f.AssessmentID); err != nil {
			return nil, err
		}
		if in, err := InstrumentByID(f.Instrument); err == nil {
			f.Prompt = in.RiskPrompt(f.Flag)
		}
		out = append(out, f)
	}
	return out, rows.Err()
}

// AddRiskAssessment records a risk assessment and links it to the flags
// it answers (every open flag of the client when r.Flags is empty), which
// closes them. Every missing element is named in the refusal.
func (s *Store) AddRiskAssessment(r RiskAssessment) (*RiskAssessment, error) {
	if err := checkDate("the date", r.Date); err != nil {
		return nil, err
	}
	if !contains(RiskLevels, r.Level) {
		return nil, fmt.Errorf("%w: the risk level must be one of %s", ErrInvalid, strings.Join(RiskLevels, ", "))
	}
	if m := r.Missing(); m != nil {
		return nil, fmt.Errorf("%w: the risk assessment is missing %s", ErrInvalid, strings.Join(m, ", "))
	}
	if _, err := s.client(r.ClientID); err != nil {
		return nil, err
	}
	r.ID, r.Created = newID("ra-"), s.now().UTC()
	err := s.v.Update(func(tx *vault.Tx) error {
		flags, err := riskFlags(tx, r.ClientID)
		if err != nil {
			return err
		}
		open := map[string]bool{}
		for _, f := range flags {
			if f.Open() {
				open[f.ID] = true
			}
		}
		if len(r.Flags) == 0 {
			for _, f := range flags {
				if f.Open() {
					r.Flags = append(r.Flags, f.ID)
				}
			}
		}
		for _, id := range r.Flags {
			if !open[id] {
				return fmt.Errorf("%w: %s is not an open risk flag of this client", ErrInvalid, id)
			}
		}
		if r.Flags == nil {
			r.Flags = []string{}
		}
		if _, err := tx.Exec(`INSERT INTO clinical_risk_assessments(id, client_id, assessed_on, level, details, created_at)
			VALUES(?, ?, ?, ?, ?, ?)`, r.ID, r.ClientID, r.Date, r.Level, mustJSON(r), stamp(r.Created)); err != nil {
			return err
		}
		for _, id := range r.Flags {
			if _, err := tx.Exec(`UPDATE clinical_risk_flags SET assessment_id = ? WHERE id = ? AND assessment_id IS NULL`, r.ID, id); err != nil {
				return err
			}
		}
		return nil
	})
	if err != nil {
		return nil, fmt.Errorf("add risk assessment: %w", err)
	}
	r.Created = parseStamp(stamp(r.Created))
	return &r, nil
}

// RiskAssessments returns a client's risk assessments, newest first.
func (s *Store) RiskAssessments(clientID string) ([]RiskAssessment, error) {
	var out []RiskAssessment
	err := s.v.Read(func(q vault.Querier) error {
		rows, err := q.Query(`SELECT details FROM clinical_risk_assessments WHERE client_id = ?
			ORDER BY assessed_on DESC, created_at DESC`, clientID)
		if err != nil {
			return err
		}
		defer rows.Close()
		for rows.Next() {
			var raw string
			if err := rows.Scan(&raw); err != nil {
				return err
			}
			var r RiskAssessment
			if err := jsonDecode(raw, &r); err != nil {
				return err
			}
			out = append(out, r)
		}
		return rows.Err()
	})
	return out, err
}
