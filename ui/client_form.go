package ui

import (
	"errors"
	"reflect"
	"strconv"
	"strings"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/layout"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"github.com/confidenotes/confide/notes"
)

// clientForm edits everything recorded about a client: identity, contact
// details, related people, guardians, the emergency contact, status and
// dates, the minor flag and legal hold, and treatment units. A new client
// (no id yet) is added on Save.
//
// Details typed and not saved are kept in the vault as a draft when the
// form goes without Save or Cancel (a lock, a quit, a move to another
// client), and are back in the form when it is next opened.
type clientForm struct {
	m      *mainScreen
	pane   *clientPane // nil for a new client
	client *notes.Client

	shown    *notes.Client // what the form was filled with: client, or its draft
	pristine notes.Client  // what an untouched form of client holds
	drafted  bool          // a draft of this client is stored

	name, preferred, pronouns        *widget.Entry
	nameErr                          *widget.Label
	dob, intake, lastContact         *dateField
	phones, emails, addresses, other *widget.Entry
	employer, school                 *widget.Entry
	emName, emRelation, emPhone      *widget.Entry
	scroll                           *container.Scroll
	status                           *widget.Select
	minor, legalHold                 *widget.Check
	related, guardians               *peopleEditor
	guardianBox                      *fyne.Container
	problem                          *widget.Label
	save, cancel                     *widget.Button
	root                             fyne.CanvasObject
}

// openClientForm builds the form for client (a new one when its id is
// ""), filled with its unsaved draft when there is one.
func openClientForm(m *mainScreen, pane *clientPane, client *notes.Client) *clientForm {
	f := &clientForm{m: m, pane: pane, client: client}
	f.buildUI()
	f.pristine = f.collect()
	draft, err := m.notes.ClientDraft(client.ID)
	if err != nil {
		m.c.showError(err)
	}
	if draft != nil {
		// Only what the form edits comes from the draft; the rest is as
		// saved now.
		d := *draft
		d.ID, d.Units, d.Part2 = client.ID, client.Units, client.Part2
		f.shown, f.drafted = &d, true
		f.buildUI()
		say(f.problem, "These are the changes you had not saved yet. Save keeps them; Cancel drops them.")
	}
	return f
}

// dirty tells whether the form holds anything not saved.
func (f *clientForm) dirty() bool {
	return !reflect.DeepEqual(f.collect(), f.pristine)
}

// keep stores what the form holds and has not been saved, as the form goes
// without Save or Cancel; a form back as saved leaves no draft.
func (f *clientForm) keep() error {
	var err error
	switch {
	case f.dirty():
		err = f.m.notes.SaveClientDraft(f.collect())
		f.drafted = err == nil
	case f.drafted:
		err = f.m.notes.DiscardClientDraft(f.client.ID)
		f.drafted = err != nil
	}
	if errors.Is(err, notes.ErrNotFound) {
		return nil // the client is gone: there is nothing to keep
	}
	return err
}

// discard drops the stored draft, after Save or Cancel.
func (f *clientForm) discard() {
	if !f.drafted {
		return
	}
	if err := f.m.notes.DiscardClientDraft(f.client.ID); err != nil {
		f.m.c.showError(err)
		return
	}
	f.drafted = false
}

func (f *clientForm) buildUI() fyne.CanvasObject {
	c := f.client
	if f.shown != nil {
		c = f.shown
	}
	entry := func(text, hint string) *widget.Entry {
		return &widget.Entry{Text: text, PlaceHolder: hint, OnChanged: func(string) { f.m.c.idle.touch() }}
	}
	lines := func(items []string, hint string) *widget.Entry {
		e := &widget.Entry{Text: strings.Join(items, "\n"), PlaceHolder: hint, MultiLine: true, Wrapping: fyne.TextWrapWord}
		e.SetMinRowsVisible(2)
		return e
	}
	f.name = entry(c.Name, "Full name")
	f.preferred = entry(c.Preferred, "What they like to be called")
	f.pronouns = entry(c.Pronouns, "she/her, he/him, they/them…")
	touch := func() { f.m.c.idle.touch() }
	f.dob = newDateField(c.DOB, "03/14/1985 or 1985-03-14", f.m.now, touch)
	f.nameErr = problemLabel()
	f.phones = lines(c.Phones, "One phone number per line")
	f.emails = lines(c.Emails, "One email address per line")
	f.addresses = lines(c.Addresses, "One address per line")
	f.employer = entry(c.Employer, "")
	f.school = entry(c.School, "")
	f.other = lines(c.Other, "Anything else that could identify them, one per line")
	em := c.Emergency
	if em == nil {
		em = &notes.Person{}
	}
	f.emName, f.emRelation, f.emPhone = entry(em.Name, "Name"), entry(em.Relation, "Relation"), entry(em.Phone, "Phone")
	f.status = &widget.Select{Options: []string{"Active", "Closed"}, Selected: "Active"}
	if c.Status == notes.Closed {
		f.status.Selected = "Closed"
	}
	f.intake = newDateField(c.IntakeDate, "03/14/2026 or 2026-03-14", f.m.now, touch)
	f.lastContact = newDateField(c.LastContact, "03/14/2026 or 2026-03-14", f.m.now, touch)
	f.related = &peopleEditor{people: c.Related, add: "Add a related person"}
	f.guardians = &peopleEditor{people: c.Guardians, add: "Add a guardian or representative"}
	f.guardianBox = container.NewVBox(section("Guardians or personal representatives"), f.guardians.buildUI())
	f.minor = &widget.Check{Text: "Minor", Checked: c.Minor, OnChanged: func(on bool) { f.showGuardians(on) }}
	f.legalHold = &widget.Check{Text: "Legal hold (the record must not be destroyed)", Checked: c.LegalHold}
	f.showGuardians(c.Minor)
	if iso, err := f.dob.value(); err == nil && iso != "" {
		dob, _ := time.Parse(notes.DateLayout, iso)
		f.dob.note.SetText(f.ageNote(dob))
	}
	f.dob.onDate = f.onBirthDate
	f.problem = problemLabel()
	f.save = &widget.Button{Text: "Save", Icon: theme.DocumentSaveIcon(), Importance: widget.HighImportance, OnTapped: f.onSave}
	f.cancel = &widget.Button{Text: "Cancel", OnTapped: f.onCancel}

	form := container.NewVBox(
		heading(map[bool]string{true: "New client", false: "Client details"}[c.ID == ""]),
		widget.NewForm(
			widget.NewFormItem("Name", container.NewVBox(f.name, f.nameErr)),
			widget.NewFormItem("Preferred name", f.preferred),
			widget.NewFormItem("Pronouns", f.pronouns),
			widget.NewFormItem("Date of birth", f.dob.root),
			widget.NewFormItem("", container.NewHBox(f.minor)),
			widget.NewFormItem("Status", f.status),
			widget.NewFormItem("Intake date", f.intake.root),
			widget.NewFormItem("Last contact", f.lastContact.root),
		),
		section("Contact"),
		widget.NewForm(
			widget.NewFormItem("Phones", f.phones),
			widget.NewFormItem("Emails", f.emails),
			widget.NewFormItem("Addresses", f.addresses),
			widget.NewFormItem("Employer", f.employer),
			widget.NewFormItem("School", f.school),
			widget.NewFormItem("Other details", f.other),
		),
		section("Emergency contact"),
		container.NewGridWithColumns(3, f.emName, f.emRelation, f.emPhone),
		section("Related people"),
		f.related.buildUI(),
		f.guardianBox,
		section("Treatment units"),
		f.buildUnits(),
		section("Record"),
		f.legalHold,
		f.problem,
	)
	buttons := container.NewHBox(layout.NewSpacer(), f.cancel, f.save)
	f.scroll = formScroll(container.NewPadded(form))
	f.root = container.NewBorder(nil, container.NewVBox(widget.NewSeparator(), buttons), nil, nil, f.scroll)
	return f.root
}

// section is a small heading inside a form.
func section(text string) fyne.CanvasObject {
	return container.NewVBox(widget.NewSeparator(), &widget.Label{Text: text, TextStyle: fyne.TextStyle{Bold: true}})
}

func (f *clientForm) showGuardians(on bool) {
	if on {
		f.guardianBox.Show()
	} else {
		f.guardianBox.Hide()
	}
}

// buildUnits lists the couples, families and groups the client belongs
// to, and adds the client to a new one.
func (f *clientForm) buildUnits() fyne.CanvasObject {
	box := container.NewVBox()
	if f.client.ID == "" {
		box.Add(&widget.Label{Text: "Save the client first; then they can join a couple, family or group.", Importance: widget.LowImportance})
		return box
	}
	if len(f.client.Units) == 0 {
		box.Add(&widget.Label{Text: "Not part of a couple, family or group.", Importance: widget.LowImportance})
	}
	for _, u := range f.client.Units {
		var names []string
		for _, mem := range u.Members {
			names = append(names, mem.Name)
		}
		label := strings.ToUpper(string(u.Kind[:1])) + string(u.Kind[1:])
		if u.Name != "" {
			label += " “" + u.Name + "”"
		}
		box.Add(&widget.Label{Text: label + ": " + strings.Join(names, ", "), Wrapping: fyne.TextWrapWord})
	}
	box.Add(container.NewHBox(&widget.Button{Text: "Add to a couple, family or group…", Icon: theme.ContentAddIcon(), OnTapped: f.onAddUnit}))
	return box
}

// onAddUnit records a new unit of this client and the clients chosen.
func (f *clientForm) onAddUnit() {
	all, err := f.m.notes.ListClients(notes.ClientFilter{Status: notes.Active})
	if err != nil {
		f.m.c.showError(err)
		return
	}
	var names []string
	ids := map[string]string{}
	for _, c := range all {
		if c.ID != f.client.ID {
			names = append(names, c.Name)
			ids[c.Name] = c.ID
		}
	}
	kind := newKeySelect([]string{"Couple", "Family", "Group"}, nil)
	kind.Selected = "Couple"
	name := newField("", "Optional, e.g. Tuesday group")
	members := &widget.CheckGroup{Options: names}
	scroll := container.NewVScroll(members)
	scroll.SetMinSize(fyne.NewSize(300, 200))
	items := []*widget.FormItem{{Text: "Kind", Widget: kind}, {Text: "Name", Widget: name}, {Text: "With", Widget: scroll}}
	dlg := dialog.NewForm("Add to a unit", "Add", "Cancel", items, func(ok bool) {
		if !ok {
			return
		}
		clientIDs := []string{f.client.ID}
		for _, n := range members.Selected {
			clientIDs = append(clientIDs, ids[n])
		}
		if _, err := f.m.notes.AddUnit(notes.UnitKind(strings.ToLower(kind.Selected)), name.Text, clientIDs...); err != nil {
			f.m.c.showError(err)
			return
		}
		if fresh, err := f.m.notes.GetClient(f.client.ID); err == nil {
			f.client.Units = fresh.Units
		}
		f.pane.saved(f.client)
	}, f.m.c.win)
	dlg.Resize(fyne.NewSize(520, 420))
	dlg.Show()
}

// collect reads the form into a client.
func (f *clientForm) collect() notes.Client {
	c := *f.client
	trim := strings.TrimSpace
	date := func(d *dateField) string {
		if iso, err := d.value(); err == nil {
			return iso
		}
		return trim(d.entry.Text) // kept as typed in a draft; Save says what is wrong
	}
	c.Name, c.Preferred, c.Pronouns, c.DOB = trim(f.name.Text), trim(f.preferred.Text), trim(f.pronouns.Text), date(f.dob)
	c.Phones, c.Emails, c.Addresses, c.Other = splitLines(f.phones.Text), splitLines(f.emails.Text), splitLines(f.addresses.Text), splitLines(f.other.Text)
	c.Employer, c.School = trim(f.employer.Text), trim(f.school.Text)
	c.Related, c.Guardians = f.related.collect(), f.guardians.collect()
	c.Emergency = nil
	if p := (notes.Person{Name: trim(f.emName.Text), Relation: trim(f.emRelation.Text), Phone: trim(f.emPhone.Text)}); p != (notes.Person{}) {
		c.Emergency = &p
	}
	c.Status = notes.Active
	if f.status.Selected == "Closed" {
		c.Status = notes.Closed
	}
	c.IntakeDate, c.LastContact = date(f.intake), date(f.lastContact)
	c.Minor, c.LegalHold = f.minor.Checked, f.legalHold.Checked
	return c
}

func splitLines(text string) []string {
	var out []string
	for _, l := range strings.Split(text, "\n") {
		if l = strings.TrimSpace(l); l != "" {
			out = append(out, l)
		}
	}
	return out
}

// onBirthDate works out Minor from a date of birth typed or picked.
func (f *clientForm) onBirthDate(dob time.Time, ok bool) {
	if !ok {
		return
	}
	f.dob.note.SetText(f.ageNote(dob))
	if minor := ageOn(dob, f.m.now()) < 18; f.minor.Checked != minor {
		f.minor.SetChecked(minor)
	}
}

// ageNote says how a date of birth reads, with the age today.
func (f *clientForm) ageNote(dob time.Time) string {
	return dob.Format("2 January 2006") + " · " + strconv.Itoa(ageOn(dob, f.m.now())) + " years old"
}

// check puts each problem beside its field, scrolls to the first and
// gives it the focus. It reports whether the form can be saved.
func (f *clientForm) check() bool {
	type problem struct {
		label *widget.Label
		field fyne.CanvasObject
		focus fyne.Focusable
		text  string
	}
	var problems []problem
	say(f.nameErr, "")
	if strings.TrimSpace(f.name.Text) == "" {
		problems = append(problems, problem{f.nameErr, f.name, f.name, "Give the client a name."})
	}
	for _, d := range []*dateField{f.dob, f.intake, f.lastContact} {
		say(d.err, "")
		if _, err := d.value(); err != nil {
			problems = append(problems, problem{d.err, d.root, d.entry, "Check this date: " + err.Error() + "."})
		}
	}
	if iso, err := f.dob.value(); err == nil && iso != "" && iso > f.m.now().Format(notes.DateLayout) {
		problems = append(problems, problem{f.dob.err, f.dob.root, f.dob.entry, "The date of birth is in the future. Check the year."})
	}
	if len(problems) == 0 {
		return true
	}
	for _, p := range problems {
		say(p.label, p.text)
	}
	n := len(problems)
	say(f.problem, map[bool]string{true: "One field needs a look: it is marked above.", false: strconv.Itoa(n) + " fields need a look: they are marked above."}[n == 1])
	f.scrollTo(problems[0].field)
	f.m.c.win.Canvas().Focus(problems[0].focus)
	return false
}

// scrollTo scrolls the form so that o is in view, near the top.
func (f *clientForm) scrollTo(o fyne.CanvasObject) {
	d := fyne.CurrentApp().Driver()
	y := d.AbsolutePositionForObject(o).Y - d.AbsolutePositionForObject(f.scroll.Content).Y
	f.scroll.ScrollToOffset(fyne.NewPos(0, max(0, y-theme.Padding()*4)))
}

func (f *clientForm) onSave() {
	f.m.c.idle.touch()
	if !f.check() {
		return
	}
	say(f.problem, "")
	c := f.collect()
	if c.ID == "" {
		added, err := f.m.notes.AddClient(c)
		if err != nil {
			title, msg := userMessage(err)
			say(f.problem, title+". "+msg)
			f.scrollTo(f.problem)
			return
		}
		f.discard()
		f.m.form = nil
		f.m.clients.load()
		f.m.clients.choose(added.ID)
		return
	}
	if err := f.m.notes.UpdateClient(c); err != nil {
		title, msg := userMessage(err)
		say(f.problem, title+". "+msg)
		f.scrollTo(f.problem)
		return
	}
	f.discard()
	f.pane.saved(&c)
}

// onCancel leaves the form, dropping what it holds; changes are dropped
// only once the user says so.
func (f *clientForm) onCancel() {
	f.m.c.idle.touch()
	leave := func() {
		f.discard()
		if f.pane != nil {
			f.pane.closeForm()
			return
		}
		f.m.form = nil
		f.m.showStart()
	}
	if !f.dirty() {
		leave()
		return
	}
	dialog.ShowConfirm("Drop these changes?",
		"What you have typed in this form has not been saved. Cancel drops it; Save keeps it.",
		func(ok bool) {
			if ok {
				leave()
			}
		}, f.m.c.win)
}

// peopleEditor edits a list of people: name, relation and phone each.
type peopleEditor struct {
	people []notes.Person
	add    string

	rows []*[3]*widget.Entry
	box  *fyne.Container
}

func (p *peopleEditor) buildUI() fyne.CanvasObject {
	p.box = container.NewVBox()
	for _, person := range p.people {
		p.addRow(person)
	}
	return container.NewVBox(p.box, container.NewHBox(&widget.Button{Text: p.add, Icon: theme.ContentAddIcon(),
		Importance: widget.LowImportance, OnTapped: func() { p.addRow(notes.Person{}) }}))
}

func (p *peopleEditor) addRow(person notes.Person) {
	row := &[3]*widget.Entry{
		{Text: person.Name, PlaceHolder: "Name"},
		{Text: person.Relation, PlaceHolder: "Relation (partner, parent…)"},
		{Text: person.Phone, PlaceHolder: "Phone (optional)"},
	}
	p.rows = append(p.rows, row)
	var line *fyne.Container
	remove := &widget.Button{Icon: theme.DeleteIcon(), Importance: widget.LowImportance}
	remove.OnTapped = func() {
		for i, r := range p.rows {
			if r == row {
				p.rows = append(p.rows[:i], p.rows[i+1:]...)
			}
		}
		p.box.Remove(line)
	}
	line = container.NewBorder(nil, nil, nil, remove, container.NewGridWithColumns(3, row[0], row[1], row[2]))
	p.box.Add(line)
}

func (p *peopleEditor) collect() []notes.Person {
	var out []notes.Person
	for _, r := range p.rows {
		person := notes.Person{Name: strings.TrimSpace(r[0].Text), Relation: strings.TrimSpace(r[1].Text), Phone: strings.TrimSpace(r[2].Text)}
		if person.Name != "" {
			out = append(out, person)
		}
	}
	return out
}
