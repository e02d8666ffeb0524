package main

import (
	"encoding/json"
	"errors"
	"flag"
	"fmt"
	"io"
	"sort"
	"strings"

	"github.com/confidenotes/confide/consent"
	"github.com/confidenotes/confide/notes"
	"github.com/confidenotes/confide/vault"
)

func init() {
	register(&command{name: "verify", summary: "decrypt everything and check it: authenticity, nothing older than this computer saw, the database, the journal, the log chain, signed notes, the accounting", run: cmdVerify})
	register(&command{name: "restore", summary: "accept the vault in the folder as it is (a backup put back on purpose), or put a backup in an empty folder",
		flags: func(fs *flag.FlagSet) {
			fs.String("from", "", "copy the backup in `DIR` into the vault folder, which must hold no vault files")
		}, run: cmdRestore})
	register(&command{name: "repair", summary: "rebuild what the vault can rebuild from its snapshot (vault.json), discard a torn journal tail, and say what was done", run: cmdRepair})
}

// verifyResult is verify's JSON.
type verifyResult struct {
	OK        bool          `json:"ok"`
	Report    *vault.Report `json:"report"`
	Checked   []string      `json:"checked"`
	Discarded discarded     `json:"discarded"`
}

// discarded is what verify set aside: a torn final journal record.
type discarded struct {
	JournalBytes int64  `json:"journal_bytes"`
	What         string `json:"what,omitempty"`
}

// cmdVerify checks everything the vault and the domain packages can prove,
// read-only: the vault's files (authentic, not older than this computer
// last saw, SQLite integrity, every journal record, the event log up to
// the newest entry seen), every signed note and addendum against its
// signing event, and the accounting of disclosures and the releases
// against the log.
func cmdVerify(e *env, args []string) error {
	if len(args) != 0 {
		return usagef("verify takes no arguments")
	}
	v, err := e.open(vault.ReadOnly())
	if err != nil {
		return err
	}
	defer v.Close()
	rep, err := v.Verify()
	if err != nil {
		return err
	}
	res := verifyResult{OK: true, Report: rep, Checked: rep.Checked}
	if rep.DiscardedBytes > 0 {
		res.Discarded = discarded{JournalBytes: rep.DiscardedBytes,
			What: "a torn final journal record: a change in flight when Confide stopped, never saved"}
	}
	domain, err := verifyDomain(v)
	if err != nil {
		return err
	}
	res.Checked = append(res.Checked, domain...)
	return e.output(res, func(w io.Writer) {
		fmt.Fprintf(w, "ok: snapshot, %d journal records and %d log entries check out\n", rep.JournalRecords, rep.LogEntries)
		for _, c := range res.Checked {
			fmt.Fprintf(w, "  checked: %s\n", c)
		}
		if res.Discarded.JournalBytes > 0 {
			fmt.Fprintf(w, "  discarded: %d bytes, %s\n", res.Discarded.JournalBytes, res.Discarded.What)
		} else {
			fmt.Fprintln(w, "  discarded: nothing")
		}
	})
}

// verifyDomain runs the checks of the notes and consent packages, for the
// components the vault holds.
func verifyDomain(v *vault.Vault) ([]string, error) {
	var out []string
	nv, err := v.SchemaVersion("notes")
	if err != nil {
		return nil, err
	}
	if nv == 0 {
		return []string{"no notes or consent records yet"}, nil
	}
	ns, err := notes.Open(v)
	if err != nil {
		return nil, fmt.Errorf("check the notes: %w", err)
	}
	n, err := verifySignedNotes(v, ns)
	if err != nil {
		return nil, err
	}
	out = append(out, fmt.Sprintf("%d signed notes and addenda match their content hashes and signing events", n))
	if cv, err := v.SchemaVersion("consent"); err != nil || cv == 0 {
		return append(out, "no consent records yet"), err
	}
	cs, err := consent.Open(v)
	if err != nil {
		return nil, fmt.Errorf("check the consent records: %w", err)
	}
	d, err := cs.VerifyDisclosures()
	if err != nil {
		return nil, consentHint(err)
	}
	r, err := cs.VerifyReleases()
	if err != nil {
		return nil, consentHint(err)
	}
	return append(out, fmt.Sprintf("%d entries of the accounting of disclosures and %d releases match the event log", d, r)), nil
}

// verifySignedNotes checks every note the log says was signed (it is
// there, signed, and hashes to what was signed, unless its client's record
// was destroyed, as the log also says), and every signed note in the
// database (it has its signing event). It returns how many it checked.
func verifySignedNotes(v *vault.Vault, ns *notes.Store) (int, error) {
	var signed, destroyed []vault.Event
	err := v.Read(func(q vault.Querier) error {
		var err error
		if signed, err = vault.Events(q, "note.", ""); err != nil {
			return err
		}
		destroyed, err = vault.Events(q, notes.EventDestroyed, "")
		return err
	})
	if err != nil {
		return 0, err
	}
	gone := map[string]bool{}
	for _, e := range destroyed {
		gone[e.Subject] = true
	}
	var bad []string
	seen := map[string]bool{}
	for _, e := range signed {
		if (e.Kind != notes.EventSigned && e.Kind != notes.EventAddendum) || seen[e.Subject] {
			continue
		}
		seen[e.Subject] = true
		var data struct {
			Client string `json:"client"`
		}
		json.Unmarshal(e.Data, &data)
		switch err := ns.VerifyNote(e.Subject); {
		case err == nil:
		case errors.Is(err, notes.ErrNotFound):
			if !gone[data.Client] {
				bad = append(bad, fmt.Sprintf("%s, signed on %s, is missing", e.Subject, e.At.Format("2006-01-02")))
			}
		case errors.Is(err, notes.ErrNotSigned):
			bad = append(bad, fmt.Sprintf("%s, signed on %s, is a draft again", e.Subject, e.At.Format("2006-01-02")))
		case errors.Is(err, notes.ErrTampered):
			bad = append(bad, err.Error())
		default:
			return 0, err
		}
	}
	clients, err := ns.ListClients(notes.ClientFilter{})
	if err != nil {
		return 0, err
	}
	for _, c := range clients {
		sums, err := ns.ListNotes(c.ID)
		if err != nil {
			return 0, err
		}
		for _, s := range sums {
			if !s.Signed || seen[s.ID] {
				continue
			}
			seen[s.ID] = true
			if err := ns.VerifyNote(s.ID); err != nil {
				bad = append(bad, err.Error())
			}
		}
	}
	if bad != nil {
		sort.Strings(bad)
		return 0, fmt.Errorf("%w: %s; keep the vault as it is and restore from a backup", notes.ErrTampered, strings.Join(bad, "; "))
	}
	return len(seen), nil
}

// cmdRestore accepts a backup put back on purpose: without --from, the
// vault in the folder as it is now; with --from, a backup copied into a
// folder that holds no vault files (nothing is ever overwritten).
func cmdRestore(e *env, args []string) error {
	if len(args) != 0 {
		return usagef("restore takes no arguments; the backup folder goes with --from")
	}
	k, err := e.key()
	if err != nil {
		return err
	}
	if from := e.flag("from"); from != "" {
		if vault.Exists(e.vaultDir) {
			return fmt.Errorf("%s holds vault files; restore --from copies only into a folder without them (move them elsewhere first: restore never overwrites them), or run restore without --from to accept what is there", e.vaultDir)
		}
		if err := vault.RestoreFrom(from, e.vaultDir, k); err != nil {
			return err
		}
	}
	v, err := vault.Open(e.vaultDir, k, vault.Restore())
	if err != nil {
		return err
	}
	e.warnings = append(e.warnings, v.Warnings()...)
	r, err := v.Status()
	if cerr := v.Close(); err == nil && cerr != nil && !errors.Is(cerr, vault.ErrNotCompacted) {
		err = cerr
	}
	if err != nil {
		return err
	}
	out := map[string]any{"ok": true, "vault_id": r.ID, "vault": e.vaultDir, "generation": r.Generation,
		"journal_records": r.JournalRecords, "log_entries": r.LogEntries, "previous": r.Seen}
	return e.output(out, func(w io.Writer) {
		fmt.Fprintf(w, "restored: this computer now takes %s as the vault (generation %d, %d journal records, %d log entries)\n",
			e.vaultDir, r.Generation, r.JournalRecords, r.LogEntries)
		if r.Seen != nil {
			fmt.Fprintf(w, "it had last seen generation %d, %d journal records, %d log entries there\n",
				r.Seen.Generation, r.Seen.JournalRecords, r.Seen.LogEntries)
		}
	})
}

// cmdRepair opens the vault for writing, which rebuilds vault.json from
// the snapshot when it is missing or differs, discards a torn final
// journal record and removes stale temp files, and says what it did.
func cmdRepair(e *env, args []string) error {
	if len(args) != 0 {
		return usagef("repair takes no arguments")
	}
	var rep *vault.Report
	err := e.withVault(func(v *vault.Vault) error {
		var err error
		rep, err = v.Status()
		return err
	})
	if err != nil {
		return err
	}
	done := rep.Repaired
	if done == nil {
		done = []string{}
	}
	return e.output(map[string]any{"ok": true, "repaired": done, "report": rep}, func(w io.Writer) {
		if len(done) == 0 {
			fmt.Fprintln(w, "nothing to repair")
		}
		for _, d := range done {
			fmt.Fprintf(w, "repaired: %s\n", d)
		}
	})
}
