package vault

import (
	"errors"
	"fmt"
)

// Sentinel errors, for callers that branch on what went wrong. Every error
// the package returns wraps at most one of these; messages never contain
// note text, names or key material.
var (
	// ErrLocked is returned by every operation on a vault after Lock or Close.
	ErrLocked = errors.New("vault is locked")

	// ErrWrongKey means none of the offered identities can decrypt the vault:
	// a wrong passphrase, a removed device, or another vault's key. Recovery
	// with the recovery key is the way back.
	ErrWrongKey = errors.New("this key does not unlock the vault")

	// ErrNoKey means no key for this vault was found on this machine (no
	// keyring entry, no passphrase file). Recovery enrolls the machine.
	ErrNoKey = errors.New("no key for this vault on this machine")

	// ErrNeedPassphrase means the vault is set to unlock with a passphrase.
	ErrNeedPassphrase = errors.New("this vault unlocks with its passphrase")

	// ErrDamaged means a file of the vault failed its integrity checks.
	// The error is a *DamageError naming the file and, for the journal,
	// the record.
	ErrDamaged = errors.New("vault is damaged")

	// ErrInUse means another process (or window) holds the vault open.
	ErrInUse = errors.New("the vault is open in another window or process")

	// ErrNewerFormat means the vault was written by a newer Confide.
	ErrNewerFormat = errors.New("the vault was written by a newer version of Confide")

	// ErrNotFound means the folder holds no vault.
	ErrNotFound = errors.New("no vault in this folder")

	// ErrExists means Create was pointed at a folder that already holds a vault.
	ErrExists = errors.New("a vault already exists in this folder")

	// ErrNoKeyring means the OS keyring is not available on this machine.
	ErrNoKeyring = errors.New("the OS keyring is not available")

	// ErrStale means the folder holds less than this device last saw in
	// it: an older snapshot, a journal that lost acknowledged records, an
	// event log that lost entries. It is damage too (errors.Is(err,
	// ErrDamaged)); a backup put back on purpose is accepted with Restore.
	ErrStale = errors.New("the vault is older than this device last saw it")

	// ErrReadOnly means a change was asked of a vault that cannot take
	// one: its folder cannot be written (a read-only medium), or it was
	// opened read-only.
	ErrReadOnly = errors.New("the vault's folder cannot be written (a read-only medium or folder)")

	// ErrNotCompacted means that the changes are durable in the journal,
	// but the compaction that should have followed failed (a full disk, a
	// folder that became read-only). Nothing is lost; it is retried.
	ErrNotCompacted = errors.New("the changes are saved in the journal, but a new snapshot could not be written")
)

// DamageError says which file (and for the journal, which record) failed.
// It matches ErrDamaged with errors.Is.
type DamageError struct {
	File   string // file name inside the vault folder, e.g. "journal"
	Record int    // 1-based journal record number, or 0 when not applicable
	Offset int64  // byte offset of the damage, or -1 when unknown
	Reason string // short technical reason, never content
	// Stale is set when the file is not damaged in itself but holds less
	// than this device saw (see ErrStale).
	Stale bool
}

func (e *DamageError) Error() string {
	msg := "vault is damaged: " + e.File
	if e.Stale {
		msg = "the vault is older than this device last saw it: " + e.File
	}
	if e.Record > 0 {
		msg += fmt.Sprintf(" record %d", e.Record)
	}
	if e.Offset >= 0 {
		msg += fmt.Sprintf(" at byte %d", e.Offset)
	}
	return msg + ": " + e.Reason
}

// Is makes errors.Is(err, ErrDamaged) true, and errors.Is(err, ErrStale)
// when the damage is a rollback or a loss.
func (e *DamageError) Is(target error) bool {
	return target == ErrDamaged || (e.Stale && target == ErrStale)
}

func damaged(file string, record int, offset int64, format string, args ...any) error {
	return &DamageError{File: file, Record: record, Offset: offset, Reason: fmt.Sprintf(format, args...)}
}
