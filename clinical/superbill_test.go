package clinical_test

import (
	"errors"
	"strings"
	"testing"

	"github.com/confidenotes/confide/clinical"
	"github.com/confidenotes/confide/notes"
	"github.com/confidenotes/confide/practice"
)

func TestParseAmount(t *testing.T) {
	for in, want := range map[string]int64{"150": 15000, "150.5": 15050, "150.50": 15050, "$1,200.00": 120000, "0": 0, ".5": 50, "100000": 10000000} {
		if got, err := clinical.ParseAmount(in); err != nil || got != want {
			t.Errorf("ParseAmount(%q) = %d, %v; want %d", in, got, err, want)
		}
	}
	for _, bad := range []string{"", "-5", "1.234", "abc", "12.", "100000.01", "1e3", "+5"} {
		if _, err := clinical.ParseAmount(bad); !errors.Is(err, clinical.ErrInvalid) {
			t.Errorf("ParseAmount(%q): %v, want ErrInvalid", bad, err)
		}
	}
	if got := clinical.FormatCents(15005); got != "150.05" {
		t.Errorf("FormatCents = %q", got)
	}
}

func TestFeeTable(t *testing.T) {
	f := newFixture(t)
	if fs, err := f.Fees(); err != nil || len(fs) != 0 {
		t.Fatalf("a new vault's fees: %v, %v", fs, err)
	}
	if _, err := f.SetFee("90834", 15000); err != nil {
		t.Fatal(err)
	}
	if _, err := f.SetFee(" 90837 ", 18000); err != nil {
		t.Fatal(err)
	}
	if _, err := f.SetFee("90834", 16000); err != nil { // a new fee replaces the old
		t.Fatal(err)
	}
	fs, err := f.Fees()
	if err != nil || len(fs) != 2 || fs[0] != (clinical.Fee{Code: "90834", Cents: 16000}) || fs[1].Code != "90837" {
		t.Fatalf("fees = %+v, %v", fs, err)
	}
	for _, bad := range []struct {
		code  string
		cents int64
	}{{"9083", 100}, {"90834x", 100}, {"", 100}, {"90834", -1}, {"90834", clinical.MaxFeeCents + 1}} {
		if _, err := f.SetFee(bad.code, bad.cents); !errors.Is(err, clinical.ErrInvalid) {
			t.Errorf("SetFee(%q, %d): %v", bad.code, bad.cents, err)
		}
	}
	if err := f.RemoveFee("90837"); err != nil {
		t.Fatal(err)
	}
	if err := f.RemoveFee("90837"); !errors.Is(err, clinical.ErrNotFound) {
		t.Errorf("removing a fee twice: %v", err)
	}
}

// signed adds and signs a note of a session.
func (f *fixture) signed(t *testing.T, clientID string, kind notes.Kind, date, start string, minutes int, code string) *notes.Note {
	t.Helper()
	n, err := f.Notes().NewDraft(notes.Draft{ClientID: clientID, Kind: kind, Template: notes.Free,
		Session: notes.Session{Date: date, Start: start, DurationMin: minutes, ServiceCode: code}, Sections: notes.Free.ParseBody("Session.")})
	if err != nil {
		t.Fatal(err)
	}
	if n, err = f.Notes().Sign(n.ID); err != nil {
		t.Fatal(err)
	}
	return n
}

func TestSuperbill(t *testing.T) {
	f := newFixture(t)
	c := f.client(t, "Ada Byron")
	if _, err := f.AddDiagnosis(c, "F41.1", "2026-01-10", true); err != nil {
		t.Fatal(err)
	}
	dep, err := f.AddDiagnosis(c, "F32.1", "2026-02-01", false)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := f.EndDiagnosis(dep.ID, "2026-02-14"); err != nil {
		t.Fatal(err)
	}
	f.signed(t, c, notes.Intake, "2026-02-03", "10:00", 60, "90791")
	f.signed(t, c, notes.Progress, "2026-02-10", "10:00", 53, "90837")
	f.signed(t, c, notes.Progress, "2026-02-17", "10:05", 45, "90834")
	f.signed(t, c, notes.Progress, "2026-03-03", "10:00", 45, "90834") // another month
	f.signed(t, c, notes.Psychotherapy, "2026-02-17", "", 0, "")       // never billed
	f.note(t, c, notes.Progress, "2026-02-24", "Not signed yet.")

	_, err = f.Superbill(c, "2026-02-01", "2026-02-28")
	if !errors.Is(err, clinical.ErrNoFee) || !strings.Contains(err.Error(), "90791, 90834, 90837") {
		t.Fatalf("without fees: %v", err)
	}
	for code, cents := range map[string]int64{"90791": 20000, "90834": 15000, "90837": 18000} {
		if _, err := f.SetFee(code, cents); err != nil {
			t.Fatal(err)
		}
	}
	sb, err := f.Superbill(c, "2026-02-01", "2026-02-28")
	if err != nil {
		t.Fatal(err)
	}
	if len(sb.Lines) != 3 || sb.TotalCents != 53000 || sb.Unsigned != 1 {
		t.Fatalf("superbill = %+v", sb)
	}
	if len(sb.Diagnoses) != 2 || sb.Diagnoses[0].Code != "F41.1" || sb.Diagnoses[1].Code != "F32.1" {
		t.Fatalf("diagnoses = %+v", sb.Diagnoses)
	}
	want := []struct{ date, code, end, pointers string }{
		{"2026-02-03", "90791", "11:00", "A,B"}, {"2026-02-10", "90837", "10:53", "A,B"}, {"2026-02-17", "90834", "10:50", "A"},
	}
	for i, w := range want {
		l := sb.Lines[i]
		if l.Date != w.date || l.Code != w.code || l.End != w.end || strings.Join(l.Pointers, ",") != w.pointers {
			t.Errorf("line %d = %+v, want %+v", i, l, w)
		}
	}
	if sb.Lines[1].Service != "Psychotherapy, 60 minutes" {
		t.Errorf("service name = %q", sb.Lines[1].Service)
	}
	// One session's superbill.
	one, err := f.Superbill(c, "2026-03-03", "2026-03-03")
	if err != nil || len(one.Lines) != 1 || one.TotalCents != 15000 || len(one.Diagnoses) != 1 {
		t.Fatalf("one session = %+v, %v", one, err)
	}
	for _, tt := range []struct{ from, to, want string }{
		{"2026-04-01", "2026-04-30", "no signed session"},
		{"2026-02-24", "2026-02-24", "1 session note(s) not yet signed"},
		{"2026-03-01", "2026-02-01", "ends"},
		{"2026-02", "2026-02-28", "not a date"},
	} {
		if _, err := f.Superbill(c, tt.from, tt.to); !errors.Is(err, clinical.ErrInvalid) || !strings.Contains(err.Error(), tt.want) {
			t.Errorf("Superbill(%s, %s): %v, want %q", tt.from, tt.to, err, tt.want)
		}
	}
	// A session with no diagnosis in effect cannot be billed.
	f.signed(t, c, notes.Progress, "2026-01-05", "10:00", 45, "90834")
	if _, err := f.Superbill(c, "2026-01-01", "2026-01-31"); !errors.Is(err, clinical.ErrInvalid) || !strings.Contains(err.Error(), "no diagnosis was in effect on 2026-01-05") {
		t.Errorf("a session without a diagnosis: %v", err)
	}
}

// A plan signed without a name is signed by the practice profile's
// clinician, as a note is.
func TestPlanSignerDefaultsToTheProfile(t *testing.T) {
	f := newFixture(t)
	c := f.client(t, "Ada Byron")
	p, err := f.AddPlan(c, samplePlan())
	if err != nil {
		t.Fatal(err)
	}
	if err := f.Notes().Practice().SetProfile(practice.Profile{Name: "Jane Porter", Credentials: "LCSW"}); err != nil {
		t.Fatal(err)
	}
	s, err := f.SignPlan(p.ID, "  ")
	if err != nil || s.SignedBy != "Jane Porter, LCSW" {
		t.Fatalf("signed by %q, %v", s.SignedBy, err)
	}
	v2, err := f.RevisePlan(p.ID)
	if err != nil {
		t.Fatal(err)
	}
	if s, err := f.SignPlan(v2.ID, "Dr. Lee, PhD"); err != nil || s.SignedBy != "Dr. Lee, PhD" {
		t.Fatalf("a name given: %q, %v", s.SignedBy, err)
	}
}
