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
	"github.com/confidenotes/confide/notes/disguise"
)

// consultProfiles are the disguise profiles a consultation can use, as the
// setup offers them, in order.
var consultProfiles = []struct {
	profile disguise.Profile
	label   string
}{
	{disguise.Consultation, "Consultation: pseudonyms, shifted dates, general places"},
	{disguise.SafeHarbor, "Safe Harbor: the 18 HIPAA identifiers removed or generalised"},
	{disguise.ThirdParty, "Third parties only: other people and their details redacted"},
}

// consultPanel is the "Consultations" tab of one client: the consultation
// log, and the setup of "Prepare for consultation", whose review
// (consultReview) then takes the tab's place until the clinician is done.
type consultPanel struct {
	d        panelDeps
	clientID string
	view     *panelView

	// The setup, while on show.
	noteChoice    *widget.CheckGroup
	noteIDs       map[string]string     // note choice label -> note id
	noteKinds     map[string]notes.Kind // note id -> kind
	profile       *widget.RadioGroup
	colleague     *widget.Entry
	purpose       *widget.Entry
	identified    *widget.Check
	consentChoice *widget.Select
	consentIDs    map[string]string // consent choice label -> consent id
	withClinical  *widget.Check     // take the clinical summary too; nil when the client has none
	problem       *widget.Label
}

func (p *consultPanel) buildUI() fyne.CanvasObject {
	p.view = newPanelView()
	p.showLog()
	return p.view.box
}

// showLog shows the consultation log, newest first.
func (p *consultPanel) showLog() {
	start := &widget.Button{Text: "Prepare for consultation…", Icon: theme.DocumentCreateIcon(),
		Importance: widget.HighImportance, OnTapped: p.onSetup}
	top := container.NewHBox(panelTitle("Consultation log"), layout.NewSpacer(), start)
	list, err := p.d.notes.Consultations(p.clientID)
	if err != nil {
		p.d.showErr(err)
		p.view.show(container.NewBorder(top, nil, nil, nil, widget.NewLabel("The consultation log could not be read.")))
		return
	}
	body := container.NewVBox()
	if len(list) == 0 {
		body.Add(panelNote("No consultations prepared yet. Prepare one to take a disguised copy of notes to a colleague or supervisor."))
	} else {
		grid := container.NewGridWithColumns(6)
		for _, h := range []string{"Date", "Colleague", "Purpose", "Profile", "Notes", ""} {
			grid.Add(&widget.Label{Text: h, TextStyle: fyne.TextStyle{Bold: true}})
		}
		for _, k := range list {
			k := k
			grid.Add(widget.NewLabel(k.Created.In(p.d.now().Location()).Format("2006-01-02 15:04")))
			grid.Add(&widget.Label{Text: k.Colleague, Truncation: fyne.TextTruncateEllipsis})
			grid.Add(&widget.Label{Text: k.Purpose, Truncation: fyne.TextTruncateEllipsis})
			grid.Add(widget.NewLabel(string(k.Profile)))
			grid.Add(widget.NewLabel(consultCount(len(k.NoteIDs), "note")))
			grid.Add(container.NewHBox(&widget.Button{Text: "Open", Icon: theme.FolderOpenIcon(), OnTapped: func() { p.reopen(k) }}))
		}
		body.Add(grid)
	}
	p.view.show(container.NewBorder(container.NewVBox(top, widget.NewSeparator()), nil, nil, nil, container.NewVScroll(roomForBar(body))))
}

// reopen shows a logged consultation's review again: its notes disguised
// anew with its own pseudonyms and edits, ready to copy or save again.
func (p *consultPanel) reopen(k notes.Consultation) {
	if len(k.NoteIDs) == 0 {
		p.d.showErr(fmt.Errorf("%w: this consultation holds no note", notes.ErrNotFound))
		return
	}
	sums, err := p.d.notes.ListNotes(p.clientID)
	if err != nil {
		p.d.showErr(err)
		return
	}
	labels := map[string]string{}
	p.noteKinds = map[string]notes.Kind{}
	for _, n := range sums {
		labels[n.ID] = fmt.Sprintf("%s · %s", n.Date, n.Kind)
		p.noteKinds[n.ID] = n.Kind
	}
	r := &consultReview{p: p, k: &k, clinical: true}
	for _, id := range k.NoteIDs {
		if labels[id] == "" {
			continue // destroyed since
		}
		r.noteIDs, r.labels = append(r.noteIDs, id), append(r.labels, labels[id])
	}
	if len(r.noteIDs) == 0 || !r.prepare() {
		p.showLog()
		return
	}
	p.view.show(r.buildUI())
}

// consultCount says "1 note", "3 notes".
func consultCount(n int, what string) string {
	if n == 1 {
		return "1 " + what
	}
	return fmt.Sprintf("%d %ss", n, what)
}

// onSetup shows the setup: which notes, which profile, for whom and why.
func (p *consultPanel) onSetup() {
	sums, err := p.d.notes.ListNotes(p.clientID)
	if err != nil {
		p.d.showErr(err)
		return
	}
	p.noteIDs, p.noteKinds = map[string]string{}, map[string]notes.Kind{}
	var labels []string
	for _, n := range sums {
		label := fmt.Sprintf("%s · %s", n.Date, n.Kind)
		if !n.Signed {
			label += " · draft"
		}
		for base, i := label, 2; p.noteIDs[label] != ""; i++ {
			label = fmt.Sprintf("%s (%d)", base, i)
		}
		p.noteIDs[label], p.noteKinds[n.ID] = n.ID, n.Kind
		labels = append(labels, label)
	}
	p.noteChoice = widget.NewCheckGroup(labels, nil)
	var profiles []string
	for _, c := range consultProfiles {
		profiles = append(profiles, c.label)
	}
	p.profile = widget.NewRadioGroup(profiles, nil)
	p.profile.Required = true
	p.profile.SetSelected(profiles[0])
	p.colleague = &widget.Entry{PlaceHolder: "e.g. Dr. Reyes, peer consultation group"}
	p.purpose = &widget.Entry{PlaceHolder: "e.g. supervision, case consultation"}
	p.consentIDs = map[string]string{}
	var consents []string
	if cs, err := p.d.consent.Consents(p.clientID); err == nil {
		for _, c := range cs {
			label := fmt.Sprintf("%s, signed %s", consentTypeName(c.Type), c.Signed)
			p.consentIDs[label] = c.ID
			consents = append(consents, label)
		}
	}
	p.consentChoice = widget.NewSelect(consents, nil)
	p.consentChoice.PlaceHolder = "The consent on file"
	p.consentChoice.Disable()
	p.identified = widget.NewCheck("The client agreed to identified consultation", func(on bool) {
		if on {
			p.consentChoice.Enable()
		} else {
			p.consentChoice.ClearSelected()
			p.consentChoice.Disable()
		}
	})
	p.problem = panelProblem()
	p.withClinical = nil
	if summary, err := p.d.consent.Clinical().ConsultationText(p.clientID); err == nil && summary != "" {
		p.withClinical = &widget.Check{Text: consultClinicalChoice, Checked: true}
	}

	notesBox := fyne.CanvasObject(p.noteChoice)
	if len(labels) == 0 {
		notesBox = panelNote("This client has no notes yet.")
	}
	form := widget.NewForm(
		widget.NewFormItem("Notes", notesBox),
		widget.NewFormItem("Disguise", p.profile),
		widget.NewFormItem("Colleague", p.colleague),
		widget.NewFormItem("Purpose", p.purpose),
		widget.NewFormItem("", p.identified),
		widget.NewFormItem("Consent", p.consentChoice),
	)
	if p.withClinical != nil {
		form.Append("Also", p.withClinical)
	}
	buttons := container.NewHBox(layout.NewSpacer(),
		&widget.Button{Text: "Cancel", OnTapped: p.showLog},
		&widget.Button{Text: "Prepare", Importance: widget.HighImportance, OnTapped: p.onPrepare})
	intro := panelNote("Choose the notes to take to a colleague. Confide disguises them and shows every change beside the original, for you to check before you copy or save the result.")
	p.view.show(formScroll(container.NewVBox(panelTitle("Prepare for consultation"), intro, form, p.problem, buttons)))
}

// onPrepare checks the setup, opens the consultation and shows its review.
func (p *consultPanel) onPrepare() {
	var ids, labels []string
	chosen := map[string]bool{}
	for _, label := range p.noteChoice.Selected {
		chosen[label] = true
	}
	for _, label := range p.noteChoice.Options { // in the list's order, whatever the order of the taps
		if chosen[label] {
			ids, labels = append(ids, p.noteIDs[label]), append(labels, label)
		}
	}
	profile := disguise.Consultation
	for _, c := range consultProfiles {
		if c.label == p.profile.Selected {
			profile = c.profile
		}
	}
	var problems []string
	if len(ids) == 0 {
		problems = append(problems, "choose at least one note")
	}
	if strings.TrimSpace(p.colleague.Text) == "" {
		problems = append(problems, "name the colleague")
	}
	ref := p.consentIDs[p.consentChoice.Selected]
	if p.identified.Checked && ref == "" {
		problems = append(problems, "choose the consent on file for identified consultation")
	}
	if problems != nil {
		panelSay(p.problem, "To prepare, "+strings.Join(problems, ", ")+".")
		return
	}
	k, err := p.d.notes.StartConsultation(notes.Consultation{ClientID: p.clientID, Colleague: p.colleague.Text,
		Purpose: p.purpose.Text, Profile: profile, ConsentRef: ref})
	if err != nil {
		p.d.showErr(err)
		return
	}
	r := &consultReview{p: p, k: k, noteIDs: ids, labels: labels, clinical: p.withClinical != nil && p.withClinical.Checked}
	if !r.prepare() {
		p.showLog()
		return
	}
	p.view.show(r.buildUI())
}

// prepareFor opens a consultation of notes for colleague and shows its
// review, as the setup does (the screenshot tour uses it).
func (p *consultPanel) prepareFor(colleague, purpose string, noteIDs ...string) {
	k, err := p.d.notes.StartConsultation(notes.Consultation{ClientID: p.clientID, Colleague: colleague, Purpose: purpose, Profile: disguise.Consultation})
	if err != nil {
		p.d.showErr(err)
		return
	}
	k.NoteIDs = noteIDs
	p.reopen(*k)
}

// consentTypeName is how a consent type reads in the interface.
func consentTypeName(t consent.ConsentType) string {
	switch t {
	case consent.InformedConsent:
		return "Informed consent"
	case consent.LimitsOfConfidentiality:
		return "Limits of confidentiality explained"
	case consent.Telehealth:
		return "Telehealth"
	case consent.Recording:
		return "Recording"
	case consent.ElectronicCommunication:
		return "Electronic communication"
	case consent.GroupAgreement:
		return "Group confidentiality agreement"
	case consent.NoSecretsPolicy:
		return "No-secrets policy"
	}
	return "Other consent"
}
