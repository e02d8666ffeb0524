package disguise

import (
	"strings"
	"unicode"
	"unicode/utf8"
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
	toks := make([]token, 0, len(text)/4)
	i := 0
	space, newline := false, false
	for i < len(text) {
		r, size := utf8.DecodeRuneInString(text[i:])
		switch {
		case unicode.IsSpace(r):
			space = true
			if r == '\n' || r == '\r' {
				newline = true
			}
			i += size
			continue
		case unicode.IsLetter(r) || unicode.IsMark(r):
			j := i + size
			for j < len(text) {
				r2, s2 := utf8.DecodeRuneInString(text[j:])
				if unicode.IsLetter(r2) || unicode.IsMark(r2) {
					j += s2
					continue
				}
				if r2 == '\'' || r2 == '’' {
					r3, s3 := utf8.DecodeRuneInString(text[j+s2:])
					if !unicode.IsLetter(r3) {
						break
					}
					if (r3 == 's' || r3 == 'S') && !isLetterAt(text, j+s2+s3) {
						break // possessive
					}
					j += s2 + s3
					continue
				}
				break
			}
			toks = append(toks, makeWord(text[i:j], i, j, tokWord))
			i = j
		case r < utf8.RuneSelf && r >= '0' && r <= '9':
			j := i + 1
			for j < len(text) && text[j] >= '0' && text[j] <= '9' {
				j++
			}
			toks = append(toks, token{start: i, end: j, kind: tokNum, text: text[i:j], lower: text[i:j]})
			i = j
		default:
			s := text[i : i+size]
			toks = append(toks, token{start: i, end: i + size, kind: tokPunct, text: s, lower: s})
			i += size
		}
		t := &toks[len(toks)-1]
		t.space, t.newline = space, newline
		space, newline = false, false
	}
	markSentences(toks)
	judgeCasing(toks)
	return toks
}

func isLetterAt(text string, i int) bool {
	if i >= len(text) {
		return false
	}
	r, _ := utf8.DecodeRuneInString(text[i:])
	return unicode.IsLetter(r)
}

func makeWord(s string, start, end int, kind tokenKind) token {
	t := token{start: start, end: end, kind: kind, text: s, lower: lowerWord(s)}
	r, _ := utf8.DecodeRuneInString(s)
	t.cap = unicode.IsUpper(r)
	if t.cap {
		t.allCaps = s == strings.ToUpper(s) && utf8.RuneCountInString(s) > 1
	}
	return t
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
