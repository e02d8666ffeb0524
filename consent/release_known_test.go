package consent_test

import (
	"path/filepath"
	"strings"
	"testing"

	"github.com/confidenotes/confide/consent"
	"github.com/confidenotes/confide/notes"
)

// TestClientReleaseRedactsRelativeWithClientsSurname is the release bug of
// issue 10: the client's own records (confidectl release --request client)
// kept "Dana Smith", the mother on file, in the PDF, because her surname is
// the client's. A relative who shares the client's surname is a third party
// in every form; the client's own name stays.
func TestClientReleaseRedactsRelativeWithClientsSurname(t *testing.T) {
	f := newFixture(t)
	alex := f.addClient(t, notes.Client{Name: "Alex Smith", DOB: "1990-05-05",
		Related: []notes.Person{{Name: "Dana Smith", Relation: "mother"}}})
	ns := f.s.Notes()
	n, err := ns.NewDraft(notes.Draft{ClientID: alex, Kind: notes.Progress, Session: notes.Session{Date: "2026-03-02", Start: "10:00", DurationMin: 50, ServiceCode: "90834"},
		Sections: []notes.Section{{Name: "Note", Text: "Alex Smith came with Dana Smith. Dana worries about money; Mrs. Smith asked for a family session. dana smith called after. Alex said Smith family dinners are tense."}}})
	if err != nil {
		t.Fatal(err)
	}
	if _, err := ns.Sign(n.ID); err != nil {
		t.Fatal(err)
	}
	r, err := f.s.NewRelease(consent.ReleaseRequest{ClientID: alex, Type: consent.ToClient, Recipient: "Alex Smith", Purpose: "access"})
	if err != nil {
		t.Fatal(err)
	}
	out := filepath.Join(t.TempDir(), "r.pdf")
	if _, err := r.Release(out, consent.ReleaseOptions{}); err != nil {
		t.Fatal(err)
	}
	text := strings.Join(strings.Fields(pdfText(t, out)), " ")
	for _, never := range []string{"Dana", "dana", "Mrs. Smith"} {
		if strings.Contains(text, never) {
			t.Errorf("the client's release shows %q: %s", never, text)
		}
	}
	for _, want := range []string{"Alex Smith came with", "Alex said"} {
		if !strings.Contains(text, want) {
			t.Errorf("the client's release lacks %q: %s", want, text)
		}
	}
}
