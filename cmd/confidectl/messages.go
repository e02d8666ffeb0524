package main

// All user-facing error text of confidectl is here. The rules: say what
// happened in one sentence, then what to do next; never print note text,
// client names, identifiers or key material; keep the technical detail
// short and at the end.

import (
	"errors"
	"fmt"
	"path/filepath"

	"github.com/confidenotes/confide/notes"
	"github.com/confidenotes/confide/vault"
)

func explain(err error, dir string) string {
	var dmg *vault.DamageError
	switch {
	case errors.As(err, &dmg) && filepath.IsAbs(dmg.File):
		return fmt.Sprintf("confidectl: %v.\nThis computer's record of what it last saw in the vault is damaged; the vault itself may be fine. 'confidectl restore' takes the folder as it is now; run 'confidectl verify' after.", dmg)
	case errors.As(err, &dmg) && dmg.Stale:
		return fmt.Sprintf("confidectl: %v.\nNothing was changed. If you put a backup back on purpose, accept it with 'confidectl restore'. Otherwise the folder lost changes this computer made: keep it as it is and restore from a newer backup (open it with --vault).", dmg)
	case errors.As(err, &dmg):
		return fmt.Sprintf("confidectl: %v.\nNothing was changed. Keep the folder as it is (do not delete it) and restore from a backup: open the backup folder with --vault.", dmg)
	case errors.Is(err, vault.ErrReadOnly):
		return fmt.Sprintf("confidectl: %v; nothing was changed.\nReading and checking work; to make changes, copy the vault to a writable folder.", err)
	case errors.Is(err, vault.ErrInsideVault):
		return fmt.Sprintf("confidectl: %v; nothing was written.\nA vault folder holds only the vault's own files.", err)
	case errors.Is(err, notes.ErrTooLarge):
		return fmt.Sprintf("confidectl: %v; nothing was saved.", err)
	case errors.Is(err, vault.ErrInUse):
		return "confidectl: the vault is open in another window or process.\nClose Confide (or the other confidectl) and try again."
	case errors.Is(err, vault.ErrNeedPassphrase):
		return "confidectl: this vault unlocks with its passphrase.\nPass it with --passphrase-file FILE."
	case errors.Is(err, vault.ErrNoKey):
		return fmt.Sprintf("confidectl: %v.\nOn a new machine, or after the keyring was reset, enroll this machine with the recovery key:\n  confidectl recover --recovery-key-file FILE", err)
	case errors.Is(err, vault.ErrWrongKey):
		return fmt.Sprintf("confidectl: %v.\nCheck the key file or passphrase. If it is lost, use the recovery key:\n  confidectl recover --recovery-key-file FILE", err)
	case errors.Is(err, vault.ErrNoKeyring):
		return "confidectl: the OS keyring is not available on this machine.\nWith init, keep the key in a file (--identity-out FILE) or behind a passphrase (--passphrase-file FILE); to unlock, use --identity FILE or --passphrase-file FILE."
	case errors.Is(err, vault.ErrNotFound):
		return fmt.Sprintf("confidectl: there is no vault in %s (none of its files is there).\nCreate one with 'confidectl init', or point --vault (or CONFIDE_VAULT) at the vault folder.", dir)
	case errors.Is(err, vault.ErrExists):
		return fmt.Sprintf("confidectl: %s already holds a vault, or some of a vault's files; nothing was changed.\nUse another --vault folder. If the vault there does not open, see 'confidectl repair' and 'confidectl restore'; never delete its files.", dir)
	case errors.Is(err, vault.ErrNewerFormat):
		return fmt.Sprintf("confidectl: %v.", err)
	case errors.Is(err, vault.ErrLocked):
		return "confidectl: the vault was locked while the command ran; run it again."
	default:
		return fmt.Sprintf("confidectl: %v.", err)
	}
}

// warning is how confidectl says, on stderr, that something went wrong
// after the command's change was durable: the command still exits 0.
func warning(err error) string {
	switch {
	case errors.Is(err, vault.ErrNotCompacted):
		return fmt.Sprintf("confidectl: warning: %v.\nThe change is saved in the journal; nothing is lost, and the next command or unlock tries again.", err)
	default:
		return fmt.Sprintf("confidectl: warning: %v.", err)
	}
}
