package disguise

import (
	"math"
	"slices"
	"strings"
	"sync"
	"unicode"

	"github.com/confidenotes/confide/notes/disguise/tagger"
)

// DetectorModel names spans found by the learned tagger.
const DetectorModel = "model"

// learnedMinMargin is the least margin (the tagger's preference for an
// entity over none, in its score units) at which a tagger entity becomes
// a span. It was chosen on the held-out splits of the tagger's training
// corpora (assets/detector/FIGURES.md), never on the development notes.
const learnedMinMargin = 1.0

// addLearned adds the tagger's people, places and organisations to the
// rules' candidate spans. The two are combined by union, with the rules
// keeping what they own: a tagger entity that overlaps a structured
// identifier the patterns found (a date, phone, email, URL, ID, age) is
// left to the patterns, since a name-shaped guess inside "Jan 3" or an
// email address adds no recall and loses precision. Everything else is
// added, and normalize merges overlaps, the more trusted or longer span
// deciding the category.
func addLearned(text string, tt []tagger.Token, toks []token, spans []Span) []Span {
	m, err := tagger.Default()
	if err != nil {
		return spans // a build defect the tagger's tests catch; the rules still run
	}
	structured := len(spans)
	for _, e := range m.TagTokens(text, tt) {
		e = trimStopWords(toks, e)
		if e.Start >= e.End || !entityShaped(tt, e) || e.Margin < learnedMinMargin || overlapsStructured(spans[:structured], e.Start, e.End) || notAnEntity(text, e) || usedAsWord(toks, e) {
			continue
		}
		spans = append(spans, Span{
			Start: e.Start, End: e.End, Category: categoryOf(e.Kind),
			Detector: DetectorModel, Confidence: marginConfidence(e.Margin),
		})
	}
	return spans
}

// notAnEntity reports a tagger entity that the annotation rules never count
// as an identifier on its own, whatever the model thinks of its context:
// a country, continent or region ("moved from Mexico"), a nationality,
// language or faith ("Korean", "Haitian Creole", "Irish Catholic"), a US
// state named alone ("moved to Ohio"; in an address the patterns find it),
// and apps, platforms and federal bodies ("on Facebook", "the VA"). The
// model learnt these as non-entities but still marks some; the kind is
// settled here, for every one of them. A nationality that is also a common
// first name stays a person ("Karen", "Christian").
func notAnEntity(text string, e tagger.Entity) bool {
	s := text[e.Start:e.End]
	if !entityLeads()[leadWord(s)] {
		return false // the common case, decided without building the key
	}
	key := normalEntity(s)
	if key == "" {
		return false
	}
	if notEntities[key] || countries[key] {
		return true
	}
	if demonyms[key] {
		// "Karen", "Christian": common first names stay people.
		return e.Kind != tagger.Person || !demonymFirstName(key)
	}
	if e.Kind == tagger.Location && stateAlone(text, e.Start, e.End, key) {
		return true
	}
	// "Korean American", "Mexican-American", "Irish Catholic": every word a
	// nationality, language, faith or country.
	words := strings.FieldsFunc(key, func(r rune) bool { return r == ' ' || r == '-' })
	if len(words) < 2 {
		return false
	}
	for _, w := range words {
		if !demonyms[w] && !countries[w] && !notEntities[w] {
			return false
		}
	}
	return true
}

// leadWord is the first word of s in lower case, after a leading "the".
func leadWord(s string) string {
	for {
		i := strings.IndexFunc(s, func(r rune) bool { return r == ' ' || r == '-' || r == '\n' || r == '\t' })
		w := s
		if i >= 0 {
			w = s[:i]
		}
		w = lowerWord(strings.TrimFunc(w, func(r rune) bool { return !unicode.IsLetter(r) && !unicode.IsDigit(r) }))
		if w == "the" && i >= 0 {
			s = strings.TrimLeft(s[i:], " -\n\t")
			continue
		}
		return strings.ReplaceAll(w, "’", "'")
	}
}

var (
	leadsOnce sync.Once
	leads     map[string]bool
)

// entityLeads holds the first words of the names notAnEntity knows.
func entityLeads() map[string]bool {
	leadsOnce.Do(func() {
		leads = map[string]bool{}
		for _, set := range []map[string]bool{notEntities, countries, demonyms} {
			for k := range set {
				leads[leadWord(k)] = true
			}
		}
		for k, abbr := range getLexicon().states {
			if !strings.EqualFold(k, abbr) {
				leads[leadWord(k)] = true
			}
		}
	})
	return leads
}

// entityShaped reports an entity of a name's size: at most 12 tokens and
// 120 bytes, and no word of more than 40 bytes (a run of letters that long
// is no name, whatever the model makes of it).
func entityShaped(tt []tagger.Token, e tagger.Entity) bool {
	if e.End-e.Start > 120 {
		return false
	}
	i, _ := slices.BinarySearchFunc(tt, e.Start, func(t tagger.Token, start int) int { return t.Start - start })
	n := 0
	for ; i < len(tt) && tt[i].End <= e.End; i++ {
		if n++; n > 12 || tt[i].End-tt[i].Start > 40 {
			return false
		}
	}
	return true
}

// trimStopWords drops the lower-case function words ("a", "the", "of")
// that a tagger entity starts or ends with: a name, place or organisation
// never ends with one, and "Bank of America" keeps its inner "of". An
// entity of nothing else is left empty.
func trimStopWords(toks []token, e tagger.Entity) tagger.Entity {
	i, ok := slices.BinarySearchFunc(toks, e.Start, func(t token, start int) int { return t.start - start })
	if !ok {
		return e
	}
	j := i
	for j+1 < len(toks) && toks[j+1].end <= e.End {
		j++
	}
	stop := func(t *token) bool { return t.kind == tokWord && (!t.cap || t.flat) && stopWords[t.lower] }
	for i <= j && (stop(&toks[i]) || toks[i].kind == tokPunct) {
		i++
	}
	possessive := func(j int) bool { // "Fry's": the business's name
		return j > i && toks[j].lower == "s" && !toks[j].space && (toks[j-1].text == "'" || toks[j-1].text == "’")
	}
	for j >= i && !possessive(j) && (stop(&toks[j]) || toks[j].kind == tokPunct && toks[j].text != ".") {
		j--
	}
	if i > j {
		e.End = e.Start
		return e
	}
	e.Start, e.End = toks[i].start, toks[j].end
	return e
}

// usedAsWord reports a one-word entity that is a common English word,
// written without a capital that would say otherwise, and used as a word
// by the words around it ("at dawn", "lost faith", "drew a picture",
// "remains a target"): the rules' test for names that are also words.
func usedAsWord(toks []token, e tagger.Entity) bool {
	i, ok := slices.BinarySearchFunc(toks, e.Start, func(t token, start int) int { return t.start - start })
	if !ok || toks[i].end != e.End || toks[i].kind != tokWord {
		return false
	}
	t := &toks[i]
	if t.cap && !t.flat || !getLexicon().isCommonWord(t.lower) {
		return false
	}
	if timeOfDay[t.lower] {
		// "waking around dawn", "until dawn"
		if p := i - 1; p >= 0 && !t.newline && toks[p].kind == tokWord && timePrepositions[toks[p].lower] {
			return true
		}
	}
	return wordUse(toks, i)
}

var timeOfDay = wordSet(strings.Fields(`dawn dusk sunrise sunset daybreak nightfall noon midnight`))

var timePrepositions = wordSet(strings.Fields(`around round until till til before after since at by from past near toward towards about`))

// normalEntity is an entity's text in lower case, without a leading
// "the", surrounding punctuation or inner runs of space.
func normalEntity(s string) string {
	s = strings.ToLower(strings.Join(strings.Fields(s), " "))
	s = strings.TrimFunc(s, func(r rune) bool { return !unicode.IsLetter(r) && !unicode.IsDigit(r) })
	s = strings.TrimPrefix(s, "the ")
	return strings.ReplaceAll(s, "’", "'")
}

// stateAlone reports a US state's full name that is not part of an
// address: no ZIP code after it and no city and comma before it. A state
// that is also a large city ("New York") is left to the model.
func stateAlone(text string, start, end int, key string) bool {
	l := getLexicon()
	if abbr, ok := l.states[key]; !ok || strings.EqualFold(abbr, key) || l.places[key] >= 100000 {
		return false
	}
	after := strings.TrimLeft(text[end:min(len(text), end+12)], " ,")
	if len(after) >= 5 && isDigits(after[:5]) {
		return false
	}
	before := strings.TrimRight(text[max(0, start-3):start], " ")
	return !strings.HasSuffix(before, ",")
}

// notEntities are the names the detector's annotation rules leave alone,
// beside the countries and nationalities the rules already know:
// continents and regions, other forms of countries, apps and platforms,
// federal bodies and 12-step fellowships.
var notEntities = wordSet(strings.Split(`usa|u.s|u.s.a|us|united states|united states of america|america|uk|u.k|united kingdom|great britain|britain|holland|`+
	`saudi arabia|sri lanka|north korea|costa rica|panama|palestine|singapore|malaysia|denmark|finland|iceland|`+
	`europe|asia|africa|north america|south america|latin america|central america|middle east|caribbean|`+
	`scandinavia|the west|earth|world|east asia|southeast asia|`+
	`facebook|instagram|insta|tiktok|snapchat|youtube|twitter|x|reddit|discord|whatsapp|telegram|tinder|hinge|bumble|grindr|`+
	`zoom|facetime|teams|skype|doxy.me|mychart|simplepractice|therapynotes|headspace|calm|spotify|netflix|hulu|`+
	`xbox|playstation|fortnite|minecraft|roblox|venmo|cash app|paypal|life360|google|iphone|android|alexa|siri|`+
	`chatgpt|uber|lyft|doordash|peloton|fitbit|apple watch|juul|`+
	`va|medicare|medicaid|social security|ssa|ssi|ssdi|cms|fda|fbi|ice|hud|snap|wic|irs|dmv|cps|dcfs|`+
	`aa|na|al-anon|alateen|smart recovery|celebrate recovery|alcoholics anonymous|narcotics anonymous`, "|"))

func categoryOf(k tagger.Kind) Category {
	switch k {
	case tagger.Person:
		return Name
	case tagger.Location:
		return Location
	}
	return Org
}

// overlapsStructured reports whether [start, end) overlaps a span of a
// category the patterns own.
func overlapsStructured(spans []Span, start, end int) bool {
	for _, s := range spans {
		if s.Start >= end || start >= s.End {
			continue
		}
		switch s.Category {
		case Date, Age, Phone, Email, ID, URL, Other:
			return true
		}
	}
	return false
}

// marginConfidence maps a margin to [0.5, 1): margins on held-out text
// run from about 1 to 100, and a margin of 10 gives about 0.8.
func marginConfidence(margin float64) float64 {
	return 1 - 0.5*math.Exp(-margin/10)
}
