package ui

import (
	"fmt"
	"go/ast"
	"go/parser"
	"go/token"
	"io"
	"path/filepath"
	"sort"
	"strings"
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/driver/desktop"
	"fyne.io/fyne/v2/storage"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/widget"

	"github.com/confidenotes/confide/clinical"
	"github.com/confidenotes/confide/consent"
	"github.com/confidenotes/confide/notes"
)

// dialogFixture is the demo practice in a main window, with what the
// dialogs need to be opened: an authorization on file, a record due for
// destruction, a draft ready to sign and a diagnosis to end.
type dialogFixture struct {
	c       *Confide
	w       fyne.Window
	m       *mainScreen
	clients []*notes.Client
	clin    *clinical.Store
	draft   string
	dx      *clinical.Diagnosis
	dir     string // where releases are saved
}

func newDialogFixture(t *testing.T) *dialogFixture {
	t.Helper()
	c, w, clients := mainWithPractice(t)
	f := &dialogFixture{c: c, w: w, m: c.main, clients: clients, clin: c.main.consent.Clinical(), dir: t.TempDir()}
	if _, err := f.m.consent.AddAuthorization(consent.Authorization{ClientID: clients[0].ID, Info: "progress notes of 2026",
		Discloser: "Jane Porter, LCSW", Recipient: "Dr. Alan Kim", Purpose: "continuity of care",
		Expires: "2027-06-30", Signed: "2026-11-01", Signer: "the client"}); err != nil {
		t.Fatal(err)
	}
	if _, err := f.m.notes.AddClient(notes.Client{Name: "Olga Brandt", DOB: "1960-02-02", Status: notes.Closed,
		LastContact: "2015-03-01"}); err != nil {
		t.Fatal(err)
	}
	d, err := f.m.notes.NewDraft(notes.Draft{ClientID: clients[0].ID, Kind: notes.Progress, Template: notes.Free,
		Session: notes.Session{Date: "2026-11-23", Start: "09:00", DurationMin: 50, ServiceCode: "90834"}})
	if err != nil {
		t.Fatal(err)
	}
	if err := f.m.notes.UpdateDraft(d.ID, []notes.Section{{Name: d.Sections[0].Name, Text: "Session text."}}); err != nil {
		t.Fatal(err)
	}
	f.draft = d.ID
	if f.dx, err = f.clin.AddDiagnosis(clients[0].ID, "F41.1", "2026-11-01", true); err != nil {
		t.Fatal(err)
	}
	return f
}

// clear closes every dialog on the window, with its way out where it has
// one, so that the dialog's own closing runs.
func (f *dialogFixture) clear() {
	for top := f.w.Canvas().Overlays().Top(); top != nil; top = f.w.Canvas().Overlays().Top() {
		var out *widget.Button
		if pop, ok := top.(*widget.PopUp); ok {
			for _, b := range dialogButtons(pop) {
				if dismissWords[b.Text] && b.Text != "Back" {
					out = b
				}
			}
		}
		if out != nil && out.OnTapped != nil {
			out.OnTapped()
		}
		if f.w.Canvas().Overlays().Top() == top {
			f.w.Canvas().Overlays().Remove(top)
		}
	}
}

// wizard opens the release wizard of the first client, working in the
// test's own time.
func (f *dialogFixture) wizard() *releaseWizard {
	wiz := newReleaseWizard(f.m.deps(), f.clients[0].ID)
	wiz.saveAs = func(name string, done func(string)) { done(filepath.Join(f.dir, name)) }
	releasePending = nil
	wiz.spawn = func(job func()) { releasePending = append(releasePending, job) }
	wiz.show()
	return wiz
}

// next taps the wizard's Next and lets its work finish.
func next(t *testing.T, wiz *releaseWizard) {
	t.Helper()
	releaseTap(t, wiz, "Next")
	releaseSettle(wiz)
}

// dialogCases open every dialog of the app with fields, or without; site
// names the function that builds it.
var dialogCases = []struct {
	site, name string
	open       func(t *testing.T, f *dialogFixture)
}{
	{"(*clientForm).onAddUnit", "add to a unit", func(t *testing.T, f *dialogFixture) {
		f.m.clients.choose(f.clients[0].ID)
		if f.m.pane.form == nil {
			f.m.pane.onEdit()
		}
		f.m.pane.form.onAddUnit()
	}},
	{"(*clientPane).onNewNote", "new note", func(t *testing.T, f *dialogFixture) {
		f.m.clients.choose(f.clients[0].ID)
		f.m.pane.onNewNote()
	}},
	{"(*diagnosesSection).onAdd", "add a diagnosis", func(t *testing.T, f *dialogFixture) {
		(&diagnosesSection{d: f.m.deps(), clin: f.clin, clientID: f.clients[0].ID}).onAdd()
	}},
	{"(*diagnosesSection).onEnd", "end a diagnosis", func(t *testing.T, f *dialogFixture) {
		(&diagnosesSection{d: f.m.deps(), clin: f.clin, clientID: f.clients[0].ID}).onEnd(*f.dx)
	}},
	{"(*editor).confirmSign", "sign a note", func(t *testing.T, f *dialogFixture) {
		f.m.clients.choose(f.clients[0].ID)
		if f.m.pane.editor == nil {
			f.m.pane.openNote(f.draft)
		}
		f.m.onSign() // 50 minutes of 90834: the code fits, the confirmation follows
	}},
	{"(*editor).confirmMismatch", "the code does not fit", func(t *testing.T, f *dialogFixture) {
		f.m.clients.choose(f.clients[0].ID)
		if f.m.pane.editor == nil {
			f.m.pane.openNote(f.draft)
		}
		f.m.pane.editor.confirmMismatch(clinical.CheckTimeCode("90837", 50))
	}},
	{"showSuperbillDialog", "superbill", func(t *testing.T, f *dialogFixture) {
		showSuperbillDialog(f.m.deps(), &notes.Note{ClientID: f.clients[0].ID, Session: notes.Session{Date: "2026-11-23"}}, nil)
	}},
	{"showProgress", "work under way", func(t *testing.T, f *dialogFixture) {
		showProgress("Writing the copy…", f.w)
	}},
	{"showExportDialog", "print or export", func(t *testing.T, f *dialogFixture) {
		showExportDialog(f.m.deps(), f.clients[0].ID, nil)
	}},
	{"(*measuresPanel).riskPrompt", "risk item endorsed", func(t *testing.T, f *dialogFixture) {
		(&measuresPanel{d: f.m.deps(), clin: f.clin, clientID: f.clients[0].ID}).riskPrompt("Item 9 was endorsed.")
	}},
	{"panelSaveTo", "saved", func(t *testing.T, f *dialogFixture) {
		out, err := storage.Writer(storage.NewFileURI(filepath.Join(t.TempDir(), "saved.txt")))
		if err != nil {
			t.Fatal(err)
		}
		panelSaveTo(f.m.deps(), out, func(w io.Writer) error { _, err := io.WriteString(w, "x"); return err })
	}},
	{"(*planPanel).onSign", "sign a plan", func(t *testing.T, f *dialogFixture) {
		(&planPanel{d: f.m.deps(), clin: f.clin, clientID: f.clients[0].ID}).onSign(&clinical.Plan{})
	}},
	{"(*Confide).choosePIN", "choose a PIN", func(t *testing.T, f *dialogFixture) { f.c.choosePIN(nil) }},
	{"(*Confide).offerPIN", "offer a PIN", func(t *testing.T, f *dialogFixture) {
		f.c.app.Preferences().SetBool(prefPINOffered, false)
		f.c.offerPIN()
	}},
	{"(*releaseWizard).show", "release, who asks", func(t *testing.T, f *dialogFixture) {
		f.wizard()
	}},
	{"(*releaseWizard).show", "release, a court order's basis", func(t *testing.T, f *dialogFixture) {
		wiz := f.wizard()
		wiz.who.kind.SetSelected(releaseTypeLabels[consent.CourtOrder])
		next(t, wiz)
	}},
	{"(*releaseWizard).show", "release, an authorization's basis", func(t *testing.T, f *dialogFixture) {
		wiz := f.wizard()
		wiz.who.auth.SetSelectedIndex(0)
		next(t, wiz)
	}},
	{"(*releaseWizard).show", "release, a court order's scope", func(t *testing.T, f *dialogFixture) {
		wiz := f.wizard()
		wiz.who.kind.SetSelected(releaseTypeLabels[consent.CourtOrder])
		next(t, wiz)
		wiz.basis.court.SetText("Tompkins County Court")
		wiz.basis.caseNo.SetText("2026-117")
		wiz.basis.deadline.SetText("2026-12-15")
		next(t, wiz)
		releaseRequire(t, wiz, "Step 3 of 5")
	}},
	{"(*releaseWizard).show", "release, the review", func(t *testing.T, f *dialogFixture) {
		wiz := f.wizard()
		next(t, wiz)
		next(t, wiz)
		next(t, wiz)
		releaseRequire(t, wiz, "Step 4 of 5")
	}},
	{"(*releaseWizard).show", "release, an encrypted copy", func(t *testing.T, f *dialogFixture) {
		wiz := f.wizard()
		for i := 0; i < 4; i++ {
			next(t, wiz)
		}
		releaseRequire(t, wiz, "Step 5 of 5")
		wiz.out.encrypt.SetChecked(true)
	}},
	{"(*releaseWizard).show", "release, with a passphrase", func(t *testing.T, f *dialogFixture) {
		wiz := f.wizard()
		for i := 0; i < 4; i++ {
			next(t, wiz)
		}
		wiz.out.encrypt.SetChecked(true)
		wiz.out.how.SetSelected(releaseToPassphrase)
	}},
	{"(*retentionScreen).show", "records due for destruction", func(t *testing.T, f *dialogFixture) { f.m.onRetention() }},
	{"(*retentionScreen).onDestroy", "destroy a record", func(t *testing.T, f *dialogFixture) {
		f.m.onRetention()
		tapButton(t, f.w, "Destroy…")
	}},
	{"(*searchDialog).show", "search", func(t *testing.T, f *dialogFixture) { f.m.onSearch() }},
	{"(*settingsScreen).onPassphrase", "ask for a passphrase", func(t *testing.T, f *dialogFixture) {
		f.m.onSettings()
		f.m.settingsOpen.onPassphrase()
	}},
}

// dialogSites are the functions in the package that build a dialog which
// could hold fields (a form or custom dialog), as "(*type).method".
func dialogSites(t *testing.T) map[string]bool {
	t.Helper()
	fset := token.NewFileSet()
	files, err := filepath.Glob("*.go")
	if err != nil {
		t.Fatal(err)
	}
	sites := map[string]bool{}
	for _, name := range files {
		if strings.HasSuffix(name, "_test.go") {
			continue
		}
		file, err := parser.ParseFile(fset, name, nil, 0)
		if err != nil {
			t.Fatal(err)
		}
		for _, decl := range file.Decls {
			fn, ok := decl.(*ast.FuncDecl)
			if !ok || fn.Body == nil {
				continue
			}
			site := fn.Name.Name
			if fn.Recv != nil {
				if star, ok := fn.Recv.List[0].Type.(*ast.StarExpr); ok {
					site = fmt.Sprintf("(*%s).%s", star.X.(*ast.Ident).Name, site)
				}
			}
			ast.Inspect(fn.Body, func(n ast.Node) bool {
				call, ok := n.(*ast.CallExpr)
				if !ok {
					return true
				}
				if sel, ok := call.Fun.(*ast.SelectorExpr); ok && selectorPackage(sel) == "dialog" {
					switch strings.TrimPrefix(strings.TrimPrefix(sel.Sel.Name, "New"), "Show") {
					case "Form", "Custom", "CustomConfirm", "CustomWithoutButtons":
						sites[site] = true
					}
				}
				return true
			})
		}
	}
	return sites
}

// selectorPackage is the name on the left of a selector, as in dialog.X.
func selectorPackage(sel *ast.SelectorExpr) string {
	if id, ok := sel.X.(*ast.Ident); ok {
		return id.Name
	}
	return ""
}

// dialogFields are the fields of a dialog that take the keyboard: its
// text fields, check boxes and choices, in the order shown. others are
// what else takes the focus: the buttons, lists, and the radio buttons and
// check boxes Fyne makes inside its groups.
func dialogFields(pop *widget.PopUp) (fields []fyne.Focusable, others []string) {
	var walk func(o fyne.CanvasObject, inGroup bool)
	walk = func(o fyne.CanvasObject, inGroup bool) {
		if o == nil || !o.Visible() {
			return
		}
		if f, ok := o.(fyne.Focusable); ok {
			if d, ok := o.(fyne.Disableable); !ok || !d.Disabled() {
				switch o.(type) {
				case *keyEntry, *keyCheck, *keySelect, *widget.Entry, *widget.Select, *widget.SelectEntry, *widget.DateEntry, *sectionEntry:
					fields = append(fields, f)
				case *widget.Check:
					if inGroup {
						others = append(others, fmt.Sprintf("%T in a group", o))
					} else {
						fields = append(fields, f)
					}
				default:
					others = append(others, fmt.Sprintf("%T", o))
				}
				return
			}
		}
		switch x := o.(type) {
		case *fyne.Container:
			for _, c := range x.Objects {
				walk(c, inGroup)
			}
		case fyne.Widget:
			_, group := o.(*widget.CheckGroup)
			_, radio := o.(*widget.RadioGroup)
			for _, c := range test.WidgetRenderer(x).Objects() {
				walk(c, inGroup || group || radio)
			}
		}
	}
	walk(pop, false)
	return fields, others
}

// press types key in f as the window does: down, typed, up.
func press(f fyne.Focusable, key fyne.KeyName) {
	ev := &fyne.KeyEvent{Name: key}
	k, keyable := f.(desktop.Keyable)
	if keyable {
		k.KeyDown(ev)
	}
	f.TypedKey(ev)
	if keyable {
		k.KeyUp(ev)
	}
}

// fieldName names a field for a message.
func fieldName(f fyne.Focusable) string {
	switch x := plain(f.(fyne.CanvasObject)).(type) {
	case *widget.Entry:
		if x.PlaceHolder != "" {
			return fmt.Sprintf("%T %q", f, x.PlaceHolder)
		}
		return fmt.Sprintf("%T holding %q", f, x.Text)
	case *widget.Check:
		return fmt.Sprintf("%T %q", f, x.Text)
	case *widget.Select:
		return fmt.Sprintf("%T %q", f, x.Selected)
	}
	return fmt.Sprintf("%T", f)
}

// Esc and Enter work in every dialog of the app with a field focused:
// each dialog is opened again for each of its fields; the field gets the
// focus; Esc typed in it takes the dialog's way out (Cancel, Close, Back…)
// and Enter its main button, except in a text box (a new line) and in a
// field that uses Enter itself. Every function that builds a form or
// custom dialog is walked, so a new dialog cannot be left out. A dialog
// without fields takes Esc from the window, unless it shows work under
// way.
func TestEveryDialogTakesEscAndEnterFromItsFields(t *testing.T) {
	covered := map[string]bool{}
	for _, dc := range dialogCases {
		covered[dc.site] = true
	}
	sites := dialogSites(t)
	for site := range sites {
		if !covered[site] {
			t.Errorf("the dialog built by %s is not walked: add it to dialogCases", site)
		}
	}
	for site := range covered {
		if !sites[site] {
			t.Errorf("dialogCases names %s, which builds no dialog", site)
		}
	}

	var gaps []string
	for _, dc := range dialogCases {
		t.Run(dc.name, func(t *testing.T) {
			f := newDialogFixture(t)
			open := func() *widget.PopUp {
				t.Helper()
				f.clear()
				dc.open(t, f)
				pop, ok := f.w.Canvas().Overlays().Top().(*widget.PopUp)
				if !ok || !pop.Visible() {
					t.Fatalf("no dialog on top; the window shows:\n%s", allText(f.w))
				}
				return pop
			}
			pop := open()
			fields, others := dialogFields(pop)
			for _, o := range others {
				if !strings.Contains(o, "Button") {
					gaps = append(gaps, dc.name+": "+o)
				}
			}
			if len(fields) == 0 {
				busy := showsProgress(pop)
				dialogKey(f.w.Canvas(), &fyne.KeyEvent{Name: fyne.KeyEscape})
				if busy != pop.Visible() {
					t.Errorf("Esc typed on the window left the dialog shown: %v, while it shows work under way: %v", pop.Visible(), busy)
				}
				return
			}
			for i := range fields {
				if i > 0 {
					pop = open()
					fields, _ = dialogFields(pop)
				}
				field := fields[i]
				switch field.(type) {
				case *keyEntry, *keyCheck, *keySelect:
				default:
					t.Errorf("the %s does not pass Esc and Enter to its dialog: make it a key-aware field (newField, newKeyCheck, newKeySelect)", fieldName(field))
					continue
				}
				f.w.Canvas().Focus(field)
				if f.w.Canvas().Focused() != field {
					t.Fatalf("the %s cannot take the focus", fieldName(field))
				}
				out := dismissButton(pop)
				if out == nil {
					t.Fatalf("the dialog has no way out for Esc")
				}
				tapped, way := 0, out.OnTapped
				out.OnTapped = func() { tapped++; way() }
				want := 1
				if e, ok := field.(*keyEntry); ok && e.OnEscape != nil { // a way out of its own
					want = 0
				}
				press(field, fyne.KeyEscape)
				if tapped != want {
					t.Errorf("Esc typed in the %s chose %q %d times, want %d", fieldName(field), out.Text, tapped, want)
				}
				if out.Text != "Back" && pop.Visible() && f.w.Canvas().Overlays().Top() == pop {
					t.Errorf("Esc typed in the %s left the dialog open", fieldName(field))
				}
			}
			for i := range fields {
				pop = open()
				fields, _ = dialogFields(pop)
				field := fields[i]
				f.w.Canvas().Focus(field)
				main := confirmButton(pop)
				confirmed := 0
				var action func()
				if main != nil {
					action = main.OnTapped
					main.OnTapped = func() { confirmed++ } // what it does is tested elsewhere
				}
				own := 0
				switch x := field.(type) {
				case *keyEntry:
					if x.OnSubmitted != nil {
						submit := x.OnSubmitted
						x.OnSubmitted = func(s string) { own++; submit(s) }
					}
				case *keySelect:
					if x.OnEnter != nil {
						enter := x.OnEnter
						x.OnEnter = func() { own++; enter() }
					}
				default:
					continue // a plain field, reported above
				}
				e, isEntry := field.(*keyEntry)
				before := ""
				if isEntry {
					before = e.Text
				}
				press(field, fyne.KeyReturn)
				if main != nil {
					main.OnTapped = action
				}
				switch {
				case isEntry && e.MultiLine:
					if confirmed != 0 || e.Text == before {
						t.Errorf("Enter in the text box %s did not make a new line (confirmed %d times)", fieldName(field), confirmed)
					}
				case own > 0:
					if confirmed != 0 {
						t.Errorf("Enter in the %s did its own work and also chose %q", fieldName(field), main.Text)
					}
				case main == nil:
					if !pop.Visible() {
						t.Errorf("Enter in the %s closed a dialog without a main button", fieldName(field))
					}
				case confirmed != 1:
					t.Errorf("Enter typed in the %s did not choose %q", fieldName(field), main.Text)
				}
			}
		})
	}
	sort.Strings(gaps)
	t.Logf("taking the focus but left to Fyne (Esc stays with them): %s", strings.Join(gaps, "; "))
}
