package disguise

import (
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/confidenotes/confide/notes/disguise/tagger"
)

type tokenKind uint8

const (
	tokWord tokenKind = iota + 1
	tokNum
	tokPunct
)

// token is a word, a run of digits or one punctuation rune, with its byte
// offsets in the text.
type token struct {
	start, end int
	kind       tokenKind
	text       string
	lower      string
	cap        bool // first rune upper case
	allCaps    bool
	sentStart  bool // first word of a sentence, line or heading
	newline    bool // a line break lies between this token and the one before
	space      bool // white space lies between this token and the one before
	casing     casing
	flat       bool // its line is all capitals or all lower case: a capital tells nothing
	class      wordClass
	info       wordInfo // the gazetteer's entry (see annotate)
}

// titles that end in a period without ending a sentence.
var abbreviations = map[string]bool{
	"dr": true, "mr": true, "mrs": true, "ms": true, "mx": true, "prof": true,
	"st": true, "jr": true, "sr": true, "mt": true, "ft": true, "no": true,
	"vs": true, "etc": true, "e.g": true, "i.e": true, "apt": true, "ave": true,
}

// tokenize splits text into tokens. A possessive "'s" becomes its own
// token so that "Maria's" yields the name "Maria".
func tokenize(text string) []token {
	return tokensOf(text, tagger.Tokenize(text))
}

// tokensOf makes the detector's tokens from the tagger's, so that a text
// is cut into words once, the same way for the rules and the tagger.
func tokensOf(text string, tt []tagger.Token) []token {
	toks := make([]token, len(tt))
	for i, t := range tt {
		s := text[t.Start:t.End]
		switch t.Kind {
		case tagger.Word:
			toks[i] = makeWord(s, t.Start, t.End, tokWord)
		case tagger.Num:
			toks[i] = token{start: t.Start, end: t.End, kind: tokNum, text: s, lower: s}
		default:
			toks[i] = token{start: t.Start, end: t.End, kind: tokPunct, text: s, lower: s}
		}
		toks[i].space, toks[i].newline = t.Space, t.Newline
	}
	markSentences(toks)
	judgeCasing(toks)
	return toks
}

func makeWord(s string, start, end int, kind tokenKind) token {
	t := token{start: start, end: end, kind: kind, text: s, lower: lowerWord(s)}
	if c := s[0]; c < utf8.RuneSelf {
		t.cap = c >= 'A' && c <= 'Z'
	} else {
		r, _ := utf8.DecodeRuneInString(s)
		t.cap = unicode.IsUpper(r)
	}
	if t.cap {
		t.allCaps = len(s) > 1 && noLower(s) && utf8.RuneCountInString(s) > 1
	}
	return t
}

// noLower reports whether s has no lower-case letter (s == ToUpper(s)).
func noLower(s string) bool {
	for i := 0; i < len(s); i++ {
		c := s[i]
		if c >= utf8.RuneSelf {
			return s == strings.ToUpper(s)
		}
		if c >= 'a' && c <= 'z' {
			return false
		}
	}
	return true
}

// lowerWord lower-cases s, without allocating when it is already lower case.
func lowerWord(s string) string {
	for i := 0; i < len(s); i++ {
		c := s[i]
		if c >= 0x80 {
			return strings.ToLower(s)
		}
		if c >= 'A' && c <= 'Z' {
			return strings.ToLower(s)
		}
	}
	return s
}

func markSentences(toks []token) {
	for i := range toks {
		if toks[i].kind != tokWord {
			continue
		}
		j := i - 1
		for j >= 0 && toks[j].kind == tokPunct && strings.Contains("\"'“‘(*•", toks[j].text) && !toks[j+1].newline {
			j--
		}
		if j < 0 || toks[j+1].newline {
			toks[i].sentStart = true
			continue
		}
		p := toks[j]
		if p.kind != tokPunct {
			continue
		}
		switch p.text {
		case "!", "?", ":", ";", "-", "–", "—":
			toks[i].sentStart = p.text != "-" || toks[i].space
		case ".":
			if j > 0 && toks[j-1].kind == tokWord && (abbreviations[toks[j-1].lower] || len(toks[j-1].text) == 1) {
				continue
			}
			toks[i].sentStart = true
		}
	}
}

// nextWord returns the index of the next token after i, or -1.
func next(toks []token, i int) int {
	if i+1 < len(toks) {
		return i + 1
	}
	return -1
}

// prevWord returns the index of the nearest word token before i within the
// same line, skipping commas, or -1.
func prevWord(toks []token, i int) int {
	for j := i - 1; j >= 0; j-- {
		if toks[j+1].newline {
			return -1
		}
		if toks[j].kind == tokWord {
			return j
		}
		if toks[j].text != "," {
			return -1
		}
	}
	return -1
}
