package ui

import (
	"errors"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/layout"
	"fyne.io/fyne/v2/widget"

	"github.com/confidenotes/confide/consent"
)

// The forms a practice may word its own way, as the template editor names
// them. The release text serves the psychotherapy-notes release too.
var templateForms = []struct {
	label string
	form  consent.Form
}{
	{"Informed consent", consent.InformedConsentForm},
	{"Release of information", consent.ReleaseForm},
	{"Revocation", consent.RevocationForm},
}

// templateHelp explains the forms' small markup and their fields.
const templateHelp = "Lines starting \"# \" are the title, \"## \" headings, \"- \" bullets, \": Label | value\" rows " +
	"and \"[sign] Label\" signature lines; other lines are paragraphs. Fields filled in for each client: " +
	"{{.ClientName}}, {{.DOB}}, {{.Address}}, {{.Guardian}}, {{.Ref}}; on release forms also {{.Recipient}}, " +
	"{{.RecipientAddress}}, {{.Purpose}}, {{.Info}}, {{.Discloser}}, {{.Expires}}, {{.ExpiryEvent}}, {{.Signer}}. " +
	"{{if .Minor}}…{{end}} shows text only for a minor. Every printed form carries the reference of the text it was " +
	"printed from, and the records signed on it keep that reference."

// showTemplateEditor lets the practice word a printed form its own way;
// the text is kept in the vault and printed for every client from then on.
func (p *consentPanel) showTemplateEditor() {
	labels := make([]string, len(templateForms))
	for i, t := range templateForms {
		labels[i] = t.label
	}
	choice := &widget.Select{Options: labels}
	text := widget.NewMultiLineEntry()
	text.Wrapping = fyne.TextWrapWord
	text.SetMinRowsVisible(16)
	state, problem := panelNote(""), panelProblem()
	form := func() consent.Form { return templateForms[choice.SelectedIndex()].form }
	load := func() {
		src, edited, err := p.d.consent.FormTemplate(form())
		if err != nil {
			p.d.showErr(err)
			return
		}
		text.SetText(src)
		state.SetText("The text shipped with Confide.")
		if edited {
			state.SetText("Your practice's own text, printed as " + form().RefFor(src) + ".")
		}
		panelSay(problem, "")
	}
	choice.OnChanged = func(string) { load() }
	choice.SetSelectedIndex(0)
	save := func(src string) {
		if err := p.d.consent.SetFormTemplate(form(), src); err != nil {
			if errors.Is(err, consent.ErrInvalid) {
				panelSay(problem, "This text does not print, so it was not saved: "+
					strings.TrimPrefix(err.Error(), consent.ErrInvalid.Error()+": ")+". Fix it, or restore the shipped text.")
				return
			}
			p.d.showErr(err)
			return
		}
		load()
	}
	buttons := container.NewHBox(layout.NewSpacer(),
		&widget.Button{Text: "Back", OnTapped: p.showSummary},
		&widget.Button{Text: "Restore the shipped text", OnTapped: func() { save("") }},
		&widget.Button{Text: "Save", Importance: widget.HighImportance, OnTapped: func() { save(text.Text) }})
	p.view.show(container.NewBorder(
		container.NewVBox(panelTitle("The forms you print"), panelNote(templateHelp),
			widget.NewForm(widget.NewFormItem("Form", choice)), state),
		container.NewVBox(problem, buttons), nil, nil, text))
}
