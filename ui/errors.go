package ui

// All user-facing error text of the desktop app is here. The rules: a short
// title saying what happened, then one or two sentences on what to do next;
// calm, plain words; never note text, client names, key material or a stack
// trace. Technical detail, when there is any, is short and at the end.

import (
	"errors"
	"fmt"
	"io/fs"

	"github.com/confidenotes/confide/notes"
	"github.com/confidenotes/confide/vault"
)

// userMessage turns an error into a title and a message for the user.
func userMessage(err error) (title, message string) {
	var dmg *vault.DamageError
	switch {
	case errors.Is(err, vault.ErrStale):
		return "Your vault is older than this computer last saw it",
			"The vault folder holds less than this computer saw there: an older copy, or changes that went missing. " +
				"Nothing was changed. If you put a backup back on purpose, accept it once with “confidectl restore”. " +
				"Otherwise keep the folder exactly as it is and restore your notes from a newer backup."
	case errors.Is(err, vault.ErrReadOnly):
		return "The vault cannot be changed here",
			"Its folder cannot be written (a read-only disk or folder). You can read and check your notes; to change them, copy the vault to a writable folder."
	case errors.Is(err, vault.ErrInsideVault):
		return "Choose another place",
			"That is inside a vault folder, which holds only the vault's own files. Nothing was written."
	case errors.Is(err, notes.ErrTooLarge):
		return "This note is too long",
			"A note holds at most 2 MB of text. Split it into several notes. Nothing was saved."
	case errors.As(err, &dmg):
		return "Your vault could not be read",
			fmt.Sprintf("The file “%s” in the vault folder failed its integrity check. Nothing was changed. "+
				"Keep the folder exactly as it is (do not delete it) and restore your notes from a backup: "+
				"start Confide with --vault pointing at the backup folder, or copy the backup back.", dmg.File)
	case errors.Is(err, vault.ErrDamaged):
		return "Your vault could not be read",
			"A file in the vault folder failed its integrity check. Nothing was changed. " +
				"Keep the folder exactly as it is and restore your notes from a backup."
	case errors.Is(err, vault.ErrInUse):
		return "Confide is already open in another window",
			"Only one window can have your notes open at a time. Close the other one, then choose Retry."
	case errors.Is(err, vault.ErrNeedPassphrase):
		return "Enter your passphrase", "This vault unlocks with its passphrase."
	case errors.Is(err, vault.ErrWrongKey):
		return "That key does not open this vault",
			"Check the passphrase or key and try again. If it is lost, your recovery key opens the vault."
	case errors.Is(err, vault.ErrNoKey):
		return "This computer has no key for your vault",
			"This happens on a new computer, or after the keyring was reset. " +
				"Your recovery key opens the vault, and Confide will then remember this computer."
	case errors.Is(err, vault.ErrNoKeyring):
		return "The keyring is not available",
			"Confide could not reach this computer's keyring, where it keeps the key to your notes. " +
				"Make sure you are logged in to your desktop session and choose Retry, or use your recovery key."
	case errors.Is(err, vault.ErrNewerFormat):
		return "A newer Confide wrote this vault",
			"Install the newest version of Confide to open it. Nothing was changed."
	case errors.Is(err, vault.ErrNotFound):
		return "There is no vault here",
			"This folder holds no Confide vault. Check the folder given with --vault or CONFIDE_VAULT."
	case errors.Is(err, vault.ErrExists):
		return "A vault already exists here",
			"Nothing was changed. Restart Confide to unlock the vault that is already in this folder."
	case errors.Is(err, vault.ErrLocked):
		return "Your notes are locked", "Unlock them and try again."
	case errors.Is(err, notes.ErrSigned):
		return "This note is signed",
			"A signed note cannot be changed. Add an addendum to correct or complete it."
	case errors.Is(err, notes.ErrNotSigned):
		return "This note is still a draft", "Edit the draft itself; addenda are for signed notes."
	case errors.Is(err, notes.ErrSessionIncomplete):
		return "The session is not complete",
			"A session note is signed with its start time, its length in minutes and its service code. Fill them in above the note, then sign."
	case errors.Is(err, notes.ErrEmpty):
		return "There is nothing to sign yet", "Write the note first, then sign it."
	case errors.Is(err, notes.ErrLegalHold):
		return "This record is under a legal hold",
			"It cannot be destroyed while the hold is on. Lift the hold in the client's details first, if that is right."
	case errors.Is(err, notes.ErrNotDue):
		return "This record must still be kept", "Its retention period has not passed yet. Nothing was destroyed."
	case errors.Is(err, notes.ErrTampered):
		return "A signed note does not match its signature",
			"It was changed after signing, outside Confide. Keep the vault as it is and restore from a backup."
	case errors.Is(err, notes.ErrInvalid):
		return "Something in the form is not right",
			"Check the dates (year-month-day, like 2026-03-14) and times (like 14:30), then try again."
	case errors.Is(err, notes.ErrNotFound):
		return "That record is no longer there", "It may have been destroyed. Choose another client or note."
	case errors.Is(err, fs.ErrNotExist):
		return "That folder or file does not exist", "Choose another folder, or create it first."
	case errors.Is(err, fs.ErrPermission):
		return "Confide cannot use this folder",
			fmt.Sprintf("The folder or file cannot be read or written: check its permissions (%v).", err)
	default:
		return "Something went wrong",
			fmt.Sprintf("Confide could not finish this. Try again; if it keeps happening, keep this detail for support: %v.", err)
	}
}
