package consent_test

import (
	"errors"
	"strings"
	"testing"
	"time"

	"github.com/confidenotes/confide/consent"
)

func TestStatusOnEveryBoundary(t *testing.T) {
	base := completeAuth("c-1") // signed 2026-11-01, expires 2027-06-30
	revoked := base
	revoked.Revoked = "2027-01-15"
	incomplete := base
	incomplete.Purpose = ""
	noAddress := base
	noAddress.RecipientAddress = ""
	event := base
	event.Expires, event.ExpiryEvent = "", "end of treatment"
	tests := []struct {
		name string
		a    consent.Authorization
		day  string
		want consent.Status
	}{
		{"day before signature", base, "2026-10-31", consent.StatusNotSigned},
		{"signature day", base, "2026-11-01", consent.StatusValid},
		{"31 days before expiry", base, "2027-05-30", consent.StatusValid},
		{"30 days before expiry", base, "2027-05-31", consent.StatusExpiring},
		{"expiry day", base, "2027-06-30", consent.StatusExpiring},
		{"day after expiry", base, "2027-07-01", consent.StatusExpired},
		{"day before revocation", revoked, "2027-01-14", consent.StatusValid},
		{"revoked the same day", revoked, "2027-01-15", consent.StatusRevoked},
		{"after revocation and expiry", revoked, "2028-01-01", consent.StatusRevoked},
		{"incomplete on a valid day", incomplete, "2026-12-01", consent.StatusIncomplete},
		{"no recipient address is complete (164.508(c)(1)(iii))", noAddress, "2026-12-01", consent.StatusValid},
		{"expiry event never expires by date", event, "2040-01-01", consent.StatusValid},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := tt.a.StatusOn(tt.day); got != tt.want {
				t.Errorf("StatusOn(%s) = %s, want %s", tt.day, got, tt.want)
			}
		})
	}
}

func TestMissingNamesEveryElement(t *testing.T) {
	tests := []struct {
		name   string
		change func(a *consent.Authorization)
		want   string
	}{
		{"info", func(a *consent.Authorization) { a.Info = " " }, "a description of the information"},
		{"discloser", func(a *consent.Authorization) { a.Discloser = "" }, "who may disclose it"},
		{"recipient", func(a *consent.Authorization) { a.Recipient = "" }, "the recipient's name"},
		{"purpose", func(a *consent.Authorization) { a.Purpose = "" }, "the purpose"},
		{"expiry", func(a *consent.Authorization) { a.Expires = "" }, "an expiry date or expiry event"},
		{"signature date", func(a *consent.Authorization) { a.Signed = "" }, "the signature date"},
		{"signer", func(a *consent.Authorization) { a.Signer = "" }, "who signed"},
		{"representative", func(a *consent.Authorization) { a.Representative = true }, "the representative's authority"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			a := completeAuth("c-1")
			tt.change(&a)
			got := a.Missing()
			if len(got) != 1 || got[0] != tt.want {
				t.Errorf("Missing() = %q, want [%q]", got, tt.want)
			}
		})
	}
	a := completeAuth("c-1")
	if got := a.Missing(); got != nil {
		t.Errorf("complete authorization: Missing() = %q, want nil", got)
	}
	if got := a.Recommended(); got != nil {
		t.Errorf("with an address: Recommended() = %q, want nil", got)
	}
	// The recipient's address is recommended, never missing.
	a.RecipientAddress = " "
	if got, rec := a.Missing(), a.Recommended(); got != nil || len(rec) != 1 || rec[0] != "the recipient's address" {
		t.Errorf("without an address: Missing() = %q, Recommended() = %q", got, rec)
	}
}

func TestValidFor(t *testing.T) {
	day := func(s string) time.Time { d, _ := consent.ParseDate(s); return d }
	records := consent.Scope{Records: true}
	psych := consent.Scope{PsychotherapyNotes: true}
	base := completeAuth("c-1")
	pn := base
	pn.PsychotherapyNotes = true
	incomplete := base
	incomplete.Purpose = ""
	tests := []struct {
		name      string
		a         consent.Authorization
		recipient string
		scope     consent.Scope
		when      time.Time
		wantErr   string // "" for allowed
	}{
		{"valid", base, "Dr. Smith", records, day("2026-12-01"), ""},
		{"recipient compared loosely", base, "  dr.  SMITH ", records, day("2026-12-01"), ""},
		{"recipient without the full stop", base, "Dr Smith", records, day("2026-12-01"), ""},
		{"recipient with a description", base, "Dr. Smith, primary care physician", records, day("2026-12-01"), ""},
		{"recipient with a bracketed description", base, "Dr. Smith (cardiology)", records, day("2026-12-01"), ""},
		{"recipient with a longer name", base, "Dr. Smithson", records, day("2026-12-01"), "another recipient"},
		{"recipient at another practice", base, "Dr. Jones, Dr. Smith's practice", records, day("2026-12-01"), "another recipient"},
		{"expiring still allows", base, "Dr. Smith", records, day("2027-06-30"), ""},
		{"other recipient", base, "Dr. Jones", records, day("2026-12-01"), "another recipient"},
		{"expired", base, "Dr. Smith", records, day("2027-07-01"), "is expired"},
		{"before signature", base, "Dr. Smith", records, day("2026-10-01"), "signed after"},
		{"incomplete says what is missing", incomplete, "Dr. Smith", records, day("2026-12-01"), "missing the purpose"},
		{"psychotherapy notes need their own", base, "Dr. Smith", psych, day("2026-12-01"), "separate psychotherapy-notes authorization"},
		{"psychotherapy authorization allows them", pn, "Dr. Smith", psych, day("2026-12-01"), ""},
		{"psychotherapy authorization covers nothing else", pn, "Dr. Smith", records, day("2026-12-01"), "psychotherapy notes only"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			err := tt.a.ValidFor(tt.recipient, tt.scope, tt.when)
			switch {
			case tt.wantErr == "" && err != nil:
				t.Errorf("ValidFor = %v, want nil", err)
			case tt.wantErr != "" && (err == nil || !strings.Contains(err.Error(), tt.wantErr) || !errors.Is(err, consent.ErrNotAuthorized)):
				t.Errorf("ValidFor = %v, want ErrNotAuthorized containing %q", err, tt.wantErr)
			}
		})
	}
}

// The recipient named on the form and the one typed for a release, as
// clinicians write them.
func TestRecipientMatches(t *testing.T) {
	tests := []struct {
		onFile, given string
		want          bool
	}{
		{"Dr. Alan Kim", "Dr. Alan Kim, primary care physician", true},
		{"Dr. Alan Kim, primary care physician", "Dr. Alan Kim", true},
		{"Dr. Alan Kim", "dr alan kim", true},
		{"Hope County Court", "Hope County Court - Family Division", true},
		{"Dr. Alan Kim, primary care physician", "Dr. Alan Kim, cardiologist", false},
		{"Dr. Alan Kim", "Dr. Alan Kimball", false},
		{"Dr. Alan Kim", "Alan Kim", false},
		{"Dr. Alan Kim", "", false},
		{"", "", false},
	}
	for _, tt := range tests {
		if got := consent.RecipientMatches(tt.onFile, tt.given); got != tt.want {
			t.Errorf("RecipientMatches(%q, %q) = %v, want %v", tt.onFile, tt.given, got, tt.want)
		}
	}
}
