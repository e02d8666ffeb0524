package notes

import (
	"database/sql"
	"errors"
	"strings"
	"unicode"

	"github.com/confidenotes/confide/vault"
)

// Marks around the matched words in Hit.Snippet.
const (
	MarkOpen  = "«"
	MarkClose = "»"
)

// Filter narrows a search. The zero value searches everything.
type Filter struct {
	ClientID string
	Kinds    []Kind
	From, To string // session dates, YYYY-MM-DD, inclusive; "" for open
	Limit    int    // at most this many hits; 0 means 50
	// Prefix searches each word of the query as the start of a word, as
	// one types ("anxi" finds "anxiety"); the query is then plain words,
	// never FTS5 syntax (see PrefixQuery).
	Prefix bool
}

// Hit is one note found by Search, best first.
type Hit struct {
	NoteID     string  `json:"note_id"`
	ClientID   string  `json:"client_id"`
	ClientName string  `json:"client_name"`
	ParentID   string  `json:"parent_id,omitempty"` // the signed note an addendum belongs to
	Kind       Kind    `json:"kind"`
	Date       string  `json:"date"`
	Signed     bool    `json:"signed"`
	Snippet    string  `json:"snippet"` // matched words between MarkOpen and MarkClose
	Score      float64 `json:"score"`   // bm25: lower is better
}

// Search finds notes whose text or client's name matches query, ranked by
// bm25 (text counts twice a name), with a highlighted snippet. The query
// may use FTS5 syntax ("exact phrase", OR, NOT, prefix*); a query that is
// not valid FTS5 is searched as plain words, each quoted, never an error.
// An empty query finds nothing. A query that matches more than 4,000 notes
// (a word in nearly every note) ranks the 4,000 written last, which keeps
// search within 20 ms on a 25,000-note vault.
func (s *Store) Search(query string, f Filter) ([]Hit, error) {
	if strings.TrimSpace(query) == "" {
		return nil, nil
	}
	if err := checkDate("from date", f.From); err != nil {
		return nil, err
	}
	if err := checkDate("to date", f.To); err != nil {
		return nil, err
	}
	if f.Prefix {
		query = PrefixQuery(query)
	}
	var hits []Hit
	err := s.v.Read(func(q vault.Querier) error {
		var err error
		hits, err = search(q, query, f)
		if err != nil && isSyntaxError(err) {
			hits, err = search(q, PlainQuery(query), f)
		}
		return err
	})
	return hits, err
}

// PlainQuery turns text into an FTS5 query matching its words as words:
// each whitespace-separated token is quoted, so no character is syntax.
// Tokens without a letter or digit ("(", "-") are dropped: they hold no
// word to find.
func PlainQuery(text string) string {
	var parts []string
	for _, tok := range strings.Fields(text) {
		if strings.IndexFunc(tok, func(r rune) bool { return unicode.IsLetter(r) || unicode.IsDigit(r) }) < 0 {
			continue
		}
		parts = append(parts, `"`+strings.ReplaceAll(tok, `"`, `""`)+`"`)
	}
	if len(parts) == 0 {
		return `""`
	}
	return strings.Join(parts, " ")
}

// PrefixQuery turns text into an FTS5 query matching each of its words as
// the start of a word: every token quoted, so no character is syntax, and
// followed by *. "anxi wor" finds "anxiety at work". Tokens without a
// letter or digit are dropped.
func PrefixQuery(text string) string {
	var parts []string
	for _, tok := range strings.Fields(text) {
		if strings.IndexFunc(tok, func(r rune) bool { return unicode.IsLetter(r) || unicode.IsDigit(r) }) < 0 {
			continue
		}
		parts = append(parts, `"`+strings.ReplaceAll(tok, `"`, `""`)+`"*`)
	}
	if len(parts) == 0 {
		return `""`
	}
	return strings.Join(parts, " ")
}

// isSyntaxError tells an FTS5 query error from a failure of the database.
func isSyntaxError(err error) bool {
	msg := err.Error()
	for _, s := range []string{"fts5:", "syntax error", "no such column", "unterminated", "unknown special query"} {
		if strings.Contains(msg, s) {
			return true
		}
	}
	return false
}

// rankWindow bounds how many matches bm25 ranks. bm25 costs about half a
// microsecond a match, so a word found in nearly every one of 25,000 notes
// would take 15 ms to rank alone; past the window only the most recently
// written matches are ranked.
const rankWindow = 4000

func search(q vault.Querier, query string, f Filter) ([]Hit, error) {
	limit := f.Limit
	if limit <= 0 {
		limit = 50
	}
	kinds := make([]string, len(f.Kinds))
	for i, k := range f.Kinds {
		kinds[i] = string(k)
	}
	// The user's query searches the text and the name columns; a client
	// filter is a token of the index too, so FTS5 intersects posting lists.
	// The same filters in SQL below keep the result right whatever the
	// query's syntax does to the combination.
	match := "{body client} : (" + query + ")"
	if key, ok := strings.CutPrefix(f.ClientID, "c-"); ok && key != "" {
		match += ` AND client_key : "` + strings.ReplaceAll(key, `"`, `""`) + `"`
	}
	minRow := int64(0)
	if len(kinds) == 0 && f.From == "" && f.To == "" {
		// The rowid of the rankWindow-th newest match, if there are that many.
		err := q.QueryRow("SELECT rowid FROM note_search WHERE note_search MATCH ? ORDER BY rowid DESC LIMIT 1 OFFSET ?",
			match, rankWindow-1).Scan(&minRow)
		if err != nil && !errors.Is(err, sql.ErrNoRows) {
			return nil, err
		}
	}
	// The FTS table drives the loop in rank order, so snippets are made
	// only for the hits returned.
	rows, err := q.Query(`SELECT n.id, n.client_id, c.name, coalesce(n.parent_id, ''), n.kind, n.session_date, n.signed_at IS NOT NULL,
			snippet(note_search, -1, ?2, ?3, '…', 16), rank
		FROM note_search
		JOIN notes n ON n.seq = note_search.rowid
		JOIN clients c ON c.id = n.client_id
		WHERE note_search MATCH ?1 AND note_search.rowid >= ?9
			AND (?4 = '' OR n.client_id = ?4)
			AND (?5 = '' OR n.session_date >= ?5)
			AND (?6 = '' OR n.session_date <= ?6)
			AND (?7 = '' OR instr(?7, ',' || n.kind || ',') > 0)
		ORDER BY rank LIMIT ?8`,
		match, MarkOpen, MarkClose, f.ClientID, f.From, f.To, kindSet(kinds), limit, minRow)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var hits []Hit
	for rows.Next() {
		var h Hit
		if err := rows.Scan(&h.NoteID, &h.ClientID, &h.ClientName, &h.ParentID, &h.Kind, &h.Date, &h.Signed, &h.Snippet, &h.Score); err != nil {
			return nil, err
		}
		hits = append(hits, h)
	}
	return hits, rows.Err()
}

func kindSet(kinds []string) string {
	if len(kinds) == 0 {
		return ""
	}
	return "," + strings.Join(kinds, ",") + ","
}
