package consent

import (
	"bytes"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"fmt"
	"slices"
	"time"

	"github.com/confidenotes/confide/notes"
	"github.com/confidenotes/confide/practice"
	"github.com/confidenotes/confide/vault"
)

// ChartFormat and ChartVersion name the chart's JSON: a reader checks both.
// A version adds keys and never changes one.
const (
	ChartFormat  = "confide-chart"
	ChartVersion = 1
)

// ExportRequest says what to print or export: one or more notes, the notes
// of a date range, or the whole chart. Only signed notes are exported, each
// with its addenda; psychotherapy notes are left out unless asked for.
type ExportRequest struct {
	ClientID string
	NoteIDs  []string // only these notes; none for every note in the dates
	From, To string   // session dates, YYYY-MM-DD, inclusive; "" for open
	// PsychotherapyNotes includes psychotherapy notes (45 CFR 164.501),
	// which are kept apart from the record and left out otherwise.
	PsychotherapyNotes bool
	Recipient          string // who the copy is for; "" for the practice itself
	Purpose            string // why; "" for "a copy of the record"
	// Sections are further parts of the chart, each with its own
	// top-level JSON key and its own pages. The clinical record's
	// (diagnoses, plans, measures, risk assessments: chart_clinical.go) are
	// always there when the export is of the whole chart or of a date
	// range, before these.
	Sections []ChartSection
}

// ChartSection is a part of the chart another package keeps. It is given
// the request's client and dates, and adds its data under Key to the
// chart's JSON and its pages to the PDF.
type ChartSection interface {
	// Key is the section's top-level key in the chart's JSON, such as
	// "measures". It must not be one of the chart's own keys.
	Key() string
	// Data returns the section's JSON value for the client within the
	// session dates from..to (inclusive; "" for open).
	Data(clientID, from, to string) (any, error)
	// Print writes the section's pages of the chart's PDF from the value
	// Data returned.
	Print(d *Doc, data any) error
}

// Chart is the client's record as an export writes it: the JSON document
// another system reads (see docs/cli.md for every key). It holds no
// psychotherapy note unless they were asked for, and no draft.
type Chart struct {
	Format         string           `json:"format"`  // ChartFormat
	Version        int              `json:"version"` // ChartVersion
	ExportID       string           `json:"export_id"`
	ExportedAt     time.Time        `json:"exported_at"`
	ExportedBy     string           `json:"exported_by"`
	Practice       practice.Profile `json:"practice"`
	Client         *notes.Client    `json:"client"`
	Scope          ChartScope       `json:"scope"`
	Notes          []notes.Note     `json:"notes"` // oldest session first, each with its addenda
	Consents       []Consent        `json:"consents"`
	Authorizations []Authorization  `json:"authorizations"`
	// Sections holds what ChartSections added, each at the top level under
	// its key.
	Sections map[string]any `json:"-"`
	// sections are the ChartSections, in the order their pages print.
	sections []ChartSection
}

// ChartScope is what an export includes.
type ChartScope struct {
	From               string   `json:"from,omitempty"`
	To                 string   `json:"to,omitempty"`
	NoteIDs            []string `json:"note_ids,omitempty"`
	PsychotherapyNotes bool     `json:"psychotherapy_notes"`
	DraftsLeftOut      int      `json:"drafts_left_out"` // unsigned notes in the scope, not exported
}

// chartKeys are the chart's own top-level keys, which no section may take.
var chartKeys = []string{"format", "version", "export_id", "exported_at", "exported_by", "practice", "client",
	"scope", "notes", "consents", "authorizations"}

// MarshalJSON writes the chart's own keys, then each section's.
func (c *Chart) MarshalJSON() ([]byte, error) {
	type plain Chart
	b, err := json.Marshal((*plain)(c))
	if err != nil || len(c.Sections) == 0 {
		return b, err
	}
	keys := make([]string, 0, len(c.Sections))
	for k := range c.Sections {
		keys = append(keys, k)
	}
	slices.Sort(keys)
	var out bytes.Buffer
	out.Write(b[:len(b)-1])
	for _, k := range keys {
		kb, _ := json.Marshal(k)
		vb, err := json.Marshal(c.Sections[k])
		if err != nil {
			return nil, fmt.Errorf("chart section %s: %w", k, err)
		}
		out.WriteByte(',')
		out.Write(kb)
		out.WriteByte(':')
		out.Write(vb)
	}
	out.WriteByte('}')
	return out.Bytes(), nil
}

// Chart gathers what req asks for, without writing or recording anything.
func (s *Store) Chart(req ExportRequest) (*Chart, error) {
	if err := checkOptionalDate("the start of the date range", req.From); err != nil {
		return nil, err
	}
	if err := checkOptionalDate("the end of the date range", req.To); err != nil {
		return nil, err
	}
	if req.From != "" && req.To != "" && req.To < req.From {
		return nil, fmt.Errorf("%w: the date range ends (%s) before it starts (%s)", ErrInvalid, req.To, req.From)
	}
	c, prof, by, err := s.paperFor(req.ClientID)
	if err != nil {
		return nil, err
	}
	ch := &Chart{Format: ChartFormat, Version: ChartVersion, ExportID: newID("ex-"), ExportedAt: s.now().UTC(),
		ExportedBy: by, Practice: prof, Client: c, Notes: []notes.Note{},
		Scope: ChartScope{From: req.From, To: req.To, NoteIDs: req.NoteIDs, PsychotherapyNotes: req.PsychotherapyNotes}}
	if err := s.chartNotes(ch, req); err != nil {
		return nil, err
	}
	if ch.Consents, err = s.Consents(req.ClientID); err != nil {
		return nil, err
	}
	if ch.Authorizations, err = s.Authorizations(req.ClientID); err != nil {
		return nil, err
	}
	ch.Consents, ch.Authorizations = nonNil(ch.Consents), nonNil(ch.Authorizations)
	ch.sections = req.Sections
	if len(req.NoteIDs) == 0 {
		ch.sections = append(s.clinicalSections(), req.Sections...)
	}
	for _, sec := range ch.sections {
		k := sec.Key()
		if k == "" || slices.Contains(chartKeys, k) || ch.Sections[k] != nil {
			return nil, fmt.Errorf("%w: chart section key %q is taken", ErrInvalid, k)
		}
		data, err := sec.Data(req.ClientID, req.From, req.To)
		if err != nil {
			return nil, fmt.Errorf("chart section %s: %w", k, err)
		}
		if ch.Sections == nil {
			ch.Sections = map[string]any{}
		}
		ch.Sections[k] = data
	}
	return ch, nil
}

func nonNil[T any](s []T) []T {
	if s == nil {
		return []T{}
	}
	return s
}

// chartNotes fills the chart's notes: the signed notes the request names,
// or those in its dates, oldest first.
func (s *Store) chartNotes(ch *Chart, req ExportRequest) error {
	ns := s.notes
	sums, err := ns.ListNotes(req.ClientID)
	if err != nil {
		return err
	}
	slices.Reverse(sums)
	for _, id := range req.NoteIDs {
		if !slices.ContainsFunc(sums, func(m notes.Summary) bool { return m.ID == id }) {
			return fmt.Errorf("%w: note %s is not one of this client's", ErrNotFound, id)
		}
	}
	for _, m := range sums {
		switch {
		case len(req.NoteIDs) > 0 && !slices.Contains(req.NoteIDs, m.ID):
			continue
		case len(req.NoteIDs) == 0 && (req.From != "" && m.Date < req.From || req.To != "" && m.Date > req.To):
			continue
		case m.Kind == notes.Psychotherapy && !req.PsychotherapyNotes:
			continue
		case !m.Signed:
			ch.Scope.DraftsLeftOut++
			continue
		}
		n, err := ns.GetNote(m.ID)
		if err != nil {
			return err
		}
		ch.Notes = append(ch.Notes, *n)
	}
	return nil
}

// ExportFiles are where an export writes: the PDF, the JSON, or both.
type ExportFiles struct {
	PDF  string
	JSON string
}

// Export writes the chart req asks for (as a PDF, a JSON document, or
// both), readable by the user only, and records it in the client's
// accounting of disclosures (request type Export) with its manifest, as a
// release is recorded. The ordering is the release's: the vault notes each
// temporary file first; the files are written beside their destinations
// and synced; the export is recorded, durably; only then are the files
// renamed into place. An export that cannot be recorded leaves no file,
// and one interrupted by a crash is finished or removed at the next Open.
func (s *Store) Export(req ExportRequest, to ExportFiles) (*Manifest, error) {
	if to.PDF == "" && to.JSON == "" {
		return nil, fmt.Errorf("%w: an export needs a PDF or a JSON file to write", ErrInvalid)
	}
	ch, err := s.Chart(req)
	if err != nil {
		return nil, err
	}
	if len(ch.Notes) == 0 && len(req.NoteIDs) > 0 {
		return nil, fmt.Errorf("%w: the notes asked for are drafts or psychotherapy notes; sign them, or include psychotherapy notes", ErrInvalid)
	}
	m := &Manifest{Version: 1, ReleaseID: ch.ExportID, ClientID: req.ClientID, Date: Day(s.now()), Request: Export,
		Recipient: orDefault(req.Recipient, "the practice"), Basis: Export.Basis(), Notes: []string{},
		Scope: ReleaseScope{From: req.From, To: req.To, Addenda: true, PsychotherapyNotes: req.PsychotherapyNotes}}
	for _, n := range ch.Notes {
		m.Notes = append(m.Notes, n.ID)
		m.PsychotherapyNotes = m.PsychotherapyNotes || n.Kind == notes.Psychotherapy
		for _, a := range n.Addenda {
			m.Addenda = append(m.Addenda, a.ID)
		}
		if !slices.Contains(m.Scope.Kinds, n.Kind) && n.Kind != notes.Psychotherapy {
			m.Scope.Kinds = append(m.Scope.Kinds, n.Kind)
		}
	}
	m.Part2 = ch.Client.Part2
	var finals []string
	var data [][]byte
	if to.PDF != "" {
		doc, err := s.chartDoc(ch)
		if err != nil {
			return nil, err
		}
		var b bytes.Buffer
		if _, err := doc.WriteTo(&b); err != nil {
			return nil, err
		}
		sum := sha256.Sum256(b.Bytes())
		m.PDF = ReleasedFile{Path: to.PDF, Bytes: int64(b.Len()), SHA256: hex.EncodeToString(sum[:]), Pages: doc.Pages()}
		finals, data = append(finals, to.PDF), append(data, b.Bytes())
	}
	if to.JSON != "" {
		b, err := json.MarshalIndent(ch, "", "  ")
		if err != nil {
			return nil, err
		}
		b = append(b, '\n')
		sum := sha256.Sum256(b)
		m.JSON = &ReleasedFile{Path: to.JSON, Bytes: int64(len(b)), SHA256: hex.EncodeToString(sum[:])}
		finals, data = append(finals, to.JSON), append(data, b)
	}
	m.Hash = ManifestHash(m)
	d := Disclosure{ClientID: req.ClientID, Date: m.Date, Recipient: m.Recipient, Description: describeExport(m),
		Purpose: orDefault(req.Purpose, "a copy of the record"), Request: Export, Basis: m.Basis, MadeBy: ch.ExportedBy,
		PsychotherapyNotes: m.PsychotherapyNotes}
	if err := checkDisclosure(&d); err != nil {
		return nil, err
	}
	return s.writeAccounted(m, "export", finals, data, func() error { return s.recordExport(m, d) })
}

// recordExport enters the export in the accounting, its manifest beside
// the releases, and its hash in the event log, in one transaction.
func (s *Store) recordExport(m *Manifest, d Disclosure) error {
	err := s.v.Update(func(tx *vault.Tx) error {
		out, err := s.appendDisclosure(tx, d)
		if err != nil {
			return err
		}
		m.DisclosureID = out.ID
		if _, err := tx.Exec(`INSERT INTO consent_releases(id, client_id, disclosure_id, released_on, manifest, manifest_hash, mapping, recorded_at)
			VALUES(?, ?, ?, ?, ?, ?, '', ?)`, m.ReleaseID, m.ClientID, out.ID, m.Date, mustJSON(m), m.Hash, stamp(s.now())); err != nil {
			return err
		}
		_, err = tx.Append(vault.Event{At: s.now(), Kind: EventRelease, Subject: m.ReleaseID, Data: loggedData(m.Hash, m.ClientID)})
		return err
	})
	if err != nil {
		m.DisclosureID = ""
		return fmt.Errorf("record the export: %w", err)
	}
	return nil
}

// describeExport is the accounting's "what was released" of an export.
func describeExport(m *Manifest) string {
	what := fmt.Sprintf("export %s: %s", m.ReleaseID, countOf(len(m.Notes), "note", "notes"))
	if len(m.Addenda) > 0 {
		what += " and " + countOf(len(m.Addenda), "addendum", "addenda")
	}
	if m.PsychotherapyNotes {
		what += ", including psychotherapy notes"
	}
	var files []string
	if m.PDF.SHA256 != "" {
		files = append(files, "PDF")
	}
	if m.JSON != nil {
		files = append(files, "JSON")
	}
	return what + " as " + joinAnd(files) + "; manifest SHA-256 " + m.Hash
}

func joinAnd(s []string) string {
	if len(s) == 2 {
		return s[0] + " and " + s[1]
	}
	return s[0]
}

func orDefault(s, def string) string {
	if blank(s) {
		return def
	}
	return s
}
