package demo

import (
	"fmt"
	"math"
	"math/rand"
	"time"

	"github.com/confidenotes/confide/clinical"
	"github.com/confidenotes/confide/notes"
)

// A demo client's clinical picture: the diagnosis, the measure that
// follows it, where the scores start and settle, and the plan.
type picture struct {
	code, secondary string
	instrument      string
	start, settle   int // the first score and the score the trend settles at
	problem         string
	goals           []clinical.Goal
}

var pictures = []picture{
	{code: "F32.1", secondary: "Z56.0", instrument: "phq9", start: 17, settle: 6,
		problem: "Low mood, poor sleep and withdrawal from friends since the job loss.",
		goals: []clinical.Goal{
			{ID: "mood", Text: "Reduce depressive symptoms", Measure: &clinical.GoalMeasure{Instrument: "phq9", Target: 9},
				Objectives:    []clinical.Objective{{Text: "Three planned pleasant activities a week, logged"}},
				Interventions: []string{"Behavioural activation", "Cognitive restructuring"}},
			{ID: "sleep", Text: "Regular sleep", Objectives: []clinical.Objective{{Text: "Same rising time five days a week"}},
				Interventions: []string{"Sleep hygiene and stimulus control"}},
		}},
	{code: "F41.1", instrument: "gad7", start: 15, settle: 5,
		problem: "Constant worry about work and health, with tension and poor concentration.",
		goals: []clinical.Goal{
			{ID: "worry", Text: "Worry less and with less distress", Measure: &clinical.GoalMeasure{Instrument: "gad7", Target: 7},
				Objectives:    []clinical.Objective{{Text: "Daily worry period used five days a week"}},
				Interventions: []string{"Cognitive behavioural therapy for worry", "Applied relaxation"}},
		}},
	{code: "F43.23", secondary: "Z63.0", instrument: "phq9", start: 13, settle: 5,
		problem: "Sadness and anxiety since the separation, with conflict over the children's schedule.",
		goals: []clinical.Goal{
			{ID: "adjust", Text: "Return to usual functioning at work and home", Measure: &clinical.GoalMeasure{Instrument: "phq9", Target: 5},
				Objectives: []clinical.Objective{{Text: "A written co-parenting schedule agreed"}}, Interventions: []string{"Problem-solving therapy"}},
		}},
	{code: "F43.10", instrument: "pcl5", start: 51, settle: 28,
		problem: "Intrusive memories, nightmares and avoidance of driving since the accident.",
		goals: []clinical.Goal{
			{ID: "trauma", Text: "Fewer and less distressing trauma symptoms", Measure: &clinical.GoalMeasure{Instrument: "pcl5", Target: 32},
				Objectives:    []clinical.Objective{{Text: "Drives on the highway twice a week"}},
				Interventions: []string{"Cognitive processing therapy", "In-vivo exposure"}},
		}},
	{code: "F33.1", instrument: "phq9", start: 19, settle: 8,
		problem: "A recurrence of depression over the winter, with hopelessness and fatigue.",
		goals: []clinical.Goal{
			{ID: "relapse", Text: "Remission, and a plan to prevent relapse", Measure: &clinical.GoalMeasure{Instrument: "phq9", Target: 4},
				Objectives:    []clinical.Objective{{Text: "A written relapse-prevention plan"}},
				Interventions: []string{"Cognitive therapy", "Mindfulness-based relapse prevention"}},
		}},
	{code: "F41.0", instrument: "gad7", start: 14, settle: 4,
		problem: "Panic attacks at work and avoidance of crowded places.",
		goals: []clinical.Goal{
			{ID: "panic", Text: "No more than one panic attack a month", Measure: &clinical.GoalMeasure{Instrument: "gad7", Target: 5},
				Objectives:    []clinical.Objective{{Text: "Rides the bus at rush hour once a week"}},
				Interventions: []string{"Interoceptive exposure", "Psychoeducation on panic"}},
		}},
}

// Chart gives the practice Fill made a clinical record that makes the
// charts real: a diagnosis from intake (and a Z code for some) for every
// client; for every client in treatment a year of measures (or, for a
// shorter treatment, from intake) on the instrument that follows the
// diagnosis, given every other session and at the latest one, improving
// the way treatment usually goes; and a signed treatment plan, revised
// once for a treatment longer than seven months. The open drafts link the
// goal they addressed. One client's measure is due and one plan's review
// comes within the week, so the start page shows each once. The risk item
// a first PHQ-9 endorsed is answered by a risk assessment. cl must be on
// the vault Fill filled, with clock as its clock.
func Chart(cl *clinical.Store, clock *Clock, res *Result, today time.Time) error {
	if today.IsZero() {
		return nil
	}
	ns := cl.Notes()
	due, reviewSoon := -1, -1
	for i, id := range res.ClientIDs {
		c, err := ns.GetClient(id)
		if err != nil {
			return err
		}
		pic := pictures[i%len(pictures)]
		intake, err := notes.ParseDate(c.IntakeDate)
		if err != nil {
			return fmt.Errorf("demo client %d: %w", i+1, err)
		}
		clock.Set(intake.Add(12 * time.Hour))
		if _, err := cl.AddDiagnosis(id, pic.code, c.IntakeDate, true); err != nil {
			return fmt.Errorf("demo diagnosis: %w", err)
		}
		if pic.secondary != "" && i%2 == 0 {
			if _, err := cl.AddDiagnosis(id, pic.secondary, c.IntakeDate, false); err != nil {
				return fmt.Errorf("demo diagnosis: %w", err)
			}
		}
		if c.Status != notes.Active {
			continue
		}
		sessions, err := sessionDates(ns, id)
		if err != nil {
			return err
		}
		if len(sessions) < 2 {
			continue
		}
		if due < 0 && len(sessions) > 12 {
			due = i
		}
		if err := chartMeasures(cl, clock, id, pic, sessions, today, i, i == due); err != nil {
			return err
		}
		if err := chartPlan(cl, clock, id, pic, sessions, today, reviewSoon < 0 && i != due && len(sessions) > 6); err != nil {
			return err
		}
		if reviewSoon < 0 && i != due && len(sessions) > 6 {
			reviewSoon = i
		}
		if err := linkDraftGoals(cl, id, pic); err != nil {
			return err
		}
	}
	return nil
}

// sessionDates are the dates of a client's signed sessions, oldest first.
func sessionDates(ns *notes.Store, clientID string) ([]time.Time, error) {
	sums, err := ns.ListNotes(clientID)
	if err != nil {
		return nil, err
	}
	var out []time.Time
	for i := len(sums) - 1; i >= 0; i-- {
		s := sums[i]
		if !s.Signed || !s.Kind.IsSession() {
			continue
		}
		d, err := notes.ParseDate(s.Date)
		if err != nil {
			return nil, err
		}
		if len(out) == 0 || !d.Equal(out[len(out)-1]) {
			out = append(out, d)
		}
	}
	return out, nil
}

// chartMeasures gives the client's instrument every other session of the
// last year and at the latest session (or, with stale, not at the latest
// five, so that it is due), and schedules it every four sessions.
func chartMeasures(cl *clinical.Store, clock *Clock, id string, pic picture, sessions []time.Time, today time.Time, i int, stale bool) error {
	in, err := clinical.InstrumentByID(pic.instrument)
	if err != nil {
		return err
	}
	yearAgo := today.AddDate(-1, 0, 0)
	var when []time.Time
	for k, d := range sessions {
		if d.Before(yearAgo) {
			continue
		}
		last := k == len(sessions)-1
		if stale && k >= len(sessions)-5 {
			continue
		}
		if len(when) == 0 || k%2 == 0 || last {
			when = append(when, d)
		}
	}
	r := rand.New(rand.NewSource(int64(i) + 7))
	for k, d := range when {
		// Scores fall from start towards settle over about four months,
		// with the ups and downs of real weeks.
		weeks := d.Sub(when[0]).Hours() / 24 / 7
		total := float64(pic.settle) + float64(pic.start-pic.settle)*math.Exp(-weeks/16)
		total += float64(r.Intn(5) - 2)
		items := spreadTotal(r, in, int(math.Round(total)))
		risk := pic.instrument == "phq9" && k == 0 && i%len(pictures) == 0
		if risk {
			items[8] = 1
		}
		clock.Set(d.Add(16 * time.Hour))
		m, err := cl.Give(clinical.Given{ClientID: id, Instrument: pic.instrument, Date: d.Format(notes.DateLayout), Items: items, GivenBy: Profile.SignatureName()})
		if err != nil {
			return fmt.Errorf("demo measure: %w", err)
		}
		if len(m.Flags) > 0 {
			if _, err := cl.AddRiskAssessment(clinical.RiskAssessment{ClientID: id, Date: m.Date, Level: clinical.RiskLow,
				Ideation:   "Passive wishes not to wake up on the worst days; no plan, no intent, no preparatory behaviour.",
				Protective: "Children, work, a close friend; future-oriented.", SafetyPlan: "Written safety plan reviewed; crisis line numbers given.",
				Action: "Risk reviewed at each session; PHQ-9 item 9 monitored.", By: Profile.SignatureName()}); err != nil {
				return fmt.Errorf("demo risk assessment: %w", err)
			}
		}
	}
	if len(when) == 0 {
		return nil
	}
	return cl.SetSchedule(clinical.Schedule{ClientID: id, Instrument: pic.instrument, EverySessions: 4, Start: when[0].Format(notes.DateLayout)})
}

// spreadTotal makes answers to in's items that add up to total (within
// the instrument's range), spread the way answers are.
func spreadTotal(r *rand.Rand, in *clinical.Instrument, total int) []int {
	n, hi := in.ItemCount, in.MaxTotal()/in.ItemCount
	total = max(0, min(total, in.MaxTotal()))
	items := make([]int, n)
	var order []int
	for k := range n {
		if !(in.ID == "phq9" && k == 8) { // item 9 stays 0 unless set
			order = append(order, k)
		}
	}
	for total > 0 {
		k := order[r.Intn(len(order))]
		if items[k] < hi {
			items[k]++
			total--
		}
		if total > 0 && allAt(items, order, hi) {
			break
		}
	}
	for _, k := range in.Reverse { // a reversed item is answered the other way
		items[k-1] = hi - items[k-1]
	}
	return items
}

func allAt(items, order []int, hi int) bool {
	for _, k := range order {
		if items[k] < hi {
			return false
		}
	}
	return true
}

// chartPlan signs the client's plan at the second session and, for a
// treatment longer than seven months, a second version about two months
// ago that adds an objective; the current version's review is a month or
// two away (within the week, with soon).
func chartPlan(cl *clinical.Store, clock *Clock, id string, pic picture, sessions []time.Time, today time.Time, soon bool) error {
	day := func(t time.Time) string { return t.Format(notes.DateLayout) }
	review := today.AddDate(0, 0, 30+len(sessions)%40)
	if soon {
		review = today.AddDate(0, 0, 4)
	}
	revise := sessions[0].Before(today.AddDate(0, -7, 0))
	signed := sessions[1]
	goals := make([]clinical.Goal, len(pic.goals))
	for k, g := range pic.goals {
		g.Objectives = append([]clinical.Objective(nil), g.Objectives...)
		g.TargetDate = day(signed.AddDate(0, 4, 0))
		goals[k] = g
	}
	in := clinical.PlanInput{ReviewDate: day(review), Problems: []clinical.Problem{{ID: "p1", Text: pic.problem, Goals: goals}}}
	if revise {
		in.ReviewDate = day(signed.AddDate(0, 3, 0))
	}
	clock.Set(signed.Add(17 * time.Hour))
	p, err := cl.AddPlan(id, in)
	if err == nil {
		p, err = cl.SignPlan(p.ID, "")
	}
	if err != nil || !revise {
		return wrapDemo("plan", err)
	}
	when := today.AddDate(0, -2, 0)
	for _, d := range sessions {
		if !d.Before(when) {
			when = d
			break
		}
	}
	clock.Set(when.Add(17 * time.Hour))
	v2, err := cl.RevisePlan(p.ID)
	if err != nil {
		return wrapDemo("plan", err)
	}
	in = v2.PlanInput
	in.ReviewDate = day(review)
	g := &in.Problems[0].Goals[0]
	g.TargetDate = day(when.AddDate(0, 3, 0))
	g.Objectives = append(g.Objectives, clinical.Objective{Text: "Keep the gains: a written relapse-prevention plan", TargetDate: g.TargetDate})
	if err := cl.UpdatePlan(v2.ID, in); err != nil {
		return wrapDemo("plan", err)
	}
	_, err = cl.SignPlan(v2.ID, "")
	return wrapDemo("plan", err)
}

func wrapDemo(what string, err error) error {
	if err == nil {
		return nil
	}
	return fmt.Errorf("demo %s: %w", what, err)
}

// linkDraftGoals links, in the client's unsigned progress notes, the
// plan's first goal with some progress.
func linkDraftGoals(cl *clinical.Store, id string, pic picture) error {
	sums, err := cl.Notes().ListNotes(id)
	if err != nil {
		return err
	}
	for _, s := range sums {
		if s.Signed || s.Kind != notes.Progress {
			continue
		}
		if _, err := cl.LinkGoal(s.ID, pic.goals[0].ID, clinical.ProgressSome, "Better weeks than bad ones since the last session."); err != nil {
			return fmt.Errorf("demo goal link: %w", err)
		}
	}
	return nil
}
