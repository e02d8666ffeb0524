package vault

import (
	"bytes"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strings"

	"filippo.io/age"
	"github.com/zalando/go-keyring"
)

// KeyringService is the service name under which device keys are kept in
// the OS keyring; the account is the vault id.
const KeyringService = "confide"

// KeyStore keeps device identities. OSKeyring is the real one; tests and
// machines without a keyring use others.
type KeyStore interface {
	// Get returns the identity string stored for the vault, or ErrNoKey.
	Get(vaultID string) (string, error)
	// Set stores the identity string for the vault.
	Set(vaultID, identity string) error
	// Delete removes it; deleting a missing entry is not an error.
	Delete(vaultID string) error
}

// OSKeyring is the operating system's keyring (Secret Service on Linux,
// Keychain on macOS, Credential Manager on Windows).
type OSKeyring struct{}

// Get implements KeyStore.
func (OSKeyring) Get(vaultID string) (string, error) {
	s, err := keyring.Get(KeyringService, vaultID)
	if errors.Is(err, keyring.ErrNotFound) {
		return "", ErrNoKey
	}
	if err != nil {
		return "", fmt.Errorf("%w: %v", ErrNoKeyring, err)
	}
	return s, nil
}

// Set implements KeyStore.
func (OSKeyring) Set(vaultID, identity string) error {
	if err := keyring.Set(KeyringService, vaultID, identity); err != nil {
		return fmt.Errorf("%w: %v", ErrNoKeyring, err)
	}
	return nil
}

// Delete implements KeyStore.
func (OSKeyring) Delete(vaultID string) error {
	err := keyring.Delete(KeyringService, vaultID)
	if err == nil || errors.Is(err, keyring.ErrNotFound) {
		return nil
	}
	return fmt.Errorf("%w: %v", ErrNoKeyring, err)
}

// A Key says how to unlock a vault: from a key store, with identities the
// caller holds, or with the vault passphrase.
type Key interface {
	// identities returns the identities to try, and the store in which a
	// re-enrolled device key should be kept (nil if none).
	identities(fsys fileSystem, dir string, m *Meta) ([]age.Identity, error)
}

type storeKey struct{ store KeyStore }

// FromStore unlocks with the device identity kept in store for this vault.
// When the store has none and the vault has a passphrase file, it fails
// with ErrNeedPassphrase; otherwise with ErrNoKey.
func FromStore(store KeyStore) Key { return storeKey{store} }

// FromKeyring is FromStore(OSKeyring{}).
func FromKeyring() Key { return storeKey{OSKeyring{}} }

func (k storeKey) identities(fsys fileSystem, dir string, m *Meta) ([]age.Identity, error) {
	s, err := k.store.Get(m.ID)
	if errors.Is(err, ErrNoKey) || errors.Is(err, ErrNoKeyring) {
		if _, serr := fsys.Stat(filepath.Join(dir, passphraseFile)); serr == nil {
			return nil, ErrNeedPassphrase
		}
		return nil, err
	}
	if err != nil {
		return nil, err
	}
	id, err := age.ParseX25519Identity(strings.TrimSpace(s))
	if err != nil {
		return nil, fmt.Errorf("%w: the keyring entry is not a key", ErrWrongKey)
	}
	return []age.Identity{id}, nil
}

type identityKey struct{ ids []age.Identity }

// WithIdentities unlocks with identities the caller holds (a device key
// file, or the recovery key).
func WithIdentities(ids ...age.Identity) Key { return identityKey{ids} }

func (k identityKey) identities(fileSystem, string, *Meta) ([]age.Identity, error) { return k.ids, nil }

type passphraseKey struct{ pass string }

// WithPassphrase unlocks with the vault passphrase, which opens the
// device identity sealed in passphrase.age.
func WithPassphrase(passphrase string) Key { return passphraseKey{passphrase} }

func (k passphraseKey) identities(fsys fileSystem, dir string, _ *Meta) ([]age.Identity, error) {
	data, err := fsys.ReadFile(filepath.Join(dir, passphraseFile))
	if errors.Is(err, os.ErrNotExist) {
		return nil, fmt.Errorf("%w: this vault has no passphrase set", ErrNoKey)
	}
	if err != nil {
		return nil, fmt.Errorf("read %s: %w", passphraseFile, err)
	}
	id, err := unsealIdentity(data, k.pass)
	if err != nil {
		return nil, err
	}
	return []age.Identity{id}, nil
}

// ParseIdentities reads age identities (AGE-SECRET-KEY-1... lines, with
// optional comments) from r, as in an identity file or a recovery kit.
func ParseIdentities(r io.Reader) ([]age.Identity, error) {
	ids, err := age.ParseIdentities(r)
	if err != nil {
		return nil, fmt.Errorf("%w: not an age identity (it starts with AGE-SECRET-KEY-1)", ErrWrongKey)
	}
	return ids, nil
}

// sealIdentity encrypts an identity string with a passphrase (age scrypt).
func sealIdentity(identity, passphrase string) ([]byte, error) {
	if passphrase == "" {
		return nil, errors.New("the passphrase is empty")
	}
	r, err := age.NewScryptRecipient(passphrase)
	if err != nil {
		return nil, err
	}
	var buf bytes.Buffer
	w, err := age.Encrypt(&buf, r)
	if err != nil {
		return nil, err
	}
	io.WriteString(w, identity+"\n")
	if err := w.Close(); err != nil {
		return nil, err
	}
	return buf.Bytes(), nil
}

func unsealIdentity(data []byte, passphrase string) (age.Identity, error) {
	sid, err := age.NewScryptIdentity(passphrase)
	if err != nil {
		return nil, fmt.Errorf("%w: the passphrase is empty", ErrWrongKey)
	}
	r, err := age.Decrypt(bytes.NewReader(data), sid)
	if err != nil {
		var noMatch *age.NoIdentityMatchError
		if errors.As(err, &noMatch) {
			return nil, fmt.Errorf("%w: wrong passphrase", ErrWrongKey)
		}
		return nil, damaged(passphraseFile, 0, -1, "does not decrypt")
	}
	pt, err := io.ReadAll(io.LimitReader(r, 4096))
	if err != nil {
		return nil, damaged(passphraseFile, 0, -1, "does not decrypt")
	}
	id, err := age.ParseX25519Identity(strings.TrimSpace(string(pt)))
	if err != nil {
		return nil, damaged(passphraseFile, 0, -1, "holds no key")
	}
	return id, nil
}

// recordingIdentity remembers whether it was the one that unwrapped the
// file key, so the vault knows which recipient unlocked it.
type recordingIdentity struct {
	age.Identity
	used bool
}

func (r *recordingIdentity) Unwrap(stanzas []*age.Stanza) ([]byte, error) {
	k, err := r.Identity.Unwrap(stanzas)
	if err == nil {
		r.used = true
	}
	return k, err
}

// publicKeyOf returns the recipient string of an X25519 identity, or "".
func publicKeyOf(id age.Identity) string {
	if x, ok := id.(*age.X25519Identity); ok {
		return x.Recipient().String()
	}
	return ""
}
