package main

import (
	"fmt"
	"strings"

	"github.com/confidenotes/confide/notes/disguise/tagger"
)

// counts are entity-level figures: an entity is right when its offsets
// and kind both match the gold one.
type counts struct{ tp, fp, fn int }

func (c counts) prf() (p, r, f float64) {
	if c.tp+c.fp > 0 {
		p = float64(c.tp) / float64(c.tp+c.fp)
	}
	if c.tp+c.fn > 0 {
		r = float64(c.tp) / float64(c.tp+c.fn)
	}
	if p+r > 0 {
		f = 2 * p * r / (p + r)
	}
	return
}

type scores struct {
	byKind  map[tagger.Kind]*counts
	all     counts
	covered int // gold entities whose every non-space byte a predicted entity covers
	gold    int
}

func score(m *tagger.Model, exs []tagger.Example, minMargin float64) scores {
	s := scores{byKind: map[tagger.Kind]*counts{tagger.Person: {}, tagger.Location: {}, tagger.Organisation: {}}}
	for _, ex := range exs {
		pred := m.Tag(ex.Text)
		kept := pred[:0]
		for _, p := range pred {
			if p.Margin >= minMargin {
				kept = append(kept, p)
			}
		}
		pred = kept
		type key struct {
			s, e int
			k    tagger.Kind
		}
		gold := map[key]bool{}
		for _, g := range ex.Entities {
			gold[key{g.Start, g.End, g.Kind}] = true
		}
		hit := map[key]bool{}
		for _, p := range pred {
			k := key{p.Start, p.End, p.Kind}
			if gold[k] {
				s.byKind[p.Kind].tp++
				hit[k] = true
			} else {
				s.byKind[p.Kind].fp++
			}
		}
		for _, g := range ex.Entities {
			s.gold++
			if !hit[key{g.Start, g.End, g.Kind}] {
				s.byKind[g.Kind].fn++
			}
			if coveredBy(ex.Text, g, pred) {
				s.covered++
			}
		}
	}
	for _, c := range s.byKind {
		s.all.tp += c.tp
		s.all.fp += c.fp
		s.all.fn += c.fn
	}
	return s
}

func coveredBy(text string, g tagger.Span, pred []tagger.Entity) bool {
	for i := g.Start; i < g.End; i++ {
		if text[i] == ' ' {
			continue
		}
		in := false
		for _, p := range pred {
			if p.Start <= i && i < p.End {
				in = true
				break
			}
		}
		if !in {
			return false
		}
	}
	return true
}

// figuresReport measures the model on every held-out set, as written and
// in lower case and capitals, each set on its own.
func figuresReport(m *tagger.Model, tests []evalSet, size int64, seed uint64, epochs int, bits uint, synthN, trainTexts int) string {
	var b strings.Builder
	fmt.Fprintf(&b, "# Learned tagger: held-out figures\n\n")
	fmt.Fprintf(&b, "Written by `make train-detector` (cmd/train-detector): seed %d, %d epochs, 2^%d weight rows, %d generated notes, %d training texts in all (each also in one other casing); model file %d bytes.\n\n", seed, epochs, bits, synthN, trainTexts, size)
	fmt.Fprintf(&b, "Entity-level: an entity counts when its offsets and kind both match. \"Covered\" is the share of gold entities whose every non-space character lies in some predicted entity, of any kind (how the detector's score counts a catch). Each set is reported on its own; none is pooled.\n\n")
	fmt.Fprintf(&b, "| set | casing | entities | P | R | F1 | PERSON F1 | LOCATION F1 | ORG F1 | covered |\n|---|---|---:|---:|---:|---:|---:|---:|---:|---:|\n")
	for _, t := range tests {
		for _, c := range []struct {
			name string
			mode int
		}{{"as written", 0}, {"lower case", caseLower}, {"capitals", caseUpper}} {
			exs := t.ex
			if c.mode != 0 {
				exs = make([]tagger.Example, len(t.ex))
				for i, e := range t.ex {
					exs[i] = recase(e, c.mode)
				}
			}
			s := score(m, exs, 0)
			p, r, f := s.all.prf()
			_, _, fp := s.byKind[tagger.Person].prf()
			_, _, fl := s.byKind[tagger.Location].prf()
			_, _, fo := s.byKind[tagger.Organisation].prf()
			fmt.Fprintf(&b, "| %s | %s | %d | %.3f | %.3f | %.3f | %.3f | %.3f | %.3f | %.3f |\n", t.name, c.name, s.gold, p, r, f, fp, fl, fo, float64(s.covered)/float64(max(s.gold, 1)))
		}
	}
	fmt.Fprintf(&b, "\nPrecision and covered recall by minimum margin (as written):\n\n| set | margin >= 0 | >= 1 | >= 2 | >= 4 |\n|---|---|---|---|---|\n")
	for _, t := range tests {
		fmt.Fprintf(&b, "| %s |", t.name)
		for _, mm := range []float64{0, 1, 2, 4} {
			s := score(m, t.ex, mm)
			p, _, _ := s.all.prf()
			fmt.Fprintf(&b, " P %.3f, covered %.3f |", p, float64(s.covered)/float64(max(s.gold, 1)))
		}
		b.WriteString("\n")
	}
	return b.String()
}
