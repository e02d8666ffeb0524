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
// after Confide locked by itself, it asks for a short PIN first.
//
// The PIN is kept as a salted scrypt hash (N=2^15, r=8, p=1; 0.3 s a
// guess on a shared 2-core machine) in the key store beside the device
// key, under its own name, with the count of wrong tries and, while an
// idle lock waits for the PIN, the boot it happened in: quitting and restarting Confide does not skip the
// PIN, a restart of the computer (a new login) does. After maxPINTries
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
	Required string `json:"required,omitempty"` // the boot of an idle lock still waiting for the PIN
}

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
// then an idle lock is remembered only while Confide runs.
func bootID() string {
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

// loadPIN reads the PIN record, nil when none is set.
func (c *Confide) loadPIN() (*pinRecord, error) {
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
	if err := json.Unmarshal([]byte(s), &r); err != nil || len(r.Hash) == 0 || len(r.Salt) == 0 {
		return nil, nil // unreadable: as if none was set; the settings offer a new one
	}
	return &r, nil
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

// pinRequired tells whether unlocking must ask for the PIN now: an idle
// lock of this run, or of an earlier run in this boot, is waiting for it.
func (c *Confide) pinRequired() (*pinRecord, bool) {
	if !c.pinMode() || !idlePINWanted(c.app.Preferences()) {
		return nil, false
	}
	r, err := c.loadPIN()
	if err != nil || r == nil {
		return nil, false
	}
	if c.idleLocked || (r.Required != "" && r.Required == bootID()) || r.lockedOut() {
		return r, true
	}
	return r, false
}

// markIdleLock records, before the vault locks by itself, that the next
// unlock needs the PIN.
func (c *Confide) markIdleLock() {
	r, ok := c.pinRecordToMark()
	if !ok {
		return
	}
	c.idleLocked = true
	if b := bootID(); b != "" {
		r.Required = b
		if err := c.savePIN(r); err != nil {
			fyne.LogError("remembering the idle lock", err)
		}
	}
}

func (c *Confide) pinRecordToMark() (*pinRecord, bool) {
	if !c.pinMode() || !idlePINWanted(c.app.Preferences()) {
		return nil, false
	}
	r, err := c.loadPIN()
	return r, err == nil && r != nil
}

// pinPassed forgets the idle lock and the wrong tries once the vault is
// open: every way to the main window went past the PIN, the passphrase or
// the recovery key.
func (c *Confide) pinPassed() {
	c.idleLocked = false
	if !c.pinMode() {
		return
	}
	r, err := c.loadPIN()
	if err != nil || r == nil || (r.Required == "" && r.Fails == 0) {
		return
	}
	r.Required, r.Fails = "", 0
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
// after it was kept.
func (c *Confide) choosePIN(done func()) {
	pin, again := secretEntry("At least 4 digits or letters"), secretEntry("The same again")
	items := []*widget.FormItem{{Text: "PIN", Widget: pin}, {Text: "Again", Widget: again}}
	var dlg *dialog.FormDialog
	dlg = dialog.NewForm("Choose a PIN", "Use this PIN", "Cancel", items, func(ok bool) {
		switch {
		case !ok:
			return
		case len([]rune(pin.Text)) < minPIN:
			dialog.ShowInformation("PIN too short", "Choose a PIN of at least 4 characters. Nothing was changed.", c.win)
		case pin.Text != again.Text:
			dialog.ShowInformation("The PINs differ", "The two PINs are not the same. Nothing was changed.", c.win)
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

// offerPIN asks once, on the first unlock with the setting on and no PIN,
// for the PIN that idle locks will want.
func (c *Confide) offerPIN() {
	p := c.app.Preferences()
	if p.Bool(prefPINOffered) || !c.pinMode() || !idlePINWanted(p) {
		return
	}
	if r, err := c.loadPIN(); err != nil || r != nil {
		return
	}
	p.SetBool(prefPINOffered, true)
	dialog.ShowCustomConfirm("Choose a PIN for when you step away?", "Choose a PIN…", "Not now",
		paragraph("When Confide locks by itself after a while without use, it will ask for this PIN before it opens your notes again. "+
			"Opening Confide after you log in still needs no typing. You can change this in Settings."),
		func(ok bool) {
			if ok {
				c.choosePIN(nil)
			}
		}, c.win)
}

// showPIN says whether a PIN is set, and offers to set or change it.
func (s *settingsScreen) showPIN() {
	c := s.m.c
	r, _ := c.loadPIN()
	switch {
	case !c.pinMode():
		s.pinState.SetText("Confide already asks for your passphrase or key each time it unlocks.")
		s.pinButton.SetText("Choose a PIN…")
		s.pinButton.Disable()
	case r == nil:
		s.pinState.SetText("No PIN is set yet: until you choose one, Confide unlocks with no typing after locking by itself.")
		s.pinButton.SetText("Choose a PIN…")
		s.pinButton.Enable()
	default:
		s.pinState.SetText("A PIN is set. After " + itoa(maxPINTries) + " wrong tries, only your recovery key opens your notes.")
		s.pinButton.SetText("Change the PIN…")
		s.pinButton.Enable()
	}
	if !idlePINWanted(c.app.Preferences()) {
		s.pinButton.Disable()
	}
}

func (s *settingsScreen) onPIN() { s.m.c.choosePIN(s.showPIN) }

func itoa(n int) string { return strconv.Itoa(n) }
