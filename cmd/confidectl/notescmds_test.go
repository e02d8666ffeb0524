package main

import (
	"bytes"
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"
)

// cli runs confidectl commands against one vault, unlocked with a key
// file so that no keyring is needed.
type cli struct {
	t             *testing.T
	dir, identity string
	now           time.Time
}

func newCLI(t *testing.T) *cli {
	t.Helper()
	tmp := t.TempDir()
	c := &cli{t: t, dir: filepath.Join(tmp, "vault"), identity: filepath.Join(tmp, "device.key"),
		now: time.Date(2026, 3, 14, 9, 30, 0, 0, time.UTC)}
	if _, _, code := c.run("", "init", "--identity-out", c.identity, "--recovery-out", filepath.Join(tmp, "recovery.key")); code != 0 {
		t.Fatalf("init exited %d", code)
	}
	return c
}

// run returns stdout, stderr and the exit code.
func (c *cli) run(stdin string, args ...string) (string, string, int) {
	c.t.Helper()
	var out, errb bytes.Buffer
	e := &env{stdin: strings.NewReader(stdin), stdout: &out, stderr: &errb, store: nil, now: func() time.Time { return c.now }}
	all := append([]string{"--vault", c.dir}, args...)
	if args[0] != "init" {
		all = append([]string{"--identity", c.identity}, all...)
	}
	code := e.run(all)
	return out.String(), errb.String(), code
}

// ok runs a command that must succeed and returns its trimmed stdout.
func (c *cli) ok(stdin string, args ...string) string {
	c.t.Helper()
	out, errs, code := c.run(stdin, args...)
	if code != 0 {
		c.t.Fatalf("%v exited %d: %s", args, code, errs)
	}
	return strings.TrimSpace(out)
}

func (c *cli) json(v any, stdin string, args ...string) {
	c.t.Helper()
	out := c.ok(stdin, append([]string{"--json"}, args...)...)
	if err := json.Unmarshal([]byte(out), v); err != nil {
		c.t.Fatalf("%v: not one JSON document: %v\n%s", args, err, out)
	}
}

func (c *cli) noteCount(client string) int {
	c.t.Helper()
	var list []map[string]any
	c.json(&list, "", "note list", "--client", client)
	return len(list)
}

func TestClientAndNoteCommands(t *testing.T) {
	c := newCLI(t)
	client := c.ok("", "client", "add", "--name", "Ada Byron", "--preferred", "Ada", "--dob", "1990-12-10",
		"--phone", "555-0100", "--related", "William King:spouse", "--related", "Anne Isabella:mother")
	if !strings.HasPrefix(client, "c-") {
		t.Fatalf("client add printed %q, want an id", client)
	}
	var shown struct {
		ID        string `json:"id"`
		Name      string `json:"name"`
		Related   []struct{ Name, Relation string }
		Retention struct {
			Rule string `json:"rule"`
		} `json:"retention"`
	}
	c.json(&shown, "", "client", "show", client)
	if shown.ID != client || shown.Name != "Ada Byron" || len(shown.Related) != 2 || shown.Retention.Rule == "" {
		t.Errorf("client show = %+v", shown)
	}
	var clients []map[string]any
	c.json(&clients, "", "client", "list")
	if len(clients) != 1 {
		t.Errorf("client list = %v", clients)
	}

	note := c.ok("S: feels better\nP: weekly", "note", "add", "--client", client, "--kind", "progress", "--template", "soap", "--date", "2026-03-10")
	if !strings.HasPrefix(note, "n-") {
		t.Fatalf("note add printed %q", note)
	}
	file := filepath.Join(t.TempDir(), "body.txt")
	os.WriteFile(file, []byte("Subjective: sleeping well\nPlan: monthly"), 0o600)
	c.ok("", "note", "edit", note, "--file", file)
	var n struct {
		Kind     string `json:"kind"`
		Date     string `json:"date"`
		Sections []struct{ Name, Text string }
		Hash     string `json:"content_hash"`
		Addenda  []struct {
			ID string `json:"id"`
		}
		DRS bool `json:"designated_record_set"`
	}
	c.json(&n, "", "note", "show", note)
	if n.Kind != "progress" || n.Date != "2026-03-10" || len(n.Sections) != 4 || n.Sections[0].Text != "sleeping well" ||
		n.Sections[3].Text != "monthly" || n.Hash != "" || !n.DRS {
		t.Errorf("note show after edit = %+v", n)
	}
	// A session note is signed only with its session's start, length and code.
	if _, errs, code := c.run("", "note", "sign", note); code != 1 || !strings.Contains(errs, "missing the start time, the length in minutes, the service code") ||
		!strings.Contains(errs, "note session") {
		t.Errorf("signing without the session fields: exit %d, %q", code, errs)
	}
	c.ok("", "note", "session", note, "--start", "14:00", "--duration", "50", "--service-code", "90834")
	c.ok("", "profile", "set", "--name", "Jane Porter", "--credentials", "LCSW", "--timezone", "America/New_York")
	c.ok("", "note", "sign", note)
	add := c.ok("Correction: it was a Tuesday.", "note", "addendum", note)
	var signed struct {
		SignedBy    string `json:"signed_by"`
		Start       string `json:"start"`
		DurationMin int    `json:"duration_min"`
		ServiceCode string `json:"service_code"`
		Addenda     []struct {
			SignedBy string `json:"signed_by"`
		}
	}
	c.json(&signed, "", "note", "show", note)
	if signed.SignedBy != "Jane Porter, LCSW" || signed.Start != "14:00" || signed.DurationMin != 50 || signed.ServiceCode != "90834" ||
		len(signed.Addenda) != 1 || signed.Addenda[0].SignedBy != "Jane Porter, LCSW" {
		t.Errorf("note show --json after signing = %+v", signed)
	}
	c.json(&n, "", "note", "show", note)
	if n.Hash == "" || len(n.Addenda) != 1 || n.Addenda[0].ID != add {
		t.Errorf("note show after signing = %+v", n)
	}
	// The clock is 2026-03-14 09:30 UTC: 5:30 AM in New York (EDT from 8 March).
	if human := c.ok("", "note", "show", note); !strings.Contains(human, "Electronically signed by Jane Porter, LCSW, 14 Mar 2026 5:30 AM EDT") ||
		!strings.Contains(human, "started 14:00, 50 minutes, service code 90834") {
		t.Errorf("note show does not give the signature and session:\n%s", human)
	}
	if human := c.ok("", "note", "show", note); !strings.Contains(human, "sleeping well") || !strings.Contains(human, "it was a Tuesday") {
		t.Errorf("note show:\n%s", human)
	}

	var hits []struct {
		NoteID  string `json:"note_id"`
		Snippet string `json:"snippet"`
	}
	c.json(&hits, "", "search", "sleeping", "--client", client)
	if len(hits) != 1 || hits[0].NoteID != note {
		t.Errorf("search = %+v", hits)
	}
	c.json(&hits, "", "search", "sleeping (")
	if len(hits) != 1 {
		t.Errorf("search with a syntax error = %+v, want the plain-word hit", hits)
	}
	var verify struct {
		OK      bool `json:"ok"`
		Entries int  `json:"entries"`
	}
	c.json(&verify, "", "log", "verify")
	if !verify.OK || verify.Entries != 3 {
		t.Errorf("log verify = %+v, want 3 entries (profile, sign, addendum)", verify)
	}
	if got := c.noteCount(client); got != 1 {
		t.Errorf("note list = %d notes, want 1", got)
	}
}

// TestNoteCommandsRefuse: every kind of bad input gets its exit code and a
// clear message, and changes nothing.
func TestNoteCommandsRefuse(t *testing.T) {
	c := newCLI(t)
	client := c.ok("", "client", "add", "--name", "Ada Byron")
	signed := c.ok("text", "note", "add", "--client", client, "--kind", "progress", "--start", "09:00", "--duration", "50", "--service-code", "90834")
	c.ok("", "note", "sign", signed)
	draft := c.ok("draft text", "note", "add", "--client", client, "--kind", "contact")
	empty := c.ok("", "note", "add", "--client", client, "--kind", "other")
	tests := []struct {
		name     string
		stdin    string
		args     []string
		code     int
		stderr   string
		hasNotes int
	}{
		{"client without name", "", []string{"client", "add"}, 2, "needs --name", 3},
		{"client bad dob", "", []string{"client", "add", "--name", "X Y", "--dob", "1990-13-01"}, 2, "YYYY-MM-DD", 3},
		{"bad related", "", []string{"client", "add", "--name", "X Y", "--related", "nobody"}, 2, "NAME:RELATION", 3},
		{"unknown client", "x", []string{"note", "add", "--client", "c-0000", "--kind", "progress"}, 1, "no client", 3},
		{"wrong kind", "x", []string{"note", "add", "--client", client, "--kind", "session"}, 2, "kind must be", 3},
		{"wrong template", "x", []string{"note", "add", "--client", client, "--kind", "progress", "--template", "sbar"}, 2, "template must be", 3},
		{"date does not parse", "x", []string{"note", "add", "--client", client, "--kind", "progress", "--date", "March 3"}, 2, "YYYY-MM-DD", 3},
		{"edit a signed note", "new", []string{"note", "edit", signed}, 1, "note is signed; add an addendum", 3},
		{"sign an empty note", "", []string{"note", "sign", empty}, 1, "empty", 3},
		{"addendum to a draft", "x", []string{"note", "addendum", draft}, 1, "draft", 3},
		{"unknown note", "", []string{"note", "show", "n-0000"}, 1, "no note", 3},
		{"note list without client", "", []string{"note", "list"}, 2, "--client", 3},
		{"search without query", "", []string{"search"}, 2, "query", 3},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			out, errs, code := c.run(tt.stdin, tt.args...)
			if code != tt.code || !strings.Contains(errs, tt.stderr) {
				t.Errorf("exit %d, stderr %q; want %d and %q (stdout %q)", code, errs, tt.code, tt.stderr, out)
			}
			if got := c.noteCount(client); got != tt.hasNotes {
				t.Errorf("notes = %d, want %d", got, tt.hasNotes)
			}
		})
	}
	var n struct {
		Sections []struct{ Text string }
	}
	c.json(&n, "", "note", "show", signed)
	if len(n.Sections) != 1 || n.Sections[0].Text != "text" {
		t.Errorf("the signed note changed: %+v", n)
	}
}

func TestImport(t *testing.T) {
	c := newCLI(t)
	client := c.ok("", "client", "add", "--name", "Ada Byron")
	dir := t.TempDir()
	os.WriteFile(filepath.Join(dir, "2024-05-06 session.md"), []byte("# Session\nTalked."), 0o600)
	os.WriteFile(filepath.Join(dir, "notes.txt"), []byte("Plain text note."), 0o600)
	os.WriteFile(filepath.Join(dir, "image.png"), []byte("not a note"), 0o600)
	old := time.Date(2023, 2, 1, 12, 0, 0, 0, time.Local)
	os.Chtimes(filepath.Join(dir, "notes.txt"), old, old)
	var res struct {
		Imported []struct{ File, ID, Date string }
	}
	c.json(&res, "", "import", dir, "--client", client)
	got := map[string]string{}
	for _, im := range res.Imported {
		got[im.File] = im.Date
	}
	want := map[string]string{"2024-05-06 session.md": "2024-05-06", "notes.txt": "2023-02-01"}
	if len(got) != 2 || got["2024-05-06 session.md"] != want["2024-05-06 session.md"] || got["notes.txt"] != want["notes.txt"] {
		t.Errorf("imported %v, want %v", got, want)
	}
	if n := c.noteCount(client); n != 2 {
		t.Errorf("notes = %d, want 2", n)
	}
	if _, _, code := c.run("", "import", dir, "--client", "c-0000"); code != 1 || c.noteCount(client) != 2 {
		t.Errorf("import to an unknown client: exit %d", code)
	}
}
