package ui

import (
	"strings"

	"fyne.io/fyne/v2/widget"

	"github.com/confidenotes/confide/consent"
)

// showSafetyForm records a decision to break confidentiality (a mandated
// report or a warning to protect someone), which also enters the matching
// disclosure in the accounting. It is saved only complete.
func (p *consentPanel) showSafetyForm() {
	f := &consentForm{p: p}
	types := map[string]consent.RequestType{"Mandated report": consent.MandatedReport, "Duty to warn or protect": consent.DutyToWarn}
	kind := widget.NewRadioGroup([]string{"Mandated report", "Duty to warn or protect"}, nil)
	kind.Required = true
	kind.SetSelected("Mandated report")
	decided, facts, risk := f.today(), f.multiLine("What triggered it"), f.multiLine("The risk assessment")
	consulted := f.entry("A colleague, supervisor or lawyer consulted (optional)", "")
	decision, alternatives := f.multiLine("The decision and its reasons"), f.entry("Alternatives considered (optional)", "")
	agency, contact, address := f.entry("The agency or person told", ""), f.entry("The person reached (optional)", ""), f.entry("Their address (optional)", "")
	method, when := f.entry("Phone, written report, in person…", ""), f.entry("YYYY-MM-DD HH:MM", consent.Day(p.d.now()))
	number, disclosed := f.entry("The agency's reference (optional)", ""), f.multiLine("Exactly what was disclosed")
	deadline := f.entry("A written report due by, YYYY-MM-DD (optional)", "")
	informed := widget.NewCheck("The client was informed", nil)
	how, followUp := f.entry("How, or why not", ""), f.entry("Follow-up (optional)", "")
	madeBy := f.entry("Who made it", "")
	record := func() consent.SafetyRecord {
		r := consent.SafetyRecord{ClientID: p.clientID, Type: types[kind.Selected], Decided: strings.TrimSpace(decided.Text),
			Facts: facts.Text, Risk: risk.Text, Decision: decision.Text, Alternatives: alternatives.Text, Agency: agency.Text,
			Contact: contact.Text, Address: address.Text, Method: method.Text, Time: strings.TrimSpace(when.Text),
			ReportNumber: number.Text, Disclosed: disclosed.Text, Deadline: strings.TrimSpace(deadline.Text),
			ClientInformed: informed.Checked, InformedHow: how.Text, FollowUp: followUp.Text, MadeBy: madeBy.Text}
		if strings.TrimSpace(consulted.Text) != "" {
			r.Consulted = []consent.Consultation{{Who: consulted.Text, When: r.Decided}}
		}
		return r
	}
	check := func() {
		r := record()
		panelSay(f.problem, consentMissing("Still to give: ", r.Missing()))
	}
	informed.OnChanged = func(bool) { check() }
	f.show("Record a decision to break confidentiality",
		"Recording it also enters the disclosure in the client's accounting of disclosures.",
		[]*widget.FormItem{
			widget.NewFormItem("Kind", kind), widget.NewFormItem("Decided on", decided), widget.NewFormItem("Facts", facts),
			widget.NewFormItem("Risk", risk), widget.NewFormItem("Consulted", consulted), widget.NewFormItem("Decision", decision),
			widget.NewFormItem("Alternatives", alternatives), widget.NewFormItem("Disclosed to", agency),
			widget.NewFormItem("Contact", contact), widget.NewFormItem("Address", address), widget.NewFormItem("Method", method),
			widget.NewFormItem("When", when), widget.NewFormItem("Reference", number), widget.NewFormItem("What was disclosed", disclosed),
			widget.NewFormItem("Deadline", deadline), widget.NewFormItem("", informed), widget.NewFormItem("Informed how", how),
			widget.NewFormItem("Follow-up", followUp), widget.NewFormItem("Made by", madeBy),
		}, check, func() {
			r := record()
			date := r.Time
			if len(date) > len("2006-01-02") {
				date = date[:len("2006-01-02")]
			}
			when := &widget.Entry{Text: date}
			missing := append(r.Missing(), consentDates(consentDate{"the decision date", decided, true},
				consentDate{"the time of the disclosure", when, true}, consentDate{"the deadline", deadline, false})...)
			if missing != nil {
				panelSay(f.problem, consentMissing("To save, give ", missing))
				return
			}
			_, err := p.d.consent.AddSafety(r)
			f.saved(err)
		})
}

// showIncidentForm records a privacy incident involving this client, with
// the four-factor risk assessment and the encryption safe harbour.
func (p *consentPanel) showIncidentForm() {
	f := &consentForm{p: p}
	discovered, what := f.today(), f.multiLine("What happened")
	nature := f.multiLine("The information involved: kinds of identifiers, likelihood of re-identification")
	recipient := f.entry("Who received or used it", "")
	acquired := f.entry("Whether it was actually acquired or viewed", "")
	mitigation := f.multiLine("How the risk was mitigated")
	encrypted := widget.NewCheck("The information was encrypted", nil)
	exposed := widget.NewCheck("The keys were exposed too", nil)
	corrective := f.entry("Corrective action (optional)", "")
	insurer := f.entry("The day the liability insurer was contacted, YYYY-MM-DD (optional)", "")
	required := func() []string {
		var out []string
		for _, r := range []struct {
			e    *widget.Entry
			what string
		}{{what, "what happened"}, {nature, "the nature and extent of the information"}, {recipient, "who received or used it"},
			{acquired, "whether it was acquired or viewed"}, {mitigation, "the mitigation"}} {
			if strings.TrimSpace(r.e.Text) == "" {
				out = append(out, r.what)
			}
		}
		return out
	}
	check := func() { panelSay(f.problem, consentMissing("Still to give: ", required())) }
	f.show("Record a privacy incident", "Encrypted information whose keys were not exposed needs no notification (the encryption safe harbour).",
		[]*widget.FormItem{
			widget.NewFormItem("Discovered on", discovered), widget.NewFormItem("What happened", what),
			widget.NewFormItem("Information", nature), widget.NewFormItem("Received by", recipient),
			widget.NewFormItem("Acquired or viewed", acquired), widget.NewFormItem("Mitigation", mitigation),
			widget.NewFormItem("", encrypted), widget.NewFormItem("", exposed),
			widget.NewFormItem("Corrective action", corrective), widget.NewFormItem("Insurer contacted", insurer),
		}, check, func() {
			missing := append(required(), consentDates(consentDate{"the discovery date", discovered, true},
				consentDate{"the day the insurer was contacted", insurer, false})...)
			if missing != nil {
				panelSay(f.problem, consentMissing("To save, give ", missing))
				return
			}
			_, err := p.d.consent.AddIncident(consent.Incident{Discovered: strings.TrimSpace(discovered.Text), What: what.Text,
				ClientIDs: []string{p.clientID}, Nature: nature.Text, Recipient: recipient.Text, Acquired: acquired.Text,
				Mitigation: mitigation.Text, Encrypted: encrypted.Checked, KeysExposed: exposed.Checked,
				Corrective: corrective.Text, InsurerTold: strings.TrimSpace(insurer.Text)})
			f.saved(err)
		})
}
