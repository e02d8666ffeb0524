package ui

import (
	"crypto/rand"
	"crypto/subtle"
	"encoding/json"
	"errors"
	"os"
	"path/filepath"
	"strconv"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/widget"
	"golang.org/x/crypto/scrypt"

	"github.com/confidenotes/confide/vault"
)

// The idle-lock PIN. In keyring mode Confide unlocks with no typing, which
// is right after the user logs in, but wrong for a desk left unattended:
// while the setting is on (it is by default), after Confide locked by
// itself it asks for something before it opens the notes again: the PIN
// if one was chosen, else only the recovery key (a vault with a passphrase
// asks for it at every unlock anyway). Each unlock with the setting on and
// no PIN offers to choose one; the offer's only other answer turns the
// setting off, so the protection is never silently missing.
//
// The PIN is kept as a salted scrypt hash (N=2^15, r=8, p=1; 0.3 s a
// guess on a shared 2-core machine) in the key store beside the device
// key, under its own name, with the count of wrong tries and, while an
// idle lock waits to be passed, the boot it happened in (a record without
// a hash when no PIN was chosen): quitting and restarting Confide does not
// skip it, a restart of the computer (a new login) does. After maxPINTries
// wrong PINs only the recovery key opens the vault. Never in the
// preferences, never in plain text.

// maxPINTries is how many wrong PINs are allowed before the recovery key
// is needed.
const maxPINTries = 5

// minPIN is the shortest PIN accepted.
const minPIN = 4

// scrypt parameters of the PIN hash.
const (
	pinN = 1 << 15
	pinR = 8
	pinP = 1
)

// pinRecord is what the key store holds for the PIN.
type pinRecord struct {
	Salt     []byte `json:"salt"`
	Hash     []byte `json:"hash"`
	N        int    `json:"n"`
	R        int    `json:"r"`
	P        int    `json:"p"`
	Fails    int    `json:"fails,omitempty"`
	Required string `json:"required,omitempty"` // the boot of an idle lock still waiting to be passed
}

// hasPIN tells whether the record holds a PIN, rather than only an idle
// lock waiting when no PIN was chosen.
func (r *pinRecord) hasPIN() bool { return r != nil && len(r.Hash) > 0 && len(r.Salt) > 0 }

// newPINRecord hashes pin with a fresh salt.
func newPINRecord(pin string) (*pinRecord, error) {
	r := &pinRecord{Salt: make([]byte, 16), N: pinN, R: pinR, P: pinP}
	if _, err := rand.Read(r.Salt); err != nil {
		return nil, err
	}
	h, err := scrypt.Key([]byte(pin), r.Salt, r.N, r.R, r.P, 32)
	if err != nil {
		return nil, err
	}
	r.Hash = h
	return r, nil
}

// matches tells whether pin is the PIN, in constant time.
func (r *pinRecord) matches(pin string) bool {
	h, err := scrypt.Key([]byte(pin), r.Salt, r.N, r.R, r.P, 32)
	return err == nil && subtle.ConstantTimeCompare(h, r.Hash) == 1
}

// lockedOut tells whether too many wrong PINs were typed.
func (r *pinRecord) lockedOut() bool { return r.Fails >= maxPINTries }

// bootID names this boot of the computer (Linux), or "" where unknown:
// then an idle lock is remembered only while Confide runs. A variable, so
// that tests can log in again.
var bootID = func() string {
	b, err := os.ReadFile("/proc/sys/kernel/random/boot_id")
	if err != nil {
		return ""
	}
	return strings.TrimSpace(string(b))
}

// idlePINWanted is the setting: on unless switched off.
func idlePINWanted(p fyne.Preferences) bool { return p.BoolWithFallback(prefIdlePIN, true) }

// storedVaultID is the id of the vault in the folder, read from its
// vault.json (nothing secret), or "" when it cannot be read.
func storedVaultID(dir string) string {
	data, err := os.ReadFile(filepath.Join(dir, "vault.json"))
	if err != nil {
		return ""
	}
	m, err := vault.ParseMeta(data)
	if err != nil {
		return ""
	}
	return m.ID
}

// pinKey is the key store name of the PIN of a vault.
func pinKey(vaultID string) string { return vaultID + ".idle-pin" }

// pinMode tells whether the PIN applies: the keyring unlocks this vault
// with no typing (no passphrase, no key file).
func (c *Confide) pinMode() bool {
	return c.opts.IdentityFile == "" && !vault.HasPassphrase(c.opts.Dir)
}

// loadRecord reads the record of the PIN and of an idle lock waiting to
// be passed, nil when there is none.
func (c *Confide) loadRecord() (*pinRecord, error) {
	id := storedVaultID(c.opts.Dir)
	if id == "" {
		return nil, nil
	}
	s, err := c.opts.Store.Get(pinKey(id))
	if errors.Is(err, vault.ErrNoKey) {
		return nil, nil
	}
	if err != nil {
		return nil, err
	}
	var r pinRecord
	if err := json.Unmarshal([]byte(s), &r); err != nil {
		return &pinRecord{}, nil // unreadable: as if no PIN was set; the offer asks for a new one
	}
	return &r, nil
}

// loadPIN reads the PIN record, nil when no PIN is set.
func (c *Confide) loadPIN() (*pinRecord, error) {
	r, err := c.loadRecord()
	if err != nil || !r.hasPIN() {
		return nil, err
	}
	return r, nil
}

// savePIN writes the PIN record; nil removes it.
func (c *Confide) savePIN(r *pinRecord) error {
	id := storedVaultID(c.opts.Dir)
	if id == "" {
		return vault.ErrNotFound
	}
	if r == nil {
		return c.opts.Store.Delete(pinKey(id))
	}
	data, err := json.Marshal(r)
	if err != nil {
		return err
	}
	return c.opts.Store.Set(pinKey(id), string(data))
}

// pinRequired tells whether unlocking must ask for the PIN now (or, with
// no PIN chosen, for the recovery key, r then nil): an idle lock of this
// run, or of an earlier run in this boot, is waiting to be passed.
func (c *Confide) pinRequired() (r *pinRecord, required bool) {
	if !c.pinMode() || !idlePINWanted(c.app.Preferences()) {
		return nil, false
	}
	rec, err := c.loadRecord()
	if err != nil {
		return nil, false
	}
	waiting := c.idleLocked || (rec != nil && rec.Required != "" && rec.Required == bootID())
	if !rec.hasPIN() {
		return nil, waiting
	}
	return rec, waiting || rec.lockedOut()
}

// markIdleLock records, before the vault locks by itself, that the next
// unlock must ask for the PIN, or the recovery key when no PIN was chosen.
func (c *Confide) markIdleLock() {
	if !c.pinMode() || !idlePINWanted(c.app.Preferences()) {
		return
	}
	c.idleLocked = true
	b := bootID()
	if b == "" {
		return
	}
	r, err := c.loadRecord()
	if err != nil {
		fyne.LogError("remembering the idle lock", err)
		return
	}
	if r == nil {
		r = &pinRecord{}
	}
	r.Required = b
	if err := c.savePIN(r); err != nil {
		fyne.LogError("remembering the idle lock", err)
	}
}

// pinPassed forgets the idle lock and the wrong tries once the vault is
// open: every way to the main window went past the PIN, the passphrase or
// the recovery key.
func (c *Confide) pinPassed() {
	c.idleLocked = false
	if !c.pinMode() {
		return
	}
	r, err := c.loadRecord()
	if err != nil || r == nil || (r.hasPIN() && r.Required == "" && r.Fails == 0) {
		return
	}
	if !r.hasPIN() {
		r = nil // only an idle lock was waiting: nothing is left to keep
	} else {
		r.Required, r.Fails = "", 0
	}
	if err := c.savePIN(r); err != nil {
		fyne.LogError("clearing the idle lock", err)
	}
}

// checkPIN tries pin against the record, counting a wrong one. It reports
// whether pin is right, and the record as it now stands.
func (c *Confide) checkPIN(pin string) (bool, *pinRecord, error) {
	r, err := c.loadPIN()
	if err != nil || r == nil {
		return false, r, err
	}
	if r.lockedOut() {
		return false, r, nil
	}
	if r.matches(pin) {
		return true, r, nil
	}
	r.Fails++
	return false, r, c.savePIN(r)
}

// choosePIN asks for a new PIN, twice, and keeps its hash; done is called
// after it was kept, cancelled (when set) when the user leaves without one.
// A PIN refused (too short, or typed differently) is asked for again.
func (c *Confide) choosePIN(done, cancelled func()) {
	pin, again := secretEntry("At least 4 digits or letters"), secretEntry("The same again")
	items := []*widget.FormItem{{Text: "PIN", Widget: pin}, {Text: "Again", Widget: again}}
	retry := func(title, msg string) {
		d := dialog.NewInformation(title, msg, c.win)
		d.SetOnClosed(func() { c.choosePIN(done, cancelled) })
		d.Show()
	}
	var dlg *dialog.FormDialog
	dlg = dialog.NewForm("Choose a PIN", "Use this PIN", "Cancel", items, func(ok bool) {
		switch {
		case !ok:
			if cancelled != nil {
				cancelled()
			}
		case len([]rune(pin.Text)) < minPIN:
			retry("PIN too short", "Choose a PIN of at least 4 characters. Nothing was changed.")
		case pin.Text != again.Text:
			retry("The PINs differ", "The two PINs are not the same. Nothing was changed.")
		default:
			r, err := newPINRecord(pin.Text)
			if err == nil {
				err = c.savePIN(r)
			}
			if err != nil {
				c.showError(err)
				return
			}
			if done != nil {
				done()
			}
		}
	}, c.win)
	dlg.Resize(fyne.NewSize(420, 240))
	dlg.Show()
	c.win.Canvas().Focus(pin)
}

// offerPIN asks, at each unlock while the setting is on and no PIN is
// chosen, for the PIN that idle locks will want. There is no "Not now":
// the other answer turns the protection off, which Settings then shows;
// leaving the choice open (Esc, Cancel) leaves the protection on, and an
// idle lock then wants the recovery key.
func (c *Confide) offerPIN() {
	p := c.app.Preferences()
	if !c.pinMode() || !idlePINWanted(p) || c.main == nil {
		return
	}
	if r, err := c.loadPIN(); err != nil || r != nil {
		return
	}
	dialog.ShowCustomConfirm("Choose a PIN for when you step away", "Choose a PIN…", "Turn this protection off",
		paragraph("When Confide locks by itself after a while without use, it asks for this PIN before it opens your notes again, "+
			"so that a click at a desk left unattended does not open them. Opening Confide after you log in still needs no typing. "+
			"Until you choose a PIN, only your recovery key opens your notes after such a lock. "+
			"Turning this protection off lets anyone at your desk open your notes after Confide locked by itself; you can turn it on again in Settings."),
		func(choose bool) {
			if !choose {
				p.SetBool(prefIdlePIN, false)
				return
			}
			c.choosePIN(nil, c.offerPIN)
		}, c.win)
}

// showPIN says whether a PIN is set, and offers to set or change it.
func (s *settingsScreen) showPIN() {
	c := s.m.c
	r, _ := c.loadPIN()
	wanted := idlePINWanted(c.app.Preferences())
	switch {
	case !c.pinMode():
		s.pinState.SetText("Confide already asks for your passphrase or key each time it unlocks.")
		s.pinButton.SetText("Choose a PIN…")
	case !wanted:
		s.pinState.SetText("Off: after locking by itself, Confide opens your notes again with no typing, as after a lock you chose.")
		s.pinButton.SetText("Choose a PIN…")
	case r == nil:
		s.pinState.SetText("No PIN is chosen yet: until you choose one, only your recovery key opens your notes after Confide locks by itself.")
		s.pinButton.SetText("Choose a PIN…")
	default:
		s.pinState.SetText("A PIN is set. After " + itoa(maxPINTries) + " wrong tries, only your recovery key opens your notes.")
		s.pinButton.SetText("Change the PIN…")
	}
	if c.pinMode() && wanted {
		s.pinButton.Enable()
	} else {
		s.pinButton.Disable()
	}
}

func (s *settingsScreen) onPIN() { s.m.c.choosePIN(s.showPIN, nil) }

func itoa(n int) string { return strconv.Itoa(n) }
