package clinical_test

import (
	"errors"
	"testing"
	"time"

	"github.com/confidenotes/confide/clinical"
	"github.com/confidenotes/confide/notes"
)

func TestScheduleEveryNSessions(t *testing.T) {
	f := newFixture(t)
	c := f.client(t, "Ada Byron")
	if err := f.SetSchedule(clinical.Schedule{ClientID: c, Instrument: "phq9", EverySessions: 3, Start: "2026-01-05"}); err != nil {
		t.Fatal(err)
	}
	due := func() clinical.Due {
		t.Helper()
		ds, err := f.DueMeasures(c, f.clock.now())
		if err != nil || len(ds) != 1 {
			t.Fatalf("due = %+v, %v", ds, err)
		}
		return ds[0]
	}
	if d := due(); !d.IsDue || d.Due != "2026-01-05" {
		t.Errorf("never given: %+v, want due from the start (baseline)", d)
	}
	f.give(t, c, "phq9", "2026-01-05", 1, 1, 1, 1, 1, 1, 1, 1, 0)
	f.note(t, c, notes.Progress, "2026-01-05", "same day as the measure: not after it")
	f.note(t, c, notes.Progress, "2026-01-12", "one")
	f.note(t, c, notes.Contact, "2026-01-14", "a phone call is not a session")
	f.note(t, c, notes.Progress, "2026-01-19", "two")
	if d := due(); d.IsDue || d.SessionsLeft != 1 {
		t.Errorf("after two sessions: %+v", d)
	}
	f.note(t, c, notes.Progress, "2026-01-26", "three")
	if d := due(); !d.IsDue || d.Due != "2026-01-26" {
		t.Errorf("after three sessions: %+v", d)
	}
	att, _ := f.Attention(c, f.clock.now())
	if len(att) != 1 || att[0].What != "PHQ-9 is due (every 3 sessions)" {
		t.Errorf("attention = %+v", att)
	}
	f.give(t, c, "phq9", "2026-01-26", 1, 1, 1, 1, 1, 1, 1, 1, 0)
	if d := due(); d.IsDue || d.SessionsLeft != 3 {
		t.Errorf("after giving it again: %+v", d)
	}
}

func TestScheduleMonthly(t *testing.T) {
	f := newFixture(t)
	c := f.client(t, "Ada Byron")
	if err := f.SetSchedule(clinical.Schedule{ClientID: c, Instrument: "gad7", EveryMonths: 1, Start: "2026-01-01"}); err != nil {
		t.Fatal(err)
	}
	f.give(t, c, "gad7", "2026-02-14", 1, 1, 1, 1, 1, 1, 1)
	for _, tt := range []struct {
		day     time.Time
		due     bool
		overdue bool
	}{
		{time.Date(2026, 3, 13, 12, 0, 0, 0, time.UTC), false, false},
		{time.Date(2026, 3, 14, 12, 0, 0, 0, time.UTC), true, false},
		{time.Date(2026, 3, 20, 12, 0, 0, 0, time.UTC), true, true},
	} {
		att, err := f.Attention(c, tt.day)
		if err != nil {
			t.Fatal(err)
		}
		if (len(att) == 1) != tt.due || (tt.due && (att[0].Overdue != tt.overdue || att[0].Due != "2026-03-14" || att[0].What != "GAD-7 is due (monthly)")) {
			t.Errorf("on %s: %+v", tt.day.Format("2006-01-02"), att)
		}
	}
	for _, bad := range []clinical.Schedule{
		{ClientID: c, Instrument: "gad7", Start: "2026-01-01"},
		{ClientID: c, Instrument: "gad7", EverySessions: 2, EveryMonths: 1, Start: "2026-01-01"},
		{ClientID: c, Instrument: "gad7", EveryMonths: 1},
		{ClientID: c, Instrument: "bdi2", EveryMonths: 1, Start: "2026-01-01"},
	} {
		if err := f.SetSchedule(bad); err == nil {
			t.Errorf("schedule %+v accepted", bad)
		}
	}
	if err := f.RemoveSchedule(c, "gad7"); err != nil {
		t.Fatal(err)
	}
	if att, _ := f.Attention(c, time.Date(2026, 3, 20, 0, 0, 0, 0, time.UTC)); len(att) != 0 {
		t.Errorf("after removing the schedule: %+v", att)
	}
}

func TestPlanReviewDue(t *testing.T) {
	f := newFixture(t)
	c := f.client(t, "Ada Byron")
	in := samplePlan()
	in.ReviewDate = "2026-03-25"
	p, _ := f.AddPlan(c, in)
	if att, _ := f.Attention(c, f.clock.now()); len(att) != 0 {
		t.Errorf("a draft plan's review: %+v", att)
	}
	if _, err := f.SignPlan(p.ID, "Dr. Lee"); err != nil {
		t.Fatal(err)
	}
	for _, tt := range []struct {
		day     string
		n       int
		overdue bool
	}{{"2026-03-17", 0, false}, {"2026-03-18", 1, false}, {"2026-03-25", 1, false}, {"2026-03-26", 1, true}} {
		day, _ := time.Parse("2006-01-02", tt.day)
		att, _ := f.Attention(c, day)
		if len(att) != tt.n || (tt.n == 1 && (att[0].Overdue != tt.overdue || att[0].What != "treatment plan review is due")) {
			t.Errorf("on %s: %+v", tt.day, att)
		}
	}
	if _, err := f.Trend(c, "nope"); !errors.Is(err, clinical.ErrUnknownInstrument) {
		t.Errorf("trend of an unknown instrument: %v", err)
	}
}
