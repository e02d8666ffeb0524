package notes

import (
	"fmt"

	"github.com/confidenotes/confide/vault"
)

// UnitKind is the kind of treatment unit.
type UnitKind string

// Treatment units whose members are themselves clients.
const (
	Couple UnitKind = "couple"
	Family UnitKind = "family"
	Group  UnitKind = "group"
)

// Unit is a couple, family or group in treatment together.
type Unit struct {
	ID      string       `json:"id"`
	Kind    UnitKind     `json:"kind"`
	Name    string       `json:"name,omitempty"`
	Members []UnitMember `json:"members"`
}

// UnitMember is a client who belongs to a unit.
type UnitMember struct {
	ClientID string `json:"client_id"`
	Name     string `json:"name"`
}

// AddUnit records a treatment unit of existing clients and returns its id.
func (s *Store) AddUnit(kind UnitKind, name string, clientIDs ...string) (string, error) {
	switch kind {
	case Couple, Family, Group:
	default:
		return "", fmt.Errorf("%w: unit kind must be couple, family or group", ErrInvalid)
	}
	if len(clientIDs) < 2 {
		return "", fmt.Errorf("%w: a unit needs at least two clients", ErrInvalid)
	}
	id := newID("u-")
	err := s.v.Update(func(tx *vault.Tx) error {
		if _, err := tx.Exec("INSERT INTO units(id, kind, name, created_at) VALUES(?, ?, ?, ?)", id, string(kind), name, stamp(s.now())); err != nil {
			return err
		}
		for _, c := range clientIDs {
			if err := clientExists(tx, c); err != nil {
				return err
			}
			if _, err := tx.Exec("INSERT OR IGNORE INTO unit_members(unit_id, client_id) VALUES(?, ?)", id, c); err != nil {
				return err
			}
		}
		return nil
	})
	if err != nil {
		return "", fmt.Errorf("add unit: %w", err)
	}
	return id, nil
}

// unitsOf returns the units a client belongs to, with all their members.
func unitsOf(q vault.Querier, clientID string) ([]Unit, error) {
	rows, err := q.Query(`SELECT u.id, u.kind, u.name, c.id, c.name
		FROM unit_members mine
		JOIN units u ON u.id = mine.unit_id
		JOIN unit_members m ON m.unit_id = u.id
		JOIN clients c ON c.id = m.client_id
		WHERE mine.client_id = ? ORDER BY u.created_at, u.id, c.name`, clientID)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out []Unit
	for rows.Next() {
		var u Unit
		var m UnitMember
		if err := rows.Scan(&u.ID, &u.Kind, &u.Name, &m.ClientID, &m.Name); err != nil {
			return nil, err
		}
		if n := len(out); n > 0 && out[n-1].ID == u.ID {
			out[n-1].Members = append(out[n-1].Members, m)
			continue
		}
		u.Members = []UnitMember{m}
		out = append(out, u)
	}
	return out, rows.Err()
}
