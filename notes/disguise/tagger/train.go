package tagger

import (
	"math"
	"math/rand/v2"
)

// Span marks an entity in a training text, in byte offsets.
type Span struct {
	Start, End int
	Kind       Kind
}

// Example is one annotated training text.
type Example struct {
	Text     string
	Entities []Span
}

// sequence is an example made ready for training: its features and the
// gold label of each token.
type sequence struct {
	feats []uint32
	gold  []uint8
}

// Trainer trains a Model by the averaged structured perceptron: decode
// each example with the current weights and, where the best path differs
// from the gold one, move the weights towards the gold path. The average
// of the weights over all steps is the model. Training is deterministic:
// the same examples, seed and epochs give the same model.
type Trainer struct {
	m     *Model // features only: bits and gazetteer
	w, u  []float32
	tw    [numLabels + 1][numLabels]float32
	tu    [numLabels + 1][numLabels]float32
	c     float32
	seqs  []sequence
	s     scratch
	fbuf  []float64
	Steps int // examples seen
}

// NewTrainer returns a trainer with 2^bits weight rows and the gazetteer
// g (from BuildGazetteer; nil trains without one).
func NewTrainer(bits uint, g *Gazetteer) *Trainer {
	if g == nil {
		g = newGazetteer(1)
	}
	n := (1 << bits) * stride
	return &Trainer{m: &Model{bits: bits, gaz: g}, w: make([]float32, n), u: make([]float32, n), c: 1}
}

// Add makes an example ready for training. Tokens inside an entity are
// labelled B- (the first) and I- (the rest).
func (tr *Trainer) Add(ex Example) {
	tr.seqs = append(tr.seqs, tr.prepare(ex))
}

// Len is the number of examples added.
func (tr *Trainer) Len() int { return len(tr.seqs) }

func (tr *Trainer) prepare(ex Example) sequence {
	toks := Tokenize(ex.Text)
	info := tr.m.tokenInfo(ex.Text, toks, &tr.s)
	feats := tr.m.extract(info, nil)
	return sequence{feats: feats, gold: goldLabels(toks, ex.Entities)}
}

func goldLabels(toks []Token, ents []Span) []uint8 {
	gold := make([]uint8, len(toks))
	for _, e := range ents {
		first := true
		for i, t := range toks {
			if t.Start >= e.Start && t.End <= e.End {
				if first {
					gold[i] = beginOf(e.Kind)
					first = false
				} else {
					gold[i] = insideOf(e.Kind)
				}
			}
		}
	}
	return gold
}

// Epoch trains once over every example, in an order shuffled by rng.
func (tr *Trainer) Epoch(rng *rand.Rand) {
	order := rng.Perm(len(tr.seqs))
	for _, i := range order {
		tr.step(&tr.seqs[i])
	}
}

func (tr *Trainer) step(q *sequence) {
	n := len(q.gold)
	if n == 0 {
		return
	}
	tr.Steps++
	tr.fbuf = tr.floatEmissions(q.feats, tr.fbuf)
	lat := lattice[float64](&tr.tw)
	decode(&tr.s, tr.fbuf, &lat, n)
	pred := tr.s.path
	c := tr.c
	for t := 0; t < n; t++ {
		g, p := q.gold[t], pred[t]
		if g != p {
			for _, f := range q.feats[t*numFeatures : (t+1)*numFeatures] {
				if f == 0 {
					continue
				}
				i := int(f) * stride
				tr.w[i+int(g)]++
				tr.u[i+int(g)] += c
				tr.w[i+int(p)]--
				tr.u[i+int(p)] -= c
			}
		}
		gp, pp := uint8(startRow), uint8(startRow)
		if t > 0 {
			gp, pp = q.gold[t-1], pred[t-1]
		}
		if gp != pp || g != p {
			tr.tw[gp][g]++
			tr.tu[gp][g] += c
			tr.tw[pp][p]--
			tr.tu[pp][p] -= c
		}
	}
	tr.c++
}

func (tr *Trainer) floatEmissions(feats []uint32, em []float64) []float64 {
	n := len(feats) / numFeatures
	if cap(em) < n*stride {
		em = make([]float64, n*stride)
	}
	em = em[:n*stride]
	clear(em)
	for t := 0; t < n; t++ {
		e := em[t*stride : t*stride+stride]
		for _, f := range feats[t*numFeatures : (t+1)*numFeatures] {
			if f == 0 {
				continue
			}
			row := tr.w[int(f)*stride : int(f)*stride+stride]
			for y := 0; y < numLabels; y++ {
				e[y] += float64(row[y])
			}
		}
	}
	return em
}

// Model returns the averaged weights as a model, quantised to integers of
// at most maxWeight in magnitude (8 bits); weights whose magnitude is
// below prune (in averaged units) are dropped, which keeps the model file
// small.
func (tr *Trainer) Model(prune float64) *Model {
	avg := func(w, u float32) float64 { return float64(w) - float64(u)/float64(tr.c) }
	maxAbs := 0.0
	for i := range tr.w {
		maxAbs = max(maxAbs, math.Abs(avg(tr.w[i], tr.u[i])))
	}
	for x := range tr.tw {
		for y := range tr.tw[x] {
			maxAbs = max(maxAbs, math.Abs(avg(tr.tw[x][y], tr.tu[x][y])))
		}
	}
	if maxAbs == 0 {
		maxAbs = 1
	}
	scale := maxAbs / maxWeight
	m := &Model{bits: tr.m.bits, gaz: tr.m.gaz, scale: float32(scale), rows: newRows(len(tr.w) / stride)}
	for i := range tr.w {
		if i%stride >= numLabels {
			continue
		}
		v := avg(tr.w[i], tr.u[i])
		if math.Abs(v) < prune {
			continue
		}
		m.setWeight(i/stride, i%stride, int(math.Round(v/scale)))
	}
	for x := range tr.tw {
		for y := range tr.tw[x] {
			m.trans[x][y] = float32(math.Round(avg(tr.tw[x][y], tr.tu[x][y]) / scale))
		}
	}
	m.lattice = lattice[int64](&m.trans)
	return m
}
