package main

import (
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strings"

	"github.com/confidenotes/confide/vault"
)

func init() {
	register(&command{name: "init", summary: "create a vault",
		flags: func(fs *flag.FlagSet) {
			fs.String("identity-out", "", "write the device key to `FILE` instead of the OS keyring")
			fs.String("recovery-out", "", "write the recovery key to `FILE` instead of printing it")
		}, run: cmdInit})
	register(&command{name: "status", summary: "vault id, format, sizes, record counts, recipients, journal length", run: cmdStatus})
	register(&command{name: "compact", summary: "write a new snapshot and start a new journal generation", run: cmdCompact})
	register(&command{name: "backup", args: "DEST", summary: "write a consistent encrypted backup into folder DEST and verify it", run: cmdBackup})
	register(&command{name: "recover", summary: "enroll this machine with the recovery key",
		flags: func(fs *flag.FlagSet) {
			fs.String("recovery-key-file", "", "the recovery key `FILE`")
			fs.String("identity-out", "", "write the new device key to `FILE` instead of the OS keyring")
		}, run: cmdRecover})
	register(&command{name: "passphrase set", summary: "require the passphrase (from --passphrase-file) on every unlock", run: cmdPassphraseSet})
	register(&command{name: "passphrase remove", summary: "unlock from the OS keyring again", run: cmdPassphraseRemove})
	register(&command{name: "keys list", summary: "the keys that can decrypt the vault", run: cmdKeysList})
	register(&command{name: "keys remove-device", args: "ID", summary: "remove a device key; it opens nothing written afterwards", run: cmdKeysRemoveDevice})
	register(&command{name: "keys rotate-recovery", summary: "replace the recovery key",
		flags: func(fs *flag.FlagSet) {
			fs.String("recovery-out", "", "write the new recovery key to `FILE` instead of printing it")
		}, run: cmdKeysRotateRecovery})
	register(&command{name: "decrypt-db", args: "OUT.sqlite --yes", summary: "write a plaintext SQLite copy of the vault (the way out)",
		flags: func(fs *flag.FlagSet) { fs.Bool("yes", false, "confirm writing every record in plaintext") }, run: cmdDecryptDB})
}

func cmdInit(e *env, args []string) error { return e.initVault(args) }

func (e *env) initVault(args []string) error {
	if len(args) != 0 {
		return usagef("init takes no arguments")
	}
	identityOut := e.flag("identity-out")
	recoveryOut := e.flag("recovery-out")
	idFile, err := e.openKeyFile(identityOut)
	if err != nil {
		return err
	}
	defer idFile.Abort()
	recFile, err := e.openKeyFile(recoveryOut)
	if err != nil {
		return err
	}
	defer recFile.Abort()
	opts := vault.CreateOptions{Label: hostname()}
	switch {
	case e.passphraseFile != "":
		p, err := readSecretFile(e.passphraseFile)
		if err != nil {
			return err
		}
		if len(p) < 8 {
			return errors.New("the passphrase must be at least 8 characters")
		}
		opts.Passphrase = p
	case identityOut == "":
		opts.Store = e.store
	}
	v, c, err := vault.Create(e.vaultDir, opts, vault.Clock(e.now))
	if err != nil {
		return err
	}
	defer v.Close()
	if err := commitKeyFile(idFile, keyFile("device key", c.ID, c.DeviceKey)); err != nil {
		return err
	}
	out := map[string]any{"vault_id": c.ID, "vault": e.vaultDir}
	if recoveryOut != "" {
		if err := commitKeyFile(recFile, keyFile("RECOVERY KEY", c.ID, c.RecoveryKey)); err != nil {
			return err
		}
		out["recovery_key_file"] = recoveryOut
	} else {
		out["recovery_key"] = c.RecoveryKey
	}
	return e.output(out, func(w io.Writer) {
		fmt.Fprintf(w, "Created vault %s in %s\n", c.ID, e.vaultDir)
		if recoveryOut != "" {
			fmt.Fprintf(w, "The recovery key is in %s. Print it, keep it somewhere safe away from this computer, and delete the file.\n", recoveryOut)
			return
		}
		fmt.Fprintf(w, "\nYour recovery key (shown once; it is the only way in if this computer's key is lost):\n\n    %s\n\n", c.RecoveryKey)
		fmt.Fprintln(w, "Write it down or print it, and keep it somewhere safe away from this computer.")
	})
}

// openKeyFile starts writing a key file (nil for no path) before the key
// exists, so that a path that cannot be written stops the command before
// there is a key to lose. A key file never goes inside the vault folder,
// nor over an existing file.
func (e *env) openKeyFile(path string) (*vault.File, error) {
	if path == "" {
		return nil, nil
	}
	p, err := filepath.Abs(path)
	if err != nil {
		return nil, err
	}
	d, err := filepath.Abs(e.vaultDir)
	if err != nil {
		return nil, err
	}
	if rel, err := filepath.Rel(d, p); err == nil && rel != ".." && !strings.HasPrefix(rel, ".."+string(filepath.Separator)) {
		return nil, fmt.Errorf("%w: keep the key file outside the vault folder", vault.ErrInsideVault)
	}
	f, err := vault.CreateNewFile(path)
	if err != nil {
		return nil, fmt.Errorf("write key file: %w", err)
	}
	return f, nil
}

// commitKeyFile writes a key file opened by openKeyFile and puts it in
// place; with f nil it does nothing.
func commitKeyFile(f *vault.File, content string) error {
	if f == nil {
		return nil
	}
	if _, err := io.WriteString(f, content); err != nil {
		f.Abort()
		return fmt.Errorf("write key file: %w", err)
	}
	if err := f.Commit(); err != nil {
		return fmt.Errorf("write key file: %w", err)
	}
	return nil
}

func keyFile(what, id, key string) string {
	return fmt.Sprintf("# Confide %s for vault %s\n%s\n", what, id, key)
}

func hostname() string {
	h, err := os.Hostname()
	if err != nil {
		return "this computer"
	}
	return h
}

func cmdStatus(e *env, args []string) error {
	if len(args) != 0 {
		return usagef("status takes no arguments")
	}
	return e.withVault(func(v *vault.Vault) error {
		r, err := v.Status()
		if err != nil {
			return err
		}
		return e.output(r, func(w io.Writer) { printReport(w, e.vaultDir, r) })
	})
}

func printReport(w io.Writer, dir string, r *vault.Report) {
	fmt.Fprintf(w, "vault          %s (%s)\n", r.ID, dir)
	fmt.Fprintf(w, "format         %d\n", r.Format)
	fmt.Fprintf(w, "snapshot       %d bytes (generation %d)\n", r.SnapshotBytes, r.Generation)
	fmt.Fprintf(w, "journal        %d bytes, %d records\n", r.JournalBytes, r.JournalRecords)
	fmt.Fprintf(w, "database       %d bytes\n", r.DatabaseBytes)
	fmt.Fprintf(w, "event log      %d entries\n", r.LogEntries)
	fmt.Fprintf(w, "authenticated  %v (device state: %s)\n", r.Authenticated, r.DeviceState)
	fmt.Fprintf(w, "passphrase     %v\n", r.Passphrase)
	for name, n := range r.Tables {
		if !strings.HasPrefix(name, "_vault_") {
			fmt.Fprintf(w, "table          %-24s %d rows\n", name, n)
		}
	}
	for _, rc := range r.Recipients {
		fmt.Fprintf(w, "key            %-22s %-8s %s\n", rc.ID, rc.Kind, rc.Label)
	}
}

func cmdCompact(e *env, args []string) error {
	if len(args) != 0 {
		return usagef("compact takes no arguments")
	}
	return e.withVault(func(v *vault.Vault) error {
		if err := v.Compact(); err != nil {
			return err
		}
		r, err := v.Status()
		if err != nil {
			return err
		}
		return e.output(r, func(w io.Writer) {
			fmt.Fprintf(w, "compacted: snapshot generation %d, %d bytes\n", r.Generation, r.SnapshotBytes)
		})
	})
}

func cmdBackup(e *env, args []string) error {
	if len(args) != 1 {
		return usagef("backup takes one argument, the destination folder")
	}
	return e.withVault(func(v *vault.Vault) error {
		r, err := v.Backup(args[0])
		if err != nil {
			return err
		}
		return e.output(map[string]any{"ok": true, "dest": args[0], "report": r}, func(w io.Writer) {
			fmt.Fprintf(w, "backed up to %s and verified (%d bytes)\n", args[0], r.SnapshotBytes+r.JournalBytes)
		})
	})
}

func cmdRecover(e *env, args []string) error {
	keyPath := e.flag("recovery-key-file")
	identityOut := e.flag("identity-out")
	if keyPath == "" || len(args) != 0 {
		return usagef("recover needs --recovery-key-file FILE")
	}
	f, err := os.Open(keyPath)
	if err != nil {
		return fmt.Errorf("read recovery key: %w", err)
	}
	ids, err := vault.ParseIdentities(f)
	f.Close()
	if err != nil {
		return err
	}
	idFile, err := e.openKeyFile(identityOut)
	if err != nil {
		return err
	}
	defer idFile.Abort()
	v, err := vault.Open(e.vaultDir, vault.WithIdentities(ids...))
	if err != nil {
		return err
	}
	defer v.Close()
	var store vault.KeyStore = e.store
	if identityOut != "" {
		store = nil
	}
	key, err := v.EnrollDevice(hostname(), store)
	if err != nil {
		return err
	}
	if err := commitKeyFile(idFile, keyFile("device key", v.ID(), key)); err != nil {
		return err
	}
	dev, _ := v.UnlockedWith()
	return e.output(map[string]any{"ok": true, "device": dev}, func(w io.Writer) {
		fmt.Fprintf(w, "this machine is enrolled as %s; the vault is re-encrypted to its new key\n", dev.ID)
	})
}

func cmdPassphraseSet(e *env, args []string) error {
	if e.passphraseFile == "" || len(args) != 0 {
		return usagef("passphrase set reads the new passphrase from --passphrase-file FILE")
	}
	p, err := readSecretFile(e.passphraseFile)
	if err != nil {
		return err
	}
	if len(p) < 8 {
		return errors.New("the passphrase must be at least 8 characters")
	}
	// Unlock with the keyring (or --identity), not with the new passphrase.
	e.passphraseFile = ""
	return e.withVault(func(v *vault.Vault) error {
		var store vault.KeyStore
		if e.identityFile == "" {
			store = e.store
		}
		if err := v.SetPassphrase(p, store); err != nil {
			return err
		}
		return e.output(map[string]any{"ok": true, "passphrase": true}, func(w io.Writer) {
			fmt.Fprintln(w, "the vault now asks for its passphrase on every unlock")
		})
	})
}

func cmdPassphraseRemove(e *env, args []string) error {
	if e.passphraseFile == "" || len(args) != 0 {
		return usagef("passphrase remove unlocks with the current passphrase from --passphrase-file FILE")
	}
	return e.withVault(func(v *vault.Vault) error {
		if err := v.RemovePassphrase(e.store); err != nil {
			return err
		}
		return e.output(map[string]any{"ok": true, "passphrase": false}, func(w io.Writer) {
			fmt.Fprintln(w, "the vault unlocks from the OS keyring again")
		})
	})
}

func cmdKeysList(e *env, args []string) error {
	return e.withVault(func(v *vault.Vault) error {
		rs := v.Recipients()
		return e.output(rs, func(w io.Writer) {
			for _, r := range rs {
				fmt.Fprintf(w, "%-22s %-8s %-20s %s  %s\n", r.ID, r.Kind, r.Label, r.Added.Format("2006-01-02"), r.PublicKey)
			}
		})
	})
}

func cmdKeysRemoveDevice(e *env, args []string) error {
	if len(args) != 1 {
		return usagef("keys remove-device takes the device id (see keys list)")
	}
	return e.withVault(func(v *vault.Vault) error {
		if err := v.RemoveDevice(args[0]); err != nil {
			return err
		}
		return e.output(map[string]any{"ok": true, "removed": args[0]}, func(w io.Writer) {
			fmt.Fprintf(w, "removed %s; the vault is re-encrypted without it\n", args[0])
		})
	})
}

func cmdKeysRotateRecovery(e *env, args []string) error {
	out := e.flag("recovery-out")
	recFile, err := e.openKeyFile(out)
	if err != nil {
		return err
	}
	defer recFile.Abort()
	return e.withVault(func(v *vault.Vault) error {
		key, err := v.RotateRecovery()
		if err != nil {
			return err
		}
		res := map[string]any{"ok": true}
		if out != "" {
			if err := commitKeyFile(recFile, keyFile("RECOVERY KEY", v.ID(), key)); err != nil {
				return fmt.Errorf("the recovery key was rotated but could not be written (%v); run rotate-recovery again", err)
			}
			res["recovery_key_file"] = out
		} else {
			res["recovery_key"] = key
		}
		return e.output(res, func(w io.Writer) {
			if out != "" {
				fmt.Fprintf(w, "new recovery key written to %s; the old one opens nothing written from now on\n", out)
				return
			}
			fmt.Fprintf(w, "Your new recovery key (shown once):\n\n    %s\n\nThe old one opens nothing written from now on.\n", key)
		})
	})
}

func cmdDecryptDB(e *env, args []string) error {
	if len(args) != 1 {
		return usagef("decrypt-db takes the output file")
	}
	if e.flag("yes") != "true" {
		return errors.New("decrypt-db writes every record in plaintext to " + args[0] + "; run it again with --yes if that is what you want")
	}
	out, err := filepath.Abs(args[0])
	if err != nil {
		return err
	}
	if _, err := os.Stat(out); err == nil {
		return fmt.Errorf("%s already exists; choose a new file", args[0])
	}
	return e.withVault(func(v *vault.Vault) error {
		if err := v.WriteDatabase(out); err != nil {
			return err
		}
		return e.output(map[string]any{"ok": true, "out": out}, func(w io.Writer) {
			fmt.Fprintf(w, "wrote %s (plaintext: delete it when done)\n", out)
		})
	})
}
