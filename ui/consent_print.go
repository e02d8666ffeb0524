package ui

import (
	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/widget"

	"github.com/confidenotes/confide/consent"
)

// onPrintForm saves a form for the client to sign, prefilled with the
// client's details, where the clinician chooses.
func (p *consentPanel) onPrintForm(f consent.Form) {
	c, err := p.d.notes.GetClient(p.clientID)
	if err != nil {
		p.d.showErr(err)
		return
	}
	doc, err := p.d.consent.RenderForm(f, consent.NewFormData(c, nil))
	if err != nil {
		p.d.showErr(err)
		return
	}
	panelSaveFile(p.d, f.Name+".pdf", panelWritePDF(doc))
}

// onPrintRelease saves the release form, prefilled with the client's
// details and, when a is not nil, the authorization's; a
// psychotherapy-notes authorization prints on its own form.
func (p *consentPanel) onPrintRelease(a *consent.Authorization) {
	c, err := p.d.notes.GetClient(p.clientID)
	if err != nil {
		p.d.showErr(err)
		return
	}
	f := consent.ReleaseForm
	if a != nil && a.PsychotherapyNotes {
		f = consent.PsychotherapyReleaseForm
	}
	doc, err := p.d.consent.RenderForm(f, consent.NewFormData(c, a))
	if err != nil {
		p.d.showErr(err)
		return
	}
	panelSaveFile(p.d, f.Name+".pdf", panelWritePDF(doc))
}

// onAccounting saves the client's accounting of disclosures of the past
// six years as a PDF. AccountingDoc refuses an accounting that was altered
// behind the event log's back, and that refusal is shown.
func (p *consentPanel) onAccounting() {
	doc, err := p.d.consent.AccountingDoc(p.clientID, p.d.now())
	if err != nil {
		p.d.showErr(err)
		return
	}
	panelSaveFile(p.d, "accounting-of-disclosures.pdf", panelWritePDF(doc))
}

// onGrant closes an access request as granted today.
func (p *consentPanel) onGrant(id string) {
	if _, err := p.d.consent.Grant(id, consent.Day(p.d.now())); err != nil {
		p.d.showErr(err)
		return
	}
	p.showSummary()
}

// consentMultiLine is a three-line entry for a longer answer.
func consentMultiLine(placeholder string) *widget.Entry {
	e := widget.NewMultiLineEntry()
	e.PlaceHolder = placeholder
	e.Wrapping = fyne.TextWrapWord
	e.SetMinRowsVisible(3)
	return e
}
