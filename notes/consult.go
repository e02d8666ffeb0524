package notes

import (
	"crypto/sha256"
	"database/sql"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"strings"
	"time"

	"github.com/confidenotes/confide/notes/disguise"
	"github.com/confidenotes/confide/vault"
)

// EventConsultation is the log event of a note prepared for consultation.
const EventConsultation = "consultation.prepared"

// Consultation is one preparation of disguised notes for a colleague: the
// client's consultation log holds one per conversation.
type Consultation struct {
	ID         string           `json:"id"`
	ClientID   string           `json:"client_id"`
	Created    time.Time        `json:"created"`
	Colleague  string           `json:"colleague,omitempty"`
	Purpose    string           `json:"purpose,omitempty"`
	Profile    disguise.Profile `json:"profile"`
	ConsentRef string           `json:"consent_ref,omitempty"` // consent on file for identified consultation
	NoteIDs    []string         `json:"note_ids,omitempty"`    // notes prepared so far
	Edits      Edits            `json:"edits"`
}

// Edits are the clinician's corrections to what the detector found, kept
// with the consultation so that every note of it follows them.
type Edits struct {
	Keep []string `json:"keep,omitempty"` // texts to leave as they are (an undone change)
	Add  []Mark   `json:"add,omitempty"`  // texts to disguise wherever they occur
}

// Mark is text the detector missed, to be disguised as Category.
type Mark struct {
	Text     string            `json:"text"`
	Category disguise.Category `json:"category"`
}

// Prepared is a note disguised for a consultation.
type Prepared struct {
	NoteID   string          `json:"note_id"`
	Original string          `json:"original"`
	Result   disguise.Result `json:"result"`
}

// Known converts a client's identifiers into the detector's input.
func (id Identifiers) Known() *disguise.Known {
	k := &disguise.Known{Names: id.Names, Members: id.Members, Places: id.Places, Employer: id.Employer,
		School: id.School, DOB: id.DOB, Phones: id.Phones, Emails: id.Emails, Addresses: id.Addresses}
	for _, r := range id.Related {
		k.Related = append(k.Related, disguise.Related{Name: r.Name, Relation: r.Relation})
	}
	return k
}

// StartConsultation opens a consultation for a client with a fresh mapping.
func (s *Store) StartConsultation(c Consultation) (*Consultation, error) {
	switch c.Profile {
	case disguise.Consultation, disguise.SafeHarbor, disguise.ThirdParty:
	case "":
		c.Profile = disguise.Consultation
	default:
		return nil, fmt.Errorf("%w: profile must be consultation, safe-harbor or third-party", ErrInvalid)
	}
	m, err := disguise.GenerateMapping(c.Profile)
	if err != nil {
		return nil, err
	}
	mapping, _ := json.Marshal(m)
	edits, _ := json.Marshal(c.Edits)
	c.ID, c.Created, c.NoteIDs = newID("k-"), s.now().UTC(), nil
	err = s.v.Update(func(tx *vault.Tx) error {
		if err := clientExists(tx, c.ClientID); err != nil {
			return err
		}
		_, err := tx.Exec(`INSERT INTO consultations(id, client_id, created_at, colleague, purpose, profile, consent_ref, mapping, edits)
			VALUES(?, ?, ?, ?, ?, ?, ?, ?, ?)`, c.ID, c.ClientID, stamp(c.Created), strings.TrimSpace(c.Colleague),
			strings.TrimSpace(c.Purpose), string(c.Profile), c.ConsentRef, string(mapping), string(edits))
		return err
	})
	if err != nil {
		return nil, err
	}
	return &c, nil
}

// SetEdits replaces the clinician's corrections of a consultation.
func (s *Store) SetEdits(consultID string, e Edits) error {
	for _, m := range e.Add {
		if strings.TrimSpace(m.Text) == "" {
			return fmt.Errorf("%w: a marked text is empty", ErrInvalid)
		}
	}
	b, _ := json.Marshal(e)
	return s.v.Update(func(tx *vault.Tx) error {
		res, err := tx.Exec("UPDATE consultations SET edits = ? WHERE id = ?", string(b), consultID)
		if err != nil {
			return err
		}
		if n, _ := res.RowsAffected(); n == 0 {
			return notFound("consultation", consultID)
		}
		return nil
	})
}

// Consultations returns a client's consultation log, newest first.
func (s *Store) Consultations(clientID string) ([]Consultation, error) {
	var out []Consultation
	err := s.v.Read(func(q vault.Querier) error {
		rows, err := q.Query(`SELECT id FROM consultations WHERE client_id = ? ORDER BY created_at DESC, id`, clientID)
		if err != nil {
			return err
		}
		var ids []string
		for rows.Next() {
			var id string
			rows.Scan(&id)
			ids = append(ids, id)
		}
		rows.Close()
		for _, id := range ids {
			c, _, err := getConsultation(q, id)
			if err != nil {
				return err
			}
			out = append(out, *c)
		}
		return nil
	})
	return out, err
}

// GetConsultation returns one consultation.
func (s *Store) GetConsultation(id string) (*Consultation, error) {
	var c *Consultation
	err := s.v.Read(func(q vault.Querier) error {
		var err error
		c, _, err = getConsultation(q, id)
		return err
	})
	return c, err
}

func getConsultation(q vault.Querier, id string) (*Consultation, *disguise.Mapping, error) {
	var c Consultation
	var created, mapping, edits string
	err := q.QueryRow(`SELECT id, client_id, created_at, colleague, purpose, profile, consent_ref, mapping, edits
		FROM consultations WHERE id = ?`, id).Scan(&c.ID, &c.ClientID, &created, &c.Colleague, &c.Purpose,
		&c.Profile, &c.ConsentRef, &mapping, &edits)
	if errors.Is(err, sql.ErrNoRows) {
		return nil, nil, notFound("consultation", id)
	}
	if err != nil {
		return nil, nil, err
	}
	c.Created = parseStamp(created)
	m, err := disguise.ParseMapping([]byte(mapping))
	if err != nil {
		return nil, nil, fmt.Errorf("consultation %s: %w", id, err)
	}
	if err := json.Unmarshal([]byte(edits), &c.Edits); err != nil {
		return nil, nil, fmt.Errorf("consultation %s: edits: %w", id, err)
	}
	rows, err := q.Query("SELECT note_id FROM consultation_notes WHERE consultation_id = ? ORDER BY prepared_at, note_id", id)
	if err != nil {
		return nil, nil, err
	}
	defer rows.Close()
	for rows.Next() {
		var n string
		rows.Scan(&n)
		c.NoteIDs = append(c.NoteIDs, n)
	}
	return &c, m, rows.Err()
}

// Prepare disguises one of the client's notes for the consultation, with
// the consultation's mapping and edits, and records the preparation in the
// consultation log and the vault's event log. The same person gets the
// same pseudonym in every note of the consultation.
func (s *Store) Prepare(consultID, noteID string) (*Prepared, error) {
	var p *Prepared
	err := s.v.Update(func(tx *vault.Tx) error {
		c, m, err := getConsultation(tx, consultID)
		if err != nil {
			return err
		}
		n, err := getNote(tx, noteID)
		if err != nil {
			return err
		}
		if n.ClientID != c.ClientID {
			return fmt.Errorf("%w: the note belongs to another client", ErrInvalid)
		}
		body := n.Body()
		for _, a := range n.Addenda {
			body += "\n\nAddendum (" + a.Date + "):\n" + a.Body()
		}
		res, err := disguiseFor(tx, c, m, body)
		if err != nil {
			return err
		}
		p = &Prepared{NoteID: noteID, Original: body, Result: res}
		now := s.now().UTC()
		if _, err := tx.Exec(`INSERT INTO consultation_notes(consultation_id, note_id, prepared_at) VALUES(?, ?, ?)
			ON CONFLICT DO UPDATE SET prepared_at = excluded.prepared_at`, c.ID, noteID, stamp(now)); err != nil {
			return err
		}
		sum := sha256.Sum256([]byte(res.Text))
		data, _ := json.Marshal(map[string]string{"note_id": noteID, "profile": string(c.Profile), "disguised_sha256": hex.EncodeToString(sum[:])})
		_, err = tx.Append(vault.Event{At: now, Kind: EventConsultation, Subject: c.ID, Data: data})
		return err
	})
	return p, err
}

// PrepareText disguises text that is not a note, such as a summary of
// the client's measures and plan goals, with the consultation's mapping
// and edits, so that each person keeps the pseudonym the notes give them.
func (s *Store) PrepareText(consultID, text string) (*disguise.Result, error) {
	var res disguise.Result
	err := s.v.Update(func(tx *vault.Tx) error {
		c, m, err := getConsultation(tx, consultID)
		if err != nil {
			return err
		}
		res, err = disguiseFor(tx, c, m, text)
		return err
	})
	if err != nil {
		return nil, err
	}
	return &res, nil
}

// disguiseFor disguises text for a consultation of the client and keeps
// the mapping, grown by any new pseudonyms, in the consultation.
func disguiseFor(tx *vault.Tx, c *Consultation, m *disguise.Mapping, text string) (disguise.Result, error) {
	client, err := readClient(tx, c.ClientID)
	if err != nil {
		return disguise.Result{}, err
	}
	known := client.Identifiers().Known()
	spans := c.Edits.apply(text, disguise.Detect(text, known))
	m.Avoid(known)
	res := m.Apply(text, spans)
	mapping, _ := json.Marshal(m)
	_, err = tx.Exec("UPDATE consultations SET mapping = ? WHERE id = ?", string(mapping), c.ID)
	return res, err
}

// apply adjusts detected spans by the clinician's edits: kept texts are
// left alone, and every occurrence of an added text is disguised.
func (e Edits) apply(text string, spans []disguise.Span) []disguise.Span {
	keep := map[string]bool{}
	for _, k := range e.Keep {
		keep[strings.ToLower(strings.TrimSpace(k))] = true
	}
	var out []disguise.Span
	for _, sp := range spans {
		if !keep[strings.ToLower(strings.TrimSpace(sp.Text))] {
			out = append(out, sp)
		}
	}
	lower := strings.ToLower(text)
	for _, m := range e.Add {
		needle := strings.ToLower(strings.TrimSpace(m.Text))
		if needle == "" {
			continue
		}
		cat := m.Category
		if cat == "" {
			cat = disguise.Other
		}
		for i := 0; ; {
			j := strings.Index(lower[i:], needle)
			if j < 0 {
				break
			}
			start := i + j
			out = append(out, disguise.Span{Start: start, End: start + len(needle), Category: cat,
				Detector: "clinician", Confidence: 1, Text: text[start : start+len(needle)]})
			i = start + len(needle)
		}
	}
	return disguise.Normalize(text, out)
}
