package ui

import (
	"fmt"
	"strconv"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/layout"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"github.com/confidenotes/confide/clinical"
)

// newPlanPanel is the "Plan" tab of a client: the treatment plan (the
// draft being written, or the current signed version), its versions, each
// goal's history, and the client's diagnoses with the code picker.
func newPlanPanel(d panelDeps, clin *clinical.Store, clientID string) fyne.CanvasObject {
	p := &planPanel{d: d, clin: clin, clientID: clientID}
	p.view = newPanelView()
	p.showSummary()
	return p.view.box
}

// planPanel is the Plan tab of one client.
type planPanel struct {
	d        panelDeps
	clin     *clinical.Store
	clientID string
	view     *panelView

	editor *planEditor // the draft being edited, if any
}

// showSummary shows the plan, its versions and the diagnoses.
func (p *planPanel) showSummary() {
	p.editor = nil
	plans, err := p.clin.Plans(p.clientID)
	if err != nil {
		p.d.showErr(err)
		p.view.show(panelNote("The treatment plan could not be read."))
		return
	}
	var draft, current *clinical.Plan
	for i := range plans {
		switch {
		case !plans[i].Signed():
			draft = &plans[i]
		case plans[i].SupersededBy == "":
			current = &plans[i]
		}
	}
	actions := container.NewHBox()
	body := container.NewVBox()
	switch {
	case draft != nil:
		actions.Add(&widget.Button{Text: "Edit draft…", Icon: theme.DocumentCreateIcon(), OnTapped: func() { p.showEditor(draft) }})
		actions.Add(&widget.Button{Text: "Sign plan…", Importance: widget.HighImportance, OnTapped: func() { p.onSign(draft) }})
		body.Add(panelBadge(fmt.Sprintf("draft, version %d", draft.Version), widget.WarningImportance))
		body.Add(p.planView(draft))
	case current != nil:
		actions.Add(&widget.Button{Text: "Revise plan…", Icon: theme.DocumentCreateIcon(), OnTapped: func() { p.onRevise(current) }})
		body.Add(panelBadge(fmt.Sprintf("signed, version %d", current.Version), widget.SuccessImportance))
		body.Add(p.planView(current))
	default:
		actions.Add(&widget.Button{Text: "Start a plan…", Icon: theme.ContentAddIcon(), Importance: widget.HighImportance,
			OnTapped: func() { p.showEditor(nil) }})
		body.Add(panelNote("No treatment plan yet."))
	}
	if len(plans) > 1 || (len(plans) == 1 && plans[0].Signed()) {
		body.Add(widget.NewSeparator())
		body.Add(&widget.Label{Text: "Versions", TextStyle: fyne.TextStyle{Bold: true}})
		for _, v := range plans {
			state := "draft"
			switch {
			case v.SupersededBy != "":
				state = "signed " + clinical.Day(v.SignedAt) + ", superseded"
			case v.Signed():
				state = "signed " + clinical.Day(v.SignedAt) + ", current"
			}
			if v.SignedBy != "" {
				state += ", by " + v.SignedBy
			}
			body.Add(widget.NewLabel(fmt.Sprintf("Version %d: %s; review %s", v.Version, state, v.ReviewDate)))
		}
	}
	body.Add(widget.NewSeparator())
	body.Add(newDiagnosesSection(p.d, p.clin, p.clientID))
	top := container.NewHBox(panelTitle("Treatment plan"), layout.NewSpacer(), actions)
	p.view.show(container.NewBorder(top, nil, nil, nil, container.NewVScroll(body)))
}

// planView shows a plan's problems and goals; each goal opens its history.
func (p *planPanel) planView(pl *clinical.Plan) fyne.CanvasObject {
	box := container.NewVBox(&widget.Label{Text: "Review date: " + pl.ReviewDate})
	for _, pr := range pl.Problems {
		box.Add(&widget.Label{Text: "Problem: " + pr.Text, TextStyle: fyne.TextStyle{Bold: true}, Wrapping: fyne.TextWrapWord})
		for _, g := range pr.Goals {
			g := g
			text := "Goal: " + g.Text
			if g.TargetDate != "" {
				text += " (by " + g.TargetDate + ")"
			}
			if g.Measure != nil {
				if in, err := clinical.InstrumentByID(g.Measure.Instrument); err == nil {
					text += fmt.Sprintf("; %s at or below %d", in.Name, g.Measure.Target)
				}
			}
			hist := &widget.Button{Text: "History", Importance: widget.LowImportance, OnTapped: func() { p.showHistory(g.ID) }}
			box.Add(container.NewBorder(nil, nil, nil, hist, &widget.Label{Text: text, Wrapping: fyne.TextWrapWord}))
			for _, o := range g.Objectives {
				line := "    Objective: " + o.Text
				if o.TargetDate != "" {
					line += " (by " + o.TargetDate + ")"
				}
				box.Add(&widget.Label{Text: line, Wrapping: fyne.TextWrapWord})
			}
			if len(g.Interventions) > 0 {
				box.Add(&widget.Label{Text: "    Interventions: " + strings.Join(g.Interventions, "; "), Wrapping: fyne.TextWrapWord})
			}
		}
	}
	return box
}

// showHistory shows a goal across plan versions, notes and its measure.
func (p *planPanel) showHistory(goalID string) {
	h, err := p.clin.GoalHistory(p.clientID, goalID)
	if err != nil {
		p.d.showErr(err)
		return
	}
	last := h.Versions[len(h.Versions)-1]
	body := container.NewVBox(&widget.Label{Text: last.Goal.Text, Wrapping: fyne.TextWrapWord},
		widget.NewLabel(fmt.Sprintf("In %d version(s) of the plan.", len(h.Versions))))
	if len(h.Entries) == 0 {
		body.Add(panelNote("No note has addressed this goal yet."))
	}
	for _, e := range h.Entries {
		body.Add(&widget.Label{Text: fmt.Sprintf("%s: %s. %s", e.Date, clinical.ProgressLabels[e.Progress], e.Comment), Wrapping: fyne.TextWrapWord})
	}
	if len(h.Measures) > 0 {
		in, _ := clinical.InstrumentByID(h.Measures[0].Instrument)
		if img, err := clinical.ChartImage(clinical.TrendOf(in, h.Measures), chartWidth, chartHeight); err == nil {
			c := canvasImage(img)
			body.Add(c)
		}
	}
	back := &widget.Button{Text: "Back to the plan", Icon: theme.NavigateBackIcon(), OnTapped: p.showSummary}
	p.view.show(container.NewBorder(container.NewHBox(panelTitle("Goal history"), layout.NewSpacer(), back), nil, nil, nil,
		container.NewVScroll(body)))
}

// onRevise starts the next version of the current plan as a draft.
func (p *planPanel) onRevise(cur *clinical.Plan) {
	draft, err := p.clin.RevisePlan(cur.ID)
	if err != nil {
		p.d.showErr(err)
		return
	}
	p.showEditor(draft)
}

// onSign asks, then signs the draft.
func (p *planPanel) onSign(draft *clinical.Plan) {
	by := newField("", "Your name and credentials")
	if prof, err := p.d.consent.Profile(); err == nil {
		by.Text = prof.SignatureName() // as a note is signed; it may be changed
	}
	dialog.ShowForm("Sign this plan?", "Sign plan", "Cancel",
		[]*widget.FormItem{{Text: "Signed by", Widget: by, HintText: "A signed plan is frozen; changes come as a new version."}},
		func(ok bool) {
			if !ok {
				return
			}
			if _, err := p.clin.SignPlan(draft.ID, by.Text); err != nil {
				p.d.showErr(err)
			}
			p.showSummary()
		}, p.d.win)
}

// planEditor is a draft plan being written: one block per problem, one
// sub-block per goal.
type planEditor struct {
	draft    *clinical.Plan // nil for a new plan
	review   *widget.Entry
	problems []*problemEditor
	problem  *widget.Label
}

type problemEditor struct {
	id    string
	text  *widget.Entry
	goals []*goalEditor
}

type goalEditor struct {
	id            string
	text          *widget.Entry
	target        *widget.Entry
	instrument    *widget.Select
	score         *widget.Entry
	objectives    *widget.Entry // one per line
	interventions *widget.Entry // one per line
}

const noMeasure = "(no measure)"

func multiline(text, hint string) *widget.Entry {
	e := widget.NewMultiLineEntry()
	e.SetText(text)
	e.SetPlaceHolder(hint)
	e.Wrapping = fyne.TextWrapWord
	e.SetMinRowsVisible(2)
	return e
}

func newGoalEditor(g clinical.Goal) *goalEditor {
	ge := &goalEditor{id: g.ID, text: &widget.Entry{Text: g.Text, PlaceHolder: "A measurable goal"},
		target: &widget.Entry{Text: g.TargetDate, PlaceHolder: "Target date, year-month-day"}}
	opts := []string{noMeasure}
	if all, err := clinical.Instruments(); err == nil {
		for _, in := range all {
			opts = append(opts, in.Name)
		}
	}
	ge.instrument = &widget.Select{Options: opts, Selected: noMeasure}
	ge.score = &widget.Entry{PlaceHolder: "at or below"}
	if g.Measure != nil {
		if in, err := clinical.InstrumentByID(g.Measure.Instrument); err == nil {
			ge.instrument.Selected = in.Name
			ge.score.SetText(strconv.Itoa(g.Measure.Target))
		}
	}
	var objs []string
	for _, o := range g.Objectives {
		objs = append(objs, o.Text)
	}
	ge.objectives = multiline(strings.Join(objs, "\n"), "Objectives, one per line")
	ge.interventions = multiline(strings.Join(g.Interventions, "\n"), "Interventions, one per line")
	return ge
}

// showEditor shows the editor for a draft (nil: a new plan).
func (p *planPanel) showEditor(draft *clinical.Plan) {
	ed := &planEditor{draft: draft, problem: panelProblem()}
	in := clinical.PlanInput{ReviewDate: clinical.Day(p.d.now().AddDate(0, 3, 0)), Problems: []clinical.Problem{{Goals: []clinical.Goal{{}}}}}
	if draft != nil {
		in = draft.PlanInput
	}
	ed.review = &widget.Entry{Text: in.ReviewDate}
	for _, pr := range in.Problems {
		pe := &problemEditor{id: pr.ID, text: multiline(pr.Text, "The problem, in the client's terms")}
		for _, g := range pr.Goals {
			pe.goals = append(pe.goals, newGoalEditor(g))
		}
		ed.problems = append(ed.problems, pe)
	}
	p.editor = ed
	p.renderEditor()
}

func (p *planPanel) renderEditor() {
	ed := p.editor
	body := container.NewVBox(widget.NewForm(&widget.FormItem{Text: "Review date", Widget: ed.review, HintText: "Year-month-day"}))
	for i, pe := range ed.problems {
		pe := pe
		body.Add(widget.NewSeparator())
		body.Add(&widget.Label{Text: fmt.Sprintf("Problem %d", i+1), TextStyle: fyne.TextStyle{Bold: true}})
		body.Add(pe.text)
		for j, ge := range pe.goals {
			body.Add(widget.NewForm(
				&widget.FormItem{Text: fmt.Sprintf("Goal %d", j+1), Widget: ge.text},
				&widget.FormItem{Text: "Target date", Widget: ge.target},
				&widget.FormItem{Text: "Measured by", Widget: container.NewGridWithColumns(2, ge.instrument, ge.score)},
				&widget.FormItem{Text: "Objectives", Widget: ge.objectives},
				&widget.FormItem{Text: "Interventions", Widget: ge.interventions},
			))
		}
		body.Add(&widget.Button{Text: "Add a goal", Icon: theme.ContentAddIcon(), Importance: widget.LowImportance, OnTapped: func() {
			pe.goals = append(pe.goals, newGoalEditor(clinical.Goal{}))
			p.renderEditor()
		}})
	}
	body.Add(&widget.Button{Text: "Add a problem", Icon: theme.ContentAddIcon(), Importance: widget.LowImportance, OnTapped: func() {
		ed.problems = append(ed.problems, &problemEditor{text: multiline("", "The problem"), goals: []*goalEditor{newGoalEditor(clinical.Goal{})}})
		p.renderEditor()
	}})
	body.Add(ed.problem)
	save := &widget.Button{Text: "Save draft", Importance: widget.HighImportance, OnTapped: p.onSaveDraft}
	buttons := container.NewHBox(layout.NewSpacer(), &widget.Button{Text: "Cancel", OnTapped: p.showSummary}, save)
	title := "New treatment plan"
	if ed.draft != nil {
		title = fmt.Sprintf("Treatment plan, draft version %d", ed.draft.Version)
	}
	p.view.show(container.NewBorder(panelTitle(title), buttons, nil, nil, container.NewVScroll(body)))
}

// input reads the editor into a plan's content.
func (ed *planEditor) input() (clinical.PlanInput, error) {
	in := clinical.PlanInput{ReviewDate: strings.TrimSpace(ed.review.Text)}
	if ed.draft != nil {
		in.Supersedes = ed.draft.Supersedes
	}
	for _, pe := range ed.problems {
		pr := clinical.Problem{ID: pe.id, Text: strings.TrimSpace(pe.text.Text)}
		for _, ge := range pe.goals {
			g := clinical.Goal{ID: ge.id, Text: strings.TrimSpace(ge.text.Text), TargetDate: strings.TrimSpace(ge.target.Text)}
			if ge.instrument.Selected != noMeasure {
				n, err := strconv.Atoi(strings.TrimSpace(ge.score.Text))
				if err != nil {
					return in, fmt.Errorf("give the %s target of goal %q as a whole number", ge.instrument.Selected, g.Text)
				}
				all, _ := clinical.Instruments()
				for _, instr := range all {
					if instr.Name == ge.instrument.Selected {
						g.Measure = &clinical.GoalMeasure{Instrument: instr.ID, Target: n}
					}
				}
			}
			for _, line := range strings.Split(ge.objectives.Text, "\n") {
				if strings.TrimSpace(line) != "" {
					g.Objectives = append(g.Objectives, clinical.Objective{Text: strings.TrimSpace(line)})
				}
			}
			for _, line := range strings.Split(ge.interventions.Text, "\n") {
				if strings.TrimSpace(line) != "" {
					g.Interventions = append(g.Interventions, strings.TrimSpace(line))
				}
			}
			pr.Goals = append(pr.Goals, g)
		}
		in.Problems = append(in.Problems, pr)
	}
	return in, nil
}

// onSaveDraft saves the editor as the draft (a new one the first time).
func (p *planPanel) onSaveDraft() {
	ed := p.editor
	in, err := ed.input()
	if err != nil {
		panelSay(ed.problem, err.Error()+".")
		return
	}
	if ed.draft == nil {
		_, err = p.clin.AddPlan(p.clientID, in)
	} else {
		err = p.clin.UpdatePlan(ed.draft.ID, in)
	}
	if err != nil {
		panelSay(ed.problem, clinicalProblem(err))
		return
	}
	p.showSummary()
}
