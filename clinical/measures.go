package clinical

import (
	"database/sql"
	"encoding/json"
	"errors"
	"fmt"
	"strings"
	"time"

	"github.com/confidenotes/confide/vault"
)

// Given is a measure as the clinician enters it: every item answer, or a
// total given on paper (with the risk items' answers read off the form).
type Given struct {
	ClientID   string
	Instrument string
	Date       string      // YYYY-MM-DD
	Items      []int       // all answers, item 1 first; nil for a paper total
	Total      *int        // a total given on paper; nil when Items are given
	RiskItems  map[int]int // item number to answer, with a paper total
	FollowUp   string      // the answer to the unscored follow-up question, if asked
	GivenBy    string      // who gave it
}

// Measure is a measure in the record.
type Measure struct {
	ID          string         `json:"id"`
	ClientID    string         `json:"client_id"`
	Instrument  string         `json:"instrument"`
	Date        string         `json:"date"`
	Total       int            `json:"total"`
	Band        string         `json:"band"`
	Items       []int          `json:"items"` // empty for a total given on paper
	Flags       []string       `json:"flags"`
	GivenBy     string         `json:"given_by,omitempty"`
	Paper       bool           `json:"paper,omitempty"`
	RiskItems   map[int]int    `json:"risk_items,omitempty"`
	Subscales   map[string]int `json:"subscales,omitempty"`
	Provisional *bool          `json:"provisional_diagnosis,omitempty"`
	FollowUp    string         `json:"follow_up,omitempty"`
	Created     time.Time      `json:"created"`
}

// details is the measure's details column.
type details struct {
	RiskItems   map[int]int    `json:"risk_items,omitempty"`
	Subscales   map[string]int `json:"subscales,omitempty"`
	Provisional *bool          `json:"provisional_diagnosis,omitempty"`
	FollowUp    string         `json:"follow_up,omitempty"`
}

// Give scores and records a measure. Wrong item counts, out-of-range
// answers and unknown instruments are refused with the reason. A risk
// item answered above 0 (PHQ-9 item 9) raises a flag that stays open,
// and puts the client on the attention list, until a risk assessment
// answers it.
func (s *Store) Give(g Given) (*Measure, error) {
	in, err := InstrumentByID(g.Instrument)
	if err != nil {
		return nil, err
	}
	if err := checkDate("the date", g.Date); err != nil {
		return nil, err
	}
	if g.Date > Day(s.now()) {
		return nil, fmt.Errorf("%w: the date %s is in the future", ErrInvalid, g.Date)
	}
	var sc *Score
	switch {
	case g.Items != nil && g.Total != nil:
		return nil, fmt.Errorf("%w: give the item answers or a total, not both", ErrInvalid)
	case g.Items != nil:
		if len(g.RiskItems) > 0 {
			return nil, fmt.Errorf("%w: risk answers go with a paper total; the items already hold them", ErrInvalid)
		}
		sc, err = in.Score(g.Items)
	case g.Total != nil:
		sc, err = in.ScoreTotal(*g.Total, g.RiskItems)
	default:
		return nil, fmt.Errorf("%w: give the item answers or a total", ErrInvalid)
	}
	if err != nil {
		return nil, err
	}
	if in.FollowUp == nil && g.FollowUp != "" {
		return nil, fmt.Errorf("%w: %s has no follow-up question", ErrInvalid, in.Name)
	}
	if in.FollowUp != nil && g.FollowUp != "" && !contains(in.FollowUp.Options, g.FollowUp) {
		return nil, fmt.Errorf("%w: the follow-up answer must be one of: %s", ErrInvalid, strings.Join(in.FollowUp.Options, "; "))
	}
	if _, err := s.client(g.ClientID); err != nil {
		return nil, err
	}
	m := &Measure{ID: newID("m-"), ClientID: g.ClientID, Instrument: in.ID, Date: g.Date, Total: sc.Total,
		Band: sc.Band, Items: g.Items, Flags: sc.Flags, GivenBy: strings.TrimSpace(g.GivenBy), Paper: g.Total != nil,
		Subscales: sc.Subscales, Provisional: sc.Provisional, FollowUp: g.FollowUp, Created: s.now().UTC()}
	if m.Paper {
		m.RiskItems = g.RiskItems
	}
	items := ""
	if m.Items != nil {
		items = mustJSON(m.Items)
	}
	det := mustJSON(details{RiskItems: m.RiskItems, Subscales: m.Subscales, Provisional: m.Provisional, FollowUp: m.FollowUp})
	err = s.v.Update(func(tx *vault.Tx) error {
		if _, err := tx.Exec(`INSERT INTO clinical_measures(id, client_id, instrument, given_on, items, total, band, flags,
			given_by, details, created_at) VALUES(?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`, m.ID, m.ClientID, m.Instrument, m.Date,
			items, m.Total, m.Band, mustJSON(m.Flags), m.GivenBy, det, stamp(m.Created)); err != nil {
			return err
		}
		for _, f := range m.Flags {
			if _, err := tx.Exec(`INSERT INTO clinical_risk_flags(id, client_id, measure_id, flag, raised_on) VALUES(?, ?, ?, ?, ?)`,
				newID("rf-"), m.ClientID, m.ID, f, m.Date); err != nil {
				return err
			}
		}
		return nil
	})
	if err != nil {
		return nil, fmt.Errorf("give measure: %w", err)
	}
	if m.Items == nil {
		m.Items = []int{}
	}
	m.Created = parseStamp(stamp(m.Created))
	return m, nil
}

func contains(list []string, s string) bool {
	for _, x := range list {
		if x == s {
			return true
		}
	}
	return false
}

const measureColumns = `id, client_id, instrument, given_on, items, total, band, flags, given_by, details, created_at`

func scanMeasure(sc interface{ Scan(...any) error }) (*Measure, error) {
	var m Measure
	var items, flags, det, created string
	if err := sc.Scan(&m.ID, &m.ClientID, &m.Instrument, &m.Date, &items, &m.Total, &m.Band, &flags, &m.GivenBy,
		&det, &created); err != nil {
		return nil, err
	}
	m.Items = []int{}
	if items != "" {
		if err := json.Unmarshal([]byte(items), &m.Items); err != nil {
			return nil, fmt.Errorf("measure %s: items: %w", m.ID, err)
		}
	} else {
		m.Paper = true
	}
	if err := json.Unmarshal([]byte(flags), &m.Flags); err != nil {
		return nil, fmt.Errorf("measure %s: flags: %w", m.ID, err)
	}
	var d details
	if err := json.Unmarshal([]byte(det), &d); err != nil {
		return nil, fmt.Errorf("measure %s: details: %w", m.ID, err)
	}
	m.RiskItems, m.Subscales, m.Provisional, m.FollowUp = d.RiskItems, d.Subscales, d.Provisional, d.FollowUp
	m.Created = parseStamp(created)
	return &m, nil
}

// Measures returns a client's measures, oldest first; with instrument
// set, only that instrument's.
func (s *Store) Measures(clientID, instrument string) ([]Measure, error) {
	if _, err := s.client(clientID); err != nil {
		return nil, err
	}
	if instrument != "" {
		in, err := InstrumentByID(instrument)
		if err != nil {
			return nil, err
		}
		instrument = in.ID
	}
	var out []Measure
	err := s.v.Read(func(q vault.Querier) error {
		rows, err := q.Query(`SELECT `+measureColumns+` FROM clinical_measures
			WHERE client_id = ? AND (? = '' OR instrument = ?) ORDER BY given_on, created_at, rowid`, clientID, instrument, instrument)
		if err != nil {
			return err
		}
		defer rows.Close()
		for rows.Next() {
			m, err := scanMeasure(rows)
			if err != nil {
				return err
			}
			out = append(out, *m)
		}
		return rows.Err()
	})
	return out, err
}

// Measure returns one measure.
func (s *Store) Measure(id string) (*Measure, error) {
	var m *Measure
	err := s.v.Read(func(q vault.Querier) error {
		var err error
		m, err = scanMeasure(q.QueryRow(`SELECT `+measureColumns+` FROM clinical_measures WHERE id = ?`, id))
		return err
	})
	if errors.Is(err, sql.ErrNoRows) {
		return nil, notFound("measure", id)
	}
	return m, err
}
