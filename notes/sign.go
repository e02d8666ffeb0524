package notes

import (
	"bytes"
	"crypto/sha256"
	"encoding/binary"
	"encoding/hex"
	"encoding/json"
	"fmt"
	"strconv"
	"strings"

	"github.com/confidenotes/confide/practice"
	"github.com/confidenotes/confide/vault"
)

// hashVersion names the canonical encoding; a new encoding gets a new name.
const hashVersion = "confide-note-v1"

// ContentHash is the SHA-256 of the note's canonical encoding, which is
// what signing freezes. The encoding is the concatenation of these fields,
// each written as its length in bytes (unsigned LEB128 varint) followed by
// its bytes:
//
//	"confide-note-v1", note id, client id, parent id ("" unless an addendum),
//	kind, template, session date (YYYY-MM-DD), start (HH:MM or ""),
//	duration in minutes (decimal), service code,
//
// then the number of sections (varint), then each section's name and text
// (length-prefixed, in order). Text is hashed byte for byte as stored
// (UTF-8, no normalisation). Length prefixes make the encoding unambiguous:
// no two different notes encode the same. The signing time is not part of
// the hash; it is stored beside it and in the event log.
func ContentHash(n *Note) [sha256.Size]byte {
	var b []byte
	field := func(s string) {
		b = binary.AppendUvarint(b, uint64(len(s)))
		b = append(b, s...)
	}
	for _, f := range []string{hashVersion, n.ID, n.ClientID, n.ParentID, string(n.Kind), string(n.Template),
		n.Date, n.Start, strconv.Itoa(n.DurationMin), n.ServiceCode} {
		field(f)
	}
	b = binary.AppendUvarint(b, uint64(len(n.Sections)))
	for _, s := range n.Sections {
		field(s.Name)
		field(s.Text)
	}
	return sha256.Sum256(b)
}

// signedEvent is the Data of the "note.signed" and "note.addendum" events:
// ids, the hash and who signed, never text. Who signed is not part of the
// content hash (whose encoding stays confide-note-v1); the log's hash
// chain keeps it, and VerifyNote checks the note against it.
type signedEvent struct {
	Client string `json:"client"`
	Parent string `json:"parent,omitempty"`
	Kind   Kind   `json:"kind"`
	Hash   string `json:"hash"`
	By     string `json:"by,omitempty"`
}

// Event kinds this package appends to the vault's log.
const (
	EventSigned    = "note.signed"
	EventAddendum  = "note.addendum"
	EventDestroyed = "client.destroyed"
)

// Sign freezes a draft: its content hash, the signing time and who signs
// (the practice profile's name and credentials, when a profile exists) are
// stored, and a "note.signed" event goes to the vault's hash-chained log.
// An empty note cannot be signed, nor a session note without its start
// time, length and service code (ErrSessionIncomplete); a signed note
// cannot be signed again. Signing a note of a session or a contact moves
// the client's last contact up to the note's date.
func (s *Store) Sign(id string) (*Note, error) {
	var n *Note
	err := s.v.Update(func(tx *vault.Tx) error {
		var err error
		n, err = getNote(tx, id)
		if err != nil {
			return err
		}
		if n.Signed() {
			return ErrSigned
		}
		if isBlank(n.Sections) {
			return ErrEmpty
		}
		if m := n.Session.Missing(); n.Kind.IsSession() && m != nil {
			return fmt.Errorf("%w: it is missing %s", ErrSessionIncomplete, strings.Join(m, ", "))
		}
		if n.SignedBy, err = signer(tx); err != nil {
			return err
		}
		h := ContentHash(n)
		n.SignedAt, n.Hash = s.now(), hex.EncodeToString(h[:])
		if _, err := tx.Exec("UPDATE notes SET signed_at = ?, content_hash = ?, signed_by = ? WHERE id = ? AND signed_at IS NULL",
			stamp(n.SignedAt), h[:], n.SignedBy, id); err != nil {
			return err
		}
		if err := touchLastContact(tx, n); err != nil {
			return err
		}
		return appendSigned(tx, EventSigned, n)
	})
	if err != nil {
		return nil, fmt.Errorf("sign: %w", err)
	}
	return readBack(n), nil
}

// signer is who signs now: the profile's signature name, "" without one.
func signer(q vault.Querier) (string, error) {
	p, err := practice.Read(q)
	if err != nil {
		return "", err
	}
	return p.SignatureName(), nil
}

// recordsContact reports whether a signed note of kind k means the client
// was seen or spoken with on its date.
func recordsContact(k Kind) bool {
	switch k {
	case Intake, Progress, Contact, Termination, Psychotherapy:
		return true
	}
	return false
}

// touchLastContact moves the client's last contact up to the date of n,
// never back.
func touchLastContact(tx *vault.Tx, n *Note) error {
	if !recordsContact(n.Kind) || n.IsAddendum() {
		return nil
	}
	_, err := tx.Exec("UPDATE clients SET last_contact = ? WHERE id = ? AND last_contact < ?", n.Date, n.ClientID, n.Date)
	return err
}

func appendSigned(tx *vault.Tx, kind string, n *Note) error {
	data, err := json.Marshal(signedEvent{Client: n.ClientID, Parent: n.ParentID, Kind: n.Kind, Hash: n.Hash, By: n.SignedBy})
	if err != nil {
		return err
	}
	_, err = tx.Append(vault.Event{At: n.SignedAt, Kind: kind, Subject: n.ID, Data: data})
	return err
}

// AddAddendum appends a dated correction to a signed note. The addendum is
// a note of its own, signed at once; the original stays byte-identical.
func (s *Store) AddAddendum(noteID, text string) (*Note, error) {
	now := s.now()
	a := &Note{ID: newID("n-"), ParentID: noteID, Template: Free,
		Session: Session{Date: now.Format(DateLayout)}, Sections: Free.ParseBody(text),
		Created: now, Updated: now, SignedAt: now}
	err := s.v.Update(func(tx *vault.Tx) error {
		st, err := noteState(tx, noteID)
		if err != nil {
			return err
		}
		if !st.signed {
			return ErrNotSigned
		}
		if isBlank(a.Sections) {
			return ErrEmpty
		}
		if err := checkSize(a.Sections); err != nil {
			return err
		}
		a.ClientID, a.Kind = st.clientID, st.kind
		if a.SignedBy, err = signer(tx); err != nil {
			return err
		}
		h := ContentHash(a)
		a.Hash = hex.EncodeToString(h[:])
		if err := insertNote(tx, a); err != nil {
			return err
		}
		if _, err := tx.Exec("DELETE FROM addendum_drafts WHERE note_id = ?", noteID); err != nil {
			return err
		}
		return appendSigned(tx, EventAddendum, a)
	})
	if err != nil {
		return nil, fmt.Errorf("addendum: %w", err)
	}
	return readBack(a), nil
}

// VerifyNote recomputes the hash of a signed note and of its addenda and
// checks it against the stored hash and the one in the event log. It
// returns ErrTampered when either differs, ErrNotSigned for a draft.
func (s *Store) VerifyNote(id string) error {
	return s.v.Read(func(q vault.Querier) error {
		n, err := getNote(q, id)
		if err != nil {
			return err
		}
		if !n.Signed() {
			return ErrNotSigned
		}
		for _, m := range append([]Note{*n}, n.Addenda...) {
			if err := verifyOne(q, &m); err != nil {
				return err
			}
		}
		return nil
	})
}

func verifyOne(q vault.Querier, n *Note) error {
	h := ContentHash(n)
	stored, _ := hex.DecodeString(n.Hash)
	if !bytes.Equal(h[:], stored) {
		return fmt.Errorf("%w (note %s)", ErrTampered, n.ID)
	}
	evs, err := vault.Events(q, "note.", n.ID)
	if err != nil {
		return err
	}
	for _, e := range evs {
		var se signedEvent
		if json.Unmarshal(e.Data, &se) == nil && se.Hash == n.Hash && se.By == n.SignedBy {
			return nil
		}
	}
	return fmt.Errorf("%w (note %s: no matching signing event)", ErrTampered, n.ID)
}
