package disguise

// Casing says what capital letters tell in a stretch of text. In ordinary
// sentence case a capital in mid-sentence is evidence of a name; in text
// typed all in capitals, or all in lower case, it is no evidence at all,
// and the detector must rely on the words around a word instead.
type casing uint8

const (
	caseMixed casing = iota // sentence case: capitals mean something
	caseUpper               // all capitals ("PT SEEN FOR F/U")
	caseLower               // all lower case ("pt aidan sorensen 19yo")
)

// lineWords is how many words a line needs before its own casing is
// judged; a shorter line ("K. RENFROW, LPC") takes the casing of the note.
const lineWords = 4

// judgeCasing sets each word token's casing from its line, or from the
// whole note when the line is too short to tell. A line is upper case when
// nearly all its words are in capitals, and lower case when almost none
// has a capital letter (acronyms such as "PHQ-9" or "SI" aside).
func judgeCasing(toks []token) {
	var note counts
	lines := make([]counts, 0, 16)
	lineOf := make([]int32, len(toks))
	cur := counts{}
	line := int32(0)
	for i := range toks {
		t := &toks[i]
		if t.newline && i > 0 {
			lines = append(lines, cur)
			cur = counts{}
			line++
		}
		lineOf[i] = line
		if t.kind != tokWord {
			continue
		}
		cur.add(t)
		note.add(t)
	}
	lines = append(lines, cur)
	noteCase := note.casing(2)
	for i := range toks {
		t := &toks[i]
		if t.kind != tokWord {
			continue
		}
		c := lines[lineOf[i]]
		if c.words >= lineWords {
			t.casing = c.casing(lineWords)
		} else {
			t.casing = noteCase
		}
		t.flat = t.casing != caseMixed
	}
}

// counts tallies the shapes of a stretch's words: those of two letters or
// more by case, and how its sentences start.
type counts struct {
	words, upper, lower, title int
	capStart, lowerStart       int
}

func (c *counts) add(t *token) {
	if t.sentStart && !t.allCaps {
		if t.cap {
			c.capStart++
		} else {
			c.lowerStart++
		}
	}
	if len(t.text) < 2 {
		return
	}
	c.words++
	switch {
	case t.allCaps:
		c.upper++
	case t.cap && !t.sentStart:
		c.title++
	case !t.cap:
		c.lower++
	}
}

func (c counts) casing(min int) casing {
	switch {
	case c.words < min:
		return caseMixed
	case c.upper*10 >= c.words*8 && c.title*10 <= c.words:
		return caseUpper
	case c.title*12 <= c.words && c.upper*10 <= c.words*4 && c.lower*10 >= c.words*5 && c.lowerStart >= c.capStart:
		return caseLower
	}
	return caseMixed
}
