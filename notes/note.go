package notes

import (
	"database/sql"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"strings"
	"time"

	"github.com/confidenotes/confide/vault"
)

// Session is when a note's session took place and how it is billed.
type Session struct {
	Date        string `json:"date"`                   // YYYY-MM-DD
	Start       string `json:"start,omitempty"`        // HH:MM, 24-hour, or ""
	DurationMin int    `json:"duration_min,omitempty"` // minutes, 0 when not recorded
	ServiceCode string `json:"service_code,omitempty"` // e.g. a CPT code, optional
}

func (s Session) check() error {
	if s.Date == "" {
		return fmt.Errorf("%w: a note needs a session date", ErrInvalid)
	}
	if err := checkDate("session date", s.Date); err != nil {
		return err
	}
	if s.Start != "" {
		if _, err := time.Parse("15:04", s.Start); err != nil {
			return fmt.Errorf("%w: start time must be HH:MM", ErrInvalid)
		}
	}
	if s.DurationMin < 0 || s.DurationMin > 24*60 {
		return fmt.Errorf("%w: duration must be between 0 and 1440 minutes", ErrInvalid)
	}
	return nil
}

// IsSession reports whether notes of kind k document a session with the
// client, and so need its start time, length and service code before they
// are signed: intakes and progress notes. (A psychotherapy note is kept
// apart from the record of the session and should hold no session times;
// see PsychotherapyWarnings.)
func (k Kind) IsSession() bool { return k == Intake || k == Progress }

// Missing lists what a session note still lacks before it can be signed:
// "the start time", "the length in minutes", "the service code"; nil when
// nothing is missing.
func (s Session) Missing() []string {
	var m []string
	if s.Start == "" {
		m = append(m, "the start time")
	}
	if s.DurationMin <= 0 {
		m = append(m, "the length in minutes")
	}
	if strings.TrimSpace(s.ServiceCode) == "" {
		m = append(m, "the service code")
	}
	return m
}

// Draft is what a new note starts from.
type Draft struct {
	ClientID string
	Kind     Kind
	Template Template // "" means Free
	Session
	Sections []Section // nil means the template's blank sections
}

// Note is a note with its sections. A signed note is frozen: Hash and
// SignedAt are set, and changes come only as Addenda.
type Note struct {
	ID       string   `json:"id"`
	ClientID string   `json:"client_id"`
	ParentID string   `json:"parent_id,omitempty"` // the note an addendum corrects
	Kind     Kind     `json:"kind"`
	Template Template `json:"template"`
	Session
	Sections []Section `json:"sections"`
	Created  time.Time `json:"created"`
	Updated  time.Time `json:"updated"`
	SignedAt time.Time `json:"signed_at,omitzero"`
	SignedBy string    `json:"signed_by,omitempty"`    // "Jane Porter, LCSW"; "" when signed before a practice profile existed
	Hash     string    `json:"content_hash,omitempty"` // hex SHA-256, see ContentHash
	Addenda  []Note    `json:"addenda,omitempty"`      // filled by GetNote
}

// IsAddendum reports whether the note is an addendum to another.
func (n *Note) IsAddendum() bool { return n.ParentID != "" }

// Signed reports whether the note is signed and frozen.
func (n *Note) Signed() bool { return n.Hash != "" }

// Body returns the note's sections as plain text.
func (n *Note) Body() string { return renderBody(n.Sections) }

// Summary is a note as a client's note list shows it: no text, badges only.
type Summary struct {
	ID       string   `json:"id"`
	Kind     Kind     `json:"kind"`
	Template Template `json:"template"`
	Session
	Signed  bool      `json:"signed"`
	Addenda int       `json:"addenda"`
	Updated time.Time `json:"updated"`
}

// InDesignatedRecordSet reports whether the note belongs to the designated
// record set (false for psychotherapy notes).
func (s Summary) InDesignatedRecordSet() bool { return s.Kind != Psychotherapy }

// NewDraft creates a draft note for an existing client.
func (s *Store) NewDraft(d Draft) (*Note, error) {
	ns, err := s.NewDrafts([]Draft{d})
	if err != nil {
		return nil, err
	}
	return ns[0], nil
}

// NewDrafts creates several drafts in one transaction, as an import does:
// all of them or, on any error, none.
func (s *Store) NewDrafts(ds []Draft) ([]*Note, error) {
	now := s.now()
	out := make([]*Note, len(ds))
	for i, d := range ds {
		if d.Template == "" {
			d.Template = Free
		}
		if _, err := ParseKind(string(d.Kind)); err != nil {
			return nil, err
		}
		if _, err := ParseTemplate(string(d.Template)); err != nil {
			return nil, err
		}
		if err := d.Session.check(); err != nil {
			return nil, err
		}
		if d.Sections == nil {
			d.Sections = d.Template.Blank()
		}
		if err := d.Template.checkSections(d.Sections); err != nil {
			return nil, err
		}
		out[i] = &Note{ID: newID("n-"), ClientID: d.ClientID, Kind: d.Kind, Template: d.Template,
			Session: d.Session, Sections: d.Sections, Created: now, Updated: now}
	}
	err := s.v.Update(func(tx *vault.Tx) error {
		checked := map[string]bool{}
		for _, n := range out {
			if !checked[n.ClientID] {
				if err := clientExists(tx, n.ClientID); err != nil {
					return err
				}
				checked[n.ClientID] = true
			}
			if err := insertNote(tx, n); err != nil {
				return err
			}
		}
		return nil
	})
	if err != nil {
		return nil, fmt.Errorf("new draft: %w", err)
	}
	for _, n := range out {
		readBack(n)
	}
	return out, nil
}

// readBack returns n as GetNote would: times at the stored precision.
func readBack(n *Note) *Note {
	n.Created, n.Updated = parseStamp(stamp(n.Created)), parseStamp(stamp(n.Updated))
	if !n.SignedAt.IsZero() {
		n.SignedAt = parseStamp(stamp(n.SignedAt))
	}
	return n
}

// storedForm is how a note's sections are stored: the body, which holds
// the text once, and the layout of the sections in it.
func storedForm(secs []Section) (body, layout string) {
	body, spans := layoutOf(secs)
	b, _ := json.Marshal(spans) // plain strings and ints: cannot fail
	return body, string(b)
}

func insertNote(tx *vault.Tx, n *Note) error {
	body, layout := storedForm(n.Sections)
	var parent, signed, hash any
	if n.ParentID != "" {
		parent = n.ParentID
	}
	if n.Hash != "" {
		signed = stamp(n.SignedAt)
		h, _ := hex.DecodeString(n.Hash)
		hash = h
	}
	_, err := tx.Exec(`INSERT INTO notes(id, client_id, parent_id, kind, template, session_date, start_time,
		duration_min, service_code, sections, body, created_at, updated_at, signed_at, content_hash, signed_by)
		VALUES(?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
		n.ID, n.ClientID, parent, string(n.Kind), string(n.Template), n.Date, n.Start, n.DurationMin,
		n.ServiceCode, layout, body, stamp(n.Created), stamp(n.Updated), signed, hash, n.SignedBy)
	return err
}

// UpdateDraft replaces the sections of a draft: the autosave. It is one
// small write, cheap enough to call on every pause in typing.
func (s *Store) UpdateDraft(id string, sections []Section) error {
	body, layout := storedForm(sections)
	return s.v.Update(func(tx *vault.Tx) error {
		n, err := noteState(tx, id)
		if err != nil {
			return err
		}
		if n.signed {
			return ErrSigned
		}
		if err := n.template.checkSections(sections); err != nil {
			return err
		}
		_, err = tx.Exec("UPDATE notes SET sections = ?, body = ?, updated_at = ? WHERE id = ? AND signed_at IS NULL",
			layout, body, stamp(s.now()), id)
		return err
	})
}

// UpdateSession changes the date, times and service code of a draft.
func (s *Store) UpdateSession(id string, sess Session) error {
	if err := sess.check(); err != nil {
		return err
	}
	return s.v.Update(func(tx *vault.Tx) error {
		n, err := noteState(tx, id)
		if err != nil {
			return err
		}
		if n.signed {
			return ErrSigned
		}
		_, err = tx.Exec(`UPDATE notes SET session_date = ?, start_time = ?, duration_min = ?, service_code = ?,
			updated_at = ? WHERE id = ? AND signed_at IS NULL`,
			sess.Date, sess.Start, sess.DurationMin, sess.ServiceCode, stamp(s.now()), id)
		return err
	})
}

// DeleteDraft removes a draft. Signed notes cannot be deleted.
func (s *Store) DeleteDraft(id string) error {
	return s.v.Update(func(tx *vault.Tx) error {
		n, err := noteState(tx, id)
		if err != nil {
			return err
		}
		if n.signed {
			return ErrSigned
		}
		if _, err := tx.Exec("DELETE FROM consultation_notes WHERE note_id = ?", id); err != nil {
			return err
		}
		_, err = tx.Exec("DELETE FROM notes WHERE id = ? AND signed_at IS NULL", id)
		return err
	})
}

type state struct {
	clientID string
	kind     Kind
	template Template
	signed   bool
}

func noteState(q vault.Querier, id string) (state, error) {
	var st state
	err := q.QueryRow("SELECT client_id, kind, template, signed_at IS NOT NULL FROM notes WHERE id = ?", id).Scan(&st.clientID, &st.kind, &st.template, &st.signed)
	if errors.Is(err, sql.ErrNoRows) {
		return st, notFound("note", id)
	}
	return st, err
}

const noteColumns = `id, client_id, coalesce(parent_id, ''), kind, template, session_date, start_time,
	duration_min, service_code, sections, body, created_at, updated_at, coalesce(signed_at, ''), content_hash, signed_by`

func scanNote(sc interface{ Scan(...any) error }) (*Note, error) {
	var n Note
	var secs, body, created, updated, signed string
	var hash []byte
	if err := sc.Scan(&n.ID, &n.ClientID, &n.ParentID, &n.Kind, &n.Template, &n.Date, &n.Start,
		&n.DurationMin, &n.ServiceCode, &secs, &body, &created, &updated, &signed, &hash, &n.SignedBy); err != nil {
		return nil, err
	}
	var spans []sectionSpan
	err := json.Unmarshal([]byte(secs), &spans)
	if err == nil {
		n.Sections, err = sectionsOf(body, spans)
	}
	if err != nil {
		return nil, fmt.Errorf("note %s: sections: %w", n.ID, err)
	}
	n.Created, n.Updated = parseStamp(created), parseStamp(updated)
	if signed != "" {
		n.SignedAt = parseStamp(signed)
		n.Hash = hex.EncodeToString(hash)
	}
	return &n, nil
}

// GetNote returns a note with its sections and its addenda, oldest first.
func (s *Store) GetNote(id string) (*Note, error) {
	var n *Note
	err := s.v.Read(func(q vault.Querier) error {
		var err error
		n, err = getNote(q, id)
		return err
	})
	return n, err
}

func getNote(q vault.Querier, id string) (*Note, error) {
	n, err := scanNote(q.QueryRow("SELECT "+noteColumns+" FROM notes WHERE id = ?", id))
	if errors.Is(err, sql.ErrNoRows) {
		return nil, notFound("note", id)
	}
	if err != nil {
		return nil, err
	}
	rows, err := q.Query("SELECT "+noteColumns+" FROM notes WHERE parent_id = ? ORDER BY signed_at, seq", id)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	for rows.Next() {
		a, err := scanNote(rows)
		if err != nil {
			return nil, err
		}
		n.Addenda = append(n.Addenda, *a)
	}
	return n, rows.Err()
}

// ListNotes returns the summaries of a client's notes (addenda counted on
// their note, not listed), newest session first.
func (s *Store) ListNotes(clientID string) ([]Summary, error) {
	var out []Summary
	err := s.v.Read(func(q vault.Querier) error {
		if err := clientExists(q, clientID); err != nil {
			return err
		}
		rows, err := q.Query(`SELECT n.id, n.kind, n.template, n.session_date, n.start_time, n.duration_min,
			n.service_code, n.signed_at IS NOT NULL, n.updated_at,
			(SELECT count(*) FROM notes a WHERE a.parent_id = n.id)
			FROM notes n WHERE n.client_id = ? AND n.parent_id IS NULL
			ORDER BY n.session_date DESC, n.seq DESC`, clientID)
		if err != nil {
			return err
		}
		defer rows.Close()
		for rows.Next() {
			var m Summary
			var updated string
			if err := rows.Scan(&m.ID, &m.Kind, &m.Template, &m.Date, &m.Start, &m.DurationMin,
				&m.ServiceCode, &m.Signed, &updated, &m.Addenda); err != nil {
				return err
			}
			m.Updated = parseStamp(updated)
			out = append(out, m)
		}
		return rows.Err()
	})
	return out, err
}

// isBlank reports whether every section is empty.
func isBlank(secs []Section) bool {
	for _, s := range secs {
		if strings.TrimSpace(s.Text) != "" {
			return false
		}
	}
	return true
}
