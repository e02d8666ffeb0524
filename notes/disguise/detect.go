package disguise

import (
	"strings"
	"unicode/utf8"

	"github.com/confidenotes/confide/notes/disguise/tagger"
)

// Detect finds the identifiers in text: every known identifier of the
// client and the people around them (known may be nil), the patterns of
// dates, numbers and addresses, and names, places and organisations from
// the gazetteer in context. Spans are sorted, non-overlapping, and carry
// byte offsets into text.
func Detect(text string, known *Known) []Span {
	return NewDetector(known).Detect(text)
}

// Detector finds identifiers for one client; build it once with
// NewDetector and use it for every note of that client. It is safe for
// concurrent use.
type Detector struct {
	known *knownIndex
	k     Known
}

// NewDetector prepares a detector for the known identifiers of one client
// (known may be nil).
func NewDetector(known *Known) *Detector {
	d := &Detector{known: newKnownIndex(known)}
	if known != nil {
		d.k = *known
	}
	return d
}

// chunkBytes bounds the text examined at once, and so the memory a huge
// text needs: a longer text is cut at a paragraph or line break (or, failing
// that, a space) and its parts detected one after another.
const chunkBytes = 256 << 10

// Detect finds the identifiers in text, as the package-level Detect does.
func (d *Detector) Detect(text string) []Span {
	if len(text) <= chunkBytes {
		return d.detect(text)
	}
	var out []Span
	for off := 0; off < len(text); {
		end := cutPoint(text, off)
		for _, s := range d.detect(text[off:end]) {
			s.Start += off
			s.End += off
			out = append(out, s)
		}
		off = end
	}
	return out
}

// cutPoint returns where the chunk starting at off should end.
func cutPoint(text string, off int) int {
	end := off + chunkBytes
	if end >= len(text) {
		return len(text)
	}
	window := text[off+chunkBytes/2 : end]
	for _, sep := range []string{"\n\n", "\n", " "} {
		if i := strings.LastIndex(window, sep); i >= 0 {
			return off + chunkBytes/2 + i + len(sep)
		}
	}
	for end > off && !utf8.RuneStart(text[end]) {
		end--
	}
	return end
}

func (d *Detector) detect(text string) []Span {
	if text == "" {
		return nil
	}
	l := getLexicon()
	tt := tagger.Tokenize(text)
	toks := tokensOf(text, tt)
	annotate(toks, l)
	var spans []Span
	add := func(s Span) { spans = append(spans, s) }
	d.known.match(text, toks, l, add)
	findPatterns(text, toks, add)
	findIDValues(text, toks, add)
	findSpoken(text, toks, add)
	findNames(toks, l, add)
	findPlacesAndOrgs(toks, l, add)
	spans = addLearned(text, tt, toks, spans)
	spans = normalize(text, spans)
	spans = refine(text, spans)
	d.assignSubjects(spans, l)
	return spans
}

// assignSubjects marks the spans not found from Known: a name that is one
// of the client's names is the client's; any other name is a third party's.
func (d *Detector) assignSubjects(spans []Span, l *lexicon) {
	for i := range spans {
		s := &spans[i]
		if s.Subject != SubjectUnknown {
			continue
		}
		if s.Category == Name {
			s.Subject = SubjectThirdParty
		}
	}
}
