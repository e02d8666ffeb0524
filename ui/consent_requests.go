package ui

import (
	"fmt"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/widget"

	"github.com/confidenotes/confide/consent"
)

// Labels of the two kinds of request in the request form.
const (
	accessLabel    = "Access (45 CFR 164.524)"
	amendmentLabel = "Amendment (45 CFR 164.526)"
)

// showRequestForm records a request for access or amendment, showing its
// deadline. An amendment names the signed note the client asks to change,
// so that accepting it can append the amendment there.
func (p *consentPanel) showRequestForm() {
	f := &consentForm{p: p}
	kinds := map[string]consent.RequestKind{accessLabel: consent.AccessRequest, amendmentLabel: consent.AmendmentRequest}
	kind := widget.NewRadioGroup([]string{accessLabel, amendmentLabel}, nil)
	kind.Required = true
	kind.SetSelected(accessLabel)
	received, what := f.today(), f.multiLine("What the client asks for")
	due := widget.NewLabel("")
	labels, ids := p.amendableNotes()
	note := &widget.Select{Options: labels, PlaceHolder: "For an amendment: the note to change"}
	if len(labels) == 0 {
		note.PlaceHolder = "No signed notes in the record yet"
		note.Disable()
	}
	check := func() {
		if _, err := consent.ParseDate(strings.TrimSpace(received.Text)); err != nil {
			due.SetText("")
			return
		}
		due.SetText(consent.DueDate(kinds[kind.Selected], strings.TrimSpace(received.Text), false))
	}
	kind.OnChanged = func(string) { check() }
	f.show("Record a request", "The deadline runs from the day the written request was received; it may be extended once.",
		[]*widget.FormItem{widget.NewFormItem("Request for", kind), widget.NewFormItem("Received on", received),
			{Text: "Note to amend", Widget: note, HintText: "Psychotherapy notes are not part of the record a client may amend"},
			widget.NewFormItem("Details", what), widget.NewFormItem("Answer by", due)}, check, func() {
			r := consent.Request{ClientID: p.clientID, Kind: kinds[kind.Selected], Received: strings.TrimSpace(received.Text), What: what.Text}
			missing := consentDates(consentDate{"the date received", received, true})
			if r.Kind == consent.AmendmentRequest {
				if note.SelectedIndex() < 0 {
					missing = append(missing, "the note the client asks to amend")
				} else {
					r.NoteID = ids[note.SelectedIndex()]
				}
			}
			if missing != nil {
				panelSay(f.problem, consentMissing("To save, give ", missing))
				return
			}
			_, err := p.d.consent.AddRequest(r)
			f.saved(err)
		})
}

// amendableNotes are the client's signed notes in the designated record
// set, newest first, as labels and ids.
func (p *consentPanel) amendableNotes() (labels, ids []string) {
	ns, err := p.d.notes.ListNotes(p.clientID)
	if err != nil {
		p.d.showErr(err)
		return nil, nil
	}
	seen := map[string]int{}
	for _, n := range ns {
		if !n.Signed || !n.InDesignatedRecordSet() {
			continue
		}
		label := strings.TrimSpace(n.Date + " " + n.Start)
		label += " · " + kindLabel(n.Kind)
		if seen[label]++; seen[label] > 1 {
			label += fmt.Sprintf(" (%d)", seen[label]) // Select options must differ
		}
		labels = append(labels, label)
		ids = append(ids, n.ID)
	}
	return labels, ids
}

// noteLabel names the note a request concerns, for its forms.
func (p *consentPanel) noteLabel(id string) string {
	n, err := p.d.notes.GetNote(id)
	if err != nil {
		return "a note no longer in the record"
	}
	return fmt.Sprintf("the %s of %s", strings.ToLower(kindLabel(n.Kind)), n.Session.Date)
}

// showAcceptForm accepts an amendment: its text is appended to the note
// as a dated addendum and the request is closed.
func (p *consentPanel) showAcceptForm(r *consent.Request) {
	f := &consentForm{p: p}
	date, text := f.today(), f.multiLine("The amendment, as it will stand in the record")
	f.show("Accept an amendment",
		"The amendment is added to "+p.noteLabel(r.NoteID)+" as a dated addendum; the note stays as it was signed. "+
			"Tell the client, and anyone they name who needs it, that the amendment was made.",
		[]*widget.FormItem{widget.NewFormItem("Accepted on", date), widget.NewFormItem("Amendment", text)}, nil, func() {
			missing := consentDates(consentDate{"the date", date, true})
			if strings.TrimSpace(text.Text) == "" {
				missing = append(missing, "the text of the amendment")
			}
			if missing != nil {
				panelSay(f.problem, consentMissing("To save, give ", missing))
				return
			}
			_, err := p.d.consent.Accept(r.ID, strings.TrimSpace(date.Text), text.Text)
			f.saved(err)
		})
}

// showDenyForm denies a request with the reason given to the client.
func (p *consentPanel) showDenyForm(r *consent.Request) {
	f := &consentForm{p: p}
	date, reason := f.today(), f.multiLine("The reason, as written to the client")
	intro := "Access may be denied only on the grounds the rule allows. Give the client the reason in writing, " +
		"with their right to have the denial reviewed and how to complain."
	if r.Kind == consent.AmendmentRequest {
		intro = "Give the client the reason in writing, with their right to file a statement of disagreement " +
			"and how to complain. A statement, and your rebuttal, can be recorded here afterwards."
	}
	f.show("Deny a request", intro,
		[]*widget.FormItem{widget.NewFormItem("Denied on", date), widget.NewFormItem("Reason", reason)}, nil, func() {
			missing := consentDates(consentDate{"the date", date, true})
			if strings.TrimSpace(reason.Text) == "" {
				missing = append(missing, "the reason")
			}
			if missing != nil {
				panelSay(f.problem, consentMissing("To save, give ", missing))
				return
			}
			_, err := p.d.consent.Deny(r.ID, strings.TrimSpace(date.Text), reason.Text)
			f.saved(err)
		})
}

// showDisagreementForm records the client's statement of disagreement with
// a denied amendment, and the practice's rebuttal if any.
func (p *consentPanel) showDisagreementForm(r *consent.Request) {
	f := &consentForm{p: p}
	statement, rebuttal := f.multiLine("The client's statement, as they wrote it"), f.multiLine("Your rebuttal, if you make one")
	f.show("Statement of disagreement",
		"It is kept with the request, linked to "+p.noteLabel(r.NoteID)+".",
		[]*widget.FormItem{widget.NewFormItem("Statement", statement), widget.NewFormItem("Rebuttal", rebuttal)}, nil, func() {
			if strings.TrimSpace(statement.Text) == "" {
				panelSay(f.problem, "To save, give the client's statement.")
				return
			}
			_, err := p.d.consent.Disagree(r.ID, statement.Text, rebuttal.Text)
			f.saved(err)
		})
}

// showEndForm records the day an authorization's expiry event happened.
func (p *consentPanel) showEndForm(a *consent.Authorization) {
	f := &consentForm{p: p}
	date := f.today()
	f.show("The expiry event happened",
		fmt.Sprintf("This authorization ends on: %s. From the day it happened it no longer permits a release; releases made before stay valid.", a.ExpiryEvent),
		[]*widget.FormItem{widget.NewFormItem("It happened on", date)}, nil, func() {
			if bad := consentDates(consentDate{"the date", date, true}); bad != nil {
				panelSay(f.problem, consentMissing("To save, give ", bad))
				return
			}
			_, err := p.d.consent.EndByEvent(a.ID, strings.TrimSpace(date.Text))
			f.saved(err)
		})
}

// deniedAmendmentRows are the client's denied amendment requests, where a
// statement of disagreement may still come or is on file.
func (p *consentPanel) deniedAmendmentRows() []fyne.CanvasObject {
	reqs, err := p.d.consent.Requests(p.clientID)
	if err != nil {
		p.d.showErr(err)
		return nil
	}
	var rows []fyne.CanvasObject
	for _, r := range reqs {
		if r.Kind != consent.AmendmentRequest || r.Outcome != consent.Denied {
			continue
		}
		r := r
		text := fmt.Sprintf("Amendment request received %s, denied %s", r.Received, r.Closed)
		var actions []fyne.CanvasObject
		if r.Disagreement == "" {
			actions = append(actions, &widget.Button{Text: "Statement of disagreement…", OnTapped: func() { p.showDisagreementForm(&r) }})
		} else {
			text += "; the client's statement of disagreement is on file"
			if strings.TrimSpace(r.Rebuttal) != "" {
				text += ", with your rebuttal"
			}
		}
		rows = append(rows, consentRow(panelBadge(consent.Denied, widget.MediumImportance), text, actions...))
	}
	return rows
}
