package consent

import (
	"bytes"
	"crypto/sha256"
	"database/sql"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strings"

	"github.com/confidenotes/confide/notes"
	"github.com/confidenotes/confide/vault"
)

// EventRelease is the log event of a records release; Data is the hex
// SHA-256 of its manifest.
const EventRelease = "consent.release" // Data: the manifest hash, a space, the client id

// Manifest records what left the practice in one release: which notes, on
// what basis, and the SHA-256 of every file written. It holds no note text.
type Manifest struct {
	Version            int           `json:"version"`
	ReleaseID          string        `json:"release_id"`
	ClientID           string        `json:"client_id"`
	UnitID             string        `json:"unit_id,omitempty"`
	Date               string        `json:"date"`
	Request            RequestType   `json:"request"`
	Recipient          string        `json:"recipient"`
	Basis              string        `json:"basis"`
	Authorizations     []string      `json:"authorizations,omitempty"`
	Scope              ReleaseScope  `json:"scope"`
	Notes              []string      `json:"notes"`
	Addenda            []string      `json:"addenda,omitempty"`
	Disagreements      []string      `json:"disagreements,omitempty"` // the requests whose statements of disagreement went with their notes
	Withheld           int           `json:"withheld"`
	Redactions         int           `json:"redactions"`
	PsychotherapyNotes bool          `json:"psychotherapy_notes"`
	Part2              bool          `json:"part2"`
	Disguised          bool          `json:"disguised"`
	PDF                ReleasedFile  `json:"pdf"`
	Encrypted          *ReleasedFile `json:"encrypted,omitempty"`
	JSON               *ReleasedFile `json:"json,omitempty"` // the chart's JSON, of an export (Store.Export)
	// Hash is the hex SHA-256 of the manifest's JSON with Hash and
	// DisclosureID empty: what the accounting and the event log record.
	Hash         string `json:"manifest_sha256"`
	DisclosureID string `json:"disclosure_id,omitempty"`

	// The clinical record released (ReleasedClinical): the ids of the
	// diagnoses, measures, risk assessments and plan versions, and how
	// many sessions the list of dates of service holds.
	Diagnoses       []string `json:"diagnoses,omitempty"`
	Measures        []string `json:"measures,omitempty"`
	RiskAssessments []string `json:"risk_assessments,omitempty"`
	Plans           []string `json:"plans,omitempty"`
	Sessions        int      `json:"sessions,omitempty"`
}

// ReleasedFile is one file a release wrote.
type ReleasedFile struct {
	Path        string `json:"path,omitempty"`
	Bytes       int64  `json:"bytes"`
	SHA256      string `json:"sha256"`
	Pages       int    `json:"pages,omitempty"`
	EncryptedTo string `json:"encrypted_to,omitempty"` // the age recipient, or "passphrase"
}

// ReleaseOptions are where and how Release writes.
type ReleaseOptions struct {
	EncryptTo    string // an age recipient ("age1..."): also write an encrypted copy for it
	Passphrase   string // or: also write a copy encrypted with this passphrase
	EncryptedOut string // the encrypted copy's path; "" for the PDF's path with ".age" added
}

// ManifestHash computes the hash a manifest carries in Hash.
func ManifestHash(m *Manifest) string {
	c := *m
	c.Hash, c.DisclosureID = "", ""
	b, _ := json.Marshal(c)
	sum := sha256.Sum256(b)
	return hex.EncodeToString(sum[:])
}

// Write checks the basis and writes the release PDF to w. It records
// nothing: pass the manifest to Record once the file is where it goes.
func (r *Release) Write(w io.Writer) (*Manifest, error) {
	m, pdf, err := r.render()
	if err != nil {
		return nil, err
	}
	if _, err := w.Write(pdf); err != nil {
		return nil, fmt.Errorf("write the release: %w", err)
	}
	return m, nil
}

// render builds the PDF in memory and its manifest.
func (r *Release) render() (*Manifest, []byte, error) {
	if r.recorded != nil {
		return nil, nil, fmt.Errorf("%w as %s", ErrAlreadyReleased, r.recorded.DisclosureID)
	}
	p, err := r.Preview()
	if err != nil {
		return nil, nil, err
	}
	today := Day(r.s.now())
	doc, err := p.document(today)
	if err != nil {
		return nil, nil, err
	}
	var b bytes.Buffer
	if _, err := doc.WriteTo(&b); err != nil {
		return nil, nil, err
	}
	sum := sha256.Sum256(b.Bytes())
	m := &Manifest{Version: 1, ReleaseID: newID("rl-"), ClientID: r.req.ClientID, UnitID: r.req.UnitID, Date: today,
		Request: r.req.Type, Recipient: r.req.Recipient, Basis: p.Basis, Scope: r.scope,
		Notes: []string{}, Withheld: len(p.Withheld), Redactions: len(p.Redactions), Part2: p.Part2, Disguised: p.Disguised,
		PDF: ReleasedFile{Bytes: int64(b.Len()), SHA256: hex.EncodeToString(sum[:]), Pages: doc.Pages()}}
	for _, a := range p.Authorizations {
		m.Authorizations = append(m.Authorizations, a.ID)
	}
	for _, n := range p.Notes {
		m.Notes = append(m.Notes, n.ID)
		m.PsychotherapyNotes = m.PsychotherapyNotes || n.Kind == notes.Psychotherapy
		for _, a := range n.Addenda {
			m.Addenda = append(m.Addenda, a.ID)
		}
		for _, d := range n.Disagreements {
			m.Disagreements = append(m.Disagreements, d.ID)
		}
	}
	p.Clinical.manifest(m)
	m.Hash = ManifestHash(m)
	r.rendered[m.ReleaseID] = true
	return m, b.Bytes(), nil
}

// Release writes the PDF to out (and an encrypted copy when opts ask for
// one), records the release, and returns its manifest.
//
// Ordering: the vault first notes each temporary file it is about to
// write, by absolute path; each file is then written beside its
// destination with the vault's crash-safe writer (mode 0600, synced, its
// folder synced); then the release is recorded in the accounting,
// durably; only then are the files renamed into place and the folder
// synced. A release that cannot be recorded leaves no file behind, so
// nothing leaves the practice unaccounted for. On any failure the
// temporary files are removed, and after a crash the next Open finishes
// the job (see finishReleaseFiles). No file goes inside a vault folder.
func (r *Release) Release(out string, opts ReleaseOptions) (*Manifest, error) {
	if opts.EncryptTo != "" && opts.Passphrase != "" {
		return nil, fmt.Errorf("%w: encrypt to a recipient or with a passphrase, not both", ErrInvalid)
	}
	m, pdf, err := r.render()
	if err != nil {
		return nil, err
	}
	m.PDF.Path = out
	finals, data := []string{out}, [][]byte{pdf}
	if opts.EncryptTo != "" || opts.Passphrase != "" {
		encOut := opts.EncryptedOut
		if encOut == "" {
			encOut = out + ".age"
		}
		enc, to, err := encrypt(pdf, opts)
		if err != nil {
			return nil, err
		}
		sum := sha256.Sum256(enc)
		m.Encrypted = &ReleasedFile{Path: encOut, Bytes: int64(len(enc)), SHA256: hex.EncodeToString(sum[:]), EncryptedTo: to}
		finals, data = append(finals, encOut), append(data, enc)
	}
	m.Hash = ManifestHash(m)
	return r.s.writeAccounted(m, "release", finals, data, func() error {
		_, err := r.Record(m)
		return err
	})
}

// writeAccounted writes data to the files finals the crash-safe way
// (vault.File), their temporary names noted in the vault before a byte is
// written; record then enters the release or export in the accounting, and
// only after that are the files put in place. A crash before record leaves
// temporary files that the next Open removes; a crash after it, files that
// the next Open puts in place. It returns m once the copy is recorded
// (m.DisclosureID set), with an error if its files could not be put in
// place, and nil with the error when nothing was recorded.
func (s *Store) writeAccounted(m *Manifest, what string, finals []string, data [][]byte, record func() error) (*Manifest, error) {
	err := s.writeAccountedFiles(m, what, finals, data, record)
	if err != nil && m.DisclosureID == "" {
		return nil, err
	}
	return m, err
}

// writeAccountedFiles is writeAccounted's work; an error once record
// succeeded says so.
func (s *Store) writeAccountedFiles(m *Manifest, what string, finals []string, data [][]byte, record func() error) error {
	temps := make([]string, len(finals))
	for i, f := range finals {
		abs, err := filepath.Abs(f)
		if err != nil {
			return fmt.Errorf("%w: %s: %v", ErrInvalid, f, err)
		}
		if fi, err := os.Stat(abs); err == nil && fi.IsDir() {
			return fmt.Errorf("%w: %s is a folder; give a file name", ErrInvalid, f)
		}
		finals[i] = abs
		temps[i] = filepath.Join(filepath.Dir(abs), fmt.Sprintf("%s%s-%d", releaseTempPrefix, m.ReleaseID, i))
	}
	if err := s.noteReleaseFiles(m.ReleaseID, temps, finals); err != nil {
		return err
	}
	files := make([]*vault.File, len(finals))
	recorded := false
	defer func() {
		if recorded {
			return // the files are the record's: placed, or left for the next Open to place
		}
		for _, f := range files {
			f.Abort()
		}
		s.forgetReleaseFiles(temps)
	}()
	for i := range finals {
		f, err := vault.CreateFileTemp(finals[i], filepath.Base(temps[i]))
		if err != nil {
			return fmt.Errorf("write the %s: %w", what, err)
		}
		files[i] = f
		if _, err := f.Write(data[i]); err != nil {
			return fmt.Errorf("write the %s: %w", what, err)
		}
		if err := f.Keep(); err != nil {
			return fmt.Errorf("write the %s: %w", what, err)
		}
	}
	if err := record(); err != nil {
		return err
	}
	recorded = true
	for i, t := range temps {
		if err := placeFile(t, finals[i]); err != nil {
			return fmt.Errorf("the %s was recorded as %s, but its file could not be put in place (%w); Confide puts it there the next time it opens the vault", what, m.DisclosureID, err)
		}
	}
	s.forgetReleaseFiles(temps) // if this fails, the next Open finds the files placed and forgets them
	return nil
}

// placeFile puts a synced temporary file in place (vault.PlaceFile);
// tests make it fail.
var placeFile = vault.PlaceFile

// releaseTempPrefix begins the name of a release file not yet in place.
const releaseTempPrefix = ".confide-release-"

// noteReleaseFiles records, before they are written, the temporary files
// of a release and where each goes.
func (s *Store) noteReleaseFiles(releaseID string, temps, finals []string) error {
	return s.v.Update(func(tx *vault.Tx) error {
		for i, t := range temps {
			if _, err := tx.Exec("INSERT INTO consent_release_files(temp, final, release_id, started_at) VALUES(?, ?, ?, ?)",
				t, finals[i], releaseID, stamp(s.now())); err != nil {
				return fmt.Errorf("note the release files: %w", err)
			}
		}
		return nil
	})
}

// forgetReleaseFiles drops the notes of temporary files now placed or
// removed. A failure is harmless: the next Open finds nothing to do but
// forget them.
func (s *Store) forgetReleaseFiles(temps []string) error {
	return s.v.Update(func(tx *vault.Tx) error {
		for _, t := range temps {
			if _, err := tx.Exec("DELETE FROM consent_release_files WHERE temp = ?", t); err != nil {
				return err
			}
		}
		return nil
	})
}

// finishReleaseFiles finishes what a crash interrupted: the temporary file
// of a release that was recorded is put in place (unless something else
// is there now), and that of a release that was not is removed, since it
// holds plaintext nobody accounted for. It reports how many files it
// placed and removed. A file it cannot place stays noted, for next time.
func (s *Store) finishReleaseFiles() (placed, removed int, err error) {
	type pending struct{ temp, final, releaseID string }
	var ps []pending
	var recorded map[string]bool
	err = s.v.Read(func(q vault.Querier) error {
		rows, err := q.Query(`SELECT f.temp, f.final, f.release_id FROM consent_release_files f ORDER BY f.temp`)
		if err != nil {
			return err
		}
		defer rows.Close()
		for rows.Next() {
			var p pending
			if err := rows.Scan(&p.temp, &p.final, &p.releaseID); err != nil {
				return err
			}
			ps = append(ps, p)
		}
		if err := rows.Err(); err != nil {
			return err
		}
		recorded = map[string]bool{}
		for _, p := range ps {
			var one int
			switch err := q.QueryRow("SELECT 1 FROM consent_releases WHERE id = ?", p.releaseID).Scan(&one); {
			case err == nil:
				recorded[p.releaseID] = true
			case !errors.Is(err, sql.ErrNoRows):
				return err
			}
		}
		return nil
	})
	if err != nil || len(ps) == 0 || s.v.ReadOnly() {
		return 0, 0, err
	}
	var done []string
	for _, p := range ps {
		if _, err := os.Stat(p.temp); errors.Is(err, os.ErrNotExist) {
			done = append(done, p.temp) // placed, or removed, before the crash
			continue
		}
		if recorded[p.releaseID] {
			if _, err := os.Lstat(p.final); errors.Is(err, os.ErrNotExist) {
				if placeFile(p.temp, p.final) == nil {
					placed++
					done = append(done, p.temp)
				}
				continue
			}
		}
		if err := os.Remove(p.temp); err == nil || errors.Is(err, os.ErrNotExist) {
			removed++
			done = append(done, p.temp)
		}
	}
	return placed, removed, s.forgetReleaseFiles(done)
}

func encrypt(pdf []byte, opts ReleaseOptions) ([]byte, string, error) {
	var b bytes.Buffer
	var w io.WriteCloser
	var err error
	to := opts.EncryptTo
	if to != "" {
		w, err = vault.EncryptTo(&b, to)
	} else {
		to = "passphrase"
		w, err = vault.EncryptWithPassphrase(&b, opts.Passphrase)
	}
	if err != nil {
		return nil, "", fmt.Errorf("%w: encrypt the copy: %v", ErrInvalid, err)
	}
	if _, err := w.Write(pdf); err != nil {
		return nil, "", err
	}
	if err := w.Close(); err != nil {
		return nil, "", err
	}
	return b.Bytes(), to, nil
}

// Record enters a release written with Write in the accounting of
// disclosures (accountable or exempt by its request type, with the
// manifest hash), in the vault's event log, and closes the access request it
// fulfils, all in one transaction. It is refused a second time, and when
// the basis no longer allows the release.
func (r *Release) Record(m *Manifest) (*Disclosure, error) {
	if r.recorded != nil {
		return nil, fmt.Errorf("%w as %s", ErrAlreadyReleased, r.recorded.DisclosureID)
	}
	if m == nil || !r.rendered[m.ReleaseID] || m.Hash != ManifestHash(m) || m.ClientID != r.req.ClientID {
		return nil, fmt.Errorf("%w: the manifest is not this release's, or was changed", ErrInvalid)
	}
	// The basis is checked again: an authorization revoked since the preview
	// stops the release here.
	if _, err := r.CheckBasis(); err != nil {
		return nil, err
	}
	d := Disclosure{ClientID: m.ClientID, Date: m.Date, Recipient: r.req.Recipient, RecipientAddress: r.req.RecipientAddress,
		Description: describe(m), Purpose: r.req.Purpose, Authorization: strings.Join(m.Authorizations, ", "),
		Request: r.req.Type, Basis: m.Basis, MadeBy: r.req.MadeBy, PsychotherapyNotes: m.PsychotherapyNotes}
	if err := checkDisclosure(&d); err != nil {
		return nil, err
	}
	var out *Disclosure
	err := r.s.v.Update(func(tx *vault.Tx) error {
		var err error
		if out, err = r.s.appendDisclosure(tx, d); err != nil {
			return err
		}
		m.DisclosureID = out.ID
		mapping := ""
		if m.Disguised {
			b, _ := json.Marshal(r.mapping)
			mapping = string(b)
		}
		if _, err := tx.Exec(`INSERT INTO consent_releases(id, client_id, disclosure_id, released_on, manifest, manifest_hash, mapping, recorded_at)
			VALUES(?, ?, ?, ?, ?, ?, ?, ?)`, m.ReleaseID, m.ClientID, out.ID, m.Date, mustJSON(m), m.Hash, mapping, stamp(r.s.now())); err != nil {
			return err
		}
		if _, err := tx.Append(vault.Event{At: r.s.now(), Kind: EventRelease, Subject: m.ReleaseID, Data: loggedData(m.Hash, r.req.ClientID)}); err != nil {
			return err
		}
		return r.closeAccessRequest(tx, m.Date)
	})
	if err != nil {
		m.DisclosureID = ""
		return nil, fmt.Errorf("record the release: %w", err)
	}
	r.recorded = m
	return out, nil
}

// describe is the accounting's "what was released".
func describe(m *Manifest) string {
	what := fmt.Sprintf("records release %s: %s", m.ReleaseID, countOf(len(m.Notes), "note", "notes"))
	if len(m.Addenda) > 0 {
		what += " and " + countOf(len(m.Addenda), "addendum", "addenda")
	}
	if len(m.Disagreements) > 0 {
		what += fmt.Sprintf(", with %d statement(s) of disagreement", len(m.Disagreements))
	}
	if m.PsychotherapyNotes {
		what += ", including psychotherapy notes"
	}
	what += m.clinicalSummary()
	if m.Disguised {
		what += ", disguised for consultation"
	}
	return what + "; manifest SHA-256 " + m.Hash
}

// closeAccessRequest grants the access request the release fulfils.
func (r *Release) closeAccessRequest(tx *vault.Tx, day string) error {
	id := r.req.AccessRequest
	if id == "" {
		return nil
	}
	rq, err := openAccessRequest(tx, id, r.req.ClientID)
	if err != nil {
		return err
	}
	rq.Closed, rq.Outcome = day, Granted
	_, err = tx.Exec("UPDATE consent_requests SET closed_on = ?, details = ? WHERE id = ?", rq.Closed, mustJSON(rq.details()), id)
	return err
}

// openAccessRequest returns an open access request of the client.
func openAccessRequest(q vault.Querier, id, clientID string) (*Request, error) {
	rs, err := queryRequests(q, "WHERE id = ?", id)
	if err != nil {
		return nil, err
	}
	if len(rs) == 0 {
		return nil, fmt.Errorf("request %s: %w", id, ErrNotFound)
	}
	rq := &rs[0]
	switch {
	case rq.ClientID != clientID:
		return nil, fmt.Errorf("%w: request %s is another client's", ErrInvalid, id)
	case rq.Kind != AccessRequest:
		return nil, fmt.Errorf("%w: request %s is not an access request", ErrInvalid, id)
	case rq.Closed != "":
		return nil, fmt.Errorf("%w: request %s was closed on %s", ErrInvalid, id, rq.Closed)
	}
	return rq, nil
}
