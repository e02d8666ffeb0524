package demo_test

import (
	"testing"
	"time"

	"github.com/confidenotes/confide/clinical"
	"github.com/confidenotes/confide/notes"
	"github.com/confidenotes/confide/notes/demo"
)

// The demo practice's clinical record makes the charts real: every client
// has a diagnosis; every client in treatment a signed plan and measures
// that run up to their latest session, over a year for those treated
// that long, improving; the start page gets one measure due and one plan
// review, and no open risk flag.
func TestDemoPracticeHasAClinicalRecord(t *testing.T) {
	cs, res := furnished(t, demo.Options{Clients: 12, Notes: 600, Seed: 1, Drafts: 3, Unwritten: 1, Today: today}) // confidectl demo's

	clin := cs.Clinical()
	todayS := today.Format(notes.DateLayout)
	var active, yearLong, linked int
	for _, id := range res.ClientIDs {
		c, err := cs.Notes().GetClient(id)
		if err != nil {
			t.Fatal(err)
		}
		dx, err := clin.DiagnosesOn(id, todayS)
		if err != nil || len(dx) == 0 || !dx[0].Primary {
			t.Errorf("client %s has diagnoses %+v (%v)", id, dx, err)
		}
		if c.Status != notes.Active {
			continue
		}
		active++
		cur, err := clin.CurrentPlan(id)
		if err != nil || cur == nil || cur.SignedBy != "Jane Porter, LCSW" || cur.ReviewDate < todayS {
			t.Errorf("client %s's plan: %+v (%v)", id, cur, err)
			continue
		}
		if err := clin.VerifyPlan(cur.ID); err != nil {
			t.Errorf("a demo plan does not verify: %v", err)
		}
		ms, err := clin.Measures(id, "")
		if err != nil || len(ms) < 3 {
			t.Errorf("client %s has %d measures (%v)", id, len(ms), err)
			continue
		}
		first, _ := notes.ParseDate(ms[0].Date)
		last, _ := notes.ParseDate(ms[len(ms)-1].Date)
		if last.Sub(first) > 330*24*time.Hour {
			yearLong++
		}
		if first.Before(today.AddDate(-1, 0, -1)) {
			t.Errorf("client %s has a measure from %s, more than a year ago", id, ms[0].Date)
		}
		in, _ := clinical.InstrumentByID(ms[0].Instrument)
		trend := clinical.TrendOf(in, ms)
		if end := trend.Points[len(trend.Points)-1]; end.Total >= ms[0].Total {
			t.Errorf("client %s's %s does not improve: %d to %d", id, in.Name, ms[0].Total, end.Total)
		}
		links := 0
		sums, _ := cs.Notes().ListNotes(id)
		for _, s := range sums {
			if !s.Signed {
				ls, _ := clin.NoteGoals(s.ID)
				links += len(ls)
			}
		}
		linked += links
	}
	if active < 6 || yearLong == 0 {
		t.Errorf("%d active clients, %d with a year of measures", active, yearLong)
	}
	if linked == 0 {
		t.Error("no draft links a goal")
	}
	items, err := cs.NeedsAttention("", today.Add(12*time.Hour))
	if err != nil {
		t.Fatal(err)
	}
	kinds := map[string]int{}
	for _, a := range items {
		kinds[a.Kind]++
	}
	if kinds[clinical.AttentionMeasure] != 1 || kinds[clinical.AttentionPlan] != 1 || kinds[clinical.AttentionRisk] != 0 {
		t.Errorf("the clinical record puts %v on the start page, want one measure due and one plan review", kinds)
	}
}
