package ui

// Enter and Esc in dialogs. Fyne's dialogs take neither, and Fyne gives
// every key to the focused widget (or, with none, to the window): nothing
// on the canvas hears a key typed in a field. So:
//   - with no field focused, the window's keys work the top dialog's
//     buttons (Esc its way out, Enter its main button): dialogKey;
//   - the fields of dialogs are key-aware (keyEntry, keyCheck, keySelect):
//     each passes Esc, and Enter unless it uses Enter itself, to the top
//     dialog of its canvas: fieldKey. A text box keeps Enter for its new
//     lines, a field with OnSubmitted for that, a choice its own keys.
//
// Fyne's own fields are left: a radio button's items, the buttons and the
// file dialogs' name field are not key-aware, and Esc typed while one has
// the focus stays with it.

import (
	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/widget"
)

// keyEntry is a text field that passes Esc, and Enter in a single line
// without OnSubmitted, to the dialog it is in (or Esc to OnEscape).
type keyEntry struct {
	widget.Entry
	OnEscape func()
}

func newKeyEntry() *keyEntry {
	e := &keyEntry{}
	e.ExtendBaseWidget(e)
	return e
}

// newField is a one-line key-aware field holding text, with hint as its
// placeholder.
func newField(text, hint string) *keyEntry {
	e := newKeyEntry()
	e.Text, e.PlaceHolder = text, hint
	return e
}

// newTextBox is a key-aware text box of several lines, wrapping words.
func newTextBox(text, hint string) *keyEntry {
	e := newField(text, hint)
	e.MultiLine, e.Wrapping = true, fyne.TextWrapWord
	return e
}

// secretEntry is a key-aware password field.
func secretEntry(hint string) *keyEntry {
	e := newField("", hint)
	e.Password = true
	return e
}

// TypedKey passes Esc and Enter on, as above.
func (e *keyEntry) TypedKey(ev *fyne.KeyEvent) {
	switch ev.Name {
	case fyne.KeyEscape:
		if e.OnEscape != nil {
			e.OnEscape()
			return
		}
		if fieldKey(e, ev) {
			return
		}
	case fyne.KeyReturn, fyne.KeyEnter:
		if !e.MultiLine && e.OnSubmitted == nil && fieldKey(e, ev) {
			return
		}
	}
	e.Entry.TypedKey(ev)
}

// keyCheck is a check box that passes Esc and Enter to its dialog (it
// takes Space).
type keyCheck struct{ widget.Check }

func newKeyCheck(text string, changed func(bool)) *keyCheck {
	c := &keyCheck{}
	c.Text, c.OnChanged = text, changed
	c.ExtendBaseWidget(c)
	return c
}

// keyChecked is a key-aware check box, ticked when on.
func keyChecked(text string, on bool) *keyCheck {
	c := newKeyCheck(text, nil)
	c.Checked = on
	return c
}

func (c *keyCheck) TypedKey(ev *fyne.KeyEvent) {
	if !fieldKey(c, ev) {
		c.Check.TypedKey(ev)
	}
}

// keySelect is a drop-down choice that passes Esc and Enter to its dialog
// (it takes Space and the arrows; its open list takes Esc itself), or
// Enter to OnEnter when set.
type keySelect struct {
	widget.Select
	OnEnter func()
}

func newKeySelect(options []string, changed func(string)) *keySelect {
	s := &keySelect{}
	s.Options, s.OnChanged = options, changed
	s.ExtendBaseWidget(s)
	return s
}

func (s *keySelect) TypedKey(ev *fyne.KeyEvent) {
	if s.OnEnter != nil && (ev.Name == fyne.KeyReturn || ev.Name == fyne.KeyEnter) {
		s.OnEnter()
		return
	}
	if !fieldKey(s, ev) {
		s.Select.TypedKey(ev)
	}
}

// fieldKey works the top dialog of f's canvas for Esc or Enter typed in
// f; it reports whether it did. Fyne's canvas sends keys to the focus of
// its top overlay, so a focused field is in the top dialog.
func fieldKey(f interface {
	fyne.CanvasObject
	fyne.Focusable
}, ev *fyne.KeyEvent) bool {
	if ev.Name != fyne.KeyEscape && ev.Name != fyne.KeyReturn && ev.Name != fyne.KeyEnter {
		return false
	}
	cv := fyne.CurrentApp().Driver().CanvasForObject(f)
	if cv == nil || cv.Focused() != f {
		return false
	}
	return dialogKey(cv, ev)
}

// dialogKey works the buttons of cv's top dialog for Esc and Enter; it
// reports whether it did.
func dialogKey(cv fyne.Canvas, ev *fyne.KeyEvent) bool {
	pop, ok := cv.Overlays().Top().(*widget.PopUp)
	if !ok {
		return false
	}
	var b *widget.Button
	switch ev.Name {
	case fyne.KeyEscape:
		b = dismissButton(pop)
		if b == nil && !pop.Visible() {
			return false
		}
		if b == nil { // a pop-up without buttons: a menu, a calendar, or work under way
			if !showsProgress(pop) {
				pop.Hide()
			}
			return true
		}
	case fyne.KeyReturn, fyne.KeyEnter:
		b = confirmButton(pop)
	}
	if b == nil || b.OnTapped == nil {
		return false
	}
	b.OnTapped()
	return true
}

// showProgress shows a dialog saying that work is under way, which
// neither Esc nor Enter closes; call the function it returns when the
// work is done.
func showProgress(title string, win fyne.Window) (done func()) {
	bar := widget.NewProgressBarInfinite()
	d := dialog.NewCustomWithoutButtons(title, bar, win)
	d.Show()
	return func() {
		bar.Stop()
		d.Hide()
	}
}

// showsProgress reports whether a pop-up shows work under way, which Esc
// must not hide while it goes on.
func showsProgress(pop *widget.PopUp) bool {
	busy := false
	eachInDialog(pop.Content, func(o fyne.CanvasObject) {
		switch o.(type) {
		case *widget.ProgressBar, *widget.ProgressBarInfinite, *widget.Activity:
			busy = busy || o.Visible()
		}
	})
	return busy
}

// armDialog lets Enter in the top dialog's plain single-line fields (those
// not key-aware) confirm it, and takes the focus from a field behind the
// dialog, so that the keys reach the dialog.
func (c *Confide) armDialog() {
	pop, ok := c.win.Canvas().Overlays().Top().(*widget.PopUp)
	if !ok {
		return
	}
	focused, inside := c.win.Canvas().Focused(), false
	eachInDialog(pop.Content, func(o fyne.CanvasObject) {
		if f, ok := o.(fyne.Focusable); ok && f == focused {
			inside = true
		}
	})
	if focused != nil && !inside {
		c.win.Canvas().Unfocus()
	}
	eachInDialog(pop.Content, func(o fyne.CanvasObject) {
		e, ok := o.(*widget.Entry)
		if !ok || e.MultiLine || e.OnSubmitted != nil {
			return
		}
		e.OnSubmitted = func(string) {
			if b := confirmButton(pop); b != nil && b.OnTapped != nil {
				b.OnTapped()
			}
		}
	})
}

// dialogButtons are the visible, enabled buttons of a dialog.
func dialogButtons(pop *widget.PopUp) []*widget.Button {
	var out []*widget.Button
	eachInDialog(pop.Content, func(o fyne.CanvasObject) {
		if b, ok := o.(*widget.Button); ok && b.Visible() && !b.Disabled() && b.Text != "" {
			out = append(out, b)
		}
	})
	return out
}

// dismissWords are the labels of buttons that leave a dialog unchanged.
var dismissWords = map[string]bool{"Cancel": true, "Close": true, "No": true, "Not now": true, "Not yet": true, "OK": true, "Back": true,
	"Later": true, "Keep it": true}

// dismissButton is the button that leaves the dialog unchanged: Cancel,
// No, Close… or the only one.
func dismissButton(pop *widget.PopUp) *widget.Button {
	bs := dialogButtons(pop)
	for i := len(bs) - 1; i >= 0; i-- {
		if dismissWords[bs[i].Text] && bs[i].Importance != widget.HighImportance {
			return bs[i]
		}
	}
	if len(bs) == 1 {
		return bs[0]
	}
	return nil
}

// confirmButton is the dialog's main button: the one of high importance,
// or the only one.
func confirmButton(pop *widget.PopUp) *widget.Button {
	bs := dialogButtons(pop)
	for i := len(bs) - 1; i >= 0; i-- {
		if bs[i].Importance == widget.HighImportance {
			return bs[i]
		}
	}
	if len(bs) == 1 {
		return bs[0]
	}
	return nil
}

// eachInDialog calls fn on what a dialog holds, through its containers,
// forms and scrolls (the parts whose children are public).
func eachInDialog(o fyne.CanvasObject, fn func(fyne.CanvasObject)) {
	if o == nil {
		return
	}
	fn(o)
	switch x := o.(type) {
	case *fyne.Container:
		for _, child := range x.Objects {
			eachInDialog(child, fn)
		}
	case *widget.Form:
		for _, it := range x.Items {
			eachInDialog(it.Widget, fn)
		}
	case *container.Scroll:
		eachInDialog(x.Content, fn)
	case *widget.Card:
		eachInDialog(x.Content, fn)
	}
}
