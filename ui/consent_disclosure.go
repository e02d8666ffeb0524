package ui

import (
	"fmt"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"github.com/confidenotes/confide/consent"
)

// disclosureRows list the client's disclosures, each marked as in the
// accounting or exempt from it, and offer the accounting as a PDF.
func (p *consentPanel) disclosureRows(sum *consent.Summary) []fyne.CanvasObject {
	text := fmt.Sprintf("%s recorded; %d in the accounting of the past %d years.",
		consultCount(sum.Disclosures, "disclosure"), sum.Accountable, consent.AccountingYears)
	// A release or an export is entered here, so the list is read again
	// once one is done.
	rows := []fyne.CanvasObject{container.NewBorder(nil, nil, nil, container.NewHBox(
		&widget.Button{Text: "Release records…", Icon: theme.MailSendIcon(), OnTapped: func() { showReleaseWizard(p.d, p.clientID, p.showSummary) }},
		&widget.Button{Text: "Print or export…", Icon: theme.DocumentPrintIcon(), OnTapped: func() { showExportDialog(p.d, p.clientID, p.showSummary) }},
		&widget.Button{Text: "Accounting (PDF)…", Icon: theme.DocumentSaveIcon(), OnTapped: p.onAccounting},
	), &widget.Label{Text: text, Wrapping: fyne.TextWrapWord})}
	all, err := p.d.consent.Disclosures(p.clientID)
	if err != nil {
		p.d.showErr(err)
		return rows
	}
	for _, d := range all {
		badge := panelBadge("exempt", widget.MediumImportance)
		if d.Accountable {
			badge = panelBadge("accountable", widget.HighImportance)
		}
		line := fmt.Sprintf("%s — to %s: %s (%s)", d.Date, d.Recipient, d.Description, d.Request)
		if d.Corrects != "" {
			line += ", a correction"
		}
		rows = append(rows, consentRow(badge, line))
	}
	return rows
}

// showDisclosureForm enters a disclosure made outside Confide's release
// flow in the client's accounting. Whether it is accountable follows from
// its type; one made under an authorization must be allowed by it.
func (p *consentPanel) showDisclosureForm() {
	f := &consentForm{p: p}
	types := map[string]consent.RequestType{}
	var typeNames []string
	for _, rt := range consent.RequestTypes {
		name := fmt.Sprintf("%s — %s", rt.Type, rt.Basis)
		types[name] = rt.Type
		typeNames = append(typeNames, name)
	}
	kind := widget.NewSelect(typeNames, nil)
	kind.SetSelected(typeNames[0])
	auths, err := p.d.consent.Authorizations(p.clientID)
	if err != nil {
		p.d.showErr(err)
		return
	}
	authIDs := map[string]*consent.Authorization{}
	var authNames []string
	for i, a := range auths {
		name := fmt.Sprintf("Release to %s, signed %s", a.Recipient, a.Signed)
		for base, n := name, 2; authIDs[name] != nil; n++ {
			name = fmt.Sprintf("%s (%d)", base, n)
		}
		authIDs[name] = &auths[i]
		authNames = append(authNames, name)
	}
	auth := widget.NewSelect(authNames, nil)
	auth.PlaceHolder = "Under an authorization (optional)"
	date, recipient, address := f.today(), f.entry("To whom", ""), f.entry("Their address (optional)", "")
	what, purpose := f.multiLine("What was released"), f.entry("Why (or leave it to the authorization)", "")
	madeBy := f.entry("Who made it", "")
	psych := widget.NewCheck("Psychotherapy notes were released", nil)
	f.show("Record a disclosure", "Disclosures made through a records release are entered by the release itself.",
		[]*widget.FormItem{
			widget.NewFormItem("Type", kind), widget.NewFormItem("Authorization", auth), widget.NewFormItem("Disclosed on", date),
			widget.NewFormItem("Recipient", recipient), widget.NewFormItem("Recipient's address", address),
			widget.NewFormItem("What was released", what), widget.NewFormItem("Purpose", purpose),
			widget.NewFormItem("Made by", madeBy), widget.NewFormItem("", psych),
		}, nil, func() {
			d := consent.Disclosure{ClientID: p.clientID, Date: strings.TrimSpace(date.Text), Recipient: recipient.Text,
				RecipientAddress: address.Text, Description: what.Text, Purpose: purpose.Text, Request: types[kind.Selected],
				MadeBy: madeBy.Text, PsychotherapyNotes: psych.Checked}
			a := authIDs[auth.Selected]
			if a != nil {
				d.Authorization = a.ID
			}
			missing := consentDates(consentDate{"the disclosure date", date, true})
			for _, r := range []struct{ v, what string }{{d.Recipient, "the recipient"}, {d.Description, "what was released"}, {d.MadeBy, "who made it"}} {
				if strings.TrimSpace(r.v) == "" {
					missing = append(missing, r.what)
				}
			}
			if strings.TrimSpace(d.Purpose) == "" && a == nil {
				missing = append(missing, "the purpose (or the authorization)")
			}
			if d.Request == consent.ByAuthorization && a == nil {
				missing = append(missing, "the authorization it was made under")
			}
			if missing != nil {
				panelSay(f.problem, consentMissing("To save, give ", missing))
				return
			}
			if a != nil {
				day, _ := consent.ParseDate(d.Date)
				if a.ValidFor(d.Recipient, consent.Scope{Records: !d.PsychotherapyNotes, PsychotherapyNotes: d.PsychotherapyNotes}, day) != nil {
					panelSay(f.problem, "That authorization does not allow this disclosure: check its recipient, its dates, its status and whether it covers psychotherapy notes.")
					return
				}
			}
			_, err := p.d.consent.RecordDisclosure(d)
			f.saved(err)
		})
}
