package consent

import (
	"fmt"

	"github.com/confidenotes/confide/vault"
)

// RequestKind is a right the client exercises in writing.
type RequestKind string

// Request kinds.
const (
	AccessRequest    RequestKind = "access"    // to inspect or copy the record (45 CFR 164.524)
	AmendmentRequest RequestKind = "amendment" // to amend the record (45 CFR 164.526)
)

// Deadlines, in days from receipt; each kind of request may be extended
// once, with a written reason given to the client within the first period.
const (
	AccessDays    = 30
	AmendmentDays = 60
	ExtensionDays = 30
)

// Request outcomes.
const (
	Granted  = "granted"  // access given
	Accepted = "accepted" // amendment made
	Denied   = "denied"
)

// Request is a client's request for access to, or amendment of, their
// record, with its deadline. Psychotherapy notes are not part of the
// record an access request reaches.
type Request struct {
	ID              string      `json:"id"`
	ClientID        string      `json:"client_id"`
	Kind            RequestKind `json:"kind"`
	Received        string      `json:"received"` // YYYY-MM-DD
	Due             string      `json:"due"`      // YYYY-MM-DD, see DueDate
	What            string      `json:"what,omitempty"`
	NoteID          string      `json:"note_id,omitempty"` // for an amendment: the note it concerns
	Extended        string      `json:"extended,omitempty"`
	ExtensionReason string      `json:"extension_reason,omitempty"`
	Closed          string      `json:"closed,omitempty"`
	Outcome         string      `json:"outcome,omitempty"`
	DenialReason    string      `json:"denial_reason,omitempty"`
	AmendmentID     string      `json:"amendment_id,omitempty"` // the addendum that made an accepted amendment
	Disagreement    string      `json:"disagreement,omitempty"` // the client's statement of disagreement
	Rebuttal        string      `json:"rebuttal,omitempty"`
	Recorded        string      `json:"recorded"`
}

type requestDetails struct {
	What, NoteID, Extended, ExtensionReason, Outcome, DenialReason, AmendmentID, Disagreement, Rebuttal string `json:",omitempty"`
}

// DueDate returns the deadline of a request of kind received on day
// received, with or without its one extension.
func DueDate(kind RequestKind, received string, extended bool) string {
	days := AccessDays
	if kind == AmendmentRequest {
		days = AmendmentDays
	}
	if extended {
		days += ExtensionDays
	}
	return AddDays(received, days)
}

// DaysLeft returns the days from today to the deadline: 0 on the due day,
// negative when overdue.
func (r *Request) DaysLeft(today string) int { return daysBetween(today, r.Due) }

// Overdue reports whether the request is open after its deadline.
func (r *Request) Overdue(today string) bool { return r.Closed == "" && today > r.Due }

// AddRequest records a request received from a client.
func (s *Store) AddRequest(r Request) (*Request, error) {
	if r.Kind != AccessRequest && r.Kind != AmendmentRequest {
		return nil, fmt.Errorf("%w: request kind must be access or amendment", ErrInvalid)
	}
	if err := checkDate("the date received", r.Received); err != nil {
		return nil, err
	}
	if _, err := s.Client(r.ClientID); err != nil {
		return nil, err
	}
	r.ID, r.Recorded = newID("rq-"), stamp(s.now())
	r.Due = DueDate(r.Kind, r.Received, false)
	r.Extended, r.ExtensionReason, r.Closed, r.Outcome = "", "", "", ""
	err := s.v.Update(func(tx *vault.Tx) error {
		_, err := tx.Exec(`INSERT INTO consent_requests(id, client_id, type, received_on, due_on, details, recorded_at)
			VALUES(?, ?, ?, ?, ?, ?, ?)`, r.ID, r.ClientID, string(r.Kind), r.Received, r.Due, mustJSON(r.details()), r.Recorded)
		return err
	})
	if err != nil {
		return nil, fmt.Errorf("add request: %w", err)
	}
	return &r, nil
}

func (r *Request) details() requestDetails {
	return requestDetails{What: r.What, NoteID: r.NoteID, Extended: r.Extended, ExtensionReason: r.ExtensionReason,
		Outcome: r.Outcome, DenialReason: r.DenialReason, AmendmentID: r.AmendmentID, Disagreement: r.Disagreement, Rebuttal: r.Rebuttal}
}

// Extend gives a request its one extension of ExtensionDays, on day date,
// with the written reason given to the client. It is refused for a closed
// request, a second time, without a reason, or after the first deadline.
func (s *Store) Extend(id, date, reason string) (*Request, error) {
	return s.changeRequest(id, date, func(r *Request) error {
		switch {
		case r.Extended != "":
			return fmt.Errorf("%w: request %s was already extended on %s; only one extension is allowed", ErrInvalid, id, r.Extended)
		case blank(reason):
			return fmt.Errorf("%w: an extension needs the written reason given to the client", ErrInvalid)
		case date > r.Due:
			return fmt.Errorf("%w: the extension must be given by the deadline %s", ErrInvalid, r.Due)
		}
		r.Extended, r.ExtensionReason = date, reason
		r.Due = DueDate(r.Kind, r.Received, true)
		return nil
	})
}

// Grant closes an access request as granted on day date.
func (s *Store) Grant(id, date string) (*Request, error) {
	return s.changeRequest(id, date, func(r *Request) error {
		if r.Kind != AccessRequest {
			return fmt.Errorf("%w: an amendment is accepted, not granted", ErrInvalid)
		}
		r.Closed, r.Outcome = date, Granted
		return nil
	})
}

// Accept closes an amendment request as accepted on day date: the amendment
// text is appended, as a dated addendum, to the signed note the request
// concerns, and linked to the request.
func (s *Store) Accept(id, date, amendment string) (*Request, error) {
	r, err := s.request(id)
	if err != nil {
		return nil, err
	}
	if r.Kind != AmendmentRequest || r.NoteID == "" || blank(amendment) || r.Closed != "" {
		return nil, fmt.Errorf("%w: accepting needs an open amendment request that names a note, and the amendment text", ErrInvalid)
	}
	add, err := s.notes.AddAddendum(r.NoteID, amendment)
	if err != nil {
		return nil, fmt.Errorf("append the amendment: %w", err)
	}
	return s.changeRequest(id, date, func(r *Request) error {
		r.Closed, r.Outcome, r.AmendmentID = date, Accepted, add.ID
		return nil
	})
}

// Deny closes a request as denied on day date, with the reason given to the
// client. For an amendment, the client's statement of disagreement and the
// practice's rebuttal may follow with Disagree.
func (s *Store) Deny(id, date, reason string) (*Request, error) {
	return s.changeRequest(id, date, func(r *Request) error {
		if blank(reason) {
			return fmt.Errorf("%w: a denial needs the reason given to the client", ErrInvalid)
		}
		r.Closed, r.Outcome, r.DenialReason = date, Denied, reason
		return nil
	})
}

// Disagree records, on a denied amendment request, the client's statement of
// disagreement and any rebuttal; both stay linked to the record through
// the request's note.
func (s *Store) Disagree(id, statement, rebuttal string) (*Request, error) {
	return s.changeRequest(id, "", func(r *Request) error {
		if r.Kind != AmendmentRequest || r.Outcome != Denied || blank(statement) {
			return fmt.Errorf("%w: a statement of disagreement belongs to a denied amendment request and cannot be empty", ErrInvalid)
		}
		r.Disagreement, r.Rebuttal = statement, rebuttal
		return nil
	})
}

// changeRequest applies change to an open request (any request when date is
// "") within one transaction.
func (s *Store) changeRequest(id, date string, change func(r *Request) error) (*Request, error) {
	if date != "" {
		if err := checkDate("the date", date); err != nil {
			return nil, err
		}
	}
	var r *Request
	err := s.v.Update(func(tx *vault.Tx) error {
		rs, err := queryRequests(tx, "WHERE id = ?", id)
		if err != nil {
			return err
		}
		if len(rs) == 0 {
			return fmt.Errorf("request %s: %w", id, ErrNotFound)
		}
		r = &rs[0]
		if date != "" && r.Closed != "" {
			return fmt.Errorf("%w: request %s was closed on %s", ErrInvalid, id, r.Closed)
		}
		if date != "" && date < r.Received {
			return fmt.Errorf("%w: the date %s is before the request was received", ErrInvalid, date)
		}
		if err := change(r); err != nil {
			return err
		}
		_, err = tx.Exec("UPDATE consent_requests SET due_on = ?, closed_on = ?, details = ? WHERE id = ?",
			r.Due, r.Closed, mustJSON(r.details()), id)
		return err
	})
	if err != nil {
		return nil, err
	}
	return r, nil
}

func (s *Store) request(id string) (*Request, error) {
	var rs []Request
	err := s.v.Read(func(q vault.Querier) error {
		var err error
		rs, err = queryRequests(q, "WHERE id = ?", id)
		return err
	})
	if err == nil && len(rs) == 0 {
		err = fmt.Errorf("request %s: %w", id, ErrNotFound)
	}
	if err != nil {
		return nil, err
	}
	return &rs[0], nil
}

// Requests returns a client's requests ("" for every client), oldest first.
func (s *Store) Requests(clientID string) ([]Request, error) {
	var rs []Request
	err := s.v.Read(func(q vault.Querier) error {
		var err error
		rs, err = queryRequests(q, "WHERE ? = '' OR client_id = ?", clientID, clientID)
		return err
	})
	return rs, err
}

func queryRequests(q vault.Querier, where string, args ...any) ([]Request, error) {
	rows, err := q.Query(`SELECT id, client_id, type, received_on, due_on, closed_on, details, recorded_at
		FROM consent_requests `+where+" ORDER BY received_on, recorded_at", args...)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out []Request
	for rows.Next() {
		var r Request
		var raw string
		if err := rows.Scan(&r.ID, &r.ClientID, &r.Kind, &r.Received, &r.Due, &r.Closed, &raw, &r.Recorded); err != nil {
			return nil, err
		}
		var d requestDetails
		if err := scanDetails(raw, &d); err != nil {
			return nil, err
		}
		r.What, r.NoteID, r.Extended, r.ExtensionReason, r.Outcome = d.What, d.NoteID, d.Extended, d.ExtensionReason, d.Outcome
		r.DenialReason, r.AmendmentID, r.Disagreement, r.Rebuttal = d.DenialReason, d.AmendmentID, d.Disagreement, d.Rebuttal
		out = append(out, r)
	}
	return out, rows.Err()
}
