package consent

import (
	"crypto/sha256"
	"encoding/binary"
	"encoding/hex"
	"fmt"
	"sort"
	"strings"
	"time"

	"github.com/confidenotes/confide/notes"
	"github.com/confidenotes/confide/vault"
)

// Event kinds this package appends to the vault's log.
const (
	EventAuthorized = "consent.authorized"
	EventRevoked    = "consent.revoked"
	EventEnded      = "consent.ended"      // an authorization's expiry event happened
	EventDisclosure = "consent.disclosure" // Data: the hex SHA-256 of the entry (see DisclosureHash), a space, the client id
)

// AccountingYears is how far back the accounting of disclosures reaches.
const AccountingYears = 6

// Disclosure is one entry of a client's accounting of disclosures. Entries
// are append-only: a mistake is answered by a new entry whose Corrects
// names the one it corrects.
type Disclosure struct {
	ID                 string      `json:"id"`
	ClientID           string      `json:"client_id"`
	Date               string      `json:"date"` // YYYY-MM-DD
	Recipient          string      `json:"recipient"`
	RecipientAddress   string      `json:"recipient_address,omitempty"`
	Description        string      `json:"description"` // what was released
	Purpose            string      `json:"purpose,omitempty"`
	Authorization      string      `json:"authorization,omitempty"` // the authorization id, when under one
	Request            RequestType `json:"request"`
	Basis              string      `json:"basis"` // the legal basis
	MadeBy             string      `json:"made_by"`
	PsychotherapyNotes bool        `json:"psychotherapy_notes,omitempty"`
	Accountable        bool        `json:"accountable"`
	Corrects           string      `json:"corrects,omitempty"`
	Recorded           string      `json:"recorded"`
	Hash               string      `json:"hash"`
}

type disclosureDetails struct {
	Recipient          string `json:"recipient"`
	RecipientAddress   string `json:"recipient_address,omitempty"`
	Description        string `json:"description"`
	Purpose            string `json:"purpose,omitempty"`
	Authorization      string `json:"authorization,omitempty"`
	Basis              string `json:"basis"`
	MadeBy             string `json:"made_by"`
	PsychotherapyNotes bool   `json:"psychotherapy_notes,omitempty"`
}

// DisclosureHash is the hex SHA-256 of the entry's canonical encoding: the
// fields below, each written as its length in bytes (unsigned varint)
// followed by its bytes, so that no two different entries encode the same:
//
//	"confide-disclosure-v1", id, client id, date, request type,
//	accountable ("1" or "0"), corrects, recipient, recipient address,
//	description, purpose, authorization, basis, made by,
//	psychotherapy notes ("1" or "0"), recorded time.
func DisclosureHash(d *Disclosure) string {
	b01 := func(v bool) string {
		if v {
			return "1"
		}
		return "0"
	}
	var b []byte
	for _, f := range []string{"confide-disclosure-v1", d.ID, d.ClientID, d.Date, string(d.Request),
		b01(d.Accountable), d.Corrects, d.Recipient, d.RecipientAddress, d.Description, d.Purpose,
		d.Authorization, d.Basis, d.MadeBy, b01(d.PsychotherapyNotes), d.Recorded} {
		b = binary.AppendUvarint(b, uint64(len(f)))
		b = append(b, f...)
	}
	sum := sha256.Sum256(b)
	return hex.EncodeToString(sum[:])
}

// checkDisclosure says what a new entry lacks.
func checkDisclosure(d *Disclosure) error {
	if err := checkDate("the disclosure date", d.Date); err != nil {
		return err
	}
	if _, err := ParseRequestType(string(d.Request)); err != nil {
		return err
	}
	var missing []string
	if blank(d.Recipient) {
		missing = append(missing, "the recipient")
	}
	if blank(d.Description) {
		missing = append(missing, "a description of what was released")
	}
	if blank(d.Purpose) && d.Authorization == "" {
		missing = append(missing, "the purpose (or the authorization)")
	}
	if blank(d.MadeBy) {
		missing = append(missing, "who made it")
	}
	if d.Request == ByAuthorization && d.Authorization == "" {
		missing = append(missing, "the authorization it was made under")
	}
	if missing != nil {
		return missingError("disclosure", missing)
	}
	return nil
}

// RecordDisclosure appends an entry to the client's accounting. Whether it
// is accountable follows from its request type; the legal basis defaults
// to the type's. A disclosure under an authorization is refused unless the
// authorization was valid for that recipient on that day.
func (s *Store) RecordDisclosure(d Disclosure) (*Disclosure, error) {
	if err := checkDisclosure(&d); err != nil {
		return nil, err
	}
	if _, err := s.Client(d.ClientID); err != nil {
		return nil, err
	}
	if d.Authorization != "" {
		a, err := s.Authorization(d.Authorization)
		if err != nil {
			return nil, err
		}
		if a.ClientID != d.ClientID {
			return nil, fmt.Errorf("%w: authorization %s is another client's", ErrNotAuthorized, a.ID)
		}
		day, _ := ParseDate(d.Date)
		scope := Scope{Records: !d.PsychotherapyNotes, PsychotherapyNotes: d.PsychotherapyNotes}
		if err := a.ValidFor(d.Recipient, scope, day); err != nil {
			return nil, err
		}
	}
	var out *Disclosure
	err := s.v.Update(func(tx *vault.Tx) error {
		var err error
		out, err = s.appendDisclosure(tx, d)
		return err
	})
	if err != nil {
		return nil, fmt.Errorf("record disclosure: %w", err)
	}
	return out, nil
}

// Correct appends an entry that corrects an earlier one of the same client.
// The earlier entry stays as it was.
func (s *Store) Correct(id string, d Disclosure) (*Disclosure, error) {
	orig, err := s.Disclosure(id)
	if err != nil {
		return nil, err
	}
	if d.ClientID == "" {
		d.ClientID = orig.ClientID
	}
	if d.ClientID != orig.ClientID {
		return nil, fmt.Errorf("%w: a correction belongs to the client of the entry it corrects", ErrInvalid)
	}
	d.Corrects = id
	return s.RecordDisclosure(d)
}

// appendDisclosure inserts the entry and its log event within tx.
func (s *Store) appendDisclosure(tx *vault.Tx, d Disclosure) (*Disclosure, error) {
	d.ID = newID("di-")
	d.Recorded = stamp(s.now())
	d.Accountable = d.Request.Accountable()
	if blank(d.Basis) {
		d.Basis = d.Request.Basis()
	}
	d.Hash = DisclosureHash(&d)
	det := disclosureDetails{Recipient: d.Recipient, RecipientAddress: d.RecipientAddress, Description: d.Description,
		Purpose: d.Purpose, Authorization: d.Authorization, Basis: d.Basis, MadeBy: d.MadeBy, PsychotherapyNotes: d.PsychotherapyNotes}
	_, err := tx.Exec(`INSERT INTO consent_disclosures(id, client_id, disclosed_on, request_type, accountable, corrects, details, hash, recorded_at)
		VALUES(?, ?, ?, ?, ?, ?, ?, ?, ?)`, d.ID, d.ClientID, d.Date, string(d.Request), d.Accountable, d.Corrects, mustJSON(det), d.Hash, d.Recorded)
	if err != nil {
		return nil, err
	}
	if _, err := tx.Append(vault.Event{At: s.now(), Kind: EventDisclosure, Subject: d.ID, Data: loggedData(d.Hash, d.ClientID)}); err != nil {
		return nil, err
	}
	return &d, nil
}

// Disclosure returns one entry.
func (s *Store) Disclosure(id string) (*Disclosure, error) {
	var ds []Disclosure
	err := s.v.Read(func(q vault.Querier) error {
		var err error
		ds, err = queryDisclosures(q, "WHERE id = ?", id)
		return err
	})
	if err != nil {
		return nil, err
	}
	if len(ds) == 0 {
		return nil, fmt.Errorf("disclosure %s: %w", id, ErrNotFound)
	}
	return &ds[0], nil
}

// Disclosures returns every entry of a client, accountable or exempt,
// oldest first.
func (s *Store) Disclosures(clientID string) ([]Disclosure, error) {
	var ds []Disclosure
	err := s.v.Read(func(q vault.Querier) error {
		var err error
		ds, err = queryDisclosures(q, "WHERE client_id = ?", clientID)
		return err
	})
	return ds, err
}

// Accounting returns what a client is owed under 164.528 on day now: the
// accountable entries of the past six years (and the corrections of any of
// them), oldest first.
func (s *Store) Accounting(clientID string, now time.Time) ([]Disclosure, error) {
	all, err := s.Disclosures(clientID)
	if err != nil {
		return nil, err
	}
	from := Day(now.AddDate(-AccountingYears, 0, 0))
	accountable := map[string]bool{}
	var out []Disclosure
	for _, d := range all {
		if d.Date < from || d.Date > Day(now) {
			continue
		}
		if d.Accountable || accountable[d.Corrects] {
			accountable[d.ID] = true
			out = append(out, d)
		}
	}
	return out, nil
}

func queryDisclosures(q vault.Querier, where string, args ...any) ([]Disclosure, error) {
	rows, err := q.Query(`SELECT id, client_id, disclosed_on, request_type, accountable, corrects, details, hash, recorded_at
		FROM consent_disclosures `+where+" ORDER BY disclosed_on, recorded_at", args...)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out []Disclosure
	for rows.Next() {
		var d Disclosure
		var raw string
		if err := rows.Scan(&d.ID, &d.ClientID, &d.Date, &d.Request, &d.Accountable, &d.Corrects, &raw, &d.Hash, &d.Recorded); err != nil {
			return nil, err
		}
		var det disclosureDetails
		if err := scanDetails(raw, &det); err != nil {
			return nil, err
		}
		d.Recipient, d.RecipientAddress, d.Description, d.Purpose = det.Recipient, det.RecipientAddress, det.Description, det.Purpose
		d.Authorization, d.Basis, d.MadeBy, d.PsychotherapyNotes = det.Authorization, det.Basis, det.MadeBy, det.PsychotherapyNotes
		out = append(out, d)
	}
	return out, rows.Err()
}

// VerifyDisclosures checks every entry of the accounting against the hash
// its event in the vault's log holds (and the log's own chain). It returns
// the number of entries checked, or an error wrapping ErrTampered naming
// the entries changed, removed or added behind the log's back.
func (s *Store) VerifyDisclosures() (int, error) {
	return s.verifyAgainstLog(EventDisclosure, "entry", func(q vault.Querier) ([]loggedEntry, error) {
		ds, err := queryDisclosures(q, "")
		entries := make([]loggedEntry, len(ds))
		for i := range ds {
			d := ds[i]
			entries[i] = loggedEntry{id: d.ID, matches: func(h string) bool { return DisclosureHash(&d) == h && d.Hash == h }}
		}
		return entries, err
	})
}

// loggedEntry is a stored record whose hash the event log also holds.
type loggedEntry struct {
	id      string
	matches func(loggedHash string) bool // the record still hashes to what was logged
}

// verifyAgainstLog checks the log's own chain, then every stored record of
// a kind against its log event: one not in the log, changed, or removed
// (other than with a logged destruction of its client) is reported, by id,
// as ErrTampered. It returns the number of records checked.
func (s *Store) verifyAgainstLog(eventKind, noun string, read func(q vault.Querier) ([]loggedEntry, error)) (int, error) {
	if _, err := s.v.VerifyLog(); err != nil {
		return 0, fmt.Errorf("%w: %v", ErrTampered, err)
	}
	var entries []loggedEntry
	var events []vault.Event
	var gone map[string]bool
	err := s.v.Read(func(q vault.Querier) error {
		var err error
		if entries, err = read(q); err != nil {
			return err
		}
		if events, err = vault.Events(q, eventKind, ""); err != nil {
			return err
		}
		gone, err = destroyedClients(q)
		return err
	})
	if err != nil {
		return 0, err
	}
	logged, owner := map[string]string{}, map[string]string{}
	for _, e := range events {
		logged[e.Subject], owner[e.Subject] = splitLogged(e.Data)
	}
	var bad []string
	for _, e := range entries {
		want, ok := logged[e.id]
		switch {
		case !ok:
			bad = append(bad, e.id+" is not in the log")
		case !e.matches(want):
			bad = append(bad, e.id+" was changed")
		}
		delete(logged, e.id)
	}
	for id := range logged {
		if !gone[owner[id]] {
			bad = append(bad, id+" was removed")
		}
	}
	if bad != nil {
		sort.Strings(bad)
		return len(entries), fmt.Errorf("%w: %s %s", ErrTampered, noun, strings.Join(bad, "; "+noun+" "))
	}
	return len(entries), nil
}

// loggedData is what the event log keeps of a disclosure or a release: the
// hash of the entry, and the client it concerns, so that entries removed
// with a destroyed client's record are told apart from tampering.
func loggedData(hash, clientID string) []byte { return []byte(hash + " " + clientID) }

func splitLogged(data []byte) (hash, clientID string) {
	hash, clientID, _ = strings.Cut(string(data), " ")
	return hash, clientID
}

// destroyedClients returns the clients whose record was destroyed, as the
// event log says.
func destroyedClients(q vault.Querier) (map[string]bool, error) {
	events, err := vault.Events(q, notes.EventDestroyed, "")
	gone := map[string]bool{}
	for _, e := range events {
		gone[e.Subject] = true
	}
	return gone, err
}
