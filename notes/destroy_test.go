package notes_test

import (
	"database/sql"
	"errors"
	"path/filepath"
	"strings"
	"testing"

	"github.com/confidenotes/confide/notes"
	"github.com/confidenotes/confide/vault"
)

// Canaries: words found nowhere else, each checked also by an inner part,
// since the search index stores terms prefix-compressed.
var canaries = []string{"Xylophonequartz", "Pemberzork", "Ottolinewyse", "Grimwaldhurst", "Velvetoctagon", "555-0199", "zork@example.org"}

// destroyCanaryClient builds a client whose every detail is a canary, with
// a signed note, an addendum, a psychotherapy draft and a unit, beside a
// client who stays; it destroys the first and checks what the API shows.
func destroyCanaryClient(t *testing.T, f *fixture) {
	t.Helper()
	gone, err := f.AddClient(notes.Client{Name: "Quenneville Pemberzork", Preferred: "Quen", DOB: "1970-01-01",
		Phones: []string{"555-0199"}, Emails: []string{"zork@example.org"}, Employer: "Grimwaldhurst Mills",
		Related: []notes.Person{{Name: "Ottolinewyse Pemberzork", Relation: "spouse"}}, LastContact: "2015-06-01"})
	if err != nil {
		t.Fatal(err)
	}
	kept := f.client(t, "Keeper Person")
	orig := f.signed(t, gone.ID, "Talked about the Xylophonequartz at length with Ottolinewyse.")
	if _, err := f.AddAddendum(orig.ID, "Velvetoctagon was also mentioned."); err != nil {
		t.Fatal(err)
	}
	f.draft(t, gone.ID, notes.Psychotherapy, "Process note: Xylophonequartz dream, Pemberzork family.")
	f.signed(t, kept.ID, "Marmaladesnapdragon kept for the record.")
	unsaved := *gone
	unsaved.Other = []string{"Xylophonequartz club member"}
	if err := f.SaveClientDraft(unsaved); err != nil { // details being edited, not saved
		t.Fatal(err)
	}
	if _, err := f.AddUnit(notes.Couple, "", gone.ID, kept.ID); err != nil {
		t.Fatal(err)
	}
	if hits, _ := f.Search("xylophonequartz", notes.Filter{}); len(hits) != 2 {
		t.Fatalf("before destruction: %d hits, want 2", len(hits))
	}

	f.clock.t = f.clock.t.AddDate(8, 0, 0) // past the sessions' retention too
	d, err := f.Destroy(gone.ID, f.clock.now())
	if err != nil {
		t.Fatal(err)
	}
	if d.Notes != 2 || d.Addenda != 1 || d.People != 1 || d.Rule != notes.RuleAdult {
		t.Errorf("destruction = %+v", d)
	}
	if _, err := f.GetClient(gone.ID); !errors.Is(err, notes.ErrNotFound) {
		t.Errorf("GetClient after destruction: %v, want ErrNotFound", err)
	}
	if draft, err := f.ClientDraft(gone.ID); err != nil || draft != nil {
		t.Errorf("ClientDraft after destruction = %v, %v; want none", draft, err)
	}
	for _, q := range []string{"xylophonequartz", "pemberzork", "velvetoctagon", "quen"} {
		if hits, err := f.Search(q, notes.Filter{}); err != nil || len(hits) != 0 {
			t.Errorf("Search(%q) after destruction = %d hits, %v", q, len(hits), err)
		}
	}
	if hits, _ := f.Search("marmaladesnapdragon", notes.Filter{}); len(hits) != 1 {
		t.Errorf("the other client's note: %d hits, want 1", len(hits))
	}
	k, err := f.GetClient(kept.ID)
	if err != nil || len(k.Units) != 1 || len(k.Units[0].Members) != 1 {
		t.Errorf("the other client's unit after destruction: %+v, %v", k, err)
	}
	evs := events(t, f.v, notes.EventDestroyed)
	if len(evs) != 1 || evs[0].Subject != gone.ID || !strings.Contains(string(evs[0].Data), notes.RuleAdult) {
		t.Errorf("destruction events = %+v", evs)
	}
}

// checkNoCanary fails when b holds a canary, whole or by an inner part.
func checkNoCanary(t *testing.T, what string, b []byte) {
	t.Helper()
	for _, c := range canaries {
		if contains(b, c) || contains(b, c[1:len(c)-1]) {
			t.Errorf("%s still holds %q", what, c)
		}
	}
	if !contains(b, "Marmaladesnapdragon") && what != "event log" {
		t.Errorf("%s lost the other client's note: the byte search proves nothing", what)
	}
}

// TestDestroyRemovesContent checks every live row of every table, the
// search index's shadow tables included, and the event log.
func TestDestroyRemovesContent(t *testing.T) {
	f := newFixture(t)
	destroyCanaryClient(t, f)
	checkNoCanary(t, "event log", allEventData(t, f.v))
	checkNoCanary(t, "tables", liveRows(t, f))
	if st, err := f.v.Status(); err != nil || st.JournalRecords != 0 {
		t.Errorf("journal after destruction: %+v, %v; want it compacted away", st, err)
	}
}

func TestDestroyRefuses(t *testing.T) {
	tests := []struct {
		name        string
		lastContact string
		hold        bool
		want        error
	}{
		{"retention not passed", "2024-01-01", false, notes.ErrNotDue},
		{"legal hold", "2010-01-01", true, notes.ErrLegalHold},
		{"no contact recorded", "", false, notes.ErrNotDue},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			f := newFixture(t)
			c, err := f.AddClient(notes.Client{Name: "Held Client", LastContact: tt.lastContact})
			if err != nil {
				t.Fatal(err)
			}
			if tt.hold {
				if err := f.SetLegalHold(c.ID, true); err != nil {
					t.Fatal(err)
				}
			}
			if tt.lastContact != "" {
				f.signed(t, c.ID, "some text")
				f.clock.t = f.clock.t.AddDate(8, 0, 0) // past the session's own retention
			}
			if tt.name == "retention not passed" {
				f.clock.t = f.clock.t.AddDate(-8, 0, 0)
			}
			_, err = f.Destroy(c.ID, f.clock.now())
			if !errors.Is(err, tt.want) {
				t.Fatalf("Destroy = %v, want %v", err, tt.want)
			}
			if got := f.count(t, "clients"); got != 1 {
				t.Errorf("clients after refused destruction = %d, want 1", got)
			}
		})
	}
}

func events(tb testing.TB, v *vault.Vault, kind string) []vault.Event {
	tb.Helper()
	var evs []vault.Event
	if err := v.Read(func(q vault.Querier) error {
		var err error
		evs, err = vault.Events(q, kind, "")
		return err
	}); err != nil {
		tb.Fatal(err)
	}
	return evs
}

func allEventData(tb testing.TB, v *vault.Vault) []byte {
	tb.Helper()
	var out []byte
	for _, e := range events(tb, v, "") {
		out = append(out, e.Kind+" "+e.Subject+" "...)
		out = append(out, e.Data...)
	}
	return out
}

// liveRows returns the values of every row of every ordinary table (the
// FTS5 shadow tables too) in a plaintext copy of the database.
func liveRows(tb testing.TB, f *fixture) []byte {
	tb.Helper()
	path := filepath.Join(tb.TempDir(), "db.sqlite")
	if err := f.v.WriteDatabase(path); err != nil {
		tb.Fatal(err)
	}
	db, err := sql.Open("sqlite3", path)
	if err != nil {
		tb.Fatal(err)
	}
	defer db.Close()
	rows, err := db.Query("SELECT name FROM sqlite_schema WHERE type = 'table' AND sql NOT LIKE 'CREATE VIRTUAL%'")
	if err != nil {
		tb.Fatal(err)
	}
	var tables []string
	for rows.Next() {
		var n string
		rows.Scan(&n)
		tables = append(tables, n)
	}
	rows.Close()
	var out []byte
	for _, tbl := range tables {
		rows, err := db.Query(`SELECT * FROM "` + tbl + `"`)
		if err != nil {
			tb.Fatal(err)
		}
		cols, _ := rows.Columns()
		vals := make([]any, len(cols))
		ptrs := make([]any, len(cols))
		for i := range vals {
			ptrs[i] = &vals[i]
		}
		for rows.Next() {
			if err := rows.Scan(ptrs...); err != nil {
				tb.Fatal(err)
			}
			for _, v := range vals {
				switch v := v.(type) {
				case []byte:
					out = append(out, v...)
				case string:
					out = append(out, v...)
				}
				out = append(out, 0)
			}
		}
		rows.Close()
	}
	if len(tables) < 8 {
		tb.Fatalf("only %d tables found", len(tables))
	}
	return out
}
