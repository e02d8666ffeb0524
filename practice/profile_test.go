package practice_test

import (
	"errors"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/confidenotes/confide/practice"
	"github.com/confidenotes/confide/vault"
	"github.com/confidenotes/confide/vault/vaulttest"
)

func openStore(tb testing.TB) (*practice.Store, *vault.Vault, string, vaulttest.KeyStore) {
	tb.Helper()
	dir := filepath.Join(tb.TempDir(), "vault")
	keys := vaulttest.KeyStore{}
	v, _, err := vault.Create(dir, vault.CreateOptions{Store: keys, Label: "test"})
	if err != nil {
		tb.Fatal(err)
	}
	tb.Cleanup(func() { v.Close() })
	s, err := practice.Open(v, practice.WithClock(func() time.Time { return time.Date(2026, 11, 14, 19, 29, 0, 0, time.UTC) }))
	if err != nil {
		tb.Fatal(err)
	}
	return s, v, dir, keys
}

// CMS's worked example (1234567893, from "Requirements for National
// Provider Identifier (NPI) and NPI Check Digit"), then every check digit
// against CMS's own method, which differs from the code's: double the
// alternate digits of the nine from the right, add the digits and 24, and
// take the distance to the next multiple of ten.
func TestCheckNPI(t *testing.T) {
	tests := []struct {
		npi  string
		want bool
	}{
		{"1234567893", true},   // the example of the CMS NPI check-digit paper
		{"1234567890", false},  // the CMS example with its check digit changed
		{"123456789", false},   // nine digits
		{"12345678931", false}, // eleven
		{"12345A7893", false},
		{"3234567893", false}, // NPIs start with 1 or 2
		{"", false},
	}
	for _, tt := range tests {
		err := practice.CheckNPI(tt.npi)
		if got := err == nil; got != tt.want {
			t.Errorf("CheckNPI(%q) = %v, want valid=%v", tt.npi, err, tt.want)
		}
		if err != nil && !errors.Is(err, practice.ErrInvalid) {
			t.Errorf("CheckNPI(%q): %v does not wrap ErrInvalid", tt.npi, err)
		}
	}
}

func TestProfileWithoutOneHasDefaults(t *testing.T) {
	s, _, _, _ := openStore(t)
	p, err := s.Profile()
	if err != nil {
		t.Fatal(err)
	}
	if p.IsSet() || p.SignatureName() != "" {
		t.Errorf("a practice without a profile signs as %q", p.SignatureName())
	}
	if p.PaperSize() != practice.Letter {
		t.Errorf("default paper %q, want letter", p.PaperSize())
	}
	if m, c := p.SessionDefaults(); m != 50 || c != "90834" {
		t.Errorf("session defaults %d %q, want 50 90834", m, c)
	}
	if len(p.Letterhead()) != 0 {
		t.Errorf("a letterhead without a profile: %q", p.Letterhead())
	}
}

func TestSetProfileSurvivesReopen(t *testing.T) {
	s, v, dir, keys := openStore(t)
	want := practice.Profile{Name: "Jane Porter", Credentials: "LCSW", License: "R-071234", LicenseState: "ny",
		NPI: "1234567893", Practice: "Porter Counseling", Address: "12 Elm Street, Suite 3\nIthaca, NY 14850",
		Phone: "(607) 555-0142", TimeZone: "America/New_York", Paper: practice.A4, DefaultMinutes: 53, DefaultCode: "90837"}
	if err := s.SetProfile(want); err != nil {
		t.Fatal(err)
	}
	if err := v.Close(); err != nil {
		t.Fatal(err)
	}
	v2, err := vault.Open(dir, vault.FromStore(keys))
	if err != nil {
		t.Fatal(err)
	}
	defer v2.Close()
	s2, err := practice.Open(v2)
	if err != nil {
		t.Fatal(err)
	}
	got, err := s2.Profile()
	if err != nil {
		t.Fatal(err)
	}
	if got.SignatureName() != "Jane Porter, LCSW" || got.LicenseState != "NY" || got.NPI != want.NPI ||
		got.PaperSize() != practice.A4 || got.TimeZone != want.TimeZone {
		t.Errorf("read back %+v", got)
	}
	if m, c := got.SessionDefaults(); m != 53 || c != "90837" {
		t.Errorf("session defaults %d %q, want 53 90837", m, c)
	}
	head := strings.Join(got.Letterhead(), "\n")
	for _, w := range []string{"Porter Counseling", "Jane Porter, LCSW", "Ithaca, NY 14850", "NPI 1234567893", "Licence R-071234 (NY)", "(607) 555-0142"} {
		if !strings.Contains(head, w) {
			t.Errorf("letterhead lacks %q:\n%s", w, head)
		}
	}
	if _, err := v2.VerifyLog(); err != nil {
		t.Errorf("log: %v", err)
	}
}

func TestSetProfileRefusesWhatCannotBeRight(t *testing.T) {
	s, _, _, _ := openStore(t)
	good := practice.Profile{Name: "Jane Porter"}
	tests := []struct {
		name   string
		change func(p *practice.Profile)
		says   string
	}{
		{"no name", func(p *practice.Profile) { p.Name = " " }, "name"},
		{"bad NPI check digit", func(p *practice.Profile) { p.NPI = "1234567890" }, "check digit"},
		{"unknown zone", func(p *practice.Profile) { p.TimeZone = "Mars/Olympus" }, "time zone"},
		{"paper", func(p *practice.Profile) { p.Paper = "legal" }, "letter or a4"},
		{"minutes", func(p *practice.Profile) { p.DefaultMinutes = 600 }, "minutes"},
		{"state", func(p *practice.Profile) { p.LicenseState = "New York" }, "two-letter"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			p := good
			tt.change(&p)
			err := s.SetProfile(p)
			if !errors.Is(err, practice.ErrInvalid) || !strings.Contains(err.Error(), tt.says) {
				t.Fatalf("SetProfile: %v, want ErrInvalid saying %q", err, tt.says)
			}
			got, _ := s.Profile()
			if got.IsSet() {
				t.Errorf("a refused profile was stored: %+v", got)
			}
		})
	}
}

func TestSignatureLineInTheProfileZone(t *testing.T) {
	signed := time.Date(2026, 11, 14, 19, 29, 0, 0, time.UTC)
	tests := []struct {
		zone, by, want string
	}{
		{"America/New_York", "Jane Porter, LCSW", "Electronically signed by Jane Porter, LCSW, 14 Nov 2026 2:29 PM EST"},
		{"America/Los_Angeles", "Jane Porter, LCSW", "Electronically signed by Jane Porter, LCSW, 14 Nov 2026 11:29 AM PST"},
		{"Europe/Berlin", "", "Electronically signed 14 Nov 2026 8:29 PM CET"},
	}
	for _, tt := range tests {
		p := practice.Profile{Name: "Jane Porter", TimeZone: tt.zone}
		if got := p.SignatureLine(tt.by, signed); got != tt.want {
			t.Errorf("%s: %q, want %q", tt.zone, got, tt.want)
		}
	}
}

func cmsCheckDigit(base string) byte {
	sum := 24
	for i := 0; i < 9; i++ {
		d := int(base[8-i] - '0')
		if i%2 == 0 {
			d *= 2
			sum += d/10 + d%10
		} else {
			sum += d
		}
	}
	return byte('0' + (10-sum%10)%10)
}

func TestCheckNPIAgreesWithTheCMSMethod(t *testing.T) {
	for n := 100000000; n < 300000000; n += 7919 * 13 {
		base := strconv.Itoa(n)
		if base[0] != '1' && base[0] != '2' {
			continue
		}
		for d := byte('0'); d <= '9'; d++ {
			npi := base + string(d)
			want := d == cmsCheckDigit(base)
			if got := practice.CheckNPI(npi) == nil; got != want {
				t.Fatalf("CheckNPI(%s) valid=%v, CMS method says %v", npi, got, want)
			}
		}
	}
}
