package consent_test

import (
	"path/filepath"
	"strings"
	"testing"

	"github.com/confidenotes/confide/consent"
	"github.com/confidenotes/confide/notes"
)

func TestFormsPrintPrefilled(t *testing.T) {
	client := &notes.Client{Name: "Zoë Ærø-Example", DOB: "2012-04-05", Minor: true, Addresses: []string{"3 Elm St"},
		Guardians: []notes.Person{{Name: "Pat Example"}}}
	auth := completeAuth("c-1")
	auth.ID = "au-0123"
	tests := []struct {
		form consent.Form
		want []string
	}{
		{consent.InformedConsentForm, []string{"Informed Consent for Psychotherapy", "Zoë Ærø-Example", "2012-04-05", "3 Elm St",
			"Risk of harm to yourself", "Risk of harm to others", "Abuse or neglect of a child, an elder or a dependent adult",
			"Court orders", "without giving your name", "How your records are stored and protected", "Consent for a minor",
			"Pat Example", "informed-consent/1", "Page 1 of"}},
		{consent.ReleaseForm, []string{"Authorization to Release Information", "treatment summary 2026", "Dr. Lee", "Dr. Smith",
			"2 Clinic Rd", "continuity of care", "2027-06-30", "revoke this authorization at any time",
			"will not be conditioned", "may be redisclosed by the recipient", "release/1 (authorization au-0123)"}},
		{consent.PsychotherapyReleaseForm, []string{"concerns psychotherapy notes only", "psychotherapy-release/1"}},
		{consent.RevocationForm, []string{"Revocation of an Authorization", "au-0123", "2026-11-01", "does not affect any disclosure already made"}},
	}
	for _, tt := range tests {
		t.Run(tt.form.Name, func(t *testing.T) {
			doc, err := tt.form.Render("", consent.NewFormData(client, &auth))
			if err != nil {
				t.Fatal(err)
			}
			path := filepath.Join(t.TempDir(), "form.pdf")
			if err := doc.WriteFile(path); err != nil {
				t.Fatal(err)
			}
			text := pdfText(t, path)
			for _, w := range tt.want {
				if !strings.Contains(text, w) {
					t.Errorf("the PDF does not contain %q:\n%s", w, text)
				}
			}
		})
	}
	if strings.Contains(mustText(t, consent.ReleaseForm, client), "psychotherapy notes only") {
		t.Error("the general release form must not carry the psychotherapy-notes paragraph")
	}
}

func mustText(t *testing.T, f consent.Form, c *notes.Client) string {
	t.Helper()
	doc, err := f.Render("", consent.NewFormData(c, nil))
	if err != nil {
		t.Fatal(err)
	}
	path := filepath.Join(t.TempDir(), "f.pdf")
	if err := doc.WriteFile(path); err != nil {
		t.Fatal(err)
	}
	return pdfText(t, path)
}

func TestEditedFormTemplate(t *testing.T) {
	client := &notes.Client{Name: "Ada Example"}
	src := "# Our Practice Consent\n: Client | {{.ClientName}}\n\nWe are open Tuesdays.\n[sign] Signature\n"
	doc, err := consent.InformedConsentForm.Render(src, consent.NewFormData(client, nil))
	if err != nil {
		t.Fatal(err)
	}
	path := filepath.Join(t.TempDir(), "edited.pdf")
	if err := doc.WriteFile(path); err != nil {
		t.Fatal(err)
	}
	if text := pdfText(t, path); !strings.Contains(text, "Our Practice Consent Client Ada Example We are open Tuesdays.") {
		t.Errorf("edited form text = %s", text)
	}
	if _, err := consent.InformedConsentForm.Render("{{.NoSuchField}}", consent.NewFormData(client, nil)); err == nil {
		t.Error("a template naming an unknown field must be refused")
	}
}

func TestAccountingDoc(t *testing.T) {
	f := newFixture(t)
	f.disclose(t, "2026-05-04", consent.CourtOrder)
	if _, err := f.s.RecordDisclosure(consent.Disclosure{ClientID: f.client, Date: "2026-06-01", Recipient: "Acme Insurance",
		Description: "claim", Purpose: "payment", Request: consent.Insurer, MadeBy: "Dr. Lee"}); err != nil {
		t.Fatal(err)
	}
	doc, err := f.s.AccountingDoc(f.client, testNow)
	if err != nil {
		t.Fatal(err)
	}
	path := filepath.Join(t.TempDir(), "accounting.pdf")
	if err := doc.WriteFile(path); err != nil {
		t.Fatal(err)
	}
	text := pdfText(t, path)
	for _, w := range []string{"Accounting of Disclosures", "Ada Example", "2020-11-23 to 2026-11-23", "Disclosures listed 1",
		"1. 2026-05-04", "County Court", "1 Court Sq", "session dates 2026", "164.512(e)", "Dr. Lee", "Page 1 of 1"} {
		if !strings.Contains(text, w) {
			t.Errorf("the accounting does not contain %q:\n%s", w, text)
		}
	}
	if strings.Contains(text, "Acme Insurance") {
		t.Error("an exempt disclosure is in the accounting")
	}
}
