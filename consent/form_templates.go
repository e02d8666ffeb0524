package consent

import (
	"crypto/sha256"
	"database/sql"
	"encoding/hex"
	"errors"
	"fmt"
	"path"
	"strings"

	"github.com/confidenotes/confide/vault"
)

// template names the template text of f, which the two release forms
// share.
func (f Form) template() string { return strings.TrimSuffix(path.Base(f.file), ".txt") }

// RefFor is the reference of f printed from src: Ref for the shipped text,
// and for an edited one Ref followed by "+" and the first 8 hex digits of
// the text's SHA-256, so that a signed paper names the very text it was
// printed from ("release/1+3f9a0c12").
func (f Form) RefFor(src string) string {
	if src == "" || src == f.Source() {
		return f.Ref()
	}
	sum := sha256.Sum256([]byte(src))
	return f.Ref() + "+" + hex.EncodeToString(sum[:4])
}

// FormTemplate returns the text f prints from: the practice's edited
// text, or the shipped one (edited false).
func (s *Store) FormTemplate(f Form) (text string, edited bool, err error) {
	err = s.v.Read(func(q vault.Querier) error {
		return q.QueryRow("SELECT text FROM consent_form_templates WHERE template = ?", f.template()).Scan(&text)
	})
	switch {
	case errors.Is(err, sql.ErrNoRows):
		return f.Source(), false, nil
	case err != nil:
		return "", false, err
	}
	return text, true, nil
}

// SetFormTemplate makes text the practice's own text of f (and of the
// other form sharing its template). The text is tried on a sample client
// first and refused, with the template's own message, if it does not
// print. An empty text, or the shipped one, goes back to the shipped text.
func (s *Store) SetFormTemplate(f Form, text string) error {
	if strings.TrimSpace(text) == "" || text == f.Source() {
		return s.v.Update(func(tx *vault.Tx) error {
			_, err := tx.Exec("DELETE FROM consent_form_templates WHERE template = ?", f.template())
			return err
		})
	}
	if !strings.HasPrefix(strings.TrimSpace(text), "# ") {
		return fmt.Errorf("%w: a form starts with its title on a line beginning \"# \"", ErrInvalid)
	}
	sample := FormData{ClientName: "A. Client", DOB: "2000-01-01", Address: "1 Main St", Guardian: "A. Guardian",
		AuthorizationID: "au-0", AuthSigned: "2026-01-01", Info: "progress notes", Discloser: "the clinician",
		Recipient: "A. Recipient", RecipientAddress: "2 Clinic Rd", Purpose: "care", Expires: "2027-01-01", Signer: "the client"}
	for _, minor := range []bool{false, true} {
		sample.Minor, sample.PsychotherapyNotes = minor, minor
		if _, err := f.Render(text, sample); err != nil {
			return err
		}
	}
	return s.v.Update(func(tx *vault.Tx) error {
		_, err := tx.Exec(`INSERT INTO consent_form_templates(template, text, updated_at) VALUES(?, ?, ?)
			ON CONFLICT(template) DO UPDATE SET text = excluded.text, updated_at = excluded.updated_at`,
			f.template(), text, stamp(s.now()))
		return err
	})
}

// RenderForm prints f, prefilled with data, from the practice's text, on
// the practice's paper and letterhead.
func (s *Store) RenderForm(f Form, data FormData) (*Doc, error) {
	src, _, err := s.FormTemplate(f)
	if err != nil {
		return nil, err
	}
	return s.RenderFormText(f, src, data)
}

// RenderFormText prints f from the template text src (see Form.Source) on
// the practice's paper and letterhead.
func (s *Store) RenderFormText(f Form, src string, data FormData) (*Doc, error) {
	p, err := s.Profile()
	if err != nil {
		return nil, err
	}
	return f.RenderWith(src, data, DocOptionsFor(p))
}

// formRef is the reference records of f get: that of the text the
// practice prints it from now.
func (s *Store) formRef(f Form) (string, error) {
	src, _, err := s.FormTemplate(f)
	if err != nil {
		return "", err
	}
	return f.RefFor(src), nil
}
