package clinical_test

import (
	"os"
	"path/filepath"
	"reflect"
	"testing"

	"github.com/confidenotes/confide/clinical"
	"github.com/confidenotes/confide/notes"
	"github.com/confidenotes/confide/vault"
)

// TestJournalReplay runs every kind of write the package makes, copies the
// vault's files while it is open, before any compaction, as a crash would
// leave them, and opens the copy: replaying the journal must rebuild the
// same measures, flags, risk assessments, diagnoses, plans, goal links,
// schedules and fees, which holds only if every statement is
// deterministic.
func TestJournalReplay(t *testing.T) {
	f := newFixture(t)
	c := f.client(t, "Replay Client")
	other := f.client(t, "Other Client")

	// Measures, in session and on paper, a risk flag and its assessment.
	f.give(t, c, "phq9", "2026-03-02", 2, 2, 2, 2, 2, 2, 2, 2, 1)
	if _, err := f.Give(clinical.Given{ClientID: c, Instrument: "gad7", Date: "2026-03-02", Total: total(12), GivenBy: "Dr. Lee"}); err != nil {
		t.Fatal(err)
	}
	f.give(t, other, "pcl5", "2026-03-03", spread(20, 40, 4)...)
	if _, err := f.AddRiskAssessment(clinical.RiskAssessment{ClientID: c, Date: "2026-03-02", Level: "low",
		Ideation: "Passive thoughts, no plan.", Action: "Safety plan reviewed.", By: "Dr. Lee"}); err != nil {
		t.Fatal(err)
	}
	if _, err := f.Give(clinical.Given{ClientID: other, Instrument: "phq9", Date: "2026-03-04", Total: total(14),
		RiskItems: map[int]int{9: 2}}); err != nil {
		t.Fatal(err)
	}

	// Diagnoses: one ended, one open.
	dx, err := f.AddDiagnosis(c, "F32.1", "2026-01-05", true)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := f.EndDiagnosis(dx.ID, "2026-03-01"); err != nil {
		t.Fatal(err)
	}
	if _, err := f.AddDiagnosis(c, "F41.1", "2026-03-02", true); err != nil {
		t.Fatal(err)
	}

	// A plan edited, signed and revised; a draft deleted; goals linked to
	// a note, one unlinked, the note signed with its time code checked.
	p, err := f.AddPlan(c, samplePlan())
	if err != nil {
		t.Fatal(err)
	}
	edited := samplePlan()
	edited.Problems[0].Goals[1].Text = "See a friend twice a week"
	if err := f.UpdatePlan(p.ID, edited); err != nil {
		t.Fatal(err)
	}
	if _, err := f.SignPlan(p.ID, "Dr. Lee"); err != nil {
		t.Fatal(err)
	}
	v2, err := f.RevisePlan(p.ID)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := f.SignPlan(v2.ID, ""); err != nil {
		t.Fatal(err)
	}
	draft, err := f.RevisePlan(v2.ID)
	if err != nil {
		t.Fatal(err)
	}
	if err := f.DeleteDraftPlan(draft.ID); err != nil {
		t.Fatal(err)
	}
	n := f.note(t, c, notes.Progress, "2026-03-05", "Activity log reviewed.")
	for _, g := range []string{"g-mood", "g-social"} {
		if _, err := f.LinkGoal(n.ID, g, 4, "Progress on "+g+"."); err != nil {
			t.Fatal(err)
		}
	}
	if err := f.UnlinkGoal(n.ID, "g-social"); err != nil {
		t.Fatal(err)
	}
	if _, _, err := f.SignNote(n.ID, false); err != nil {
		t.Fatal(err)
	}

	// Schedules, one replaced and one removed; fees, one removed.
	for _, sc := range []clinical.Schedule{
		{ClientID: c, Instrument: "phq9", EverySessions: 4, Start: "2026-03-01"},
		{ClientID: c, Instrument: "phq9", EveryMonths: 1, Start: "2026-03-02"},
		{ClientID: c, Instrument: "gad7", EverySessions: 2, Start: "2026-03-01"},
		{ClientID: other, Instrument: "pcl5", EveryMonths: 3, Start: "2026-03-03"},
	} {
		if err := f.SetSchedule(sc); err != nil {
			t.Fatal(err)
		}
	}
	if err := f.RemoveSchedule(c, "gad7"); err != nil {
		t.Fatal(err)
	}
	for code, cents := range map[string]int64{"90834": 15000, "90837": 18000, "90791": 20000} {
		if _, err := f.SetFee(code, cents); err != nil {
			t.Fatal(err)
		}
	}
	if _, err := f.SetFee("90834", 16000); err != nil {
		t.Fatal(err)
	}
	if err := f.RemoveFee("90791"); err != nil {
		t.Fatal(err)
	}

	copyDir := filepath.Join(t.TempDir(), "copy")
	if err := os.MkdirAll(copyDir, 0o700); err != nil {
		t.Fatal(err)
	}
	for _, name := range []string{"vault.json", "vault.age", "journal"} {
		b, err := os.ReadFile(filepath.Join(f.dir, name))
		if err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(filepath.Join(copyDir, name), b, 0o600); err != nil {
			t.Fatal(err)
		}
	}
	rv, err := vault.Open(copyDir, vault.FromStore(f.keys), vault.ReadOnly())
	if err != nil {
		t.Fatal(err)
	}
	defer rv.Close()
	if st, _ := rv.Status(); st.JournalRecords == 0 {
		t.Fatal("the copy has no journal to replay")
	}
	s2, err := clinical.Open(rv, clinical.WithClock(f.clock.now))
	if err != nil {
		t.Fatal(err)
	}

	type view struct {
		Measures    [2][]clinical.Measure
		Flags       [2][]clinical.RiskFlag
		Assessments []clinical.RiskAssessment
		Diagnoses   []clinical.Diagnosis
		Plans       []clinical.Plan
		Links       []clinical.GoalLink
		Schedules   []clinical.Schedule
		Fees        []clinical.Fee
		Note        *notes.Note
	}
	look := func(s *clinical.Store) view {
		t.Helper()
		var out view
		var errs []error
		keep := func(err error) { errs = append(errs, err) }
		for i, id := range []string{c, other} {
			var err error
			out.Measures[i], err = s.Measures(id, "")
			keep(err)
			out.Flags[i], err = s.RiskFlags(id)
			keep(err)
		}
		var err error
		out.Assessments, err = s.RiskAssessments(c)
		keep(err)
		out.Diagnoses, err = s.Diagnoses(c)
		keep(err)
		out.Plans, err = s.Plans(c)
		keep(err)
		out.Links, err = s.NoteGoals(n.ID)
		keep(err)
		out.Schedules, err = s.Schedules("")
		keep(err)
		out.Fees, err = s.Fees()
		keep(err)
		out.Note, err = s.Notes().GetNote(n.ID)
		keep(err)
		for _, err := range errs {
			if err != nil {
				t.Fatal(err)
			}
		}
		return out
	}
	want, got := look(f.Store), look(s2)
	if len(want.Measures[0]) != 2 || len(want.Measures[1]) != 2 || len(want.Flags[1]) != 1 || len(want.Assessments) != 1 ||
		len(want.Diagnoses) != 2 || len(want.Plans) != 2 || len(want.Links) != 1 || len(want.Schedules) != 2 || len(want.Fees) != 2 {
		t.Fatalf("the writes did not all land: %+v", want)
	}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("replayed:\n%+v\nwant\n%+v", got, want)
	}
	for _, pl := range got.Plans {
		if err := s2.VerifyPlan(pl.ID); err != nil {
			t.Errorf("VerifyPlan %s on the replayed copy: %v", pl.ID, err)
		}
	}
	if err := s2.Notes().VerifyNote(n.ID); err != nil {
		t.Errorf("VerifyNote on the replayed copy: %v", err)
	}
}
