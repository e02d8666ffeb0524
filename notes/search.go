package notes

import (
	"database/sql"
	"errors"
	"strings"
	"unicode"
	"unicode/utf8"

	"golang.org/x/text/unicode/norm"

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
	// only for the hits returned. FTS5's snippet() weighs every window
	// against every match, and its highlight() copies its whole output at
	// every mark: both grow with the square of a note's matches (a 1 MB
	// note took 15 s). A note longer than snippetBytes is returned whole
	// instead, and its snippet made here, in one pass (longSnippet).
	rows, err := q.Query(`SELECT n.id, n.client_id, c.name, coalesce(n.parent_id, ''), n.kind, n.session_date, n.signed_at IS NOT NULL,
			CASE WHEN length(n.body) <= ?10 THEN snippet(note_search, -1, ?2, ?3, '…', 16) ELSE n.body END, rank
		FROM note_search
		JOIN notes n ON n.seq = note_search.rowid
		JOIN clients c ON c.id = n.client_id
		WHERE note_search MATCH ?1 AND note_search.rowid >= ?9
			AND (?4 = '' OR n.client_id = ?4)
			AND (?5 = '' OR n.session_date >= ?5)
			AND (?6 = '' OR n.session_date <= ?6)
			AND (?7 = '' OR instr(?7, ',' || n.kind || ',') > 0)
		ORDER BY rank LIMIT ?8`,
		match, MarkOpen, MarkClose, f.ClientID, f.From, f.To, kindSet(kinds), limit, minRow, snippetBytes)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var hits []Hit
	var terms []queryTerm
	for rows.Next() {
		var h Hit
		if err := rows.Scan(&h.NoteID, &h.ClientID, &h.ClientName, &h.ParentID, &h.Kind, &h.Date, &h.Signed, &h.Snippet, &h.Score); err != nil {
			return nil, err
		}
		if len(h.Snippet) > snippetBytes {
			if terms == nil {
				terms = queryTerms(query)
			}
			h.Snippet = longSnippet(h.Snippet, h.ClientName, terms)
		}
		hits = append(hits, h)
	}
	return hits, rows.Err()
}

// snippetBytes is the note size past which a snippet is made by
// longSnippet rather than by FTS5's snippet().
const snippetBytes = 64 << 10

// queryTerm is a word of a query, as FTS5 matches it: folded (lower case,
// no diacritics), and a prefix when the query wrote it with a "*".
type queryTerm struct {
	text   string
	prefix bool
}

// queryTerms returns the words of an FTS5 query, without its operators
// and column filters: what longSnippet marks.
func queryTerms(query string) []queryTerm {
	var out []queryTerm
	// A quoted prefix term ("anxi"*, as PrefixQuery writes it) is a prefix.
	query = strings.ReplaceAll(query, `"*`, `*"`)
	words := strings.FieldsFunc(query, func(r rune) bool { return !isTokenRune(r) && r != '*' && r != ':' })
	for _, w := range words {
		if strings.HasSuffix(w, ":") || w == "AND" || w == "OR" || w == "NOT" || w == "NEAR" {
			continue
		}
		if _, after, ok := strings.Cut(w, ":"); ok {
			w = after
		}
		t := queryTerm{prefix: strings.HasSuffix(w, "*")}
		t.text = foldToken(strings.Trim(w, "*:"))
		if t.text != "" {
			out = append(out, t)
		}
	}
	return out
}

func isTokenRune(r rune) bool {
	return unicode.IsLetter(r) || unicode.IsDigit(r) || unicode.Is(unicode.Mn, r)
}

// foldToken is a token as FTS5's unicode61 tokenizer with
// remove_diacritics compares it: lower case, combining marks removed.
func foldToken(s string) string {
	ascii := true
	for i := 0; i < len(s); i++ {
		if s[i] >= 0x80 {
			ascii = false
			break
		}
	}
	if ascii {
		return strings.ToLower(s)
	}
	var b strings.Builder
	for _, r := range norm.NFD.String(s) {
		if !unicode.Is(unicode.Mn, r) {
			b.WriteRune(unicode.ToLower(r))
		}
	}
	return b.String()
}

func (t queryTerm) matches(folded string) bool {
	if t.prefix {
		return strings.HasPrefix(folded, t.text)
	}
	return folded == t.text
}

// longSnippet makes a long note's snippet in one pass: about 16 words
// around the first word that matches the query, the matches marked. When
// no word of the body matches (the client's name did), the name is the
// snippet.
func longSnippet(body, name string, terms []queryTerm) string {
	type token struct {
		start, end int
		match      bool
	}
	var toks []token
	first := -1
	for i := 0; i < len(body); {
		r, size := utf8.DecodeRuneInString(body[i:])
		if !isTokenRune(r) {
			i += size
			continue
		}
		j := i + size
		for j < len(body) {
			r, size := utf8.DecodeRuneInString(body[j:])
			if !isTokenRune(r) {
				break
			}
			j += size
		}
		t := token{start: i, end: j}
		if first < 0 || len(toks) < first+16 {
			f := foldToken(body[i:j])
			for _, q := range terms {
				t.match = t.match || q.matches(f)
			}
		}
		toks = append(toks, t)
		if t.match && first < 0 {
			first = len(toks) - 1
		}
		if first >= 0 && len(toks) >= first+16 {
			break
		}
		i = j
	}
	if first < 0 {
		return name
	}
	from := max(0, first-5)
	to := min(len(toks), from+16)
	var b strings.Builder
	if from > 0 {
		b.WriteString("…")
	}
	pos := toks[from].start
	for _, t := range toks[from:to] {
		b.WriteString(body[pos:t.start])
		if t.match {
			b.WriteString(MarkOpen + body[t.start:t.end] + MarkClose)
		} else {
			b.WriteString(body[t.start:t.end])
		}
		pos = t.end
	}
	if pos < len(body) {
		b.WriteString("…")
	}
	return b.String()
}

func kindSet(kinds []string) string {
	if len(kinds) == 0 {
		return ""
	}
	return "," + strings.Join(kinds, ",") + ","
}
