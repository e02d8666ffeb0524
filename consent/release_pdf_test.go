package consent_test

import (
	"fmt"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"

	"github.com/confidenotes/confide/consent"
	"github.com/confidenotes/confide/notes"
)

func TestReleasePagesAndWrapping(t *testing.T) {
	f := newReleaseFixture(t)
	long := strings.Repeat("x", 400)
	body := strings.Repeat("Maria practised the breathing exercise.\tIt helped.\r\n", 120) + long
	f.note(t, "long", notes.Progress, "2026-05-01", body, true)
	r, err := f.s.NewRelease(consent.ReleaseRequest{ClientID: f.maria, Type: consent.ToClient, Recipient: "Maria Garcia", Purpose: "access"})
	if err != nil {
		t.Fatal(err)
	}
	out := filepath.Join(t.TempDir(), "r.pdf")
	m, err := r.Release(out, consent.ReleaseOptions{})
	if err != nil {
		t.Fatal(err)
	}
	if m.PDF.Pages < 3 {
		t.Fatalf("the release has %d pages, want several", m.PDF.Pages)
	}
	for page := 1; page <= m.PDF.Pages; page++ {
		b, err := exec.Command("pdftotext", "-f", fmt.Sprint(page), "-l", fmt.Sprint(page), out, "-").Output()
		if err != nil {
			t.Fatal(err)
		}
		text := string(b)
		for _, want := range []string{"Maria Garcia", fmt.Sprintf("Page %d of %d", page, m.PDF.Pages)} {
			if !strings.Contains(text, want) {
				t.Errorf("page %d lacks %q", page, want)
			}
		}
	}
	text := pdfText(t, out)
	if !strings.Contains(strings.ReplaceAll(text, " ", ""), long) {
		t.Error("the long word lost letters when broken across lines")
	}
	if got, want := strings.Count(text, "It helped."), 120; got != want {
		t.Errorf("%d copies of a sentence after a tab, want %d", got, want)
	}
}

// The cover names who released the records and, unless the release is
// disguised, the client's date of birth; each note carries its signature
// in the practice's time zone and its hash whole; counts read as English.
func TestReleaseCoverAndSignatures(t *testing.T) {
	f := exportFixture(t)
	tests := []struct {
		name    string
		req     consent.ReleaseRequest
		dob     bool
		addenda string
	}{
		{"client's own", consent.ReleaseRequest{ClientID: f.maria, Type: consent.ToClient, Recipient: "Maria Garcia", Purpose: "access"}, true, "with 1 addendum"},
		{"supervision", consent.ReleaseRequest{ClientID: f.maria, Type: consent.Supervision, Recipient: "Dr. Supervisor", Purpose: "consultation"}, false, "with 1 addendum"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			r, err := f.s.NewRelease(tt.req)
			if err != nil {
				t.Fatal(err)
			}
			out := filepath.Join(t.TempDir(), "r.pdf")
			if _, err := r.Release(out, consent.ReleaseOptions{}); err != nil {
				t.Fatal(err)
			}
			text := pdfText(t, out)
			for _, w := range []string{"Porter Counseling", "Released by Jane Porter, LCSW", tt.addenda, "Electronically signed by Jane Porter, LCSW"} {
				if !strings.Contains(text, w) {
					t.Errorf("the release does not say %q:\n%s", w, text)
				}
			}
			if got := strings.Contains(text, "Date of birth 1985-07-04"); got != tt.dob {
				t.Errorf("date of birth on the cover: %v, want %v", got, tt.dob)
			}
			if strings.Contains(text, "1 addenda") || strings.Contains(text, "1 passages") {
				t.Errorf("a count reads wrongly:\n%s", text)
			}
		})
	}
}
