package ui

import (
	"fmt"
	"strings"

	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/layout"
	"fyne.io/fyne/v2/widget"

	"github.com/confidenotes/confide/consent"
)

// consentForm is one "add a record" form in the tab: its fields, a line
// saying what the record still lacks, and Save / Cancel.
type consentForm struct {
	p       *consentPanel
	problem *widget.Label
	entries []*widget.Entry
}

// entry is a one-line field; every field re-checks the form as it changes.
func (f *consentForm) entry(placeholder, text string) *widget.Entry {
	e := &widget.Entry{PlaceHolder: placeholder, Text: text}
	f.entries = append(f.entries, e)
	return e
}

// multiLine is a longer field.
func (f *consentForm) multiLine(placeholder string) *widget.Entry {
	e := consentMultiLine(placeholder)
	f.entries = append(f.entries, e)
	return e
}

// today is a date field that starts at the panel clock's today.
func (f *consentForm) today() *widget.Entry {
	return f.entry("YYYY-MM-DD", consent.Day(f.p.d.now()))
}

// show puts the form in the tab; check, when not nil, says what is still
// missing after every change.
func (f *consentForm) show(title, intro string, items []*widget.FormItem, check func(), save func()) {
	f.problem = panelProblem()
	if check != nil {
		for _, e := range f.entries {
			e.OnChanged = func(string) { check() }
		}
		check()
	}
	buttons := container.NewHBox(layout.NewSpacer(),
		&widget.Button{Text: "Cancel", OnTapped: f.p.showSummary},
		&widget.Button{Text: "Save", Importance: widget.HighImportance, OnTapped: save})
	box := container.NewVBox(panelTitle(title))
	if intro != "" {
		box.Add(panelNote(intro))
	}
	box.Add(widget.NewForm(items...))
	box.Add(f.problem)
	box.Add(buttons)
	f.p.view.show(formScroll(box))
}

// saved reports err, or goes back to the summary, which now shows the
// record.
func (f *consentForm) saved(err error) {
	if err != nil {
		f.p.d.showErr(err)
		return
	}
	f.p.showSummary()
}

// consentDate is a date field to check: what it is, and whether it may
// be left empty.
type consentDate struct {
	what     string
	e        *widget.Entry
	required bool
}

// consentDates checks date fields and returns what is wrong with them.
func consentDates(fields ...consentDate) []string {
	var out []string
	for _, d := range fields {
		s := strings.TrimSpace(d.e.Text)
		if s == "" && !d.required {
			continue
		}
		if _, err := consent.ParseDate(s); err != nil {
			out = append(out, d.what+" as YYYY-MM-DD")
		}
	}
	return out
}

// consentMissing says what a record lacks, or nothing.
func consentMissing(prefix string, missing []string) string {
	if len(missing) == 0 {
		return ""
	}
	return prefix + strings.Join(missing, "; ") + "."
}

// showConsentForm records a signed consent, of type t to begin with.
func (p *consentPanel) showConsentForm(t consent.ConsentType) {
	f := &consentForm{p: p}
	var names []string
	for _, ct := range consent.ConsentTypes {
		names = append(names, consentTypeName(ct))
	}
	kind := widget.NewSelect(names, nil)
	kind.SetSelected(consentTypeName(t))
	signed, version := f.today(), f.entry("the document version signed (optional)", "")
	by, authority := f.entry("for a minor or representative: who signed", ""), f.entry("the basis of their authority", "")
	minor := false
	if c, err := p.d.notes.GetClient(p.clientID); err == nil {
		minor = c.Minor
	}
	intro := ""
	if minor {
		intro = "This client is a minor: record who signed and the basis of their authority."
	}
	f.show("Record a consent", intro, []*widget.FormItem{
		widget.NewFormItem("Consent to", kind), widget.NewFormItem("Signed on", signed),
		widget.NewFormItem("Version", version), widget.NewFormItem("Signed by", by), widget.NewFormItem("Authority", authority),
	}, nil, func() {
		missing := consentDates(consentDate{"the signature date", signed, true})
		if minor && strings.TrimSpace(by.Text) == "" {
			missing = append(missing, "who signed")
		}
		if minor && strings.TrimSpace(authority.Text) == "" {
			missing = append(missing, "the basis of their authority")
		}
		if missing != nil {
			panelSay(f.problem, consentMissing("To save, give ", missing))
			return
		}
		ct := consent.OtherConsent
		for _, c := range consent.ConsentTypes {
			if consentTypeName(c) == kind.Selected {
				ct = c
			}
		}
		_, err := p.d.consent.AddConsent(consent.Consent{ClientID: p.clientID, Type: ct, Signed: strings.TrimSpace(signed.Text),
			Version: version.Text, SignedBy: by.Text, Authority: authority.Text})
		f.saved(err)
	})
}

// showAuthorizationForm records an authorization to release information
// with every core element of 45 CFR 164.508(c), saying as the clinician
// types which are still missing. One saved without them is kept, as
// incomplete, and authorizes nothing.
func (p *consentPanel) showAuthorizationForm() {
	f := &consentForm{p: p}
	info := f.multiLine("What information, described specifically")
	discloser := f.entry("Who may disclose it (you or your practice)", "")
	recipient, address := f.entry("To whom", ""), f.entry("The recipient's address", "")
	purpose := f.entry(`Why ("at the request of the individual" will do)`, "")
	expires, event := f.entry("YYYY-MM-DD", ""), f.entry("or an event that ends it", "")
	signed, signer := f.today(), f.entry("Who signed", "")
	authority := f.entry("A representative's basis of authority", "")
	representative := widget.NewCheck("Signed by a personal representative", nil)
	psych := widget.NewCheck("Psychotherapy notes (a separate authorization)", nil)
	auth := func() consent.Authorization {
		return consent.Authorization{ClientID: p.clientID, Info: info.Text, Discloser: discloser.Text, Recipient: recipient.Text,
			RecipientAddress: address.Text, Purpose: purpose.Text, Expires: strings.TrimSpace(expires.Text), ExpiryEvent: event.Text,
			Signed: strings.TrimSpace(signed.Text), Signer: signer.Text, SignerAuthority: authority.Text,
			Representative: representative.Checked, PsychotherapyNotes: psych.Checked}
	}
	check := func() {
		a := auth()
		say := consentMissing("Missing (it can be saved, as incomplete, but then authorizes no release): ", a.Missing())
		if r := a.Recommended(); len(r) > 0 {
			// 45 CFR 164.508(c)(1)(iii) asks for the recipient's name, not an address.
			say = strings.TrimSpace(say + " " + consentMissing("Recommended, not required: ", r))
		}
		panelSay(f.problem, say)
	}
	representative.OnChanged = func(bool) { check() }
	f.show("Record an authorization to release information", "",
		[]*widget.FormItem{
			widget.NewFormItem("Information", info), widget.NewFormItem("Disclosed by", discloser),
			widget.NewFormItem("Recipient", recipient), widget.NewFormItem("Recipient's address", address),
			widget.NewFormItem("Purpose", purpose), widget.NewFormItem("Expires on", expires),
			widget.NewFormItem("Expiry event", event), widget.NewFormItem("Signed on", signed),
			widget.NewFormItem("Signed by", signer), widget.NewFormItem("", representative),
			widget.NewFormItem("Authority", authority), widget.NewFormItem("", psych),
		}, check, func() {
			if bad := consentDates(consentDate{"the expiry date", expires, false}, consentDate{"the signature date", signed, false}); bad != nil {
				panelSay(f.problem, consentMissing("To save, give ", bad))
				return
			}
			a := auth()
			if a.Expires != "" && a.Signed != "" && a.Expires < a.Signed {
				panelSay(f.problem, "The expiry date comes before the signature date.")
				return
			}
			_, err := p.d.consent.AddAuthorization(a)
			f.saved(err)
		})
}

// showRevocationForm records the revocation of an authorization (id, or
// one chosen from those not yet revoked) on the day it was received.
func (p *consentPanel) showRevocationForm(id string) {
	f := &consentForm{p: p}
	auths, err := p.d.consent.Authorizations(p.clientID)
	if err != nil {
		p.d.showErr(err)
		return
	}
	ids := map[string]string{}
	var labels []string
	var preselect string
	choice := widget.NewSelect(nil, nil)
	for _, a := range auths {
		if a.Revoked != "" {
			continue
		}
		label := fmt.Sprintf("Release to %s, signed %s", a.Recipient, a.Signed)
		for base, i := label, 2; ids[label] != ""; i++ {
			label = fmt.Sprintf("%s (%d)", base, i)
		}
		ids[label] = a.ID
		labels = append(labels, label)
		if a.ID == id {
			preselect = label
		}
	}
	choice.Options = labels
	if preselect != "" {
		choice.SetSelected(preselect)
	}
	choice.PlaceHolder = "The authorization revoked"
	received := f.today()
	f.show("Record a revocation", "A revocation takes effect the day it is received; disclosures made before it stay valid.",
		[]*widget.FormItem{widget.NewFormItem("Authorization", choice), widget.NewFormItem("Received on", received)}, nil, func() {
			var missing []string
			if ids[choice.Selected] == "" {
				missing = append(missing, "the authorization")
			}
			missing = append(missing, consentDates(consentDate{"the date received", received, true})...)
			if missing != nil {
				panelSay(f.problem, consentMissing("To save, give ", missing))
				return
			}
			_, err := p.d.consent.Revoke(ids[choice.Selected], strings.TrimSpace(received.Text))
			f.saved(err)
		})
}

// showExtendForm gives a request its one extension, with the written
// reason given to the client.
func (p *consentPanel) showExtendForm(r *consent.Request) {
	f := &consentForm{p: p}
	date, reason := f.today(), f.multiLine("The reason, as written to the client")
	f.show("Extend a request", fmt.Sprintf("Due %s; the one extension adds %d days.", r.Due, consent.ExtensionDays),
		[]*widget.FormItem{widget.NewFormItem("Given on", date), widget.NewFormItem("Reason", reason)}, nil, func() {
			missing := consentDates(consentDate{"the date", date, true})
			if strings.TrimSpace(reason.Text) == "" {
				missing = append(missing, "the reason")
			}
			if missing != nil {
				panelSay(f.problem, consentMissing("To save, give ", missing))
				return
			}
			_, err := p.d.consent.Extend(r.ID, strings.TrimSpace(date.Text), reason.Text)
			f.saved(err)
		})
}
