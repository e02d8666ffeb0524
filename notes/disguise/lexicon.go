package disguise

import (
	"bufio"
	"bytes"
	"strconv"
	"strings"
	"sync"

	"github.com/confidenotes/confide/assets"
)

// lexicon holds the gazetteer lists, keyed by lower-case text. It is built
// once, on first use, from the embedded word lists (about 40 ms).
type lexicon struct {
	female, male map[string]int // first-name counts by sex (SSA)
	surnames     map[string]int
	wordRank     map[string]int // 1 = most frequent English word
	places       map[string]int // place or county name -> population
	states       map[string]string
	orgs         map[string]bool // hospitals, universities, companies (2+ words)
	orgs1        map[string]bool // one-word organisation names ("Walmart")
	maxPlaceLen  int             // words in the longest place name
	maxOrgLen    int
}

var (
	lexOnce sync.Once
	lex     *lexicon
)

func getLexicon() *lexicon {
	lexOnce.Do(func() { lex = loadLexicon() })
	return lex
}

func eachRow(file string, fn func(fields []string)) {
	data, err := assets.Gazetteer.ReadFile("gazetteer/" + file)
	if err != nil {
		panic("disguise: embedded gazetteer missing: " + file) // a build defect
	}
	sc := bufio.NewScanner(bytes.NewReader(data))
	sc.Scan() // header
	for sc.Scan() {
		fn(strings.Split(sc.Text(), "\t"))
	}
}

func atoi(s string) int {
	n, _ := strconv.Atoi(s)
	return n
}

func loadLexicon() *lexicon {
	l := &lexicon{
		female: make(map[string]int, 40000), male: make(map[string]int, 40000),
		surnames: make(map[string]int, 70000), wordRank: make(map[string]int, 10000),
		places: make(map[string]int, 20000), states: make(map[string]string, 120),
		orgs: make(map[string]bool, 20000), orgs1: make(map[string]bool, 2000),
	}
	eachRow("first_names.tsv", func(f []string) {
		if len(f) == 3 {
			k := strings.ToLower(f[0])
			l.female[k] += atoi(f[1])
			l.male[k] += atoi(f[2])
		}
	})
	eachRow("surnames.tsv", func(f []string) {
		if len(f) == 2 {
			l.surnames[strings.ToLower(f[0])] = atoi(f[1])
		}
	})
	n := 0
	eachRow("words.tsv", func(f []string) {
		n++
		if len(f) == 2 {
			l.wordRank[f[0]] = n
		}
	})
	eachRow("places.tsv", func(f []string) {
		if len(f) == 3 {
			k := strings.ReplaceAll(strings.ToLower(f[0]), ".", "")
			l.places[k] = max(l.places[k], atoi(f[2]))
			l.maxPlaceLen = max(l.maxPlaceLen, strings.Count(k, " ")+1)
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
	return l
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
	return l.wordRank[w] > 0
}

// isFirstName reports whether w (lower case) is an SSA first name.
func (l *lexicon) isFirstName(w string) bool {
	return l.female[w]+l.male[w] > 0
}

// femaleShare is the share of people with first name w recorded female,
// or -1 when the name is unknown.
func (l *lexicon) femaleShare(w string) float64 {
	f, m := l.female[w], l.male[w]
	if f+m == 0 {
		return -1
	}
	return float64(f) / float64(f+m)
}

// isSurname reports whether w (lower case) is a Census surname.
func (l *lexicon) isSurname(w string) bool {
	return l.surnames[w] > 0
}
