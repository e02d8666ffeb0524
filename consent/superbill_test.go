package consent_test

import (
	"errors"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"github.com/confidenotes/confide/clinical"
	"github.com/confidenotes/confide/consent"
)

// superbillFixture is the clinical fixture with the export tests' full
// profile and the practice's fees.
func superbillFixture(t *testing.T) *releaseFixture {
	t.Helper()
	f := clinicalFixture(t)
	if err := f.s.Practice().SetProfile(janePorter); err != nil {
		t.Fatal(err)
	}
	for code, cents := range map[string]int64{"90834": 15000, "90837": 18500} {
		if _, err := f.s.Clinical().SetFee(code, cents); err != nil {
			t.Fatal(err)
		}
	}
	return f
}

func TestSuperbillPDF(t *testing.T) {
	f := superbillFixture(t)
	out := filepath.Join(t.TempDir(), "superbill.pdf")
	m, sb, err := f.s.Superbill(f.maria, "2026-01-01", "2026-06-30", out)
	if err != nil {
		t.Fatal(err)
	}
	fi, err := os.Stat(out)
	if err != nil || fi.Mode().Perm() != 0o600 {
		t.Fatalf("the superbill: %v, mode %v", err, fi.Mode().Perm())
	}
	text := pdfText(t, out)
	mustHave(t, "the superbill", text, []string{
		"Porter Counseling", "Superbill", "Statement of services for 2026-01-01 to 2026-06-30",
		"Rendering provider Jane Porter, LCSW", "NPI 1234567893", "Licence R-071234 (NY)", "12 Elm Street, Suite 3",
		"Phone (607) 555-0142", "Name Maria Garcia", "Date of birth 1985-07-04", "12 Elm St, Springfield",
		"F41.1 Generalized anxiety disorder primary",
		"2026-02-01 10:00 to 10:50 50 90834 Psychotherapy, 45 minutes A $150.00",
		"2026-03-10 10:00 to 10:50 50 90834 Psychotherapy, 45 minutes A $150.00",
		"2026-05-11 10:00 to 10:53 53 90837 Psychotherapy, 60 minutes A $185.00",
		"Total $485.00", "Prepared 2026-11-23 by Jane Porter, LCSW", "Provider's signature",
	}, []string{"F32.1", "2025-01-15", "2026-04-01", inRange, psychText})
	if !regexp.MustCompile(`(?m)^A\s+F41\.1\s+Generalized anxiety disorder\s+primary$`).MatchString(pdfLayout(t, out)) {
		t.Error("the diagnosis is not lettered A")
	}
	if sb.TotalCents != 48500 || len(sb.Lines) != 3 {
		t.Errorf("superbill = %+v", sb)
	}
	if m.Request != consent.Payment || len(m.Notes) != 3 || len(m.Diagnoses) != 1 || m.Sessions != 3 || !strings.HasPrefix(m.ReleaseID, "sb-") {
		t.Errorf("manifest = %+v", m)
	}
	d, err := f.s.Disclosure(m.DisclosureID)
	if err != nil {
		t.Fatal(err)
	}
	if d.Accountable || d.Request != consent.Payment || d.Recipient != "Maria Garcia (the client)" ||
		!strings.Contains(d.Description, "3 services from 2026-01-01 to 2026-06-30, total $485.00") {
		t.Errorf("disclosure = %+v", d)
	}

	// One session's superbill.
	one := filepath.Join(t.TempDir(), "session.pdf")
	if _, _, err := f.s.Superbill(f.maria, "2026-05-11", "2026-05-11", one); err != nil {
		t.Fatal(err)
	}
	mustHave(t, "a session's superbill", pdfText(t, one), []string{"Statement of services for 2026-05-11.", "Total $185.00"}, []string{"2026-03-10"})
}

// A superbill that cannot be made writes nothing and records nothing.
func TestSuperbillRefusals(t *testing.T) {
	f := superbillFixture(t)
	dir := t.TempDir()
	before, _ := f.s.Disclosures(f.maria)
	for _, tt := range []struct {
		from, to string
		want     error
		says     string
	}{
		{"2026-07-01", "2026-07-31", clinical.ErrInvalid, "no signed session"},
	} {
		out := filepath.Join(dir, tt.from+".pdf")
		if _, _, err := f.s.Superbill(f.maria, tt.from, tt.to, out); !errors.Is(err, tt.want) || !strings.Contains(err.Error(), tt.says) {
			t.Errorf("Superbill(%s..%s): %v, want %q", tt.from, tt.to, err, tt.says)
		}
		if _, err := os.Stat(out); !errors.Is(err, os.ErrNotExist) {
			t.Errorf("a refused superbill left %s", out)
		}
	}
	if err := f.s.Clinical().RemoveFee("90837"); err != nil {
		t.Fatal(err)
	}
	if _, _, err := f.s.Superbill(f.maria, "2026-05-01", "2026-05-31", filepath.Join(dir, "nofee.pdf")); !errors.Is(err, clinical.ErrNoFee) {
		t.Errorf("without the fee for 90837: %v", err)
	}
	if _, _, err := f.s.Superbill(f.maria, "2026-03-01", "2026-03-31", dir); !errors.Is(err, consent.ErrInvalid) {
		t.Errorf("a folder as the file: %v", err)
	}
	after, _ := f.s.Disclosures(f.maria)
	if len(after) != len(before) {
		t.Errorf("refused superbills were recorded: %d disclosures, were %d", len(after), len(before))
	}
	entries, _ := os.ReadDir(dir)
	if len(entries) != 0 {
		t.Errorf("refused superbills left %v", entries)
	}
}

// A superbill recorded whose file could not be put in place is placed at
// the next Open, as a release is.
func TestRecordedSuperbillIsPlacedAtOpen(t *testing.T) {
	f := superbillFixture(t)
	out := filepath.Join(t.TempDir(), "superbill.pdf")
	restore := consent.FailRenames(errors.New("disk full"))
	m, _, err := f.s.Superbill(f.maria, "2026-03-01", "2026-03-31", out)
	restore()
	if err == nil || m == nil || m.DisclosureID == "" || !strings.Contains(err.Error(), "the superbill was recorded") {
		t.Fatalf("Superbill with failing renames = %+v, %v", m, err)
	}
	if _, err := os.Stat(out); !errors.Is(err, os.ErrNotExist) {
		t.Fatalf("the superbill is in place although the rename failed: %v", err)
	}
	f.open(t)
	if !strings.Contains(pdfText(t, out), "Total $150.00") {
		t.Error("the superbill put in place at Open is not the one recorded")
	}
}
