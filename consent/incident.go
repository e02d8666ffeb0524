package consent

import (
	"fmt"

	"github.com/confidenotes/confide/vault"
)

// NotifyWithinDays is the deadline for telling affected clients of a breach
// of unsecured information, counted from its discovery (45 CFR 164.404).
const NotifyWithinDays = 60

// Notification is one party told of an incident.
type Notification struct {
	Who    string `json:"who"`    // a client id, "HHS", "media", the insurer...
	When   string `json:"when"`   // YYYY-MM-DD
	Method string `json:"method"` // letter, email, phone...
}

// Incident is a privacy incident (a lost laptop, a misdirected email) with
// the four-factor risk assessment of 45 CFR 164.402(2).
type Incident struct {
	ID         string   `json:"id"`
	Discovered string   `json:"discovered"` // YYYY-MM-DD
	What       string   `json:"what"`
	ClientIDs  []string `json:"client_ids,omitempty"` // the clients whose information was involved
	// The four factors.
	Nature     string `json:"nature"`     // the information involved: kinds of identifiers, likelihood of re-identification
	Recipient  string `json:"recipient"`  // the unauthorized person who used it or to whom it went
	Acquired   string `json:"acquired"`   // whether it was actually acquired or viewed
	Mitigation string `json:"mitigation"` // the extent to which the risk has been mitigated
	// The encryption safe harbour: encrypted data whose keys were not
	// exposed is not unsecured information, and needs no notification.
	Encrypted   bool           `json:"encrypted"`
	KeysExposed bool           `json:"keys_exposed"`
	Notified    []Notification `json:"notified,omitempty"`
	Corrective  string         `json:"corrective,omitempty"`
	InsurerTold string         `json:"insurer_told,omitempty"` // YYYY-MM-DD the liability insurer was contacted
	Recorded    string         `json:"recorded"`
}

// SafeHarbour reports whether the encryption safe harbour applies.
func (i *Incident) SafeHarbour() bool { return i.Encrypted && !i.KeysExposed }

// NotifyBy returns the date by which affected clients must be told, or ""
// when the safe harbour applies.
func (i *Incident) NotifyBy() string {
	if i.SafeHarbour() {
		return ""
	}
	return AddDays(i.Discovered, NotifyWithinDays)
}

// Unnotified returns the affected clients not yet notified.
func (i *Incident) Unnotified() []string {
	told := map[string]bool{}
	for _, n := range i.Notified {
		told[n.Who] = true
	}
	var out []string
	for _, c := range i.ClientIDs {
		if !told[c] {
			out = append(out, c)
		}
	}
	return out
}

// AddIncident records a privacy incident. Every missing element of the
// assessment is named in the refusal.
func (s *Store) AddIncident(in Incident) (*Incident, error) {
	if err := checkDate("the discovery date", in.Discovered); err != nil {
		return nil, err
	}
	if err := checkOptionalDate("the date the insurer was contacted", in.InsurerTold); err != nil {
		return nil, err
	}
	var missing []string
	for _, f := range []struct{ v, what string }{{in.What, "what happened"}, {in.Nature, "the nature and extent of the information"},
		{in.Recipient, "who received or used it"}, {in.Acquired, "whether it was acquired or viewed"}, {in.Mitigation, "the mitigation"}} {
		if blank(f.v) {
			missing = append(missing, f.what)
		}
	}
	if missing != nil {
		return nil, missingError("incident record", missing)
	}
	for _, n := range in.Notified {
		if blank(n.Who) {
			return nil, fmt.Errorf("%w: a notification needs whom", ErrInvalid)
		}
		if err := checkDate("the notification date", n.When); err != nil {
			return nil, err
		}
	}
	for _, c := range in.ClientIDs {
		if _, err := s.Client(c); err != nil {
			return nil, err
		}
	}
	in.ID, in.Recorded = newID("in-"), stamp(s.now())
	err := s.v.Update(func(tx *vault.Tx) error {
		if _, err := tx.Exec("INSERT INTO consent_incidents(id, discovered_on, details, recorded_at) VALUES(?, ?, ?, ?)",
			in.ID, in.Discovered, mustJSON(in), in.Recorded); err != nil {
			return err
		}
		for _, c := range in.ClientIDs {
			if _, err := tx.Exec("INSERT OR IGNORE INTO consent_incident_clients(incident_id, client_id) VALUES(?, ?)", in.ID, c); err != nil {
				return err
			}
		}
		return nil
	})
	if err != nil {
		return nil, fmt.Errorf("add incident: %w", err)
	}
	return &in, nil
}

// Incidents returns every privacy incident, oldest discovery first.
func (s *Store) Incidents() ([]Incident, error) {
	var out []Incident
	err := s.v.Read(func(q vault.Querier) error {
		rows, err := q.Query("SELECT details FROM consent_incidents ORDER BY discovered_on, recorded_at")
		if err != nil {
			return err
		}
		defer rows.Close()
		for rows.Next() {
			var raw string
			var in Incident
			if err := rows.Scan(&raw); err != nil {
				return err
			}
			if err := scanDetails(raw, &in); err != nil {
				return err
			}
			out = append(out, in)
		}
		return rows.Err()
	})
	return out, err
}

// Notify records that someone was told of an incident: an affected client
// (by id), the insurer, the regulator.
func (s *Store) Notify(incidentID string, n Notification) (*Incident, error) {
	if blank(n.Who) {
		return nil, fmt.Errorf("%w: a notification needs whom", ErrInvalid)
	}
	if err := checkDate("the notification date", n.When); err != nil {
		return nil, err
	}
	var in Incident
	err := s.v.Update(func(tx *vault.Tx) error {
		var raw string
		if err := tx.QueryRow("SELECT details FROM consent_incidents WHERE id = ?", incidentID).Scan(&raw); err != nil {
			return fmt.Errorf("incident %s: %w", incidentID, ErrNotFound)
		}
		if err := scanDetails(raw, &in); err != nil {
			return err
		}
		if n.When < in.Discovered {
			return fmt.Errorf("%w: the notification date %s is before the discovery", ErrInvalid, n.When)
		}
		in.Notified = append(in.Notified, n)
		_, err := tx.Exec("UPDATE consent_incidents SET details = ? WHERE id = ?", mustJSON(in), incidentID)
		return err
	})
	if err != nil {
		return nil, err
	}
	return &in, nil
}
