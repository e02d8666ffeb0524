package vault

import (
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"strconv"

	"filippo.io/age"
)

// CreateOptions say where the new device key goes.
type CreateOptions struct {
	// Store keeps the device key (usually OSKeyring{}). When nil, and no
	// Passphrase is given, the caller must keep Created.DeviceKey itself.
	Store KeyStore
	// Passphrase, when not empty, seals the device key in passphrase.age
	// instead of the store: the vault then asks for it on every unlock.
	Passphrase string
	// Label names this device in the recipient list (e.g. the host name).
	Label string
}

// Created holds the keys of a new vault. RecoveryKey must be shown to the
// user once and confirmed; it is never stored by the vault.
type Created struct {
	ID          string
	DeviceKey   string // AGE-SECRET-KEY-1...
	RecoveryKey string // AGE-SECRET-KEY-1...
}

// Create makes a new vault in dir (created if needed) and returns it open.
// It refuses, with ErrExists, a folder that holds any of a vault's files:
// it never overwrites one, not even a damaged one.
func Create(dir string, copts CreateOptions, opts ...Option) (*Vault, *Created, error) {
	o := collect(opts)
	if err := mkdirAllDurable(o.fsys, dir); err != nil {
		return nil, nil, fmt.Errorf("create vault folder: %w", err)
	}
	if hasVaultFiles(o.fsys, dir) {
		return nil, nil, ErrExists
	}
	v := &Vault{fsys: o.fsys, dir: dir, limit: o.limit, now: o.now, state: newDeviceState(o.fsys, o.stateDir, dir)}
	if err := v.lock(); err != nil {
		return nil, nil, err
	}
	if v.roFolder {
		return nil, nil, fmt.Errorf("create the vault: %w", ErrReadOnly)
	}
	if hasVaultFiles(o.fsys, dir) { // made by another process since the first look
		v.release()
		return nil, nil, ErrExists
	}
	device, _ := age.GenerateX25519Identity()
	recovery, _ := age.GenerateX25519Identity()
	now := o.now().UTC()
	v.meta = &Meta{Format: FormatVersion, ID: randomID("cf-"), Created: now, Recipients: []Recipient{
		{ID: randomID("dev-"), Kind: KindDevice, PublicKey: device.Recipient().String(), Label: copts.Label, Added: now},
		{ID: randomID("rec-"), Kind: KindRecovery, PublicKey: recovery.Recipient().String(), Label: "recovery key", Added: now},
	}}
	v.ids, v.usedID = []age.Identity{device}, device
	v.wrapAlso = []*age.X25519Identity{recovery}
	v.auth = newAuthKeys()
	err := v.create(device, copts)
	v.wrapAlso = nil
	if err != nil {
		v.release()
		return nil, nil, err
	}
	return v, &Created{ID: v.meta.ID, DeviceKey: device.String(), RecoveryKey: recovery.String()}, nil
}

func (v *Vault) create(device *age.X25519Identity, copts CreateOptions) error {
	removeStaleTemps(v.fsys, v.dir)
	switch {
	case copts.Passphrase != "":
		sealed, err := sealIdentity(device.String(), copts.Passphrase)
		if err != nil {
			return err
		}
		if err := writeFileAtomic(v.fsys, v.dir, passphraseFile, sealed); err != nil {
			return err
		}
	case copts.Store != nil:
		if err := copts.Store.Set(v.meta.ID, device.String()); err != nil {
			return err
		}
	}
	db, err := newDatabase()
	if err != nil {
		return err
	}
	v.db = db
	if err := v.setMeta(map[string]string{"vault_id": v.meta.ID, "format": strconv.Itoa(FormatVersion), "generation": "0"}); err != nil {
		return err
	}
	// Generation 1: the snapshot, the device state, vault.json, an empty
	// journal. Any one of them makes the folder a vault.
	if _, err := v.compactLocked(); err != nil {
		return err
	}
	if v.broken != nil {
		return v.broken
	}
	// From now on the database lives where Lock can zero it (memdb.go).
	if err := v.reloadDirect(); err != nil {
		return err
	}
	_, err = v.db.Exec("PRAGMA query_only=1")
	return err
}

// Recipients returns the keys the vault is encrypted to.
func (v *Vault) Recipients() []Recipient {
	v.mu.Lock()
	defer v.mu.Unlock()
	return append([]Recipient(nil), v.meta.Recipients...)
}

// UnlockedWith returns the recipient whose key unlocked this session, if known.
func (v *Vault) UnlockedWith() (Recipient, bool) {
	v.mu.Lock()
	defer v.mu.Unlock()
	return v.recipientOf(v.usedID)
}

func (v *Vault) recipientOf(id age.Identity) (Recipient, bool) {
	pk := publicKeyOf(id)
	for _, r := range v.meta.Recipients {
		if pk != "" && r.PublicKey == pk {
			return r, true
		}
	}
	return Recipient{}, false
}

// changeRecipients applies a new recipient set: the snapshot is re-encrypted
// to it at once, so a removed key cannot open anything written from now on.
// With rotate, the authentication key changes too, so that a removed key
// cannot authenticate anything either. Once the new snapshot is in place
// (committed) nothing is reverted, even if what follows fails.
func (v *Vault) changeRecipients(next []Recipient, rotate bool) (committed bool, err error) {
	old := v.meta.Recipients
	oldAuth := v.auth.clone()
	v.meta.Recipients = next
	if rotate && v.auth != nil {
		v.auth.rotate(v.meta.ID)
	}
	committed, err = v.compactLocked()
	if !committed {
		v.meta.Recipients, v.auth = old, oldAuth
	}
	return committed, err
}

// EnrollDevice adds a new device key (for this machine, after unlocking
// with the recovery key) and re-encrypts the vault to the new set. The key
// is put in store only once the vault is re-encrypted; with a nil store
// the caller keeps the returned key.
func (v *Vault) EnrollDevice(label string, store KeyStore) (string, error) {
	v.mu.Lock()
	defer v.mu.Unlock()
	if err := v.usable(true); err != nil {
		return "", err
	}
	device, _ := age.GenerateX25519Identity()
	added := Recipient{ID: randomID("dev-"), Kind: KindDevice, PublicKey: device.Recipient().String(), Label: label, Added: v.now().UTC()}
	before := v.meta.Recipients
	v.wrapAlso = []*age.X25519Identity{device}
	committed, err := v.changeRecipients(append(append([]Recipient(nil), before...), added), false)
	v.wrapAlso = nil
	if !committed {
		return "", err
	}
	if store != nil {
		if serr := store.Set(v.meta.ID, device.String()); serr != nil {
			// The vault lists a key nobody keeps: take it out again.
			if _, rerr := v.changeRecipients(before, false); rerr != nil {
				return "", fmt.Errorf("%w; the vault also lists device %s, whose key could not be kept: remove it with keys remove-device", serr, added.ID)
			}
			return "", serr
		}
	}
	v.ids = append(v.ids, device)
	v.usedID = device
	return device.String(), err
}

// RemoveDevice removes a device key. The snapshot is re-encrypted without
// it, so that key opens nothing written from now on. The device that
// unlocked this session, and the recovery key, cannot be removed.
func (v *Vault) RemoveDevice(id string) error {
	v.mu.Lock()
	defer v.mu.Unlock()
	if err := v.usable(true); err != nil {
		return err
	}
	var next []Recipient
	found := false
	for _, r := range v.meta.Recipients {
		if r.ID != id {
			next = append(next, r)
			continue
		}
		if r.Kind != KindDevice {
			return errors.New("that is the recovery key; rotate it instead")
		}
		if cur, ok := v.recipientOf(v.usedID); ok && cur.ID == id {
			return errors.New("that is the key this session was unlocked with; remove it from another device, or after recovering")
		}
		found = true
	}
	if !found {
		return fmt.Errorf("no device %q in this vault (see keys list)", id)
	}
	_, err := v.changeRecipients(next, true)
	return err
}

// RotateRecovery replaces the recovery key with a new one, returned for the
// user to keep, and re-encrypts the vault: the old recovery key stops
// working for everything written from now on.
func (v *Vault) RotateRecovery() (string, error) {
	v.mu.Lock()
	defer v.mu.Unlock()
	if err := v.usable(true); err != nil {
		return "", err
	}
	recovery, _ := age.GenerateX25519Identity()
	var next []Recipient
	var oldKey string
	for _, r := range v.meta.Recipients {
		if r.Kind == KindRecovery {
			oldKey = r.PublicKey
			continue
		}
		next = append(next, r)
	}
	next = append(next, Recipient{ID: randomID("rec-"), Kind: KindRecovery, PublicKey: recovery.Recipient().String(), Label: "recovery key", Added: v.now().UTC()})
	v.wrapAlso = []*age.X25519Identity{recovery}
	committed, err := v.changeRecipients(next, true)
	v.wrapAlso = nil
	if !committed {
		return "", err
	}
	if publicKeyOf(v.usedID) == oldKey {
		v.ids, v.usedID = []age.Identity{recovery}, recovery
	}
	return recovery.String(), err
}

// deviceIdentity returns the device key this session was unlocked with.
func (v *Vault) deviceIdentity() (*age.X25519Identity, error) {
	r, ok := v.recipientOf(v.usedID)
	x, isX := v.usedID.(*age.X25519Identity)
	if !ok || !isX || r.Kind != KindDevice {
		return nil, errors.New("unlock with this device's key first (after a recovery, the new device key)")
	}
	return x, nil
}

// SetPassphrase seals this device's key with a passphrase in passphrase.age
// and removes it from store, so that every unlock asks for the passphrase.
func (v *Vault) SetPassphrase(passphrase string, store KeyStore) error {
	v.mu.Lock()
	defer v.mu.Unlock()
	if err := v.usable(true); err != nil {
		return err
	}
	id, err := v.deviceIdentity()
	if err != nil {
		return err
	}
	sealed, err := sealIdentity(id.String(), passphrase)
	if err != nil {
		return err
	}
	if err := writeFileAtomic(v.fsys, v.dir, passphraseFile, sealed); err != nil {
		return err
	}
	if store != nil {
		return store.Delete(v.meta.ID)
	}
	return nil
}

// RemovePassphrase puts this device's key back in store and removes
// passphrase.age, so that the vault unlocks from the store again.
func (v *Vault) RemovePassphrase(store KeyStore) error {
	v.mu.Lock()
	defer v.mu.Unlock()
	if err := v.usable(true); err != nil {
		return err
	}
	if store == nil {
		return errors.New("without a keyring the passphrase is the only way to unlock; keep it")
	}
	id, err := v.deviceIdentity()
	if err != nil {
		return err
	}
	if err := store.Set(v.meta.ID, id.String()); err != nil {
		return err
	}
	if err := v.fsys.Remove(filepath.Join(v.dir, passphraseFile)); err != nil && !errors.Is(err, os.ErrNotExist) {
		return fmt.Errorf("remove passphrase: %w", err)
	}
	return v.fsys.SyncDir(v.dir)
}

// HasPassphrase reports whether the vault in dir unlocks with a passphrase.
func HasPassphrase(dir string) bool {
	_, err := os.Stat(filepath.Join(dir, passphraseFile))
	return err == nil
}

// Exists reports whether dir holds a vault, or any of a vault's files: a
// folder with only a snapshot left is still a vault, to be repaired,
// never to be replaced.
func Exists(dir string) bool { return hasVaultFiles(osFS{}, dir) }
