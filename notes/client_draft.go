package notes

import (
	"database/sql"
	"encoding/json"
	"errors"
	"fmt"

	"github.com/confidenotes/confide/vault"
)

// SaveClientDraft keeps client details being edited and not yet saved:
// c.ID names the client, or is "" for a new client. A draft need not be
// valid (it may have no name yet); it is checked only when saved for real.
// There is one draft per client, and the new client has one.
func (s *Store) SaveClientDraft(c Client) error {
	data, err := json.Marshal(c)
	if err != nil {
		return fmt.Errorf("client draft: %w", err)
	}
	return s.v.Update(func(tx *vault.Tx) error {
		if c.ID != "" {
			if err := clientExists(tx, c.ID); err != nil {
				return err
			}
		}
		_, err := tx.Exec(`INSERT INTO client_drafts(client_id, data, updated_at) VALUES(?, ?, ?)
			ON CONFLICT(client_id) DO UPDATE SET data = excluded.data, updated_at = excluded.updated_at`,
			c.ID, string(data), stamp(s.now()))
		return err
	})
}

// ClientDraft returns the unsaved details of client id ("" for the new
// client), or nil when there are none.
func (s *Store) ClientDraft(id string) (*Client, error) {
	var data string
	err := s.v.Read(func(q vault.Querier) error {
		return q.QueryRow("SELECT data FROM client_drafts WHERE client_id = ?", id).Scan(&data)
	})
	if errors.Is(err, sql.ErrNoRows) {
		return nil, nil
	}
	if err != nil {
		return nil, err
	}
	var c Client
	if err := json.Unmarshal([]byte(data), &c); err != nil {
		return nil, fmt.Errorf("client draft: %w", err)
	}
	c.ID = id
	return &c, nil
}

// DiscardClientDraft removes the unsaved details of client id, if any.
func (s *Store) DiscardClientDraft(id string) error {
	return s.v.Update(func(tx *vault.Tx) error {
		_, err := tx.Exec("DELETE FROM client_drafts WHERE client_id = ?", id)
		return err
	})
}
