package ui

import (
	"fmt"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/layout"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"github.com/confidenotes/confide/consent"
	"github.com/confidenotes/confide/notes"
)

// consentPanel is the "Consent & disclosures" tab of one client: what is on
// file at a glance with status badges, the forms that add each kind of
// record (consent_forms.go, consent_safety.go), the accounting of
// disclosures (consent_disclosure.go) and the printable forms
// (consent_print.go). A form takes the summary's place in
// the tab until it is saved or cancelled.
type consentPanel struct {
	d        panelDeps
	clientID string
	view     *panelView
}

func (p *consentPanel) buildUI() fyne.CanvasObject {
	p.view = newPanelView()
	p.showSummary()
	return p.view.box
}

// consentStatusImportance is how a status badge is coloured.
func consentStatusImportance(s consent.Status) widget.Importance {
	switch s {
	case consent.StatusValid:
		return widget.SuccessImportance
	case consent.StatusExpiring, consent.StatusIncomplete:
		return widget.WarningImportance
	case consent.StatusExpired, consent.StatusRevoked:
		return widget.DangerImportance
	}
	return widget.MediumImportance
}

// showSummary shows what is on file, as of the panel clock's today.
func (p *consentPanel) showSummary() {
	sum, err := p.d.consent.ClientSummary(p.clientID, p.d.now())
	if err != nil {
		p.d.showErr(err)
		p.view.show(widget.NewLabel("The consent records could not be read."))
		return
	}
	client, err := p.d.notes.GetClient(p.clientID)
	if err != nil {
		p.d.showErr(err)
		p.view.show(widget.NewLabel("The consent records could not be read."))
		return
	}
	body := container.NewVBox(
		p.section("Consents", p.consentRows(sum, client)...),
		p.section("Releases of information", p.authorizationRows(sum)...),
		p.section("Requests for access or amendment", p.requestRows(sum)...),
		p.section("Breaking confidentiality", p.safetyRows()...),
		p.section("Accounting of disclosures", p.disclosureRows(sum)...),
		p.section("Add a record", p.addButtons()),
		p.section("Printable forms", p.printButtons()),
	)
	if len(sum.Attention) > 0 {
		var rows []fyne.CanvasObject
		for _, a := range sum.Attention {
			badge := panelBadge("to do", widget.MediumImportance)
			if a.Due != "" {
				badge = panelBadge("due "+a.Due, widget.WarningImportance)
			}
			if a.Overdue {
				badge = panelBadge("overdue", widget.DangerImportance)
			}
			rows = append(rows, consentRow(badge, attentionText(a)))
		}
		body.Objects = append([]fyne.CanvasObject{p.section("Needs attention", rows...)}, body.Objects...)
	}
	p.view.show(container.NewVScroll(roomForBar(body)))
}

// section is a titled group of rows.
func (p *consentPanel) section(title string, rows ...fyne.CanvasObject) fyne.CanvasObject {
	box := container.NewVBox(&widget.Label{Text: title, TextStyle: fyne.TextStyle{Bold: true}})
	box.Objects = append(box.Objects, rows...)
	box.Add(widget.NewSeparator())
	return box
}

// consentRow is a badge, a line of text and, at the end, its actions.
func consentRow(badge fyne.CanvasObject, text string, actions ...fyne.CanvasObject) fyne.CanvasObject {
	label := &widget.Label{Text: text, Wrapping: fyne.TextWrapWord}
	var right fyne.CanvasObject
	if len(actions) > 0 {
		right = container.NewHBox(actions...)
	}
	return container.NewBorder(nil, nil, badge, right, label)
}

// consentRows are the consents on file, led by the two every client in
// treatment needs: informed consent and the limits of confidentiality,
// shown as missing when absent.
func (p *consentPanel) consentRows(sum *consent.Summary, client *notes.Client) []fyne.CanvasObject {
	var rows []fyne.CanvasObject
	has := map[consent.ConsentType]bool{}
	for _, c := range sum.Consents {
		has[c.Type] = true
		text := fmt.Sprintf("%s — signed %s", consentTypeName(c.Type), c.Signed)
		if c.SignedBy != "" {
			text += " by " + c.SignedBy
			if c.Authority != "" {
				text += " (" + c.Authority + ")"
			}
		}
		rows = append(rows, consentRow(panelBadge("on file", widget.SuccessImportance), text))
	}
	if client.Status == notes.Active {
		for _, t := range []consent.ConsentType{consent.InformedConsent, consent.LimitsOfConfidentiality} {
			if has[t] {
				continue
			}
			t := t
			rows = append(rows, consentRow(panelBadge("missing", widget.DangerImportance), consentTypeName(t),
				&widget.Button{Text: "Record…", OnTapped: func() { p.showConsentForm(t) }}))
		}
	}
	if len(rows) == 0 {
		rows = append(rows, panelNote("No consents are recorded."))
	}
	return rows
}

// authorizationRows are the releases of information with their status on
// today, what an incomplete one lacks, and their actions.
func (p *consentPanel) authorizationRows(sum *consent.Summary) []fyne.CanvasObject {
	var rows []fyne.CanvasObject
	for _, a := range sum.Authorizations {
		a := a
		recipient := a.Recipient
		if strings.TrimSpace(recipient) == "" {
			recipient = "(no recipient named)"
		}
		text := "Release to " + recipient
		if a.Purpose != "" {
			text += " — " + a.Purpose
		}
		switch {
		case a.Revoked != "":
			text += "; revoked " + a.Revoked
		case a.Expires != "":
			text += "; expires " + a.Expires
		case a.Ended != "":
			text += "; ended " + a.Ended + " (" + a.ExpiryEvent + ")"
		case a.ExpiryEvent != "":
			text += "; ends on: " + a.ExpiryEvent
		}
		if a.PsychotherapyNotes {
			text += " (psychotherapy notes)"
		}
		if len(a.Missing) > 0 {
			text += "\nMissing: " + strings.Join(a.Missing, "; ")
		} else if r := a.Recommended(); len(r) > 0 && a.Revoked == "" {
			text += "\nComplete. Recommended: " + strings.Join(r, "; ") + ", so that the records go to the right place."
		}
		actions := []fyne.CanvasObject{&widget.Button{Text: "Print", Icon: theme.DocumentPrintIcon(),
			OnTapped: func() { p.onPrintRelease(&a.Authorization) }}}
		if a.Revoked == "" && a.Ended == "" && a.Expires == "" && strings.TrimSpace(a.ExpiryEvent) != "" {
			actions = append(actions, &widget.Button{Text: "Event happened…", OnTapped: func() { p.showEndForm(&a.Authorization) }})
		}
		if a.Revoked == "" {
			actions = append(actions, &widget.Button{Text: "Revoke…", OnTapped: func() { p.showRevocationForm(a.ID) }})
		}
		rows = append(rows, consentRow(panelBadge(string(a.Status), consentStatusImportance(a.Status)), text, actions...))
	}
	if len(rows) == 0 {
		rows = append(rows, panelNote("No authorizations to release information are on file."))
	}
	return rows
}

// requestRows are the open requests with the days left to answer them.
func (p *consentPanel) requestRows(sum *consent.Summary) []fyne.CanvasObject {
	today := consent.Day(p.d.now())
	var rows []fyne.CanvasObject
	for _, r := range sum.OpenRequests {
		r := r
		left := r.DaysLeft(today)
		badge := panelBadge(fmt.Sprintf("%d days left", left), widget.MediumImportance)
		switch {
		case left < 0:
			badge = panelBadge("overdue", widget.DangerImportance)
		case left <= consent.RequestWarningDays:
			badge = panelBadge(fmt.Sprintf("%d days left", left), widget.WarningImportance)
		}
		text := fmt.Sprintf("%s request received %s, due %s", strings.ToUpper(string(r.Kind[:1]))+string(r.Kind[1:]), r.Received, r.Due)
		if r.Extended != "" {
			text += " (extended)"
		}
		var actions []fyne.CanvasObject
		if r.Extended == "" && left >= 0 {
			actions = append(actions, &widget.Button{Text: "Extend…", OnTapped: func() { p.showExtendForm(&r) }})
		}
		switch {
		case r.Kind == consent.AccessRequest:
			actions = append(actions, &widget.Button{Text: "Granted", OnTapped: func() { p.onGrant(r.ID) }})
		case r.NoteID != "":
			text += ", to amend " + p.noteLabel(r.NoteID)
			actions = append(actions, &widget.Button{Text: "Accept…", OnTapped: func() { p.showAcceptForm(&r) }})
		}
		actions = append(actions, &widget.Button{Text: "Deny…", OnTapped: func() { p.showDenyForm(&r) }})
		rows = append(rows, consentRow(badge, text, actions...))
	}
	if len(rows) == 0 {
		rows = append(rows, panelNote("No requests are open."))
	}
	return append(rows, p.deniedAmendmentRows()...)
}

// safetyRows are the records of mandated reports and warnings.
func (p *consentPanel) safetyRows() []fyne.CanvasObject {
	recs, err := p.d.consent.SafetyRecords(p.clientID)
	if err != nil {
		p.d.showErr(err)
		return nil
	}
	var rows []fyne.CanvasObject
	for _, r := range recs {
		what := "Mandated report"
		if r.Type == consent.DutyToWarn {
			what = "Duty to warn"
		}
		rows = append(rows, consentRow(panelBadge("recorded", widget.MediumImportance),
			fmt.Sprintf("%s — decided %s, disclosed to %s", what, r.Decided, r.Agency)))
	}
	if len(rows) == 0 {
		rows = append(rows, panelNote("Confidentiality has not been broken for this client."))
	}
	return rows
}

// addButtons open the forms that add a record.
func (p *consentPanel) addButtons() fyne.CanvasObject {
	return container.NewGridWithColumns(3,
		&widget.Button{Text: "Consent…", Icon: theme.ContentAddIcon(), OnTapped: func() { p.showConsentForm(consent.InformedConsent) }},
		&widget.Button{Text: "Authorization…", Icon: theme.ContentAddIcon(), OnTapped: p.showAuthorizationForm},
		&widget.Button{Text: "Revocation…", Icon: theme.ContentAddIcon(), OnTapped: func() { p.showRevocationForm("") }},
		&widget.Button{Text: "Request…", Icon: theme.ContentAddIcon(), OnTapped: p.showRequestForm},
		&widget.Button{Text: "Safety record…", Icon: theme.ContentAddIcon(), OnTapped: p.showSafetyForm},
		&widget.Button{Text: "Privacy incident…", Icon: theme.ContentAddIcon(), OnTapped: p.showIncidentForm},
		&widget.Button{Text: "Disclosure…", Icon: theme.ContentAddIcon(), OnTapped: p.showDisclosureForm},
	)
}

// printButtons save the blank forms, prefilled with the client's details.
func (p *consentPanel) printButtons() fyne.CanvasObject {
	return container.NewHBox(
		&widget.Button{Text: "Informed consent", Icon: theme.DocumentPrintIcon(), OnTapped: func() { p.onPrintForm(consent.InformedConsentForm) }},
		&widget.Button{Text: "Release of information", Icon: theme.DocumentPrintIcon(), OnTapped: func() { p.onPrintRelease(nil) }},
		&widget.Button{Text: "Revocation", Icon: theme.DocumentPrintIcon(), OnTapped: func() { p.onPrintForm(consent.RevocationForm) }},
		layout.NewSpacer(),
		&widget.Button{Text: "Edit the forms…", Icon: theme.DocumentCreateIcon(), Importance: widget.LowImportance, OnTapped: p.showTemplateEditor},
	)
}
