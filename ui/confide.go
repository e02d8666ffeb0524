package ui

import (
	"os"
	"sync"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/driver/desktop"

	"github.com/confidenotes/confide/vault"
)

// AppID is the application id: preferences and the desktop entry use it.
const AppID = "org.confidenotes.confide"

// Options say which vault the window opens and where its keys are.
type Options struct {
	// Dir is the vault folder; vault.DefaultDir() when empty.
	Dir string
	// Store keeps this computer's device key; vault.OSKeyring{} when nil.
	// Tests pass an in-memory store.
	Store vault.KeyStore
	// IdentityFile, when set, unlocks with the age identities in that file
	// instead of the store (for automation and machines without a keyring).
	IdentityFile string
	// DeviceLabel names this computer in the vault's recipients; the host
	// name when empty.
	DeviceLabel string
	// VaultOptions are passed to vault.Create and vault.Open.
	VaultOptions []vault.Option
}

func (o Options) withDefaults() Options {
	if o.Dir == "" {
		o.Dir = vault.DefaultDir()
	}
	if o.Store == nil {
		o.Store = vault.OSKeyring{}
	}
	if o.DeviceLabel == "" {
		o.DeviceLabel = "this computer"
		if h, err := os.Hostname(); err == nil && h != "" {
			o.DeviceLabel = h
		}
	}
	return o
}

// Confide is the running interface of one window: it moves between the
// screens and owns the open vault, if any.
type Confide struct {
	app  fyne.App
	win  fyne.Window
	opts Options

	lockItem *fyne.MenuItem
	work     sync.WaitGroup // background work, so tests can wait for it
	locking  sync.WaitGroup // a Lock still compacting, which Close waits for

	mu     sync.Mutex
	v      *vault.Vault // nil while locked
	closed bool

	// The screen on show; exactly one is non-nil.
	welcome     *welcomeScreen
	recoveryKey *recoveryKeyScreen
	unlock      *unlockScreen
	recover     *recoverScreen
	main        *mainScreen
}

// Create builds Confide in w: the welcome screen on the first run, otherwise
// the unlock screen, which unlocks from the keyring at once when it can.
// Closing the window closes the vault (compacting it) and quits.
func Create(a fyne.App, w fyne.Window, opts Options) *Confide {
	c := &Confide{app: a, win: w, opts: opts.withDefaults()}
	restoreWindowSize(w, a.Preferences())
	w.SetCloseIntercept(c.Quit)
	// The menu item's shortcut works even while a text field has the
	// focus; the canvas shortcut serves drivers without a main menu.
	w.Canvas().AddShortcut(lockShortcut, func(fyne.Shortcut) { c.onLock() })
	c.lockItem = &fyne.MenuItem{Label: "Lock", Shortcut: lockShortcut, Action: c.onLock, Disabled: true}
	quit := &fyne.MenuItem{Label: "Quit", IsQuit: true, Action: c.Quit}
	w.SetMainMenu(fyne.NewMainMenu(fyne.NewMenu("Confide", c.lockItem, fyne.NewMenuItemSeparator(), quit)))

	if c.opts.IdentityFile == "" && !vault.Exists(c.opts.Dir) {
		c.showWelcome()
	} else {
		c.showUnlock(true)
	}
	return c
}

// lockShortcut is Ctrl+L (Cmd+L on macOS).
var lockShortcut = &desktop.CustomShortcut{KeyName: fyne.KeyL, Modifier: fyne.KeyModifierShortcutDefault}

// Quit closes the vault and quits the app. Call it on the UI goroutine
// (fyne.Do from elsewhere).
func (c *Confide) Quit() {
	rememberWindowSize(c.win, c.app.Preferences())
	if err := c.Close(); err != nil {
		fyne.LogError("closing the vault", err)
	}
	c.app.Quit()
}

// Close closes the open vault, if any, compacting its journal; it is safe
// to call more than once and from any goroutine. Nothing is lost if it
// fails: the journal still holds every commit.
func (c *Confide) Close() error {
	c.locking.Wait()
	c.mu.Lock()
	defer c.mu.Unlock()
	c.closed = true
	if c.v == nil {
		return nil
	}
	v := c.v
	c.v = nil
	return v.Close()
}

// adopt makes v the open vault, so that quitting closes it. It reports
// false, closing v, when Confide is shutting down.
func (c *Confide) adopt(v *vault.Vault) bool {
	c.mu.Lock()
	defer c.mu.Unlock()
	if c.closed {
		v.Close()
		return false
	}
	c.v = v
	return true
}

// release takes the open vault away from Confide, for locking.
func (c *Confide) release() *vault.Vault {
	c.mu.Lock()
	defer c.mu.Unlock()
	v := c.v
	c.v = nil
	return v
}

// background runs fn off the UI goroutine; fn reports back with fyne.Do.
func (c *Confide) background(fn func()) {
	c.work.Add(1)
	go func() {
		defer c.work.Done()
		fn()
	}()
}

// Window titles. Only the unlocked window is titled plainly "Confide", so
// that a glance at the task bar (or a smoke test) tells the states apart.
const (
	titleUnlocked = "Confide"
	titleLocked   = "Confide (locked)"
	titleWelcome  = "Welcome to Confide"
)

// show puts a screen's content in the window, forgetting the previous one.
func (c *Confide) show(title string, content fyne.CanvasObject) {
	c.welcome, c.recoveryKey, c.unlock, c.recover, c.main = nil, nil, nil, nil, nil
	c.win.SetTitle(title)
	c.win.SetContent(content)
	c.lockItem.Disabled = true
	if m := c.win.MainMenu(); m != nil {
		m.Refresh()
	}
}

func (c *Confide) showWelcome() {
	s := &welcomeScreen{c: c}
	c.show(titleWelcome, s.buildUI())
	c.welcome = s
}

func (c *Confide) showRecoveryKey(v *vault.Vault, created *vault.Created) {
	if !c.adopt(v) {
		return
	}
	s := &recoveryKeyScreen{c: c, v: v, id: created.ID, key: created.RecoveryKey}
	c.show(titleWelcome, s.buildUI())
	c.recoveryKey = s
}

// showUnlock shows the unlock screen; with auto it unlocks from the
// keyring (or identity file) straight away, as at start, rather than
// waiting for the user, as after Lock.
func (c *Confide) showUnlock(auto bool) *unlockScreen {
	s := &unlockScreen{c: c}
	c.show(titleLocked, s.buildUI())
	c.unlock = s
	s.start(auto)
	return s
}

func (c *Confide) showRecover() {
	s := &recoverScreen{c: c}
	c.show(titleLocked, s.buildUI())
	c.recover = s
}

// showMain shows the unlocked main screen over v, which Confide then owns.
func (c *Confide) showMain(v *vault.Vault) *mainScreen {
	if !c.adopt(v) {
		return nil
	}
	s := &mainScreen{c: c, v: v}
	c.show(titleUnlocked, s.buildUI())
	c.main = s
	c.lockItem.Disabled = false
	if m := c.win.MainMenu(); m != nil {
		m.Refresh()
	}
	return s
}

// onLock hides everything at once, then locks the vault in the background
// (Lock compacts) and leaves the unlock screen waiting for the user.
func (c *Confide) onLock() {
	if c.main == nil {
		return
	}
	rememberWindowSize(c.win, c.app.Preferences())
	v := c.release()
	s := &unlockScreen{c: c}
	c.show(titleLocked, s.buildUI())
	c.unlock = s
	s.showWorking("Locking…")
	c.locking.Add(1)
	c.background(func() {
		err := v.Lock()
		c.locking.Done()
		fyne.Do(func() { s.showLocked(err) })
	})
}
