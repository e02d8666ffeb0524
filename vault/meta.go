package vault

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"path/filepath"
	"strings"
	"time"

	"filippo.io/age"
)

// FormatVersion is the on-disk format this package writes. Vaults of this
// version and older keep opening; newer ones are refused with ErrNewerFormat.
//
// Format 2 authenticates the snapshot and the journal (auth.go); a vault
// of format 1 opens, unauthenticated, and is upgraded by its first
// writable Open.
const FormatVersion = 2

// Recipient kinds.
const (
	KindDevice   = "device"
	KindRecovery = "recovery"
)

// Recipient is one public key the vault is encrypted to.
type Recipient struct {
	ID        string    `json:"id"`        // short stable id, e.g. "dev-3f9a1c2b"
	Kind      string    `json:"kind"`      // KindDevice or KindRecovery
	PublicKey string    `json:"recipient"` // age1... X25519 recipient
	Label     string    `json:"label,omitempty"`
	Added     time.Time `json:"added"`
}

// Meta is vault.json: plaintext, nothing secret.
type Meta struct {
	Format     int         `json:"format"`
	ID         string      `json:"id"`
	Created    time.Time   `json:"created"`
	Recipients []Recipient `json:"recipients"`
}

// ParseMeta decodes and validates vault.json.
func ParseMeta(data []byte) (*Meta, error) {
	var probe struct {
		Format int `json:"format"`
	}
	if err := json.Unmarshal(data, &probe); err != nil {
		return nil, damaged(metaFile, 0, -1, "not valid JSON")
	}
	if probe.Format > FormatVersion {
		return nil, fmt.Errorf("%w (format %d; this version reads up to %d): update Confide", ErrNewerFormat, probe.Format, FormatVersion)
	}
	dec := json.NewDecoder(bytes.NewReader(data))
	dec.DisallowUnknownFields()
	var m Meta
	if err := dec.Decode(&m); err != nil {
		return nil, damaged(metaFile, 0, -1, "unexpected content")
	}
	if err := m.validate(); err != nil {
		return nil, damaged(metaFile, 0, -1, "%s", err)
	}
	return &m, nil
}

func (m *Meta) validate() error {
	if m.Format < 1 {
		return errors.New("missing format version")
	}
	if !validID(m.ID) {
		return errors.New("bad vault id")
	}
	if len(m.Recipients) == 0 {
		return errors.New("no recipients")
	}
	seen := map[string]bool{}
	for _, r := range m.Recipients {
		if r.Kind != KindDevice && r.Kind != KindRecovery {
			return errors.New("bad recipient kind")
		}
		if !validID(r.ID) || seen[r.ID] {
			return errors.New("bad or repeated recipient id")
		}
		seen[r.ID] = true
		if _, err := age.ParseX25519Recipient(r.PublicKey); err != nil {
			return errors.New("bad recipient key")
		}
	}
	return nil
}

func validID(s string) bool {
	if len(s) < 4 || len(s) > 64 {
		return false
	}
	for _, c := range s {
		if !(c >= 'a' && c <= 'z' || c >= '0' && c <= '9' || c == '-') {
			return false
		}
	}
	return true
}

// Marshal encodes vault.json, indented for people who look.
func (m *Meta) Marshal() []byte {
	b, err := json.MarshalIndent(m, "", "  ")
	if err != nil {
		panic(err) // cannot happen: only plain types
	}
	return append(b, '\n')
}

// ageRecipients parses the public keys.
func (m *Meta) ageRecipients() ([]age.Recipient, error) {
	out := make([]age.Recipient, 0, len(m.Recipients))
	for _, r := range m.Recipients {
		rc, err := age.ParseX25519Recipient(r.PublicKey)
		if err != nil {
			return nil, damaged(metaFile, 0, -1, "bad recipient key")
		}
		out = append(out, rc)
	}
	return out, nil
}

// recipientsKey is a canonical string of the recipient set, stored inside
// the encrypted database so that an edited vault.json is noticed.
func (m *Meta) recipientsKey() string {
	keys := make([]string, len(m.Recipients))
	for i, r := range m.Recipients {
		keys[i] = r.ID + "=" + r.PublicKey
	}
	return strings.Join(keys, ",")
}

func readMeta(fsys fileSystem, dir string) (*Meta, error) {
	data, err := fsys.ReadFile(filepath.Join(dir, metaFile))
	if err != nil {
		return nil, fmt.Errorf("read %s: %w", metaFile, err)
	}
	return ParseMeta(data)
}
