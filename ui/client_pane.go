package ui

import (
	"errors"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/layout"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"github.com/confidenotes/confide/notes"
)

// Tabs of a client.
const (
	tabNotes        = "Notes"
	tabConsent      = "Consent & disclosures"
	tabConsultation = "Consultations"
	tabMeasures     = "Measures"
	tabPlan         = "Plan"
)

// clientPane is the selected client: a header with their name and
// actions, and the tabs Notes (the note list beside the open note),
// Consent & disclosures, and Consultations.
type clientPane struct {
	m      *mainScreen
	client *notes.Client

	name     *widget.Label
	details  *widget.Label
	newNote  *widget.Button
	edit     *widget.Button
	tabs     *container.AppTabs
	list     *notesList
	noteArea *fyne.Container
	body     *fyne.Container // the tabs, or the client form

	editor *editor     // the open draft, if any
	view   *noteView   // the open signed note, if any
	form   *clientForm // the details being edited, if any
}

func (p *clientPane) buildUI() fyne.CanvasObject {
	p.name = &widget.Label{TextStyle: fyne.TextStyle{Bold: true}, SizeName: theme.SizeNameSubHeadingText, Truncation: fyne.TextTruncateEllipsis}
	p.details = &widget.Label{SizeName: captionSize, Importance: widget.LowImportance}
	p.newNote = &widget.Button{Text: "New note", Icon: theme.DocumentCreateIcon(), Importance: widget.HighImportance, OnTapped: p.onNewNote}
	p.edit = &widget.Button{Text: "Details", Icon: theme.AccountIcon(), OnTapped: p.onEdit}
	p.refreshNames()

	p.list = &notesList{p: p}
	p.noteArea = container.NewStack(p.emptyNote())
	split := container.NewHSplit(p.list.buildUI(), p.noteArea)
	split.Offset = 0.33
	d := p.m.deps()
	p.tabs = container.NewAppTabs(
		container.NewTabItemWithIcon(tabNotes, theme.DocumentIcon(), split),
		container.NewTabItemWithIcon(tabConsent, theme.ConfirmIcon(), newConsentPanel(d, p.client.ID)),
		container.NewTabItemWithIcon(tabConsultation, theme.MailForwardIcon(), newConsultPanel(d, p.client.ID)),
		container.NewTabItemWithIcon(tabMeasures, theme.InfoIcon(), newMeasuresPanel(d, p.m.consent.Clinical(), p.client.ID)),
		container.NewTabItemWithIcon(tabPlan, theme.ListIcon(), newPlanPanel(d, p.m.consent.Clinical(), p.client.ID)),
	)
	p.tabs.OnSelected = func(*container.TabItem) { p.m.c.idle.touch() }
	header := container.NewBorder(nil, nil, nil, container.NewHBox(p.edit, p.newNote),
		container.NewVBox(p.name, p.details))
	p.body = container.NewStack(p.tabs)
	return container.NewBorder(container.NewVBox(header, widget.NewSeparator()), nil, nil, nil, p.body)
}

// refreshNames shows the client's name, or initials in privacy mode; the
// details form is taken off the screen while privacy mode is on.
func (p *clientPane) refreshNames() {
	c := p.client
	p.name.SetText(p.m.displayName(c))
	var facts []string
	if c.Pronouns != "" && !p.m.c.privacy {
		facts = append(facts, c.Pronouns)
	}
	if c.Status == notes.Closed {
		facts = append(facts, "Closed")
	}
	if c.Minor {
		facts = append(facts, "Minor")
	}
	if c.LegalHold {
		facts = append(facts, "Legal hold")
	}
	if c.LastContact != "" {
		facts = append(facts, "Last contact "+c.LastContact)
	}
	p.details.SetText(strings.Join(facts, " · "))
	if p.body != nil && p.form != nil {
		p.showForm()
	}
	if p.view != nil {
		p.view.refresh()
	}
}

// shown is note text as the screen shows it: in privacy mode, every name
// the client's record knows is masked to initials.
func (p *clientPane) shown(text string) string {
	if !p.m.c.privacy {
		return text
	}
	return maskPeople(text, p.client.Identifiers())
}

func (p *clientPane) emptyNote() fyne.CanvasObject {
	return container.NewCenter(container.NewVBox(
		&widget.Label{Text: "Choose a note on the left,", Alignment: fyne.TextAlignCenter, Importance: widget.LowImportance},
		&widget.Label{Text: "or start a new one with New note (" + shortcutText(newNoteShortcut) + ").", Alignment: fyne.TextAlignCenter, Importance: widget.LowImportance},
	))
}

// openNote shows a note: a draft in the editor, a signed note read-only.
func (p *clientPane) openNote(id string) {
	p.m.c.idle.touch()
	if (p.editor != nil && p.editor.note.ID == id) || (p.view != nil && p.view.note.ID == id) {
		return
	}
	if err := p.closeNote(); err != nil {
		p.m.c.showError(err)
	}
	n, err := p.m.notes.GetNote(id)
	if err == nil && n.IsAddendum() { // a search hit in an addendum: show its note
		n, err = p.m.notes.GetNote(n.ParentID)
	}
	if err != nil {
		p.m.c.showError(err)
		return
	}
	id = n.ID
	var content fyne.CanvasObject
	if n.Signed() {
		p.view = &noteView{p: p, note: n}
		content = p.view.buildUI()
	} else {
		p.editor = &editor{p: p, note: n}
		content = p.editor.buildUI()
	}
	p.noteArea.Objects = []fyne.CanvasObject{content}
	p.noteArea.Refresh()
	p.list.selectNote(id)
}

// closeNote saves and closes the open note.
func (p *clientPane) closeNote() error {
	var err error
	if p.editor != nil {
		err = p.editor.close()
	}
	if p.view != nil {
		err = errors.Join(err, p.view.close())
	}
	p.editor, p.view = nil, nil
	return err
}

// close saves the open draft; the pane is about to go.
// Client details being edited are kept as a draft.
func (p *clientPane) close() error {
	var err error
	if p.form != nil {
		err = p.form.keep()
	}
	return errors.Join(p.closeNote(), err)
}

// reloadNotes re-reads the note list (after a new note, a signature or an
// addendum) and shows note id.
func (p *clientPane) reloadNotes(id string) {
	p.list.load()
	if id != "" {
		p.list.selectNote(id)
	}
}

// onNewNote asks for the kind and template of a new note, dated today.
func (p *clientPane) onNewNote() {
	p.m.c.idle.touch()
	if p.form != nil {
		p.closeForm()
	}
	p.tabs.SelectIndex(0)
	kinds := make([]string, len(notes.Kinds))
	for i, k := range notes.Kinds {
		kinds[i] = kindLabel(k)
	}
	kind := newKeySelect(kinds, nil)
	kind.Selected = kindLabel(notes.Progress)
	tmpl := &widget.RadioGroup{Options: templateLabels, Selected: templateLabel(notes.SOAP), Horizontal: true, Required: true}
	kind.OnChanged = func(s string) {
		if kindFromLabel(s) == notes.Psychotherapy {
			tmpl.SetSelected(templateLabel(notes.Free))
		}
	}
	date := newField(p.m.now().Format(notes.DateLayout), "")
	items := []*widget.FormItem{
		{Text: "Kind", Widget: kind},
		{Text: "Template", Widget: tmpl},
		{Text: "Session date", Widget: date, HintText: "Year-month-day"},
	}
	dlg := dialog.NewForm("New note", "Start writing", "Cancel", items, func(ok bool) {
		if ok {
			p.newNoteOf(kindFromLabel(kind.Selected), templateFromLabel(tmpl.Selected), date.Text)
		}
	}, p.m.c.win)
	dlg.Resize(fyne.NewSize(560, 300))
	dlg.Show()
}

// newNoteOf creates a draft and opens it in the editor.
func (p *clientPane) newNoteOf(kind notes.Kind, t notes.Template, date string) {
	if err := p.closeNote(); err != nil {
		p.m.c.showError(err)
	}
	n, err := p.m.notes.NewDraft(notes.Draft{ClientID: p.client.ID, Kind: kind, Template: t,
		Session: notes.Session{Date: strings.TrimSpace(date)}})
	if err != nil {
		p.m.c.showError(err)
		return
	}
	p.reloadNotes("")
	p.openNote(n.ID)
}

// onEdit shows the client's details form in place of the tabs.
func (p *clientPane) onEdit() {
	p.m.c.idle.touch()
	if p.form == nil {
		if err := p.closeNote(); err != nil {
			p.m.c.showError(err)
		}
		p.noteArea.Objects = []fyne.CanvasObject{p.emptyNote()}
		p.list.list.UnselectAll()
		p.form = openClientForm(p.m, p, p.client)
	}
	p.showForm()
}

// showForm puts the form on screen, unless privacy mode keeps it hidden.
func (p *clientPane) showForm() {
	if p.m.c.privacy {
		p.body.Objects = []fyne.CanvasObject{container.NewCenter(container.NewVBox(
			&widget.Label{Text: "Privacy mode is on: the client's details are hidden.", Alignment: fyne.TextAlignCenter},
			container.NewHBox(layout.NewSpacer(), &widget.Button{Text: "Back to notes", OnTapped: p.closeForm}, layout.NewSpacer()),
		))}
	} else {
		p.body.Objects = []fyne.CanvasObject{p.form.root}
	}
	p.body.Refresh()
}

// closeForm goes back to the tabs.
func (p *clientPane) closeForm() {
	p.form = nil
	p.body.Objects = []fyne.CanvasObject{p.tabs}
	p.body.Refresh()
}

// saved takes the client as the form saved it.
func (p *clientPane) saved(c *notes.Client) {
	if fresh, err := p.m.notes.GetClient(c.ID); err == nil {
		c = fresh
	}
	p.client = c
	p.closeForm()
	p.refreshNames()
	p.m.clients.load()
	p.m.setTitle()
}
