package vault

import (
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"sort"
	"strconv"
)

// Backup writes a consistent copy of the vault's encrypted files into the
// folder dest (created if needed), then opens the copy read-only with the
// keys in memory and checks it. The copy is itself a vault: it
// authenticates like the original, and opening it (or Restore, after
// copying it back) is restoring. Nothing is decrypted onto the disk.
//
// dest may hold an earlier backup of this vault, which is replaced (and
// its stale temp files removed), but not another vault, nor a newer copy
// of this one, nor be inside a vault folder.
func (v *Vault) Backup(dest string) (*Report, error) {
	v.mu.Lock()
	defer v.mu.Unlock()
	if err := v.usable(false); err != nil {
		return nil, err
	}
	if err := v.checkBackupDest(dest); err != nil {
		return nil, err
	}
	if err := mkdirAllDurable(v.fsys, dest); err != nil {
		return nil, fmt.Errorf("create backup folder: %w", err)
	}
	removeStaleTemps(v.fsys, dest, vaultFiles...)
	for _, name := range []string{snapshotFile, journalFile, passphraseFile, metaFile} {
		if err := v.copyAtomic(dest, name); err != nil {
			return nil, fmt.Errorf("back up %s: %w", name, err)
		}
	}
	rep, err := Verify(dest, WithIdentities(v.ids...), withFileSystem(v.fsys), StateDir(v.state.dir))
	if err != nil {
		return nil, fmt.Errorf("the backup does not verify: %w", err)
	}
	if rep.Generation != v.gen || rep.JournalRecords != int(v.seq) {
		return nil, errors.New("the backup does not match the vault")
	}
	return rep, nil
}

// checkBackupDest refuses a backup folder that would destroy something.
func (v *Vault) checkBackupDest(dest string) error {
	d := abs(dest)
	if d == abs(v.dir) {
		return errors.New("the backup folder is the vault folder; choose another")
	}
	if outer := insideVault(v.fsys, filepath.Dir(d)); outer != "" {
		return fmt.Errorf("%w (%s)", ErrInsideVault, outer)
	}
	if !hasVaultFiles(v.fsys, d) {
		return nil
	}
	id, gen := snapshotHeaderFields(v.fsys, d)
	if m, err := readMeta(v.fsys, d); err == nil && id == "" {
		id = m.ID
	}
	switch {
	case id != v.meta.ID:
		return fmt.Errorf("%s holds another vault; choose an empty folder, or the folder of an earlier backup of this vault", dest)
	case gen > v.gen:
		return fmt.Errorf("%s holds a newer copy of this vault (generation %d, this one is %d); it was not replaced", dest, gen, v.gen)
	}
	return nil
}

// snapshotHeaderFields reads the vault id and generation a snapshot is
// authenticated for, from its header, without a key.
func snapshotHeaderFields(fsys fileSystem, dir string) (string, uint64) {
	f, err := fsys.Open(filepath.Join(dir, snapshotFile))
	if err != nil {
		return "", 0
	}
	defer f.Close()
	head := make([]byte, 64<<10)
	n, _ := io.ReadFull(f, head)
	return snapshotAuthFields(head[:n])
}

func (v *Vault) copyAtomic(destDir, name string) error {
	src, err := v.fsys.Open(filepath.Join(v.dir, name))
	if errors.Is(err, os.ErrNotExist) {
		if err := v.fsys.Remove(filepath.Join(destDir, name)); err != nil && !errors.Is(err, os.ErrNotExist) {
			return err
		}
		return nil
	}
	if err != nil {
		return err
	}
	defer src.Close()
	_, err = writeAtomic(v.fsys, destDir, name, func(w file) error {
		_, err := io.Copy(w, src)
		return err
	})
	return err
}

// RestoreFrom copies the vault backed up in the folder from into dest,
// which must hold none of a vault's files (nothing is overwritten), once
// the backup opens and authenticates with key. Open dest with Restore
// then, for this device to take it as the newest state.
func RestoreFrom(from, dest string, key Key, opts ...Option) error {
	o := collect(opts)
	if hasVaultFiles(o.fsys, dest) {
		return fmt.Errorf("%w: %s", ErrExists, dest)
	}
	if outer := insideVault(o.fsys, filepath.Dir(abs(dest))); outer != "" {
		return fmt.Errorf("%w (%s)", ErrInsideVault, outer)
	}
	src, err := Open(from, key, ReadOnly(), StateDir(o.stateDir), withFileSystem(o.fsys))
	if err != nil {
		return fmt.Errorf("the backup in %s does not open: %w", from, err)
	}
	defer src.Close()
	if err := mkdirAllDurable(o.fsys, dest); err != nil {
		return fmt.Errorf("create the vault folder: %w", err)
	}
	src.mu.Lock()
	defer src.mu.Unlock()
	for _, name := range []string{snapshotFile, journalFile, passphraseFile, metaFile} {
		if err := src.copyAtomic(dest, name); err != nil {
			return fmt.Errorf("copy %s: %w", name, err)
		}
	}
	return nil
}

// Report is what Verify and Status found.
type Report struct {
	ID             string         `json:"vault_id"`
	Format         int            `json:"format_version"`
	Generation     uint64         `json:"generation"`
	SnapshotBytes  int64          `json:"snapshot_bytes"`
	JournalBytes   int64          `json:"journal_bytes"`
	JournalRecords int            `json:"journal_records"`
	DatabaseBytes  int64          `json:"database_bytes"`
	LogEntries     int            `json:"log_entries"`
	Tables         map[string]int `json:"tables"`
	Recipients     []Recipient    `json:"recipients"`
	Passphrase     bool           `json:"passphrase"`
	// Authenticated says the snapshot and journal were written by a key
	// holder (format 2); false for a format 1 vault not yet upgraded.
	Authenticated bool `json:"authenticated"`
	// DeviceState is what the folder was compared with: "seen" (this
	// device's record of the folder, which it holds at least), "first use"
	// (this device had none: nothing older could be told apart), or
	// "restored" (Restore accepted the folder as it is).
	DeviceState string `json:"device_state"`
	// Seen is this device's record of the folder before this open.
	Seen *SeenState `json:"seen,omitempty"`
	// DiscardedBytes is the torn final journal record discarded: a commit
	// that was in flight when the writer stopped, never acknowledged.
	DiscardedBytes int64 `json:"discarded_bytes"`
	// Checked lists what Verify checked.
	Checked []string `json:"checked,omitempty"`
	// Repaired lists what a writable Open rebuilt or discarded.
	Repaired []string `json:"repaired,omitempty"`
}

// SeenState is the newest state of the folder this device had seen.
type SeenState struct {
	Generation     uint64 `json:"generation"`
	JournalRecords uint64 `json:"journal_records"`
	LogEntries     int64  `json:"log_entries"`
}

// Verify opens the vault in dir read-only, decrypting everything, and
// checks that its files are authentic and not older than this device last
// saw, the SQLite integrity, every journal record and the event log chain
// up to the newest entry this device saw. It returns the first problem
// found, a *DamageError where the files are at fault; the report says
// what was checked and what was discarded.
func Verify(dir string, key Key, opts ...Option) (*Report, error) {
	v, err := Open(dir, key, append(opts, ReadOnly())...)
	if err != nil {
		return nil, err
	}
	defer v.Close()
	return v.Verify()
}

// Verify checks the open vault as the package-level Verify does.
func (v *Vault) Verify() (*Report, error) {
	v.mu.Lock()
	defer v.mu.Unlock()
	if err := v.usable(false); err != nil {
		return nil, err
	}
	var res string
	if err := v.db.QueryRow("PRAGMA integrity_check").Scan(&res); err != nil || res != "ok" {
		return nil, damaged(snapshotFile, 0, -1, "database integrity check failed")
	}
	n, err := verifyChain(v.db)
	if err != nil {
		return nil, err
	}
	r, err := v.report()
	if err != nil {
		return nil, err
	}
	if r.Authenticated {
		r.Checked = append(r.Checked, "the snapshot and the journal's key are authenticated under the vault's key")
	} else {
		r.Checked = append(r.Checked, "the snapshot is of format 1, from before authentication: it could not be authenticated")
	}
	switch r.DeviceState {
	case "seen":
		r.Checked = append(r.Checked, fmt.Sprintf("not older than this device last saw: generation %d, %d journal records, %d log entries",
			r.Seen.Generation, r.Seen.JournalRecords, r.Seen.LogEntries))
	case "first use":
		r.Checked = append(r.Checked, "this device had not seen this folder: an older copy could not be told apart")
	}
	r.Checked = append(r.Checked,
		fmt.Sprintf("%d journal records decrypt, authenticate and apply in order", r.JournalRecords),
		"the database passes SQLite's integrity check",
		"the event log's hash chain: "+strconv.Itoa(n)+" entries")
	return r, nil
}

// Status describes the open vault.
func (v *Vault) Status() (*Report, error) {
	v.mu.Lock()
	defer v.mu.Unlock()
	if err := v.usable(false); err != nil {
		return nil, err
	}
	return v.report()
}

func (v *Vault) report() (*Report, error) {
	r := &Report{ID: v.meta.ID, Format: v.meta.Format, Generation: v.gen, JournalRecords: int(v.seq),
		Recipients: append([]Recipient(nil), v.meta.Recipients...), Tables: map[string]int{},
		Authenticated: v.snapTag != nil, DiscardedBytes: v.opened.tornBytes, DeviceState: "seen"}
	r.Passphrase = exists(v.fsys, filepath.Join(v.dir, passphraseFile))
	if st := v.opened.seen; st != nil {
		r.Seen = &SeenState{Generation: st.Gen, JournalRecords: st.Seq, LogEntries: st.Log}
	}
	switch {
	case v.opened.restored != nil:
		r.DeviceState = "restored"
	case v.opened.firstUse:
		r.DeviceState = "first use"
	}
	if !v.readOnly {
		if v.opened.metaFixed != "" {
			r.Repaired = append(r.Repaired, "vault.json rebuilt from the snapshot ("+v.opened.metaFixed+")")
		}
		if v.opened.tornBytes > 0 {
			r.Repaired = append(r.Repaired, fmt.Sprintf("journal: a torn final record of %d bytes discarded (it was never acknowledged)", v.opened.tornBytes))
		}
	}
	if st, err := v.fsys.Stat(filepath.Join(v.dir, snapshotFile)); err == nil {
		r.SnapshotBytes = st.Size()
	}
	if st, err := v.fsys.Stat(filepath.Join(v.dir, journalFile)); err == nil {
		r.JournalBytes = st.Size()
	}
	var pages, size int64
	v.db.QueryRow("PRAGMA page_count").Scan(&pages)
	v.db.QueryRow("PRAGMA page_size").Scan(&size)
	r.DatabaseBytes = pages * size
	rows, err := v.db.Query(`SELECT name FROM sqlite_schema WHERE type = 'table'
		AND name NOT LIKE 'sqlite_%' AND name NOT LIKE '%_data' AND name NOT LIKE '%_idx'
		AND name NOT LIKE '%_content' AND name NOT LIKE '%_docsize' AND name NOT LIKE '%_config'`)
	if err != nil {
		return nil, err
	}
	var tables []string
	for rows.Next() {
		var name string
		rows.Scan(&name)
		tables = append(tables, name)
	}
	rows.Close()
	sort.Strings(tables)
	for _, t := range tables {
		var n int
		if err := v.db.QueryRow(`SELECT count(*) FROM "` + t + `"`).Scan(&n); err == nil {
			r.Tables[t] = n
		}
	}
	r.LogEntries = r.Tables["_vault_log"]
	return r, nil
}

// WriteDatabase writes the whole database, in plaintext, as an ordinary
// SQLite file at path: the way out of Confide. It is the only function of
// the package that writes plaintext, and only where the caller says, with
// the crash-safe writer (never inside a vault folder).
func (v *Vault) WriteDatabase(path string) error {
	v.mu.Lock()
	defer v.mu.Unlock()
	if err := v.usable(false); err != nil {
		return err
	}
	f, err := createFile(v.fsys, path, "", false)
	if err != nil {
		return err
	}
	image, err := serialize(v.db)
	if err != nil {
		f.Abort()
		return err
	}
	defer clear(image)
	if err := writeAll(f, image); err != nil {
		f.Abort()
		return fmt.Errorf("write %s: %w", filepath.Base(path), err)
	}
	return f.Commit()
}
