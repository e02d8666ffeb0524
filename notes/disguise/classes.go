package disguise

import "sync"

// wordClass is a set of the word lists a lower-case word belongs to, looked
// up once per token instead of once per list and rule.
type wordClass uint32

const (
	cStop wordClass = 1 << iota
	cCredential
	cNotName
	cClinical
	cDrug
	cTerm
	cDemonym
	cMonthWeek
	cTitle
	cStrongTitle
	cRelation
	cGroupRelation
	cLabel
	cPersonVerb
	cParticle
	cStrongHead
	cWeakHead
	cSuffixHead
	cOrgEnd
	cStreet
	cGeneric
	cCommonVerb
	cLead     // a word after which a name may follow ("named", "by", "dear")
	cRoad     // "hwy", "route", "I" of a numbered road
	cUnit     // "Local", "Post", "Station" before a number
	cNumWord  // a spelled-out number
	cIDKey    // a keyword before a record number
	cCloser   // a letter's closing
	cOrgStart // "u", "univ", "university", "college", "bank", "port"
	cSaint    // "st", "saint", "our"
	cPattern  // the first word of a pattern ("march", "mrn", "zip")
	cHandle   // a word before a social media handle ("instagram", "handle")
)

var (
	classOnce sync.Once
	classes   map[string]wordClass
)

func wordClasses() map[string]wordClass {
	classOnce.Do(func() {
		classes = make(map[string]wordClass, 4096)
		for _, l := range []struct {
			set map[string]bool
			c   wordClass
		}{
			{stopWords, cStop}, {credentials, cCredential}, {notNames, cNotName}, {clinicalAbbrev, cClinical},
			{drugs, cDrug}, {clinicalTerms, cTerm}, {demonyms, cDemonym}, {monthWeekWords, cMonthWeek},
			{titles, cTitle}, {strongTitles, cStrongTitle}, {relations, cRelation}, {groupRelations, cGroupRelation},
			{nameLabels, cLabel}, {personVerbs, cPersonVerb}, {surnameParticles, cParticle},
			{strongOrgHeads, cStrongHead}, {weakOrgHeads, cWeakHead}, {orgSuffixHeads, cSuffixHead}, {orgEnds, cOrgEnd},
			{streetTypes, cStreet}, {genericModifiers, cGeneric}, {commonVerbs, cCommonVerb},
			{wordSet(append(keysOf(personLeads), "by", "is", "its", "it's", "prefers", "for")), cLead},
			{wordSet(append(keysOf(roadWords), "i", "us", "sr")), cRoad}, {unitWords, cUnit},
			{wordSet(keysOf(numWords)), cNumWord}, {idKeywordSet, cIDKey}, {closings, cCloser},
			{wordSet([]string{"u", "univ", "university", "college", "bank", "port"}), cOrgStart},
			{wordSet([]string{"st", "saint", "ste", "sts", "our"}), cSaint},
			{wordSet(keysOf(patternsByWord())), cPattern}, {handleWords, cHandle},
		} {
			for w, ok := range l.set {
				if ok {
					classes[w] |= l.c
				}
			}
		}
	})
	return classes
}

// annotate looks every word token up once: its word classes and what the
// gazetteer says of it.
func annotate(toks []token, l *lexicon) {
	for i := range toks {
		t := &toks[i]
		if t.kind != tokWord {
			continue
		}
		e := l.word(t.lower)
		t.class = e.class
		t.info = l.nameOf(t.lower, e)
	}
}

func (t *token) is(c wordClass) bool { return t.class&c != 0 }

func keysOf[V any](m map[string]V) []string {
	out := make([]string, 0, len(m))
	for k := range m {
		out = append(out, k)
	}
	return out
}
