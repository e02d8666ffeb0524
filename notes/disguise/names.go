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

var surnameParticles = map[string]bool{
	"de": true, "la": true, "del": true, "da": true, "di": true, "van": true, "von": true, "le": true,
	"du": true, "der": true, "den": true, "el": true, "al": true, "bin": true, "ibn": true, "dos": true,
}

// orgEnds are words that end the name of an organisation.
var orgEnds = map[string]bool{
	"hospital": true, "clinic": true, "center": true, "centre": true, "university": true, "college": true,
	"school": true, "academy": true, "elementary": true, "institute": true, "church": true, "inc": true,
	"llc": true, "corp": true, "corporation": true, "company": true, "bank": true, "foundation": true,
	"associates": true, "partners": true, "group": true, "services": true, "systems": true, "health": true,
	"healthcare": true, "pharmacy": true, "logistics": true, "solutions": true, "technologies": true,
	"industries": true, "motors": true, "insurance": true, "agency": true, "department": true, "store": true,
	"restaurant": true, "cafe": true, "market": true, "high": true, "middle": true, "prep": true,
	"preschool": true, "daycare": true, "ymca": true, "synagogue": true, "mosque": true, "temple": true,
	"gym": true, "studio": true, "labs": true, "shelter": true, "prison": true, "jail": true, "base": true,
	"library": true, "museum": true, "club": true, "firm": true, "office": true, "medical": true,
	"ministries": true, "network": true, "enterprises": true, "consulting": true, "union": true,
	"dental": true, "transit": true, "plumbing": true, "bakery": true, "foods": true, "software": true,
	"manufacturing": true, "body": true, "shop": true, "salon": true, "diner": true, "grill": true,
	"hotel": true, "inn": true, "farms": true, "construction": true, "electric": true, "realty": true,
	"properties": true, "staffing": true, "financial": true, "capital": true, "airlines": true,
	"express": true, "media": true, "studios": true, "productions": true, "marketing": true,
	"trucking": true, "landscaping": true, "roofing": true, "builders": true, "supply": true,
	"warehouse": true, "distribution": true, "pharmaceuticals": true, "labs.": false, "campus": true,
	"cooperative": true, "co-op": true, "ltd": true, "pllc": true, "pc": true, "pa": false,
}

// orgLeads introduce an employer or school ("works at", "attends").
var orgLeads = map[string]bool{
	"at": true, "for": true, "attends": true, "attended": true, "joined": true, "by": true,
	"from": true, "with": true, "to": true,
}

var placeLeads = map[string]bool{
	"in": true, "from": true, "to": true, "near": true, "outside": true, "visiting": true,
	"visited": true, "toward": true, "towards": true, "into": true, "of": true,
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
	"ssri": true, "aa": true, "na": true, "er": true, "ed": true, "icu": true, "iop": true, "php": true,
}

func isNameWord(l *lexicon, t *token) bool {
	return l.isFirstName(t.lower) || l.isSurname(t.lower)
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
		switch {
		case strong && (!common || inList || !t.sentStart):
			isName[i] = true
		case weak && (!common || inList && (!t.sentStart || l.isFirstName(t.lower) && personVerbAfter(toks, i))):
			isName[i] = true
		case inList && !common && !t.sentStart:
			isName[i] = true
		case inList && !common && t.sentStart && followsAsName(toks, i, l):
			isName[i] = true
		case common && !t.sentStart && !t.allCaps && l.isFirstName(t.lower) && l.female[t.lower]+l.male[t.lower] > 20000 &&
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

// findPlacesAndOrgs finds places, hospitals, schools and employers among
// runs of capitalised words.
func findPlacesAndOrgs(toks []token, l *lexicon, add func(Span)) {
	for i := 0; i < len(toks); i++ {
		if toks[i].kind != tokWord || !toks[i].cap {
			continue
		}
		// A run of capitalised words, joined by "of", "the", "&", "'s", "St." and hyphens.
		j := i
		for k := i + 1; k < len(toks) && !toks[k].newline; k++ {
			tk := toks[k]
			if tk.kind == tokWord && (tk.cap || tk.lower == "s" && toks[k-1].text == "'") || tk.kind == tokWord && (tk.lower == "of" || tk.lower == "the" || tk.lower == "and") && k+1 < len(toks) && toks[k+1].cap {
				j = k
				continue
			}
			if tk.kind == tokPunct && (tk.text == "'" || tk.text == "’" || tk.text == "&" || tk.text == "-" || tk.text == ".") && k+1 < len(toks) && (toks[k+1].cap || toks[k+1].lower == "s") {
				if tk.text == "." && !abbreviations[toks[k-1].lower] {
					break
				}
				continue
			}
			break
		}
		end := j
		// Organisation: the run ends with an organisation word.
		for e := end; e >= i; e-- {
			if toks[e].kind == tokWord && orgEnds[toks[e].lower] && e > i {
				add(Span{Start: toks[i].start, End: toks[e].end, Category: Org, Detector: DetectorContext, Confidence: 0.8})
				break
			}
		}
		lead := prevWord(toks, i)
		leadWord := ""
		if lead >= 0 && lead == i-1 {
			leadWord = toks[lead].lower
		}
		// Known organisations (hospital, university, company lists), 2+ words.
		for e := min(end, i+l.maxOrgLen-1); e > i; e-- {
			if l.orgs[joinLower(toks, i, e)] {
				add(Span{Start: toks[i].start, End: toks[e].end, Category: Org, Detector: DetectorGazetteer, Confidence: 0.8})
				break
			}
		}
		// Employer after "works at", "employed by", "job at", "his employer,".
		employ := leadWord == "employer" || lead >= 0 && toks[lead].lower == "employer" ||
			orgLeads[leadWord] && lead >= 1 && employVerb(toks[lead-1].lower) || leadWord == "outside"
		if employ && (!l.isCommonWord(toks[i].lower) || end > i || lead >= 1 && employVerb(toks[lead-1].lower)) {
			add(Span{Start: toks[i].start, End: toks[end].end, Category: Org, Detector: DetectorContext, Confidence: 0.7})
		}
		if end == i && l.orgs1[toks[i].lower] && !l.isCommonWord(toks[i].lower) && !isNameWord(l, &toks[i]) {
			add(Span{Start: toks[i].start, End: toks[i].end, Category: Org, Detector: DetectorGazetteer, Confidence: 0.6})
		}
		// Places: longest run matching the place list, with a preposition
		// before it or a state after it.
		for e := min(end, i+l.maxPlaceLen-1); e >= i; e-- {
			key := joinLower(toks, i, e)
			pop, ok := l.places[key]
			_, isState := l.states[key]
			if !ok && !isState {
				continue
			}
			stateAfter := e+2 < len(toks) && toks[e+1].text == "," && l.states[toks[e+2].lower] != "" && toks[e+2].cap
			common := l.isCommonWord(key) || isNameWord(l, &toks[i]) && e == i
			if len(key) == 2 && !toks[i].allCaps {
				continue // "Ms.", "me" are not Mississippi or Maine
			}
			if isState && len(key) > 2 && !common && (placeLeads[leadWord] || !toks[i].sentStart) ||
				stateAfter ||
				placeLeads[leadWord] && (!common || pop > 100000) ||
				!common && pop >= 50000 && !toks[i].sentStart {
				last := e
				if stateAfter {
					last = e + 2
				}
				add(Span{Start: toks[i].start, End: toks[last].end, Category: Location, Detector: DetectorGazetteer, Confidence: 0.7})
				break
			}
		}
		if end > i {
			i = end
		}
	}
}

func employVerb(w string) bool {
	switch w {
	case "works", "worked", "work", "working", "employed", "job", "hired", "employment", "drive", "commute", "interview", "quit", "from", "intern", "interning", "volunteers", "manager", "teaches", "teacher", "nurse", "position", "shift", "shifts", "career", "fired", "laid":
		return true
	}
	return false
}

func joinLower(toks []token, i, e int) string {
	if i == e {
		return toks[i].lower
	}
	var b strings.Builder
	for k := i; k <= e; k++ {
		if toks[k].kind != tokWord {
			continue
		}
		if b.Len() > 0 {
			b.WriteByte(' ')
		}
		b.WriteString(toks[k].lower)
	}
	return b.String()
}
