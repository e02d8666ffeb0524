package ui

import (
	"image/color"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/driver/desktop"
	"fyne.io/fyne/v2/storage"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"github.com/confidenotes/confide/notes"
)

// Every text colour the app draws meets WCAG AA (4.5:1) on every
// background it is drawn on, in the light and the dark theme, whatever the
// system's variant: greyed menu items and secondary text included.
func TestThemeContrastMeetsWCAGAA(t *testing.T) {
	texts := []fyne.ThemeColorName{theme.ColorNameForeground, theme.ColorNameDisabled, theme.ColorNamePlaceHolder,
		theme.ColorNameSuccess, theme.ColorNameWarning, theme.ColorNameError}
	backs := []fyne.ThemeColorName{theme.ColorNameBackground, theme.ColorNameOverlayBackground,
		theme.ColorNameMenuBackground, theme.ColorNameInputBackground, theme.ColorNameHeaderBackground}
	for _, look := range []string{lookLight, lookDark} {
		for _, system := range []fyne.ThemeVariant{theme.VariantLight, theme.VariantDark} {
			th := &confideTheme{look: look, scale: 1}
			for _, fg := range texts {
				for _, bg := range backs {
					if r := contrast(th.Color(fg, system), th.Color(bg, system)); r < 4.5 {
						t.Errorf("%s theme: %s on %s has contrast %.2f:1, want at least 4.5:1", look, fg, bg, r)
					}
				}
			}
			// A menu item's shortcut, as Fyne 2.7 colours it (menu_item.go,
			// shortcutColor): the text colour's 16-bit alpha times 0.95, cut
			// to 8 bits.
			r, g, b, a := th.Color(theme.ColorNameForeground, system).RGBA()
			a = uint32(float32(a) * 0.95)
			short := color.NRGBA{R: uint8(r), G: uint8(g), B: uint8(b), A: uint8(a)}
			if r := contrast(short, th.Color(theme.ColorNameMenuBackground, system)); r < 4.5 {
				t.Errorf("%s theme: a menu item's shortcut has contrast %.2f:1", look, r)
			}
			// Button text on the primary colour.
			if r := contrast(th.Color(theme.ColorNameForegroundOnPrimary, system), th.Color(theme.ColorNamePrimary, system)); r < 4.5 {
				t.Errorf("%s theme: text on primary buttons has contrast %.2f:1", look, r)
			}
		}
	}
	// The checks themselves: an opaque text colour gives Fyne's menu
	// shortcuts alpha 50, and Fyne's own dark grey is too faint.
	{
		r, g, b, a := theme.DefaultTheme().Color(theme.ColorNameForeground, theme.VariantDark).RGBA()
		a = uint32(float32(a) * 0.95)
		if c := contrast(color.NRGBA{R: uint8(r), G: uint8(g), B: uint8(b), A: uint8(a)},
			theme.DefaultTheme().Color(theme.ColorNameMenuBackground, theme.VariantDark)); c >= 4.5 {
			t.Errorf("Fyne's own menu shortcuts have contrast %.2f: the check would not catch them", c)
		}
	}
	if r := contrast(theme.DefaultTheme().Color(theme.ColorNameDisabled, theme.VariantDark),
		theme.DefaultTheme().Color(theme.ColorNameBackground, theme.VariantDark)); r >= 4.5 {
		t.Errorf("Fyne's dark disabled colour has contrast %.2f: the test would not catch a grey that is too faint", r)
	}
}

// "Follow the system" draws the system's variant; light and dark are
// fixed whatever the system says; the text size scales the text.
func TestThemeVariantAndTextSize(t *testing.T) {
	bg := func(look string, system fyne.ThemeVariant) float64 {
		return luminance((&confideTheme{look: look, scale: 1}).Color(theme.ColorNameBackground, system))
	}
	if bg(lookSystem, theme.VariantDark) > 0.1 || bg(lookSystem, theme.VariantLight) < 0.9 {
		t.Error("following the system does not follow it")
	}
	if bg(lookLight, theme.VariantDark) < 0.9 || bg(lookDark, theme.VariantLight) > 0.1 {
		t.Error("a chosen theme follows the system instead")
	}
	a := test.NewTempApp(t)
	a.Preferences().SetString(prefTextSize, "Larger")
	a.Preferences().SetString(prefLook, lookDark)
	applyTheme(a)
	if got, base := a.Settings().Theme().Size(theme.SizeNameText), theme.DefaultTheme().Size(theme.SizeNameText); got < base*1.25 {
		t.Errorf("Larger text is %v, Fyne's is %v", got, base)
	}
	l := widget.NewLabel("Some text")
	large := l.MinSize().Height
	a.Preferences().SetString(prefTextSize, "Small")
	applyTheme(a)
	l.Refresh()
	if small := l.MinSize().Height; small >= large {
		t.Errorf("a label is %v high with small text and %v with larger text", small, large)
	}
}

// Shortcuts are named with the modifier of the system: Ctrl on Linux and
// Windows, ⌘ on macOS.
func TestShortcutLabels(t *testing.T) {
	defer func(g string) { goos = g }(goos)
	for _, tt := range []struct {
		os, lock, sign, settings string
	}{
		{"linux", "Ctrl+L", "Ctrl+Shift+S", "Ctrl+,"},
		{"windows", "Ctrl+L", "Ctrl+Shift+S", "Ctrl+,"},
		{"darwin", "⌘L", "⇧⌘S", "⌘,"},
	} {
		goos = tt.os
		if got := shortcutText(lockShortcut); got != tt.lock {
			t.Errorf("%s: lock is %q, want %q", tt.os, got, tt.lock)
		}
		if got := shortcutText(signShortcut); got != tt.sign {
			t.Errorf("%s: sign is %q, want %q", tt.os, got, tt.sign)
		}
		if got := shortcutText(settingsShortcut); got != tt.settings {
			t.Errorf("%s: settings is %q, want %q", tt.os, got, tt.settings)
		}
	}
	goos = "darwin"
	c, w, _ := mainWithPractice(t)
	c.main.showStart()
	if all := allText(w); strings.Contains(all, "Ctrl+") || !strings.Contains(all, "⌘N starts a note") {
		t.Errorf("on macOS the window shows Ctrl, or no ⌘:\n%s", all)
	}
}

// Ctrl+Q quits, saving what is being written and closing the vault.
func TestCtrlQQuits(t *testing.T) {
	c, w, clients := mainWithPractice(t)
	c.main.clients.choose(clients[0].ID)
	w.Canvas().(fyne.Shortcutable).TypedShortcut(quitShortcut)
	c.mu.Lock()
	closed := c.closed && c.v == nil
	c.mu.Unlock()
	if !closed {
		t.Fatal("Ctrl+Q did not close the vault")
	}
}

// The window title never names a client, in or out of privacy mode.
func TestTitleNeverNamesAClient(t *testing.T) {
	c, w, clients := mainWithPractice(t)
	for _, privacy := range []bool{false, true} {
		c.main.setPrivacy(privacy)
		for _, cl := range clients {
			c.main.clients.choose(cl.ID)
			if w.Title() != "Confide" {
				t.Errorf("privacy %v: the title is %q with %s chosen", privacy, w.Title(), cl.Name)
			}
		}
		c.main.pane.onEdit()
		if w.Title() != "Confide" {
			t.Errorf("the title is %q while a client's details are edited", w.Title())
		}
	}
}

// Settings is a page in the window, not a dialog, with a list of
// sections; no section speaks in command-line terms; Back and Esc return
// to where the user was; the appearance applies at once.
func TestSettingsIsAPage(t *testing.T) {
	c, w, clients := mainWithPractice(t)
	c.main.clients.choose(clients[0].ID)
	before := w.Content()
	w.Canvas().(fyne.Shortcutable).TypedShortcut(settingsShortcut)
	s := c.main.settingsOpen
	if s == nil || w.Content() == before || w.Canvas().Overlays().Top() != nil {
		t.Fatal("Settings is not a page in the window")
	}
	for i := range s.sections {
		s.list.Select(i)
		all := allText(w)
		for _, cli := range []string{"--", "CONFIDE_VAULT", "confidectl", "command line", "flag"} {
			if strings.Contains(all, cli) {
				t.Errorf("the %q section says %q:\n%s", s.sections[i].title, cli, all)
			}
		}
	}
	s.chooseTitled("Appearance")
	s.look.SetSelected("Light")
	if got := c.app.Settings().Theme().Color(theme.ColorNameBackground, theme.VariantDark); luminance(got) < 0.9 {
		t.Error("choosing Light does not make the window light")
	}
	if c.app.Preferences().String(prefLook) != lookLight {
		t.Error("the appearance is not kept")
	}
	w.Canvas().(fyne.Canvas).OnTypedKey()(&fyne.KeyEvent{Name: fyne.KeyEscape})
	if w.Content() != before || c.main.settingsOpen != nil {
		t.Fatal("Esc does not leave the settings page")
	}
	requireText(t, w, "Maria Garcia (Mia)") // back where the user was
}

// The idle-lock PIN: offered on the first unlock, asked after Confide
// locked by itself (not after the user locked it), also across a restart
// in the same boot; wrong PINs are counted and, after too many, only the
// recovery key opens the vault. The PIN is never kept in plain text.
func TestIdleLockAsksForThePIN(t *testing.T) {
	clock := newFakeClock()
	store := newMemStore()
	dir, recovery := newVault(t, store, "")
	opts := Options{Dir: dir, Store: store, Now: clock.Now}
	opts.manualTick = true
	a := test.NewTempApp(t)
	w := test.NewTempWindow(t, nil)
	c := Create(a, w, opts)
	t.Cleanup(func() { c.work.Wait(); c.Close() })
	c.work.Wait()
	if c.main == nil {
		t.Fatal("the first unlock needed typing")
	}
	requireDialog(t, w, "Choose a PIN for when you step away?")
	tapButton(t, w, "Choose a PIN…")
	// Esc in the PIN field closes the dialog; choose again.
	w.Canvas().Focused().TypedKey(&fyne.KeyEvent{Name: fyne.KeyEscape})
	if w.Canvas().Overlays().Top() != nil {
		t.Fatal("Esc in the PIN field does not close the dialog")
	}
	c.choosePIN(nil)
	typeTwice(t, w, "4826")
	tapButton(t, w, "Use this PIN")
	for k, v := range store.keys {
		if strings.Contains(v, "4826") {
			t.Fatalf("the key store holds the PIN in plain text under %q", k)
		}
	}
	if r, _ := c.loadPIN(); r == nil || r.N < 1<<15 {
		t.Fatalf("no slow PIN hash kept: %+v", r)
	}

	// The user locks: no PIN.
	c.onLock()
	settle(c)
	if c.unlock == nil || c.unlock.pinMode {
		t.Fatal("a lock by the user asks for the PIN")
	}
	test.Tap(c.unlock.unlock)
	settle(c)

	// Confide locks by itself: the PIN.
	idle := func() {
		clock.advance(11 * time.Minute)
		c.tick()
		settle(c)
		if c.unlock == nil || !c.unlock.pinMode {
			t.Fatalf("after an idle lock the PIN is not asked; the window shows:\n%s", texts(w))
		}
	}
	idle()
	test.Tap(c.unlock.unlock)
	settle(c)
	if c.main != nil {
		t.Fatal("unlocked with no PIN typed")
	}
	test.Type(c.unlock.pin, "1111")
	c.unlock.pin.OnSubmitted(c.unlock.pin.Text) // Enter
	settle(c)
	if c.main != nil {
		t.Fatal("a wrong PIN unlocked")
	}
	requireText(t, w, "That PIN is not right. 4 tries left.")
	test.Type(c.unlock.pin, "4826")
	test.Tap(c.unlock.unlock)
	settle(c)
	if c.main == nil {
		t.Fatalf("the right PIN did not unlock; the window shows:\n%s", texts(w))
	}
	if r, _ := c.loadPIN(); r.Fails != 0 || r.Required != "" {
		t.Errorf("after the right PIN the record still says %+v", r)
	}

	// Quitting and starting again does not skip it (same boot).
	idle()
	c.Quit()
	c = Create(test.NewTempApp(t), test.NewTempWindow(t, nil), opts)
	c.work.Wait()
	if c.main != nil || c.unlock == nil || !c.unlock.pinMode {
		t.Fatal("a restart skipped the PIN the idle lock asked for")
	}

	// Too many wrong tries: only the recovery key.
	for i := 0; i < maxPINTries; i++ {
		test.Type(c.unlock.pin, "0000")
		test.Tap(c.unlock.unlock)
		settle(c)
	}
	if shown := texts(c.win); strings.Contains(shown, "[Unlock]") || !strings.Contains(shown, "typed wrong too many times") {
		t.Fatalf("after %d wrong PINs the window shows:\n%s", maxPINTries, texts(c.win))
	}
	test.Tap(c.unlock.recover)
	c.recover.key.SetText(recovery)
	test.Tap(c.recover.unlock)
	settle(c)
	if c.main == nil {
		t.Fatalf("the recovery key did not unlock; the window shows:\n%s", texts(c.win))
	}
	if r, _ := c.loadPIN(); r.Fails != 0 || r.Required != "" {
		t.Errorf("after the recovery key the record still says %+v", r)
	}
	c.Quit()

	// The next start (after login) needs no typing.
	c = Create(test.NewTempApp(t), test.NewTempWindow(t, nil), opts)
	c.work.Wait()
	if c.main == nil {
		t.Fatal("a start with no idle lock pending asked for something")
	}
}

// Enter and Esc work in dialogs: Esc takes the way out, Enter the main
// button, also from a field of a form dialog.
func TestDialogsTakeEnterAndEsc(t *testing.T) {
	c, w, clients := mainWithPractice(t)
	m := c.main
	key := func(name fyne.KeyName) {
		c.tick() // as every second: the dialog's fields learn Enter, the focus leaves the form behind
		w.Canvas().(interface {
			OnTypedKey() func(*fyne.KeyEvent)
		}).OnTypedKey()(&fyne.KeyEvent{Name: name})
	}
	m.clients.choose(clients[0].ID)
	m.pane.onEdit()
	test.Type(m.pane.form.employer, "Harbor Bakery")
	test.Tap(m.pane.form.cancel)
	requireDialog(t, w, "Drop these changes?")
	key(fyne.KeyEscape)
	if w.Canvas().Overlays().Top() != nil || m.pane.form == nil {
		t.Fatal("Esc did not say No to dropping the changes")
	}
	test.Tap(m.pane.form.cancel)
	key(fyne.KeyReturn)
	if w.Canvas().Overlays().Top() != nil || m.pane.form != nil {
		t.Fatal("Enter did not say Yes to dropping the changes")
	}

	// A form dialog: Enter typed in its date field starts the note.
	m.pane.onNewNote()
	var date *keyEntry
	everything(w, func(o fyne.CanvasObject) {
		if e, ok := o.(*keyEntry); ok && e.Text == "2026-11-23" {
			date = e
		}
	})
	if date == nil {
		t.Fatal("the new-note dialog has no date field")
	}
	w.Canvas().Focus(date)
	date.TypedKey(&fyne.KeyEvent{Name: fyne.KeyReturn})
	if w.Canvas().Overlays().Top() != nil || m.pane.editor == nil {
		t.Fatal("Enter in the new-note dialog did not start the note")
	}

	// An information dialog closes with Enter, or Esc.
	m.pane.closeNote()
	m.pane.editor = nil
	m.onSign()
	requireDialog(t, w, "No draft is open")
	key(fyne.KeyEscape)
	if w.Canvas().Overlays().Top() != nil {
		t.Fatal("Esc did not close the information")
	}
}

// The mouse wheel over a text box scrolls the form as it does anywhere
// else (Fyne gives the wheel to the innermost scrollable thing: a text
// box swallowed it), while a click still goes to the text box, and a
// text box grows with its lines rather than scrolling by itself.
func TestWheelOverTextBoxesScrollsTheForm(t *testing.T) {
	c, w, clients := mainWithPractice(t)
	m := c.main
	m.clients.choose(clients[0].ID)
	m.pane.onEdit()
	f := m.pane.form
	d := fyne.CurrentApp().Driver()
	centre := func(o fyne.CanvasObject) fyne.Position {
		return d.AbsolutePositionForObject(o).Add(fyne.NewPos(o.Size().Width/2, o.Size().Height/2))
	}
	wheel := func(o fyne.CanvasObject) float32 {
		f.scroll.ScrollToTop()
		test.Scroll(w.Canvas(), centre(o), 0, -75) // three notches down
		return f.scroll.Offset.Y
	}
	beside := wheel(f.name) // a one-line field: never swallowed the wheel
	if beside < 70 {
		t.Fatalf("the wheel moves the form %v over a one-line field, want 75", beside)
	}
	for _, box := range []*widget.Entry{f.phones, f.emails, f.addresses, f.other} {
		if got := wheel(box); got != beside {
			t.Errorf("over the %q box the wheel moves the form %v, elsewhere %v", box.PlaceHolder, got, beside)
		}
	}

	// A click, a drag or the pointer over the box still lands in it: the
	// innermost thing under the pointer that takes each, as the driver
	// finds it, is the box or a part of it.
	f.scroll.ScrollToTop()
	for name, takes := range map[string]func(fyne.CanvasObject) bool{
		"click": func(o fyne.CanvasObject) bool { _, ok := o.(fyne.Tappable); return ok },
		"drag":  func(o fyne.CanvasObject) bool { _, ok := o.(fyne.Draggable); return ok },
		"hover": func(o fyne.CanvasObject) bool { _, ok := o.(desktop.Hoverable); return ok },
	} {
		var got fyne.CanvasObject
		at := centre(f.phones)
		everything(w, func(o fyne.CanvasObject) {
			p, s := d.AbsolutePositionForObject(o), o.Size()
			if o.Visible() && takes(o) && at.X >= p.X && at.Y >= p.Y && at.X < p.X+s.Width && at.Y < p.Y+s.Height {
				got = o
			}
		})
		if _, ok := got.(*wheelCatcher); ok || (name != "hover" && (got == nil || !holds(f.phones, got))) {
			t.Errorf("a %s over the phones box goes to %T, not the box", name, got)
		}
	}
	// It grows with its lines.
	h := f.phones.MinSize().Height
	f.phones.SetText("555-0100\n555-0101\n555-0102\n555-0103\n555-0104\n555-0105")
	if f.phones.MinSize().Height < 2*h {
		t.Errorf("six phone lines leave the box %v high, two were %v", f.phones.MinSize().Height, h)
	}

	// In the note editor too.
	m.pane.closeForm()
	m.pane.newNoteOf(notes.Progress, notes.SOAP, "2026-11-24")
	w.Resize(fyne.NewSize(1100, 420)) // the note runs past the window
	var scroll *container.Scroll
	first := m.pane.editor.sections[0]
	everything(w, func(o fyne.CanvasObject) {
		if s, ok := o.(*container.Scroll); ok && scroll == nil && holds(s.Content, first) {
			scroll = s
		}
	})
	test.Scroll(w.Canvas(), centre(m.pane.editor.sections[1]), 0, -50)
	if scroll == nil || scroll.Offset.Y < 45 {
		t.Fatal("the wheel over a section of the note does not scroll the note")
	}
}

// File dialogs list whole file names, one a line, rather than a grid that
// breaks them mid-word; a user's own choice of the grid is kept.
func TestFileDialogsListWholeNames(t *testing.T) {
	c, w, _ := mainWithPractice(t)
	w.Resize(fyne.NewSize(1100, 720))
	dir := t.TempDir()
	long := "consultation-for-dr-reyes-supervision.pdf"
	if err := os.WriteFile(filepath.Join(dir, long), []byte("x"), 0o600); err != nil {
		t.Fatal(err)
	}
	loc, err := storage.ListerForURI(storage.NewFileURI(dir))
	if err != nil {
		t.Fatal(err)
	}
	dlg := dialog.NewFileSave(func(fyne.URIWriteCloser, error) {}, w)
	dlg.SetLocation(loc)
	dlg.Show()
	line := widget.NewLabel("M").MinSize().Height
	var found bool
	everything(w, func(o fyne.CanvasObject) {
		if l, ok := o.(*widget.Label); ok && strings.HasPrefix(l.Text, "consultation-for") {
			found = true
			if l.Size().Height > line+1 || l.Text != long {
				t.Errorf("the file name shows as %q, %v high (one line is %v)", l.Text, l.Size().Height, line)
			}
		}
	})
	if !found {
		t.Fatal("the file dialog does not list the file")
	}
	c.app.Preferences().SetInt(fileDialogLayoutKey, int(dialog.GridView))
	listFileDialogs(c.app.Preferences())
	if c.app.Preferences().Int(fileDialogLayoutKey) != int(dialog.GridView) {
		t.Error("the user's choice of the grid is overridden")
	}
}
