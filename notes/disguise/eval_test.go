package disguise_test

import (
	"bufio"
	"encoding/json"
	"fmt"
	"os"
	"regexp"
	"sort"
	"strings"
	"testing"

	"github.com/confidenotes/confide/notes/disguise"
	"github.com/confidenotes/confide/notes/synth"
)

// evalCase is one annotated note: its text, the client's record, and the
// gold identifier spans (byte offsets).
type evalCase struct {
	id    string
	text  string
	known *disguise.Known
	gold  []goldSpan
}

type goldSpan struct {
	start, end int
	category   string
	known      bool
}

// knownOf turns a synthetic client record into what the vault knows.
func knownOf(c synth.Client) *disguise.Known {
	k := &disguise.Known{
		Names:     []string{c.Name()},
		Places:    []string{c.City},
		Employer:  c.Employer,
		School:    c.School,
		DOB:       c.DOB.Format("2006-01-02"),
		Phones:    []string{c.Phone},
		Emails:    []string{c.Email},
		Addresses: []string{c.Address()},
	}
	if c.Preferred != "" {
		k.Names = append(k.Names, c.Preferred)
	}
	for _, r := range c.Related {
		k.Related = append(k.Related, disguise.Related{Name: r.Name, Relation: r.Relation})
	}
	return k
}

// synthCases is the synthetic half of the evaluation set: 400 notes of a
// 40-client practice, seed 2026.
func synthCases(tb testing.TB) []evalCase {
	tb.Helper()
	p := synth.New(2026).Practice(40, 400)
	out := make([]evalCase, 0, len(p.Notes))
	for i, n := range p.Notes {
		c := evalCase{id: fmt.Sprintf("synth-%03d", i), text: n.Text, known: knownOf(p.Clients[n.Client])}
		for _, s := range n.Spans {
			c.gold = append(c.gold, goldSpan{s.Start, s.End, s.Category, s.Known})
		}
		out = append(out, c)
	}
	return out
}

var markRE = regexp.MustCompile(`\[\[([A-Z]+)(\*?):((?:[^\]]|\][^\]])+)\]\]`)

// parseMarked reads the hand-written markup: [[NAME*:Maria]] is a gold
// NAME span that is in the client's record; [[DATE:May 3]] one that is not.
func parseMarked(marked string) (string, []goldSpan) {
	var b strings.Builder
	var gold []goldSpan
	last := 0
	for _, m := range markRE.FindAllStringSubmatchIndex(marked, -1) {
		b.WriteString(marked[last:m[0]])
		start := b.Len()
		b.WriteString(marked[m[6]:m[7]])
		gold = append(gold, goldSpan{start, b.Len(), marked[m[2]:m[3]], m[5] > m[4]})
		last = m[1]
	}
	b.WriteString(marked[last:])
	return b.String(), gold
}

// hardCases reads testdata/hard.jsonl.
func hardCases(tb testing.TB) []evalCase {
	tb.Helper()
	f, err := os.Open("testdata/hard.jsonl")
	if err != nil {
		tb.Fatal(err)
	}
	defer f.Close()
	var out []evalCase
	sc := bufio.NewScanner(f)
	sc.Buffer(make([]byte, 1<<20), 1<<20)
	for sc.Scan() {
		var line struct {
			ID     string          `json:"id"`
			Marked string          `json:"marked"`
			Known  json.RawMessage `json:"known"`
		}
		if err := json.Unmarshal(sc.Bytes(), &line); err != nil {
			tb.Fatalf("hard.jsonl line %d: %v", len(out)+1, err)
		}
		k, err := disguise.ParseKnown(line.Known)
		if err != nil {
			tb.Fatalf("hard.jsonl %s: %v", line.ID, err)
		}
		text, gold := parseMarked(line.Marked)
		out = append(out, evalCase{id: line.ID, text: text, known: k, gold: gold})
	}
	return out
}

// tally counts for one category (or all).
type tally struct {
	gold, covered, knownGold, knownCovered, pred, predTrue int
	leakyNotes                                             int // notes with a missed span of this category
}

type score struct {
	byCat        map[string]*tally
	notes, clean int
	misses       []string
}

func (s *score) cat(c string) *tally {
	if s.byCat[c] == nil {
		s.byCat[c] = &tally{}
	}
	return s.byCat[c]
}

// scoreCases runs the detector over the cases. A gold span counts as found
// only when every byte of it lies inside detected spans; a detected span is
// right when it overlaps some gold span; a note is leak-free (for a
// category, or overall) when every gold span in it is found. known-r is
// the recall over the gold spans that are in the client's record.
func scoreCases(cases []evalCase, withKnown bool) *score {
	s := &score{byCat: map[string]*tally{}}
	for _, c := range cases {
		var k *disguise.Known
		if withKnown {
			k = c.known
		}
		spans := disguise.Detect(c.text, k)
		covered := make([]bool, len(c.text))
		for _, p := range spans {
			for i := p.Start; i < p.End; i++ {
				covered[i] = true
			}
		}
		clean := true
		leaky := map[string]bool{}
		for _, g := range c.gold {
			ok := true
			for i := g.start; i < g.end; i++ {
				ok = ok && covered[i]
			}
			for _, t := range []*tally{s.cat("ALL"), s.cat(g.category)} {
				t.gold++
				if ok {
					t.covered++
				}
				if g.known {
					t.knownGold++
					if ok {
						t.knownCovered++
					}
				}
			}
			if !ok {
				clean = false
				leaky[g.category] = true
				s.misses = append(s.misses, fmt.Sprintf("%s %s known=%v %q", c.id, g.category, g.known, c.text[g.start:g.end]))
			}
		}
		for _, p := range spans {
			right := false
			for _, g := range c.gold {
				right = right || p.Start < g.end && g.start < p.End
			}
			for _, t := range []*tally{s.cat("ALL"), s.cat(string(p.Category))} {
				t.pred++
				if right {
					t.predTrue++
				}
			}
			if !right {
				s.misses = append(s.misses, fmt.Sprintf("%s FALSE-POSITIVE %s %q", c.id, p.Category, p.Text))
			}
		}
		s.notes++
		if clean {
			s.clean++
		} else {
			s.cat("ALL").leakyNotes++
		}
		for c := range leaky {
			s.cat(c).leakyNotes++
		}
	}
	return s
}

func ratio(a, b int) float64 {
	if b == 0 {
		return 1
	}
	return float64(a) / float64(b)
}

func (s *score) table(title string) string {
	var b strings.Builder
	fmt.Fprintf(&b, "%s: %d notes, leak-free %.3f\n", title, s.notes, ratio(s.clean, s.notes))
	fmt.Fprintf(&b, "  %-9s %6s %8s %8s %6s %9s %10s\n", "category", "gold", "recall", "known-r", "pred", "precision", "leak-free")
	cats := make([]string, 0, len(s.byCat))
	for c := range s.byCat {
		cats = append(cats, c)
	}
	sort.Strings(cats)
	for _, c := range cats {
		t := s.byCat[c]
		fmt.Fprintf(&b, "  %-9s %6d %8.3f %8.3f %6d %9.3f %10.3f\n", c, t.gold, ratio(t.covered, t.gold), ratio(t.knownCovered, t.knownGold), t.pred, ratio(t.predTrue, t.pred), 1-ratio(t.leakyNotes, s.notes))
	}
	return b.String()
}

// TestEvaluation measures the detector on the evaluation set and fails
// below the targets: every known identifier found, fully-covered recall
// at least 0.98, precision at least 0.85, and 95% of notes leak-free.
func TestEvaluation(t *testing.T) {
	sets := []struct {
		name  string
		cases []evalCase
	}{
		{"synthetic", synthCases(t)},
		{"hand-written", hardCases(t)},
	}
	all := append(append([]evalCase(nil), sets[0].cases...), sets[1].cases...)
	sets = append(sets, struct {
		name  string
		cases []evalCase
	}{"all", all})
	for _, set := range sets {
		without := scoreCases(set.cases, false)
		t.Log("\n" + without.table(set.name+", without known identifiers"))
		with := scoreCases(set.cases, true)
		t.Log("\n" + with.table(set.name+", with known identifiers"))
		if testing.Verbose() && os.Getenv("EVAL_MISSES") != "" {
			for _, m := range with.misses {
				t.Log(m)
			}
		}
		if set.name != "all" {
			continue
		}
		a := with.byCat["ALL"]
		checks := []struct {
			name      string
			got, want float64
		}{
			{"known identifiers recall", ratio(a.knownCovered, a.knownGold), 1.0},
			{"fully-covered recall", ratio(a.covered, a.gold), 0.98},
			{"precision", ratio(a.predTrue, a.pred), 0.85},
			{"leak-free notes", ratio(with.clean, with.notes), 0.95},
		}
		for _, c := range checks {
			if c.got < c.want {
				t.Errorf("%s = %.3f, want >= %.3f", c.name, c.got, c.want)
			}
		}
	}
}
