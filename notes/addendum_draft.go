package notes

import (
	"database/sql"
	"errors"
	"strings"

	"github.com/confidenotes/confide/vault"
)

// SaveAddendumDraft autosaves the addendum being written to a signed note.
// Empty text removes the draft. It is one small write, cheap enough to call
// on every pause in typing.
func (s *Store) SaveAddendumDraft(noteID, text string) error {
	return s.v.Update(func(tx *vault.Tx) error {
		st, err := s.noteState(tx, noteID)
		if err != nil {
			return err
		}
		if !st.signed {
			return ErrNotSigned
		}
		if strings.TrimSpace(text) == "" {
			_, err = tx.Exec("DELETE FROM addendum_drafts WHERE note_id = ?", noteID)
			return err
		}
		_, err = tx.Exec(`INSERT INTO addendum_drafts(note_id, text, updated_at) VALUES(?, ?, ?)
			ON CONFLICT(note_id) DO UPDATE SET text = excluded.text, updated_at = excluded.updated_at`,
			noteID, text, stamp(s.now()))
		return err
	})
}

// AddendumDraft returns the addendum being written to a note, or "".
func (s *Store) AddendumDraft(noteID string) (string, error) {
	var text string
	err := s.v.Read(func(q vault.Querier) error {
		err := q.QueryRow("SELECT text FROM addendum_drafts WHERE note_id = ?", noteID).Scan(&text)
		if errors.Is(err, sql.ErrNoRows) {
			return nil
		}
		return err
	})
	return text, err
}
