package ui

import (
	"slices"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/widget"

	"github.com/confidenotes/confide/clinical"
	"github.com/confidenotes/confide/consent"
	"github.com/confidenotes/confide/notes"
)

// releaseKinds are the note kinds a scope can include, with their names for
// people. Psychotherapy notes are never among them: they have their own
// option.
var releaseKinds = []struct {
	kind  notes.Kind
	label string
}{
	{notes.Intake, "Intake"},
	{notes.Progress, "Progress notes"},
	{notes.TreatmentPlan, "Treatment plans"},
	{notes.Contact, "Contact notes"},
	{notes.Termination, "Termination summary"},
	{notes.Other, "Other notes"},
}

// releaseScopeStep is step 3: what the release includes, prefilled with
// the minimum necessary for the request type.
type releaseScopeStep struct {
	w        *releaseWizard
	from, to *keyEntry
	kinds    map[notes.Kind]*keyCheck
	addenda  *keyCheck
	consents *keyCheck
	plan     *keyCheck
	psych    *keyCheck
	typ      consent.RequestType
	basis    string // the authorizations chosen when the fields were filled
	covers   string // what the authorization covers, in its own words

	// The clinical record, part by part.
	diagnoses, sessions, measures *keyCheck
	plans                         *keySelect
}

func (s *releaseScopeStep) title() string { return "What the release includes" }

func (s *releaseScopeStep) buildUI() fyne.CanvasObject {
	if basis := s.chosenKey(); s.from == nil || s.typ != s.w.who.typ || s.basis != basis {
		s.typ, s.basis = s.w.who.typ, basis
		s.fill(s.minimum())
	}
	kinds := container.NewGridWithColumns(3)
	for _, k := range releaseKinds {
		kinds.Add(s.kinds[k.kind])
	}
	f := &widget.Form{Items: []*widget.FormItem{
		{Text: "Sessions from", Widget: s.from, HintText: "YYYY-MM-DD; empty for the start of treatment"},
		{Text: "Sessions to", Widget: s.to, HintText: "YYYY-MM-DD; empty for today"},
		{Text: "Kinds of note", Widget: kinds},
		{Text: "Also", Widget: container.NewVBox(s.addenda, s.plan, s.consents)},
		{Text: "Clinical record", Widget: container.NewVBox(s.diagnoses, s.sessions, s.measures,
			container.NewBorder(nil, nil, widget.NewLabel("Treatment plan:"), nil, s.plans))},
	}}
	intro := "Prefilled with the minimum necessary for this kind of request. "
	if s.covers != "" {
		intro = "Prefilled with only what the authorization covers: “" + s.covers + "”. "
	}
	box := container.NewVBox(panelNote(intro+"Notes left out are listed, with the reason, on the next step."), f)
	box.Add(&widget.Label{Text: "Psychotherapy notes", TextStyle: fyne.TextStyle{Bold: true}})
	why, allowed := s.psychAllowed()
	box.Add(panelNote(why))
	if allowed {
		box.Add(s.psych)
	} else {
		s.psych.SetChecked(false)
	}
	return formScroll(box)
}

// chosenKey names the authorizations chosen on the basis step.
func (s *releaseScopeStep) chosenKey() string {
	var ids []string
	for _, a := range s.w.basis.auths {
		if s.w.basis.chosen[a.ID] {
			ids = append(ids, a.ID)
		}
	}
	return strings.Join(ids, ",")
}

// minimum is the scope the fields start from: under an authorization, only
// what it covers (read from its description, psychotherapy notes only
// under one that names them); otherwise the minimum necessary for the type
// of request.
func (s *releaseScopeStep) minimum() consent.ReleaseScope {
	today := consent.Day(s.w.d.now())
	sc := consent.DefaultScope(s.typ, today)
	s.covers = ""
	if s.typ != consent.ByAuthorization {
		return sc
	}
	var psych *consent.Authorization
	for i, a := range s.w.basis.auths {
		switch {
		case !s.w.basis.chosen[a.ID]:
		case a.PsychotherapyNotes:
			psych = &s.w.basis.auths[i]
		case s.covers == "":
			sc, s.covers = consent.CoveredScope(a, today), a.Info
		}
	}
	switch {
	case psych != nil && s.covers == "": // psychotherapy notes alone
		sc, s.covers = consent.CoveredScope(*psych, today), psych.Info
	case psych != nil:
		sc.PsychotherapyNotes = true
	}
	return sc
}

// fill sets the fields from sc.
func (s *releaseScopeStep) fill(sc consent.ReleaseScope) {
	s.from = newField(sc.From, "YYYY-MM-DD")
	s.to = newField(sc.To, "YYYY-MM-DD")
	s.kinds = map[notes.Kind]*keyCheck{}
	for _, k := range releaseKinds {
		s.kinds[k.kind] = keyChecked(k.label, slices.Contains(sc.Kinds, k.kind))
	}
	s.addenda = keyChecked("Addenda (later corrections of each note)", sc.Addenda)
	s.plan = keyChecked("The current treatment plan, even outside the dates", sc.TreatmentPlan)
	s.consents = keyChecked("Consents on file", sc.Consents)
	s.psych = keyChecked("Include psychotherapy notes in the dates", sc.PsychotherapyNotes)
	s.diagnoses = keyChecked("Diagnoses in effect in the dates", sc.Diagnoses)
	s.sessions = keyChecked("Sessions: dates, times and service codes", sc.Sessions)
	s.measures = keyChecked("Outcome measures, with their charts and risk assessments", sc.Measures)
	s.plans = newKeySelect([]string{releasePlanNone, releasePlanSummary, releasePlanFull}, nil)
	s.plans.Selected = releasePlanChoice[sc.Plans]
}

// The treatment plan choices of the scope step.
const (
	releasePlanNone    = "not included"
	releasePlanSummary = "a summary (problems, goals, interventions)"
	releasePlanFull    = "in full, with objectives and progress"
)

var releasePlanChoice = map[clinical.PlanDetail]string{"": releasePlanNone, clinical.PlanSummary: releasePlanSummary, clinical.PlanFull: releasePlanFull}

// psychAllowed explains whether psychotherapy notes can be part of this
// release, and reports whether to offer them.
func (s *releaseScopeStep) psychAllowed() (string, bool) {
	const what = "Psychotherapy notes (your separate process notes) are kept apart from the record and are not released by default. "
	switch s.typ {
	case consent.ToClient:
		return what + "The client's right of access does not reach them, so they are not offered here.", false
	case consent.CourtOrder:
		return what + "Include them only if the court order names psychotherapy notes.", true
	case consent.ByAuthorization, consent.Subpoena:
		for _, a := range s.w.basis.auths {
			st := a.StatusOn(consent.Day(s.w.d.now()))
			if a.PsychotherapyNotes && (st == consent.StatusValid || st == consent.StatusExpiring) {
				return what + "A psychotherapy-notes authorization is on file: choose it too on the previous step, then include them here.", true
			}
		}
		return what + "They need a separate psychotherapy-notes authorization, and none in effect is on file.", false
	}
	return what + "This kind of request never reaches them.", false
}

// scope is the scope the fields describe.
func (s *releaseScopeStep) scope() consent.ReleaseScope {
	sc := consent.ReleaseScope{From: strings.TrimSpace(s.from.Text), To: strings.TrimSpace(s.to.Text),
		Addenda: s.addenda.Checked, Consents: s.consents.Checked, TreatmentPlan: s.plan.Checked,
		PsychotherapyNotes: s.psych.Checked, Diagnoses: s.diagnoses.Checked, Sessions: s.sessions.Checked, Measures: s.measures.Checked}
	for d, label := range releasePlanChoice {
		if s.plans.Selected == label {
			sc.Plans = d
		}
	}
	for _, k := range releaseKinds {
		if s.kinds[k.kind].Checked {
			sc.Kinds = append(sc.Kinds, k.kind)
		}
	}
	return sc
}

// onNext sets the scope on the release and checks the basis again, since
// psychotherapy notes need their own.
func (s *releaseScopeStep) onNext() {
	r := s.w.rel
	if r == nil {
		s.w.say("Go back one step: the basis has not been checked.")
		return
	}
	if err := r.SetScope(s.scope()); err != nil {
		s.w.refused(err)
		return
	}
	if _, err := r.CheckBasis(); err != nil {
		s.w.refused(err)
		return
	}
	s.w.advance()
}
