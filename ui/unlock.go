package ui

import (
	"errors"
	"fmt"
	"os"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/widget"

	"github.com/confidenotes/confide/vault"
)

// unlockScreen opens an existing vault: from the keyring with no typing,
// with the passphrase, or with an identity file; it explains what went
// wrong, and leads to recovery when this computer has no key.
type unlockScreen struct {
	c *Confide

	title      *widget.Label
	message    *widget.Label
	problem    *widget.Label
	activity   *widget.Activity
	passphrase *widget.Entry
	unlock     *widget.Button
	retry      *widget.Button
	recover    *widget.Button
	body       *fyne.Container
	frame      *container.Scroll

	passMode bool // the vault unlocks with its passphrase
	pinMode  bool // the idle lock wants the PIN before the keyring
	pin      *widget.Entry
}

func (s *unlockScreen) buildUI() fyne.CanvasObject {
	s.title = heading("")
	s.message = paragraph("")
	s.problem = problemLabel()
	s.activity = widget.NewActivity()
	s.passphrase = &widget.Entry{Password: true, PlaceHolder: "Passphrase", OnSubmitted: func(string) { s.onUnlock() }}
	s.pin = &widget.Entry{Password: true, PlaceHolder: "PIN", OnSubmitted: func(string) { s.onUnlock() }}
	s.unlock = &widget.Button{Text: "Unlock", Importance: widget.HighImportance, OnTapped: s.onUnlock}
	s.retry = &widget.Button{Text: "Retry", Importance: widget.HighImportance, OnTapped: s.onUnlock}
	s.recover = &widget.Button{Text: "Use my recovery key", Importance: widget.LowImportance, OnTapped: s.c.showRecover}
	s.body = container.NewVBox()
	s.frame = column(s.body)
	return s.frame
}

// start shows the first state: the passphrase prompt for a passphrase
// vault, else an unlock at once (auto) or a locked screen waiting for the
// user.
func (s *unlockScreen) start(auto bool) {
	_, needPIN := s.c.pinRequired()
	switch {
	case s.c.opts.IdentityFile == "" && vault.HasPassphrase(s.c.opts.Dir):
		s.showPassphrase("")
	case needPIN:
		s.showPIN("")
	case auto:
		s.onUnlock()
	default:
		s.showLocked(nil)
	}
}

func (s *unlockScreen) set(title, message string, objects ...fyne.CanvasObject) {
	s.title.SetText(title)
	s.message.SetText(message)
	s.activity.Stop()
	s.body.Objects = append([]fyne.CanvasObject{s.title, s.message}, objects...)
	s.frame.Content.Refresh() // the column re-centres the new content
}

// showWorking shows progress while the vault is opened or locked.
func (s *unlockScreen) showWorking(what string) {
	s.set(what, "")
	s.body.Objects = []fyne.CanvasObject{s.title, s.activity}
	s.frame.Content.Refresh()
	s.activity.Start()
}

// showLocked is the screen after Lock: nothing of the notes is left, and
// Unlock opens them again. lockErr is what Lock reported, if anything.
func (s *unlockScreen) showLocked(lockErr error) {
	_, needPIN := s.c.pinRequired()
	if s.c.opts.IdentityFile == "" && vault.HasPassphrase(s.c.opts.Dir) {
		s.showPassphrase("")
	} else if needPIN {
		s.showPIN("")
	} else {
		s.set("Your notes are locked", "Choose Unlock to open them again.", s.problem, s.unlock)
	}
	if s.c.pendingRotate {
		s.message.SetText(s.message.Text + " Then Confide makes and shows your new recovery key.")
	}
	say(s.problem, "")
	if lockErr != nil {
		title, msg := userMessage(lockErr)
		say(s.problem, title+". "+msg)
	}
}

// showPassphrase asks for the vault passphrase; problem says why the last
// one was refused.
func (s *unlockScreen) showPassphrase(problem string) {
	s.passMode = true
	s.passphrase.SetText("")
	say(s.problem, problem)
	s.set("Your notes are locked", "Enter your passphrase to open them.",
		s.passphrase, s.problem, s.unlock, s.recover)
	if cv := s.c.win.Canvas(); cv != nil {
		cv.Focus(s.passphrase)
	}
}

// showPIN asks for the PIN after an idle lock; problem says why the last
// one was refused. After too many wrong PINs only the recovery key is left.
func (s *unlockScreen) showPIN(problem string) {
	s.pinMode = true
	s.pin.SetText("")
	if r, _ := s.c.loadPIN(); r != nil && r.lockedOut() {
		s.recover.Importance = widget.HighImportance
		say(s.problem, "")
		s.set("Your notes are locked", "The PIN was typed wrong too many times. Your recovery key opens your notes now; "+
			"Confide then asks for the PIN again only after its next idle lock.", s.recover)
		return
	}
	say(s.problem, problem)
	s.set("Your notes are locked", "Confide locked itself while you were away. Enter your PIN to open your notes.",
		s.pin, s.problem, s.unlock, s.recover)
	if cv := s.c.win.Canvas(); cv != nil {
		cv.Focus(s.pin)
	}
}

// onPIN checks the PIN, off the UI goroutine (scrypt takes a moment), and
// unlocks from the keyring when it is right.
func (s *unlockScreen) onPIN() {
	if s.pin.Text == "" {
		say(s.problem, "Type your PIN first.")
		return
	}
	pin := s.pin.Text
	s.showWorking("Unlocking…")
	s.c.background(func() {
		ok, r, err := s.c.checkPIN(pin)
		fyne.Do(func() {
			switch {
			case err != nil:
				s.showProblem(err)
			case ok:
				s.pinMode = false
				s.openWith(vault.FromStore(s.c.opts.Store))
			case r != nil && !r.lockedOut():
				left := maxPINTries - r.Fails
				msg := "That PIN is not right. " + itoa(left) + " tries left."
				if left == 1 {
					msg = "That PIN is not right. 1 try left; then only your recovery key opens your notes."
				}
				s.showPIN(msg)
			default:
				s.showPIN("")
			}
		})
	})
}

// showProblem explains err, with Retry, and the recovery key where that
// is the way in.
func (s *unlockScreen) showProblem(err error) {
	title, msg := userMessage(err)
	say(s.problem, "")
	objects := []fyne.CanvasObject{s.retry}
	if errors.Is(err, vault.ErrNoKey) || errors.Is(err, vault.ErrNoKeyring) || errors.Is(err, vault.ErrWrongKey) {
		s.recover.Importance = widget.MediumImportance
		objects = append(objects, s.recover)
	}
	if errors.Is(err, vault.ErrNoKey) {
		s.recover.Importance = widget.HighImportance
		s.retry.Importance = widget.MediumImportance
		objects = []fyne.CanvasObject{s.recover, s.retry}
	}
	s.set(title, msg, objects...)
}

// key is how to unlock this time.
func (s *unlockScreen) key() (vault.Key, error) {
	switch {
	case s.c.opts.IdentityFile != "":
		f, err := os.Open(s.c.opts.IdentityFile)
		if err != nil {
			return nil, fmt.Errorf("read the identity file: %w", err)
		}
		defer f.Close()
		ids, err := vault.ParseIdentities(f)
		if err != nil {
			return nil, err
		}
		return vault.WithIdentities(ids...), nil
	case s.passMode:
		return vault.WithPassphrase(s.passphrase.Text), nil
	default:
		return vault.FromStore(s.c.opts.Store), nil
	}
}

func (s *unlockScreen) onUnlock() {
	if s.pinMode {
		s.onPIN()
		return
	}
	if s.passMode && s.passphrase.Text == "" {
		say(s.problem, "Type your passphrase first.")
		return
	}
	key, err := s.key()
	if err != nil {
		s.showProblem(err)
		return
	}
	s.openWith(key)
}

// openWith opens the vault with key in the background and shows it.
func (s *unlockScreen) openWith(key vault.Key) {
	s.showWorking("Unlocking…")
	s.c.background(func() {
		v, err := vault.Open(s.c.opts.Dir, key, s.c.opts.VaultOptions...)
		fyne.Do(func() {
			if err != nil {
				s.onFailed(err)
				return
			}
			s.c.showMain(v)
		})
	})
}

func (s *unlockScreen) onFailed(err error) {
	switch {
	case errors.Is(err, vault.ErrNeedPassphrase):
		s.showPassphrase("")
	case s.passMode && errors.Is(err, vault.ErrWrongKey):
		s.showPassphrase("That passphrase does not open your notes. Check Caps Lock and try again.")
	default:
		s.showProblem(err)
	}
}
