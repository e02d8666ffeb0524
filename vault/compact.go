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
	return v.compactLocked()
}

// compactLocked writes generation gen+1 the crash-safe way. Until the
// rename the old snapshot and journal are untouched; after it, the old
// journal's records are of an older generation and are ignored, so a crash
// between the rename and the journal reset loses nothing.
func (v *Vault) compactLocked() error {
	recips, err := v.meta.ageRecipients()
	if err != nil {
		return err
	}
	next := v.gen + 1
	innerRecips, _ := json.Marshal(v.meta.Recipients)
	if err := v.setMeta(map[string]string{"generation": strconv.FormatUint(next, 10), "recipients": string(innerRecips)}); err != nil {
		return fmt.Errorf("compact: %w", err)
	}
	image, err := serialize(v.db)
	if err == nil {
		err = v.writeSnapshot(image, recips)
		clear(image)
	}
	if err != nil {
		v.setMeta(map[string]string{"generation": strconv.FormatUint(v.gen, 10)})
		return fmt.Errorf("compact: %w", err)
	}
	v.gen, v.seq = next, 0
	if err := writeFileAtomic(v.dir, metaFile, v.meta.Marshal()); err != nil {
		return fmt.Errorf("compact: %w", err)
	}
	return v.resetJournal()
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
// file decrypts back to the same bytes, and only then renames it into place.
func (v *Vault) writeSnapshot(image []byte, recips []age.Recipient) error {
	want := sha256.Sum256(image)
	return writeAtomic(v.dir, snapshotFile, func(w io.Writer) error {
		h := sha256.New()
		aw, err := age.Encrypt(io.MultiWriter(w, h), recips...)
		if err != nil {
			return err
		}
		if _, err := aw.Write(image); err != nil {
			return err
		}
		if err := aw.Close(); err != nil {
			return err
		}
		return v.checkWritten(w, want)
	})
}

// checkWritten re-reads the temp file and decrypts it, when an identity in
// memory can, to prove that what is about to replace the snapshot opens.
func (v *Vault) checkWritten(w io.Writer, want [32]byte) error {
	f, ok := w.(*os.File)
	if !ok || len(v.ids) == 0 {
		return nil
	}
	if err := f.Sync(); err != nil {
		return err
	}
	rf, err := os.Open(f.Name())
	if err != nil {
		return err
	}
	defer rf.Close()
	r, err := age.Decrypt(rf, v.ids...)
	if err != nil {
		var noMatch *age.NoIdentityMatchError
		if errors.As(err, &noMatch) {
			return nil // e.g. the recipient set no longer includes this key
		}
		return fmt.Errorf("new snapshot does not decrypt: %w", err)
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
// record key. If it fails, the vault refuses commits until a retry
// succeeds; the snapshot already holds everything, so nothing is lost.
func (v *Vault) resetJournal() error {
	v.journal.close()
	v.journal = nil
	recips, err := v.meta.ageRecipients()
	if err != nil {
		return err
	}
	data, key, err := newJournal(v.meta.ID, v.gen, recips)
	if err != nil {
		return err
	}
	if err := writeFileAtomic(v.dir, journalFile, data); err != nil {
		return fmt.Errorf("start new journal: %w", err)
	}
	f, err := os.OpenFile(filepath.Join(v.dir, journalFile), os.O_RDWR, 0o600)
	if err != nil {
		return fmt.Errorf("open journal: %w", err)
	}
	v.journal = &journal{f: f, size: int64(len(data)), key: key}
	return nil
}
