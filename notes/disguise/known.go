package disguise

import (
	"strings"
	"time"
	"unicode"
)

// Known is what the vault knows about a client: every value here is found
// in a note in any form the note uses it (alone, possessive, all caps,
// initials, small misspellings of long names), and never slips through.
type Known struct {
	Names     []string  `json:"names,omitempty"`   // legal name, preferred name, nicknames
	Related   []Related `json:"related,omitempty"` // family, household, employer contacts...
	Members   []string  `json:"members,omitempty"` // other members of a couple, family or group
	Places    []string  `json:"places,omitempty"`
	Employer  string    `json:"employer,omitempty"`
	School    string    `json:"school,omitempty"`
	DOB       string    `json:"dob,omitempty"` // YYYY-MM-DD, or any form ParseDate reads
	Phones    []string  `json:"phones,omitempty"`
	Emails    []string  `json:"emails,omitempty"`
	Addresses []string  `json:"addresses,omitempty"`
}

// Related is a person related to the client, with the relation as the
// clinician writes it ("husband", "mother", "manager").
type Related struct {
	Name     string `json:"name"`
	Relation string `json:"relation,omitempty"`
}

// phrase is a known value as a sequence of normalised word tokens.
type phrase struct {
	words    []string
	category Category
	subject  Subject
	prefix   bool // an organisation: its first two words, or abbreviations of them, count too
}

// knownIndex is a Known prepared for matching one text or many.
type knownIndex struct {
	parts    map[string]phraseRef // single name parts, lower case
	shared   map[string][]string  // name parts of the client that a related person shares -> their relations
	acronyms map[string]phraseRef // "sihs" for Saint Ignatius High School
	words    map[string]bool      // every word that can start a known value, as written (see mayStart)
	fuzzy    []phraseRef          // long name parts for misspelling matches
	initials map[string]phraseRef // "mg" for Maria Garcia
	phrases  map[string][]phrase  // by first word
	phones   []phraseRef          // digits only
	emails   []phraseRef          // lower case
}

type phraseRef struct {
	text    string
	subject Subject
	cat     Category
}

var nameParticles = map[string]bool{
	"de": true, "la": true, "del": true, "da": true, "di": true, "van": true, "von": true,
	"le": true, "du": true, "der": true, "den": true, "el": true, "al": true, "bin": true,
	"jr": true, "sr": true, "ii": true, "iii": true, "iv": true, "mr": true, "mrs": true,
	"ms": true, "dr": true, "mx": true, "miss": true, "and": true, "the": true, "of": true,
}

func (k *Known) empty() bool {
	return k == nil || len(k.Names)+len(k.Related)+len(k.Members)+len(k.Places)+len(k.Phones)+
		len(k.Emails)+len(k.Addresses) == 0 && k.Employer == "" && k.School == "" && k.DOB == ""
}

func newKnownIndex(k *Known) *knownIndex {
	ix := &knownIndex{parts: map[string]phraseRef{}, shared: map[string][]string{}, acronyms: map[string]phraseRef{},
		initials: map[string]phraseRef{}, phrases: map[string][]phrase{}}
	if k.empty() {
		return ix
	}
	for _, n := range k.Names {
		ix.addName(n, SubjectClient)
	}
	for _, r := range k.Related {
		ix.addName(r.Name, SubjectThirdParty)
		// A relative who shares a name with the client ("Dana Smith", the
		// mother of Alex Smith) is told apart by the rest of the name, a
		// title or the relation.
		for _, w := range phraseWords(r.Name) {
			if ref, ok := ix.parts[w]; ok && ref.subject == SubjectClient && !nameParticles[w] && ix.isClientWord(k, w) {
				ix.shared[w] = append(ix.shared[w], strings.ToLower(r.Relation))
			}
		}
	}
	for _, n := range k.Members {
		ix.addName(n, SubjectThirdParty)
	}
	for _, p := range k.Places {
		ix.addPhrase(p, Location, SubjectClient)
	}
	ix.addOrg(k.Employer)
	ix.addOrg(k.School)
	for _, a := range k.Addresses {
		ix.addAddress(a)
	}
	for _, p := range k.Phones {
		if d := digitsOf(p); len(d) >= 7 {
			ix.phones = append(ix.phones, phraseRef{text: d[max(0, len(d)-10):], subject: SubjectClient, cat: Phone})
		} else if d != "" {
			ix.addPhrase(p, Phone, SubjectClient)
		}
	}
	for _, e := range k.Emails {
		e = strings.ToLower(strings.TrimSpace(e))
		if len(e) >= 3 {
			ix.emails = append(ix.emails, phraseRef{text: e, subject: SubjectClient, cat: Email})
			if local, _, ok := strings.Cut(e, "@"); ok && len(local) >= 4 {
				ix.emails = append(ix.emails, phraseRef{text: local, subject: SubjectClient, cat: Email})
			}
		}
	}
	if d, ok := ParseDate(k.DOB); ok {
		for _, form := range dateForms(d) {
			ix.addPhrase(form, Date, SubjectClient)
		}
	} else if strings.TrimSpace(k.DOB) != "" {
		ix.addPhrase(k.DOB, Date, SubjectClient)
	}
	ix.indexWords()
	return ix
}

// indexWords notes every word that can start a known value, in the forms a
// text may write it, so that matching skips the other words at once.
func (ix *knownIndex) indexWords() {
	ix.words = map[string]bool{}
	for w := range ix.parts {
		ix.words[w] = true
	}
	for w := range ix.acronyms {
		ix.words[w] = true
	}
	for w := range ix.phrases {
		ix.words[w] = true
	}
	for long, short := range streetAbbrev {
		if ix.words[short] {
			ix.words[long] = true
		}
	}
}

// isClientWord reports that w is a word of one of the client's own names.
func (ix *knownIndex) isClientWord(k *Known, w string) bool {
	for _, n := range k.Names {
		for _, x := range phraseWords(n) {
			if x == w {
				return true
			}
		}
	}
	return false
}

func (ix *knownIndex) addName(name string, subj Subject) {
	words := phraseWords(name)
	if len(words) == 0 {
		return
	}
	if len(words) > 1 {
		ix.addPhrase(name, Name, subj)
	}
	var ini strings.Builder
	var firsts []rune
	for _, w := range words {
		if nameParticles[w] {
			continue
		}
		r := []rune(w)
		ini.WriteRune(r[0])
		firsts = append(firsts, r[0])
		if len(r) < 2 {
			continue
		}
		ref := phraseRef{text: w, subject: subj, cat: Name}
		for _, key := range []string{w, foldAccents(w)} {
			if old, ok := ix.parts[key]; !ok || old.subject != SubjectClient {
				ix.parts[key] = ref
			}
		}
		if len(r) >= 5 {
			ix.fuzzy = append(ix.fuzzy, ref)
		}
	}
	ref := phraseRef{subject: subj, cat: Name}
	if len(firsts) >= 2 {
		ix.initials[ini.String()] = ref
		ix.initials[string([]rune{firsts[0], firsts[1]})] = ref
		ix.initials[string([]rune{firsts[0], firsts[len(firsts)-1]})] = ref
	}
}

func (ix *knownIndex) addOrg(name string) {
	if strings.TrimSpace(name) == "" {
		return
	}
	ix.addPhrase(name, Org, SubjectClient)
	core := orgCore(name)
	ix.addOrgPhrase(core)
	words := strings.Fields(strings.NewReplacer("/", " ", "–", " ", "—", " ", " - ", " ").Replace(core))
	// "Lincoln High School" is also written "Lincoln High" or "Lincoln".
	for len(words) > 1 && genericOrgWords[strings.ToLower(words[len(words)-1])] {
		words = words[:len(words)-1]
		ix.addOrgPhrase(strings.Join(words, " "))
	}
	if len(words) >= 1 && !getLexicon().isCommonWord(strings.ToLower(words[0])) && len(words[0]) >= 4 && !getLexicon().isFirstName(strings.ToLower(words[0])) {
		ix.addPhrase(words[0], Org, SubjectClient)
	}
	// Short forms notes use: "u of m", "wayne st", "jenks hs", "SIHS", "BU".
	lw := phraseWords(core)
	var short []string
	for _, w := range lw {
		switch w {
		case "school":
			if len(short) > 0 && (short[len(short)-1] == "high" || short[len(short)-1] == "middle" || short[len(short)-1] == "elementary") {
				short[len(short)-1] = map[string]string{"high": "hs", "middle": "ms", "elementary": "elem"}[short[len(short)-1]]
				continue
			}
		case "state":
			w = "st"
		case "university":
			w = "u"
		}
		short = append(short, w)
	}
	if s := strings.Join(short, " "); s != strings.Join(lw, " ") {
		ix.addOrgPhrase(s)
	}
	if len(lw) >= 3 && lw[0] == "university" && lw[1] == "of" {
		ix.addOrgPhrase("u of " + lw[2])
		ix.addOrgPhrase("u of " + lw[2][:1])
		ix.addOrgPhrase("univ of " + lw[2])
	}
	var acro strings.Builder
	n := 0
	for _, w := range lw {
		if w == "of" || w == "the" || w == "and" || w == "at" {
			continue
		}
		r := []rune(w)
		acro.WriteRune(r[0])
		n++
	}
	if n >= 2 && acro.Len() >= 2 {
		ix.acronyms[acro.String()] = phraseRef{text: acro.String(), subject: SubjectClient, cat: Org}
	}
}

// addOrgPhrase adds an organisation's name whose first words alone, or
// their abbreviations ("piedmont atl"), also count.
func (ix *knownIndex) addOrgPhrase(s string) {
	words := phraseWords(s)
	if len(words) == 0 || len(words) == 1 && (len(words[0]) < 2 || nameParticles[words[0]]) {
		return
	}
	ix.phrases[words[0]] = append(ix.phrases[words[0]], phrase{words: words, category: Org, subject: SubjectClient, prefix: len(words) >= 3})
}

var genericOrgWords = map[string]bool{
	"school": true, "high": true, "middle": true, "elementary": true, "academy": true,
	"university": true, "college": true, "hospital": true, "inc": true, "llc": true,
	"company": true, "corporation": true, "group": true, "center": true, "centre": true,
	"clinic": true, "institute": true, "services": true, "solutions": true, "market": true, "store": true,
	"stores": true, "co": true, "corp": true, "ltd": true, "plant": true, "campus": true, "fire": true,
}

func (ix *knownIndex) addAddress(a string) {
	ix.addPhrase(a, Location, SubjectClient)
	for _, part := range strings.FieldsFunc(a, func(r rune) bool { return r == ',' || r == '\n' }) {
		part = strings.TrimSpace(part)
		ix.addPhrase(part, Location, SubjectClient)
		// "12 Oak Street" is also written "Oak Street".
		if f := strings.Fields(part); len(f) >= 3 && isDigits(f[0]) {
			ix.addPhrase(strings.Join(f[1:], " "), Location, SubjectClient)
		}
	}
}

func (ix *knownIndex) addPhrase(s string, c Category, subj Subject) {
	words := phraseWords(s)
	if len(words) == 0 {
		return
	}
	if len(words) == 1 && (len(words[0]) < 2 || nameParticles[words[0]]) {
		return
	}
	ix.phrases[words[0]] = append(ix.phrases[words[0]], phrase{words: words, category: c, subject: subj})
}

var streetAbbrev = map[string]string{
	"street": "st", "avenue": "ave", "road": "rd", "boulevard": "blvd", "lane": "ln",
	"drive": "dr", "court": "ct", "place": "pl", "terrace": "ter", "circle": "cir",
	"parkway": "pkwy", "highway": "hwy", "apartment": "apt", "suite": "ste",
	"north": "n", "south": "s", "east": "e", "west": "w", "saint": "st", "northwest": "nw",
	"northeast": "ne", "southwest": "sw", "southeast": "se", "route": "rte", "mount": "mt", "fort": "ft",
}

// normWord folds the spellings of one word a note may use.
func normWord(w string) string {
	if a, ok := streetAbbrev[w]; ok {
		return a
	}
	return w
}

// phraseWords splits s into normalised word and number tokens.
func phraseWords(s string) []string {
	var out []string
	for _, f := range strings.FieldsFunc(strings.ToLower(s), func(r rune) bool {
		return !unicode.IsLetter(r) && !unicode.IsDigit(r) && !unicode.IsMark(r) && r != '\'' && r != '’'
	}) {
		f = strings.Trim(f, "'’")
		f = strings.TrimSuffix(strings.TrimSuffix(f, "'s"), "’s")
		if f != "" {
			out = append(out, normWord(f))
		}
	}
	return out
}

func digitsOf(s string) string {
	var b strings.Builder
	for _, r := range s {
		if r >= '0' && r <= '9' {
			b.WriteRune(r)
		}
	}
	return b.String()
}

func isDigits(s string) bool {
	if s == "" {
		return false
	}
	for _, r := range s {
		if r < '0' || r > '9' {
			return false
		}
	}
	return true
}

// dateForms lists the ways a note may write date d.
func dateForms(d time.Time) []string {
	return []string{
		d.Format("1/2/2006"), d.Format("01/02/2006"), d.Format("1/2/06"), d.Format("01/02/06"),
		d.Format("2006-01-02"), d.Format("1-2-2006"), d.Format("01-02-2006"), d.Format("1.2.2006"),
		d.Format("January 2, 2006"), d.Format("Jan 2, 2006"), d.Format("2 January 2006"),
		d.Format("2 Jan 2006"),
	}
}
