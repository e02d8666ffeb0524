package consent_test

import (
	"errors"
	"strings"
	"testing"
	"time"

	"github.com/confidenotes/confide/consent"
	"github.com/confidenotes/confide/vault"
)

func TestAccountableOrExempt(t *testing.T) {
	tests := []struct {
		request consent.RequestType
		want    bool
	}{
		{consent.ToClient, false},
		{consent.ByAuthorization, false},
		{consent.Subpoena, true},
		{consent.CourtOrder, true},
		{consent.Insurer, false},
		{consent.Supervision, false},
		{consent.MandatedReport, true},
		{consent.DutyToWarn, true},
		{consent.Oversight, true},
		{consent.Treatment, false},
		{consent.Payment, false},
		{consent.Operations, false},
		{consent.Export, false},
	}
	for _, tt := range tests {
		t.Run(string(tt.request), func(t *testing.T) {
			if got := tt.request.Accountable(); got != tt.want {
				t.Errorf("Accountable() = %v, want %v", got, tt.want)
			}
			if tt.request.Basis() == "" {
				t.Error("no default legal basis")
			}
		})
	}
	if len(tests) != len(consent.RequestTypes) {
		t.Errorf("%d types tested, %d defined", len(tests), len(consent.RequestTypes))
	}
}

// disclose records a disclosure of the fixture's client.
func (f *fixture) disclose(t *testing.T, date string, req consent.RequestType) *consent.Disclosure {
	t.Helper()
	d, err := f.s.RecordDisclosure(consent.Disclosure{ClientID: f.client, Date: date, Recipient: "County Court",
		RecipientAddress: "1 Court Sq", Description: "session dates 2026", Purpose: "proceeding", Request: req, MadeBy: "Dr. Lee"})
	if err != nil {
		t.Fatal(err)
	}
	return d
}

func TestRecordDisclosureSaysWhatIsMissing(t *testing.T) {
	f := newFixture(t)
	_, err := f.s.RecordDisclosure(consent.Disclosure{ClientID: f.client, Date: "2026-11-20", Request: consent.ByAuthorization})
	for _, want := range []string{"the recipient", "a description of what was released", "who made it", "the authorization it was made under"} {
		if !errors.Is(err, consent.ErrInvalid) || !strings.Contains(err.Error(), want) {
			t.Errorf("error %v does not say %q", err, want)
		}
	}
	d := f.disclose(t, "2026-11-20", consent.Subpoena)
	if !d.Accountable || d.Basis != consent.Subpoena.Basis() || d.Hash != consent.DisclosureHash(d) {
		t.Errorf("recorded = %+v", d)
	}
}

func TestDisclosuresCannotBeChanged(t *testing.T) {
	f := newFixture(t)
	d := f.disclose(t, "2026-11-20", consent.CourtOrder)
	for _, stmt := range []string{
		"UPDATE consent_disclosures SET details = '{}' WHERE id = ?",
		"DELETE FROM consent_disclosures WHERE id = ?",
	} {
		err := f.v.Update(func(tx *vault.Tx) error { _, err := tx.Exec(stmt, d.ID); return err })
		if err == nil || !strings.Contains(err.Error(), "correcting entry") {
			t.Errorf("%s: %v, want the trigger's refusal", stmt, err)
		}
	}
	fix, err := f.s.Correct(d.ID, consent.Disclosure{Date: "2026-11-20", Recipient: "County Court", Description: "session dates 2025-2026",
		Purpose: "proceeding", Request: consent.CourtOrder, MadeBy: "Dr. Lee"})
	if err != nil {
		t.Fatal(err)
	}
	all, err := f.s.Disclosures(f.client)
	if err != nil || len(all) != 2 || all[0].Description != "session dates 2026" || all[1].Corrects != d.ID || fix.ClientID != f.client {
		t.Errorf("after correction: %+v, %v", all, err)
	}
	if n, err := f.s.VerifyDisclosures(); err != nil || n != 2 {
		t.Errorf("VerifyDisclosures = %d, %v", n, err)
	}
}

func TestVerifyDetectsTampering(t *testing.T) {
	tests := []struct {
		name  string
		stmts []string // ?1 stands for the entry's id
		want  string
	}{
		{"changed", []string{"DROP TRIGGER consent_disclosures_no_update",
			`UPDATE consent_disclosures SET details = replace(details, 'County Court', 'Nobody') WHERE id = '?1'`}, "was changed"},
		{"changed with its hash", []string{"DROP TRIGGER consent_disclosures_no_update",
			`UPDATE consent_disclosures SET disclosed_on = '2020-01-01', hash = 'x' WHERE id = '?1'`}, "was changed"},
		{"changed with its log entry", []string{"DROP TRIGGER consent_disclosures_no_update",
			`UPDATE consent_disclosures SET hash = 'forged' WHERE id = '?1'`,
			`UPDATE _vault_log SET data = CAST('forged' AS BLOB) WHERE subject = '?1'`}, "was altered"},
		{"removed", []string{"DROP TRIGGER consent_disclosures_no_delete", "DELETE FROM consent_disclosures WHERE id = '?1'"}, "was removed"},
		{"slipped in", []string{`INSERT INTO consent_disclosures(id, client_id, disclosed_on, request_type, accountable, details, hash, recorded_at)
			SELECT 'di-forged', client_id, disclosed_on, request_type, accountable, details, hash, recorded_at FROM consent_disclosures WHERE id = '?1'`}, "di-forged is not in the log"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			f := newFixture(t)
			d := f.disclose(t, "2026-11-20", consent.Subpoena)
			if _, err := f.s.VerifyDisclosures(); err != nil {
				t.Fatalf("before tampering: %v", err)
			}
			var stmts []string
			for _, s := range tt.stmts {
				stmts = append(stmts, strings.ReplaceAll(s, "?1", d.ID))
			}
			f.alterSnapshot(t, stmts...)
			_, err := f.s.VerifyDisclosures()
			if !errors.Is(err, consent.ErrTampered) || !strings.Contains(err.Error(), tt.want) {
				t.Errorf("VerifyDisclosures = %v, want ErrTampered saying %q", err, tt.want)
			}
			if _, err := f.s.AccountingDoc(f.client, testNow); !errors.Is(err, consent.ErrTampered) {
				t.Errorf("AccountingDoc of a tampered accounting = %v, want ErrTampered", err)
			}
		})
	}
}

func TestAccountingCoversSixYearsOfAccountableEntries(t *testing.T) {
	f := newFixture(t)
	old := f.disclose(t, "2020-11-22", consent.Subpoena) // a day more than six years before testNow
	first := f.disclose(t, "2020-11-23", consent.Subpoena)
	exempt := f.disclose(t, "2026-01-05", consent.Insurer)
	fix, err := f.s.Correct(exempt.ID, consent.Disclosure{Date: "2026-01-05", Recipient: "Insurer", Description: "claim",
		Purpose: "payment", Request: consent.Insurer, MadeBy: "Dr. Lee"})
	if err != nil {
		t.Fatal(err)
	}
	last := f.disclose(t, "2026-11-23", consent.MandatedReport)
	got, err := f.s.Accounting(f.client, testNow)
	if err != nil {
		t.Fatal(err)
	}
	var ids []string
	for _, d := range got {
		ids = append(ids, d.ID)
	}
	want := []string{first.ID, last.ID}
	if strings.Join(ids, ",") != strings.Join(want, ",") {
		t.Errorf("Accounting = %v, want %v (not %s, %s, %s)", ids, want, old.ID, exempt.ID, fix.ID)
	}
}

func TestSafetyCreatesAccountableDisclosure(t *testing.T) {
	f := newFixture(t)
	r := consent.SafetyRecord{ClientID: f.client, Type: consent.MandatedReport, Decided: "2026-11-20"}
	_, err := f.s.AddSafety(r)
	for _, want := range []string{"the facts that triggered it", "the risk assessment", "exactly what was disclosed", "whether the client was informed"} {
		if err == nil || !strings.Contains(err.Error(), want) {
			t.Errorf("incomplete record: %v does not say %q", err, want)
		}
	}
	r.Facts, r.Risk, r.Decision, r.Agency, r.Contact = "disclosure in session", "moderate", "report", "Child Protective Services", "intake worker"
	r.Method, r.Time, r.ReportNumber, r.Disclosed, r.MadeBy = "phone", "2026-11-20 14:05", "R-123", "the disclosure and names", "Dr. Lee"
	r.Consulted = []consent.Consultation{{Who: "supervisor", When: "2026-11-20"}}
	r.ClientInformed, r.InformedHow, r.Deadline = true, "in session", "2026-11-22"
	saved, err := f.s.AddSafety(r)
	if err != nil {
		t.Fatal(err)
	}
	d, err := f.s.Disclosure(saved.DisclosureID)
	if err != nil {
		t.Fatal(err)
	}
	if !d.Accountable || d.Date != "2026-11-20" || d.Request != consent.MandatedReport || d.Recipient != "Child Protective Services (intake worker)" {
		t.Errorf("disclosure = %+v", d)
	}
	list, err := f.s.SafetyRecords(f.client)
	if err != nil || len(list) != 1 || list[0].ReportNumber != "R-123" {
		t.Errorf("SafetyRecords = %+v, %v", list, err)
	}
}

func TestDayArithmetic(t *testing.T) {
	if got := consent.Day(time.Date(2024, 2, 29, 23, 0, 0, 0, time.UTC)); got != "2024-02-29" {
		t.Errorf("Day = %s", got)
	}
	if got := consent.AddDays("2024-02-15", 30); got != "2024-03-16" {
		t.Errorf("AddDays over a leap day = %s, want 2024-03-16", got)
	}
}
