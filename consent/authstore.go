package consent

import (
	"errors"
	"fmt"
	"strings"
	"time"

	"github.com/confidenotes/confide/vault"
)

// authDetails is the JSON of an authorization's details column.
type authDetails struct {
	Info               string `json:"info"`
	Discloser          string `json:"discloser"`
	Recipient          string `json:"recipient"`
	RecipientAddress   string `json:"recipient_address"`
	Purpose            string `json:"purpose"`
	ExpiryEvent        string `json:"expiry_event,omitempty"`
	Signer             string `json:"signer"`
	SignerAuthority    string `json:"signer_authority,omitempty"`
	Representative     bool   `json:"representative,omitempty"`
	PsychotherapyNotes bool   `json:"psychotherapy_notes,omitempty"`
	Form               string `json:"form,omitempty"`
}

// AddAuthorization records an authorization and returns it with its id and
// its status on the day it was recorded. One that lacks a required element
// is saved as incomplete (see Missing); one whose expiry date comes before
// its signature date is refused.
func (s *Store) AddAuthorization(a Authorization) (*Authorization, error) {
	if err := checkNewAuthorization(&a); err != nil {
		return nil, err
	}
	if _, err := s.Client(a.ClientID); err != nil {
		return nil, err
	}
	if a.Form == "" {
		f := ReleaseForm
		if a.PsychotherapyNotes {
			f = PsychotherapyReleaseForm
		}
		var err error
		if a.Form, err = s.formRef(f); err != nil {
			return nil, err
		}
	}
	a.ID = newID("au-")
	a.Recorded = stamp(s.now())
	d := authDetails{Info: a.Info, Discloser: a.Discloser, Recipient: a.Recipient, RecipientAddress: a.RecipientAddress,
		Purpose: a.Purpose, ExpiryEvent: a.ExpiryEvent, Signer: a.Signer, SignerAuthority: a.SignerAuthority,
		Representative: a.Representative, PsychotherapyNotes: a.PsychotherapyNotes, Form: a.Form}
	err := s.v.Update(func(tx *vault.Tx) error {
		_, err := tx.Exec(`INSERT INTO consent_authorizations(id, client_id, signed_on, expires_on, details, recorded_at)
			VALUES(?, ?, ?, ?, ?, ?)`, a.ID, a.ClientID, a.Signed, a.Expires, mustJSON(d), a.Recorded)
		if err != nil {
			return err
		}
		_, err = tx.Append(vault.Event{At: s.now(), Kind: EventAuthorized, Subject: a.ID, Data: []byte(a.ClientID)})
		return err
	})
	if err != nil {
		return nil, fmt.Errorf("add authorization: %w", err)
	}
	return &a, nil
}

// Revoke records the revocation of an authorization received on day date.
// Disclosures made before it stay valid. Revoking twice, or before the
// signature date, is refused.
func (s *Store) Revoke(id, date string) (*Authorization, error) {
	if err := checkDate("the revocation date", date); err != nil {
		return nil, err
	}
	var a *Authorization
	err := s.v.Update(func(tx *vault.Tx) error {
		var err error
		if a, err = getAuthorization(tx, id); err != nil {
			return err
		}
		if a.Revoked != "" {
			return fmt.Errorf("%w: authorization %s was already revoked on %s", ErrInvalid, id, a.Revoked)
		}
		if a.Signed != "" && date < a.Signed {
			return fmt.Errorf("%w: the revocation date %s is before the signature date %s", ErrInvalid, date, a.Signed)
		}
		if _, err := tx.Exec("UPDATE consent_authorizations SET revoked_on = ? WHERE id = ?", date, id); err != nil {
			return err
		}
		a.Revoked = date
		_, err = tx.Append(vault.Event{At: s.now(), Kind: EventRevoked, Subject: id, Data: []byte(date)})
		return err
	})
	if err != nil {
		return nil, fmt.Errorf("revoke: %w", err)
	}
	return a, nil
}

// EndByEvent records that the expiry event of an authorization happened on
// day date: from that day it is expired. It is refused for an authorization
// that expires on a date instead, or that was already ended.
func (s *Store) EndByEvent(id, date string) (*Authorization, error) {
	if err := checkDate("the date of the expiry event", date); err != nil {
		return nil, err
	}
	var a *Authorization
	err := s.v.Update(func(tx *vault.Tx) error {
		var err error
		if a, err = getAuthorization(tx, id); err != nil {
			return err
		}
		switch {
		case blank(a.ExpiryEvent):
			return fmt.Errorf("%w: authorization %s expires on a date, not on an event", ErrInvalid, id)
		case a.Ended != "":
			return fmt.Errorf("%w: the expiry event of authorization %s was already recorded on %s", ErrInvalid, id, a.Ended)
		case a.Signed != "" && date < a.Signed:
			return fmt.Errorf("%w: the date %s is before the signature date %s", ErrInvalid, date, a.Signed)
		}
		if _, err := tx.Exec("UPDATE consent_authorizations SET ended_on = ? WHERE id = ?", date, id); err != nil {
			return err
		}
		a.Ended = date
		_, err = tx.Append(vault.Event{At: s.now(), Kind: EventEnded, Subject: id, Data: []byte(date)})
		return err
	})
	if err != nil {
		return nil, fmt.Errorf("end authorization: %w", err)
	}
	return a, nil
}

// Authorization returns one authorization.
func (s *Store) Authorization(id string) (*Authorization, error) {
	var a *Authorization
	err := s.v.Read(func(q vault.Querier) error {
		var err error
		a, err = getAuthorization(q, id)
		return err
	})
	return a, err
}

// Authorizations returns a client's authorizations, oldest signature first.
func (s *Store) Authorizations(clientID string) ([]Authorization, error) {
	var out []Authorization
	err := s.v.Read(func(q vault.Querier) error {
		var err error
		out, err = queryAuthorizations(q, "WHERE client_id = ?", clientID)
		return err
	})
	return out, err
}

const authColumns = "SELECT id, client_id, signed_on, expires_on, revoked_on, ended_on, details, recorded_at FROM consent_authorizations "

func getAuthorization(q vault.Querier, id string) (*Authorization, error) {
	as, err := queryAuthorizations(q, "WHERE id = ?", id)
	if err != nil {
		return nil, err
	}
	if len(as) == 0 {
		return nil, fmt.Errorf("authorization %s: %w", id, ErrNotFound)
	}
	return &as[0], nil
}

func queryAuthorizations(q vault.Querier, where string, args ...any) ([]Authorization, error) {
	rows, err := q.Query(authColumns+where+" ORDER BY signed_on, recorded_at", args...)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out []Authorization
	for rows.Next() {
		var a Authorization
		var raw string
		if err := rows.Scan(&a.ID, &a.ClientID, &a.Signed, &a.Expires, &a.Revoked, &a.Ended, &raw, &a.Recorded); err != nil {
			return nil, err
		}
		var d authDetails
		if err := scanDetails(raw, &d); err != nil {
			return nil, err
		}
		a.Info, a.Discloser, a.Recipient, a.RecipientAddress, a.Purpose = d.Info, d.Discloser, d.Recipient, d.RecipientAddress, d.Purpose
		a.ExpiryEvent, a.Signer, a.SignerAuthority, a.Representative = d.ExpiryEvent, d.Signer, d.SignerAuthority, d.Representative
		a.PsychotherapyNotes, a.Form = d.PsychotherapyNotes, d.Form
		out = append(out, a)
	}
	return out, rows.Err()
}

// ReleaseCheck is a proposed release, as the release flow asks about it. A
// release of psychotherapy notes and other records together needs two
// checks, one per scope, since a psychotherapy-notes authorization is a
// separate document.
type ReleaseCheck struct {
	ClientID      string
	UnitID        string // a couple, family or group whose shared record is released; "" for the client's own
	Recipient     string
	Scope         Scope
	When          time.Time
	Authorization string // a specific authorization to use; "" to search the client's
}

// Authorize finds the authorizations that allow a release: one valid
// authorization of the client (the one named, if any) and, for the shared
// record of a treatment unit, one of every other member too. It returns
// them, or an error wrapping ErrNotAuthorized that says who lacks one and
// why.
func (s *Store) Authorize(r ReleaseCheck) ([]Authorization, error) {
	client, err := s.Client(r.ClientID)
	if err != nil {
		return nil, err
	}
	members := []string{r.ClientID}
	if r.UnitID != "" {
		found := false
		for _, u := range client.Units {
			if u.ID != r.UnitID {
				continue
			}
			found = true
			for _, m := range u.Members {
				if m.ClientID != r.ClientID {
					members = append(members, m.ClientID)
				}
			}
		}
		if !found {
			return nil, fmt.Errorf("%w: client %s is not a member of unit %s", ErrInvalid, r.ClientID, r.UnitID)
		}
	}
	var used []Authorization
	var lacking []string
	for i, m := range members {
		var named string
		if i == 0 {
			named = r.Authorization
		}
		a, err := s.authorizationFor(m, named, r)
		if err != nil && !errors.Is(err, ErrNotAuthorized) {
			return nil, err
		}
		if err != nil {
			lacking = append(lacking, fmt.Sprintf("client %s (%s)", m, strings.TrimPrefix(err.Error(), ErrNotAuthorized.Error()+": ")))
			continue
		}
		used = append(used, *a)
	}
	if lacking != nil {
		return nil, fmt.Errorf("%w: no valid authorization for %s", ErrNotAuthorized, strings.Join(lacking, "; "))
	}
	return used, nil
}

// authorizationFor returns the authorization of one client that allows the
// release, or why none does.
func (s *Store) authorizationFor(clientID, named string, r ReleaseCheck) (*Authorization, error) {
	if named != "" {
		a, err := s.Authorization(named)
		if err != nil {
			return nil, err
		}
		if a.ClientID != clientID {
			return nil, fmt.Errorf("%w: authorization %s is another client's", ErrNotAuthorized, named)
		}
		return a, a.ValidFor(r.Recipient, r.Scope, r.When)
	}
	as, err := s.Authorizations(clientID)
	if err != nil {
		return nil, err
	}
	var last error = fmt.Errorf("%w: none on file", ErrNotAuthorized)
	for i := len(as) - 1; i >= 0; i-- {
		if err := as[i].ValidFor(r.Recipient, r.Scope, r.When); err == nil {
			return &as[i], nil
		} else if RecipientMatches(as[i].Recipient, r.Recipient) {
			last = err
		}
	}
	return nil, last
}
