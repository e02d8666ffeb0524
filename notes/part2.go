package notes

import (
	"fmt"

	"github.com/confidenotes/confide/vault"
)

// EventPart2 is the log event of a change of a client's 42 CFR Part 2 flag.
const EventPart2 = "client.part2"

// SetPart2 flags (or unflags) a client's record as a substance-use disorder
// treatment record under 42 CFR Part 2: every release of it then carries the
// Part 2 notice prohibiting redisclosure. UpdateClient leaves the flag as it
// is; only SetPart2 changes it.
func (s *Store) SetPart2(clientID string, part2 bool) error {
	return s.v.Update(func(tx *vault.Tx) error {
		if err := clientExists(tx, clientID); err != nil {
			return err
		}
		if _, err := tx.Exec("UPDATE clients SET part2 = ?, updated_at = ? WHERE id = ?", part2, stamp(s.now()), clientID); err != nil {
			return err
		}
		_, err := tx.Append(vault.Event{At: s.now(), Kind: EventPart2, Subject: clientID, Data: []byte(fmt.Sprint(part2))})
		return err
	})
}

// part2Of reads a client's Part 2 flag.
func part2Of(q vault.Querier, clientID string) (bool, error) {
	var p bool
	err := q.QueryRow("SELECT part2 FROM clients WHERE id = ?", clientID).Scan(&p)
	return p, err
}
