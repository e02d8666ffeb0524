package ui

import (
	"fmt"
	"strconv"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/layout"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"github.com/confidenotes/confide/clinical"
)

// Chart size in the Measures tab, in pixels of the drawn image.
const (
	chartWidth  = 720
	chartHeight = 360
)

// newMeasuresPanel is the "Measures" tab of a client: the trend chart of
// one instrument, the measures given, open risk flags with the prompt to
// document a risk assessment, and the forms to give a measure and record
// the assessment.
func newMeasuresPanel(d panelDeps, clin *clinical.Store, clientID string) fyne.CanvasObject {
	p := &measuresPanel{d: d, clin: clin, clientID: clientID}
	return p.buildUI()
}

// measuresPanel is the Measures tab of one client.
type measuresPanel struct {
	d        panelDeps
	clin     *clinical.Store
	clientID string
	view     *panelView

	instrument *widget.Select // the instrument charted
	chart      *canvas.Image  // the trend, nil when there are no scores

	// The form being filled, if any.
	form *measureForm
}

func (p *measuresPanel) buildUI() fyne.CanvasObject {
	p.view = newPanelView()
	names := []string{}
	if all, err := clinical.Instruments(); err == nil {
		for _, in := range all {
			names = append(names, in.Name)
		}
	}
	p.instrument = &widget.Select{Options: names, OnChanged: func(string) { p.showSummary() }}
	p.instrument.Selected = "PHQ-9"
	p.showSummary()
	return p.view.box
}

// selected is the instrument charted.
func (p *measuresPanel) selected() *clinical.Instrument {
	all, _ := clinical.Instruments()
	for _, in := range all {
		if in.Name == p.instrument.Selected {
			return in
		}
	}
	return all[0]
}

// showSummary shows risk flags, the chart and the measures given.
func (p *measuresPanel) showSummary() {
	p.form = nil
	give := &widget.Button{Text: "Give a measure…", Icon: theme.ContentAddIcon(), Importance: widget.HighImportance,
		OnTapped: func() { p.showForm(p.selected()) }}
	top := container.NewHBox(panelTitle("Measures"), p.instrument, layout.NewSpacer(), give)
	body := container.NewVBox()

	flags, err := p.clin.RiskFlags(p.clientID)
	if err != nil {
		p.d.showErr(err)
	}
	for _, f := range flags {
		if !f.Open() {
			continue
		}
		body.Add(container.NewBorder(nil, nil, panelBadge("risk", widget.DangerImportance),
			&widget.Button{Text: "Record risk assessment…", Importance: widget.DangerImportance, OnTapped: p.showRiskForm},
			&widget.Label{Text: f.Raised + ": " + f.Prompt, Wrapping: fyne.TextWrapWord, Importance: widget.DangerImportance}))
	}

	in := p.selected()
	t, err := p.clin.Trend(p.clientID, in.ID)
	p.chart = nil
	switch {
	case err != nil:
		p.d.showErr(err)
	case len(t.Points) == 0:
		body.Add(panelNote(fmt.Sprintf("No %s scores yet. Give one with Give a measure.", in.Name)))
	default:
		img, err := clinical.ChartImage(t, chartWidth, chartHeight)
		if err != nil {
			p.d.showErr(err)
			break
		}
		p.chart = canvasImage(img)
		body.Add(p.chart)
		last := t.Points[len(t.Points)-1]
		summary := fmt.Sprintf("Latest %s: %d (%s) on %s.", in.Name, last.Total, last.Band, last.Date)
		if last.Change != "" {
			summary += " Since the first score: " + last.Change + "."
		}
		body.Add(panelNote(summary))
	}
	if dues, err := p.clin.DueMeasures(p.clientID, p.d.now()); err == nil {
		for _, d := range dues {
			text := fmt.Sprintf("%s %s", d.Instrument, d.Describe())
			if d.IsDue {
				text += ": due now"
			}
			body.Add(&widget.Label{Text: "Schedule: " + text, Importance: widget.LowImportance})
		}
	}
	body.Add(widget.NewSeparator())
	body.Add(p.measureList())
	p.view.show(container.NewBorder(top, nil, nil, nil, container.NewVScroll(body)))
}

// measureList is every measure given, newest first.
func (p *measuresPanel) measureList() fyne.CanvasObject {
	ms, err := p.clin.Measures(p.clientID, "")
	if err != nil {
		p.d.showErr(err)
		return panelNote("The measures could not be read.")
	}
	if len(ms) == 0 {
		return panelNote("No measures given yet.")
	}
	grid := container.NewGridWithColumns(5)
	for _, h := range []string{"Date", "Instrument", "Total", "Band", "Given"} {
		grid.Add(&widget.Label{Text: h, TextStyle: fyne.TextStyle{Bold: true}})
	}
	for i := len(ms) - 1; i >= 0; i-- {
		m := ms[i]
		name := m.Instrument
		if in, err := clinical.InstrumentByID(m.Instrument); err == nil {
			name = in.Name
		}
		how := "in session"
		if m.Paper {
			how = "on paper"
		}
		if m.GivenBy != "" {
			how += ", " + m.GivenBy
		}
		total := strconv.Itoa(m.Total)
		if len(m.Flags) > 0 {
			total += " (risk item)"
		}
		grid.Add(widget.NewLabel(m.Date))
		grid.Add(widget.NewLabel(name))
		grid.Add(widget.NewLabel(total))
		grid.Add(widget.NewLabel(m.Band))
		grid.Add(&widget.Label{Text: how, Truncation: fyne.TextTruncateEllipsis})
	}
	return grid
}

// measureForm is a measure being given: one choice per item, or a paper
// total with the risk item's answer.
type measureForm struct {
	in       *clinical.Instrument
	date     *widget.Entry
	by       *widget.Entry
	items    []*widget.RadioGroup
	paper    *widget.Check
	total    *widget.Entry
	risk     *widget.Select
	followUp *widget.Select
	problem  *widget.Label
	save     *widget.Button
}

// showForm shows the form for giving in.
func (p *measuresPanel) showForm(in *clinical.Instrument) {
	f := &measureForm{in: in, problem: panelProblem()}
	p.form = f
	f.date = &widget.Entry{Text: clinical.Day(p.d.now())}
	f.by = &widget.Entry{PlaceHolder: "Who gives it"}
	body := container.NewVBox(panelTitle("Give the "+in.Name), panelNote(in.Title+". "+in.Instructions))
	if in.Stem != "" {
		body.Add(panelNote(in.Stem))
	}
	for i, item := range in.Items {
		var labels []string
		for _, o := range in.ItemOptions(i + 1) {
			labels = append(labels, fmt.Sprintf("%d %s", o.Value, o.Label))
		}
		r := &widget.RadioGroup{Options: labels, Horizontal: true}
		f.items = append(f.items, r)
		body.Add(&widget.Label{Text: fmt.Sprintf("%d. %s", i+1, item.Text), Wrapping: fyne.TextWrapWord})
		body.Add(r)
	}
	if in.FollowUp != nil {
		f.followUp = &widget.Select{Options: in.FollowUp.Options, PlaceHolder: "(not asked)"}
		body.Add(&widget.Label{Text: in.FollowUp.Text, Wrapping: fyne.TextWrapWord})
		body.Add(f.followUp)
	}
	f.total = &widget.Entry{PlaceHolder: fmt.Sprintf("0-%d", in.MaxTotal())}
	f.total.Hide()
	paperBox := container.NewVBox(f.total)
	if len(in.RiskItems) > 0 {
		var opts []string
		for _, o := range in.ItemOptions(in.RiskItems[0].Item) {
			opts = append(opts, fmt.Sprintf("%d %s", o.Value, o.Label))
		}
		f.risk = &widget.Select{Options: opts, PlaceHolder: fmt.Sprintf("Item %d's answer on the form", in.RiskItems[0].Item)}
		f.risk.Hide()
		paperBox.Add(f.risk)
	}
	f.paper = &widget.Check{Text: "Given on paper: type the total", OnChanged: func(on bool) {
		for _, r := range f.items {
			if on {
				r.Disable()
			} else {
				r.Enable()
			}
		}
		show(f.total, on)
		if f.risk != nil {
			show(f.risk, on)
		}
	}}
	body.Add(widget.NewSeparator())
	body.Add(f.paper)
	body.Add(paperBox)
	body.Add(widget.NewForm(&widget.FormItem{Text: "Date", Widget: f.date, HintText: "Year-month-day"},
		&widget.FormItem{Text: "Given by", Widget: f.by}))
	body.Add(&widget.Label{Text: in.Attribution + " " + in.Licence, Wrapping: fyne.TextWrapWord, SizeName: captionSize, Importance: widget.LowImportance})
	body.Add(f.problem)
	f.save = &widget.Button{Text: "Save " + in.Name, Importance: widget.HighImportance, OnTapped: p.onSave}
	buttons := container.NewHBox(layout.NewSpacer(), &widget.Button{Text: "Cancel", OnTapped: p.showSummary}, f.save)
	p.view.show(container.NewBorder(nil, buttons, nil, nil, container.NewVScroll(body)))
}

func show(o fyne.CanvasObject, on bool) {
	if on {
		o.Show()
	} else {
		o.Hide()
	}
}

// leadingInt reads the number a choice starts with ("2 More than half...").
func leadingInt(s string) (int, bool) {
	n, err := strconv.Atoi(strings.Fields(s + " ")[0])
	return n, err == nil && s != ""
}

// onSave records the measure; a risk item above 0 brings up the prompt.
func (p *measuresPanel) onSave() {
	f := p.form
	g := clinical.Given{ClientID: p.clientID, Instrument: f.in.ID, Date: strings.TrimSpace(f.date.Text), GivenBy: f.by.Text}
	if f.followUp != nil {
		g.FollowUp = f.followUp.Selected
	}
	if f.paper.Checked {
		n, err := strconv.Atoi(strings.TrimSpace(f.total.Text))
		if err != nil {
			panelSay(f.problem, "Type the total as a whole number.")
			return
		}
		g.Total = &n
		if f.risk != nil {
			a, ok := leadingInt(f.risk.Selected)
			if !ok {
				panelSay(f.problem, fmt.Sprintf("Choose the answer to item %d (the risk item) as it is on the form.", f.in.RiskItems[0].Item))
				return
			}
			g.RiskItems = map[int]int{f.in.RiskItems[0].Item: a}
		}
	} else {
		for i, r := range f.items {
			a, ok := leadingInt(r.Selected)
			if !ok {
				panelSay(f.problem, fmt.Sprintf("Item %d has no answer yet.", i+1))
				return
			}
			g.Items = append(g.Items, a)
		}
	}
	m, err := p.clin.Give(g)
	if err != nil {
		panelSay(f.problem, clinicalProblem(err))
		return
	}
	p.instrument.Selected = f.in.Name
	p.showSummary()
	for _, flag := range m.Flags {
		p.riskPrompt(f.in.RiskPrompt(flag))
	}
}

// riskPrompt asks the clinician to document a risk assessment now.
func (p *measuresPanel) riskPrompt(text string) {
	dlg := dialog.NewCustomConfirm("Risk item endorsed", "Record risk assessment", "Later",
		container.NewVBox(&widget.Label{Text: text, Wrapping: fyne.TextWrapWord},
			&widget.Label{Text: "Until it is recorded, the client stays on the attention list.", Wrapping: fyne.TextWrapWord}),
		func(now bool) {
			if now {
				p.showRiskForm()
			}
		}, p.d.win)
	dlg.Resize(fyne.NewSize(480, 220))
	dlg.Show()
}

// clinicalProblem turns a refusal of the clinical store into a sentence
// for the form: the store's own message, which names the field and never
// holds clinical text, without the package's prefix.
func clinicalProblem(err error) string {
	msg := err.Error()
	for _, prefix := range []string{"give measure: ", "add risk assessment: ", "add diagnosis: ", "end diagnosis: ",
		"add plan: ", "sign plan: ", "link goal: ", "invalid: "} {
		msg = strings.ReplaceAll(msg, prefix, "")
	}
	if msg == "" {
		return msg
	}
	return strings.ToUpper(msg[:1]) + msg[1:] + "."
}

// showRiskForm records a risk assessment that answers the open flags.
func (p *measuresPanel) showRiskForm() {
	p.form = nil
	date := &widget.Entry{Text: clinical.Day(p.d.now())}
	level := &widget.RadioGroup{Options: clinical.RiskLevels, Horizontal: true, Required: true}
	multi := func(hint string) *widget.Entry {
		e := widget.NewMultiLineEntry()
		e.SetPlaceHolder(hint)
		e.Wrapping = fyne.TextWrapWord
		e.SetMinRowsVisible(2)
		return e
	}
	ideation := multi("Ideation found: passive or active, frequency, recency")
	plan := multi("Any plan, intent and access to means")
	history := multi("Past attempts and self-harm")
	protective := multi("Protective factors")
	safety := multi("The safety plan")
	action := multi("What was done")
	by := &widget.Entry{PlaceHolder: "Who assessed"}
	problem := panelProblem()
	form := widget.NewForm(
		&widget.FormItem{Text: "Date", Widget: date, HintText: "Year-month-day"},
		&widget.FormItem{Text: "Risk level", Widget: level},
		&widget.FormItem{Text: "Ideation", Widget: ideation},
		&widget.FormItem{Text: "Plan, intent, means", Widget: plan},
		&widget.FormItem{Text: "History", Widget: history},
		&widget.FormItem{Text: "Protective factors", Widget: protective},
		&widget.FormItem{Text: "Safety plan", Widget: safety},
		&widget.FormItem{Text: "Action taken", Widget: action},
		&widget.FormItem{Text: "Assessed by", Widget: by},
	)
	save := &widget.Button{Text: "Save risk assessment", Importance: widget.HighImportance, OnTapped: func() {
		_, err := p.clin.AddRiskAssessment(clinical.RiskAssessment{ClientID: p.clientID, Date: strings.TrimSpace(date.Text),
			Level: level.Selected, Ideation: ideation.Text, Plan: plan.Text, History: history.Text, Protective: protective.Text,
			SafetyPlan: safety.Text, Action: action.Text, By: by.Text})
		if err != nil {
			panelSay(problem, clinicalProblem(err))
			return
		}
		p.showSummary()
	}}
	buttons := container.NewHBox(layout.NewSpacer(), &widget.Button{Text: "Cancel", OnTapped: p.showSummary}, save)
	p.view.show(container.NewBorder(panelTitle("Risk assessment"), buttons, nil, nil,
		container.NewVScroll(container.NewVBox(panelNote("It answers every open risk flag of the client and is kept unchanged."), form, problem))))
}
