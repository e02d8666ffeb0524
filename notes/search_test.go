package notes_test

import (
	"fmt"
	"reflect"
	"strings"
	"testing"

	"github.com/confidenotes/confide/notes"
)

// searchFixture: two clients, notes of several kinds and dates.
func searchFixture(t *testing.T) (*fixture, map[string]string) {
	t.Helper()
	f := newFixture(t)
	ann := f.client(t, "Annabel Lee")
	bob := f.client(t, "Robert Frost")
	ids := map[string]string{"ann": ann.ID, "bob": bob.ID}
	add := func(key, client string, kind notes.Kind, date, text string) {
		n, err := f.NewDraft(notes.Draft{ClientID: client, Kind: kind, Session: notes.Session{Date: date},
			Sections: []notes.Section{{Name: "Note", Text: text}}})
		if err != nil {
			t.Fatal(err)
		}
		ids[key] = n.ID
	}
	add("a1", ann.ID, notes.Progress, "2025-01-10", "Discussed sleep hygiene and the insomnia that keeps returning. Insomnia insomnia.")
	add("a2", ann.ID, notes.Intake, "2024-12-01", "Presenting problem: insomnia for two years, also worry about work.")
	add("a3", ann.ID, notes.Psychotherapy, "2025-02-01", "Dream about the sea; insomnia theme recurs.")
	add("b1", bob.ID, notes.Progress, "2025-01-15", "Talked about the woods and the road not taken.")
	add("b2", bob.ID, notes.Contact, "2025-03-01", "Phone call to reschedule. Mentions insomnia briefly.")
	return f, ids
}

func TestSearch(t *testing.T) {
	f, id := searchFixture(t)
	tests := []struct {
		name   string
		query  string
		filter notes.Filter
		want   []string // note keys, best first
	}{
		{"ranked by bm25", "insomnia", notes.Filter{}, []string{"a1", "a3", "b2", "a2"}}, // repeats, then short notes
		{"by client", "insomnia", notes.Filter{ClientID: id["bob"]}, []string{"b2"}},
		{"by kind", "insomnia", notes.Filter{Kinds: []notes.Kind{notes.Intake, notes.Psychotherapy}}, []string{"a3", "a2"}},
		{"by date range", "insomnia", notes.Filter{From: "2025-01-01", To: "2025-02-01"}, []string{"a1", "a3"}},
		{"client name", "frost", notes.Filter{}, []string{"b2", "b1"}},
		{"phrase", `"road not taken"`, notes.Filter{}, []string{"b1"}},
		{"prefix", "insom*", notes.Filter{ClientID: id["bob"]}, []string{"b2"}},
		{"accents folded", "dréam", notes.Filter{}, []string{"a3"}},
		{"limit", "insomnia", notes.Filter{Limit: 1}, []string{"a1"}},
		{"nothing", "zebra", notes.Filter{}, nil},
		{"empty query", "   ", notes.Filter{}, nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			hits, err := f.Search(tt.query, tt.filter)
			if err != nil {
				t.Fatal(err)
			}
			if got := hitKeys(hits, id); !reflect.DeepEqual(got, tt.want) {
				t.Errorf("Search(%q) = %v, want %v", tt.query, got, tt.want)
			}
		})
	}
}

// TestSearchSyntaxErrorsArePlainWords: a query FTS5 cannot parse is
// searched as its words, never an error.
func TestSearchSyntaxErrorsArePlainWords(t *testing.T) {
	f, id := searchFixture(t)
	tests := []struct {
		query string
		want  []string
	}{
		{`road AND`, []string{"b1"}},
		{`"road not`, []string{"b1"}},
		{`(woods`, []string{"b1"}},
		{`woods)`, []string{"b1"}},
		{`NEAR(road`, nil}, // the token is the phrase "near road"
		{`road NOT`, []string{"b1"}},
		{`call:reschedule`, nil}, // an unknown column; as words, "call:reschedule" is one quoted token
		{`*`, nil},
		{`phone-call`, []string{"b2"}},
		{`don't`, nil},
		{`OR`, nil},
		{`sea"`, []string{"a3"}},
		{`road woods)`, []string{"b1"}},
	}
	for _, tt := range tests {
		t.Run(tt.query, func(t *testing.T) {
			hits, err := f.Search(tt.query, notes.Filter{})
			if err != nil {
				t.Fatalf("Search(%q) = %v, want no error", tt.query, err)
			}
			if got := hitKeys(hits, id); !reflect.DeepEqual(got, tt.want) {
				t.Errorf("Search(%q) = %v, want %v", tt.query, got, tt.want)
			}
		})
	}
}

func TestSearchHit(t *testing.T) {
	f, id := searchFixture(t)
	hits, err := f.Search("hygiene", notes.Filter{})
	if err != nil || len(hits) != 1 {
		t.Fatalf("Search = %v, %v", hits, err)
	}
	h := hits[0]
	if h.NoteID != id["a1"] || h.ClientID != id["ann"] || h.ClientName != "Annabel Lee" || h.Kind != notes.Progress ||
		h.Date != "2025-01-10" || h.Signed || h.Score >= 0 {
		t.Errorf("hit = %+v", h)
	}
	if want := notes.MarkOpen + "hygiene" + notes.MarkClose; !strings.Contains(h.Snippet, want) {
		t.Errorf("snippet %q lacks %q", h.Snippet, want)
	}
	if _, err := f.Search("x", notes.Filter{From: "2025/01/01"}); err == nil {
		t.Error("a bad date in the filter went through")
	}
}

// TestSearchFollowsChanges: autosave, renaming a client and deleting a
// draft keep the index in step.
func TestSearchFollowsChanges(t *testing.T) {
	f, id := searchFixture(t)
	if err := f.UpdateDraft(id["b1"], []notes.Section{{Name: "Note", Text: "Now about apples."}}); err != nil {
		t.Fatal(err)
	}
	c, err := f.GetClient(id["bob"])
	if err != nil {
		t.Fatal(err)
	}
	c.Name, c.Preferred = "Bobby Frostbite", "Robin"
	if err := f.UpdateClient(*c); err != nil {
		t.Fatal(err)
	}
	if err := f.DeleteDraft(id["a2"]); err != nil {
		t.Fatal(err)
	}
	tests := []struct {
		query string
		want  []string
	}{
		{"woods", nil},
		{"apples", []string{"b1"}},
		{"frost", nil},
		{"frostbite", []string{"b1", "b2"}},
		{"robin", []string{"b1", "b2"}},
		{"presenting", nil},
	}
	for _, tt := range tests {
		t.Run(tt.query, func(t *testing.T) {
			hits, err := f.Search(tt.query, notes.Filter{})
			if err != nil {
				t.Fatal(err)
			}
			if got := hitKeys(hits, id); !reflect.DeepEqual(got, tt.want) {
				t.Errorf("Search(%q) = %v, want %v", tt.query, got, tt.want)
			}
		})
	}
	if err := f.v.Update(integrityCheck); err != nil {
		t.Errorf("search index integrity: %v", err)
	}
}

func hitKeys(hits []notes.Hit, ids map[string]string) []string {
	byID := map[string]string{}
	for k, v := range ids {
		byID[v] = k
	}
	var out []string
	for _, h := range hits {
		out = append(out, byID[h.NoteID])
	}
	return out
}

// TestSearchRankWindow: past 4,000 matches only the most recently written
// are ranked, unless a kind or date filter asks for the whole set.
func TestSearchRankWindow(t *testing.T) {
	f := newFixture(t)
	c := f.client(t, "Many Notes")
	text := func(s string) []notes.Section { return []notes.Section{{Name: "Note", Text: s}} }
	first, err := f.NewDraft(notes.Draft{ClientID: c.ID, Kind: notes.Intake, Session: notes.Session{Date: "2020-01-01"},
		Sections: text("ocean ocean ocean ocean")})
	if err != nil {
		t.Fatal(err)
	}
	var batch []notes.Draft
	for i := range 5000 {
		batch = append(batch, notes.Draft{ClientID: c.ID, Kind: notes.Progress, Session: notes.Session{Date: "2021-01-01"},
			Sections: text(fmt.Sprintf("ocean and a long sentence about other things, number %d", i))})
	}
	if _, err := f.NewDrafts(batch); err != nil {
		t.Fatal(err)
	}
	tests := []struct {
		name      string
		filter    notes.Filter
		wantFirst bool
	}{
		{"window: the oldest match is not ranked", notes.Filter{Limit: 5}, false},
		{"kind filter ranks every match", notes.Filter{Limit: 5, Kinds: []notes.Kind{notes.Intake, notes.Progress}}, true},
		{"date filter ranks every match", notes.Filter{Limit: 5, From: "2019-01-01"}, true},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			hits, err := f.Search("ocean", tt.filter)
			if err != nil || len(hits) != 5 {
				t.Fatalf("Search = %d hits, %v", len(hits), err)
			}
			if got := hits[0].NoteID == first.ID; got != tt.wantFirst {
				t.Errorf("best hit is the oldest note: %v, want %v", got, tt.wantFirst)
			}
		})
	}
}

func TestPlainQuery(t *testing.T) {
	tests := []struct{ in, want string }{
		{`road AND (`, `"road" "AND"`},
		{`say "hi"`, `"say" """hi"""`},
		{`  `, `""`},
		{`* - (`, `""`},
		{`don't`, `"don't"`},
	}
	for _, tt := range tests {
		if got := notes.PlainQuery(tt.in); got != tt.want {
			t.Errorf("PlainQuery(%q) = %s, want %s", tt.in, got, tt.want)
		}
	}
}

// As-you-type search: each word is the start of a word, and nothing the
// user types is FTS5 syntax.
func TestSearchPrefix(t *testing.T) {
	f, id := searchFixture(t)
	for _, tt := range []struct {
		name  string
		query string
		want  []string
	}{
		{"start of a word", "insom", []string{"a1", "a3", "b2", "a2"}},
		{"every word's start", "insom sea", []string{"a3"}},
		{"a client's name", "fro", []string{"b2", "b1"}},
		{"syntax is plain text", `road" (not AND`, []string{"b1"}}, // "and" is a word of b1
		{"a star and quotes", `"dre*`, []string{"a3"}},
		{"no word at all", `( - "`, nil},
		{"the middle of a word is not a start", "somnia", nil},
	} {
		t.Run(tt.name, func(t *testing.T) {
			hits, err := f.Search(tt.query, notes.Filter{Prefix: true})
			if err != nil {
				t.Fatal(err)
			}
			var got []string
			for _, h := range hits {
				for k, v := range id {
					if v == h.NoteID {
						got = append(got, k)
					}
				}
			}
			if !reflect.DeepEqual(got, tt.want) {
				t.Errorf("Search(%q, prefix) = %v, want %v", tt.query, got, tt.want)
			}
		})
	}
	if got := notes.PrefixQuery(`anxi "wor`); got != `"anxi"* """wor"*` {
		t.Errorf("PrefixQuery = %s", got)
	}
}
