package ui

import (
	"fmt"
	"path/filepath"
	"strings"
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/widget"

	"github.com/confidenotes/confide/consent"
	"github.com/confidenotes/confide/notes"
)

// clipped lists the labels and buttons on show that are narrower than
// their text (a label that neither wraps nor ends in "…" cut off), and
// the buttons inside a scroll that its scroll bar would cover.
func clipped(w fyne.Window) []string {
	layOut(w)
	var out []string
	d := fyne.CurrentApp().Driver()
	var walk func(o fyne.CanvasObject, scroll *container.Scroll)
	walk = func(o fyne.CanvasObject, scroll *container.Scroll) {
		if o == nil || !o.Visible() {
			return
		}
		switch x := o.(type) {
		case *widget.Label:
			if x.Text != "" && x.Size().Width > 0 && x.Wrapping == fyne.TextWrapOff && x.Truncation == fyne.TextTruncateOff && x.Size().Width+0.5 < x.MinSize().Width {
				out = append(out, fmt.Sprintf("label %q is %.0f wide, needs %.0f", x.Text, x.Size().Width, x.MinSize().Width))
			}
		case *widget.Button:
			if x.Size().Width+0.5 < x.MinSize().Width {
				out = append(out, fmt.Sprintf("button %q is %.0f wide, needs %.0f", x.Text, x.Size().Width, x.MinSize().Width))
			}
			if scroll != nil && scroll.Direction != container.ScrollNone {
				right := d.AbsolutePositionForObject(x).X + x.Size().Width
				edge := d.AbsolutePositionForObject(scroll).X + scroll.Size().Width - 12 // the bar, as it widens under the pointer
				if right > edge && scroll.Content.Size().Height > scroll.Size().Height {
					out = append(out, fmt.Sprintf("button %q reaches under the scroll bar", x.Text))
				}
			}
		case *widget.RichText:
			// A text that scrolls by itself in a place too low for it shows
			// a scroll bar of its own over its last line.
			for _, c := range test.WidgetRenderer(x).Objects() {
				if sc, ok := c.(*container.Scroll); ok && sc.Direction != container.ScrollNone && sc.Size().Height > 0 &&
					sc.Content.MinSize().Height > sc.Size().Height+0.5 {
					out = append(out, fmt.Sprintf("text %q is %.0f high, needs %.0f", x.String(), sc.Size().Height, sc.Content.MinSize().Height))
				}
			}
		case *container.Scroll:
			walk(x.Content, x)
			return
		case *container.Split:
			walk(x.Leading, scroll)
			walk(x.Trailing, scroll)
			return
		case *container.AppTabs:
			for _, it := range x.Items {
				if it == x.Selected() {
					walk(it.Content, scroll)
				}
			}
			// The tab buttons themselves.
			for _, c := range test.WidgetRenderer(x).Objects() {
				walkTabs(c, &out)
			}
			return
		case *fyne.Container:
			for _, c := range x.Objects {
				walk(c, scroll)
			}
			return
		case *activityArea:
			walk(x.content, scroll)
			return
		case *widget.List:
			for _, c := range test.WidgetRenderer(x).Objects() {
				walk(c, nil)
			}
			return
		case fyne.Widget:
			for _, c := range test.WidgetRenderer(x).Objects() {
				walk(c, scroll)
			}
			return
		}
	}
	walk(w.Content(), nil)
	for _, o := range w.Canvas().Overlays().List() {
		walk(o, nil)
	}
	return out
}

// layOut lays the window and its overlays out again, from the top down,
// as the window does before it draws a frame: the headless canvas does not,
// so a scroll whose content grew after it was shown kept the old size.
func layOut(w fyne.Window) {
	var walk func(o fyne.CanvasObject)
	walk = func(o fyne.CanvasObject) {
		if o == nil || !o.Visible() {
			return
		}
		switch x := o.(type) {
		case *fyne.Container:
			if x.Layout != nil {
				x.Layout.Layout(x.Objects, x.Size())
			}
			for _, c := range x.Objects {
				walk(c)
			}
		case fyne.Widget:
			r := test.WidgetRenderer(x)
			r.Layout(x.Size())
			for _, c := range r.Objects() {
				walk(c)
			}
		}
	}
	walk(w.Content())
	for _, o := range w.Canvas().Overlays().List() {
		walk(o)
	}
}

// walkTabs checks the tab buttons of an AppTabs: each shows its whole
// text.
func walkTabs(o fyne.CanvasObject, out *[]string) {
	var walk func(o fyne.CanvasObject)
	walk = func(o fyne.CanvasObject) {
		if o == nil || !o.Visible() {
			return
		}
		if c, ok := o.(*fyne.Container); ok {
			for _, x := range c.Objects {
				walk(x)
			}
			return
		}
		// The tab buttons (an unexported type), not the tabs' content.
		if strings.Contains(fmt.Sprintf("%T", o), "tabButton") && o.Size().Width+0.5 < o.MinSize().Width {
			*out = append(*out, fmt.Sprintf("a tab is %.0f wide, needs %.0f", o.Size().Width, o.MinSize().Width))
		}
	}
	walk(o)
}

// No label, button or tab is clipped, and no scroll bar covers a button,
// on the main screens at the two common laptop sizes.
func TestNothingClippedAtLaptopSizes(t *testing.T) {
	// The check itself finds a label squeezed into too little room.
	test.NewTempApp(t)
	probe := test.NewTempWindow(t, container.NewGridWrap(fyne.NewSize(30, 30), widget.NewLabel("Signed · 3 addenda")))
	probe.Resize(fyne.NewSize(200, 100))
	if len(clipped(probe)) != 1 {
		t.Fatalf("the check misses a clipped label: %v", clipped(probe))
	}

	for _, size := range []fyne.Size{fyne.NewSize(1100, 720), fyne.NewSize(1280, 800)} {
		c, w, clients := mainWithPractice(t)
		m := c.main
		// A client with every badge, so the list rows are at their widest.
		n, err := m.notes.NewDraft(notes.Draft{ClientID: clients[0].ID, Kind: notes.Progress, Template: notes.Free,
			Session: notes.Session{Date: "2026-11-18", Start: "10:00", DurationMin: 50, ServiceCode: "90834"}, Sections: []notes.Section{{Name: "Note", Text: "Short."}}})
		if err != nil {
			t.Fatal(err)
		}
		if _, err := m.notes.Sign(n.ID); err != nil {
			t.Fatal(err)
		}
		for i := 0; i < 3; i++ {
			if _, err := m.notes.AddAddendum(n.ID, "More."); err != nil {
				t.Fatal(err)
			}
		}
		w.Resize(size)
		if got := w.Canvas().Size(); got != size {
			t.Fatalf("the window is %v, not %v: the content needs more room", got, size)
		}
		screens := []struct {
			name string
			show func()
		}{
			{"start", func() { m.showStart() }},
			{"notes", func() { m.clients.choose(clients[0].ID); m.pane.tabs.SelectIndex(0); m.pane.openNote(n.ID) }},
			{"consent", func() { m.pane.tabs.SelectIndex(1) }},
			{"consultations", func() { m.pane.tabs.SelectIndex(2) }},
			{"client form", func() { m.pane.tabs.SelectIndex(0); m.pane.onEdit() }},
			{"search", func() { m.pane.closeForm(); m.onSearch(); test.Type(m.finder.query, "sle") }},
			{"settings", func() { m.finder.close(); m.onSettings() }},
		}
		for _, s := range screens {
			s.show()
			if s.name == "settings" {
				for i := range m.settingsOpen.sections {
					m.settingsOpen.list.Select(i)
					for _, p := range clipped(w) {
						t.Errorf("%v, settings %q: %s", size, m.settingsOpen.sections[i].title, p)
					}
				}
				continue
			}
			for _, p := range clipped(w) {
				t.Errorf("%v, %s: %s", size, s.name, p)
			}
		}
	}
}

// The release wizard at the two laptop sizes: every step, every kind of
// request on the first, the basis of an authorization and of a court, and
// the encrypted copy's fields on the last. Nothing is clipped and no
// scroll bar covers a button.
func TestReleaseWizardNotClippedAtLaptopSizes(t *testing.T) {
	for _, size := range []fyne.Size{fyne.NewSize(1100, 720), fyne.NewSize(1280, 800)} {
		c, w, clients := mainWithPractice(t)
		m := c.main
		if _, err := m.consent.AddAuthorization(consent.Authorization{ClientID: clients[0].ID, Info: "treatment summary and progress notes of 2026",
			Discloser: "Jane Porter, LCSW", Recipient: "Dr. Alan Kim, primary care physician at Lakeside Family Medicine",
			RecipientAddress: "44 Harbor Road, Suite 210\nIthaca, NY 14850", Purpose: "continuity of care with the primary care physician",
			Expires: "2027-06-30", Signed: "2026-11-01", Signer: "the client"}); err != nil {
			t.Fatal(err)
		}
		for i := 0; i < 4; i++ { // enough notes for the review to scroll
			n, err := m.notes.NewDraft(notes.Draft{ClientID: clients[0].ID, Kind: notes.Progress, Template: notes.Free,
				Session: notes.Session{Date: fmt.Sprintf("2026-10-%02d", 5+7*i), Start: "10:00", DurationMin: 50, ServiceCode: "90834"}})
			if err != nil {
				t.Fatal(err)
			}
			text := strings.Repeat("Maria describes the week at work and her sleep; the anxiety before meetings eased a little. ", 6)
			if err := m.notes.UpdateDraft(n.ID, []notes.Section{{Name: n.Sections[0].Name, Text: text}}); err != nil {
				t.Fatal(err)
			}
			if _, err := m.notes.Sign(n.ID); err != nil {
				t.Fatal(err)
			}
		}
		w.Resize(size)
		var wiz *releaseWizard
		orig := releaseShow
		releaseShow = func(rw *releaseWizard) { wiz = rw; rw.show() }
		m.clients.choose(clients[0].ID)
		m.pane.tabs.SelectIndex(1)
		tapButton(t, w, "Release records…")
		releaseShow = orig
		if wiz == nil {
			t.Fatal("no release wizard opened")
		}
		wiz.saveAs = func(name string, done func(string)) { done(filepath.Join(t.TempDir(), name)) }
		releasePending = nil
		wiz.spawn = func(job func()) { releasePending = append(releasePending, job) }
		check := func(where string) {
			t.Helper()
			releaseSettle(wiz)
			for _, p := range clipped(w) {
				t.Errorf("%v, release wizard, %s: %s", size, where, p)
			}
		}

		// Step 1, for every kind of request.
		for _, kind := range wiz.who.kind.Options {
			wiz.who.kind.SetSelected(kind)
			check("who: " + kind)
		}
		// Step 2 of a court order, then of the authorization on file.
		wiz.who.kind.SetSelected(releaseTypeLabels[consent.CourtOrder])
		releaseTap(t, wiz, "Next")
		check("basis of a court order")
		releaseTap(t, wiz, "Back")
		wiz.who.auth.SetSelectedIndex(0)
		releaseTap(t, wiz, "Next")
		releaseRequire(t, wiz, "Step 2 of 5")
		check("basis of an authorization")
		// The scope, the review, the release with each encrypted copy.
		releaseTap(t, wiz, "Next")
		releaseRequire(t, wiz, "Step 3 of 5")
		check("scope")
		releaseTap(t, wiz, "Next")
		releaseSettle(wiz)
		releaseRequire(t, wiz, "Step 4 of 5")
		check("review")
		wiz.check.markText.SetText("meetings")
		releaseTap(t, wiz, "Redact it")
		releaseSettle(wiz)
		releaseRequire(t, wiz, "Redacted by you")
		check("review, with a change of yours")
		releaseTap(t, wiz, "Next")
		releaseRequire(t, wiz, "Step 5 of 5")
		check("release")
		wiz.out.encrypt.SetChecked(true)
		check("release, encrypted to a key")
		wiz.out.how.SetSelected(releaseToPassphrase)
		check("release, encrypted with a passphrase")
		releaseTap(t, wiz, "Choose where to save…")
		check("release, a place chosen")
	}
}
