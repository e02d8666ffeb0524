package consent_test

import (
	"errors"
	"strings"
	"testing"
	"time"

	"github.com/confidenotes/confide/consent"
	"github.com/confidenotes/confide/notes"
)

func TestIncidentSafeHarbour(t *testing.T) {
	tests := []struct {
		name               string
		encrypted, exposed bool
		wantHarbour        bool
		wantNotifyBy       string
	}{
		{"encrypted, keys safe", true, false, true, ""},
		{"encrypted, keys exposed", true, true, false, "2026-12-30"},
		{"not encrypted", false, false, false, "2026-12-30"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			in := consent.Incident{Discovered: "2026-10-31", Encrypted: tt.encrypted, KeysExposed: tt.exposed}
			if in.SafeHarbour() != tt.wantHarbour || in.NotifyBy() != tt.wantNotifyBy {
				t.Errorf("SafeHarbour = %v, NotifyBy = %q; want %v, %q", in.SafeHarbour(), in.NotifyBy(), tt.wantHarbour, tt.wantNotifyBy)
			}
		})
	}
}

func TestNeedsAttention(t *testing.T) {
	f := newFixture(t)
	if _, err := f.s.AddConsent(consent.Consent{ClientID: f.client, Type: consent.InformedConsent, Signed: "2026-01-05"}); err != nil {
		t.Fatal(err)
	}
	expiring := completeAuth(f.client)
	expiring.Expires = "2026-12-10"
	ea, err := f.s.AddAuthorization(expiring)
	if err != nil {
		t.Fatal(err)
	}
	req, err := f.s.AddRequest(consent.Request{ClientID: f.client, Kind: consent.AccessRequest, Received: "2026-10-20"})
	if err != nil {
		t.Fatal(err)
	}
	if _, err := f.s.AddIncident(consent.Incident{}); err == nil || !strings.Contains(err.Error(), "discovery date") {
		t.Errorf("empty incident: %v", err)
	}
	in, err := f.s.AddIncident(consent.Incident{Discovered: "2026-11-01", What: "misdirected email", ClientIDs: []string{f.client},
		Nature: "name and appointment time", Recipient: "another client", Acquired: "opened", Mitigation: "deletion confirmed"})
	if err != nil {
		t.Fatal(err)
	}
	// Drafts two days old (one blank, one written), one of today, and an old
	// one of a closed client.
	older, err := notes.Open(f.v, notes.WithClock(func() time.Time { return testNow.Add(-48 * time.Hour) }))
	if err != nil {
		t.Fatal(err)
	}
	closed := f.addClient(t, notes.Client{Name: "Closed Client", Status: notes.Closed})
	draft := func(ns *notes.Store, client string, kind notes.Kind, date, text string) string {
		t.Helper()
		d := notes.Draft{ClientID: client, Kind: kind, Session: notes.Session{Date: date}}
		if text != "" {
			d.Sections = []notes.Section{{Name: "Note", Text: text}}
		}
		n, err := ns.NewDraft(d)
		if err != nil {
			t.Fatal(err)
		}
		return n.ID
	}
	unwritten := draft(older, f.client, notes.Progress, "2026-11-21", "")
	written := draft(older, f.client, notes.Contact, "2026-11-20", "Phoned about the next appointment.")
	draft(f.s.Notes(), f.client, notes.Progress, "2026-11-23", "Written today.")
	draft(older, closed, notes.Progress, "2026-11-20", "")
	got, err := f.s.NeedsAttention("", testNow)
	if err != nil {
		t.Fatal(err)
	}
	var lines []string
	for _, a := range got {
		lines = append(lines, a.Record+"|"+a.Kind+"|"+a.Due+"|"+a.What)
	}
	want := []string{
		req.ID + "|request|2026-11-19|access request is due", // overdue first
		written + "|draft||contact note of 2026-11-20 is not signed yet",
		unwritten + "|unwritten||progress note for the session of 2026-11-21 is not written yet",
		f.client + "|consent||consent to record: the date the limits of confidentiality were explained",
		in.ID + "|incident||liability insurer not yet contacted about a privacy incident",
		ea.ID + "|authorization|2026-12-10|authorization expires in 17 days",
		in.ID + "|incident|2026-12-31|client not yet notified of a privacy incident",
	}
	if strings.Join(lines, "\n") != strings.Join(want, "\n") {
		t.Errorf("NeedsAttention =\n%s\nwant\n%s", strings.Join(lines, "\n"), strings.Join(want, "\n"))
	}
	if !got[0].Overdue {
		t.Error("the overdue request is not marked overdue")
	}
	if _, err := f.s.Notify(in.ID, consent.Notification{Who: f.client, When: "2026-10-01"}); err == nil || !strings.Contains(err.Error(), "before the discovery") {
		t.Errorf("notification before discovery: %v", err)
	}
	if _, err := f.s.Notify(in.ID, consent.Notification{Who: f.client, When: "2026-11-20", Method: "letter"}); err != nil {
		t.Fatal(err)
	}
	after, err := f.s.NeedsAttention(f.client, testNow)
	if err != nil {
		t.Fatal(err)
	}
	for _, a := range after {
		if a.What == "client not yet notified of a privacy incident" {
			t.Errorf("still listed after notification: %+v", a)
		}
	}
}

func TestClientSummary(t *testing.T) {
	f := newFixture(t)
	if _, err := f.s.AddAuthorization(completeAuth(f.client)); err != nil {
		t.Fatal(err)
	}
	f.disclose(t, "2026-11-02", consent.Subpoena)
	f.disclose(t, "2026-11-03", consent.Insurer)
	sum, err := f.s.ClientSummary(f.client, testNow)
	if err != nil {
		t.Fatal(err)
	}
	got := []any{len(sum.Authorizations), sum.Authorizations[0].Status, sum.Disclosures, sum.Accountable, len(sum.Attention)}
	want := []any{1, consent.StatusValid, 2, 1, 1} // attention: no informed consent, no limits date: one item
	for i := range want {
		if got[i] != want[i] {
			t.Errorf("summary field %d = %v, want %v (%+v)", i, got[i], want[i], sum)
		}
	}
	if _, err := f.s.ClientSummary("c-nobody", testNow); !errors.Is(err, consent.ErrNotFound) {
		t.Errorf("unknown client = %v", err)
	}
}
