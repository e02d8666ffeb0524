package ui

import (
	"errors"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/widget"

	"github.com/confidenotes/confide/vault"
)

// minPassphrase is the shortest passphrase accepted for a new vault.
const minPassphrase = 8

const (
	choiceKeyring    = "Unlock with this computer's keyring (nothing to type)"
	choicePassphrase = "Ask for a passphrase every time"
)

// welcomeScreen is the first run: it says what Confide does with the
// user's data, asks how the vault should unlock, and creates it.
type welcomeScreen struct {
	c *Confide

	choice     *widget.RadioGroup
	passphrase *widget.Entry
	repeat     *widget.Entry
	passBox    *fyne.Container
	problem    *widget.Label
	activity   *widget.Activity
	create     *widget.Button
}

func (s *welcomeScreen) buildUI() fyne.CanvasObject {
	s.choice = &widget.RadioGroup{Options: []string{choiceKeyring, choicePassphrase}, Selected: choiceKeyring,
		Required: true, OnChanged: s.onChoice}
	s.passphrase = &widget.Entry{Password: true, PlaceHolder: "Passphrase (at least 8 characters)"}
	s.repeat = &widget.Entry{Password: true, PlaceHolder: "The same passphrase again", OnSubmitted: func(string) { s.onCreate() }}
	s.passBox = container.NewVBox(s.passphrase, s.repeat)
	s.passBox.Hide()
	s.problem = problemLabel()
	s.activity = widget.NewActivity()
	s.activity.Hide()
	s.create = &widget.Button{Text: "Create my vault", Importance: widget.HighImportance, OnTapped: s.onCreate}

	return column(
		heading("Welcome to Confide"),
		paragraph("Confide keeps your session notes on this computer, and only here. "+
			"Everything is encrypted before it is written to the disk. Nothing is sent anywhere, "+
			"and Confide never needs the internet."),
		paragraph("Your notes are opened with a key that only this computer holds. "+
			"You will also get a recovery key, to keep on paper somewhere safe, in case this computer is lost or replaced."),
		&widget.Label{Text: "How should Confide open your notes?", TextStyle: fyne.TextStyle{Bold: true}},
		s.choice,
		s.passBox,
		s.problem,
		s.activity,
		s.create,
		&widget.Label{Text: "Your vault folder: " + s.c.opts.Dir, Wrapping: fyne.TextWrapBreak, SizeName: captionSize},
	)
}

// probeKeyring asks the key store, off the UI goroutine, whether it can be
// reached at all, and preselects the passphrase when it cannot: the
// choice shown first is one that works.
func (s *welcomeScreen) probeKeyring() {
	store := s.c.opts.Store
	s.c.background(func() {
		_, err := store.Get(keyringProbe)
		fyne.Do(func() {
			if errors.Is(err, vault.ErrNoKeyring) && s.c.welcome == s {
				s.noKeyring()
			}
		})
	})
}

// keyringProbe is a name no vault has: asking the keyring for it tells
// whether the keyring answers.
const keyringProbe = "confide-keyring-probe"

// noKeyring offers only the passphrase, and says why.
func (s *welcomeScreen) noKeyring() {
	s.choice.SetSelected(choicePassphrase)
	s.choice.Disable()
	say(s.problem, "This computer has no keyring Confide can use, so the key cannot be kept there. "+
		"Choose a passphrase instead: Confide will ask for it each time it opens.")
}

func (s *welcomeScreen) onChoice(choice string) {
	if choice == choicePassphrase {
		s.passBox.Show()
		if cv := s.c.win.Canvas(); cv != nil {
			cv.Focus(s.passphrase)
		}
	} else {
		s.passBox.Hide()
	}
	say(s.problem, "")
}

func (s *welcomeScreen) onCreate() {
	copts := vault.CreateOptions{Label: s.c.opts.DeviceLabel, Store: s.c.opts.Store}
	if s.choice.Selected == choicePassphrase {
		p := s.passphrase.Text
		switch {
		case len([]rune(p)) < minPassphrase:
			say(s.problem, "Choose a passphrase of at least 8 characters.")
			return
		case p != s.repeat.Text:
			say(s.problem, "The two passphrases are not the same. Type them again.")
			return
		}
		copts = vault.CreateOptions{Label: s.c.opts.DeviceLabel, Passphrase: p}
	}
	s.setBusy(true)
	s.c.background(func() {
		v, created, err := vault.Create(s.c.opts.Dir, copts, s.c.opts.VaultOptions...)
		fyne.Do(func() {
			s.setBusy(false)
			if err != nil {
				s.onFailed(err)
				return
			}
			s.c.showRecoveryKey(v, created)
		})
	})
}

func (s *welcomeScreen) onFailed(err error) {
	if errors.Is(err, vault.ErrNoKeyring) {
		s.noKeyring()
		return
	}
	title, msg := userMessage(err)
	say(s.problem, title+". "+msg)
}

func (s *welcomeScreen) setBusy(busy bool) {
	if busy {
		say(s.problem, "")
		s.create.Disable()
		s.activity.Show()
		s.activity.Start()
		return
	}
	s.activity.Stop()
	s.activity.Hide()
	s.create.Enable()
}
