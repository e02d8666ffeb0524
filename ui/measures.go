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
	p.instrument.Selected = p.latestInstrument()
	p.showSummary()
	return p.view.box
}

// latestInstrument names the instrument the client was last given, whose
// trend the tab opens on; the PHQ-9 for a client with none yet.
func (p *measuresPanel) latestInstrument() string {
	ms, err := p.clin.Measures(p.clientID, "")
	if err != nil || len(ms) == 0 {
		return "PHQ-9"
	}
	return instrumentName(ms[len(ms)-1].Instrument) // oldest first
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
	body.Add(p.scheduleRows())
	body.Add(widget.NewSeparator())
	body.Add(p.measureList())
	p.view.show(container.NewBorder(top, nil, nil, nil, container.NewVScroll(body)))
}

// scheduleRows are the client's repeat schedules, each with the way to
// stop it, and the button to set one.
func (p *measuresPanel) scheduleRows() fyne.CanvasObject {
	box := container.NewVBox()
	dues, err := p.clin.DueMeasures(p.clientID, p.d.now())
	if err != nil {
		p.d.showErr(err)
	}
	for _, d := range dues {
		text := fmt.Sprintf("Schedule: %s %s", instrumentName(d.Instrument), d.Describe())
		switch {
		case d.IsDue:
			text += ": due now"
		case d.SessionsLeft > 0:
			text += fmt.Sprintf(": due in %d %s", d.SessionsLeft, plural(d.SessionsLeft, "session"))
		}
		sc := d.Schedule
		stop := &widget.Button{Text: "Stop repeating", Importance: widget.LowImportance, OnTapped: func() { p.onStopSchedule(sc) }}
		box.Add(container.NewBorder(nil, nil, nil, stop, &widget.Label{Text: text, Wrapping: fyne.TextWrapWord}))
	}
	box.Add(container.NewHBox(&widget.Button{Text: "Repeat a measure…", Icon: theme.HistoryIcon(), OnTapped: p.onSchedule}))
	return box
}

// instrumentName is an instrument's name ("PHQ-9") from its id.
func instrumentName(id string) string {
	if in, err := clinical.InstrumentByID(id); err == nil {
		return in.Name
	}
	return id
}

// plural is word for n of them ("session", "sessions").
func plural(n int, word string) string {
	if n == 1 {
		return word
	}
	return word + "s"
}

// Units of a repeat schedule, as the dialog offers them.
const (
	everySessions = "sessions"
	everyMonths   = "months"
)

// scheduleInput is what the schedule form holds, as typed.
type scheduleInput struct {
	instrument, every, unit, start string
}

// onSchedule asks how often the instrument on show is to be repeated,
// starting from what is set for it, if anything.
func (p *measuresPanel) onSchedule() {
	in := p.selected()
	f := scheduleInput{instrument: in.Name, every: "4", unit: everySessions, start: clinical.Day(p.d.now())}
	if all, err := p.clin.Schedules(p.clientID); err == nil {
		for _, sc := range all {
			if sc.Instrument != in.ID {
				continue
			}
			f.start, f.every = sc.Start, strconv.Itoa(sc.EverySessions)
			if sc.EveryMonths > 0 {
				f.every, f.unit = strconv.Itoa(sc.EveryMonths), everyMonths
			}
		}
	}
	p.scheduleDialog(f, "")
}

// scheduleDialog is the form of a repeat schedule filled with f; problem
// says why the last one was refused, with what was typed left in place.
func (p *measuresPanel) scheduleDialog(f scheduleInput, problem string) {
	var names []string
	if all, err := clinical.Instruments(); err == nil {
		for _, in := range all {
			names = append(names, in.Name)
		}
	}
	instrument := newKeySelect(names, nil)
	instrument.Selected = f.instrument
	every := newField(f.every, "A number, such as 4")
	units := newKeySelect([]string{everySessions, everyMonths}, nil)
	units.Selected = f.unit
	start := newField(f.start, "")
	say := panelProblem()
	panelSay(say, problem)
	items := []*widget.FormItem{
		{Text: "Measure", Widget: instrument},
		{Text: "Repeat every", Widget: every},
		{Text: "Counting", Widget: units, HintText: "Sessions are intake, progress, treatment-plan and termination notes"},
		{Text: "From", Widget: start, HintText: "Year-month-day"},
		{Widget: say},
	}
	dlg := dialog.NewForm("Repeat a measure", "Set schedule", "Cancel", items, func(ok bool) {
		if !ok {
			return
		}
		typed := scheduleInput{instrument: instrument.Selected, every: every.Text, unit: units.Selected, start: start.Text}
		if problem := p.setSchedule(typed); problem != "" {
			p.scheduleDialog(typed, problem)
			return
		}
		p.instrument.Selected = typed.instrument
		p.showSummary()
	}, p.d.win)
	dlg.Resize(fyne.NewSize(520, 340))
	dlg.Show()
	p.d.win.Canvas().Focus(every)
}

// setSchedule keeps the schedule typed, or says why it cannot.
func (p *measuresPanel) setSchedule(f scheduleInput) string {
	sc := clinical.Schedule{ClientID: p.clientID, Instrument: f.instrument, Start: strings.TrimSpace(f.start)}
	if all, err := clinical.Instruments(); err == nil {
		for _, in := range all {
			if in.Name == f.instrument {
				sc.Instrument = in.ID
			}
		}
	}
	n, err := strconv.Atoi(strings.TrimSpace(f.every))
	if err != nil || n < 1 {
		return "Type how often as a whole number above 0, such as 4."
	}
	if f.unit == everyMonths {
		sc.EveryMonths = n
	} else {
		sc.EverySessions = n
	}
	if err := p.clin.SetSchedule(sc); err != nil {
		return clinicalProblem(err)
	}
	return ""
}

// onStopSchedule stops repeating a measure; a new schedule can be set at
// any time, so nothing is asked.
func (p *measuresPanel) onStopSchedule(sc clinical.Schedule) {
	if err := p.clin.RemoveSchedule(sc.ClientID, sc.Instrument); err != nil {
		p.d.showErr(err)
	}
	p.showSummary()
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
