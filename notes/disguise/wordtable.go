package disguise

import "hash/maphash"

// wordEntry is everything the lexicon and the word classes say of one
// lower-case word, so that a token is looked up once, in one place in
// memory: detection spends much of its time on lookups in lists of a
// hundred thousand words, and a Go map of strings costs two or three
// trips to memory a lookup where this table costs one.
type wordEntry struct {
	h          uint64 // the word's hash; 0 is an empty slot
	info       wordInfo
	class      wordClass
	plen, olen uint8 // the most words of a listed place / organisation (2+ words) it starts
	flags      uint8
}

const (
	inInfo = 1 << iota // the word is in the name or word lists (info is its entry)
	isOrg1             // a one-word organisation name ("Walmart")
)

// wordTable maps a word's 64-bit hash to its entry by open addressing.
// Two words that share a 64-bit hash would share an entry; among the
// lists' 150,000 words the chance that any text holds such a pair is
// negligible (about 10^-9).
type wordTable struct {
	slots []wordEntry
	mask  uint64
	seed  maphash.Seed
}

func newWordTable(n int) *wordTable {
	size := 1
	for size*5 < n*8 { // at most 5/8 full
		size <<= 1
	}
	return &wordTable{slots: make([]wordEntry, size), mask: uint64(size - 1), seed: maphash.MakeSeed()}
}

func (t *wordTable) hash(w string) uint64 {
	h := maphash.String(t.seed, w)
	if h == 0 {
		h = 1
	}
	return h
}

// find returns w's entry, or nil.
func (t *wordTable) find(w string) *wordEntry {
	h := t.hash(w)
	for i := h & t.mask; ; i = (i + 1) & t.mask {
		e := &t.slots[i]
		switch e.h {
		case h:
			return e
		case 0:
			return nil
		}
	}
}

// entry returns w's entry, adding an empty one if there is none.
func (t *wordTable) entry(w string) *wordEntry {
	h := t.hash(w)
	for i := h & t.mask; ; i = (i + 1) & t.mask {
		e := &t.slots[i]
		if e.h == h {
			return e
		}
		if e.h == 0 {
			e.h = h
			return e
		}
	}
}

// buildWords fills the lexicon's word table from its lists; getLexicon
// adds the word classes (withClasses).
func (l *lexicon) buildWords() {
	n := len(l.info) + 4096 + len(l.placeLen) + len(l.orgLen) + len(l.orgs1)
	t := newWordTable(n)
	for w, i := range l.info {
		e := t.entry(w)
		e.info, e.flags = i, e.flags|inInfo
	}
	for w, n := range l.placeLen {
		t.entry(w).plen = uint8(min(n, 255))
	}
	for w, n := range l.orgLen {
		t.entry(w).olen = uint8(min(n, 255))
	}
	for w := range l.orgs1 {
		e := t.entry(w)
		e.flags |= isOrg1
	}
	l.words = t
}

// withClasses adds the word classes to the table, once, before anyone
// looks a word up (getLexicon calls it).
func (l *lexicon) withClasses() {
	l.classesOnce.Do(func() {
		cl := classesOf()
		if len(cl) > 4096 {
			panic("disguise: more word classes than the word table has room for") // a build defect the tests catch
		}
		for w, c := range cl {
			l.words.entry(w).class = c
		}
	})
}

// classesOf is wordClasses, reached through a variable: some classes come
// from the patterns, whose checks use the lexicon, and a direct call would
// make the package's initialisation a cycle.
var classesOf func() map[string]wordClass

func init() { classesOf = wordClasses }

var noEntry wordEntry

// word returns w's entry (an empty one for a word no list holds).
func (l *lexicon) word(w string) *wordEntry {
	if e := l.words.find(w); e != nil {
		return e
	}
	return &noEntry
}
