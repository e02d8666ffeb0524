package consent_test

import (
	"errors"
	"path/filepath"
	"strings"
	"testing"

	"github.com/confidenotes/confide/consent"
)

// A practice edits a form's text once; every print and every record made
// on that form then uses it, and names it by its own reference.
func TestPracticeFormTemplate(t *testing.T) {
	f := newFixture(t)
	shipped := consent.InformedConsentForm.Source()
	edited := strings.Replace(shipped, "\n## ", "\nXYZPRACTICE sessions are 50 minutes; late cancellations are billed.\n\n## ", 1)
	if edited == shipped {
		t.Fatal("the test could not edit the shipped text")
	}

	for _, bad := range []struct{ name, text string }{
		{"a misspelt field", edited + "\n{{.ClientNme}}\n"},
		{"a broken action", edited + "\n{{if .Minor}}\n"},
		{"no title", strings.TrimPrefix(edited, "# ")},
	} {
		if err := f.s.SetFormTemplate(consent.InformedConsentForm, bad.text); !errors.Is(err, consent.ErrInvalid) {
			t.Errorf("%s: SetFormTemplate = %v, want ErrInvalid", bad.name, err)
		}
	}
	if _, isEdited, _ := f.s.FormTemplate(consent.InformedConsentForm); isEdited {
		t.Fatal("a refused text was kept")
	}

	if err := f.s.SetFormTemplate(consent.InformedConsentForm, edited); err != nil {
		t.Fatal(err)
	}
	f.open(t) // kept in the vault, replayed from the journal
	if text, isEdited, err := f.s.FormTemplate(consent.InformedConsentForm); err != nil || !isEdited || text != edited {
		t.Fatalf("FormTemplate = edited %v, %v", isEdited, err)
	}
	ref := consent.InformedConsentForm.RefFor(edited)
	if !strings.HasPrefix(ref, "informed-consent/1+") || len(ref) != len("informed-consent/1+")+8 {
		t.Fatalf("the edited text's reference is %q", ref)
	}
	c, err := f.s.Client(f.client)
	if err != nil {
		t.Fatal(err)
	}
	doc, err := f.s.RenderForm(consent.InformedConsentForm, consent.NewFormData(c, nil))
	if err != nil {
		t.Fatal(err)
	}
	out := filepath.Join(t.TempDir(), "consent.pdf")
	if err := doc.WriteFile(out); err != nil {
		t.Fatal(err)
	}
	text := pdfText(t, out)
	for _, want := range []string{"XYZPRACTICE sessions are 50 minutes", "Ada Example", ref} {
		if !strings.Contains(text, want) {
			t.Errorf("the printed form lacks %q", want)
		}
	}
	rec, err := f.s.AddConsent(consent.Consent{ClientID: f.client, Type: consent.InformedConsent, Signed: "2026-03-01", SignedBy: "Ada Example"})
	if err != nil {
		t.Fatal(err)
	}
	if rec.Form != ref {
		t.Errorf("the consent records form %q, want the edited text's %q", rec.Form, ref)
	}

	// The release text serves both release forms.
	rel := strings.Replace(consent.ReleaseForm.Source(), "## Your rights", "## Your rights\nXYZRELEASE a practice addition.", 1)
	if err := f.s.SetFormTemplate(consent.ReleaseForm, rel); err != nil {
		t.Fatal(err)
	}
	if text, isEdited, _ := f.s.FormTemplate(consent.PsychotherapyReleaseForm); !isEdited || text != rel {
		t.Error("the psychotherapy release form does not print from the edited release text")
	}

	// Back to the shipped text.
	if err := f.s.SetFormTemplate(consent.InformedConsentForm, ""); err != nil {
		t.Fatal(err)
	}
	if text, isEdited, _ := f.s.FormTemplate(consent.InformedConsentForm); isEdited || text != shipped {
		t.Error("an empty text did not restore the shipped one")
	}
	if rec, err := f.s.AddConsent(consent.Consent{ClientID: f.client, Type: consent.InformedConsent, Signed: "2026-03-02", SignedBy: "Ada Example"}); err != nil || rec.Form != "informed-consent/1" {
		t.Errorf("after restoring, the consent records form %q, %v", rec.Form, err)
	}
}
