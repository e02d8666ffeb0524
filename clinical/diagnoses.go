package clinical

import (
	"database/sql"
	"errors"
	"fmt"
	"time"

	"github.com/confidenotes/confide/vault"
)

// Diagnosis is a client's diagnosis: an ICD-10-CM code in effect from its
// start date to its end date ("" while it lasts), primary or secondary.
type Diagnosis struct {
	ID          string    `json:"id"`
	ClientID    string    `json:"client_id"`
	Code        string    `json:"code"`
	Description string    `json:"description"`
	Start       string    `json:"start"`
	End         string    `json:"end"`
	Primary     bool      `json:"primary"`
	Created     time.Time `json:"created"`
}

// InEffectOn reports whether the diagnosis applies on day (YYYY-MM-DD).
func (d Diagnosis) InEffectOn(day string) bool {
	return d.Start <= day && (d.End == "" || day <= d.End)
}

// AddDiagnosis records a diagnosis. The code must be one Confide ships
// (ErrUnknownCode otherwise). A primary diagnosis is refused while
// another primary one is open: end that one first, or add this one as
// secondary.
func (s *Store) AddDiagnosis(clientID, code, start string, primary bool) (*Diagnosis, error) {
	c, err := LookupCode(code)
	if err != nil {
		return nil, err
	}
	if err := checkDate("the start date", start); err != nil {
		return nil, err
	}
	if _, err := s.client(clientID); err != nil {
		return nil, err
	}
	d := &Diagnosis{ID: newID("dx-"), ClientID: clientID, Code: c.Code, Description: c.Description, Start: start,
		Primary: primary, Created: s.now().UTC()}
	err = s.v.Update(func(tx *vault.Tx) error {
		if primary {
			var other string
			err := tx.QueryRow(`SELECT id FROM clinical_diagnoses WHERE client_id = ? AND is_primary = 1
				AND (end_on = '' OR end_on >= ?) LIMIT 1`, clientID, start).Scan(&other)
			if err == nil {
				return fmt.Errorf("%w: primary diagnosis %s is still in effect; end it first or add this one as secondary", ErrInvalid, other)
			}
			if !errors.Is(err, sql.ErrNoRows) {
				return err
			}
		}
		_, err := tx.Exec(`INSERT INTO clinical_diagnoses(id, client_id, code, start_on, is_primary, created_at)
			VALUES(?, ?, ?, ?, ?, ?)`, d.ID, d.ClientID, d.Code, d.Start, d.Primary, stamp(d.Created))
		return err
	})
	if err != nil {
		return nil, fmt.Errorf("add diagnosis: %w", err)
	}
	d.Created = parseStamp(stamp(d.Created))
	return d, nil
}

// EndDiagnosis sets the last day a diagnosis applies. A diagnosis is ended
// once, on or after its start.
func (s *Store) EndDiagnosis(id, end string) (*Diagnosis, error) {
	if err := checkDate("the end date", end); err != nil {
		return nil, err
	}
	var d *Diagnosis
	err := s.v.Update(func(tx *vault.Tx) error {
		var err error
		if d, err = diagnosis(tx, id); err != nil {
			return err
		}
		if d.End != "" {
			return fmt.Errorf("%w: diagnosis %s already ended on %s", ErrInvalid, id, d.End)
		}
		if end < d.Start {
			return fmt.Errorf("%w: the end date is before the start date %s", ErrInvalid, d.Start)
		}
		d.End = end
		_, err = tx.Exec("UPDATE clinical_diagnoses SET end_on = ? WHERE id = ? AND end_on = ''", end, id)
		return err
	})
	if err != nil {
		return nil, fmt.Errorf("end diagnosis: %w", err)
	}
	return d, nil
}

const diagnosisColumns = "id, client_id, code, start_on, end_on, is_primary, created_at"

func scanDiagnosis(sc interface{ Scan(...any) error }) (*Diagnosis, error) {
	var d Diagnosis
	var created string
	if err := sc.Scan(&d.ID, &d.ClientID, &d.Code, &d.Start, &d.End, &d.Primary, &created); err != nil {
		return nil, err
	}
	d.Created = parseStamp(created)
	if c, err := LookupCode(d.Code); err == nil {
		d.Description = c.Description
	}
	return &d, nil
}

func diagnosis(q vault.Querier, id string) (*Diagnosis, error) {
	d, err := scanDiagnosis(q.QueryRow("SELECT "+diagnosisColumns+" FROM clinical_diagnoses WHERE id = ?", id))
	if errors.Is(err, sql.ErrNoRows) {
		return nil, notFound("diagnosis", id)
	}
	return d, err
}

// Diagnoses returns a client's diagnoses: primary first, then by start.
func (s *Store) Diagnoses(clientID string) ([]Diagnosis, error) {
	if _, err := s.client(clientID); err != nil {
		return nil, err
	}
	var out []Diagnosis
	err := s.v.Read(func(q vault.Querier) error {
		rows, err := q.Query("SELECT "+diagnosisColumns+` FROM clinical_diagnoses WHERE client_id = ?
			ORDER BY is_primary DESC, start_on, created_at, rowid`, clientID)
		if err != nil {
			return err
		}
		defer rows.Close()
		for rows.Next() {
			d, err := scanDiagnosis(rows)
			if err != nil {
				return err
			}
			out = append(out, *d)
		}
		return rows.Err()
	})
	return out, err
}

// DiagnosesOn returns the diagnoses in effect on day, as a note of that
// day shows them: primary first.
func (s *Store) DiagnosesOn(clientID, day string) ([]Diagnosis, error) {
	if err := checkDate("the day", day); err != nil {
		return nil, err
	}
	all, err := s.Diagnoses(clientID)
	if err != nil {
		return nil, err
	}
	var out []Diagnosis
	for _, d := range all {
		if d.InEffectOn(day) {
			out = append(out, d)
		}
	}
	return out, nil
}
