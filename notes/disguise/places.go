package disguise

import "strings"

// orgEnds are the words that end an organisation's name in a run of
// capitalised words: the facility heads and a few more kinds of business.
var orgEnds = wordSet(strings.Fields(`
hospital clinic center centre university college school academy elementary institute church inc llc corp
corporation company bank foundation associates partners group services systems health healthcare
pharmacy logistics solutions technologies industries motors insurance agency department store
restaurant cafe market high middle prep preschool daycare ymca synagogue mosque temple gym studio labs
shelter prison jail base library museum club firm office medical ministries network children
children's enterprises consulting union dental transit plumbing bakery foods software manufacturing shop
salon diner grill hotel inn farms construction electric realty properties staffing financial capital
airlines express media studios productions marketing trucking landscaping roofing builders supply
warehouse distribution pharmaceuticals campus cooperative co-op ltd pllc pc counseling psychiatry
psychotherapy therapy medicine parish chapel cathedral gurdwara hospice mall lodge motel court
courthouse association authority collective practice freight casino resort memorial rehab wellness
commission council district program programs society fellowship congregation ministry mission
`))

// genericModifiers describe a place without naming it: "the crisis
// center", "a local high school". An organisation named only by them is
// no identifier.
var genericModifiers = wordSet(strings.Fields(`
the a an local community mental behavioral behavioural health medical treatment crisis counseling
counselling wellness regional nearby new old public private county state city residential inpatient
outpatient day night summer senior youth family children's women's men's veterans vet rehab sober
recovery addiction psychiatric psych nursing urgent care primary dialysis cancer cardiac surgery sleep
pain general main our their his her my your its this that same other previous prior current former
next last first second high middle elementary junior charter catholic christian methodist baptist
episcopal lutheran presbyterian evangelical jewish islamic school church group home homes therapy
physical occupational speech hearing eye dental walk-in free emergency trauma teaching university
college hospital clinic center centre program services service office department dept unit floor ward
wing building campus satellite downtown uptown north south east west northern southern eastern western
big little large small major minor another some any every each all both either which what whose
`))

// orgSuffixHeads are the short forms of a school kind written after its
// name in notes: "jenks hs", "sparks ms", "lincoln elem".
var orgSuffixHeads = wordSet(strings.Fields(`hs ms es elem jhs shs ccd cc`))

// findPlacesAndOrgs finds places, hospitals, schools and employers: runs
// of capitalised words in sentence case, and in any case the names that
// end in a facility head, streets, counties, saints' institutions and
// places or organisations of the gazetteer after a word that introduces
// one.
func findPlacesAndOrgs(toks []token, l *lexicon, add func(Span)) {
	capitalRuns(toks, l, add)
	headOrgs(toks, l, add)
	saints(toks, l, add)
	counties(toks, l, add)
	flatGazetteer(toks, l, add)
	acronymOrgs(toks, l, add)
	roads(toks, l, add)
	numberedOrgs(toks, add)
	flatLeads(toks, l, add)
}

// flatLeads finds, in lower case or capitals, the name after "at",
// "from", "with" or "@" that is no ordinary word, clinical word or drug:
// "ER VISIT AT NORTON AUDUBON", "rejected from northwestern", "work at ll
// bean", "ADMITTED FROM SUNRISE OF BETHESDA".
func flatLeads(toks []token, l *lexicon, add func(Span)) {
	for i := 0; i+1 < len(toks); i++ {
		t := &toks[i]
		if t.kind != tokWord && t.text != "@" || !t.flat && t.kind == tokWord {
			continue
		}
		w := t.lower
		if w != "at" && w != "from" && w != "with" && w != "@" && w != "into" {
			continue
		}
		j := i + 1
		if j < len(toks) && toks[j].lower == "the" {
			j++
		}
		s, e, uncommon, head := -1, -1, false, false
		for k := j; k < len(toks) && k <= j+4 && !toks[k].newline; k++ {
			tk := &toks[k]
			if tk.kind == tokPunct {
				if (tk.text == "'" || tk.text == "’") && k+1 < len(toks) && toks[k+1].lower == "s" || tk.text == "&" || tk.text == "-" && !tk.space {
					continue
				}
				break
			}
			if tk.kind == tokNum {
				if e >= 0 && len(tk.text) <= 4 && (head || uncommon) {
					e = k // "MOTEL 6"
				}
				break
			}
			if tk.lower == "s" && k > j {
				e = k
				continue
			}
			x := tk.lower
			if !tk.flat && tk.cap || stopWords[x] && !(x == "of" && e >= 0) || commonVerbs[x] || personVerbs[x] || clinicalAbbrev[x] || drugs[x] || clinicalTerms[x] || demonyms[x] || monthWeekWords[x] || relations[x] || titles[x] || nameLabels[x] || verbShaped(l, x) {
				break
			}
			if x == "of" {
				continue
			}
			isHead := strongOrgHeads[x] || weakOrgHeads[x] || orgEnds[x]
			common := l.isCommonWord(x) && !placeWord(l, x) || abstractNoun(x) && !placeWord(l, x) && !isNameWordText(l, x)
			if common && !isHead && s < 0 {
				break // the first word must name something
			}
			if common && !isHead && !uncommon {
				break
			}
			if s < 0 {
				s = k
			}
			e = k
			uncommon = uncommon || !common
			head = head || isHead
		}
		if s < 0 || !uncommon {
			continue
		}
		if e == s && (len(toks[s].text) <= 2 || isNameWord(l, &toks[s]) && l.firstCount(toks[s].lower) >= 500 && w == "with") {
			continue
		}
		cat := Org
		if _, ok := l.places[joinLower(toks, s, e)]; ok && w != "at" {
			cat = Location
		}
		add(Span{Start: toks[s].start, End: toks[e].end, Category: cat, Detector: DetectorContext, Confidence: 0.55})
		i = e
	}
}

// capitalRuns is the sentence-case rule: a run of capitalised words that
// ends in an organisation word or a street type, is a listed
// organisation, or is a listed place after a word of place.
func capitalRuns(toks []token, l *lexicon, add func(Span)) {
	for i := 0; i < len(toks); i++ {
		if toks[i].kind != tokWord || !toks[i].cap || toks[i].flat {
			continue
		}
		// A run of capitalised words, joined by "of", "the", "&", "'s", "St." and hyphens.
		j := i
		for k := i + 1; k < len(toks) && !toks[k].newline; k++ {
			tk := toks[k]
			if tk.kind == tokWord && (tk.cap || tk.lower == "s" && toks[k-1].text == "'" || tk.lower == "s" && toks[k-1].text == "’") || tk.kind == tokWord && (tk.lower == "of" || tk.lower == "the" || tk.lower == "and" || tk.lower == "de" || tk.lower == "la") && k+1 < len(toks) && toks[k+1].cap {
				j = k
				continue
			}
			if tk.kind == tokPunct && (tk.text == "'" || tk.text == "’" || tk.text == "&" || tk.text == "-" || tk.text == ".") && k+1 < len(toks) && (toks[k+1].cap || toks[k+1].lower == "s") && !toks[k+1].newline {
				if tk.text == "." && !abbreviations[toks[k-1].lower] {
					break
				}
				continue
			}
			break
		}
		end := j
		// Skip a leading sentence-start word that is an ordinary word:
		// "Referral to Mercy Hospital" is about "Mercy Hospital".
		first := i
		for first < end && toks[first].sentStart && l.isCommonWord(toks[first].lower) && !isNameWord(l, &toks[first]) && !orgEnds[toks[first].lower] {
			first++
			for first < end && toks[first].kind != tokWord {
				first++
			}
		}
		lead := prevWord(toks, i)
		leadWord := ""
		if lead >= 0 && lead == i-1 {
			leadWord = toks[lead].lower
		}
		// Organisation: the run ends with an organisation word.
		for e := end; e > first; e-- {
			if toks[e].kind != tokWord || !orgEnds[toks[e].lower] {
				continue
			}
			if weakOrgHeads[toks[e].lower] && !strongOrgHeads[toks[e].lower] && !properIn(toks, first, e-1, l) {
				break // "Mental Health", "Family Medicine" alone
			}
			if allGeneric(toks, first, e-1) {
				break
			}
			last := e
			if e+2 < len(toks) && (toks[e+1].text == "'" || toks[e+1].text == "’") && toks[e+2].lower == "s" && !toks[e+1].space {
				last = e + 2 // "Nationwide Children's"
			}
			last = ofTail(toks, last, l)
			add(Span{Start: toks[first].start, End: toks[last].end, Category: Org, Detector: DetectorContext, Confidence: 0.8})
			break
		}
		// A street without a house number: "McLean Avenue", "Oak Tree Road".
		if end > first && streetTypes[toks[end].lower] && toks[end].lower != "dr" {
			if !weakStreet[toks[end].lower] || properIn(toks, first, end-1, l) {
				add(Span{Start: toks[first].start, End: toks[end].end, Category: Location, Detector: DetectorContext, Confidence: 0.75})
			}
		}
		// "Ohio State", "Kent State", "Cal State LA": a university.
		for k := first + 1; k <= end; k++ {
			if toks[k].lower == "state" && (l.states[toks[k-1].lower] != "" || placeWord(l, toks[k-1].lower) || !l.isCommonWord(toks[k-1].lower)) {
				e := k
				if e+1 <= end && toks[e+1].allCaps || e+1 <= end && (toks[e+1].lower == "university" || toks[e+1].lower == "college") {
					e++
				}
				add(Span{Start: toks[k-1].start, End: toks[e].end, Category: Org, Detector: DetectorContext, Confidence: 0.7})
			}
		}
		// Known organisations (hospital, university, company lists), 2+ words.
		for s := first; s < end; s++ {
			for e := min(end, s+l.orgLenOf(toks[s].lower)-1); e > s; e-- {
				if l.orgs[joinLower(toks, s, e)] {
					add(Span{Start: toks[s].start, End: toks[e].end, Category: Org, Detector: DetectorGazetteer, Confidence: 0.8})
					s = e
					break
				}
			}
		}
		// Employer after "works at", "employed by", "job at", "his employer,".
		strong := lead >= 0 && (toks[lead].lower == "employer" || toks[lead].lower == "employment") ||
			orgLeads[leadWord] && lead >= 1 && employVerb(toks[lead-1].lower)
		if strong || leadWord == "outside" && (!l.isCommonWord(toks[i].lower) || toks[i].allCaps || end > i) {
			add(Span{Start: toks[first].start, End: toks[end].end, Category: Org, Detector: DetectorContext, Confidence: 0.7})
		}
		if end == i && l.isOrg1(toks[i].lower) && !l.isCommonWord(toks[i].lower) && !isNameWord(l, &toks[i]) {
			add(Span{Start: toks[i].start, End: toks[i].end, Category: Org, Detector: DetectorGazetteer, Confidence: 0.6})
		}
		// Countries are no identifiers (Safe Harbor, and the development
		// set's rules): "born in Chennai, India" marks Chennai only.
		if countries[joinLower(toks, i, end)] || countries[toks[i].lower] || demonyms[toks[i].lower] {
			if end > i {
				i = end
			}
			continue
		}
		// Places: longest run matching the place list, with a preposition
		// before it or a state after it.
		placed := false
		for e := min(end, i+l.placeLenOf(toks[i].lower)-1); e >= i; e-- {
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
				last, conf := e, 0.6
				if stateAfter {
					last = e + 2
				}
				if stateAfter || placeLeads[leadWord] {
					conf = 0.8 // "moved to Columbus": a place even if also a name
				}
				add(Span{Start: toks[i].start, End: toks[last].end, Category: Location, Detector: DetectorGazetteer, Confidence: conf})
				placed = true
				break
			}
		}
		// An unlisted place after a word of place: "born in Ibadan", "near
		// Ogbomosho", "the family house in Pilsen".
		if !placed && (leadWord == "in" || leadWord == "from" || leadWord == "near" || leadWord == "outside" || leadWord == "to" && lead >= 1 && moveVerb(toks[lead-1].lower)) &&
			end-i <= 2 && !toks[i].sentStart && !toks[i].allCaps && unlistedPlace(toks, i, end, l) {
			add(Span{Start: toks[i].start, End: toks[end].end, Category: Location, Detector: DetectorContext, Confidence: 0.6})
		}
		// An organisation where one is expected: "treated at Chrysalis",
		// "from Children's Mercy", "paramedic with Rural Metro",
		// "Insurance: CareOregon", "the Fry's parking lot".
		if orgPlace(toks, i, first, end, lead, leadWord, l) {
			e := end
			if e+2 < len(toks) && (toks[e+1].text == "'" || toks[e+1].text == "’") && toks[e+2].lower == "s" && !toks[e+1].space {
				e += 2
			}
			add(Span{Start: toks[first].start, End: toks[e].end, Category: Org, Detector: DetectorContext, Confidence: 0.6})
		}
		// "in Fountain (El Paso County)": a place before its county.
		if n := end + 1; n+2 < len(toks) && (toks[n].text == "(" || toks[n].text == ",") && !toks[n+1].newline {
			for k := n + 1; k < len(toks) && k <= n+4 && !toks[k].newline; k++ {
				if toks[k].lower == "county" || toks[k].lower == "parish" {
					add(Span{Start: toks[first].start, End: toks[end].end, Category: Location, Detector: DetectorContext, Confidence: 0.6})
					break
				}
				if toks[k].kind != tokWord || !toks[k].cap {
					break
				}
			}
		}
		// "our Clintonville office", "the SouthPark office".
		if n := end + 1; n < len(toks) && !toks[n].newline && (toks[n].lower == "office" || toks[n].lower == "branch" || toks[n].lower == "location") && end-first <= 1 &&
			(leadWord == "our" || leadWord == "the" || leadWord == "their") && !l.isCommonWord(toks[end].lower) {
			add(Span{Start: toks[first].start, End: toks[end].end, Category: Location, Detector: DetectorContext, Confidence: 0.6})
		}
		if end > i {
			i = end
		}
	}
}

// weakStreet are street types that are also ordinary words; a run ending
// in one needs a word that is no common word.
var weakStreet = wordSet(strings.Fields(`court ct way place pl circle trail square loop row alley plaza crescent close run path walk terrace`))

// unlistedPlace reports a capitalised run that reads as a place name no
// list holds: words that are neither common words, months, nor a listed
// first name alone (which is more likely a person).
func unlistedPlace(toks []token, i, end int, l *lexicon) bool {
	for k := i; k <= end; k++ {
		t := &toks[k]
		if t.kind != tokWord {
			continue
		}
		if l.isCommonWord(t.lower) || monthWeekWords[t.lower] || notNames[t.lower] || clinicalAbbrev[t.lower] || titles[t.lower] || demonyms[t.lower] || clinicalTerms[t.lower] || drugs[t.lower] {
			return false
		}
	}
	if end == i && l.isFirstName(toks[i].lower) && l.firstCount(toks[i].lower) >= 500 {
		return false
	}
	return true
}

func moveVerb(w string) bool {
	switch w {
	case "moved", "move", "moving", "relocated", "relocating", "relocate", "went", "go", "going", "drove", "flew", "fly", "flying", "travel", "traveled", "travelled", "trip", "back", "returned", "returning", "deported", "transferred":
		return true
	}
	return false
}

// properIn reports a word in toks[s..e] that names something: not a common
// word, or a listed place or name.
func properIn(toks []token, s, e int, l *lexicon) bool {
	for k := s; k <= e; k++ {
		t := &toks[k]
		if t.kind != tokWord || genericModifiers[t.lower] || stopWords[t.lower] {
			continue
		}
		if !l.isCommonWord(t.lower) || placeWord(l, t.lower) || l.isFirstName(t.lower) || l.isSurname(t.lower) {
			return true
		}
	}
	return false
}

// allGeneric reports that toks[s..e] holds only generic words, so that
// "the Crisis Center" is no name.
func allGeneric(toks []token, s, e int) bool {
	for k := s; k <= e; k++ {
		if toks[k].kind == tokWord && !genericModifiers[toks[k].lower] {
			return false
		}
	}
	return true
}

func placeWord(l *lexicon, w string) bool {
	_, ok := l.places[w]
	return ok
}

// ofTail extends an organisation over "of" and the name after it:
// "University of Minnesota", "Hospice of the Valley", "Port of Tacoma".
func ofTail(toks []token, last int, l *lexicon) int {
	k := last + 1
	if k+1 >= len(toks) || toks[k].lower != "of" || toks[k].newline || toks[k+1].newline {
		return last
	}
	j := k + 1
	if toks[j].lower == "the" && j+1 < len(toks) {
		j++
	}
	e := -1
	for n := 0; j < len(toks) && n < 4 && !toks[j].newline && toks[j].kind == tokWord; n++ {
		t := &toks[j]
		if stopWords[t.lower] || commonVerbs[t.lower] || clinicalAbbrev[t.lower] && t.flat || !t.flat && !t.cap {
			break
		}
		if t.flat && l.isCommonWord(t.lower) && !placeWord(l, t.lower) && !isNameWord(l, t) && !orgEnds[t.lower] {
			break
		}
		e = j
		j++
	}
	if e < 0 {
		return last
	}
	return e
}

// headOrgs finds, in any casing, a name that ends in a facility head:
// "commons climbing gym", "washoe county human services", "jenks hs",
// "OUR LADY OF PEACE" aside (see saints), "u of m", "boynton health".
// Sentence-case runs are left to capitalRuns.
func headOrgs(toks []token, l *lexicon, add func(Span)) {
	for i := range toks {
		t := &toks[i]
		if t.kind != tokWord || t.cap && !t.flat || !t.is(cStrongHead|cWeakHead|cSuffixHead|cOrgStart) {
			continue
		}
		w := t.lower
		// "u of m", "univ of chicago", "university of utah health"
		if (w == "u" || w == "univ" || w == "university" || w == "college" || w == "bank" || w == "port") && i+2 < len(toks) && toks[i+1].lower == "of" && !toks[i+1].newline && !toks[i+2].newline && toks[i+2].kind == tokWord && !stopWords[toks[i+2].lower] {
			e := ofTail(toks, i, l)
			if e == i && len(toks[i+2].text) <= 3 && !clinicalAbbrev[toks[i+2].lower] {
				e = i + 2 // "u of m"
			}
			if e > i {
				for e+1 < len(toks) && !toks[e+1].newline && toks[e+1].kind == tokWord && (orgEnds[toks[e+1].lower] || toks[e+1].lower == "dearborn") {
					e++
				}
				add(Span{Start: t.start, End: toks[e].end, Category: Org, Detector: DetectorContext, Confidence: 0.7})
			}
			continue
		}
		strong, weak, suffix := strongOrgHeads[w], weakOrgHeads[w], orgSuffixHeads[w]
		if !strong && !weak && !suffix {
			continue
		}
		if !t.flat && !suffix {
			continue // in sentence case an organisation's name has capitals
		}
		if (w == "ms" || w == "es" || w == "hs") && i+1 < len(toks) && toks[i+1].text == "." && toks[i+1].space == false && i+2 < len(toks) && toks[i+2].kind == tokWord {
			continue // "ms. hale" is a title
		}
		// Walk back over the modifiers.
		s := i
		mods := 0
		for k := i - 1; k >= 0 && mods < 4 && !toks[k+1].newline; k-- {
			m := &toks[k]
			if m.kind == tokPunct {
				if (m.text == "'" || m.text == "’" || m.text == "-" || m.text == "&") && !m.space && k > 0 {
					continue
				}
				if m.text == "." && k > 0 && (toks[k-1].lower == "st" || len(toks[k-1].text) == 1) {
					continue
				}
				break
			}
			if m.kind == tokNum {
				break
			}
			if m.lower == "s" && k > 0 && (toks[k-1].text == "'" || toks[k-1].text == "’") {
				continue
			}
			if stopWords[m.lower] || commonVerbs[m.lower] || personVerbs[m.lower] || clinicalAbbrev[m.lower] && !orgEnds[m.lower] || relations[m.lower] || titles[m.lower] && !(m.lower == "st") || monthWeekWords[m.lower] || nameLabels[m.lower] {
				break
			}
			if m.cap && !m.flat && !t.flat {
				break // a capitalised run is capitalRuns' business
			}
			if verbShaped(l, m.lower) && !strongOrgHeads[m.lower] && !weakOrgHeads[m.lower] && !(k == i-1 && strings.HasSuffix(m.lower, "ing")) {
				break // "completes assigned practice"; "climbing gym" is a compound
			}
			if clinicalTerms[m.lower] || drugs[m.lower] || demonyms[m.lower] {
				break
			}
			s = k
			mods++
		}
		if mods == 0 {
			continue
		}
		mod := func(k int) bool { return toks[k].kind == tokWord }
		proper, generic := false, true
		for k := s; k < i; k++ {
			if !mod(k) {
				continue
			}
			m := &toks[k]
			if !genericModifiers[m.lower] {
				generic = false
			}
			if !genericModifiers[m.lower] && !verbShaped(l, m.lower) && (!l.isCommonWord(m.lower) || placeWord(l, m.lower) || isNameWord(l, m)) {
				proper = true
			}
		}
		switch {
		case generic:
			continue
		case suffix && !proper:
			continue // "sparks ms" needs "sparks" to name something
		case weak && !strong && !proper:
			continue
		case strong && !proper && mods < 2:
			continue // "climbing gym" is no name; "disability resource center" is
		}
		e := i
		if e+2 < len(toks) && (toks[e+1].text == "'" || toks[e+1].text == "’") && toks[e+2].lower == "s" {
			e += 2
		}
		e = ofTail(toks, e, l)
		for e+1 < len(toks) && !toks[e+1].newline && toks[e+1].kind == tokWord && (strongOrgHeads[toks[e+1].lower] || weakOrgHeads[toks[e+1].lower] && !commonVerbs[toks[e+1].lower]) && !(toks[e+1].cap && !toks[e+1].flat) {
			e++
		}
		add(Span{Start: toks[s].start, End: toks[e].end, Category: Org, Detector: DetectorContext, Confidence: 0.65})
	}
}

// saints finds institutions named for a saint or for Our Lady, in any
// case: "st. vincent", "St. Pius V", "ST. MATTHEWS EPISCOPAL", "Our Lady
// of Guadalupe Parish"; a listed place ("St. Louis") is a place.
func saints(toks []token, l *lexicon, add func(Span)) {
	for i := 0; i+1 < len(toks); i++ {
		t := &toks[i]
		if t.kind != tokWord || !t.is(cSaint) {
			continue
		}
		w := t.lower
		var s, j int
		switch {
		case w == "st" || w == "saint" || w == "ste" || w == "sts":
			if p := i - 1; p >= 0 && !toks[i].newline && (toks[p].kind == tokNum || toks[p].kind == tokWord && !stopWords[toks[p].lower] && !orgLeads[toks[p].lower] && !placeLeads[toks[p].lower] && !commonVerbs[toks[p].lower] && !personVerbs[toks[p].lower] && toks[p].lower != "attends" && toks[p].lower != "@") {
				continue // "Main St.", "s 6th st"
			}
			s, j = i, i+1
			if toks[j].text == "." {
				j++
			}
		case w == "our" && i+3 < len(toks) && toks[i+1].lower == "lady" && toks[i+2].lower == "of":
			s, j = i, i+3
		default:
			continue
		}
		if j >= len(toks) || toks[j].newline || toks[j].kind != tokWord || stopWords[toks[j].lower] || monthWeekWords[toks[j].lower] {
			continue
		}
		if !toks[j].cap && !toks[j].flat {
			continue
		}
		e := j
		for k := j + 1; k < len(toks) && !toks[k].newline && k <= j+5; k++ {
			tk := &toks[k]
			if tk.kind == tokPunct {
				if (tk.text == "'" || tk.text == "’") && k+1 < len(toks) && toks[k+1].lower == "s" {
					continue
				}
				break
			}
			if tk.kind != tokWord {
				break
			}
			if tk.lower == "s" && (toks[k-1].text == "'" || toks[k-1].text == "’") {
				e = k
				continue
			}
			if tk.lower == "of" || tk.lower == "the" {
				continue
			}
			isHead := orgEnds[tk.lower] || strongOrgHeads[tk.lower] || weakOrgHeads[tk.lower] || orgSuffixHeads[tk.lower]
			properNext := tk.cap && !tk.flat || tk.flat && (isHead || len(tk.text) <= 2 && tk.allCaps || !l.isCommonWord(tk.lower) && nameScore(tk, l) >= maybeName || episcopal[tk.lower])
			if !properNext || stopWords[tk.lower] || monthWeekWords[tk.lower] || commonVerbs[tk.lower] {
				break
			}
			e = k
		}
		key := joinLower(toks, s, min(e, s+3))
		if _, ok := l.places[strings.Replace(key, "saint ", "st ", 1)]; ok {
			add(Span{Start: toks[s].start, End: toks[e].end, Category: Location, Detector: DetectorContext, Confidence: 0.7})
		} else if k := joinLower(toks, s, e); !strings.Contains(k, "patrick's day") && !strings.Contains(k, "patricks day") {
			add(Span{Start: toks[s].start, End: toks[e].end, Category: Org, Detector: DetectorContext, Confidence: 0.7})
		}
		i = e
	}
}

// episcopal are denominations written after a saint's name.
var episcopal = wordSet(strings.Fields(`episcopal catholic lutheran methodist baptist presbyterian orthodox anglican`))

// counties finds "X County" in any case, and takes an institution of the
// county whole: "montgomery county", "Maricopa County Superior Court",
// "washoe county human services".
func counties(toks []token, l *lexicon, add func(Span)) {
	for i := 1; i < len(toks); i++ {
		t := &toks[i]
		if t.kind != tokWord || t.lower != "county" && t.lower != "parish" && t.lower != "co" {
			continue
		}
		if t.lower == "co" && !(i+1 < len(toks) && toks[i+1].text == ".") {
			continue
		}
		p := i - 1
		if toks[p].kind != tokWord || toks[i].newline || stopWords[toks[p].lower] || commonVerbs[toks[p].lower] || genericModifiers[toks[p].lower] && !placeWord(l, toks[p].lower) {
			continue
		}
		if t.lower == "parish" && !placeWord(l, toks[p].lower+" parish") {
			continue
		}
		s := p
		if p-1 >= 0 && toks[p-1].kind == tokWord && !toks[p].newline && (placeWord(l, joinLower(toks, p-1, i)) || toks[p-1].cap && !toks[p-1].flat && !toks[p-1].sentStart && !stopWords[toks[p-1].lower] && !l.isCommonWord(toks[p-1].lower) || toks[p-1].lower == "el" || toks[p-1].lower == "san" || toks[p-1].lower == "st") {
			s = p - 1
		}
		if toks[s].cap != toks[i].cap && !toks[i].flat {
			continue // "Lincoln county" mixed is rarely a county name
		}
		e := i
		if e+1 < len(toks) && toks[e+1].text == "." {
			e++
		}
		org := false
		for k := e + 1; k < len(toks) && k <= e+4 && !toks[k].newline && toks[k].kind == tokWord; k++ {
			if orgEnds[toks[k].lower] || strongOrgHeads[toks[k].lower] || weakOrgHeads[toks[k].lower] || courtWords[toks[k].lower] {
				if stopWords[toks[k].lower] || commonVerbs[toks[k].lower] {
					break
				}
				e = k
				org = orgEnds[toks[k].lower] || strongOrgHeads[toks[k].lower] || weakOrgHeads[toks[k].lower] || org
				continue
			}
			break
		}
		cat := Location
		if org {
			cat = Org
		}
		add(Span{Start: toks[s].start, End: toks[e].end, Category: cat, Detector: DetectorContext, Confidence: 0.8})
	}
}

var courtWords = wordSet(strings.Fields(`superior circuit district family juvenile municipal probate supreme human housing detention sheriff's sheriffs health court courts jail services`))

// flatGazetteer finds, in lower case or capitals, listed places after a
// word of place ("lives in council bluffs", "FROM ERIE") and listed
// organisations ("UPMC MERCY").
func flatGazetteer(toks []token, l *lexicon, add func(Span)) {
	for i := range toks {
		t := &toks[i]
		if t.kind != tokWord || !t.flat {
			continue
		}
		// Listed organisations of two or more words.
		for e := min(len(toks)-1, i+l.orgLenOf(t.lower)-1); e > i; e-- {
			if toks[e].newline || toks[e].kind != tokWord {
				continue
			}
			if l.orgs[joinLower(toks, i, e)] && sameLine(toks, i, e) && !stopWords[t.lower] {
				add(Span{Start: t.start, End: toks[e].end, Category: Org, Detector: DetectorGazetteer, Confidence: 0.7})
				break
			}
		}
		p := prevTok(toks, i)
		if p < 0 || toks[p].kind != tokWord || !placeLeads[toks[p].lower] && toks[p].lower != "near" {
			continue
		}
		strongLead := p >= 1 && (moveVerb(toks[p-1].lower) || toks[p-1].lower == "lives" || toks[p-1].lower == "living" || toks[p-1].lower == "lived" || toks[p-1].lower == "born" || toks[p-1].lower == "staying" || toks[p-1].lower == "stays" || toks[p-1].lower == "called" || toks[p-1].lower == "visiting" || toks[p-1].lower == "home") || toks[p].lower == "near"
		for e := min(len(toks)-1, i+l.placeLenOf(t.lower)-1); e >= i; e-- {
			if !sameLine(toks, i, e) || toks[e].kind != tokWord {
				continue
			}
			key := joinLower(toks, i, e)
			pop, ok := l.places[key]
			if !ok || stopWords[t.lower] || clinicalAbbrev[key] || monthWeekWords[key] {
				continue
			}
			common := l.isCommonWord(key) || e == i && isNameWord(l, t) && l.firstCount(t.lower) >= 2000
			if common && !((strongLead || toks[p].lower == "from" || toks[p].lower == "in") && pop >= 20000 && !l.isCommonWord(key)) {
				continue
			}
			if e == i && len(key) <= 3 {
				continue
			}
			add(Span{Start: t.start, End: toks[e].end, Category: Location, Detector: DetectorGazetteer, Confidence: 0.7})
			break
		}
	}
}

func sameLine(toks []token, i, e int) bool {
	for k := i + 1; k <= e; k++ {
		if toks[k].newline {
			return false
		}
	}
	return true
}

// acronymOrgs finds an organisation written as an acronym where an
// employer, school or hospital is expected: "freshman at KU", "works at
// REI". Clinical abbreviations ("at AA", "to ER") are not organisations.
func acronymOrgs(toks []token, l *lexicon, add func(Span)) {
	for i := 1; i < len(toks); i++ {
		t := &toks[i]
		if t.kind != tokWord || len(t.text) < 2 || len(t.text) > 6 {
			continue
		}
		p := prevTok(toks, i)
		if p < 0 || !(toks[p].lower == "at" || toks[p].text == "@" || toks[p].lower == "for" && p >= 1 && employVerb(toks[p-1].lower) || toks[p].lower == "from" && p >= 1 && (toks[p-1].lower == "graduated" || toks[p-1].lower == "retired" || toks[p-1].lower == "discharged")) {
			continue
		}
		w := t.lower
		if clinicalAbbrev[w] || stopWords[w] || notNames[w] || l.states[w] != "" || credentials[w] || monthWeekWords[w] || titles[w] {
			continue
		}
		switch {
		case t.allCaps && !t.flat:
		case t.flat && !l.isCommonWord(w) && len(w) <= 4 && isNameShape(w) && !isNameWord(l, t):
		default:
			continue
		}
		if n := nextTok(toks, i); n >= 0 && (toks[n].text == "-" || toks[n].kind == tokNum) && !toks[n].space {
			continue // a code
		}
		add(Span{Start: t.start, End: t.end, Category: Org, Detector: DetectorContext, Confidence: 0.6})
	}
}

// roads finds numbered roads ("hwy 75", "I-40", "route 9", "county rd 12",
// "STATE ROUTE 29") and, in lower case or capitals, streets named without
// a house number after "on", "at", "near", "off" ("on s 6th st", "ON
// PULASKI HWY").
func roads(toks []token, l *lexicon, add func(Span)) {
	for i := range toks {
		t := &toks[i]
		if t.kind != tokWord || !t.is(cRoad|cStreet) {
			continue
		}
		w := t.lower
		// Numbered roads.
		if roadWords[w] || w == "i" && t.cap || w == "us" && t.allCaps || w == "sr" && t.allCaps {
			s := i
			if p := i - 1; p >= 0 && !toks[i].newline && (toks[p].lower == "state" || toks[p].lower == "county" || toks[p].lower == "us" || toks[p].lower == "farm") {
				s = p
			}
			j := i + 1
			if j < len(toks) && toks[j].text == "-" && !toks[j].space {
				j++
			} else if j < len(toks) && toks[j].text == "." && !toks[j].space {
				j++
			}
			if j < len(toks) && toks[j].kind == tokNum && len(toks[j].text) <= 3 && !toks[j].newline && (w != "i" || toks[j-1].text == "-") && (w != "us" && w != "sr" || toks[j].space) {
				e := j
				if e+1 < len(toks) && toks[e+1].kind == tokWord && len(toks[e+1].text) == 1 && !toks[e+1].space {
					e++ // "I-35E"
				}
				add(Span{Start: toks[s].start, End: toks[e].end, Category: Location, Detector: DetectorContext, Confidence: 0.8})
			}
			continue
		}
		if !streetTypes[w] || t.cap && !t.flat {
			continue
		}
		if (w == "dr" || w == "ct" || w == "st" && i+1 < len(toks) && toks[i+1].text == "." && i+2 < len(toks) && toks[i+2].kind == tokWord && toks[i+2].cap) && !(i+1 >= len(toks) || toks[i+1].newline || toks[i+1].text == "," || toks[i+1].text == ";") {
			continue // "dr patel", "st. olaf"
		}
		// Modifiers back to a lead word.
		s := -1
		mods := 0
		lead := ""
		for k := i - 1; k >= 0 && mods < 4 && !toks[k+1].newline; k-- {
			m := &toks[k]
			if m.kind == tokPunct {
				if m.text == "." && k > 0 && len(toks[k-1].text) == 1 {
					continue
				}
				break
			}
			if m.kind == tokWord && (roadLeads[m.lower] || stopWords[m.lower] || commonVerbs[m.lower]) {
				lead = m.lower
				break
			}
			if m.kind == tokWord && (clinicalAbbrev[m.lower] && len(m.text) > 1 && !directions[m.lower] || personVerbs[m.lower] || monthWeekWords[m.lower]) {
				break
			}
			s = k
			mods++
		}
		if s < 0 || !roadLeads[lead] {
			continue
		}
		if toks[s].kind == tokNum && mods == 1 {
			continue // "on 3 ave" is rare; a house number is the pattern's job
		}
		add(Span{Start: toks[s].start, End: t.end, Category: Location, Detector: DetectorContext, Confidence: 0.7})
	}
}

var roadWords = wordSet(strings.Fields(`hwy highway route rte interstate i- sr fm`))

var roadLeads = wordSet(strings.Fields(`on at off near along down up onto via past by to from lives live living moved across corner`))

var directions = wordSet(strings.Fields(`n s e w ne nw se sw north south east west northeast northwest southeast southwest`))

// countries a client or relative may come from or live in; the gazetteer
// holds US places only.
var countries = map[string]bool{
	"mexico": true, "canada": true, "guatemala": true, "honduras": true, "el salvador": true,
	"cuba": true, "haiti": true, "jamaica": true, "puerto rico": true, "dominican republic": true,
	"colombia": true, "venezuela": true, "peru": true, "ecuador": true, "brazil": true, "argentina": true,
	"chile": true, "nicaragua": true, "ireland": true, "england": true, "scotland": true, "wales": true,
	"france": true, "germany": true, "italy": true, "spain": true, "portugal": true, "poland": true,
	"ukraine": true, "russia": true, "greece": true, "turkey": true, "israel": true, "iran": true,
	"iraq": true, "syria": true, "lebanon": true, "egypt": true, "nigeria": true, "ghana": true,
	"kenya": true, "ethiopia": true, "somalia": true, "south africa": true, "india": true, "pakistan": true,
	"bangladesh": true, "afghanistan": true, "china": true, "japan": true, "korea": true, "south korea": true,
	"vietnam": true, "philippines": true, "thailand": true, "cambodia": true, "laos": true, "australia": true,
	"new zealand": true, "sweden": true, "norway": true, "netherlands": true, "belgium": true,
	"switzerland": true, "austria": true, "romania": true, "hungary": true, "bosnia": true, "albania": true,
	"nepal": true, "burma": true, "myanmar": true, "indonesia": true, "taiwan": true, "hong kong": true,
	"sudan": true, "eritrea": true, "congo": true, "liberia": true, "senegal": true, "morocco": true,
}

func employVerb(w string) bool {
	switch w {
	case "works", "worked", "work", "working", "employed", "job", "hired", "employment", "drive", "drives", "commute", "interview", "quit", "from", "hours", "shop", "store", "intern", "interning", "volunteers", "manager", "teaches", "teacher", "nurse", "position", "shift", "shifts", "career", "fired", "laid", "cashier", "barista", "freshman", "sophomore", "junior", "senior", "student", "studies", "enrolled", "rn", "tech", "server", "dealer", "resident":
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

// orgLabels are field labels an organisation follows ("Insurance:").
var orgLabels = wordSet(strings.Fields(`insurance insurer payer payor employer school college university hospital facility agency pharmacy program plan carrier company church`))

// orgPlace reports a capitalised run (toks[first..end]) where an
// organisation is expected: after "at", "from", "with", "for" or an
// organisation's field label, or a business's possessive after "at" or
// "the". A listed first name, a place, a month or a relation is not.
func orgPlace(toks []token, i, first, end, lead int, leadWord string, l *lexicon) bool {
	t := &toks[first]
	if t.sentStart && first == i || t.allCaps && len(t.text) <= 3 && end == first {
		return false
	}
	w := t.lower
	if monthWeekWords[w] || relations[w] || titles[w] || notNames[w] || clinicalAbbrev[w] || stopWords[w] || holidayWords[w] || countries[w] {
		return false
	}
	if _, ok := l.places[joinLower(toks, first, end)]; ok {
		return false
	}
	if l.states[joinLower(toks, first, end)] != "" {
		return false
	}
	possessive := end+2 < len(toks) && (toks[end+1].text == "'" || toks[end+1].text == "’") && toks[end+2].lower == "s" && !toks[end+1].space
	if possessive && (leadWord == "at" || leadWord == "the" || leadWord == "from") {
		return true // "at Braum's", "the Fry's parking lot"
	}
	if demonyms[w] || clinicalTerms[w] || drugs[w] {
		return false
	}
	if l.firstCount(w) >= 500 && !(end > first && !isNameWord(l, &toks[end])) {
		return false // "with Sarah", "at Rory Dolan" (unless 's)
	}
	if lead >= 1 && toks[lead].lower == ":" {
		return false
	}
	if p := prevTok(toks, i); p >= 1 && toks[p].text == ":" && orgLabels[toks[p-1].lower] {
		return true
	}
	switch leadWord {
	case "at", "from", "with", "@":
		// Not "from Dr. X", not a list of people.
		return !l.isCommonWord(w) || end > first
	}
	return false
}

// numberedOrgs finds "Local 608", "VFW Post 2503", "Station 14".
func numberedOrgs(toks []token, add func(Span)) {
	for i := 0; i+1 < len(toks); i++ {
		t := &toks[i]
		if t.kind != tokWord || !t.is(cUnit) || toks[i+1].kind != tokNum || toks[i+1].newline || len(toks[i+1].text) > 5 {
			continue
		}
		if !t.cap && !t.flat {
			continue
		}
		s := i
		if p := i - 1; p >= 0 && !t.newline && toks[p].kind == tokWord && (toks[p].allCaps && len(toks[p].text) <= 5 || toks[p].cap && !toks[p].sentStart) && !stopWords[toks[p].lower] {
			s = p
		}
		if s == i && (t.lower == "unit" || t.lower == "company" || t.lower == "ward") {
			continue
		}
		add(Span{Start: toks[s].start, End: toks[i+1].end, Category: Org, Detector: DetectorContext, Confidence: 0.6})
	}
}

var unitWords = wordSet(strings.Fields(`local post station lodge chapter troop precinct engine ladder company ward`))

// abstractNoun reports a word shaped like an abstract or technical noun
// ("desirability", "symbolism", "inertia"): no brand or place name.
func abstractNoun(w string) bool {
	if hasNonNameSuffix(w) {
		return true
	}
	for _, suf := range []string{"ics", "ure", "ship", "hood", "dom", "ory", "ery", "ium", "ia", "ogy", "ism", "ist", "sis", "tic", "nal", "ive"} {
		if strings.HasSuffix(w, suf) && len(w) > len(suf)+3 {
			return true
		}
	}
	return false
}
