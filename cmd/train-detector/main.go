// Command train-detector trains the identifier detector's learned tagger
// (package notes/disguise/tagger) and writes its model file into
// assets/detector, with the figures measured on held-out text.
//
// It reads public named-entity corpora from a cache folder (see corpora.go
// for their repositories, commits and licences; `make train-detector`
// fills the folder) and generates clinical and everyday text from the
// gazetteer. It never reads a de-identification corpus.
//
//	train-detector -corpora DIR [-fetch SOURCE] [-out assets/detector/tagger.bin.gz] [-figures assets/detector/FIGURES.md]
package main

import (
	"flag"
	"fmt"
	"math/rand/v2"
	"os"
	"path/filepath"
	"time"

	"github.com/confidenotes/confide/assets"
	"github.com/confidenotes/confide/notes/disguise/tagger"
)

func main() {
	corporaDir := flag.String("corpora", "", "the `folder` holding the corpora's checkouts (make train-detector fills it)")
	out := flag.String("out", "assets/detector/tagger.bin.gz", "the model `file` to write")
	figures := flag.String("figures", "assets/detector/FIGURES.md", "the `file` to write the held-out figures to")
	epochs := flag.Int("epochs", 8, "training passes")
	bits := flag.Uint("bits", 18, "log2 of the weight rows")
	synthN := flag.Int("synthetic", 12000, "generated notes to train on")
	prune := flag.Float64("prune", 0.5, "drop averaged weights smaller than this")
	seed := flag.Uint64("seed", 1, "random seed (training is deterministic for a seed)")
	fetch := flag.String("fetch", "", "clone the corpora missing from -corpora from this `source`, {owner} and {name} standing for a repository's (\"https://github.com/{owner}/{name}.git\")")
	flag.Parse()
	if *fetch != "" && *corporaDir != "" {
		if err := fetchCorpora(*corporaDir, *fetch); err != nil {
			fmt.Fprintln(os.Stderr, "train-detector:", err)
			os.Exit(1)
		}
	}
	if err := run(*corporaDir, *out, *figures, *epochs, *bits, *synthN, *prune, *seed); err != nil {
		fmt.Fprintln(os.Stderr, "train-detector:", err)
		os.Exit(1)
	}
}

type evalSet struct {
	name string
	ex   []tagger.Example
}

func run(corporaDir, out, figures string, epochs int, bits uint, synthN int, prune float64, seed uint64) error {
	if corporaDir == "" {
		return fmt.Errorf("no -corpora folder given; run `make train-detector`, which fetches the corpora into its cache")
	}
	var train []tagger.Example
	var tests []evalSet
	for _, c := range corpora {
		if _, err := os.Stat(filepath.Join(corporaDir, c.dir)); err != nil {
			return fmt.Errorf("corpus %s is missing from %s: clone https://github.com/%s there as %s and check out %s (make train-detector does this)",
				c.name, corporaDir, c.repo, c.dir, c.commit)
		}
		tr, te, err := c.load(corporaDir)
		if err != nil {
			return fmt.Errorf("read %s: %w", c.name, err)
		}
		fmt.Fprintf(os.Stderr, "%s: %d training sentences, %d held out\n", c.name, len(tr), len(te))
		train = append(train, tr...)
		tests = append(tests, evalSet{c.name + " (held-out split)", te})
	}
	trainPools, err := loadPools(assets.Gazetteer, false)
	if err != nil {
		return fmt.Errorf("read the gazetteer: %w", err)
	}
	testPools, err := loadPools(assets.Gazetteer, true)
	if err != nil {
		return fmt.Errorf("read the gazetteer: %w", err)
	}
	rng := rand.New(rand.NewPCG(seed, 1))
	g := &gen{r: rng, p: trainPools}
	for i := 0; i < synthN; i++ {
		train = append(train, g.note(styles[i%len(styles)]))
	}
	// Held-out generated notes: other names, places and organisations
	// (the other half of the lists) and another seed. The templates are
	// the same, so this set says how well the model learnt the names, not
	// how it copes with phrasing it never saw.
	gt := &gen{r: rand.New(rand.NewPCG(seed+1000, 7)), p: testPools}
	for _, s := range styles {
		var ex []tagger.Example
		for i := 0; i < 150; i++ {
			ex = append(ex, gt.note(s))
		}
		tests = append(tests, evalSet{"generated " + s.name + " (held-out names)", ex})
	}

	gaz, err := tagger.BuildGazetteer(assets.Gazetteer)
	if err != nil {
		return fmt.Errorf("build the gazetteer table: %w", err)
	}
	tr := tagger.NewTrainer(bits, gaz)
	modes := []int{caseLower, caseUpper, caseSentence}
	for _, ex := range train {
		tr.Add(ex)
		tr.Add(recase(ex, modes[rng.IntN(len(modes))]))
	}
	fmt.Fprintf(os.Stderr, "training on %d sequences (%d texts and a casing variant of each)\n", tr.Len(), len(train))
	for e := 0; e < epochs; e++ {
		t0 := time.Now()
		tr.Epoch(rng)
		fmt.Fprintf(os.Stderr, "epoch %d: %.1fs\n", e+1, time.Since(t0).Seconds())
	}
	m := tr.Model(prune)
	f, err := os.Create(out)
	if err != nil {
		return err
	}
	n, err := m.WriteTo(f)
	if cerr := f.Close(); err == nil {
		err = cerr
	}
	if err != nil {
		return fmt.Errorf("write %s: %w", out, err)
	}
	fmt.Fprintf(os.Stderr, "wrote %s (%d bytes)\n", out, n)
	// Read back what was written: the figures are those of the file.
	data, err := os.ReadFile(out)
	if err != nil {
		return err
	}
	m, err = tagger.Read(data)
	if err != nil {
		return fmt.Errorf("read back %s: %w", out, err)
	}
	report := figuresReport(m, tests, n, seed, epochs, bits, synthN, len(train))
	fmt.Print(report)
	return os.WriteFile(figures, []byte(report), 0o644)
}
