package consent

import (
	"fmt"

	"github.com/confidenotes/confide/vault"
)

// Consultation is a colleague, supervisor or lawyer consulted before
// confidentiality was broken.
type Consultation struct {
	Who  string `json:"who"`
	When string `json:"when"` // YYYY-MM-DD, or a date and time
}

// SafetyRecord is the record of a decision to break confidentiality: a
// mandated report or a warning to protect someone. Recording it also
// appends the matching accountable disclosure to the client's accounting.
type SafetyRecord struct {
	ID             string         `json:"id"`
	ClientID       string         `json:"client_id"`
	Type           RequestType    `json:"type"`    // MandatedReport or DutyToWarn
	Decided        string         `json:"decided"` // YYYY-MM-DD
	Facts          string         `json:"facts"`   // what triggered it
	Risk           string         `json:"risk"`    // the risk assessment
	Basis          string         `json:"basis"`   // the legal basis (statute); defaults to the type's
	Consulted      []Consultation `json:"consulted,omitempty"`
	Decision       string         `json:"decision"`
	Alternatives   string         `json:"alternatives,omitempty"` // alternatives considered
	Agency         string         `json:"agency"`                 // to whom it was disclosed
	Contact        string         `json:"contact,omitempty"`      // the person reached
	Address        string         `json:"address,omitempty"`
	Method         string         `json:"method"`                  // phone, written report, in person...
	Time           string         `json:"time"`                    // when it was disclosed, YYYY-MM-DD[ HH:MM]
	ReportNumber   string         `json:"report_number,omitempty"` // the agency's reference
	Disclosed      string         `json:"disclosed"`               // exactly what was disclosed
	Deadline       string         `json:"deadline,omitempty"`      // e.g. a written report due within 36 hours
	ClientInformed bool           `json:"client_informed"`
	InformedHow    string         `json:"informed_how,omitempty"` // how, or why not
	FollowUp       string         `json:"follow_up,omitempty"`
	MadeBy         string         `json:"made_by"`
	DisclosureID   string         `json:"disclosure_id"`
	Recorded       string         `json:"recorded"`
}

// Missing lists what the record lacks; nil means it is complete.
func (r *SafetyRecord) Missing() []string {
	var m []string
	for _, f := range []struct {
		v, what string
	}{{r.Facts, "the facts that triggered it"}, {r.Risk, "the risk assessment"}, {r.Decision, "the decision"},
		{r.Agency, "to whom it was disclosed (agency)"}, {r.Method, "the method"}, {r.Time, "the time of the disclosure"},
		{r.Disclosed, "exactly what was disclosed"}, {r.MadeBy, "who made it"}} {
		if blank(f.v) {
			m = append(m, f.what)
		}
	}
	if !r.ClientInformed && blank(r.InformedHow) {
		m = append(m, "whether the client was informed (or why not)")
	}
	return m
}

// AddSafety records a decision to break confidentiality together with its
// accountable disclosure, in one transaction. Every missing element is
// named in the refusal.
func (s *Store) AddSafety(r SafetyRecord) (*SafetyRecord, error) {
	if r.Type != MandatedReport && r.Type != DutyToWarn {
		return nil, fmt.Errorf("%w: the type must be mandated-report or duty-to-warn", ErrInvalid)
	}
	if err := checkDate("the decision date", r.Decided); err != nil {
		return nil, err
	}
	if err := checkOptionalDate("the deadline", r.Deadline); err != nil {
		return nil, err
	}
	if m := r.Missing(); m != nil {
		return nil, missingError("record of breaking confidentiality", m)
	}
	if blank(r.Basis) {
		r.Basis = r.Type.Basis()
	}
	if _, err := s.Client(r.ClientID); err != nil {
		return nil, err
	}
	date := r.Time
	if len(date) > len(DateLayout) {
		date = date[:len(DateLayout)]
	}
	if err := checkDate("the time of the disclosure", date); err != nil {
		return nil, err
	}
	recipient := r.Agency
	if r.Contact != "" {
		recipient += " (" + r.Contact + ")"
	}
	d := Disclosure{ClientID: r.ClientID, Date: date, Recipient: recipient, RecipientAddress: r.Address,
		Description: r.Disclosed, Purpose: string(r.Type), Request: r.Type, Basis: r.Basis, MadeBy: r.MadeBy}
	r.ID, r.Recorded = newID("sf-"), stamp(s.now())
	err := s.v.Update(func(tx *vault.Tx) error {
		dis, err := s.appendDisclosure(tx, d)
		if err != nil {
			return err
		}
		r.DisclosureID = dis.ID
		_, err = tx.Exec(`INSERT INTO consent_safety(id, client_id, type, decided_on, disclosure_id, details, recorded_at)
			VALUES(?, ?, ?, ?, ?, ?, ?)`, r.ID, r.ClientID, string(r.Type), r.Decided, r.DisclosureID, mustJSON(r), r.Recorded)
		return err
	})
	if err != nil {
		return nil, fmt.Errorf("add safety record: %w", err)
	}
	return &r, nil
}

// SafetyRecords returns a client's records of breaking confidentiality
// ("" for every client), oldest first.
func (s *Store) SafetyRecords(clientID string) ([]SafetyRecord, error) {
	var out []SafetyRecord
	err := s.v.Read(func(q vault.Querier) error {
		rows, err := q.Query(`SELECT details FROM consent_safety WHERE ? = '' OR client_id = ?
			ORDER BY decided_on, recorded_at`, clientID, clientID)
		if err != nil {
			return err
		}
		defer rows.Close()
		for rows.Next() {
			var raw string
			var r SafetyRecord
			if err := rows.Scan(&raw); err != nil {
				return err
			}
			if err := scanDetails(raw, &r); err != nil {
				return err
			}
			out = append(out, r)
		}
		return rows.Err()
	})
	return out, err
}
