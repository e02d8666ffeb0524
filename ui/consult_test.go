package ui

import (
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/storage"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"github.com/confidenotes/confide/notes"
	"github.com/confidenotes/confide/practice"
)

// consultFixture is a client with two signed notes that name her, her
// husband and a café the detector cannot know.
func consultFixture(t *testing.T) (*consentFixture, string) {
	t.Helper()
	f := newConsentFixture(t)
	id := f.client(notes.Client{Name: "Maria Okafor", Preferred: "Mari", Employer: "Lakeside Credit Union",
		Related: []notes.Person{{Name: "Daniel Okafor", Relation: "husband"}}})
	f.note(id, "2026-03-06", "Maria reports conflict with her husband, Daniel, about work at Lakeside Credit Union. They argued again at the Bluebird.")
	f.now = f.now.Add(24 * 60 * 60 * 1e9)
	f.note(id, "2026-03-13", "Daniel attended the second half. Maria felt heard; she wants to meet at the Bluebird less often.")
	return f, id
}

// consultCheck finds the visible check box labelled text.
func consultCheck(t *testing.T, w fyne.Window, text string) *widget.Check {
	t.Helper()
	var found *widget.Check
	consentWalk(w.Content(), func(o fyne.CanvasObject) bool {
		if c, ok := o.(*widget.Check); ok && c.Text == text && found == nil {
			found = c
		}
		return found == nil
	})
	if found == nil {
		t.Fatalf("no check box %q; the window shows:\n%s", text, consentShown(w))
	}
	return found
}

// consultEntry finds the visible entry with the placeholder given.
func consultEntry(t *testing.T, w fyne.Window, placeholder string) *widget.Entry {
	t.Helper()
	var found *widget.Entry
	consentWalk(w.Content(), func(o fyne.CanvasObject) bool {
		if e, ok := o.(*widget.Entry); ok && strings.HasPrefix(e.PlaceHolder, placeholder) && found == nil {
			found = e
		}
		return found == nil
	})
	if found == nil {
		t.Fatalf("no entry %q; the window shows:\n%s", placeholder, consentShown(w))
	}
	return found
}

// consultChangeRow finds the change list's row for original, and returns
// its text and its Undo button.
func consultChangeRow(t *testing.T, w fyne.Window, original string) (string, *widget.Button) {
	t.Helper()
	var text string
	var undo *widget.Button
	consentWalk(w.Content(), func(o fyne.CanvasObject) bool {
		c, ok := o.(*fyne.Container)
		if !ok || undo != nil {
			return undo == nil
		}
		var l *widget.Label
		var b *widget.Button
		for _, x := range c.Objects {
			switch x := x.(type) {
			case *widget.Label:
				l = x
			case *widget.Button:
				b = x
			}
		}
		if l != nil && b != nil && b.Text == "Undo" && strings.HasPrefix(l.Text, original+" → ") {
			text, undo = l.Text, b
		}
		return undo == nil
	})
	if undo == nil {
		t.Fatalf("no change of %q is listed; the window shows:\n%s", original, consentShown(w))
	}
	return text, undo
}

// consultPseudonym reads what original became from the change list.
func consultPseudonym(t *testing.T, w fyne.Window, original string) string {
	t.Helper()
	text, _ := consultChangeRow(t, w, original)
	p := strings.TrimPrefix(text, original+" → ")
	if i := strings.Index(p, "  ("); i >= 0 {
		p = p[:i]
	}
	return p
}

// consultNotesOf splits the copied result into its notes.
func consultNotesOf(t *testing.T, copied string) []string {
	t.Helper()
	parts := strings.Split(copied, "\nNote ")
	if len(parts) != 3 {
		t.Fatalf("the result holds %d notes, want 2:\n%s", len(parts)-1, copied)
	}
	return parts[1:]
}

// consultPrepare goes through the setup as a user would, choosing both
// notes, and lands on the review.
func consultPrepare(t *testing.T, f *consentFixture, w fyne.Window) {
	t.Helper()
	test.Tap(consentButton(t, w, "Prepare for consultation…"))
	test.Tap(consultCheck(t, w, "2026-03-13 · progress"))
	test.Tap(consultCheck(t, w, "2026-03-06 · progress"))
	consentType(t, w, "Colleague", "Dr. Reyes")
	consentType(t, w, "Purpose", "peer consultation")
	test.Tap(consentButton(t, w, "Prepare"))
	f.noErrors()
	requireShown(t, w, "Prepared for Dr. Reyes — peer consultation")
}

// copied taps Copy and returns what went to the clipboard.
func consultCopy(t *testing.T, f *consentFixture, w fyne.Window) string {
	t.Helper()
	test.Tap(consentButton(t, w, "Copy"))
	if len(f.copied) == 0 {
		t.Fatal("Copy copied nothing")
	}
	return f.copied[len(f.copied)-1]
}

func TestConsultPrepareHidesNamesWithTheSamePseudonyms(t *testing.T) {
	f, id := consultFixture(t)
	w := f.window(func(d panelDeps) fyne.CanvasObject { return newConsultPanel(d, id) })
	requireShown(t, w, "No consultations prepared yet.")
	consultPrepare(t, f, w)

	out := consultCopy(t, f, w)
	for _, real := range []string{"Maria", "Okafor", "Daniel", "Lakeside", "2026-03-06", "2026-03-13"} {
		if strings.Contains(out, real) {
			t.Errorf("the disguised result still says %q:\n%s", real, out)
		}
	}
	for _, person := range []string{"Maria", "Daniel"} {
		pseudonym := consultPseudonym(t, w, person)
		if pseudonym == "" || strings.Contains(pseudonym, person) {
			t.Fatalf("%s became %q", person, pseudonym)
		}
		for i, n := range consultNotesOf(t, out) {
			if !strings.Contains(n, pseudonym) {
				t.Errorf("note %d does not call %s %q:\n%s", i+1, person, pseudonym, n)
			}
		}
	}
	// The original pane highlights what changed, in the error colour.
	var highlighted bool
	consentWalk(w.Content(), func(o fyne.CanvasObject) bool {
		if rt, ok := o.(*widget.RichText); ok {
			for _, s := range rt.Segments {
				if ts, ok := s.(*widget.TextSegment); ok && strings.TrimSpace(ts.Text) == "Maria" && ts.Style.ColorName == theme.ColorNameError {
					highlighted = true
				}
			}
		}
		return true
	})
	if !highlighted {
		t.Error("the original does not highlight the client's name")
	}
	f.noErrors()
}

func TestConsultUndoRestoresEveryOccurrence(t *testing.T) {
	f, id := consultFixture(t)
	w := f.window(func(d panelDeps) fyne.CanvasObject { return newConsultPanel(d, id) })
	consultPrepare(t, f, w)
	text, undo := consultChangeRow(t, w, "Daniel")
	if !strings.Contains(text, "(2×)") {
		t.Errorf("the change of Daniel is not counted in both notes: %q", text)
	}
	test.Tap(undo)
	f.noErrors()
	for i, n := range consultNotesOf(t, consultCopy(t, f, w)) {
		if !strings.Contains(n, "Daniel") {
			t.Errorf("note %d does not say Daniel after the undo:\n%s", i+1, n)
		}
		if strings.Contains(n, "Maria") {
			t.Errorf("note %d names the client after undoing another change:\n%s", i+1, n)
		}
	}
	requireShown(t, w, "Left as written: Daniel")
	test.Tap(consentButton(t, w, "Disguise again"))
	if out := consultCopy(t, f, w); strings.Contains(out, "Daniel") {
		t.Errorf("Daniel is not disguised again:\n%s", out)
	}
	f.noErrors()
}

func TestConsultMarkDisguisesEveryOccurrence(t *testing.T) {
	f, id := consultFixture(t)
	w := f.window(func(d panelDeps) fyne.CanvasObject { return newConsultPanel(d, id) })
	consultPrepare(t, f, w)
	if out := consultCopy(t, f, w); strings.Count(out, "Bluebird") != 2 {
		t.Fatalf("the fixture's missed word is not in both notes:\n%s", out)
	}
	test.Tap(consentButton(t, w, "Disguise everywhere"))
	requireShown(t, w, "Type the text to disguise, or select it in the original.")
	consentTypeInto(w, consultEntry(t, w, "Text the detector missed"), "Nowhere Street")
	test.Tap(consentButton(t, w, "Disguise everywhere"))
	requireShown(t, w, "That text does not occur in these notes.")

	consentTypeInto(w, consultEntry(t, w, "Text the detector missed"), "Bluebird")
	var cat *widget.Select
	consentWalk(w.Content(), func(o fyne.CanvasObject) bool {
		if s, ok := o.(*widget.Select); ok && len(s.Options) > 1 && s.Options[1] == "place" {
			cat = s
		}
		return cat == nil
	})
	if cat == nil {
		t.Fatal("no category choice")
	}
	cat.SetSelected("place")
	test.Tap(consentButton(t, w, "Disguise everywhere"))
	f.noErrors()
	requireNotShown(t, w, "That text does not occur")
	for i, n := range consultNotesOf(t, consultCopy(t, f, w)) {
		if strings.Contains(n, "Bluebird") {
			t.Errorf("note %d still says Bluebird:\n%s", i+1, n)
		}
	}
	if text, _ := consultChangeRow(t, w, "Bluebird"); !strings.Contains(text, "(2×)") {
		t.Errorf("the marked text is not changed in both notes: %q", text)
	}
	// Undoing a marked text unmarks it, rather than keeping it.
	_, undo := consultChangeRow(t, w, "Bluebird")
	test.Tap(undo)
	requireNotShown(t, w, "Left as written: Bluebird")
	if out := consultCopy(t, f, w); strings.Count(out, "Bluebird") != 2 {
		t.Errorf("Bluebird is not back in both notes:\n%s", out)
	}
	f.noErrors()
}

func TestConsultLogListsThePreparation(t *testing.T) {
	f, id := consultFixture(t)
	w := f.window(func(d panelDeps) fyne.CanvasObject { return newConsultPanel(d, id) })
	consultPrepare(t, f, w)
	test.Tap(consentButton(t, w, "Save as text…"))
	test.Tap(consentButton(t, w, "Save as PDF…"))
	if got := string(f.saved["consultation.txt"]); got != consultCopy(t, f, w) {
		t.Errorf("the saved text differs from the copied one:\n%s", got)
	}
	if pdf := f.saved["consultation.pdf"]; !strings.HasPrefix(string(pdf), "%PDF") {
		t.Errorf("the saved PDF starts %q", pdf[:min(len(pdf), 8)])
	}
	test.Tap(consentButton(t, w, "Done"))
	for _, want := range []string{"Consultation log", "Dr. Reyes", "peer consultation", "consultation", "2 notes", "2026-03-15 09:30"} {
		requireShown(t, w, want)
	}
	requireNotShown(t, w, "No consultations prepared yet.")
	f.noErrors()
}

// The consultation packet is on the practice's paper under its letterhead,
// like every other document, and names no client.
func TestConsultPacketOnThePracticePaperWithItsLetterhead(t *testing.T) {
	f, id := consultFixture(t)
	w := f.window(func(d panelDeps) fyne.CanvasObject { return newConsultPanel(d, id) })
	packet := func() (page, text string) {
		t.Helper()
		consultPrepare(t, f, w)
		test.Tap(consentButton(t, w, "Save as PDF…"))
		f.noErrors()
		path := filepath.Join(t.TempDir(), "consultation.pdf")
		if err := os.WriteFile(path, f.saved["consultation.pdf"], 0o600); err != nil {
			t.Fatal(err)
		}
		out, err := exec.Command("pdfinfo", path).CombinedOutput()
		if err != nil {
			t.Fatalf("pdfinfo: %v\n%s", err, out)
		}
		for _, l := range strings.Split(string(out), "\n") {
			if after, ok := strings.CutPrefix(l, "Page size:"); ok {
				page = strings.TrimSpace(after)
			}
		}
		test.Tap(consentButton(t, w, "Done"))
		return page, pdfToTextUI(t, path)
	}
	if page, text := packet(); !strings.Contains(page, "(letter)") || strings.Contains(text, "Porter Counseling") {
		t.Errorf("without a profile the packet is on %q paper and reads:\n%s", page, text)
	}
	profile := practice.Profile{Name: "Jane Porter", Credentials: "LCSW", NPI: "1234567893", License: "R-071234",
		LicenseState: "NY", Practice: "Porter Counseling", Address: "12 Elm Street, Suite 3\nIthaca, NY 14850",
		Phone: "(607) 555-0142", TimeZone: "America/New_York", Paper: practice.A4}
	if err := f.store.Practice().SetProfile(profile); err != nil {
		t.Fatal(err)
	}
	page, text := packet()
	if !strings.Contains(page, "(A4)") {
		t.Errorf("the packet is on %q paper, the profile says A4", page)
	}
	for _, want := range []string{"Porter Counseling", "Jane Porter, LCSW", "Ithaca, NY 14850", "NPI 1234567893", "Prepared for consultation", "Dr. Reyes"} {
		if !strings.Contains(text, want) {
			t.Errorf("the packet lacks %q:\n%s", want, text)
		}
	}
	for _, name := range []string{"Maria", "Okafor", "Daniel", "Lakeside"} {
		if strings.Contains(text, name) {
			t.Errorf("the packet names %q:\n%s", name, text)
		}
	}
}

func TestConsultSetupSaysWhatIsMissing(t *testing.T) {
	f, id := consultFixture(t)
	w := f.window(func(d panelDeps) fyne.CanvasObject { return newConsultPanel(d, id) })
	test.Tap(consentButton(t, w, "Prepare for consultation…"))
	test.Tap(consultCheck(t, w, "The client agreed to identified consultation"))
	test.Tap(consentButton(t, w, "Prepare"))
	requireShown(t, w, "To prepare, choose at least one note, name the colleague, choose the consent on file for identified consultation.")
	if list, err := f.notes.Consultations(id); err != nil || len(list) != 0 {
		t.Fatalf("a refused setup was logged: %v, %v", list, err)
	}
	test.Tap(consentButton(t, w, "Cancel"))
	requireShown(t, w, "No consultations prepared yet.")
}

func TestConsultLogMarkup(t *testing.T) {
	f, id := consultFixture(t)
	w := f.window(func(d panelDeps) fyne.CanvasObject { return newConsultPanel(d, id) })
	consultPrepare(t, f, w)
	test.Tap(consentButton(t, w, "Done"))
	test.AssertRendersToMarkup(t, "consult_log.xml", w.Canvas())
}

func TestConsultReviewHidesTheOriginalInPrivacyMode(t *testing.T) {
	f, id := consultFixture(t)
	w := f.window(func(d panelDeps) fyne.CanvasObject { return newConsultPanel(d, id) })
	test.Tap(consentButton(t, w, "Prepare for consultation…"))
	test.Tap(consultCheck(t, w, "2026-03-06 · progress"))
	consentType(t, w, "Colleague", "Dr. Reyes")
	test.Tap(consentButton(t, w, "Prepare"))
	d := f.deps(w)
	d.privacy = func() bool { return true }
	w.SetContent(newConsultPanel(d, id))
	test.Tap(consentButton(t, w, "Prepare for consultation…"))
	test.Tap(consultCheck(t, w, "2026-03-06 · progress"))
	consentType(t, w, "Colleague", "Dr. Reyes")
	test.Tap(consentButton(t, w, "Prepare"))
	f.noErrors()
	requireShown(t, w, "The original is hidden while privacy mode is on.")
	requireShown(t, w, "(Note 1)")
	for _, real := range []string{"Maria", "Daniel", "2026-03-06"} {
		requireNotShown(t, w, real)
	}
}

func TestConsultMarkTheSelectedText(t *testing.T) {
	f, id := consultFixture(t)
	w := f.window(func(d panelDeps) fyne.CanvasObject { return newConsultPanel(d, id) })
	consultPrepare(t, f, w)
	_, undo := consultChangeRow(t, w, "Daniel")
	test.Tap(undo)
	test.Tap(consultCheck(t, w, "Select to mark"))
	// The first note on show begins "Daniel attended…": a double tap at
	// its start selects that word, as it would with the mouse.
	var word fyne.DoubleTappable
	consentWalk(w.Content(), func(o fyne.CanvasObject) bool {
		if l, ok := o.(*widget.Label); ok && l.Selectable && word == nil {
			for _, x := range test.WidgetRenderer(l).Objects() {
				if d, ok := x.(fyne.DoubleTappable); ok {
					word = d
				}
			}
		}
		return word == nil
	})
	if word == nil {
		t.Fatalf("the original is not selectable; the window shows:\n%s", consentShown(w))
	}
	test.DoubleTap(word)
	test.Tap(consentButton(t, w, "Disguise everywhere"))
	f.noErrors()
	requireNotShown(t, w, "Left as written: Daniel")
	if out := consultCopy(t, f, w); strings.Contains(out, "Daniel") {
		t.Errorf("the selected name is not disguised again:\n%s", out)
	}
}

// At 1280×800 in the main window, the review gives the notes and the
// changes room: the original and the disguise side by side in a split the
// clinician can move, and the changes list at least 8 rows high.
// A logged consultation opens again, with the same pseudonyms.
func TestConsultViewRoomAndReopen(t *testing.T) {
	c, w, clients := mainWithPractice(t)
	w.Resize(fyne.NewSize(1280, 800))
	m := c.main
	m.clients.choose(clients[0].ID)
	m.pane.tabs.SelectIndex(2)
	tapButton(t, w, "Prepare for consultation…")
	test.Tap(consultCheck(t, w, "2026-11-16 · progress"))
	consentType(t, w, "Colleague", "Dr. Reyes")
	tapButton(t, w, "Prepare")
	before := consultPseudonym(t, w, "Maria")

	var changes *container.Scroll
	var panes *container.Split
	consentWalk(w.Content(), func(o fyne.CanvasObject) bool {
		switch x := o.(type) {
		case *container.Scroll:
			if bar, ok := x.Content.(*fyne.Container); ok && len(bar.Objects) == 1 {
				if box, ok := bar.Objects[0].(*fyne.Container); ok && len(box.Objects) > 0 {
					if _, ok := box.Objects[0].(*fyne.Container); ok && changes == nil && strings.Contains(consentShownIn(box), "Undo") {
						changes = x
					}
				}
			}
		case *container.Split:
			if !x.Horizontal {
				break
			}
			if l, ok := x.Leading.(*fyne.Container); ok && strings.Contains(consentShownIn(l), "Original") {
				panes = x
			}
		}
		return true
	})
	if changes == nil || panes == nil {
		t.Fatalf("no changes list or no split of the original and the disguise:\n%s", consentShown(w))
	}
	row := changes.Content.(*fyne.Container).Objects[0].(*fyne.Container).Objects[0].MinSize().Height
	rows := changes.Size().Height / row
	t.Logf("the changes list has room for %.1f rows of %v", rows, row)
	if rows < 8 {
		t.Errorf("the changes list shows %.1f rows at 1280×800, want at least 8", rows)
	}
	panes.SetOffset(0.3)
	if panes.Offset != 0.3 {
		t.Error("the split of the original and the disguise does not move")
	}

	tapButton(t, w, "Done")
	requireShown(t, w, "Dr. Reyes")
	tapButton(t, w, "Open")
	requireShown(t, w, "Prepared for Dr. Reyes")
	if again := consultPseudonym(t, w, "Maria"); again != before {
		t.Errorf("reopened, Maria is %q, first %q", again, before)
	}
}

// consentShownIn is the visible text inside o.
func consentShownIn(o fyne.CanvasObject) string {
	var b strings.Builder
	consentWalk(o, func(x fyne.CanvasObject) bool {
		switch x := x.(type) {
		case *widget.Label:
			b.WriteString(x.Text + "\n")
		case *widget.Button:
			b.WriteString(x.Text + "\n")
		}
		return true
	})
	return b.String()
}

// Saving a file says where it went.
func TestSaveSaysWhereItWent(t *testing.T) {
	test.NewTempApp(t)
	w := test.NewTempWindow(t, widget.NewLabel(""))
	w.Resize(fyne.NewSize(800, 600))
	dir := t.TempDir()
	out, err := storage.Writer(storage.NewFileURI(filepath.Join(dir, "consultation.txt")))
	if err != nil {
		t.Fatal(err)
	}
	var shown []error
	panelSaveTo(panelDeps{win: w, showErr: func(e error) { shown = append(shown, e) }}, out, func(wr io.Writer) error {
		_, err := io.WriteString(wr, "disguised")
		return err
	})
	if len(shown) != 0 {
		t.Fatal(shown)
	}
	st, err := os.Stat(filepath.Join(dir, "consultation.txt"))
	if err != nil || st.Mode().Perm() != 0o600 || st.Size() != int64(len("disguised")) {
		t.Fatalf("the file: %v, %v", st, err)
	}
	if !strings.Contains(allText(w), "“consultation.txt” is saved in "+dir+".") {
		t.Errorf("no confirmation says where the file went:\n%s", allText(w))
	}
}
