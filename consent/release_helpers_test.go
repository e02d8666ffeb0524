package consent_test

import (
	"bytes"
	"compress/zlib"
	"io"
	"os"
	"regexp"
	"testing"
	"unicode/utf16"

	"github.com/confidenotes/confide/consent"
	"github.com/confidenotes/confide/notes"
)

// releaseFixture is a client with related people, a partner in couples
// therapy, and notes of several kinds and dates.
type releaseFixture struct {
	*fixture
	maria, sam, unit string
	notes            map[string]string // label -> note id
}

// Texts that must, or must never, reach a release.
const (
	inRange    = "argued about money with her husband"
	outOfRange = "OLDNOTE the move to the coast"
	psychText  = "PSYCHNOTE private hypotheses about attachment"
	draftText  = "DRAFTNOTE unfinished thoughts"
	planText   = "Goal one: fewer arguments"
)

var thirdParties = []string{"Daniel", "Lucia", "Okafor"}

func newReleaseFixture(t *testing.T) *releaseFixture {
	t.Helper()
	f := &releaseFixture{fixture: newFixture(t), notes: map[string]string{}}
	f.maria = f.addClient(t, notes.Client{Name: "Maria Garcia", DOB: "1985-07-04", Addresses: []string{"12 Elm St, Springfield"},
		Related: []notes.Person{{Name: "Daniel Garcia", Relation: "husband"}, {Name: "Lucia Ramos", Relation: "sister"}}})
	f.sam = f.addClient(t, notes.Client{Name: "Sam Okafor", DOB: "1984-01-02"})
	var err error
	if f.unit, err = f.s.Notes().AddUnit(notes.Couple, "", f.maria, f.sam); err != nil {
		t.Fatal(err)
	}
	f.note(t, "plan", notes.TreatmentPlan, "2026-02-01", planText+".", true)
	f.note(t, "progress", notes.Progress, "2026-03-10", "Maria "+inRange+" Daniel. Lucia called during the session. Sam Okafor joined late.", true)
	f.note(t, "old", notes.Progress, "2025-01-15", outOfRange+".", true)
	f.note(t, "psych", notes.Psychotherapy, "2026-04-01", psychText+".", true)
	f.note(t, "draft", notes.Progress, "2026-06-01", draftText+".", false)
	if _, err := f.s.Notes().AddAddendum(f.notes["progress"], "Correction: Daniel left before the end; ADDENDUMTEXT."); err != nil {
		t.Fatal(err)
	}
	return f
}

func (f *releaseFixture) note(t *testing.T, label string, kind notes.Kind, date, text string, sign bool) {
	t.Helper()
	ns := f.s.Notes()
	n, err := ns.NewDraft(notes.Draft{ClientID: f.maria, Kind: kind, Session: notes.Session{Date: date, Start: "10:00", DurationMin: 50, ServiceCode: "90834"},
		Sections: []notes.Section{{Name: "Note", Text: text}}})
	if err != nil {
		t.Fatal(err)
	}
	if sign {
		if _, err := ns.Sign(n.ID); err != nil {
			t.Fatal(err)
		}
	}
	f.notes[label] = n.ID
}

// auth records an authorization of client for recipient, adjusted by edit.
func (f *releaseFixture) auth(t *testing.T, client, recipient string, edit func(a *consent.Authorization)) string {
	t.Helper()
	a := completeAuth(client)
	a.Recipient = recipient
	if edit != nil {
		edit(&a)
	}
	added, err := f.s.AddAuthorization(a)
	if err != nil {
		t.Fatal(err)
	}
	return added.ID
}

// pdfStreams returns the PDF's bytes with every Flate stream inflated, so
// that a search finds text the compression would hide.
func pdfStreams(t *testing.T, pdf []byte) []byte {
	t.Helper()
	out := append([]byte{}, pdf...)
	re := regexp.MustCompile(`(?s)stream\r?\n(.*?)\r?\nendstream`)
	for _, m := range re.FindAllSubmatch(pdf, -1) {
		zr, err := zlib.NewReader(bytes.NewReader(m[1]))
		if err != nil {
			continue // not a Flate stream
		}
		b, _ := io.ReadAll(zr)
		out = append(out, b...)
	}
	return out
}

// inPDF reports whether s occurs in the raw or inflated PDF, as UTF-8 or as
// the UTF-16BE that fpdf writes text in.
func inPDF(t *testing.T, raw []byte, s string) bool {
	t.Helper()
	all := pdfStreams(t, raw)
	var u16 []byte
	for _, r := range utf16.Encode([]rune(s)) {
		u16 = append(u16, byte(r>>8), byte(r))
	}
	return bytes.Contains(all, []byte(s)) || bytes.Contains(all, u16)
}

func readFile(t *testing.T, path string) []byte {
	t.Helper()
	b, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	return b
}
