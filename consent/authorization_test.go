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
	incomplete.RecipientAddress = ""
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
		{"address", func(a *consent.Authorization) { a.RecipientAddress = "" }, "the recipient's address"},
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
