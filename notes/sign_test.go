package notes_test

import (
	"crypto/sha256"
	"database/sql"
	"encoding/binary"
	"encoding/hex"
	"errors"
	"fmt"
	"reflect"
	"strings"
	"testing"

	"github.com/confidenotes/confide/notes"
	"github.com/confidenotes/confide/vault"
)

func TestSignedRefusesEveryEdit(t *testing.T) {
	f := newFixture(t)
	c := f.client(t, "Client One")
	n := f.signed(t, c.ID, "Signed text.")
	draft := f.draft(t, c.ID, notes.Progress, "a draft")
	before := rawRow(t, f, n.ID)
	api := []struct {
		name string
		do   func() error
	}{
		{"UpdateDraft", func() error { return f.UpdateDraft(n.ID, []notes.Section{{Name: "Note", Text: "changed"}}) }},
		{"UpdateSession", func() error { return f.UpdateSession(n.ID, notes.Session{Date: "2020-01-01"}) }},
		{"DeleteDraft", func() error { return f.DeleteDraft(n.ID) }},
		{"Sign again", func() error { _, err := f.Sign(n.ID); return err }},
	}
	for _, tt := range api {
		t.Run("api "+tt.name, func(t *testing.T) {
			if err := tt.do(); !errors.Is(err, notes.ErrSigned) {
				t.Errorf("%s = %v, want ErrSigned", tt.name, err)
			}
		})
	}
	raw := []struct{ name, stmt string }{
		{"update body", "UPDATE notes SET body = 'x', sections = '[]' WHERE id = ?1"},
		{"unsign", "UPDATE notes SET signed_at = NULL, content_hash = NULL WHERE id = ?1"},
		{"change date", "UPDATE notes SET session_date = '2000-01-01' WHERE id = ?1"},
		{"delete", "DELETE FROM notes WHERE id = ?1"},
		{"delete all", "DELETE FROM notes WHERE id = ?1 OR 1"},
		{"replace", "INSERT OR REPLACE INTO notes(id, client_id, kind, template, session_date, sections, body, created_at, updated_at) SELECT id, client_id, kind, template, session_date, '[]', '', created_at, updated_at FROM notes WHERE id = ?1"},
		{"take its id", "UPDATE OR REPLACE notes SET id = ?1 WHERE id = '" + draft.ID + "'"},
		{"delete its client", "DELETE FROM clients WHERE id = (SELECT client_id FROM notes WHERE id = ?1)"},
		{"update while destroying", "INSERT INTO destruction_pending(client_id, on_date) SELECT client_id, '2099-01-01' FROM notes WHERE id = ?1; UPDATE notes SET body = '' WHERE id = ?1"},
		{"destroy before retention", "INSERT INTO destruction_pending(client_id, on_date) SELECT client_id, '2026-03-14' FROM notes WHERE id = ?1; DELETE FROM notes WHERE id = ?1"},
	}
	for _, tt := range raw {
		t.Run("sql "+tt.name, func(t *testing.T) {
			err := f.v.Update(func(tx *vault.Tx) error {
				for _, s := range strings.Split(tt.stmt, "; ") {
					if _, err := tx.Exec(s, n.ID); err != nil {
						return err
					}
				}
				return nil
			})
			if err == nil {
				t.Fatalf("%s went through", tt.stmt)
			}
		})
	}
	if after := rawRow(t, f, n.ID); after != before {
		t.Errorf("the signed row changed:\n%s\n%s", before, after)
	}
	if err := f.VerifyNote(n.ID); err != nil {
		t.Errorf("VerifyNote = %v", err)
	}
}

func TestSignRefuses(t *testing.T) {
	f := newFixture(t)
	c := f.client(t, "Client One")
	empty, err := f.NewDraft(notes.Draft{ClientID: c.ID, Kind: notes.Contact, Template: notes.SOAP, Session: notes.Session{Date: "2026-01-02"}})
	if err != nil {
		t.Fatal(err)
	}
	spaces := f.draft(t, c.ID, notes.Progress, " \n\t ")
	tests := []struct {
		name, id string
		want     error
	}{
		{"empty sections", empty.ID, notes.ErrEmpty},
		{"only whitespace", spaces.ID, notes.ErrEmpty},
		{"unknown note", "n-nothing", notes.ErrNotFound},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if _, err := f.Sign(tt.id); !errors.Is(err, tt.want) {
				t.Errorf("Sign = %v, want %v", err, tt.want)
			}
		})
	}
	if got := len(events(t, f.v, "note.")); got != 0 {
		t.Errorf("events after refused signing = %d, want 0", got)
	}
}

func TestAddendum(t *testing.T) {
	f := newFixture(t)
	c := f.client(t, "Client One")
	n := f.signed(t, c.ID, "Original text.")
	draft := f.draft(t, c.ID, notes.Progress, "draft")
	before := rawRow(t, f, n.ID)

	f.clock.advance(48 * 3600e9)
	a, err := f.AddAddendum(n.ID, "Correction: the session was on Tuesday.")
	if err != nil {
		t.Fatal(err)
	}
	f.clock.advance(3600e9)
	if _, err := f.AddAddendum(n.ID, "Second correction."); err != nil {
		t.Fatal(err)
	}
	if after := rawRow(t, f, n.ID); after != before {
		t.Errorf("the original changed:\n%s\n%s", before, after)
	}
	got, err := f.GetNote(n.ID)
	if err != nil {
		t.Fatal(err)
	}
	if len(got.Addenda) != 2 || got.Addenda[0].ID != a.ID || !got.Addenda[0].Signed() ||
		got.Addenda[0].Date != "2026-03-16" || got.Addenda[0].Kind != n.Kind || got.Addenda[0].ParentID != n.ID {
		t.Errorf("addenda = %+v", got.Addenda)
	}
	if err := f.VerifyNote(n.ID); err != nil {
		t.Errorf("VerifyNote = %v", err)
	}

	refusals := []struct {
		name, id, text string
		want           error
	}{
		{"to a draft", draft.ID, "text", notes.ErrNotSigned},
		{"empty", n.ID, "  ", notes.ErrEmpty},
		{"to nothing", "n-none", "text", notes.ErrNotFound},
	}
	for _, tt := range refusals {
		t.Run(tt.name, func(t *testing.T) {
			if _, err := f.AddAddendum(tt.id, tt.text); !errors.Is(err, tt.want) {
				t.Errorf("AddAddendum = %v, want %v", err, tt.want)
			}
		})
	}
	if got := f.count(t, "notes"); got != 4 {
		t.Errorf("notes = %d, want 4 (refusals change nothing)", got)
	}
}

// TestVerifyDetectsTampering alters the decrypted snapshot as someone
// holding the key could, and expects each change to be found.
func TestVerifyDetectsTampering(t *testing.T) {
	tests := []struct {
		name  string
		alter string
		check func(f *fixture, id string) error
	}{
		{"note text", "DROP TRIGGER notes_signed_frozen_update; UPDATE notes SET sections = '[{\"name\":\"Note\",\"text\":\"forged\"}]' WHERE id = ?",
			func(f *fixture, id string) error { return f.VerifyNote(id) }},
		{"note hash and text", "DROP TRIGGER notes_signed_frozen_update; UPDATE notes SET sections = '[]', content_hash = x'00' WHERE id = ?",
			func(f *fixture, id string) error { return f.VerifyNote(id) }},
		{"past event", "UPDATE _vault_log SET data = CAST('{}' AS BLOB) WHERE seq = 1 AND ? <> ''",
			func(f *fixture, id string) error { _, err := f.v.VerifyLog(); return err }},
		{"removed event", "DELETE FROM _vault_log WHERE seq = 1 AND ? <> ''",
			func(f *fixture, id string) error { _, err := f.v.VerifyLog(); return err }},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			f := newFixture(t)
			c := f.client(t, "Client One")
			n := f.signed(t, c.ID, "Original.")
			f.signed(t, c.ID, "Another, so the log has a successor.")
			if err := tt.check(f, n.ID); err != nil {
				t.Fatalf("before tampering: %v", err)
			}
			f.alterSnapshot(t, func(db *sql.DB) {
				for _, s := range strings.Split(tt.alter, "; ") {
					args := []any{}
					if strings.Contains(s, "?") {
						args = append(args, n.ID)
					}
					if _, err := db.Exec(s, args...); err != nil {
						t.Fatal(err)
					}
				}
			})
			err := tt.check(f, n.ID)
			if !errors.Is(err, notes.ErrTampered) && !errors.Is(err, vault.ErrDamaged) {
				t.Errorf("after tampering: %v, want ErrTampered or ErrDamaged", err)
			}
		})
	}
}

// TestNoteSetBackToUnsignedStaysFrozen: a signed note and a signed
// addendum that a key holder set back to unsigned, outside Confide, are
// not drafts again: their signing events in the log keep them frozen.
// Every change, signing again (which would make altered text verify) and
// an addendum are refused with ErrTampered, and the row is unchanged. A
// draft that never was signed is still edited.
func TestNoteSetBackToUnsignedStaysFrozen(t *testing.T) {
	f := newFixture(t)
	c := f.client(t, "Client One")
	n := f.signed(t, c.ID, "Signed text.")
	add, err := f.AddAddendum(n.ID, "A correction.")
	if err != nil {
		t.Fatal(err)
	}
	draft := f.draft(t, c.ID, notes.Progress, "a draft")
	f.alterSnapshot(t, func(db *sql.DB) {
		for _, s := range []string{"DROP TRIGGER notes_signed_frozen_update",
			"UPDATE notes SET signed_at = NULL, content_hash = NULL WHERE id IN ('" + n.ID + "', '" + add.ID + "')"} {
			if _, err := db.Exec(s); err != nil {
				t.Fatal(err)
			}
		}
	})
	for _, id := range []string{n.ID, add.ID} {
		before := rawRow(t, f, id)
		for _, tt := range []struct {
			name string
			do   func() error
		}{
			{"UpdateDraft", func() error { return f.UpdateDraft(id, []notes.Section{{Name: "Note", Text: "changed"}}) }},
			{"UpdateSession", func() error { return f.UpdateSession(id, notes.Session{Date: "2020-01-01"}) }},
			{"Sign", func() error { _, err := f.Sign(id); return err }},
			{"DeleteDraft", func() error { return f.DeleteDraft(id) }},
			{"SaveAddendumDraft", func() error { return f.SaveAddendumDraft(id, "more") }},
			{"AddAddendum", func() error { _, err := f.AddAddendum(id, "more"); return err }},
		} {
			if err := tt.do(); !errors.Is(err, notes.ErrTampered) || !strings.Contains(err.Error(), "signing event") {
				t.Errorf("%s(%s) = %v, want ErrTampered naming the signing event", tt.name, id, err)
			}
		}
		if after := rawRow(t, f, id); after != before {
			t.Errorf("the row of %s changed:\n%s\n%s", id, before, after)
		}
	}
	if err := f.UpdateDraft(draft.ID, []notes.Section{{Name: "Note", Text: "still a draft"}}); err != nil {
		t.Fatalf("a draft never signed: %v", err)
	}
}

// TestContentHash recomputes the documented canonical encoding.
func TestContentHash(t *testing.T) {
	n := notes.Note{ID: "n-1", ClientID: "c-1", Kind: notes.Progress, Template: notes.DAP,
		Session:  notes.Session{Date: "2026-01-05", Start: "09:00", DurationMin: 45, ServiceCode: "90834"},
		Sections: []notes.Section{{"Data", "d"}, {"Assessment", "a"}, {"Plan", "p"}}}
	var b []byte
	for _, s := range []string{"confide-note-v1", "n-1", "c-1", "", "progress", "dap", "2026-01-05", "09:00", "45", "90834"} {
		b = append(binary.AppendUvarint(b, uint64(len(s))), s...)
	}
	b = binary.AppendUvarint(b, 3)
	for _, s := range []string{"Data", "d", "Assessment", "a", "Plan", "p"} {
		b = append(binary.AppendUvarint(b, uint64(len(s))), s...)
	}
	if got, want := notes.ContentHash(&n), sha256.Sum256(b); got != want {
		t.Fatalf("ContentHash = %x, want %x", got, want)
	}
	base := notes.ContentHash(&n)
	changes := []struct {
		name   string
		change func(m *notes.Note)
	}{
		{"kind", func(m *notes.Note) { m.Kind = notes.Psychotherapy }},
		{"template", func(m *notes.Note) { m.Template = notes.SOAP }},
		{"client", func(m *notes.Note) { m.ClientID = "c-2" }},
		{"date", func(m *notes.Note) { m.Date = "2026-01-06" }},
		{"section name", func(m *notes.Note) { m.Sections[0].Name = "Dat" }},
		{"text moved between sections", func(m *notes.Note) { m.Sections[0].Text, m.Sections[1].Text = "da", "" }},
		{"text", func(m *notes.Note) { m.Sections[2].Text = "p." }},
	}
	for _, tt := range changes {
		t.Run(tt.name, func(t *testing.T) {
			m := n
			m.Sections = append([]notes.Section(nil), n.Sections...)
			tt.change(&m)
			if notes.ContentHash(&m) == base {
				t.Error("hash did not change")
			}
		})
	}
}

func TestSignLogsEvent(t *testing.T) {
	f := newFixture(t)
	c := f.client(t, "Client One")
	n := f.signed(t, c.ID, "Confidential words here.")
	evs := events(t, f.v, notes.EventSigned)
	if len(evs) != 1 || evs[0].Subject != n.ID || !evs[0].At.Equal(n.SignedAt) {
		t.Fatalf("events = %+v", evs)
	}
	want := fmt.Sprintf(`{"client":%q,"kind":"progress","hash":%q}`, c.ID, n.Hash)
	if string(evs[0].Data) != want || strings.Contains(string(evs[0].Data), "Confidential") {
		t.Errorf("event data = %s, want %s", evs[0].Data, want)
	}
	if h, _ := hex.DecodeString(n.Hash); len(h) != sha256.Size {
		t.Errorf("hash = %q", n.Hash)
	}
	got, err := f.GetNote(n.ID)
	if err != nil || !reflect.DeepEqual(got, n) {
		t.Errorf("GetNote =\n%+v, %v\nwant\n%+v", got, err, n)
	}
}

// rawRow is every column of a note's row, as stored.
func rawRow(tb testing.TB, f *fixture, id string) string {
	tb.Helper()
	var out string
	if err := f.v.Read(func(q vault.Querier) error {
		return q.QueryRow(`SELECT quote(seq) || quote(id) || quote(client_id) || quote(parent_id) || quote(kind) ||
			quote(template) || quote(session_date) || quote(start_time) || quote(duration_min) || quote(service_code) ||
			quote(sections) || quote(body) || quote(created_at) || quote(updated_at) || quote(signed_at) ||
			quote(content_hash) FROM notes WHERE id = ?`, id).Scan(&out)
	}); err != nil {
		tb.Fatal(err)
	}
	return out
}
