package ui

import (
	"os"
	"sync"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/dialog"

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
	// Now is the wall clock, for the idle lock, the clipboard and the
	// daily backup; time.Now when nil. Tests pass a clock they move.
	Now func() time.Time
	// OnUnlocked, when set, is called on the UI goroutine each time the
	// unlocked main window with its client list has been put on screen.
	OnUnlocked func()

	// manualTick leaves the once-a-second tick to the test that calls it.
	manualTick bool
}

func (o Options) withDefaults() Options {
	if o.Dir == "" {
		o.Dir = vault.DefaultDir()
	}
	if o.Store == nil {
		o.Store = vault.OSKeyring{}
	}
	if o.Now == nil {
		o.Now = time.Now
	}
	if o.DeviceLabel == "" {
		o.DeviceLabel = "this computer"
		if h, err := os.Hostname(); err == nil && h != "" {
			o.DeviceLabel = h
		}
	}
	return o
}

// tickEvery is how often Confide checks the idle time, the clipboard and
// the daily backup.
const tickEvery = time.Second

// autosaveDelay is the pause in typing after which a draft is saved.
const autosaveDelay = time.Second

// Confide is the running interface of one window: it moves between the
// screens and owns the open vault, if any.
type Confide struct {
	app  fyne.App
	win  fyne.Window
	opts Options

	menu  *menus
	idle  *idleWatcher
	clip  *clipboardGuard
	stop  chan struct{} // ends the ticker
	front bool          // the window has the focus

	autosave      time.Duration // the autosave debounce; tests shorten it
	privacy       bool          // privacy mode: initials only
	place         place         // where the user was when the vault locked
	pendingRotate bool          // make a new recovery key after the next unlock
	idleLocked    bool          // locked by itself: the next unlock asks for the PIN
	backingUp     bool

	work    sync.WaitGroup // background work, so tests can wait for it
	locking sync.WaitGroup // a Lock still compacting, which Close waits for

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
	c := &Confide{app: a, win: w, opts: opts.withDefaults(), autosave: autosaveDelay, stop: make(chan struct{}), front: true}
	c.privacy = a.Preferences().Bool(prefPrivacyDefault)
	applyTheme(a)
	listFileDialogs(a.Preferences())
	c.idle = newIdleWatcher(c.opts.Now)
	c.clip = &clipboardGuard{cb: a.Clipboard(), now: c.opts.Now, timeout: func() time.Duration { return clipboardTimeout(a.Preferences()) }}
	restoreWindowSize(w, a.Preferences())
	w.SetCloseIntercept(c.Quit)
	c.menu = c.buildMenus()
	c.watchInput()
	a.Lifecycle().SetOnEnteredForeground(func() {
		c.clip.poll(false) // what was copied elsewhere meanwhile is not ours
		c.front = true
		c.idle.touch()
	})
	a.Lifecycle().SetOnExitedForeground(func() { c.front = false })
	if !c.opts.manualTick {
		go c.ticker()
	}

	if c.opts.IdentityFile == "" && !vault.Exists(c.opts.Dir) {
		c.showWelcome()
	} else {
		c.showUnlock(true)
	}
	return c
}

// ticker calls tick on the UI goroutine every second until Close.
func (c *Confide) ticker() {
	t := time.NewTicker(tickEvery)
	defer t.Stop()
	for {
		select {
		case <-c.stop:
			return
		case <-t.C:
			fyne.Do(c.tick)
		}
	}
}

// tick locks after the idle time, clears the clipboard after its timeout
// and starts the daily backup when one is due.
func (c *Confide) tick() {
	// Reading another program's clipboard costs a round trip to it: look
	// only while Confide has the focus, or has text there to clear.
	if c.front || c.clip.ours != "" {
		c.clip.poll(c.front)
	}
	c.armDialog()
	if c.main == nil {
		return
	}
	if c.idle.expired(autoLockAfter(c.app.Preferences())) {
		c.markIdleLock()
		c.onLock()
		return
	}
	c.backupIfDue()
}

// Quit saves what is being written, closes the vault and quits the app.
// Call it on the UI goroutine (fyne.Do from elsewhere).
func (c *Confide) Quit() {
	rememberWindowSize(c.win, c.app.Preferences())
	if c.main != nil {
		if err := c.main.close(); err != nil {
			fyne.LogError("saving the open note", err)
		}
	}
	c.clip.clear()
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
	if !c.closed {
		close(c.stop)
	}
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

// showError reports err through the one error translator, in a dialog.
func (c *Confide) showError(err error) {
	title, msg := userMessage(err)
	dialog.ShowInformation(title, msg, c.win)
}

// Window titles. Only the unlocked window is titled plainly "Confide", so
// that a glance at the task bar (or a smoke test) tells the states apart.
// No title ever names a client: the task bar is seen by anyone passing.
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
	c.menu.setUnlocked(false)
}

func (c *Confide) showWelcome() {
	s := &welcomeScreen{c: c}
	c.show(titleWelcome, s.buildUI())
	c.welcome = s
	s.probeKeyring()
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

// showMain shows the unlocked main screen over v, which Confide then owns,
// where the user was when it locked.
func (c *Confide) showMain(v *vault.Vault) *mainScreen {
	if !c.adopt(v) {
		return nil
	}
	s := &mainScreen{c: c, v: v}
	content := newActivityArea(s.buildUI(), c.idle.touch)
	c.show(titleUnlocked, content)
	c.main = s
	c.menu.setUnlocked(true)
	c.idle.touch()
	c.pinPassed()
	s.restore(c.place)
	if c.pendingRotate {
		c.pendingRotate = false
		c.rotateRecovery(v)
		return s
	}
	c.offerPIN()
	if c.opts.OnUnlocked != nil {
		c.opts.OnUnlocked()
	}
	return s
}

// onLock saves what is being written, hides everything at once, then
// locks the vault in the background (Lock compacts) and leaves the unlock
// screen waiting for the user.
func (c *Confide) onLock() {
	if c.main == nil {
		return
	}
	rememberWindowSize(c.win, c.app.Preferences())
	c.place = c.main.where()
	saveErr := c.main.close() // the editor saves before the vault closes
	c.clip.clear()
	// Dialogs (a search, the records due, a confirmation) go too.
	ov := c.win.Canvas().Overlays()
	for top := ov.Top(); top != nil; top = ov.Top() {
		ov.Remove(top)
	}
	v := c.release()
	s := &unlockScreen{c: c}
	c.show(titleLocked, s.buildUI())
	c.unlock = s
	s.showWorking("Locking…")
	c.locking.Add(1)
	c.background(func() {
		err := v.Lock()
		c.locking.Done()
		if err == nil {
			err = saveErr
		}
		fyne.Do(func() { s.showLocked(err) })
	})
}
