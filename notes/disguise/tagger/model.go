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
//
// A weight is a whole number of units of scale, at most maxWeight in
// magnitude (8 bits). A row's 7 weights are packed, each plus laneBias,
// into the bytes of one 64-bit word (8 bytes a row: the table stays
// small enough for the processor's caches), and a token's emissions are
// the sums of its features' rows: spread into 16-bit lanes, even labels in
// one word and odd labels in another, numFeatures bytes of at most
// 2*laneBias-1 never carry into the next lane.
type Model struct {
	bits    uint                              // log2 of the number of weight rows
	rows    []uint64                          // packed weight rows
	trans   [numLabels + 1][numLabels]float32 // label to label, last row from the start; whole units of scale
	scale   float32                           // the weight a unit stands for
	lattice [numLabels + 1][numLabels]int64   // trans with the forbidden transitions, for decoding
	gaz     *Gazetteer
	pool    sync.Pool
}

const (
	laneBias  = 1 << 7
	maxWeight = laneBias - 1
	// emBias is what the biases of a token's numFeatures rows add to
	// each lane.
	emBias = numFeatures * laneBias
	// zeroRow is a packed row of zero weights: every byte holds laneBias.
	zeroRow = 0x0101010101010101 * laneBias
	// evenBytes selects the bytes of labels 0, 2, 4 and 6.
	evenBytes = 0x00ff00ff00ff00ff
)

// newRows returns n packed rows of zero weights.
func newRows(n int) []uint64 {
	rows := make([]uint64, n)
	for i := range rows {
		rows[i] = zeroRow
	}
	return rows
}

// weight returns label y's weight in row r.
func (m *Model) weight(r, y int) int {
	return int(m.rows[r]>>(8*y)&0xff) - laneBias
}

// setWeight sets label y's weight in row r to v (|v| <= maxWeight).
func (m *Model) setWeight(r, y, v int) {
	shift := 8 * y
	m.rows[r] = m.rows[r]&^(0xff<<shift) | uint64(v+laneBias)<<shift
}

type scratch struct {
	toks  []Token
	info  []tokInfo
	feats []uint32
	em    []int64
	back  []uint8
	path  []uint8
	buf   []byte
	cache *gazCache
}

// maxTagBytes bounds the text tagged in one pass; a longer text is tagged
// in parts cut at line breaks (or spaces), which bounds the memory a huge
// input needs.
const maxTagBytes = 64 << 10

// Tag returns the entities in text, in order. Invalid UTF-8 is tagged as
// punctuation; an empty text has none.
func (m *Model) Tag(text string) []Entity {
	s := m.getScratch()
	defer m.pool.Put(s)
	s.toks = appendTokens(s.toks[:0], text)
	return m.tagTokens(s, text, s.toks, nil)
}

// TagTokens is Tag for a text already split by Tokenize (or by a caller's
// tokenizer that cuts the same tokens), so that a caller who tokenizes the
// text anyway does it once.
func (m *Model) TagTokens(text string, toks []Token) []Entity {
	s := m.getScratch()
	defer m.pool.Put(s)
	return m.tagTokens(s, text, toks, nil)
}

func (m *Model) getScratch() *scratch {
	if s, _ := m.pool.Get().(*scratch); s != nil {
		return s
	}
	return &scratch{}
}

func (m *Model) tagTokens(s *scratch, text string, toks []Token, out []Entity) []Entity {
	for len(toks) > 0 {
		n := cut(toks, maxTagBytes)
		out = m.tagPart(s, text, toks[:n], out)
		toks = toks[n:]
	}
	return out
}

// cut returns how many of toks to tag in one pass: the tokens within
// limit bytes of the first one's start, ending before a line break in the
// second half of them if there is one, else before a space; at least one.
func cut(toks []Token, limit int) int {
	start := toks[0].Start
	n := 1
	for n < len(toks) && toks[n].End-start <= limit {
		n++
	}
	if n == len(toks) {
		return n
	}
	for _, newline := range []bool{true, false} {
		for i := n - 1; i > 0 && toks[i].Start-start > limit/2; i-- {
			if toks[i].Newline || !newline && toks[i].Space {
				return i
			}
		}
	}
	return n
}

func (m *Model) tagPart(s *scratch, text string, toks []Token, out []Entity) []Entity {
	s.info = m.tokenInfo(text, toks, s)
	s.feats = m.extract(s.info, s.feats)
	s.em = m.emissions(s.feats, s.em)
	decode(s, s.em, &m.lattice, len(toks))
	return s.entities(text, toks, &m.lattice, float64(m.scale), out)
}

// emissions sums the weight rows of each token's features.
func (m *Model) emissions(feats []uint32, em []int64) []int64 {
	n := len(feats) / numFeatures
	if cap(em) < n*stride {
		em = make([]int64, n*stride)
	}
	em = em[:n*stride]
	rows := m.rows
	for t := 0; t < n; t++ {
		even, odd := sumRows(rows, (*[numFeatures]uint32)(feats[t*numFeatures:]))
		e := (*[stride]int64)(em[t*stride : t*stride+stride])
		e[0] = int64(even&0xffff) - emBias
		e[1] = int64(odd&0xffff) - emBias
		e[2] = int64(even>>16&0xffff) - emBias
		e[3] = int64(odd>>16&0xffff) - emBias
		e[4] = int64(even>>32&0xffff) - emBias
		e[5] = int64(odd>>32&0xffff) - emBias
		e[6] = int64(even>>48) - emBias
	}
	return em
}

// sumRows adds up the packed rows of one token's features, the even
// labels' bytes in the 16-bit lanes of one word and the odd labels' in
// the other's.
//
//go:noinline -- alone, its sums stay in registers
func sumRows(rows []uint64, feats *[numFeatures]uint32) (even, odd uint64) {
	for _, f := range feats {
		r := rows[f]
		even += r & evenBytes
		odd += r >> 8 & evenBytes
	}
	return even, odd
}

// score is a path's score: whole units of a model's scale when tagging
// (exact, and cheaper than floating point), floating point when training.
type score interface{ int64 | float64 }

// forbidden stands for minus infinity in scores: a transition the BIO
// scheme forbids. It is finite so that sums stay ordinary numbers, and
// far below any path's score (a text of maxTagBytes has fewer than 2^16
// tokens of at most 2^15 units each).
const forbidden = -(1 << 40)

// lattice returns the transitions with the forbidden ones set to
// forbidden, as decode uses them.
func lattice[T score](trans *[numLabels + 1][numLabels]float32) (tr [numLabels + 1][numLabels]T) {
	for x := range tr {
		for y := range tr[x] {
			tr[x][y] = T(trans[x][y])
			if !allowed(uint8(x), uint8(y)) {
				tr[x][y] = forbidden
			}
		}
	}
	return tr
}

// best7 returns the largest prev[x] + c[x] and its x.
func best7[T score](prev, c *[numLabels]T) (T, uint8) {
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
func best2[T score](a, b T, x uint8) (T, uint8) {
	if b > a {
		return b, x + 1
	}
	return a, x
}

// decode runs Viterbi over the emissions of n tokens and returns the best
// path's score; the path is in s.path.
func decode[T score](s *scratch, em []T, tr *[numLabels + 1][numLabels]T, n int) T {
	if cap(s.back) < n*numLabels {
		s.back = make([]uint8, n*numLabels)
		s.path = make([]uint8, n)
	}
	s.back, s.path = s.back[:n*numLabels], s.path[:n]
	var prev, cur [numLabels]T
	for y := 0; y < numLabels; y++ {
		prev[y] = tr[startRow][y] + em[y]
	}
	// The lattice by columns: col[y][x] is the weight of x followed by y.
	var col [numLabels][numLabels]T
	for y := range col {
		for x := range col[y] {
			col[y][x] = tr[x][y]
		}
	}
	bk := s.back
	for t := 1; t < n; t++ {
		e := (*[stride]T)(em[t*stride : t*stride+stride])
		b := (*[numLabels]uint8)(bk[t*numLabels : t*numLabels+numLabels])
		// O and B- labels may follow any label; an I- label only the B-
		// or I- label of its kind (the others are forbidden anyway).
		var arg uint8
		cur[0], arg = best7(&prev, &col[0])
		cur[0] += e[0]
		b[0] = arg
		cur[1], arg = best7(&prev, &col[1])
		cur[1] += e[1]
		b[1] = arg
		cur[3], arg = best7(&prev, &col[3])
		cur[3] += e[3]
		b[3] = arg
		cur[5], arg = best7(&prev, &col[5])
		cur[5] += e[5]
		b[5] = arg
		cur[2], b[2] = best2(prev[1]+col[2][1], prev[2]+col[2][2], 1)
		cur[2] += e[2]
		cur[4], b[4] = best2(prev[3]+col[4][3], prev[4]+col[4][4], 3)
		cur[4] += e[4]
		cur[6], b[6] = best2(prev[5]+col[6][5], prev[6]+col[6][6], 5)
		cur[6] += e[6]
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
func (s *scratch) entities(text string, toks []Token, tr *[numLabels + 1][numLabels]int64, scale float64, out []Entity) []Entity {
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
			margin += em[t*stride+int(path[t])] - em[t*stride+labelO]
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
			Start: toks[lo].Start, End: toks[hi].End,
			Kind: kindOf(path[i]), Margin: float64(max(margin, 0)) * scale,
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
