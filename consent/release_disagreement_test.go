package consent_test

import (
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/confidenotes/confide/consent"
)

// denyWithStatement records a denied amendment request on noteID with the
// client's statement and the practice's rebuttal, and returns its id.
func (f *releaseFixture) denyWithStatement(t *testing.T, noteID, what, statement, rebuttal string) string {
	t.Helper()
	rq, err := f.s.AddRequest(consent.Request{ClientID: f.maria, Kind: consent.AmendmentRequest, Received: "2026-03-20",
		NoteID: noteID, What: what})
	if err != nil {
		t.Fatal(err)
	}
	if _, err := f.s.Deny(rq.ID, "2026-04-02", "DENIALTEXT the note is accurate and complete"); err != nil {
		t.Fatal(err)
	}
	if _, err := f.s.Disagree(rq.ID, statement, rebuttal); err != nil {
		t.Fatal(err)
	}
	return rq.ID
}

// A note released after an amendment of it was denied goes with the
// request, the denial, the client's statement of disagreement and the
// rebuttal (45 CFR 164.526(d)(5)), redacted like the note.
func TestReleaseCarriesTheStatementOfDisagreement(t *testing.T) {
	f := newReleaseFixture(t)
	id := f.denyWithStatement(t, f.notes["progress"], "REQUESTTEXT say that I left early",
		"DISAGREETEXT I left early; Daniel stayed on", "REBUTTALTEXT as recorded at the time")
	f.denyWithStatement(t, f.notes["old"], "about the old note", "OLDSTATEMENT not released", "")
	_, err := f.s.AddRequest(consent.Request{ClientID: f.maria, Kind: consent.AmendmentRequest, Received: "2026-04-05",
		NoteID: f.notes["progress"], What: "PENDINGTEXT still open"})
	if err != nil {
		t.Fatal(err)
	}

	r, err := f.s.NewRelease(consent.ReleaseRequest{ClientID: f.maria, Type: consent.ToClient, Recipient: "Maria Garcia",
		Purpose: "at the request of the individual"})
	if err != nil {
		t.Fatal(err)
	}
	sc := r.Scope()
	sc.From = "2026-01-01"
	if err := r.SetScope(sc); err != nil {
		t.Fatal(err)
	}
	out := filepath.Join(t.TempDir(), "release.pdf")
	m, err := r.Release(out, consent.ReleaseOptions{})
	if err != nil {
		t.Fatal(err)
	}
	if !slices.Equal(m.Disagreements, []string{id}) {
		t.Errorf("manifest disagreements = %v, want [%s]", m.Disagreements, id)
	}
	text := pdfText(t, out)
	for _, want := range []string{"statement of disagreement", "REQUESTTEXT", "DENIALTEXT", "DISAGREETEXT", "REBUTTALTEXT", "Amendment denied 2026-04-02"} {
		if !strings.Contains(text, want) {
			t.Errorf("the release lacks %q", want)
		}
	}
	for _, never := range []string{"OLDSTATEMENT", "PENDINGTEXT", "Daniel"} {
		if strings.Contains(text, never) {
			t.Errorf("the release shows %q", never)
		}
	}
	ds, err := f.s.Disclosures(f.maria)
	if err != nil || len(ds) != 1 || !strings.Contains(ds[0].Description, "1 statement(s) of disagreement") {
		t.Errorf("the disclosure recorded: %+v, %v", ds, err)
	}
}
