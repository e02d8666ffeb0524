package vault

import (
	"bytes"
	"crypto/sha256"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strconv"
	"time"

	"filippo.io/age"
)

// Compact writes a new snapshot holding everything committed and starts a
// new, empty journal generation.
func (v *Vault) Compact() error {
	v.mu.Lock()
	defer v.mu.Unlock()
	if err := v.usable(true); err != nil {
		return err
	}
	_, err := v.compactLocked()
	return err
}

// compactLocked writes generation gen+1 the crash-safe way. Until the
// rename the old snapshot and journal are untouched; after it, the old
// journal's records are of an older generation and are ignored, so a crash
// between the rename and the journal reset loses nothing.
//
// committed says whether the new snapshot was renamed into place: from
// then on the new generation is the vault, whatever fails after (the
// device state, the vault.json mirror, the new journal are warnings,
// repaired or retried later). A rename whose folder could not be synced is
// committed too, but the vault refuses changes until it is opened again.
func (v *Vault) compactLocked() (committed bool, err error) {
	if v.broken != nil {
		return false, v.broken
	}
	if v.auth == nil {
		v.auth = newAuthKeys() // the upgrade of a vault written before authentication
	}
	for _, id := range v.presentIdentities() {
		v.auth.wrapFor(v.meta.ID, id)
	}
	v.auth.keep(v.meta.Recipients)
	recips, err := v.meta.ageRecipients()
	if err != nil {
		return false, err
	}
	next := v.gen + 1
	ar := &authRecipient{keys: v.auth, fields: authFields{kind: kindSnapshot, vaultID: v.meta.ID, gen: next, epoch: v.auth.epoch, writer: v.writerID()}}
	innerRecips, _ := json.Marshal(v.meta.Recipients)
	oldFormat := v.meta.Format
	kv := map[string]string{"generation": strconv.FormatUint(next, 10), "recipients": string(innerRecips),
		"format": strconv.Itoa(FormatVersion)}
	if !v.meta.Created.IsZero() {
		kv["created"] = v.meta.Created.UTC().Format(time.RFC3339Nano)
	}
	if err := v.setMeta(kv); err != nil {
		return false, fmt.Errorf("compact: %w", err)
	}
	image, err := serialize(v.db)
	renamed := false
	if err == nil {
		renamed, err = v.writeSnapshot(image, append(recips, ar), ar)
		clear(image)
	}
	if !renamed {
		v.setMeta(map[string]string{"generation": strconv.FormatUint(v.gen, 10), "format": strconv.Itoa(oldFormat)})
		return false, fmt.Errorf("compact: %w", err)
	}
	v.gen, v.seq, v.snapTag, v.snapVaultID, v.jhead = next, 0, ar.tag, v.meta.ID, nil
	v.meta.Format = FormatVersion
	v.journal.close()
	v.journal = nil
	if err != nil {
		v.broken = fmt.Errorf("the new snapshot is in place but its folder could not be synced: %v", err)
		return true, fmt.Errorf("compact: %w", v.broken)
	}
	v.saveState(stateRewrite)
	if err := writeFileAtomic(v.fsys, v.dir, metaFile, v.meta.Marshal()); err != nil {
		v.warn(fmt.Errorf("vault.json could not be updated (it is rebuilt from the snapshot at the next unlock): %w", err))
	}
	if err := v.resetJournal(); err != nil {
		v.warn(fmt.Errorf("a new journal could not be started yet (the next change tries again): %w", err))
	}
	return true, nil
}

// presentIdentities are the recipients' identities at hand: their wraps
// can be (re)made.
func (v *Vault) presentIdentities() []*age.X25519Identity {
	current := map[string]bool{}
	for _, r := range v.meta.Recipients {
		current[r.PublicKey] = true
	}
	var out []*age.X25519Identity
	for _, id := range append(append([]age.Identity(nil), v.ids...), asIdentities(v.wrapAlso)...) {
		if x, ok := id.(*age.X25519Identity); ok && current[x.Recipient().String()] {
			out = append(out, x)
		}
	}
	return out
}

func asIdentities(xs []*age.X25519Identity) []age.Identity {
	out := make([]age.Identity, len(xs))
	for i, x := range xs {
		out[i] = x
	}
	return out
}

// writerID names the recipient that writes, in the files' authentication
// stanza (room for one journal per device).
func (v *Vault) writerID() string {
	if r, ok := v.recipientOf(v.usedID); ok {
		return r.ID
	}
	return "-"
}

// setMeta writes the vault's own bookkeeping rows. They are part of the
// snapshot, never of the journal.
func (v *Vault) setMeta(kv map[string]string) error {
	if _, err := v.db.Exec("PRAGMA query_only=0"); err != nil {
		return err
	}
	defer v.db.Exec("PRAGMA query_only=1")
	for k, val := range kv {
		if _, err := v.db.Exec("INSERT INTO _vault_meta(key, value) VALUES(?, ?) ON CONFLICT(key) DO UPDATE SET value=excluded.value", k, val); err != nil {
			return err
		}
	}
	return nil
}

// writeSnapshot encrypts image to recips into a temp file, checks that the
// file decrypts back to the same bytes and authenticates, and only then
// renames it into place.
func (v *Vault) writeSnapshot(image []byte, recips []age.Recipient, ar *authRecipient) (bool, error) {
	want := sha256.Sum256(image)
	return writeAtomic(v.fsys, v.dir, snapshotFile, func(f file) error {
		aw, err := age.Encrypt(f, recips...)
		if err != nil {
			return err
		}
		if _, err := aw.Write(image); err != nil {
			return err
		}
		if err := aw.Close(); err != nil {
			return err
		}
		return v.checkWritten(f, want, ar)
	})
}

// checkWritten re-reads the temp file and decrypts it, when an identity in
// memory can, to prove that what is about to replace the snapshot opens
// and authenticates.
func (v *Vault) checkWritten(f file, want [32]byte, ar *authRecipient) error {
	ids := append(append([]age.Identity(nil), v.ids...), asIdentities(v.wrapAlso)...)
	if len(ids) == 0 {
		return nil
	}
	if err := f.Sync(); err != nil {
		return err
	}
	rf, err := v.fsys.Open(f.Name())
	if err != nil {
		return err
	}
	defer rf.Close()
	caps, wrapped := captures(ids)
	r, err := age.Decrypt(rf, wrapped...)
	if err != nil {
		var noMatch *age.NoIdentityMatchError
		if errors.As(err, &noMatch) {
			return nil // e.g. the recipient set no longer includes this key
		}
		return fmt.Errorf("new snapshot does not decrypt: %w", err)
	}
	if _, err := checkAuth(ar.keys, matched(caps), ar.fields); err != nil {
		return fmt.Errorf("new snapshot does not authenticate: %w", err)
	}
	h := sha256.New()
	if _, err := io.Copy(h, r); err != nil {
		return fmt.Errorf("new snapshot does not decrypt: %w", err)
	}
	if !bytes.Equal(h.Sum(nil), want[:]) {
		return errors.New("new snapshot does not match the database")
	}
	return nil
}

// resetJournal starts the journal of the current generation with a fresh
// record key. If it fails, the vault starts one at the next commit; the
// snapshot already holds everything, so nothing is lost.
func (v *Vault) resetJournal() error {
	v.journal.close()
	v.journal = nil
	recips, err := v.meta.ageRecipients()
	if err != nil {
		return err
	}
	if v.auth != nil {
		recips = append(recips, &authRecipient{keys: v.auth, fields: authFields{kind: kindJournal, vaultID: v.meta.ID, gen: v.gen, epoch: v.auth.epoch, writer: v.writerID()}})
	}
	data, key, err := newJournal(v.meta.ID, v.gen, recips)
	if err != nil {
		return err
	}
	if err := writeFileAtomic(v.fsys, v.dir, journalFile, data); err != nil {
		return fmt.Errorf("start new journal: %w", err)
	}
	f, err := v.fsys.OpenFile(filepath.Join(v.dir, journalFile), os.O_RDWR, 0o600)
	if err != nil {
		return fmt.Errorf("open journal: %w", err)
	}
	v.journal = &journal{f: f, size: int64(len(data)), key: key}
	if v.snapTag != nil {
		v.jhead = headNext(headStart(v.snapTag), data[len(journalHeader):])
	}
	return nil
}
