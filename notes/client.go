package notes

import (
	"database/sql"
	"encoding/json"
	"errors"
	"fmt"
	"sort"
	"strings"

	"github.com/confidenotes/confide/vault"
)

// Status is where a client's treatment stands.
type Status string

// Client statuses.
const (
	Active Status = "active"
	Closed Status = "closed"
)

// Person is someone in a client's life: a related person, a guardian or
// personal representative, or the emergency contact.
type Person struct {
	Name     string `json:"name"`
	Relation string `json:"relation,omitempty"` // spouse, child, parent, partner, guardian, ...
	Phone    string `json:"phone,omitempty"`
}

// Client is a person in treatment, with everything that could identify
// them: a disguise or a release needs all of it (see Identifiers).
type Client struct {
	ID          string   `json:"id"`
	Name        string   `json:"name"`
	Preferred   string   `json:"preferred,omitempty"`
	Pronouns    string   `json:"pronouns,omitempty"`
	DOB         string   `json:"dob,omitempty"` // YYYY-MM-DD, or "" when unknown
	Phones      []string `json:"phones,omitempty"`
	Emails      []string `json:"emails,omitempty"`
	Addresses   []string `json:"addresses,omitempty"`
	Employer    string   `json:"employer,omitempty"`
	School      string   `json:"school,omitempty"`
	Other       []string `json:"other,omitempty"` // other identifying details, free items
	Related     []Person `json:"related,omitempty"`
	Guardians   []Person `json:"guardians,omitempty"` // guardians or personal representatives
	Emergency   *Person  `json:"emergency,omitempty"`
	Status      Status   `json:"status"`
	IntakeDate  string   `json:"intake_date,omitempty"`
	LastContact string   `json:"last_contact,omitempty"`
	Minor       bool     `json:"minor"`
	LegalHold   bool     `json:"legal_hold"`
	Units       []Unit   `json:"units,omitempty"` // filled by GetClient; set with AddUnit
	Part2       bool     `json:"part2,omitempty"` // a 42 CFR Part 2 record; filled by GetClient, set with SetPart2
}

// details is the JSON column for the identifying lists.
type details struct {
	Phones    []string `json:"phones,omitempty"`
	Emails    []string `json:"emails,omitempty"`
	Addresses []string `json:"addresses,omitempty"`
	Employer  string   `json:"employer,omitempty"`
	School    string   `json:"school,omitempty"`
	Other     []string `json:"other,omitempty"`
}

func (c *Client) validate() error {
	if strings.TrimSpace(c.Name) == "" {
		return fmt.Errorf("%w: a client needs a name", ErrInvalid)
	}
	switch c.Status {
	case "":
		c.Status = Active
	case Active, Closed:
	default:
		return fmt.Errorf("%w: status must be active or closed", ErrInvalid)
	}
	for what, d := range map[string]string{"date of birth": c.DOB, "intake date": c.IntakeDate, "last contact": c.LastContact} {
		if err := checkDate(what, d); err != nil {
			return err
		}
	}
	for _, p := range c.people() {
		if strings.TrimSpace(p.Name) == "" {
			return fmt.Errorf("%w: a related person needs a name", ErrInvalid)
		}
	}
	return nil
}

type rolePerson struct {
	role string
	Person
}

func (c *Client) people() []rolePerson {
	var out []rolePerson
	for _, p := range c.Related {
		out = append(out, rolePerson{"related", p})
	}
	for _, p := range c.Guardians {
		out = append(out, rolePerson{"guardian", p})
	}
	if c.Emergency != nil {
		out = append(out, rolePerson{"emergency", *c.Emergency})
	}
	return out
}

// checkBirth refuses a date of birth after today.
func (s *Store) checkBirth(c *Client) error {
	if c.DOB != "" && c.DOB > s.now().Format(DateLayout) {
		return fmt.Errorf("%w: the date of birth %s is after today", ErrInvalid, c.DOB)
	}
	return nil
}

// AddClient records a new client and returns it with its new id.
func (s *Store) AddClient(c Client) (*Client, error) {
	if err := c.validate(); err != nil {
		return nil, err
	}
	if err := s.checkBirth(&c); err != nil {
		return nil, err
	}
	c.ID = newID("c-")
	c.Units = nil
	err := s.v.Update(func(tx *vault.Tx) error { return writeClient(tx, &c, stamp(s.now()), true) })
	if err != nil {
		return nil, fmt.Errorf("add client: %w", err)
	}
	return &c, nil
}

// UpdateClient replaces what is recorded about an existing client.
func (s *Store) UpdateClient(c Client) error {
	if err := c.validate(); err != nil {
		return err
	}
	if err := s.checkBirth(&c); err != nil {
		return err
	}
	return s.v.Update(func(tx *vault.Tx) error {
		if err := clientExists(tx, c.ID); err != nil {
			return err
		}
		return writeClient(tx, &c, stamp(s.now()), false)
	})
}

func writeClient(tx *vault.Tx, c *Client, now string, insert bool) error {
	det, err := json.Marshal(details{c.Phones, c.Emails, c.Addresses, c.Employer, c.School, c.Other})
	if err != nil {
		return err
	}
	if insert {
		_, err = tx.Exec(`INSERT INTO clients(id, name, preferred, pronouns, dob, status, intake_date,
			last_contact, minor, legal_hold, details, created_at, updated_at)
			VALUES(?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
			c.ID, c.Name, c.Preferred, c.Pronouns, c.DOB, string(c.Status), c.IntakeDate,
			c.LastContact, c.Minor, c.LegalHold, string(det), now, now)
	} else {
		_, err = tx.Exec(`UPDATE clients SET name = ?, preferred = ?, pronouns = ?, dob = ?, status = ?,
			intake_date = ?, last_contact = ?, minor = ?, legal_hold = ?, details = ?, updated_at = ?
			WHERE id = ?`,
			c.Name, c.Preferred, c.Pronouns, c.DOB, string(c.Status), c.IntakeDate, c.LastContact,
			c.Minor, c.LegalHold, string(det), now, c.ID)
	}
	if err != nil {
		return err
	}
	if _, err := tx.Exec("DELETE FROM client_people WHERE client_id = ?", c.ID); err != nil {
		return err
	}
	for i, p := range c.people() {
		if _, err := tx.Exec(`INSERT INTO client_people(client_id, pos, role, name, relation, phone)
			VALUES(?, ?, ?, ?, ?, ?)`, c.ID, i, p.role, p.Name, p.Relation, p.Phone); err != nil {
			return err
		}
	}
	return nil
}

func clientExists(q vault.Querier, id string) error {
	var one int
	err := q.QueryRow("SELECT 1 FROM clients WHERE id = ?", id).Scan(&one)
	if errors.Is(err, sql.ErrNoRows) {
		return notFound("client", id)
	}
	return err
}

// SetLegalHold sets or lifts the legal hold that blocks destruction.
func (s *Store) SetLegalHold(clientID string, hold bool) error {
	return s.v.Update(func(tx *vault.Tx) error {
		if err := clientExists(tx, clientID); err != nil {
			return err
		}
		if _, err := tx.Exec("UPDATE clients SET legal_hold = ?, updated_at = ? WHERE id = ?", hold, stamp(s.now()), clientID); err != nil {
			return err
		}
		_, err := tx.Append(vault.Event{At: s.now(), Kind: "client.legal-hold", Subject: clientID, Data: []byte(fmt.Sprint(hold))})
		return err
	})
}

// GetClient returns the client with the given id, with its units.
func (s *Store) GetClient(id string) (*Client, error) {
	var c *Client
	err := s.v.Read(func(q vault.Querier) error {
		var err error
		c, err = readClient(q, id)
		return err
	})
	return c, err
}

const clientColumns = `id, name, preferred, pronouns, dob, status, intake_date, last_contact, minor, legal_hold, details`

func scanClient(sc interface{ Scan(...any) error }) (*Client, error) {
	var c Client
	var det string
	if err := sc.Scan(&c.ID, &c.Name, &c.Preferred, &c.Pronouns, &c.DOB, &c.Status, &c.IntakeDate,
		&c.LastContact, &c.Minor, &c.LegalHold, &det); err != nil {
		return nil, err
	}
	var d details
	if err := json.Unmarshal([]byte(det), &d); err != nil {
		return nil, fmt.Errorf("client %s: details: %w", c.ID, err)
	}
	c.Phones, c.Emails, c.Addresses, c.Employer, c.School, c.Other = d.Phones, d.Emails, d.Addresses, d.Employer, d.School, d.Other
	return &c, nil
}

func readClient(q vault.Querier, id string) (*Client, error) {
	c, err := scanClient(q.QueryRow("SELECT "+clientColumns+" FROM clients WHERE id = ?", id))
	if errors.Is(err, sql.ErrNoRows) {
		return nil, notFound("client", id)
	}
	if err != nil {
		return nil, err
	}
	rows, err := q.Query("SELECT role, name, relation, phone FROM client_people WHERE client_id = ? ORDER BY pos", id)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	for rows.Next() {
		var role string
		var p Person
		if err := rows.Scan(&role, &p.Name, &p.Relation, &p.Phone); err != nil {
			return nil, err
		}
		switch role {
		case "related":
			c.Related = append(c.Related, p)
		case "guardian":
			c.Guardians = append(c.Guardians, p)
		case "emergency":
			c.Emergency = &p
		}
	}
	if err := rows.Err(); err != nil {
		return nil, err
	}
	if c.Part2, err = part2Of(q, id); err != nil {
		return nil, err
	}
	c.Units, err = unitsOf(q, id)
	return c, err
}

// ClientFilter narrows ListClients; the zero value lists everyone.
type ClientFilter struct {
	Status Status // "" for any
}

// ListClients returns the clients matching f, sorted by name. Related
// people and units are not filled in; GetClient has them.
func (s *Store) ListClients(f ClientFilter) ([]Client, error) {
	var out []Client
	err := s.v.Read(func(q vault.Querier) error {
		rows, err := q.Query("SELECT "+clientColumns+" FROM clients WHERE ?1 = '' OR status = ?1", string(f.Status))
		if err != nil {
			return err
		}
		defer rows.Close()
		for rows.Next() {
			c, err := scanClient(rows)
			if err != nil {
				return err
			}
			out = append(out, *c)
		}
		return rows.Err()
	})
	sort.SliceStable(out, func(i, j int) bool {
		return strings.ToLower(out[i].Name) < strings.ToLower(out[j].Name)
	})
	return out, err
}
