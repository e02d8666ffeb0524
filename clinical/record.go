package clinical

import (
	"fmt"
	"strings"

	"github.com/confidenotes/confide/notes"
)

// The clinical record within a period, as releases, the chart export and
// the superbill take it. A period is two session dates, inclusive; "" is
// open at that end.

// inPeriod reports whether day falls within from..to.
func inPeriod(day, from, to string) bool {
	return (from == "" || day >= from) && (to == "" || day <= to)
}

// MeasuresBetween returns the client's measures given within the period,
// oldest first.
func (s *Store) MeasuresBetween(clientID, from, to string) ([]Measure, error) {
	all, err := s.Measures(clientID, "")
	if err != nil {
		return nil, err
	}
	out := []Measure{}
	for _, m := range all {
		if inPeriod(m.Date, from, to) {
			out = append(out, m)
		}
	}
	return out, nil
}

// DiagnosesDuring returns the client's diagnoses in effect at some time
// within the period: primary first, then by start.
func (s *Store) DiagnosesDuring(clientID, from, to string) ([]Diagnosis, error) {
	all, err := s.Diagnoses(clientID)
	if err != nil {
		return nil, err
	}
	out := []Diagnosis{}
	for _, d := range all {
		if (to == "" || d.Start <= to) && (from == "" || d.End == "" || d.End >= from) {
			out = append(out, d)
		}
	}
	return out, nil
}

// PlanInEffect is a signed plan version with the days it was the
// client's current plan: from the day it was signed to the day a later
// version was signed ("" while it is current).
type PlanInEffect struct {
	Plan
	From  string `json:"in_effect_from"`
	Until string `json:"in_effect_until,omitempty"`
}

// PlansDuring returns the client's signed plan versions that were in
// effect at some time within the period, oldest first. Drafts are not
// part of the record and are left out.
func (s *Store) PlansDuring(clientID, from, to string) ([]PlanInEffect, error) {
	ps, err := s.Plans(clientID)
	if err != nil {
		return nil, err
	}
	signed := map[string]string{}
	for _, p := range ps {
		if p.Signed() {
			signed[p.ID] = Day(p.SignedAt)
		}
	}
	out := []PlanInEffect{}
	for _, p := range ps {
		if !p.Signed() {
			continue
		}
		pe := PlanInEffect{Plan: p, From: signed[p.ID], Until: signed[p.SupersededBy]}
		if (to == "" || pe.From <= to) && (from == "" || pe.Until == "" || pe.Until >= from) {
			out = append(out, pe)
		}
	}
	return out, nil
}

// GoalProgress returns, by goal id, what the client's signed notes of the
// period recorded on each goal, by session date.
func (s *Store) GoalProgress(clientID, from, to string) (map[string][]GoalEntry, error) {
	if _, err := s.client(clientID); err != nil {
		return nil, err
	}
	links, byID, err := s.linksWithNotes("client_id = ?", clientID)
	if err != nil {
		return nil, err
	}
	out := map[string][]GoalEntry{}
	for _, l := range links {
		n, ok := byID[l.NoteID]
		if !ok || !n.Signed || n.Kind == notes.Psychotherapy || !inPeriod(n.Date, from, to) {
			continue
		}
		out[l.GoalID] = append(out[l.GoalID], GoalEntry{GoalLink: l, Date: n.Date, Signed: true})
	}
	for k := range out {
		sortEntries(out[k])
	}
	return out, nil
}

// PlanDetail says how much of a plan a document shows.
type PlanDetail string

// How much of a plan a document shows.
const (
	// PlanSummary is the problems, the goals with their target dates and
	// measure targets, and the interventions: what an insurer needs.
	PlanSummary PlanDetail = "summary"
	// PlanFull adds each goal's objectives and the progress notes recorded
	// on it.
	PlanFull PlanDetail = "full"
)

// ParsePlanDetail checks a plan detail name; "" and "none" are no plan.
func ParsePlanDetail(s string) (PlanDetail, error) {
	switch PlanDetail(strings.TrimSpace(s)) {
	case "", "none":
		return "", nil
	case PlanSummary:
		return PlanSummary, nil
	case PlanFull:
		return PlanFull, nil
	}
	return "", fmt.Errorf("%w: the plan is included as summary, full or none", ErrInvalid)
}

// PlanSections writes a plan as text, one section per problem, as a
// release prints it and redacts it like a note: the problem, each goal
// with its target date and measure target, the interventions and, in
// full, the objectives and the progress recorded on each goal (progress,
// by goal id, may be nil).
func PlanSections(p *Plan, detail PlanDetail, progress map[string][]GoalEntry) []notes.Section {
	var out []notes.Section
	for i, pr := range p.Problems {
		var b strings.Builder
		fmt.Fprintf(&b, "%s\n", pr.Text)
		for _, g := range pr.Goals {
			fmt.Fprintf(&b, "\nGoal: %s", g.Text)
			var about []string
			if g.TargetDate != "" {
				about = append(about, "target "+g.TargetDate)
			}
			if g.Measure != nil {
				about = append(about, measureTarget(g.Measure))
			}
			if len(about) > 0 {
				fmt.Fprintf(&b, " (%s)", strings.Join(about, "; "))
			}
			b.WriteString("\n")
			if detail == PlanFull {
				for _, o := range g.Objectives {
					fmt.Fprintf(&b, "- Objective: %s", o.Text)
					if o.TargetDate != "" {
						fmt.Fprintf(&b, " (target %s)", o.TargetDate)
					}
					b.WriteString("\n")
				}
			}
			if len(g.Interventions) > 0 {
				fmt.Fprintf(&b, "- Interventions: %s\n", strings.Join(g.Interventions, "; "))
			}
			if detail == PlanFull {
				for _, e := range progress[g.ID] {
					fmt.Fprintf(&b, "- %s: %s", e.Date, ProgressLabels[e.Progress])
					if e.Comment != "" {
						fmt.Fprintf(&b, ". %s", e.Comment)
					}
					b.WriteString("\n")
				}
			}
		}
		out = append(out, notes.Section{Name: fmt.Sprintf("Problem %d", i+1), Text: strings.TrimRight(b.String(), "\n")})
	}
	return out
}

// measureTarget words a goal's measure target: "PHQ-9 at or below 9".
func measureTarget(m *GoalMeasure) string {
	name := m.Instrument
	if in, err := InstrumentByID(m.Instrument); err == nil {
		name = in.Name
	}
	return fmt.Sprintf("%s at or below %d", name, m.Target)
}

// GoalLinkText words a note's progress on a goal for the note's view and
// its printed copy: "Reduce depressive symptoms: some progress (3 of 5).
// Two walks this week." The goal is read from plan, the version the link
// was recorded against; without it the goal's id stands in.
func GoalLinkText(l GoalLink, p *Plan) string {
	goal := l.GoalID
	if p != nil {
		if g, _ := p.Goal(l.GoalID); g != nil {
			goal = g.Text
		}
	}
	label := ""
	if l.Progress >= 1 && l.Progress < len(ProgressLabels) {
		label = ProgressLabels[l.Progress]
	}
	s := fmt.Sprintf("%s: %s (%d of %d).", goal, label, l.Progress, progressScaleMax)
	if l.Comment != "" {
		s += " " + l.Comment
	}
	return s
}

// NoteGoalTexts words each goal a note addressed (GoalLinkText), in order.
func (s *Store) NoteGoalTexts(noteID string) ([]string, error) {
	links, err := s.NoteGoals(noteID)
	if err != nil {
		return nil, err
	}
	plans := map[string]*Plan{}
	var out []string
	for _, l := range links {
		p, ok := plans[l.PlanID]
		if !ok {
			if p, err = s.Plan(l.PlanID); err != nil {
				return nil, err
			}
			plans[l.PlanID] = p
		}
		out = append(out, GoalLinkText(l, p))
	}
	return out, nil
}

// DiagnosisLine words a diagnosis on a note or a document: "F32.1 Major
// depressive disorder, single episode, moderate (primary)".
func DiagnosisLine(d Diagnosis) string {
	s := d.Code + " " + d.Description
	if d.Primary {
		s += " (primary)"
	}
	return s
}
