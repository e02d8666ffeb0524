package disguise

import (
	"strings"
	"unicode"
	"unicode/utf8"
)

// Change is one replacement made by Apply: the byte range of the original
// text it replaced, what was there and what is there now.
type Change struct {
	Start       int      `json:"start"`
	End         int      `json:"end"`
	Category    Category `json:"category"`
	Subject     Subject  `json:"subject,omitempty"`
	Original    string   `json:"original"`
	Replacement string   `json:"replacement"`
}

// Result is a disguised text and every change made to get it, so that the
// clinician can review each change beside the original and undo it.
type Result struct {
	Text    string   `json:"text"`
	Changes []Change `json:"changes"`
}

// Disguise detects the identifiers in text (with known, which may be nil)
// and applies the mapping's profile to them.
func (m *Mapping) Disguise(text string, known *Known) Result {
	m.Avoid(known)
	return m.Apply(text, Detect(text, known))
}

// Apply transforms the given spans of text by the mapping's profile; the
// spans may come from Detect and then be edited by the clinician. Spans
// that overlap an earlier one or fall outside the text are ignored. New
// pseudonyms are recorded in the mapping.
func (m *Mapping) Apply(text string, spans []Span) Result {
	var b strings.Builder
	b.Grow(len(text) + len(text)/8)
	res := Result{Changes: make([]Change, 0, len(spans))}
	for _, s := range spans {
		if s.Category == Name && s.Start >= 0 && s.Start < s.End && s.End <= len(text) {
			m.avoidWords(text[s.Start:s.End]) // no pseudonym may be a name the text holds
		}
	}
	pos := 0
	for _, s := range spans {
		if s.Start < pos || s.End > len(text) || s.Start >= s.End {
			continue
		}
		orig := text[s.Start:s.End]
		if a := strings.ToLower(strings.Trim(orig, ".,;: ")); s.Category == Name && len(a) >= 2 && clinicalAbbrev[a] {
			continue // "Pt", "CT", "MS": never replaced, whoever marked them
		}
		repl, keep := m.replacement(text, s, orig)
		if keep || repl == orig {
			continue
		}
		start := s.Start
		// "a 34-year-old" -> "an early-30s": fix the article before.
		if startsWithVowelSound(repl) && start >= 2 && text[start-1] == ' ' && (text[start-2] == 'a' || text[start-2] == 'A') &&
			(start == 2 || !isWordByte(text[start-3])) && start-2 >= pos {
			start -= 2
			repl = text[start:start+1] + "n " + repl
			orig = text[start:s.End]
		}
		if atSentenceStart(text, start) {
			repl = upperFirst(repl)
		}
		b.WriteString(text[pos:start])
		b.WriteString(repl)
		res.Changes = append(res.Changes, Change{Start: start, End: s.End, Category: s.Category, Subject: s.Subject, Original: orig, Replacement: repl})
		pos = s.End
	}
	b.WriteString(text[pos:])
	res.Text = b.String()
	return res
}

func startsWithVowelSound(s string) bool {
	return strings.HasPrefix(s, "early") || strings.HasPrefix(s, "8") || strings.HasPrefix(s, "18") || strings.HasPrefix(s, "11")
}

// atSentenceStart reports whether byte i begins a sentence or a line.
func atSentenceStart(text string, i int) bool {
	j := i
	for j > 0 && (text[j-1] == ' ' || text[j-1] == '\t' || text[j-1] == '"' || text[j-1] == '(') {
		j--
	}
	if j == 0 {
		return true
	}
	c := text[j-1]
	return c == '\n' || (c == '.' || c == '!' || c == '?') && j < i
}

func upperFirst(s string) string {
	r, n := utf8.DecodeRuneInString(s)
	if r == '[' || !unicode.IsLower(r) {
		return s
	}
	return string(unicode.ToUpper(r)) + s[n:]
}
