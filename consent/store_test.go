package consent_test

import (
	"errors"
	"strings"
	"testing"

	"github.com/confidenotes/confide/consent"
	"github.com/confidenotes/confide/notes"
	"github.com/confidenotes/confide/vault"
)

func TestAddAuthorizationRules(t *testing.T) {
	f := newFixture(t)
	incomplete := completeAuth(f.client)
	incomplete.Purpose, incomplete.RecipientAddress = "", ""
	a, err := f.s.AddAuthorization(incomplete)
	if err != nil {
		t.Fatalf("an incomplete authorization must be saved: %v", err)
	}
	if got := a.StatusOn("2026-12-01"); got != consent.StatusIncomplete {
		t.Errorf("status = %s, want incomplete", got)
	}
	_, err = f.s.Authorize(consent.ReleaseCheck{ClientID: f.client, Recipient: "Dr. Smith", Scope: consent.Scope{Records: true},
		When: testNow, Authorization: a.ID})
	if !errors.Is(err, consent.ErrNotAuthorized) || !strings.Contains(err.Error(), "missing the purpose") {
		t.Errorf("release under an incomplete authorization: %v", err)
	}

	refusals := []struct {
		name   string
		change func(a *consent.Authorization)
		want   string
	}{
		{"expiry before signature", func(a *consent.Authorization) { a.Expires = "2026-10-31" }, "before the signature date"},
		{"bad date", func(a *consent.Authorization) { a.Signed = "11/01/2026" }, "signature date is not a date"},
		{"both expiries", func(a *consent.Authorization) { a.ExpiryEvent = "end of treatment" }, "not both"},
		{"unknown client", func(a *consent.Authorization) { a.ClientID = "c-missing" }, "not found"},
	}
	for _, tt := range refusals {
		t.Run(tt.name, func(t *testing.T) {
			in := completeAuth(f.client)
			tt.change(&in)
			if _, err := f.s.AddAuthorization(in); err == nil || !strings.Contains(err.Error(), tt.want) {
				t.Errorf("AddAuthorization = %v, want an error containing %q", err, tt.want)
			}
		})
	}
}

func TestRevoke(t *testing.T) {
	f := newFixture(t)
	a, err := f.s.AddAuthorization(completeAuth(f.client))
	if err != nil {
		t.Fatal(err)
	}
	if _, err := f.s.Revoke(a.ID, "2026-10-01"); err == nil || !strings.Contains(err.Error(), "before the signature date") {
		t.Errorf("revoke before signature: %v", err)
	}
	if _, err := f.s.Revoke(a.ID, "2026-12-10"); err != nil {
		t.Fatal(err)
	}
	if _, err := f.s.Revoke(a.ID, "2026-12-11"); err == nil || !strings.Contains(err.Error(), "already revoked on 2026-12-10") {
		t.Errorf("revoke twice: %v", err)
	}
	got, err := f.s.Authorization(a.ID)
	if err != nil {
		t.Fatal(err)
	}
	for _, tt := range []struct {
		day  string
		want consent.Status
	}{{"2026-12-09", consent.StatusValid}, {"2026-12-10", consent.StatusRevoked}} {
		if s := got.StatusOn(tt.day); s != tt.want {
			t.Errorf("StatusOn(%s) = %s, want %s", tt.day, s, tt.want)
		}
	}
	// A disclosure made before the revocation stays valid; one after is refused.
	before := consent.Disclosure{ClientID: f.client, Date: "2026-12-09", Recipient: "Dr. Smith", Description: "summary",
		Authorization: a.ID, Request: consent.ByAuthorization, MadeBy: "Dr. Lee"}
	if _, err := f.s.RecordDisclosure(before); err != nil {
		t.Errorf("disclosure before revocation: %v", err)
	}
	after := before
	after.Date = "2026-12-10"
	if _, err := f.s.RecordDisclosure(after); !errors.Is(err, consent.ErrNotAuthorized) {
		t.Errorf("disclosure on the revocation day = %v, want ErrNotAuthorized", err)
	}
}

func TestEndByEventAndFrozenAuthorizations(t *testing.T) {
	f := newFixture(t)
	dated, err := f.s.AddAuthorization(completeAuth(f.client))
	if err != nil {
		t.Fatal(err)
	}
	in := completeAuth(f.client)
	in.Expires, in.ExpiryEvent = "", "end of the custody case"
	ev, err := f.s.AddAuthorization(in)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := f.s.EndByEvent(dated.ID, "2026-12-01"); err == nil || !strings.Contains(err.Error(), "expires on a date") {
		t.Errorf("ending a dated authorization: %v", err)
	}
	ended, err := f.s.EndByEvent(ev.ID, "2026-12-01")
	if err != nil {
		t.Fatal(err)
	}
	for _, tt := range []struct {
		day  string
		want consent.Status
	}{{"2026-11-30", consent.StatusValid}, {"2026-12-01", consent.StatusExpired}} {
		if got := ended.StatusOn(tt.day); got != tt.want {
			t.Errorf("StatusOn(%s) = %s, want %s", tt.day, got, tt.want)
		}
	}
	if _, err := f.s.EndByEvent(ev.ID, "2026-12-02"); err == nil || !strings.Contains(err.Error(), "already recorded") {
		t.Errorf("ending twice: %v", err)
	}
	for _, stmt := range []string{
		"UPDATE consent_authorizations SET details = '{}' WHERE id = ?",
		"UPDATE consent_authorizations SET ended_on = '2027-01-01' WHERE id = ?",
		"DELETE FROM consent_authorizations WHERE id = ?",
	} {
		err := f.v.Update(func(tx *vault.Tx) error { _, err := tx.Exec(stmt, ev.ID); return err })
		if err == nil || !strings.Contains(err.Error(), "authorization cannot be") {
			t.Errorf("%s: %v, want the trigger's refusal", stmt, err)
		}
	}
}

func TestAuthorizeTreatmentUnit(t *testing.T) {
	f := newFixture(t)
	b := f.addClient(t, notes.Client{Name: "Bo Example"})
	c := f.addClient(t, notes.Client{Name: "Cy Example"})
	unit, err := f.s.Notes().AddUnit(notes.Family, "", f.client, b, c)
	if err != nil {
		t.Fatal(err)
	}
	release := consent.ReleaseCheck{ClientID: f.client, UnitID: unit, Recipient: "Dr. Smith", Scope: consent.Scope{Records: true}, When: testNow}
	add := func(id string) {
		t.Helper()
		if _, err := f.s.AddAuthorization(completeAuth(id)); err != nil {
			t.Fatal(err)
		}
	}
	add(f.client)
	add(b)
	_, err = f.s.Authorize(release)
	if !errors.Is(err, consent.ErrNotAuthorized) || !strings.Contains(err.Error(), "client "+c) || strings.Contains(err.Error(), "client "+b) {
		t.Fatalf("one member without authorization: %v", err)
	}
	add(c)
	used, err := f.s.Authorize(release)
	if err != nil || len(used) != 3 {
		t.Fatalf("every member authorized: %d used, %v", len(used), err)
	}
	own := release
	own.UnitID = ""
	if used, err := f.s.Authorize(own); err != nil || len(used) != 1 {
		t.Errorf("the client's own record: %d used, %v", len(used), err)
	}
	stranger := f.addClient(t, notes.Client{Name: "Di Example"})
	other := release
	other.ClientID = stranger
	if _, err := f.s.Authorize(other); !errors.Is(err, consent.ErrInvalid) {
		t.Errorf("a client outside the unit = %v, want ErrInvalid", err)
	}
}

func TestConsentOfMinorNeedsRepresentative(t *testing.T) {
	f := newFixture(t)
	minor := f.addClient(t, notes.Client{Name: "Kid Example", Minor: true, Guardians: []notes.Person{{Name: "Pat Example", Relation: "guardian"}}})
	_, err := f.s.AddConsent(consent.Consent{ClientID: minor, Type: consent.InformedConsent, Signed: "2026-11-02"})
	if !errors.Is(err, consent.ErrInvalid) || !strings.Contains(err.Error(), "basis of their authority") {
		t.Errorf("minor without representative: %v", err)
	}
	c, err := f.s.AddConsent(consent.Consent{ClientID: minor, Type: consent.InformedConsent, Signed: "2026-11-02",
		SignedBy: "Pat Example", Authority: "parent"})
	if err != nil {
		t.Fatal(err)
	}
	if c.Form != "informed-consent/1" {
		t.Errorf("form = %q, want the shipped form linked", c.Form)
	}
	if _, err := f.s.AddConsent(consent.Consent{ClientID: f.client, Type: "tattoo", Signed: "2026-11-02"}); !errors.Is(err, consent.ErrInvalid) {
		t.Errorf("unknown type = %v", err)
	}
	list, err := f.s.Consents(minor)
	if err != nil || len(list) != 1 || list[0].Authority != "parent" {
		t.Errorf("Consents = %+v, %v", list, err)
	}
}
