package ui

import (
	"bytes"
	"errors"
	"io"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/storage"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"github.com/confidenotes/confide/vault"
)

// recoverScreen opens the vault with the recovery key, on a new computer
// or after the keyring was reset, and then enrolls this computer so that
// the next unlock needs no recovery key.
type recoverScreen struct {
	c *Confide

	key      *widget.Entry
	problem  *widget.Label
	activity *widget.Activity
	unlock   *widget.Button
	load     *widget.Button
}

func (s *recoverScreen) buildUI() fyne.CanvasObject {
	s.key = &widget.Entry{MultiLine: true, Wrapping: fyne.TextWrapBreak, TextStyle: fyne.TextStyle{Monospace: true},
		PlaceHolder: "AGE-SECRET-KEY-1…"}
	s.key.SetMinRowsVisible(3)
	s.problem = problemLabel()
	s.activity = widget.NewActivity()
	s.activity.Hide()
	s.unlock = &widget.Button{Text: "Unlock and remember this computer", Importance: widget.HighImportance, OnTapped: s.onUnlock}
	s.load = &widget.Button{Text: "Open the recovery kit file…", Icon: theme.FolderOpenIcon(), OnTapped: s.onLoad}
	back := &widget.Button{Text: "Back", Importance: widget.LowImportance, OnTapped: func() { s.c.showUnlock(false) }}

	return column(
		heading("Unlock with your recovery key"),
		paragraph("Type the recovery key printed on your recovery kit: it begins with AGE-SECRET-KEY-1 (spaces, line breaks and "+
			"capitals do not matter). Or, if you kept the recovery kit as a file (the PDF Confide saved), open it and Confide reads the key from it. "+
			"Confide then remembers this computer, so you will not need the key next time."),
		s.key,
		s.load,
		s.problem,
		s.activity,
		s.unlock,
		back,
	)
}

// kitLimit is the most Confide reads of a chosen kit file: a recovery kit
// PDF is some tens of kilobytes, its key a hundred characters.
const kitLimit = 4 << 20

// recoveryKitOpen asks for the recovery kit file (the PDF, or a key saved
// as text) and calls done with it, or with nil when the user cancelled.
// A variable, so that tests can stand in for the dialog.
var recoveryKitOpen = func(win fyne.Window, done func(fyne.URIReadCloser, error)) {
	d := dialog.NewFileOpen(done, win)
	d.SetFilter(storage.NewExtensionFileFilter([]string{".pdf", ".txt"}))
	d.Show()
}

// onLoad reads the key from the recovery kit the user opens: from the
// properties of the kit PDF, or the text of a key file, into the field.
func (s *recoverScreen) onLoad() {
	recoveryKitOpen(s.c.win, func(r fyne.URIReadCloser, err error) {
		if err != nil {
			title, msg := userMessage(err)
			say(s.problem, title+". "+msg)
			return
		}
		if r == nil {
			return // cancelled
		}
		defer r.Close()
		data, err := io.ReadAll(io.LimitReader(r, kitLimit))
		if err != nil {
			title, msg := userMessage(err)
			say(s.problem, title+". "+msg)
			return
		}
		s.loadKit(data)
	})
}

// loadKit puts the key of a kit file's contents into the field, or says
// why there is none.
func (s *recoverScreen) loadKit(data []byte) {
	say(s.problem, "")
	if !bytes.HasPrefix(bytes.TrimLeft(data, "\x00\t\r\n "), []byte("%PDF")) {
		text := normalizeKeyText(string(data))
		if !strings.HasPrefix(text, "AGE-SECRET-KEY-1") {
			say(s.problem, "This file holds no recovery key. Open the recovery kit PDF that Confide saved, or type the key printed on it.")
			return
		}
		s.key.SetText(text)
		return
	}
	key, err := kitKey(data)
	if err != nil || key == "" {
		say(s.problem, "This PDF is not a recovery kit Confide can read the key from (an older kit keeps it only on the page). "+
			"Type the key printed on it instead.")
		return
	}
	s.key.SetText(groupKey(key))
}

func (s *recoverScreen) onUnlock() {
	text := normalizeKeyText(s.key.Text)
	if text == "" {
		say(s.problem, "Type or paste your recovery key first.")
		return
	}
	ids, err := vault.ParseIdentities(strings.NewReader(text))
	if err != nil {
		say(s.problem, "That is not a recovery key. It starts with AGE-SECRET-KEY-1; check it against your recovery kit.")
		return
	}
	s.setBusy(true)
	c := s.c
	c.background(func() {
		v, err := vault.Open(c.opts.Dir, vault.WithIdentities(ids...), c.opts.VaultOptions...)
		if err != nil {
			fyne.Do(func() { s.setBusy(false); s.onFailed(err) })
			return
		}
		_, enrollErr := v.EnrollDevice(c.opts.DeviceLabel, c.opts.Store)
		fyne.Do(func() {
			if c.showMain(v) != nil && enrollErr != nil {
				title, msg := userMessage(enrollErr)
				dialog.ShowInformation("Confide could not remember this computer",
					"Your notes are open, but next time you will need the recovery key again. "+title+". "+msg, c.win)
			}
		})
	})
}

func (s *recoverScreen) onFailed(err error) {
	if errors.Is(err, vault.ErrWrongKey) {
		say(s.problem, "This key does not open your vault. Check it against your recovery kit: "+
			"it may belong to another vault, or have been replaced by a newer recovery key.")
		return
	}
	title, msg := userMessage(err)
	say(s.problem, title+". "+msg)
}

func (s *recoverScreen) setBusy(busy bool) {
	if busy {
		say(s.problem, "")
		s.unlock.Disable()
		s.activity.Show()
		s.activity.Start()
		return
	}
	s.activity.Stop()
	s.activity.Hide()
	s.unlock.Enable()
}
