package ui

import (
	"strings"
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"github.com/confidenotes/confide/notes"
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
				if ts, ok := s.(*widget.TextSegment); ok && ts.Text == "Maria" && ts.Style.ColorName == theme.ColorNameError {
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
	test.Tap(consultCheck(t, w, "Select text in the original to mark it"))
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
