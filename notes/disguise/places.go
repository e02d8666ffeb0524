package disguise

import "strings"

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
	"ministries": true, "network": true, "children": true, "children's": true, "enterprises": true, "consulting": true, "union": true,
	"dental": true, "transit": true, "plumbing": true, "bakery": true, "foods": true, "software": true,
	"manufacturing": true, "body": true, "shop": true, "salon": true, "diner": true, "grill": true,
	"hotel": true, "inn": true, "farms": true, "construction": true, "electric": true, "realty": true,
	"properties": true, "staffing": true, "financial": true, "capital": true, "airlines": true,
	"express": true, "media": true, "studios": true, "productions": true, "marketing": true,
	"trucking": true, "landscaping": true, "roofing": true, "builders": true, "supply": true,
	"warehouse": true, "distribution": true, "pharmaceuticals": true, "labs.": false, "campus": true,
	"cooperative": true, "co-op": true, "ltd": true, "pllc": true, "pc": true, "pa": false,
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
				last := e
				if e+2 < len(toks) && (toks[e+1].text == "'" || toks[e+1].text == "’") && toks[e+2].lower == "s" && !toks[e+1].space {
					last = e + 2 // "Nationwide Children's"
				}
				add(Span{Start: toks[i].start, End: toks[last].end, Category: Org, Detector: DetectorContext, Confidence: 0.8})
				break
			}
		}
		lead := prevWord(toks, i)
		leadWord := ""
		if lead >= 0 && lead == i-1 {
			leadWord = toks[lead].lower
		}
		// "Ohio State", "Kent State": a university.
		if end == i+1 && toks[end].lower == "state" {
			add(Span{Start: toks[i].start, End: toks[end].end, Category: Org, Detector: DetectorContext, Confidence: 0.7})
		}
		// Known organisations (hospital, university, company lists), 2+ words.
		for e := min(end, i+l.maxOrgLen-1); e > i; e-- {
			if l.orgs[joinLower(toks, i, e)] {
				add(Span{Start: toks[i].start, End: toks[e].end, Category: Org, Detector: DetectorGazetteer, Confidence: 0.8})
				break
			}
		}
		// Employer after "works at", "employed by", "job at", "his employer,".
		strong := lead >= 0 && (toks[lead].lower == "employer" || toks[lead].lower == "employment") ||
			orgLeads[leadWord] && lead >= 1 && employVerb(toks[lead-1].lower)
		if strong || leadWord == "outside" && (!l.isCommonWord(toks[i].lower) || toks[i].allCaps || end > i) {
			add(Span{Start: toks[i].start, End: toks[end].end, Category: Org, Detector: DetectorContext, Confidence: 0.7})
		}
		if end == i && l.orgs1[toks[i].lower] && !l.isCommonWord(toks[i].lower) && !isNameWord(l, &toks[i]) {
			add(Span{Start: toks[i].start, End: toks[i].end, Category: Org, Detector: DetectorGazetteer, Confidence: 0.6})
		}
		if end >= i+1 && countries[joinLower(toks, i, min(end, i+1))] {
			add(Span{Start: toks[i].start, End: toks[i+1].end, Category: Location, Detector: DetectorGazetteer, Confidence: 0.8})
		} else if countries[toks[i].lower] {
			add(Span{Start: toks[i].start, End: toks[i].end, Category: Location, Detector: DetectorGazetteer, Confidence: 0.8})
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
				last, conf := e, 0.6
				if stateAfter {
					last = e + 2
				}
				if stateAfter || placeLeads[leadWord] {
					conf = 0.8 // "moved to Columbus": a place even if also a name
				}
				add(Span{Start: toks[i].start, End: toks[last].end, Category: Location, Detector: DetectorGazetteer, Confidence: conf})
				break
			}
		}
		if end > i {
			i = end
		}
	}
}

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
	case "works", "worked", "work", "working", "employed", "job", "hired", "employment", "drive", "commute", "interview", "quit", "from", "hours", "shop", "store", "intern", "interning", "volunteers", "manager", "teaches", "teacher", "nurse", "position", "shift", "shifts", "career", "fired", "laid":
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
