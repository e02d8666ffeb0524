package disguise

import "strings"

var titles = map[string]bool{
	"dr": true, "mr": true, "mrs": true, "ms": true, "miss": true, "mx": true, "prof": true,
	"professor": true, "doctor": true, "rev": true, "reverend": true, "father": true, "sister": true,
	"pastor": true, "rabbi": true, "imam": true, "officer": true, "detective": true, "judge": true,
	"coach": true, "nurse": true, "aunt": true, "uncle": true, "grandma": true, "grandpa": true,
	"auntie": true, "cousin": true, "sgt": true, "lt": true, "capt": true, "mrs.": true,
}

// relations that, followed by a capitalised word, introduce a person.
var relations = map[string]bool{
	"husband": true, "wife": true, "spouse": true, "partner": true, "boyfriend": true, "girlfriend": true,
	"fiance": true, "fiancé": true, "fiancee": true, "fiancée": true, "ex": true, "ex-husband": true, "ex-wife": true,
	"mother": true, "father": true, "mom": true, "dad": true, "mum": true, "stepmother": true, "stepfather": true,
	"son": true, "daughter": true, "child": true, "stepson": true, "stepdaughter": true, "baby": true,
	"sister": true, "brother": true, "sibling": true, "twin": true, "half-brother": true, "half-sister": true,
	"grandmother": true, "grandfather": true, "grandson": true, "granddaughter": true, "niece": true, "nephew": true,
	"aunt": true, "uncle": true, "cousin": true, "friend": true, "roommate": true, "neighbor": true, "neighbour": true,
	"boss": true, "manager": true, "supervisor": true, "coworker": true, "co-worker": true, "colleague": true,
	"teacher": true, "counselor": true, "therapist": true, "psychiatrist": true, "pcp": true, "physician": true,
	"doctor": true, "lawyer": true, "attorney": true, "caseworker": true, "sponsor": true, "pastor": true,
	"principal": true, "coach": true, "guardian": true, "landlord": true, "dog": true, "cat": true,
	"named": true, "called": true, "nicknamed": true, "goes": true, "name": true, "client": true,
	"patient": true, "pt": true, "mother-in-law": true, "father-in-law": true, "sister-in-law": true,
	"brother-in-law": true, "stepmom": true, "stepdad": true, "kids": true, "children": true, "sons": true,
	"daughters": true, "parents": true, "siblings": true, "nurse": true, "provider": true, "ex-boyfriend": true,
	"ex-girlfriend": true, "ex-partner": true, "mentor": true, "tutor": true, "advisor": true, "babysitter": true,
	"nanny": true, "grandparents": true, "classmate": true, "teammate": true, "peer": true, "ex-fiance": true,
	"stepbrother": true, "stepsister": true, "godmother": true, "godfather": true, "housemate": true,
	"pediatrician": true, "psychologist": true, "nurse practitioner": true, "officer": true, "worker": true, "fiance's": true, "bf": true, "gf": true, "dd": true, "ds": true,
}

// speech and action verbs that follow a person's name ("Will said").
var personVerbs = map[string]bool{
	"said": true, "says": true, "reported": true, "reports": true, "stated": true, "states": true,
	"told": true, "tells": true, "asked": true, "asks": true, "denies": true, "denied": true,
	"endorses": true, "endorsed": true, "agreed": true, "agrees": true, "called": true, "calls": true,
	"texted": true, "yelled": true, "cried": true, "left": true, "moved": true, "died": true,
	"passed": true, "wants": true, "wanted": true, "feels": true, "felt": true, "is": false,
	"presented": true, "presents": true, "arrived": true, "attended": true, "shared": true,
	"described": true, "describes": true, "explained": true, "noted": true, "admitted": true,
}

// credentials written after a clinician's name.
var credentials = map[string]bool{
	"md": true, "m": true, "do": true, "np": true, "rn": true, "pa": true, "phd": true, "psyd": true,
	"lcsw": true, "lmft": true, "lpc": true, "lmhc": true, "dnp": true, "aprn": true, "msw": true,
	"lsw": true, "lpcc": true, "edd": true, "facp": true, "mph": true, "cnp": true, "pmhnp": true,
}

var surnameParticles = map[string]bool{
	"de": true, "la": true, "del": true, "da": true, "di": true, "van": true, "von": true, "le": true,
	"du": true, "der": true, "den": true, "el": true, "al": true, "bin": true, "ibn": true, "dos": true,
}

var notNames = map[string]bool{
	"i": true, "i'm": true, "god": true, "english": true, "spanish": true, "monday": true,
	"tuesday": true, "wednesday": true, "thursday": true, "friday": true, "saturday": true,
	"sunday": true, "dsm": true, "soap": true, "dap": true, "birp": true, "girp": true,
	"plan": true, "assessment": true, "data": true, "subjective": true, "objective": true,
	"client": true, "patient": true, "therapist": true, "intervention": true, "response": true,
	"goal": true, "goals": true, "behavior": true, "mse": true, "phq": true, "gad": true,
	"cbt": true, "dbt": true, "emdr": true, "act": true, "si": true, "hi": true, "ptsd": true,
	"adhd": true, "ocd": true, "mdd": true, "zoom": true, "medicaid": true, "medicare": true,
	"christmas": true, "easter": true, "thanksgiving": true, "xanax": true, "zoloft": true,
	"prozac": true, "lexapro": true, "wellbutrin": true, "adderall": true, "ativan": true,
	"klonopin": true, "seroquel": true, "abilify": true, "ambien": true, "trazodone": true,
	"january": true, "february": true, "march": true, "july": true, "september": true, "october": true, "november": true, "december": true,
	"american": true, "mexican": true, "african": true, "asian": true, "catholic": true,
	"christian": true, "jewish": true, "muslim": true, "facebook": true, "instagram": true,
	"he": true, "she": true, "they": true, "we": true, "you": true, "it": true, "his": true, "her": true,
	"him": true, "them": true, "their": true, "this": true, "that": true, "there": true, "then": true,
	"dr": true, "mr": true, "mrs": true, "ms": true, "mx": true, "miss": true, "prof": true, "dob": true,
	"mon": true, "tue": true, "tues": true, "wed": true, "thu": true, "thur": true, "thurs": true,
	"fri": true, "sat": true, "sun": true, "bible": true, "koran": true, "quran": true, "torah": true, "latina": true, "latino": true,
	"latinx": true, "hispanic": true, "caucasian": true, "native": true,
	"lord": true, "jesus": true, "allah": true, "buddha": true, "netflix": true, "youtube": true,
	"tiktok": true, "google": true, "snapchat": true, "twitter": true, "reddit": true, "discord": true,
	"ssri": true, "aa": true, "na": true, "er": true, "ed": true, "icu": true, "iop": true, "php": true,
}

func isNameWord(l *lexicon, t *token) bool {
	w := l.name(t.lower)
	return w.first > 0 || w.surname > 0
}

// findNames finds people by their names, using the gazetteer and the words
// around a capitalised word.
func findNames(toks []token, l *lexicon, add func(Span)) {
	isName := make([]bool, len(toks))
	for i := range toks {
		t := &toks[i]
		if t.kind != tokWord || !t.cap || notNames[t.lower] || len(t.text) < 2 && !initialAt(toks, i) {
			continue
		}
		if t.allCaps && len(t.text) <= 3 {
			continue // acronyms
		}
		inList := isNameWord(l, t)
		common := l.isCommonWord(t.lower) || l.states[t.lower] != ""
		strong, weak := nameContext(toks, i)
		if !strong && (t.allCaps && !capsNameNeighbour(toks, i, l) || titleCasePhraseAfter(toks, i, l)) {
			continue // "TIPP", "Columbia Suicide Severity Rating Scale"
		}
		switch {
		case strong && (!common || inList || !t.sentStart):
			isName[i] = true
		case weak && (!common || inList && (!t.sentStart || l.isFirstName(t.lower) && personVerbAfter(toks, i))):
			isName[i] = true
		case inList && !common && !t.sentStart:
			isName[i] = true
		case inList && !common && t.sentStart && (followsAsName(toks, i, l) || l.firstCount(t.lower) >= 1000):
			isName[i] = true
		case common && !t.sentStart && !t.allCaps && l.isFirstName(t.lower) && l.firstCount(t.lower) > 20000 &&
			i > 0 && toks[i-1].kind == tokWord && !toks[i-1].cap && (i+1 >= len(toks) || !toks[i+1].cap || toks[i+1].kind != tokWord):
			// A common word that is a frequent first name, capitalised in
			// the middle of a sentence: "Reports that Chase chased him".
			isName[i] = true
		}
	}
	// Extend to neighbouring name words: "Will Turner", "Maria Garcia-Lopez", "J. Smith".
	for changed := true; changed; {
		changed = false
		for i := range toks {
			if !isName[i] {
				continue
			}
			for _, j := range []int{i - 1, i + 1, i - 2, i + 2} {
				if j < 0 || j >= len(toks) || isName[j] || toks[j].kind != tokWord || notNames[toks[j].lower] {
					continue
				}
				lo, hi := min(i, j), max(i, j)
				if hi-lo == 2 && toks[lo+1].text == "-" && !toks[lo+1].space && !toks[hi].space {
					isName[j] = true // "Hyun-woo", "Garcia-lopez"
					changed = true
					continue
				}
				if hi-lo == 1 && surnameParticles[toks[j].lower] && !toks[j].allCaps && toks[hi].space && !toks[hi].newline {
					// "de la Cruz", "Van der Berg": take the particles with the name.
					if k := j + (j - i); k >= 0 && k < len(toks) && (isName[k] || toks[k].cap || surnameParticles[toks[k].lower] || toks[k].text == ".") {
						isName[j] = true
						changed = true
					}
					continue
				}
				if !toks[j].cap || toks[j].allCaps && len(toks[j].text) <= 3 {
					continue
				}
				if toks[hi].newline {
					continue
				}
				if hi-lo == 2 && !(toks[lo+1].text == "-" || toks[lo+1].text == "." && len(toks[lo].text) == 1) {
					continue
				}
				tj := &toks[j]
				if hi-lo == 1 && !toks[hi].space {
					continue
				}
				if len(tj.text) == 1 || isNameWord(l, tj) && (!l.isCommonWord(tj.lower) || j > i) || !l.isCommonWord(tj.lower) && !tj.sentStart && !titles[tj.lower] {
					if titles[tj.lower] && j < i {
						continue
					}
					isName[j] = true
					changed = true
				}
			}
		}
	}
	for i := range toks {
		if isName[i] {
			end := toks[i].end
			if len(toks[i].text) == 1 && i+1 < len(toks) && toks[i+1].text == "." {
				end = toks[i+1].end
			}
			add(Span{Start: toks[i].start, End: end, Category: Name, Detector: DetectorGazetteer, Confidence: 0.7})
		}
	}
}

// capsNameNeighbour reports an all-caps name word beside token i, as in a
// header line "WALTER QUINLAN".
func capsNameNeighbour(toks []token, i int, l *lexicon) bool {
	for _, j := range []int{i - 1, i + 1, i - 2, i + 2} {
		if j < 0 || j >= len(toks) || toks[j].kind != tokWord || !toks[j].allCaps || toks[max(i, j)].newline {
			continue
		}
		if (j == i-2 || j == i+2) && toks[(i+j)/2].text != "," {
			continue // "SMITH, JOHN"
		}
		if isNameWord(l, &toks[j]) {
			return true
		}
	}
	return toks[i].newline || i == 0
}

// titleCasePhraseAfter reports a capitalised ordinary word right after
// token i, which makes i part of a title ("Serenity Prayer"), not a name.
func titleCasePhraseAfter(toks []token, i int, l *lexicon) bool {
	n := i + 1
	if n >= len(toks) || toks[n].kind != tokWord || !toks[n].cap || toks[n].newline || !toks[n].space {
		return false
	}
	return l.isCommonWord(toks[n].lower) && !isNameWord(l, &toks[n]) && !toks[n].allCaps
}

func initialAt(toks []token, i int) bool {
	return i+1 < len(toks) && toks[i+1].text == "." && i+2 < len(toks) && toks[i+2].cap && toks[i+2].kind == tokWord
}

// nameContext reports whether the words around token i say it is a
// person: strongly (a title or a relation before it, "named") or weakly
// (a verb of speech, a possessive or an apposition after it).
func nameContext(toks []token, i int) (strong, weak bool) {
	if p := i - 1; p >= 0 {
		if toks[p].text == "." && p > 0 && titles[toks[p-1].lower] && toks[p-1].cap {
			return true, false
		}
		if toks[p].kind == tokWord && titles[toks[p].lower] && toks[p].cap {
			return true, false
		}
	}
	if p := prevWord(toks, i); p >= 0 && relations[toks[p].lower] {
		return true, false
	}
	if n := next(toks, i); n >= 0 {
		if toks[n].text == "'" || toks[n].text == "’" {
			return false, n+1 < len(toks) && toks[n+1].lower == "s" && !toks[i].sentStart
		}
		if toks[n].kind == tokWord && personVerbs[toks[n].lower] {
			return false, true
		}
		if toks[n].text == "," && n+1 < len(toks) && relationAfter(toks, n+1) {
			return false, true
		}
		if toks[n].text == "," && n+1 < len(toks) && credentials[strings.ReplaceAll(toks[n+1].lower, ".", "")] && !toks[i].sentStart {
			return true, false // "Fiona Quade, NP"
		}
	}
	return false, false
}

func personVerbAfter(toks []token, i int) bool {
	n := next(toks, i)
	return n >= 0 && toks[n].kind == tokWord && personVerbs[toks[n].lower]
}

// relationAfter reports "Daniel, her husband" style appositions.
func relationAfter(toks []token, i int) bool {
	if i < len(toks) && (toks[i].lower == "her" || toks[i].lower == "his" || toks[i].lower == "their" || toks[i].lower == "the" || toks[i].lower == "client's") {
		i++
	}
	return i < len(toks) && relations[toks[i].lower]
}

func followsAsName(toks []token, i int, l *lexicon) bool {
	n := next(toks, i)
	if n < 0 {
		return false
	}
	t := toks[n]
	return t.kind == tokWord && (t.cap && isNameWord(l, &t) || !l.isCommonWord(t.lower) && t.cap || personVerbs[t.lower] || t.lower == "and" || t.lower == "was" || t.lower == "has" || t.lower == "had") ||
		t.text == "'" || t.text == "," || t.text == "’"
}
