package consent_test

import (
	"bytes"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"io"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"filippo.io/age"

	"github.com/confidenotes/confide/consent"
	"github.com/confidenotes/confide/notes"
	"github.com/confidenotes/confide/vault"
)

func TestReleaseByAuthorizationEndToEnd(t *testing.T) {
	f := newReleaseFixture(t)
	authID := f.auth(t, f.maria, "Dr. Smith", nil)
	r, err := f.s.NewRelease(consent.ReleaseRequest{ClientID: f.maria, Type: consent.ByAuthorization, Recipient: "dr.  smith",
		RecipientAddress: "2 Clinic Rd", Purpose: "continuity of care", Authorizations: []string{authID}})
	if err != nil {
		t.Fatal(err)
	}
	sc := r.Scope()
	sc.From = "2026-01-01"
	if err := r.SetScope(sc); err != nil {
		t.Fatal(err)
	}
	id, err := age.GenerateX25519Identity()
	if err != nil {
		t.Fatal(err)
	}
	dir := t.TempDir()
	out := filepath.Join(dir, "release.pdf")
	m, err := r.Release(out, consent.ReleaseOptions{EncryptTo: id.Recipient().String()})
	if err != nil {
		t.Fatal(err)
	}
	raw := readFile(t, out)
	sum := sha256.Sum256(raw)
	if got, want := m.PDF.SHA256, hex.EncodeToString(sum[:]); got != want {
		t.Errorf("manifest sha256 = %s, want the file's %s", got, want)
	}
	text := pdfText(t, out)
	for _, want := range []string{"Maria Garcia", inRange, planText, "ADDENDUMTEXT", "[redacted: third party]", "Page 1 of",
		"Records release", "dr. smith", "continuity of care", authID, "Electronically signed"} {
		if !strings.Contains(text, want) {
			t.Errorf("the release lacks %q", want)
		}
	}
	for _, never := range append([]string{outOfRange, psychText, draftText, "PSYCHNOTE"}, thirdParties...) {
		if strings.Contains(text, never) {
			t.Errorf("the release shows %q", never)
		}
	}
	for _, tt := range []struct {
		name string
		text string
		want bool
	}{
		{"the client's name is in the file", "Maria", true},
		{"released text is in the file", "argued", true},
		{"the husband's name is gone from the file", "Daniel", false},
		{"the sister's name is gone from the file", "Lucia", false},
		{"the partner's name is gone from the file", "Okafor", false},
		{"the psychotherapy note is not in the file", "PSYCHNOTE", false},
	} {
		if got := inPDF(t, raw, tt.text); got != tt.want {
			t.Errorf("%s: found = %v, want %v", tt.name, got, tt.want)
		}
	}
	// The encrypted copy decrypts to the same bytes.
	enc, err := os.Open(out + ".age")
	if err != nil {
		t.Fatal(err)
	}
	defer enc.Close()
	dec, err := age.Decrypt(enc, id)
	if err != nil {
		t.Fatal(err)
	}
	plain, err := io.ReadAll(dec)
	if err != nil {
		t.Fatal(err)
	}
	if !bytes.Equal(plain, raw) {
		t.Error("the encrypted copy does not decrypt to the PDF")
	}
	// No temporary copy is left behind.
	entries, _ := os.ReadDir(dir)
	if len(entries) != 2 {
		t.Errorf("the folder holds %d files, want the PDF and its encrypted copy", len(entries))
	}
	// The accounting holds it once, with the manifest hash, and the log too.
	ds, err := f.s.Disclosures(f.maria)
	if err != nil {
		t.Fatal(err)
	}
	if len(ds) != 1 || ds[0].ID != m.DisclosureID || !strings.Contains(ds[0].Description, m.Hash) || ds[0].Accountable {
		t.Errorf("disclosures = %+v, want one exempt entry %s naming manifest %s", ds, m.DisclosureID, m.Hash)
	}
	if n, err := f.s.VerifyDisclosures(); err != nil || n != 1 {
		t.Errorf("VerifyDisclosures = %d, %v", n, err)
	}
	var events []vault.Event
	f.v.Read(func(q vault.Querier) error {
		events, err = vault.Events(q, consent.EventRelease, m.ReleaseID)
		return err
	})
	if len(events) != 1 || !strings.HasPrefix(string(events[0].Data), m.Hash+" ") {
		t.Errorf("release events = %+v, want one with the manifest hash", events)
	}
	if n, err := f.s.PendingReleaseFiles(); err != nil || n != 0 {
		t.Errorf("%d release files still noted after the release, %v", n, err)
	}
	if _, err := r.Release(out, consent.ReleaseOptions{}); !errors.Is(err, consent.ErrAlreadyReleased) {
		t.Errorf("a second Release: %v, want ErrAlreadyReleased", err)
	}
	if entries, _ := os.ReadDir(dir); len(entries) != 2 {
		t.Errorf("a refused release left a file: the folder holds %d", len(entries))
	}
	if n, _ := f.s.PendingReleaseFiles(); n != 0 {
		t.Errorf("a refused release left %d files noted", n)
	}
	rels, err := f.s.Releases(f.maria)
	if err != nil || len(rels) != 1 || rels[0].DisclosureID != m.DisclosureID || consent.ManifestHash(&rels[0]) != m.Hash {
		t.Errorf("Releases = %+v, %v", rels, err)
	}
}

func TestReleaseRefusals(t *testing.T) {
	f := newReleaseFixture(t)
	expired := f.auth(t, f.maria, "Dr. Smith", func(a *consent.Authorization) { a.Signed, a.Expires = "2025-01-01", "2025-12-31" })
	revoked := f.auth(t, f.maria, "Dr. Smith", nil)
	if _, err := f.s.Revoke(revoked, "2026-11-20"); err != nil {
		t.Fatal(err)
	}
	incomplete := f.auth(t, f.maria, "Dr. Smith", func(a *consent.Authorization) { a.Purpose = "" })
	other := f.auth(t, f.maria, "Dr. Jones", nil)
	mariaOnly := f.auth(t, f.maria, "Couples Clinic", nil)
	plain := f.auth(t, f.maria, "County Court", nil)
	req := func(typ consent.RequestType, recipient string, auths ...string) consent.ReleaseRequest {
		return consent.ReleaseRequest{ClientID: f.maria, Type: typ, Recipient: recipient, Purpose: "p", Authorizations: auths}
	}
	tests := []struct {
		name  string
		req   consent.ReleaseRequest
		psych bool
		want  string
	}{
		{"expired", req(consent.ByAuthorization, "Dr. Smith", expired), false, "is expired"},
		{"revoked", req(consent.ByAuthorization, "Dr. Smith", revoked), false, "is revoked"},
		{"incomplete", req(consent.ByAuthorization, "Dr. Smith", incomplete), false, "is incomplete"},
		{"wrong recipient", req(consent.ByAuthorization, "Dr. Smith", other), false, "names another recipient"},
		{"none on file for the recipient", req(consent.ByAuthorization, "Dr. Who"), false, "none on file"},
		{"couple's record, one member's authorization", consent.ReleaseRequest{ClientID: f.maria, UnitID: f.unit,
			Type: consent.ByAuthorization, Recipient: "Couples Clinic", Purpose: "p", Authorizations: []string{mariaOnly}}, false, "client " + f.sam},
		{"psychotherapy notes under an ordinary authorization", req(consent.ByAuthorization, "County Court", plain), true, "separate psychotherapy-notes authorization"},
		{"psychotherapy notes to the client", req(consent.ToClient, "Maria Garcia"), true, "right of access"},
		{"psychotherapy notes to an insurer", req(consent.Insurer, "Acme Health"), true, "court order that names them"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			r, err := f.s.NewRelease(tt.req)
			if err != nil {
				t.Fatal(err)
			}
			sc := r.Scope()
			sc.PsychotherapyNotes = tt.psych
			if err := r.SetScope(sc); err != nil {
				t.Fatal(err)
			}
			var buf bytes.Buffer
			_, err = r.Write(&buf)
			if !errors.Is(err, consent.ErrNotAuthorized) || !strings.Contains(err.Error(), tt.want) {
				t.Errorf("got %v, want a refusal saying %q", err, tt.want)
			}
			if buf.Len() != 0 {
				t.Error("a refused release wrote bytes")
			}
		})
	}
	if ds, _ := f.s.Disclosures(f.maria); len(ds) != 0 {
		t.Errorf("refusals recorded %d disclosures", len(ds))
	}
	if _, err := f.s.NewRelease(req(consent.Subpoena, "County Court")); !errors.Is(err, consent.ErrInvalid) || !strings.Contains(err.Error(), "court and case") {
		t.Errorf("a subpoena without court and case: %v", err)
	}
	if err := f.s.Notes().SetPart2(f.maria, true); err != nil {
		t.Fatal(err)
	}
	sub := req(consent.Subpoena, "Records Dept")
	sub.Court, sub.Case = "Superior Court", "CV-1"
	r, err := f.s.NewRelease(sub)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := r.CheckBasis(); !errors.Is(err, consent.ErrNotAuthorized) || !strings.Contains(err.Error(), "42 CFR Part 2") {
		t.Errorf("a subpoena for a Part 2 record: %v", err)
	}
}

func TestReleaseUnderEachBasis(t *testing.T) {
	f := newReleaseFixture(t)
	psychAuth := f.auth(t, f.maria, "Dr. Smith", func(a *consent.Authorization) { a.PsychotherapyNotes = true })
	recAuth := f.auth(t, f.maria, "Dr. Smith", nil)
	f.auth(t, f.sam, "Couples Clinic", nil)
	f.auth(t, f.maria, "Couples Clinic", nil)
	tests := []struct {
		name        string
		req         consent.ReleaseRequest
		psych       bool
		accountable bool
		wantPsych   bool
		wantText    []string
		never       []string
	}{
		{name: "the client's own request", req: consent.ReleaseRequest{Type: consent.ToClient, Recipient: "Maria Garcia", Purpose: "at the request of the individual"},
			wantText: []string{"Maria Garcia", inRange, outOfRange}, never: []string{psychText, draftText}},
		{name: "authorization with psychotherapy notes", req: consent.ReleaseRequest{Type: consent.ByAuthorization, Recipient: "Dr. Smith", Purpose: "care",
			Authorizations: []string{recAuth, psychAuth}}, psych: true, wantPsych: true, wantText: []string{psychText, inRange}, never: []string{draftText}},
		{name: "subpoena", req: consent.ReleaseRequest{Type: consent.Subpoena, Recipient: "County Court", Purpose: "litigation", Court: "Superior Court",
			Case: "CV-2026-1", Deadline: "2026-12-15"}, accountable: true, wantText: []string{"CV-2026-1", "2026-12-15", inRange}, never: []string{psychText}},
		{name: "court order naming psychotherapy notes", req: consent.ReleaseRequest{Type: consent.CourtOrder, Recipient: "County Court", Purpose: "custody evaluation",
			Court: "Family Court", Case: "FC-9"}, psych: true, accountable: true, wantPsych: true, wantText: []string{psychText, "the order names psychotherapy notes"}},
		// The minimum necessary for payment: diagnoses, the sessions'
		// dates and codes, a summary of the plan; no note.
		{name: "insurer", req: consent.ReleaseRequest{Type: consent.Insurer, Recipient: "Acme Health", Purpose: "claim review"},
			wantText: []string{"Sessions: dates of service", "90834 Psychotherapy, 45 minutes"}, never: []string{psychText, planText, inRange}},
		{name: "mandated report", req: consent.ReleaseRequest{Type: consent.MandatedReport, Recipient: "Child Protective Services", Purpose: "report of suspected neglect"},
			accountable: true, never: []string{psychText, inRange, outOfRange}},
		{name: "couple's record with both authorizations", req: consent.ReleaseRequest{Type: consent.ByAuthorization, UnitID: f.unit, Recipient: "Couples Clinic",
			Purpose: "transfer"}, wantText: []string{"Sam Okafor joined late"}, never: []string{"Daniel", "Lucia"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			tt.req.ClientID = f.maria
			r, err := f.s.NewRelease(tt.req)
			if err != nil {
				t.Fatal(err)
			}
			if tt.psych {
				sc := r.Scope()
				sc.PsychotherapyNotes = true
				if err := r.SetScope(sc); err != nil {
					t.Fatal(err)
				}
			}
			out := filepath.Join(t.TempDir(), "r.pdf")
			m, err := r.Release(out, consent.ReleaseOptions{})
			if err != nil {
				t.Fatal(err)
			}
			text := pdfText(t, out)
			for _, w := range tt.wantText {
				if !strings.Contains(text, w) {
					t.Errorf("the release lacks %q", w)
				}
			}
			for _, n := range tt.never {
				if strings.Contains(text, n) {
					t.Errorf("the release shows %q", n)
				}
			}
			d, err := f.s.Disclosure(m.DisclosureID)
			if err != nil {
				t.Fatal(err)
			}
			if d.Accountable != tt.accountable || d.PsychotherapyNotes != tt.wantPsych || d.Request != tt.req.Type {
				t.Errorf("disclosure accountable=%v psych=%v request=%s; want %v, %v, %s", d.Accountable, d.PsychotherapyNotes, d.Request, tt.accountable, tt.wantPsych, tt.req.Type)
			}
		})
	}
	ds, err := f.s.Disclosures(f.maria)
	if err != nil {
		t.Fatal(err)
	}
	seen := map[string]int{}
	for _, d := range ds {
		seen[d.ID]++
	}
	if len(ds) != len(tests) || len(seen) != len(tests) {
		t.Errorf("the accounting has %d entries (%d distinct), want each of the %d releases once", len(ds), len(seen), len(tests))
	}
	acc, err := f.s.Accounting(f.maria, testNow)
	if err != nil {
		t.Fatal(err)
	}
	if len(acc) != 3 {
		t.Errorf("the accounting owed to the client lists %d releases, want the 3 accountable ones", len(acc))
	}
}

func TestReleasePreviewEditsAndAccessRequest(t *testing.T) {
	f := newReleaseFixture(t)
	rq, err := f.s.AddRequest(consent.Request{ClientID: f.maria, Kind: consent.AccessRequest, Received: "2026-11-10"})
	if err != nil {
		t.Fatal(err)
	}
	r, err := f.s.NewRelease(consent.ReleaseRequest{ClientID: f.maria, Type: consent.ToClient, Recipient: "Maria Garcia",
		Purpose: "at the request of the individual", AccessRequest: rq.ID})
	if err != nil {
		t.Fatal(err)
	}
	if err := r.SetEdits(notes.Edits{Keep: []string{"Lucia"}, Add: []notes.Mark{{Text: "money"}}}); err != nil {
		t.Fatal(err)
	}
	p, err := r.Preview()
	if err != nil {
		t.Fatal(err)
	}
	got := map[string]string{}
	for _, d := range p.Redactions {
		got[d.Original] = d.Replacement
	}
	for _, tt := range []struct{ name, original, want string }{
		{"detected third party", "Daniel", "[redacted: third party]"},
		{"marked by the clinician", "money", consent.MarkClinician},
		{"kept by the clinician", "Lucia", ""},
		{"the client's own name", "Maria", ""},
	} {
		if got[tt.original] != tt.want {
			t.Errorf("%s: %q -> %q, want %q", tt.name, tt.original, got[tt.original], tt.want)
		}
	}
	reasons := map[string]string{}
	for _, w := range p.Withheld {
		reasons[w.NoteID] = w.Reason
	}
	if reasons[f.notes["psych"]] != consent.WithheldPsychotherapy || reasons[f.notes["draft"]] != consent.WithheldDraft {
		t.Errorf("withheld = %+v", p.Withheld)
	}
	if ds, _ := f.s.Disclosures(f.maria); len(ds) != 0 {
		t.Error("a preview recorded a disclosure")
	}
	var buf bytes.Buffer
	m, err := r.Write(&buf)
	if err != nil {
		t.Fatal(err)
	}
	if inPDF(t, buf.Bytes(), "money") || !inPDF(t, buf.Bytes(), "Lucia") {
		t.Error("the marked text is in the PDF, or the kept one is not")
	}
	other, err := f.s.NewRelease(consent.ReleaseRequest{ClientID: f.maria, Type: consent.ToClient, Recipient: "Maria Garcia", Purpose: "access"})
	if err != nil {
		t.Fatal(err)
	}
	if _, err := other.Record(m); !errors.Is(err, consent.ErrInvalid) {
		t.Errorf("recording another release's manifest: %v, want ErrInvalid", err)
	}
	if _, err := r.Record(m); err != nil {
		t.Fatal(err)
	}
	rs, err := f.s.Requests(f.maria)
	if err != nil {
		t.Fatal(err)
	}
	if rs[0].Closed != consent.Day(testNow) || rs[0].Outcome != consent.Granted {
		t.Errorf("the access request is closed %q as %q, want %s granted", rs[0].Closed, rs[0].Outcome, consent.Day(testNow))
	}
	if _, err := r.Record(m); !errors.Is(err, consent.ErrAlreadyReleased) {
		t.Errorf("recording twice: %v", err)
	}
}

func TestSupervisionPacketIsDisguised(t *testing.T) {
	f := newReleaseFixture(t)
	r, err := f.s.NewRelease(consent.ReleaseRequest{ClientID: f.maria, Type: consent.Supervision, Recipient: "Dr. Supervisor", Purpose: "supervision"})
	if err != nil {
		t.Fatal(err)
	}
	var buf bytes.Buffer
	m, err := r.Write(&buf)
	if err != nil {
		t.Fatal(err)
	}
	p, err := r.Preview()
	if err != nil {
		t.Fatal(err)
	}
	// The real date may show only as another shifted date (a session's or
	// a signature's), which a random shift can land on.
	shiftedOnto := false
	var dates func(ns []consent.ReleasedNote)
	dates = func(ns []consent.ReleasedNote) {
		for _, n := range ns {
			if n.ID == f.notes["progress"] && n.Session.Date == "2026-03-10" {
				t.Errorf("the progress note keeps its real date")
			}
			shiftedOnto = shiftedOnto || n.Session.Date == "2026-03-10" || n.SignedAt.UTC().Format(consent.DateLayout) == "2026-03-10"
			dates(n.Addenda)
		}
	}
	dates(p.Notes)
	for _, tt := range []struct {
		name string
		text string
		want bool
	}{
		{"the client's name", "Garcia", false},
		{"the husband's name", "Daniel", false},
		{"the session date", "2026-03-10", shiftedOnto},
		{"the clinical content", "argued about", true},
		{"the notice", "pseudonyms", true},
	} {
		if got := inPDF(t, buf.Bytes(), tt.text); got != tt.want {
			t.Errorf("%s: in the packet = %v, want %v", tt.name, got, tt.want)
		}
	}
	if !m.Disguised {
		t.Error("the manifest does not say the packet is disguised")
	}
}
