package tagger

import "sync"

// Kind is the type of an entity the tagger finds.
type Kind uint8

// The kinds of entity, as the detector's categories name them.
const (
	Person Kind = iota + 1
	Location
	Organisation
)

func (k Kind) String() string {
	switch k {
	case Person:
		return "PERSON"
	case Location:
		return "LOCATION"
	case Organisation:
		return "ORG"
	}
	return "?"
}

// Labels, BIO over the three kinds: O, then B and I for each kind.
const (
	labelO    = 0
	numLabels = 7
	stride    = 8 // a weight row holds numLabels weights, padded for alignment
	startRow  = numLabels
)

func beginOf(k Kind) uint8  { return uint8(2*k - 1) }
func insideOf(k Kind) uint8 { return uint8(2 * k) }
func kindOf(l uint8) Kind   { return Kind((l + 1) / 2) }
func isBegin(l uint8) bool  { return l != labelO && l%2 == 1 }

// allowed reports whether label b may follow label a (startRow for the
// first token): an I- label continues a B- or I- label of its own kind.
func allowed(a, b uint8) bool {
	if b == labelO || isBegin(b) {
		return true
	}
	return a != startRow && a != labelO && kindOf(a) == kindOf(b)
}

// Entity is a person, place or organisation found in a text: byte offsets
// (End exclusive) that start and end on token boundaries, its kind, and
// the margin by which the model prefers it to no entity there.
type Entity struct {
	Start, End int
	Kind       Kind
	Margin     float64 // how much better the best path scores than the same path with these tokens outside any entity
}

// Model is a trained tagger: a linear-chain model (structured averaged
// perceptron) over hashed features, with the gazetteer it was trained
// with. It is safe for concurrent use.
type Model struct {
	bits    uint                              // log2 of the number of weight rows
	w       []int16                           // weight rows, stride weights a row
	trans   [numLabels + 1][numLabels]float32 // label to label, last row from the start
	scale   float32                           // the weight a unit of w stands for
	lattice [numLabels + 1][numLabels]float64 // trans with the forbidden transitions, for decoding
	gaz     *Gazetteer
	pool    sync.Pool
}

type scratch struct {
	toks  []Token
	info  []tokInfo
	feats []uint32
	em    []float32
	back  []uint8
	path  []uint8
	buf   []byte
}

// maxTagBytes bounds the text tagged in one pass; a longer text is tagged
// in parts cut at line breaks (or spaces), which bounds the memory a huge
// input needs.
const maxTagBytes = 64 << 10

// Tag returns the entities in text, in order. Invalid UTF-8 is tagged as
// punctuation; an empty text has none.
func (m *Model) Tag(text string) []Entity {
	var out []Entity
	for off := 0; off < len(text); {
		end := cut(text, off, maxTagBytes)
		out = m.tagPart(text[off:end], off, out)
		off = end
	}
	return out
}

func cut(text string, off, limit int) int {
	if len(text)-off <= limit {
		return len(text)
	}
	for _, sep := range []byte{'\n', ' '} {
		for i := off + limit; i > off+limit/2; i-- {
			if text[i-1] == sep {
				return i
			}
		}
	}
	end := off + limit
	for end > off+1 && text[end]&0xc0 == 0x80 {
		end--
	}
	return end
}

func (m *Model) tagPart(text string, off int, out []Entity) []Entity {
	s, _ := m.pool.Get().(*scratch)
	if s == nil {
		s = &scratch{}
	}
	defer m.pool.Put(s)
	s.toks = appendTokens(s.toks[:0], text)
	if len(s.toks) == 0 {
		return out
	}
	s.info = m.tokenInfo(text, s.toks, s.info, s.buf)
	s.feats = m.extract(s.info, s.feats)
	s.em = m.emissions(s.feats, s.em)
	s.decode(s.em, &m.lattice, len(s.toks))
	return s.entities(text, s.toks, &m.lattice, off, float64(m.scale), out)
}

// emissions sums the weight rows of each token's features.
func (m *Model) emissions(feats []uint32, em []float32) []float32 {
	n := len(feats) / numFeatures
	em = append(em[:0], make([]float32, n*stride)...)
	w := m.w
	for t := 0; t < n; t++ {
		var acc [stride]int32
		for _, f := range feats[t*numFeatures : (t+1)*numFeatures] {
			if f == 0 {
				continue
			}
			row := w[int(f)*stride : int(f)*stride+stride : int(f)*stride+stride]
			acc[0] += int32(row[0])
			acc[1] += int32(row[1])
			acc[2] += int32(row[2])
			acc[3] += int32(row[3])
			acc[4] += int32(row[4])
			acc[5] += int32(row[5])
			acc[6] += int32(row[6])
		}
		e := em[t*stride : t*stride+stride : t*stride+stride]
		for y := 0; y < numLabels; y++ {
			e[y] = float32(acc[y])
		}
	}
	return em
}

// forbidden stands for minus infinity in scores: a transition the BIO
// scheme forbids. It is finite so that sums stay ordinary numbers.
const forbidden = -1e30

// lattice returns the model's transitions with the forbidden ones set to
// forbidden, as decode uses them.
func lattice(trans *[numLabels + 1][numLabels]float32) (tr [numLabels + 1][numLabels]float64) {
	for x := range tr {
		for y := range tr[x] {
			tr[x][y] = float64(trans[x][y])
			if !allowed(uint8(x), uint8(y)) {
				tr[x][y] = forbidden
			}
		}
	}
	return tr
}

// best7 returns the largest prev[x] + c[x] and its x.
func best7(prev, c *[numLabels]float64) (float64, uint8) {
	best, arg := prev[0]+c[0], uint8(0)
	if v := prev[1] + c[1]; v > best {
		best, arg = v, 1
	}
	if v := prev[2] + c[2]; v > best {
		best, arg = v, 2
	}
	if v := prev[3] + c[3]; v > best {
		best, arg = v, 3
	}
	if v := prev[4] + c[4]; v > best {
		best, arg = v, 4
	}
	if v := prev[5] + c[5]; v > best {
		best, arg = v, 5
	}
	if v := prev[6] + c[6]; v > best {
		best, arg = v, 6
	}
	return best, arg
}

// best2 returns the larger of a (from label x) and b (from x+1).
func best2(a, b float64, x uint8) (float64, uint8) {
	if b > a {
		return b, x + 1
	}
	return a, x
}

// decode runs Viterbi over the emissions of n tokens and returns the best
// path's score; the path is in s.path.
func (s *scratch) decode(em []float32, tr *[numLabels + 1][numLabels]float64, n int) float64 {
	if cap(s.back) < n*numLabels {
		s.back = make([]uint8, n*numLabels)
		s.path = make([]uint8, n)
	}
	s.back, s.path = s.back[:n*numLabels], s.path[:n]
	var prev, cur [numLabels]float64
	for y := 0; y < numLabels; y++ {
		prev[y] = tr[startRow][y] + float64(em[y])
	}
	// The lattice by columns: col[y][x] is the weight of x followed by y.
	var col [numLabels][numLabels]float64
	for y := range col {
		for x := range col[y] {
			col[y][x] = tr[x][y]
		}
	}
	bk := s.back
	for t := 1; t < n; t++ {
		e := (*[stride]float32)(em[t*stride : t*stride+stride])
		b := (*[numLabels]uint8)(bk[t*numLabels : t*numLabels+numLabels])
		// O and B- labels may follow any label; an I- label only the B-
		// or I- label of its kind (the others are forbidden anyway).
		var arg uint8
		cur[0], arg = best7(&prev, &col[0])
		cur[0] += float64(e[0])
		b[0] = arg
		cur[1], arg = best7(&prev, &col[1])
		cur[1] += float64(e[1])
		b[1] = arg
		cur[3], arg = best7(&prev, &col[3])
		cur[3] += float64(e[3])
		b[3] = arg
		cur[5], arg = best7(&prev, &col[5])
		cur[5] += float64(e[5])
		b[5] = arg
		cur[2], b[2] = best2(prev[1]+col[2][1], prev[2]+col[2][2], 1)
		cur[2] += float64(e[2])
		cur[4], b[4] = best2(prev[3]+col[4][3], prev[4]+col[4][4], 3)
		cur[4] += float64(e[4])
		cur[6], b[6] = best2(prev[5]+col[6][5], prev[6]+col[6][6], 5)
		cur[6] += float64(e[6])
		prev = cur
	}
	best, arg := prev[0], uint8(0)
	for y := uint8(1); y < numLabels; y++ {
		if prev[y] > best {
			best, arg = prev[y], y
		}
	}
	for t := n - 1; t >= 0; t-- {
		s.path[t] = arg
		arg = bk[t*numLabels+int(arg)]
	}
	return best
}

// entities turns the best path into entities, each with its margin: the
// best path's score less the score of the same path with the entity's
// tokens set to O (and the transitions in and out of them changed to
// match). Any other path the model might prefer there scores at least as
// well, so the margin is an upper bound of the model's preference, cheap
// to compute and exact when the entity's neighbours are O.
func (s *scratch) entities(text string, toks []Token, tr *[numLabels + 1][numLabels]float64, off int, scale float64, out []Entity) []Entity {
	path, em := s.path, s.em
	n := len(path)
	for i := 0; i < n; {
		if !isBegin(path[i]) {
			i++
			continue
		}
		j := i + 1
		for j < n && path[j] == insideOf(kindOf(path[i])) {
			j++
		}
		prevLabel := uint8(startRow)
		if i > 0 {
			prevLabel = path[i-1]
		}
		margin := tr[prevLabel][path[i]] - tr[prevLabel][labelO]
		for t := i; t < j; t++ {
			margin += float64(em[t*stride+int(path[t])] - em[t*stride+labelO])
			if t > i {
				margin += tr[path[t-1]][path[t]] - tr[labelO][labelO]
			}
		}
		if j < n {
			margin += tr[path[j-1]][path[j]] - tr[labelO][path[j]]
		}
		lo, hi := i, j-1
		for lo < hi && toks[lo].Kind == Punct {
			lo++
		}
		for hi > lo && toks[hi].Kind == Punct && !initialDot(text, toks, hi) {
			hi--
		}
		if toks[lo].Kind == Punct {
			i = j
			continue
		}
		out = append(out, Entity{
			Start: toks[lo].Start + off, End: toks[hi].End + off,
			Kind: kindOf(path[i]), Margin: max(margin, 0) * scale,
		})
		i = j
	}
	return out
}

// initialDot reports a full stop right after a one-letter word ("J."),
// which belongs to the name it abbreviates.
func initialDot(text string, toks []Token, i int) bool {
	return i > 0 && text[toks[i].Start] == '.' && !toks[i].Space && toks[i-1].Kind == Word &&
		toks[i-1].End-toks[i-1].Start == 1
}
