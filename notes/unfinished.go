package notes

import (
	"time"

	"github.com/confidenotes/confide/vault"
)

// Unfinished is a draft of an active client that is still open: a note
// not yet written for its session (Blank), or written and not signed.
type Unfinished struct {
	NoteID   string    `json:"note_id"`
	ClientID string    `json:"client_id"`
	Kind     Kind      `json:"kind"`
	Date     string    `json:"date"` // the session date
	Created  time.Time `json:"created"`
	Blank    bool      `json:"blank"` // nothing written yet
}

// UnfinishedNotes lists the drafts of active clients created before
// before, oldest session first: what the start page asks the clinician to
// finish. Addenda being written are not drafts of notes and are left out.
func (s *Store) UnfinishedNotes(before time.Time) ([]Unfinished, error) {
	var out []Unfinished
	err := s.v.Read(func(q vault.Querier) error {
		rows, err := q.Query(`SELECT ` + noteColumns + ` FROM notes
			WHERE signed_at IS NULL AND parent_id IS NULL
			AND client_id IN (SELECT id FROM clients WHERE status = 'active')
			ORDER BY session_date, seq`)
		if err != nil {
			return err
		}
		defer rows.Close()
		for rows.Next() {
			n, err := scanNote(rows)
			if err != nil {
				return err
			}
			if !n.Created.Before(before) {
				continue
			}
			out = append(out, Unfinished{NoteID: n.ID, ClientID: n.ClientID, Kind: n.Kind, Date: n.Date,
				Created: n.Created, Blank: isBlank(n.Sections)})
		}
		return rows.Err()
	})
	return out, err
}
