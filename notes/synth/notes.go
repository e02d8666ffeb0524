package synth

import "time"

// templateFor picks the layout of a note of the given kind.
func (g *Generator) templateFor(kind string) (template, layout string) {
	switch kind {
	case "intake":
		return "free", "intake"
	case "treatment-plan":
		return "free", "plan"
	case "contact":
		return "free", "contact"
	case "termination":
		return "free", "termination"
	case "psychotherapy":
		return "free", "psychotherapy"
	case "other":
		return "free", "other"
	}
	t := []string{"soap", "dap", "birp", "girp"}[g.rng.IntN(4)]
	return t, t
}

// noteBytes is the target length of a note, about 2.5 KB.
const noteBytes = 2500

func (g *Generator) note(c *Client, ci int, kind string, date time.Time) Note {
	tmpl, layout := g.templateFor(kind)
	secs := layouts[layout]
	w := &writer{g: g, c: c, date: date, buf: make([]byte, 0, noteBytes+600)}
	lib := compiledSentences()
	n := Note{Client: ci, Kind: kind, Template: tmpl, Date: date, Sections: make([]Section, 0, len(secs))}
	per := noteBytes / len(secs)
	bounds := make([][2]int, 0, len(secs))
	for _, s := range secs {
		w.lit(s[0])
		w.lit(":\n")
		start := len(w.buf)
		pool, plainPool := lib[s[1]], lib["plain"]
		order := g.rng.Perm(len(pool))
		for k, used := 0, 0; len(w.buf)-start < per; k++ {
			if k > 0 {
				w.lit(" ")
			}
			if k > 0 && g.chance(0.45) {
				w.sentence(plainPool[g.rng.IntN(len(plainPool))])
				continue
			}
			w.sentence(pool[order[used%len(order)]])
			used++
		}
		bounds = append(bounds, [2]int{start, len(w.buf)})
		w.lit("\n\n")
	}
	n.Text = string(w.buf[:len(w.buf)-2])
	for i, s := range secs {
		n.Sections = append(n.Sections, Section{Heading: s[0], Text: n.Text[bounds[i][0]:bounds[i][1]]})
	}
	n.Spans = w.spans
	return n
}
