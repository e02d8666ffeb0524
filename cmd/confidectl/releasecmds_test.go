package main

import (
	"bytes"
	"encoding/json"
	"io"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"filippo.io/age"

	"github.com/confidenotes/confide/notes"
	"github.com/confidenotes/confide/vault"
)

// releaseCLI is a vault with a client whose record names other people,
// her partner in couples therapy, and notes of several kinds and dates.
type releaseCLI struct {
	*consentCLI
	dir, identity string
	maria, sam    string
	unit          string
	notes         map[string]string
}

func newReleaseCLI(t *testing.T) *releaseCLI {
	t.Helper()
	c := &releaseCLI{consentCLI: newConsentCLI(t), notes: map[string]string{}}
	c.dir, c.identity = c.args[1], c.args[3]
	c.maria = strings.TrimSpace(c.must("client", "add", "--name", "Maria Garcia", "--dob", "1985-07-04",
		"--related", "Daniel Garcia:husband", "--related", "Lucia Ramos:sister"))
	c.sam = strings.TrimSpace(c.must("client", "add", "--name", "Sam Okafor"))
	c.note("plan", "treatment-plan", "2026-02-01", "Goal one: fewer arguments.")
	c.note("progress", "progress", "2026-03-10", "Maria argued about money with her husband Daniel. Lucia called. Sam Okafor joined late.")
	c.note("old", "progress", "2025-01-15", "OLDNOTE the move to the coast.")
	c.note("psych", "psychotherapy", "2026-04-01", "PSYCHNOTE private hypotheses about attachment.")
	add := filepath.Join(t.TempDir(), "addendum.txt")
	os.WriteFile(add, []byte("Correction: Daniel left early; ADDENDUMTEXT."), 0o600)
	c.must("note", "addendum", c.notes["progress"], "--file", add)
	// Units have no command yet: record the couple through the API.
	f, err := os.Open(c.identity)
	if err != nil {
		t.Fatal(err)
	}
	ids, err := vault.ParseIdentities(f)
	f.Close()
	if err != nil {
		t.Fatal(err)
	}
	v, err := vault.Open(c.dir, vault.WithIdentities(ids...))
	if err != nil {
		t.Fatal(err)
	}
	ns, err := notes.Open(v)
	if err == nil {
		c.unit, err = ns.AddUnit(notes.Couple, "", c.maria, c.sam)
	}
	if cerr := v.Close(); err == nil {
		err = cerr
	}
	if err != nil {
		t.Fatal(err)
	}
	return c
}

func (c *releaseCLI) note(label, kind, date, text string) {
	c.t.Helper()
	p := filepath.Join(c.t.TempDir(), label+".txt")
	if err := os.WriteFile(p, []byte(text), 0o600); err != nil {
		c.t.Fatal(err)
	}
	id := strings.TrimSpace(c.must("note", "add", "--client", c.maria, "--kind", kind, "--date", date, "--file", p,
		"--start", "10:00", "--duration", "50", "--service-code", "90834"))
	c.must("note", "sign", id)
	c.notes[label] = id
}

func (c *releaseCLI) auth(client, recipient string, extra ...string) string {
	c.t.Helper()
	args := []string{"auth", "add", "--client", client, "--recipient", recipient, "--purpose", "care", "--info", "records 2026",
		"--signed", "2026-11-01", "--expires", "2027-06-30"}
	return strings.TrimSpace(c.must(append(args, extra...)...))
}

// release runs confidectl release for Maria with the given flags.
func (c *releaseCLI) release(flags ...string) (int, string, string) {
	c.t.Helper()
	return c.run(append([]string{"release", "--client", c.maria}, flags...)...)
}

func TestReleaseCommandRefuses(t *testing.T) {
	c := newReleaseCLI(t)
	expired := c.auth(c.maria, "Dr. Expired", "--recipient-address", "A", "--signed", "2025-01-01", "--expires", "2025-12-31")
	revoked := c.auth(c.maria, "Dr. Smith", "--recipient-address", "A")
	c.must("auth", "revoke", revoked, "--date", "2026-11-20")
	incomplete := c.auth(c.maria, "Dr. Smith", "--info", "") // no description of the information
	wrong := c.auth(c.maria, "Dr. Jones", "--recipient-address", "A")
	mariaOnly := c.auth(c.maria, "Couples Clinic", "--recipient-address", "A")
	out := filepath.Join(t.TempDir(), "r.pdf")
	base := func(recipient string, extra ...string) []string {
		return append([]string{"--request", "authorization", "--recipient", recipient, "--purpose", "care", "--out", out}, extra...)
	}
	tests := []struct {
		name     string
		flags    []string
		wantCode int
		wantErr  string
	}{
		{"expired", base("Dr. Expired", "--auth", expired), 1, "expired"},
		{"revoked", base("Dr. Smith", "--auth", revoked), 1, "is revoked"},
		{"incomplete", base("Dr. Smith", "--auth", incomplete), 1, "is incomplete"},
		{"wrong recipient", base("Dr. Smith", "--auth", wrong), 1, "names another recipient"},
		{"couple's record with one member's authorization", base("Couples Clinic", "--auth", mariaOnly, "--unit", c.unit), 1, "client " + c.sam},
		{"psychotherapy notes to the client", []string{"--request", "client", "--recipient", "Maria", "--purpose", "p", "--out", out,
			"--include-psychotherapy-notes"}, 1, "right of access"},
		{"subpoena without a case", []string{"--request", "subpoena", "--recipient", "Court", "--purpose", "p", "--out", out}, 2, "--court and --case"},
		{"psychotherapy among kinds without the option", base("Dr. Smith", "--kinds", "progress,psychotherapy"), 2, "only with --include-psychotherapy-notes"},
		{"an unknown kind", base("Dr. Smith", "--kinds", "progress,diary"), 2, `"diary" is not a note kind`},
		{"no output file", []string{"--request", "client", "--recipient", "Maria", "--purpose", "p"}, 2, "--out FILE.pdf is required"},
		{"unknown request type", []string{"--request", "neighbour", "--recipient", "X", "--purpose", "p", "--out", out}, 2, "--request must be one of"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			code, _, errs := c.release(tt.flags...)
			if code != tt.wantCode || !strings.Contains(errs, tt.wantErr) {
				t.Errorf("exit %d, stderr %q; want exit %d saying %q", code, errs, tt.wantCode, tt.wantErr)
			}
			for _, secret := range []string{"Maria", "Garcia", "Daniel", "PSYCHNOTE", "argued"} {
				if strings.Contains(errs, secret) {
					t.Errorf("stderr holds %q: %q", secret, errs)
				}
			}
			if _, err := os.Stat(out); !os.IsNotExist(err) {
				t.Errorf("a refused release left %s (%v)", out, err)
			}
		})
	}
	var ds []json.RawMessage
	c.jsonOf(&ds, "disclosures", "--client", c.maria)
	if len(ds) != 0 {
		t.Errorf("refusals recorded %d disclosures", len(ds))
	}
	// An authorization without the recipient's address is complete, and
	// the recipient may be typed with a description after the name.
	kim := c.auth(c.maria, "Dr. Alan Kim")
	if code, _, errs := c.release(base("Dr. Alan Kim, primary care physician", "--auth", kim)...); code != 0 {
		t.Errorf("release under an authorization without an address: exit %d, %s", code, errs)
	}
}

func TestReleaseCommandUnderEachBasis(t *testing.T) {
	c := newReleaseCLI(t)
	rq := strings.Fields(c.must("request", "add", "--client", c.maria, "--type", "access", "--received", "2026-11-10"))[0]
	recAuth := c.auth(c.maria, "Dr. Smith", "--recipient-address", "2 Clinic Rd")
	psychAuth := c.auth(c.maria, "Dr. Smith", "--recipient-address", "2 Clinic Rd", "--psychotherapy-notes")
	c.auth(c.maria, "Couples Clinic", "--recipient-address", "A")
	c.auth(c.sam, "Couples Clinic", "--recipient-address", "A")
	id, err := age.GenerateX25519Identity()
	if err != nil {
		t.Fatal(err)
	}
	dir := t.TempDir()
	thirdParties := []string{"Daniel", "Lucia"}
	tests := []struct {
		name        string
		flags       []string
		accountable bool
		want, never []string
	}{
		{"the client's own request, closing it", []string{"--request", "client", "--recipient", "Maria Garcia", "--purpose", "access", "--request-id", rq},
			false, []string{"Maria Garcia", "argued about money", "OLDNOTE", "ADDENDUMTEXT", "[redacted: third party]", "Page 1 of"},
			append([]string{"PSYCHNOTE", "Okafor"}, thirdParties...)},
		{"authorization, in a date range, encrypted", []string{"--request", "authorization", "--recipient", "Dr. Smith", "--purpose", "care",
			"--auth", recAuth, "--from", "2026-01-01", "--encrypt-to", id.Recipient().String()},
			false, []string{"Maria Garcia", "argued about money", recAuth}, append([]string{"PSYCHNOTE", "OLDNOTE"}, thirdParties...)},
		{"authorization with psychotherapy notes", []string{"--request", "authorization", "--recipient", "Dr. Smith", "--purpose", "care",
			"--auth", recAuth, "--auth", psychAuth, "--include-psychotherapy-notes", "--kinds", "progress"},
			false, []string{"PSYCHNOTE", "argued about money"}, thirdParties},
		{"psychotherapy notes alone", []string{"--request", "authorization", "--recipient", "Dr. Smith", "--purpose", "care",
			"--auth", psychAuth, "--kinds", "psychotherapy", "--include-psychotherapy-notes"},
			false, []string{"PSYCHNOTE"}, []string{"argued about money", "Goal one"}},
		{"subpoena", []string{"--request", "subpoena", "--recipient", "County Court", "--purpose", "litigation", "--court", "Superior Court",
			"--case", "CV-2026-1", "--deadline", "2026-12-15", "--to", "2026-03-31"},
			true, []string{"CV-2026-1", "argued about money"}, append([]string{"PSYCHNOTE"}, thirdParties...)},
		{"court order naming psychotherapy notes", []string{"--request", "court-order", "--recipient", "Family Court", "--purpose", "custody",
			"--court", "Family Court", "--case", "FC-9", "--include-psychotherapy-notes"},
			true, []string{"PSYCHNOTE", "the order names psychotherapy notes"}, thirdParties},
		{"insurer, with a clinician's redaction", []string{"--request", "insurer", "--recipient", "Acme Health", "--purpose", "claim",
			"--redact", "money", "--no-addenda", "--kinds", "treatment-plan,progress"}, false, []string{"Goal one", "[redacted: marked by the clinician]"},
			append([]string{"money", "ADDENDUMTEXT", "PSYCHNOTE"}, thirdParties...)},
		{"supervision packet", []string{"--request", "supervision", "--recipient", "Dr. Supervisor", "--purpose", "supervision"},
			false, []string{"argued about money", "pseudonyms"}, append([]string{"Garcia", "2026-03-10", "PSYCHNOTE"}, thirdParties...)},
		{"mandated report", []string{"--request", "mandated-report", "--recipient", "Child Protective Services", "--purpose", "report",
			"--kinds", "progress", "--from", "2026-03-01"}, true, []string{"argued about money"}, append([]string{"OLDNOTE", "PSYCHNOTE"}, thirdParties...)},
		{"couple's record, both authorized", []string{"--request", "authorization", "--recipient", "Couples Clinic", "--purpose", "transfer",
			"--unit", c.unit}, false, []string{"Sam Okafor joined late"}, thirdParties},
	}
	for i, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			out := filepath.Join(dir, string(rune('a'+i))+".pdf")
			var m struct {
				DisclosureID string `json:"disclosure_id"`
				Hash         string `json:"manifest_sha256"`
				PDF          struct {
					SHA256 string `json:"sha256"`
				} `json:"pdf"`
				Encrypted *struct {
					Path string `json:"path"`
				} `json:"encrypted"`
			}
			c.jsonOf(&m, append(append([]string{"release", "--client", c.maria}, tt.flags...), "--out", out)...)
			text := pdfToText(t, out)
			for _, w := range tt.want {
				if !strings.Contains(text, w) {
					t.Errorf("the release lacks %q", w)
				}
			}
			for _, n := range tt.never {
				if strings.Contains(text, n) {
					t.Errorf("the release shows %q", n)
				}
			}
			var d struct {
				Accountable bool   `json:"accountable"`
				Description string `json:"description"`
			}
			for _, e := range c.disclosures() {
				if e.ID == m.DisclosureID {
					d.Accountable, d.Description = e.Accountable, e.Description
				}
			}
			if d.Accountable != tt.accountable || !strings.Contains(d.Description, m.Hash) {
				t.Errorf("disclosure %s: accountable %v, description %q; want accountable %v with manifest %s", m.DisclosureID, d.Accountable, d.Description, tt.accountable, m.Hash)
			}
			if m.Encrypted != nil {
				raw, _ := os.ReadFile(out)
				enc, err := os.Open(m.Encrypted.Path)
				if err != nil {
					t.Fatal(err)
				}
				defer enc.Close()
				r, err := age.Decrypt(enc, id)
				if err != nil {
					t.Fatal(err)
				}
				plain, _ := io.ReadAll(r)
				if !bytes.Equal(plain, raw) {
					t.Error("the encrypted copy does not decrypt to the PDF")
				}
			}
		})
	}
	seen := map[string]int{}
	for _, d := range c.disclosures() {
		seen[d.ID]++
		if seen[d.ID] > 1 {
			t.Errorf("disclosure %s is listed twice", d.ID)
		}
	}
	if len(seen) != len(tests) {
		t.Errorf("the accounting lists %d releases, want %d", len(seen), len(tests))
	}
	var reqs []struct {
		Closed  string `json:"closed"`
		Outcome string `json:"outcome"`
	}
	c.jsonOf(&reqs, "request", "list", "--client", c.maria)
	if len(reqs) != 1 || reqs[0].Closed != "2026-11-23" || reqs[0].Outcome != "granted" {
		t.Errorf("the access request = %+v, want closed 2026-11-23 as granted", reqs)
	}
	entries, _ := os.ReadDir(dir)
	for _, e := range entries {
		if strings.HasPrefix(e.Name(), ".") {
			t.Errorf("a temporary file was left behind: %s", e.Name())
		}
	}
}

type disclosureView struct {
	ID          string `json:"id"`
	Accountable bool   `json:"accountable"`
	Description string `json:"description"`
}

func (c *releaseCLI) disclosures() []disclosureView {
	c.t.Helper()
	var ds []disclosureView
	c.jsonOf(&ds, "disclosures", "--client", c.maria)
	return ds
}

func TestReleasePreviewWritesNothing(t *testing.T) {
	c := newReleaseCLI(t)
	out := filepath.Join(t.TempDir(), "r.pdf")
	code, stdout, errs := c.release("--request", "client", "--recipient", "Maria Garcia", "--purpose", "access", "--preview",
		"--redact", "money", "--keep", "Lucia", "--out", out)
	if code != 0 {
		t.Fatalf("exit %d: %s", code, errs)
	}
	for _, want := range []string{"nothing was written or recorded", c.notes["progress"], `"Daniel" -> [redacted: third party]`,
		`"money" -> [redacted: marked by the clinician]`, c.notes["psych"] + "  2026-04-01  psychotherapy"} {
		if !strings.Contains(stdout, want) {
			t.Errorf("the preview lacks %q:\n%s", want, stdout)
		}
	}
	if strings.Contains(stdout, `"Lucia" ->`) {
		t.Error("a kept text is listed as redacted")
	}
	if _, err := os.Stat(out); !os.IsNotExist(err) {
		t.Errorf("a preview wrote %s", out)
	}
	if ds := c.disclosures(); len(ds) != 0 {
		t.Errorf("a preview recorded %d disclosures", len(ds))
	}
	pass := filepath.Join(t.TempDir(), "pass")
	os.WriteFile(pass, []byte("correct horse battery\n"), 0o600)
	var m struct {
		Encrypted struct {
			Path        string `json:"path"`
			EncryptedTo string `json:"encrypted_to"`
		} `json:"encrypted"`
	}
	c.jsonOf(&m, "release", "--client", c.maria, "--request", "client", "--recipient", "Maria Garcia", "--purpose", "access",
		"--out", out, "--encrypt-passphrase-file", pass)
	id, err := age.NewScryptIdentity("correct horse battery")
	if err != nil {
		t.Fatal(err)
	}
	enc, err := os.Open(m.Encrypted.Path)
	if err != nil {
		t.Fatal(err)
	}
	defer enc.Close()
	r, err := age.Decrypt(enc, id)
	if err != nil {
		t.Fatal(err)
	}
	plain, _ := io.ReadAll(r)
	if raw, _ := os.ReadFile(out); !bytes.Equal(plain, raw) || m.Encrypted.EncryptedTo != "passphrase" {
		t.Error("the passphrase copy does not decrypt to the PDF")
	}
}

func TestClientPart2Notice(t *testing.T) {
	c := newReleaseCLI(t)
	c.must("client", "part2", c.maria)
	out := filepath.Join(t.TempDir(), "r.pdf")
	c.must("release", "--client", c.maria, "--request", "client", "--recipient", "Maria Garcia", "--purpose", "access", "--out", out)
	if text := pdfToText(t, out); !strings.Contains(text, "42 CFR part 2 prohibits unauthorized use or disclosure of these records") {
		t.Error("a Part 2 record's release lacks the redisclosure notice")
	}
	code, _, errs := c.release("--request", "subpoena", "--recipient", "County Court", "--purpose", "p", "--court", "C", "--case", "1", "--out", out+"2")
	if code != 1 || !strings.Contains(errs, "42 CFR Part 2") {
		t.Errorf("a subpoena for a Part 2 record: exit %d, %q", code, errs)
	}
}
