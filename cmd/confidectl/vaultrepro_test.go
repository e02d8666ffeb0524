package main

import (
	"bytes"
	"database/sql"
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"filippo.io/age"

	"github.com/confidenotes/confide/vault"
	"github.com/confidenotes/confide/vault/vaulttest"
)

// The reproductions of issue 11 through confidectl, as a user or a script
// would meet them.

// cliPractice is a CLI vault with a client, a signed note with a signed
// addendum, and a disclosure.
type cliPractice struct {
	c                             ctl
	dir, id                       string
	client, note, add, disclosure string
}

func newPractice(t *testing.T) *cliPractice {
	t.Helper()
	dir, id, _ := newCLIVault(t)
	p := &cliPractice{c: ctl{t: t}, dir: dir, id: id}
	p.client = strings.TrimSpace(p.ctl("client", "add", "--name", "Ada Example", "--dob", "1980-02-03"))
	p.c.stdin = "Original session note."
	p.note = strings.TrimSpace(p.ctl("note", "add", "--client", p.client, "--kind", "progress"))
	p.ctl("note", "session", p.note, "--start", "14:00", "--duration", "50", "--service-code", "90834")
	p.ctl("note", "sign", p.note)
	p.c.stdin = "A dated correction."
	p.add = strings.TrimSpace(p.ctl("note", "addendum", p.note))
	p.c.stdin = ""
	p.disclosure = strings.TrimSpace(p.ctl("disclosure", "add", "--client", p.client, "--date", "2026-11-20", "--request", "subpoena",
		"--recipient", "County Court", "--description", "the record", "--purpose", "litigation", "--by", "Dr. Test"))
	return p
}

// ctl runs a command on the practice's vault that must succeed.
func (p *cliPractice) ctl(args ...string) string {
	return p.c.must(append([]string{"--vault", p.dir, "--identity", p.id}, args...)...)
}

// run runs a command on the practice's vault.
func (p *cliPractice) run(args ...string) (int, string, string) {
	return p.c.run(append([]string{"--vault", p.dir, "--identity", p.id}, args...)...)
}

func (p *cliPractice) identity(t *testing.T) *age.X25519Identity {
	t.Helper()
	f, err := os.Open(p.id)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	ids, err := vault.ParseIdentities(f)
	if err != nil {
		t.Fatal(err)
	}
	return ids[0].(*age.X25519Identity)
}

// TestTamperingFailsVerify: what issue 11 did with the way-out copy,
// sqlite3 and stock age, and what a key holder could do re-authenticating
// the file, each makes verify (and, where the log is touched, log verify)
// exit 1.
func TestTamperingFailsVerify(t *testing.T) {
	tests := []struct {
		name  string
		stmts func(p *cliPractice) []string
		log   bool // log verify must fail too
	}{
		{"a signed note's text changed", func(p *cliPractice) []string {
			return []string{"DROP TRIGGER notes_signed_frozen_update", "UPDATE notes SET body = 'Forged.' WHERE id = '" + p.note + "'"}
		}, false},
		{"a signed note set back to unsigned", func(p *cliPractice) []string {
			return []string{"DROP TRIGGER notes_signed_frozen_update", "UPDATE notes SET signed_at = NULL, content_hash = NULL WHERE id = '" + p.note + "'"}
		}, false},
		{"a signed addendum deleted", func(p *cliPractice) []string {
			return []string{"DROP TRIGGER notes_signed_frozen_delete", "DELETE FROM notes WHERE id = '" + p.add + "'"}
		}, false},
		{"the newest disclosure and its log entries removed", func(p *cliPractice) []string {
			return []string{"DROP TRIGGER consent_disclosures_no_delete", "DELETE FROM consent_disclosures WHERE id = '" + p.disclosure + "'",
				"DELETE FROM _vault_log WHERE subject = '" + p.disclosure + "'"}
		}, true},
		{"the last log entry removed", func(p *cliPractice) []string {
			return []string{"DELETE FROM _vault_log WHERE seq = (SELECT max(seq) FROM _vault_log)"}
		}, true},
	}
	for _, tt := range tests {
		for _, how := range []struct {
			name  string
			alter func(testing.TB, string, age.Identity, func(*sql.DB))
		}{{"by a key holder", vaulttest.AlterSnapshot}, {"with stock age", vaulttest.AlterSnapshotWithoutKey}} {
			t.Run(tt.name+" "+how.name, func(t *testing.T) {
				p := newPractice(t)
				if out := p.ctl("verify"); !strings.HasPrefix(out, "ok:") {
					t.Fatalf("before tampering: %q", out)
				}
				how.alter(t, p.dir, p.identity(t), func(db *sql.DB) {
					for _, s := range tt.stmts(p) {
						if _, err := db.Exec(s); err != nil {
							t.Fatalf("%s: %v", s, err)
						}
					}
				})
				if code, _, errs := p.run("verify"); code != 1 || errs == "" {
					t.Errorf("verify after tampering: exit %d, %q", code, errs)
				}
				if tt.log {
					if code, _, _ := p.run("log", "verify"); code != 1 {
						t.Errorf("log verify after tampering: exit %d", code)
					}
				}
			})
		}
	}
}

// TestMissingVaultJSONIsNotNoVault: without vault.json the vault is still
// there: commands work (it is rebuilt), and init refuses the folder
// instead of overwriting the snapshot.
func TestMissingVaultJSONIsNotNoVault(t *testing.T) {
	store := vaulttest.KeyStore{}
	c := ctl{t: t, store: store}
	dir := filepath.Join(t.TempDir(), "vault")
	c.must("--vault", dir, "init", "--recovery-out", filepath.Join(t.TempDir(), "rec.key"))
	client := strings.TrimSpace(c.must("--vault", dir, "client", "add", "--name", "Kept"))
	os.Remove(filepath.Join(dir, "vault.json"))
	snap, _ := os.ReadFile(filepath.Join(dir, "vault.age"))
	code, _, errs := c.run("--vault", dir, "init")
	if code != 1 || strings.Contains(errs, "no vault") {
		t.Fatalf("init over a vault without vault.json: exit %d, %q", code, errs)
	}
	if after, _ := os.ReadFile(filepath.Join(dir, "vault.age")); !bytes.Equal(snap, after) {
		t.Fatal("init replaced the snapshot")
	}
	out := c.must("--vault", dir, "client", "list")
	if !strings.Contains(out, client) {
		t.Fatalf("client list without vault.json: %q", out)
	}
	if _, err := os.Stat(filepath.Join(dir, "vault.json")); err != nil {
		t.Fatalf("vault.json was not rebuilt: %v", err)
	}
	os.Remove(filepath.Join(dir, "vault.json"))
	var rep struct {
		Repaired []string `json:"repaired"`
	}
	if err := json.Unmarshal([]byte(c.must("--vault", dir, "repair", "--json")), &rep); err != nil {
		t.Fatal(err)
	}
	if len(rep.Repaired) == 0 || !strings.Contains(rep.Repaired[0], "vault.json") {
		t.Fatalf("repair said %v", rep.Repaired)
	}
}

// TestVerifySaysWhatItDiscarded: a torn final journal record is
// discarded, and verify says so, with what it checked.
func TestVerifySaysWhatItDiscarded(t *testing.T) {
	dir, id, _ := newCLIVault(t)
	c := ctl{t: t}
	c.must("--vault", dir, "--identity", id, "client", "add", "--name", "Acknowledged")
	// A torn tail: half a frame after the last record.
	j := filepath.Join(dir, "journal")
	f, _ := os.OpenFile(j, os.O_APPEND|os.O_WRONLY, 0)
	f.Write([]byte("CJR1\x00\x00"))
	f.Close()
	var res struct {
		Checked   []string `json:"checked"`
		Discarded struct {
			JournalBytes int64 `json:"journal_bytes"`
		} `json:"discarded"`
	}
	if err := json.Unmarshal([]byte(c.must("--vault", dir, "--identity", id, "verify", "--json")), &res); err != nil {
		t.Fatal(err)
	}
	if res.Discarded.JournalBytes != 6 || len(res.Checked) < 4 {
		t.Fatalf("verify said %+v", res)
	}
}

// TestRollbackIsRefusedUntilRestore: files put back from earlier are
// refused; restore accepts them on purpose; --from copies a backup only
// into a folder without vault files.
func TestRollbackIsRefusedUntilRestore(t *testing.T) {
	p := newPractice(t)
	backup := filepath.Join(t.TempDir(), "backup")
	p.ctl("backup", backup)
	p.ctl("client", "add", "--name", "After the backup")
	for _, n := range []string{"vault.age", "journal", "vault.json"} {
		b, _ := os.ReadFile(filepath.Join(backup, n))
		os.WriteFile(filepath.Join(p.dir, n), b, 0o600)
	}
	code, _, errs := p.run("client", "list")
	if code != 1 || !strings.Contains(errs, "older") || !strings.Contains(errs, "confidectl restore") {
		t.Fatalf("client list of a rolled-back vault: exit %d, %q", code, errs)
	}
	var res map[string]any
	if err := json.Unmarshal([]byte(p.ctl("restore", "--json")), &res); err != nil {
		t.Fatal(err)
	}
	if res["ok"] != true || res["previous"] == nil {
		t.Fatalf("restore said %v", res)
	}
	if out := p.ctl("client", "list"); strings.Contains(out, "After the backup") {
		t.Fatalf("after restore: %q", out)
	}
	if code, _, _ := p.run("restore", "--from", backup); code != 1 {
		t.Fatal("restore --from over a vault folder was not refused")
	}
	fresh := filepath.Join(t.TempDir(), "fresh")
	p.c.must("--vault", fresh, "--identity", p.id, "restore", "--from", backup)
	if out := p.c.must("--vault", fresh, "--identity", p.id, "client", "list"); !strings.Contains(out, "Ada Example") {
		t.Fatalf("the restored copy holds %q", out)
	}
}

// TestExportsRefuseVaultFolders: no export, PDF, form, plaintext copy or
// backup goes over a vault's files or into another vault.
func TestExportsRefuseVaultFolders(t *testing.T) {
	p := newPractice(t)
	other, otherID, _ := newCLIVault(t)
	before := map[string][]byte{}
	for _, f := range []string{filepath.Join(p.dir, "vault.age"), filepath.Join(p.dir, "journal"), filepath.Join(other, "vault.age")} {
		before[f], _ = os.ReadFile(f)
	}
	for _, args := range [][]string{
		{"disclosures", "--client", p.client, "--pdf", filepath.Join(p.dir, "vault.age")},
		{"form", "informed-consent", "--client", p.client, "--out", filepath.Join(p.dir, "journal")},
		{"form", "informed-consent", "--client", p.client, "--out", filepath.Join(other, "form.pdf")},
		{"backup", other},
		{"decrypt-db", filepath.Join(p.dir, "plain.sqlite"), "--yes"},
	} {
		if code, _, errs := p.run(args...); code != 1 {
			t.Errorf("%s: exit %d, %q", strings.Join(args, " "), code, errs)
		}
	}
	for f, b := range before {
		if after, _ := os.ReadFile(f); !bytes.Equal(b, after) {
			t.Errorf("%s was changed", f)
		}
	}
	p.c.must("--vault", other, "--identity", otherID, "verify")
	if code, _, _ := p.c.run("--vault", p.dir, "init", "--identity-out", filepath.Join(p.dir, "key")); code == 0 {
		t.Error("init wrote a key file into a vault folder")
	}
}

// TestExportOverAWorldReadableFileIsPrivate: the file written replaces the
// old one, mode 0600.
func TestExportOverAWorldReadableFileIsPrivate(t *testing.T) {
	p := newPractice(t)
	out := filepath.Join(t.TempDir(), "accounting.pdf")
	os.WriteFile(out, []byte("old"), 0o644)
	p.ctl("disclosures", "--client", p.client, "--pdf", out)
	st, err := os.Stat(out)
	if err != nil || st.Mode().Perm() != 0o600 {
		t.Fatalf("mode %v, %v; want 0600", st.Mode().Perm(), err)
	}
}

// TestBadInputIsRefused: inputs chosen to break things get a clear
// refusal, exit 1 or 2, and no stack trace.
func TestBadInputIsRefused(t *testing.T) {
	p := newPractice(t)
	big := filepath.Join(t.TempDir(), "big.txt")
	os.WriteFile(big, bytes.Repeat([]byte("word "), 3<<20/5), 0o600)
	for _, tt := range []struct {
		args []string
		code int
		want string
	}{
		{[]string{"note", "add", "--client", p.client, "--kind", "progress", "--file", big}, 1, "longer than 2 MB"},
		{[]string{"note", "add", "--client", p.client, "--kind", "progress", "--file", "/dev/zero"}, 1, "longer than 2 MB"},
		{[]string{"disclosures", "--client", p.note}, 1, "it is a note's"},
		{[]string{"auth", "list", "--client", p.disclosure}, 1, "it is a disclosure's"},
		{[]string{"note", "list", "--client", "c-0000000000000000"}, 1, "no client has the id"},
		{[]string{"search", "x", "--client", p.note}, 1, "no client has the id"},
		{[]string{"request", "add", "--client", p.client, "--type", "amendment", "--note", p.client, "--received", "2026-11-01"}, 1, "it is a client's id"},
		{[]string{"client", "add", "--name", "Born Later", "--dob", "2099-01-01"}, 1, "after today"},
		{[]string{"client", "add", "--name", "No Date", "--dob", ""}, 2, "--dob is empty"},
		{[]string{"request", "add", "--client", p.client, "--type", "access", "--received", ""}, 2, "--received is empty"},
	} {
		code, _, errs := p.run(tt.args...)
		if code != tt.code || !strings.Contains(errs, tt.want) || strings.Contains(errs, "goroutine") {
			t.Errorf("%s: exit %d, %q; want exit %d saying %q", strings.Join(tt.args, " "), code, errs, tt.code, tt.want)
		}
	}
}

// TestControlCharactersInNamesAreEscaped: a name holding terminal escapes
// is shown escaped, never sent to the terminal raw.
func TestControlCharactersInNamesAreEscaped(t *testing.T) {
	p := newPractice(t)
	p.ctl("client", "add", "--name", "Eve\x1b[2J\x1b]0;owned\x07 Mallory\u202e")
	out := p.ctl("client", "list")
	if strings.ContainsAny(out, "\x1b\x07\u202e") {
		t.Fatalf("raw control characters in %q", out)
	}
	if !strings.Contains(out, `Eve\x1b[2J\x1b]0;owned\a Mallory\u202e`) {
		t.Fatalf("client list = %q, want the name escaped", out)
	}
	var cs []struct {
		Name string `json:"name"`
	}
	json.Unmarshal([]byte(p.ctl("client", "list", "--json")), &cs)
	found := false
	for _, c := range cs {
		found = found || strings.HasPrefix(c.Name, "Eve\x1b[2J")
	}
	if !found {
		t.Fatal("the name itself was changed, not just its display")
	}
}
