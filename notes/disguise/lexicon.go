package disguise

import (
	"strconv"
	"strings"
	"sync"

	"github.com/confidenotes/confide/assets"
)

// lexicon holds the gazetteer lists, keyed by lower-case text. It is built
// once, on first use, from the embedded word lists (about 40 ms).
type lexicon struct {
	info        map[string]wordInfo // first names, surnames and common words
	places      map[string]int      // place or county name -> population
	states      map[string]string
	orgs        map[string]bool // hospitals, universities, companies (2+ words)
	orgs1       map[string]bool // one-word organisation names ("Walmart")
	maxPlaceLen int             // words in the longest place name
	maxOrgLen   int
	placeLen    map[string]int // first word of a place name -> most words of one
	orgLen      map[string]int // first word of a listed organisation (2+ words) -> most words
	words       *wordTable     // info, word classes, placeLen, orgLen and orgs1 by word, for lookups
	classesOnce sync.Once
}

// wordInfo is what the lists say of one lower-case word.
type wordInfo struct {
	first   int32 // births with this first name (female + male)
	female  int32 // of which female
	surname int32 // people with this surname
	rank    int32 // rank in the word-frequency list, 0 if absent
}

// worldCity is the population a city abroad is given: enough to count
// after "in" or "from", too little to count on its own.
const worldCity = 15000

var (
	lexOnce sync.Once
	lex     *lexicon
)

func getLexicon() *lexicon {
	lexOnce.Do(func() {
		lex = loadLexicon()
		lex.withClasses()
	})
	return lex
}

// eachRow calls fn with the tab-separated fields of every row of an
// embedded list after its header; fields is reused between calls.
func eachRow(file string, fn func(fields []string)) {
	data, err := assets.Gazetteer.ReadFile("gazetteer/" + file)
	if err != nil {
		panic("disguise: embedded gazetteer missing: " + file) // a build defect
	}
	text := string(data)
	_, text, _ = strings.Cut(text, "\n") // header
	fields := make([]string, 0, 8)
	for text != "" {
		var line string
		line, text, _ = strings.Cut(text, "\n")
		fields = fields[:0]
		for {
			f, rest, ok := strings.Cut(line, "\t")
			fields = append(fields, f)
			if !ok {
				break
			}
			line = rest
		}
		fn(fields)
	}
}

func atoi(s string) int32 {
	n, _ := strconv.Atoi(s)
	return int32(min(n, 1<<30))
}

func loadLexicon() *lexicon {
	l := &lexicon{
		info:   make(map[string]wordInfo, 120000),
		places: make(map[string]int, 20000), states: make(map[string]string, 120),
		orgs: make(map[string]bool, 20000), orgs1: make(map[string]bool, 2000),
	}
	eachRow("first_names.tsv", func(f []string) {
		if len(f) == 3 {
			k := strings.ToLower(f[0])
			w := l.info[k]
			w.female += atoi(f[1])
			w.first += atoi(f[1]) + atoi(f[2])
			l.info[k] = w
		}
	})
	eachRow("surnames.tsv", func(f []string) {
		if len(f) == 2 {
			k := strings.ToLower(f[0])
			w := l.info[k]
			w.surname = atoi(f[1])
			l.info[k] = w
		}
	})
	var n int32
	eachRow("words.tsv", func(f []string) {
		n++
		if len(f) == 2 {
			w := l.info[f[0]]
			w.rank = n
			l.info[f[0]] = w
		}
	})
	eachRow("places.tsv", func(f []string) {
		if len(f) == 3 {
			k := strings.ReplaceAll(strings.ToLower(f[0]), ".", "")
			pop := int(atoi(f[2]))
			l.places[k] = max(l.places[k], pop)
			l.maxPlaceLen = max(l.maxPlaceLen, strings.Count(k, " ")+1)
			// "Braintree Town", "Weymouth Town": the name as written.
			for _, suf := range []string{" town", " city", " village", " borough", " township"} {
				if short, ok := strings.CutSuffix(k, suf); ok && short != "" {
					l.places[short] = max(l.places[short], pop)
				}
			}
		}
	})
	// Cities abroad (GeoNames, 15,000 people or more) that no US list
	// holds; their population is not kept, so they count as places only
	// after a word of place.
	eachRow("world_cities.tsv", func(f []string) {
		k := strings.ToLower(f[0])
		if _, ok := l.places[k]; !ok && len(f) == 2 {
			l.places[k] = worldCity
			l.maxPlaceLen = max(l.maxPlaceLen, strings.Count(k, " ")+1)
			if a := foldAccents(k); a != k {
				l.places[a] = worldCity
			}
		}
	})
	eachRow("states.tsv", func(f []string) {
		if len(f) == 5 {
			l.states[strings.ToLower(f[0])] = f[1]
			l.states[strings.ToLower(f[1])] = f[1]
		}
	})
	addOrg := func(f []string) {
		k := strings.ToLower(orgCore(f[0]))
		if w := strings.Count(k, " ") + 1; w == 1 && len(k) >= 3 {
			l.orgs1[k] = true
		} else if w >= 2 && w <= 8 {
			l.orgs[k] = true
			l.maxOrgLen = max(l.maxOrgLen, w)
		}
	}
	eachRow("hospitals.tsv", addOrg)
	eachRow("universities.tsv", addOrg)
	eachRow("companies.tsv", addOrg)
	l.placeLen = firstWordLens(l.places)
	l.orgLen = firstWordLens(l.orgs)
	l.buildWords()
	return l
}

// firstWordLens maps the first word of every key to the most words of a
// key that starts with it, so that a lookup of word sequences can skip the
// words that begin none.
func firstWordLens[V any](m map[string]V) map[string]int {
	out := make(map[string]int, len(m))
	for k := range m {
		first, _, _ := strings.Cut(k, " ")
		out[first] = max(out[first], strings.Count(k, " ")+1)
	}
	return out
}

// orgCore strips punctuation and corporate suffixes from an organisation
// name, so "Acme Widgets, Inc." becomes "Acme Widgets".
func orgCore(name string) string {
	fields := strings.FieldsFunc(name, func(r rune) bool {
		return r == ' ' || r == ',' || r == '.' || r == '\'' || r == '’' || r == '/' || r == '&' || r == '(' || r == ')'
	})
	for len(fields) > 1 {
		switch strings.ToLower(fields[len(fields)-1]) {
		case "inc", "corp", "corporation", "co", "llc", "ltd", "plc", "lp", "the", "sa", "nv", "ag", "holdings", "group":
			fields = fields[:len(fields)-1]
			continue
		}
		break
	}
	return strings.Join(fields, " ")
}

// isCommonWord reports whether w (lower case) is among the most frequent
// English words, which tells "will" or "hope" from a name.
func (l *lexicon) isCommonWord(w string) bool {
	return l.word(w).info.rank > 0
}

// isFirstName reports whether w (lower case) is an SSA first name.
func (l *lexicon) isFirstName(w string) bool {
	return l.name(w).first > 0
}

// name looks w up, without its accents when it has any: the SSA and
// Census lists are written without them ("Jose", "Martinez").
func (l *lexicon) name(w string) wordInfo {
	return l.nameOf(w, l.word(w))
}

// nameOf is name for a word whose entry e was looked up already.
func (l *lexicon) nameOf(w string, e *wordEntry) wordInfo {
	if e.flags&inInfo == 0 {
		if f := foldAccents(w); f != w {
			return l.word(f).info
		}
	}
	return e.info
}

// placeLenOf is the most words of a listed place that w starts, or 0.
func (l *lexicon) placeLenOf(w string) int { return int(l.word(w).plen) }

// orgLenOf is the most words of a listed organisation of two words or
// more that w starts, or 0.
func (l *lexicon) orgLenOf(w string) int { return int(l.word(w).olen) }

// isOrg1 reports a listed one-word organisation.
func (l *lexicon) isOrg1(w string) bool { return l.word(w).flags&isOrg1 != 0 }

// firstCount is the number of births recorded with first name w.
func (l *lexicon) firstCount(w string) int {
	return int(l.name(w).first)
}

// femaleShare is the share of people with first name w recorded female,
// or -1 when the name is unknown.
func (l *lexicon) femaleShare(w string) float64 {
	i := l.word(w).info
	if i.first == 0 {
		return -1
	}
	return float64(i.female) / float64(i.first)
}

// isSurname reports whether w (lower case) is a Census surname.
func (l *lexicon) isSurname(w string) bool {
	return l.name(w).surname > 0
}
