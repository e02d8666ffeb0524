package ui

import (
	"strings"

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
type clientForm struct {
	m      *mainScreen
	pane   *clientPane // nil for a new client
	client *notes.Client

	name, preferred, pronouns, dob   *widget.Entry
	phones, emails, addresses, other *widget.Entry
	employer, school                 *widget.Entry
	emName, emRelation, emPhone      *widget.Entry
	intake, lastContact              *widget.Entry
	status                           *widget.Select
	minor, legalHold                 *widget.Check
	related, guardians               *peopleEditor
	guardianBox                      *fyne.Container
	problem                          *widget.Label
	save                             *widget.Button
	root                             fyne.CanvasObject
}

func (f *clientForm) buildUI() fyne.CanvasObject {
	c := f.client
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
	f.dob = entry(c.DOB, "Year-month-day")
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
	f.intake = entry(c.IntakeDate, "Year-month-day")
	f.lastContact = entry(c.LastContact, "Year-month-day")
	f.related = &peopleEditor{people: c.Related, add: "Add a related person"}
	f.guardians = &peopleEditor{people: c.Guardians, add: "Add a guardian or representative"}
	f.guardianBox = container.NewVBox(section("Guardians or personal representatives"), f.guardians.buildUI())
	f.minor = &widget.Check{Text: "Minor", Checked: c.Minor, OnChanged: func(on bool) { f.showGuardians(on) }}
	f.legalHold = &widget.Check{Text: "Legal hold (the record must not be destroyed)", Checked: c.LegalHold}
	f.showGuardians(c.Minor)
	f.problem = problemLabel()
	f.save = &widget.Button{Text: "Save", Icon: theme.DocumentSaveIcon(), Importance: widget.HighImportance, OnTapped: f.onSave}
	cancel := &widget.Button{Text: "Cancel", OnTapped: f.onCancel}

	form := container.NewVBox(
		heading(map[bool]string{true: "New client", false: "Client details"}[c.ID == ""]),
		widget.NewForm(
			widget.NewFormItem("Name", f.name),
			widget.NewFormItem("Preferred name", f.preferred),
			widget.NewFormItem("Pronouns", f.pronouns),
			widget.NewFormItem("Date of birth", f.dob),
			widget.NewFormItem("", container.NewHBox(f.minor)),
			widget.NewFormItem("Status", f.status),
			widget.NewFormItem("Intake date", f.intake),
			widget.NewFormItem("Last contact", f.lastContact),
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
	buttons := container.NewHBox(layout.NewSpacer(), cancel, f.save)
	f.root = container.NewBorder(nil, container.NewVBox(widget.NewSeparator(), buttons), nil, nil,
		container.NewVScroll(container.NewPadded(form)))
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
	kind := &widget.Select{Options: []string{"Couple", "Family", "Group"}, Selected: "Couple"}
	name := &widget.Entry{PlaceHolder: "Optional, e.g. Tuesday group"}
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
	c.Name, c.Preferred, c.Pronouns, c.DOB = trim(f.name.Text), trim(f.preferred.Text), trim(f.pronouns.Text), trim(f.dob.Text)
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
	c.IntakeDate, c.LastContact = trim(f.intake.Text), trim(f.lastContact.Text)
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

func (f *clientForm) onSave() {
	f.m.c.idle.touch()
	c := f.collect()
	if c.Name == "" {
		say(f.problem, "Give the client a name first.")
		return
	}
	if c.ID == "" {
		added, err := f.m.notes.AddClient(c)
		if err != nil {
			title, msg := userMessage(err)
			say(f.problem, title+". "+msg)
			return
		}
		f.m.clients.load()
		f.m.clients.choose(added.ID)
		return
	}
	if err := f.m.notes.UpdateClient(c); err != nil {
		title, msg := userMessage(err)
		say(f.problem, title+". "+msg)
		return
	}
	f.pane.saved(&c)
}

func (f *clientForm) onCancel() {
	if f.pane != nil {
		f.pane.closeForm()
		return
	}
	f.m.showStart()
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
