package consent_test

import (
	"encoding/json"
	"errors"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"slices"
	"strings"
	"testing"

	"github.com/confidenotes/confide/consent"
	"github.com/confidenotes/confide/notes"
	"github.com/confidenotes/confide/practice"
)

// janePorter is the profile the export tests sign and print with.
var janePorter = practice.Profile{Name: "Jane Porter", Credentials: "LCSW", NPI: "1234567893", License: "R-071234",
	LicenseState: "NY", Practice: "Porter Counseling", Address: "12 Elm Street, Suite 3\nIthaca, NY 14850",
	Phone: "(607) 555-0142", TimeZone: "America/New_York"}

// exportFixture is the release fixture with a profile, and one more note
// signed once the profile exists.
func exportFixture(t *testing.T) *releaseFixture {
	t.Helper()
	f := newReleaseFixture(t)
	if err := f.s.Practice().SetProfile(janePorter); err != nil {
		t.Fatal(err)
	}
	f.note(t, "signed-by", notes.Progress, "2026-05-02", "SIGNEDBYJANE progress after the profile.", true)
	return f
}

// pdfLayout is the PDF's text with its layout kept, line by line.
func pdfLayout(t *testing.T, path string) string {
	t.Helper()
	out, err := exec.Command("pdftotext", "-layout", path, "-").CombinedOutput()
	if err != nil {
		t.Fatalf("pdftotext: %v\n%s", err, out)
	}
	return string(out)
}

func TestExportWholeChart(t *testing.T) {
	f := exportFixture(t)
	dir := t.TempDir()
	files := consent.ExportFiles{PDF: filepath.Join(dir, "chart.pdf"), JSON: filepath.Join(dir, "chart.json")}
	m, err := f.s.Export(consent.ExportRequest{ClientID: f.maria}, files)
	if err != nil {
		t.Fatal(err)
	}
	for _, p := range []string{files.PDF, files.JSON} {
		fi, err := os.Stat(p)
		if err != nil {
			t.Fatal(err)
		}
		if fi.Mode().Perm() != 0o600 {
			t.Errorf("%s has mode %v, want 0600", filepath.Base(p), fi.Mode().Perm())
		}
	}
	if entries, _ := os.ReadDir(dir); len(entries) != 2 {
		t.Errorf("the folder holds %d files, want chart.pdf and chart.json", len(entries))
	}

	// The JSON: every signed note of the record, oldest first, with real
	// session fields and who signed; no psychotherapy note, no draft.
	var got struct {
		Format   string           `json:"format"`
		Version  int              `json:"version"`
		Exported string           `json:"exported_by"`
		Practice practice.Profile `json:"practice"`
		Client   notes.Client     `json:"client"`
		Scope    consent.ChartScope
		Notes    []notes.Note `json:"notes"`
		Consents []any        `json:"consents"`
	}
	raw := readFile(t, files.JSON)
	if err := json.Unmarshal(raw, &got); err != nil {
		t.Fatal(err)
	}
	var ids []string
	for _, n := range got.Notes {
		ids = append(ids, n.ID)
	}
	want := []string{f.notes["old"], f.notes["plan"], f.notes["progress"], f.notes["signed-by"]}
	if !slices.Equal(ids, want) {
		t.Errorf("chart notes %v, want %v (old, plan, progress, signed-by)", ids, want)
	}
	if got.Format != consent.ChartFormat || got.Version != 1 || got.Client.Name != "Maria Garcia" || got.Client.DOB != "1985-07-04" ||
		got.Practice.NPI != "1234567893" || got.Exported != "Jane Porter, LCSW" || got.Scope.DraftsLeftOut != 1 || got.Consents == nil {
		t.Errorf("chart header: %+v", got)
	}
	last := got.Notes[3]
	if last.SignedBy != "Jane Porter, LCSW" || last.Start != "10:00" || last.DurationMin != 50 || last.ServiceCode != "90834" || last.Hash == "" {
		t.Errorf("the note signed after the profile: %+v", last)
	}
	if len(got.Notes[2].Addenda) != 1 {
		t.Errorf("the progress note's addendum is not in the chart")
	}
	for _, secret := range []string{psychText, draftText} {
		if strings.Contains(string(raw), secret) {
			t.Errorf("the JSON holds %q", secret)
		}
	}

	// The PDF: letterhead, session fields, the signature in the profile's
	// time zone, and each hash whole on one line.
	text := pdfText(t, files.PDF)
	for _, w := range []string{"Porter Counseling", "NPI 1234567893", "Maria Garcia", "Date of birth 1985-07-04",
		"Time 10:00 to 10:50", "Duration 50 minutes", "Service code 90834", "SIGNEDBYJANE",
		"Electronically signed by Jane Porter, LCSW, 23 Nov 2026 5:00 AM EST", "Psychotherapy notes, if any"} {
		if !strings.Contains(text, w) {
			t.Errorf("the PDF does not say %q:\n%s", w, text)
		}
	}
	for _, secret := range []string{"PSYCHNOTE", "DRAFTNOTE"} {
		if strings.Contains(text, secret) {
			t.Errorf("the PDF holds %q", secret)
		}
	}
	layout := pdfLayout(t, files.PDF)
	for _, n := range got.Notes {
		if !regexp.MustCompile(`(?m)^\s*Content SHA-256: ` + n.Hash + `\s*$`).MatchString(layout) {
			t.Errorf("the hash of %s is not whole on a line of its own:\n%s", n.ID, layout)
		}
	}

	// Recorded in the accounting, and verified against the log.
	ds, err := f.s.Disclosures(f.maria)
	if err != nil {
		t.Fatal(err)
	}
	if len(ds) != 1 || ds[0].Request != consent.Export || ds[0].MadeBy != "Jane Porter, LCSW" || ds[0].ID != m.DisclosureID ||
		!strings.Contains(ds[0].Description, "4 notes and 1 addendum as PDF and JSON") || ds[0].PsychotherapyNotes {
		t.Errorf("accounting: %+v", ds)
	}
	if _, err := f.s.VerifyReleases(); err != nil {
		t.Error(err)
	}
	if _, err := f.s.VerifyDisclosures(); err != nil {
		t.Error(err)
	}
	if m.JSON == nil || m.PDF.Pages < 2 {
		t.Errorf("manifest %+v", m)
	}
}

func TestExportScopes(t *testing.T) {
	f := exportFixture(t)
	tests := []struct {
		name   string
		req    consent.ExportRequest
		notes  []string
		title  string
		psych  bool
		absent []string
	}{
		{"one note", consent.ExportRequest{NoteIDs: []string{"progress"}}, []string{"progress"}, "Progress note", false, []string{outOfRange, planText}},
		{"a date range", consent.ExportRequest{From: "2026-01-01", To: "2026-03-31"}, []string{"plan", "progress"}, "Clinical record", false, []string{outOfRange, "SIGNEDBYJANE"}},
		{"psychotherapy notes asked for", consent.ExportRequest{PsychotherapyNotes: true, From: "2026-04-01"}, []string{"psych", "signed-by"}, "Clinical record", true, []string{planText}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			req := tt.req
			req.ClientID = f.maria
			for i, label := range req.NoteIDs {
				req.NoteIDs[i] = f.notes[label]
			}
			out := filepath.Join(t.TempDir(), "out.pdf")
			m, err := f.s.Export(req, consent.ExportFiles{PDF: out})
			if err != nil {
				t.Fatal(err)
			}
			var want []string
			for _, l := range tt.notes {
				want = append(want, f.notes[l])
			}
			if !slices.Equal(m.Notes, want) || m.PsychotherapyNotes != tt.psych || m.JSON != nil {
				t.Errorf("manifest notes %v (psychotherapy %v), want %v (%v)", m.Notes, m.PsychotherapyNotes, want, tt.psych)
			}
			text := pdfText(t, out)
			if !strings.Contains(text, tt.title) {
				t.Errorf("the PDF is not titled %q", tt.title)
			}
			for _, a := range tt.absent {
				if strings.Contains(text, a) {
					t.Errorf("the PDF holds %q, outside what was asked", a)
				}
			}
			ds, _ := f.s.Disclosures(f.maria)
			if d := ds[len(ds)-1]; d.ID != m.DisclosureID || d.PsychotherapyNotes != tt.psych {
				t.Errorf("not recorded as asked: %+v", d)
			}
		})
	}
	if _, err := f.s.Export(consent.ExportRequest{ClientID: f.maria, NoteIDs: []string{f.notes["draft"]}},
		consent.ExportFiles{PDF: filepath.Join(t.TempDir(), "d.pdf")}); !errors.Is(err, consent.ErrInvalid) {
		t.Errorf("exporting a draft alone: %v, want ErrInvalid", err)
	}
	if _, err := f.s.Export(consent.ExportRequest{ClientID: f.maria, From: "2026-05-01", To: "2026-01-01"},
		consent.ExportFiles{PDF: filepath.Join(t.TempDir(), "d.pdf")}); !errors.Is(err, consent.ErrInvalid) {
		t.Errorf("a range that ends before it starts: %v, want ErrInvalid", err)
	}
}

// measures stands for a section another package adds to the chart.
type measures struct{ key string }

func (s measures) Key() string { return s.key }
func (s measures) Data(clientID, from, to string) (any, error) {
	return []map[string]any{{"instrument": "PHQ-9", "score": 7, "date": "2026-03-10"}}, nil
}
func (s measures) Print(d *consent.Doc, data any) error {
	d.Heading("Measures")
	for _, m := range data.([]map[string]any) {
		d.Bullet(m["instrument"].(string) + " MEASURESECTION")
	}
	return nil
}

func TestExportTakesSectionsOfOtherPackages(t *testing.T) {
	f := exportFixture(t)
	dir := t.TempDir()
	files := consent.ExportFiles{PDF: filepath.Join(dir, "chart.pdf"), JSON: filepath.Join(dir, "chart.json")}
	if _, err := f.s.Export(consent.ExportRequest{ClientID: f.maria, Sections: []consent.ChartSection{measures{"letters"}}}, files); err != nil {
		t.Fatal(err)
	}
	var got map[string]json.RawMessage
	if err := json.Unmarshal(readFile(t, files.JSON), &got); err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(string(got["letters"]), `"PHQ-9"`) || got["notes"] == nil {
		t.Errorf("the chart's letters: %s", got["letters"])
	}
	if !strings.Contains(pdfText(t, files.PDF), "PHQ-9 MEASURESECTION") {
		t.Error("the section is not printed")
	}
	for _, taken := range []string{"notes", "measures"} { // the chart's own, and the clinical record's
		_, err := f.s.Export(consent.ExportRequest{ClientID: f.maria, Sections: []consent.ChartSection{measures{taken}}},
			consent.ExportFiles{JSON: filepath.Join(dir, "other.json")})
		if !errors.Is(err, consent.ErrInvalid) {
			t.Errorf("a section taking the key %s: %v, want ErrInvalid", taken, err)
		}
	}
}

// An export recorded whose files could not be put in place keeps them,
// and the next Open puts them where the user asked.
func TestRecordedExportIsPlacedAtOpen(t *testing.T) {
	f := exportFixture(t)
	dir := t.TempDir()
	files := consent.ExportFiles{PDF: filepath.Join(dir, "chart.pdf"), JSON: filepath.Join(dir, "chart.json")}
	restore := consent.FailRenames(errors.New("disk full"))
	m, err := f.s.Export(consent.ExportRequest{ClientID: f.maria}, files)
	restore()
	if err == nil || m == nil || !strings.Contains(err.Error(), "the next time it opens") {
		t.Fatalf("Export with failing renames = %v, %v", m, err)
	}
	if _, err := os.Stat(files.JSON); !errors.Is(err, os.ErrNotExist) {
		t.Fatalf("the JSON is in place although the rename failed: %v", err)
	}
	f.open(t)
	if n, _ := f.s.PendingReleaseFiles(); n != 0 {
		t.Errorf("%d files still noted after the next Open", n)
	}
	var back struct {
		ExportID string `json:"export_id"`
	}
	if err := json.Unmarshal(readFile(t, files.JSON), &back); err != nil || back.ExportID != m.ReleaseID {
		t.Errorf("the JSON put in place is not the export's: %v %q", err, back.ExportID)
	}
	if _, err := os.Stat(files.PDF); err != nil {
		t.Errorf("the PDF was not put in place: %v", err)
	}
}

// Every document is on the practice's paper with its letterhead: the
// accounting, a form, a release; US Letter until the profile says A4.
func TestDocumentsOnThePracticePaperWithItsLetterhead(t *testing.T) {
	f := newReleaseFixture(t)
	pageSize := func(path string) string {
		out, err := exec.Command("pdfinfo", path).CombinedOutput()
		if err != nil {
			t.Fatalf("pdfinfo: %v\n%s", err, out)
		}
		for _, l := range strings.Split(string(out), "\n") {
			if strings.HasPrefix(l, "Page size:") {
				return strings.TrimSpace(strings.TrimPrefix(l, "Page size:"))
			}
		}
		return ""
	}
	write := func(name string, make func() (*consent.Doc, error)) string {
		t.Helper()
		doc, err := make()
		if err != nil {
			t.Fatal(err)
		}
		p := filepath.Join(t.TempDir(), name)
		if err := doc.WriteFile(p); err != nil {
			t.Fatal(err)
		}
		return p
	}
	c, _ := f.s.Client(f.maria)
	before := write("accounting.pdf", func() (*consent.Doc, error) { return f.s.AccountingDoc(f.maria, testNow) })
	if got := pageSize(before); !strings.Contains(got, "(letter)") {
		t.Errorf("without a profile the page is %q, want US Letter", got)
	}
	if strings.Contains(pdfText(t, before), "Porter Counseling") {
		t.Error("a letterhead without a profile")
	}
	a4 := janePorter
	a4.Paper = practice.A4
	if err := f.s.Practice().SetProfile(a4); err != nil {
		t.Fatal(err)
	}
	docs := map[string]string{
		"accounting": write("accounting.pdf", func() (*consent.Doc, error) { return f.s.AccountingDoc(f.maria, testNow) }),
		"form": write("form.pdf", func() (*consent.Doc, error) {
			return f.s.RenderForm(consent.InformedConsentForm, consent.NewFormData(c, nil))
		}),
	}
	r, err := f.s.NewRelease(consent.ReleaseRequest{ClientID: f.maria, Type: consent.ToClient, Recipient: "Maria Garcia", Purpose: "access"})
	if err != nil {
		t.Fatal(err)
	}
	docs["release"] = filepath.Join(t.TempDir(), "release.pdf")
	if _, err := r.Release(docs["release"], consent.ReleaseOptions{}); err != nil {
		t.Fatal(err)
	}
	for name, p := range docs {
		if got := pageSize(p); !strings.Contains(got, "(A4)") {
			t.Errorf("%s: page %q, want A4", name, got)
		}
		text := pdfText(t, p)
		for _, w := range []string{"Porter Counseling", "Jane Porter, LCSW", "Ithaca, NY 14850", "NPI 1234567893", "Licence R-071234 (NY)"} {
			if !strings.Contains(text, w) {
				t.Errorf("%s: the letterhead lacks %q", name, w)
			}
		}
	}
}
