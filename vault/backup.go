package vault

import (
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"sort"
)

// Backup writes a consistent copy of the vault's encrypted files into the
// folder dest (created if needed), then opens the copy read-only with the
// keys in memory and checks it. The copy is itself a vault: restoring is
// opening it (or copying it back). Nothing is decrypted onto the disk.
func (v *Vault) Backup(dest string) (*Report, error) {
	v.mu.Lock()
	defer v.mu.Unlock()
	if err := v.usable(false); err != nil {
		return nil, err
	}
	if abs(dest) == abs(v.dir) {
		return nil, errors.New("the backup folder is the vault folder; choose another")
	}
	if err := os.MkdirAll(dest, 0o700); err != nil {
		return nil, fmt.Errorf("create backup folder: %w", err)
	}
	names := []string{snapshotFile, journalFile, passphraseFile, metaFile}
	for _, name := range names {
		if err := copyAtomic(v.dir, dest, name); err != nil {
			return nil, fmt.Errorf("back up %s: %w", name, err)
		}
	}
	if !HasPassphrase(v.dir) {
		os.Remove(filepath.Join(dest, passphraseFile))
	}
	rep, err := Verify(dest, WithIdentities(v.ids...))
	if err != nil {
		return nil, fmt.Errorf("the backup does not verify: %w", err)
	}
	if rep.Generation != v.gen || rep.JournalRecords != int(v.seq) {
		return nil, errors.New("the backup does not match the vault")
	}
	return rep, nil
}

func abs(p string) string {
	a, err := filepath.Abs(p)
	if err != nil {
		return p
	}
	return filepath.Clean(a)
}

func copyAtomic(srcDir, destDir, name string) error {
	src, err := os.Open(filepath.Join(srcDir, name))
	if errors.Is(err, os.ErrNotExist) {
		return nil
	}
	if err != nil {
		return err
	}
	defer src.Close()
	return writeAtomic(destDir, name, func(w io.Writer) error {
		_, err := io.Copy(w, src)
		return err
	})
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
}

// Verify opens the vault in dir read-only, decrypting everything, and
// checks the SQLite integrity, every journal record and the event log
// chain. It returns the first problem found, a *DamageError where the
// files are at fault.
func Verify(dir string, key Key) (*Report, error) {
	v, err := Open(dir, key, ReadOnly())
	if err != nil {
		return nil, err
	}
	defer v.Close()
	v.mu.Lock()
	defer v.mu.Unlock()
	var res string
	if err := v.db.QueryRow("PRAGMA integrity_check").Scan(&res); err != nil || res != "ok" {
		return nil, damaged(snapshotFile, 0, -1, "database integrity check failed")
	}
	if _, err := verifyChain(v.db); err != nil {
		return nil, err
	}
	return v.report()
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
		Recipients: append([]Recipient(nil), v.meta.Recipients...), Passphrase: HasPassphrase(v.dir), Tables: map[string]int{}}
	if st, err := os.Stat(filepath.Join(v.dir, snapshotFile)); err == nil {
		r.SnapshotBytes = st.Size()
	}
	if st, err := os.Stat(filepath.Join(v.dir, journalFile)); err == nil {
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
// the package that writes plaintext, and only where the caller says.
func (v *Vault) WriteDatabase(path string) error {
	v.mu.Lock()
	defer v.mu.Unlock()
	if err := v.usable(false); err != nil {
		return err
	}
	image, err := serialize(v.db)
	if err != nil {
		return err
	}
	defer clear(image)
	return writeFileAtomic(filepath.Dir(path), filepath.Base(path), image)
}
