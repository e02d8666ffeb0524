package ui

import (
	"errors"
	"io"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/dialog"
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
	s.load = &widget.Button{Text: "Open a key file…", OnTapped: s.onLoad}
	back := &widget.Button{Text: "Back", Importance: widget.LowImportance, OnTapped: func() { s.c.showUnlock(false) }}

	return column(
		heading("Unlock with your recovery key"),
		paragraph("Type the recovery key printed on your recovery kit: it begins with AGE-SECRET-KEY-1 (spaces, line breaks and "+
			"capitals do not matter). Or open a key file, such as a recovery kit saved as text by an earlier Confide. "+
			"Confide then remembers this computer, so you will not need the key next time."),
		s.key,
		s.load,
		s.problem,
		s.activity,
		s.unlock,
		back,
	)
}

func (s *recoverScreen) onLoad() {
	dialog.ShowFileOpen(func(r fyne.URIReadCloser, err error) {
		if err != nil || r == nil {
			return
		}
		defer r.Close()
		data, err := io.ReadAll(io.LimitReader(r, 64<<10))
		if err != nil {
			title, msg := userMessage(err)
			say(s.problem, title+". "+msg)
			return
		}
		s.key.SetText(normalizeKeyText(string(data)))
	}, s.c.win)
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
