package tagger

import (
	"bytes"
	"math"
	"math/rand/v2"
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/confidenotes/confide/assets"
)

func tokenTexts(text string) []string {
	var out []string
	for _, t := range Tokenize(text) {
		out = append(out, text[t.Start:t.End])
	}
	return out
}

func TestTokenize(t *testing.T) {
	tests := []struct {
		name string
		text string
		want []string
	}{
		{"possessive split off", "Maria's mom", []string{"Maria", "'", "s", "mom"}},
		{"inner apostrophe kept", "O'Neil and D’Angelo", []string{"O'Neil", "and", "D’Angelo"}},
		{"all caps", "PT SEEN W/ DR. PATEL", []string{"PT", "SEEN", "W", "/", "DR", ".", "PATEL"}},
		{"lower case with numbers", "dr patel 50->100mg", []string{"dr", "patel", "50", "-", ">", "100", "mg"}},
		{"unicode letters and marks", "Zoë Nguyễn, 日本語 café", []string{"Zoë", "Nguyễn", ",", "日本語", "café"}},
		{"invalid UTF-8 is punctuation", "a\xffb", []string{"a", "\xff", "b"}},
		{"empty", "", nil},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			got := tokenTexts(tc.text)
			if strings.Join(got, "|") != strings.Join(tc.want, "|") {
				t.Errorf("Tokenize(%q) = %q, want %q", tc.text, got, tc.want)
			}
		})
	}
}

func TestTokenizeLineBreaks(t *testing.T) {
	toks := Tokenize("Dear Ana,\n\nThanks")
	if len(toks) != 4 || !toks[3].Newline || toks[1].Newline || !toks[1].Space || toks[2].Space {
		t.Fatalf("line breaks not marked: %+v", toks)
	}
}

func TestRegimes(t *testing.T) {
	text := "PT SEEN W/ WIFE MARIA TODAY\nshe said maria was tired today\nMaria Lopez came in with her husband"
	m := &Model{gaz: newGazetteer(1)}
	toks := Tokenize(text)
	info := m.tokenInfo(text, toks, &scratch{})
	want := map[int]uint8{}
	for i, tk := range toks {
		switch {
		case tk.Start < strings.Index(text, "\n"):
			want[i] = regimeUpper
		case tk.Start < strings.LastIndex(text, "\n"):
			want[i] = regimeLower
		default:
			want[i] = regimeMixed
		}
	}
	for i := range toks {
		if info[i].regime != want[i] {
			t.Errorf("token %q: regime %d, want %d", text[toks[i].Start:toks[i].End], info[i].regime, want[i])
		}
	}
}

// In lines without casing information the shape says nothing of case, so
// "MARIA" in a line of capitals and "maria" in a lower-case line look the
// same to the model, while a capitalised word in mixed text does not look
// like a lower-case one.
func TestShapeIgnoresCasingWhereItCarriesNone(t *testing.T) {
	m := &Model{gaz: newGazetteer(1)}
	shapeOf := func(text, word string) uint64 {
		toks := Tokenize(text)
		info := m.tokenInfo(text, toks, &scratch{})
		for i, tk := range toks {
			if text[tk.Start:tk.End] == word {
				return info[i].shape
			}
		}
		t.Fatalf("%q not in %q", word, text)
		return 0
	}
	upper := shapeOf("SPOUSE MARIA AT BEDSIDE TODAY", "MARIA")
	lower := shapeOf("spouse maria at bedside today", "maria")
	mixed := shapeOf("Spouse Maria at bedside today", "Maria")
	mixedLower := shapeOf("Spouse Maria at bedside today", "at")
	if upper != lower {
		t.Error("a name in capitals and in lower case have different shapes")
	}
	if mixed == mixedLower {
		t.Error("in mixed-case text a capitalised word has the shape of a lower-case one")
	}
}

// Decoding never continues an entity that was not begun, whatever the
// emissions prefer, and the BIO constraints are the ones documented.
func TestDecodeKeepsBIO(t *testing.T) {
	var trans [numLabels + 1][numLabels]float32
	lat := lattice[int64](&trans)
	// Token 0 wants O, token 1 wants I-PER (not allowed after O), token 2 wants O.
	em := make([]int64, 3*stride)
	em[0*stride+labelO] = 5
	em[1*stride+int(insideOf(Person))] = 5
	em[1*stride+int(beginOf(Person))] = 4
	em[2*stride+labelO] = 5
	var s scratch
	decode(&s, em, &lat, 3)
	want := []uint8{labelO, beginOf(Person), labelO}
	if !bytes.Equal(s.path, want) {
		t.Fatalf("path %v, want %v", s.path, want)
	}
	for x := uint8(0); x <= startRow; x++ {
		for y := uint8(0); y < numLabels; y++ {
			if got := allowed(x, y); got != (y == labelO || isBegin(y) || x != startRow && x != labelO && kindOf(x) == kindOf(y)) {
				t.Errorf("allowed(%d, %d) = %v", x, y, got)
			}
		}
	}
}

// tinyCorpus is a handful of sentences with people and places, in which
// the names follow "my sister", "dr" and "moved to".
func tinyCorpus() []Example {
	var out []Example
	add := func(parts ...string) {
		var ex Example
		var b strings.Builder
		for i := 0; i < len(parts); i += 2 {
			start := b.Len()
			b.WriteString(parts[i])
			switch parts[i+1] {
			case "P":
				ex.Entities = append(ex.Entities, Span{start, b.Len(), Person})
			case "L":
				ex.Entities = append(ex.Entities, Span{start, b.Len(), Location})
			}
		}
		ex.Text = b.String()
		out = append(out, ex)
	}
	names := []string{"Anna", "Maria", "Ruth", "Clara", "Julia", "Helen", "Laura", "Grace"}
	places := []string{"Dayton", "Austin", "Tucson", "Boise", "Fresno", "Tulsa", "Omaha", "Reno"}
	for i := range names {
		add("My sister ", "", names[i], "P", " moved to ", "", places[i], "L", " last year.", "")
		add("She saw dr ", "", names[(i+3)%len(names)], "P", " in ", "", places[(i+5)%len(places)], "L", " today.", "")
		add("The plan is to walk daily and sleep more.", "")
	}
	return out
}

func trainTiny(tb testing.TB, g *Gazetteer) *Model {
	tb.Helper()
	tr := NewTrainer(14, g)
	for _, ex := range tinyCorpus() {
		tr.Add(ex)
	}
	rng := rand.New(rand.NewPCG(3, 4))
	for i := 0; i < 10; i++ {
		tr.Epoch(rng)
	}
	return tr.Model(0)
}

func TestTrainingIsDeterministicAndLearns(t *testing.T) {
	var a, b bytes.Buffer
	if _, err := trainTiny(t, nil).WriteTo(&a); err != nil {
		t.Fatal(err)
	}
	if _, err := trainTiny(t, nil).WriteTo(&b); err != nil {
		t.Fatal(err)
	}
	if !bytes.Equal(a.Bytes(), b.Bytes()) {
		t.Fatal("two trainings with the same seed wrote different models")
	}
	// With the gazetteer's features, as the shipped model is trained, the
	// tiny model tags a sentence not in the corpus, with a name and a place
	// it never saw.
	g, err := BuildGazetteer(assets.Gazetteer)
	if err != nil {
		t.Fatal(err)
	}
	var c bytes.Buffer
	if _, err := trainTiny(t, g).WriteTo(&c); err != nil {
		t.Fatal(err)
	}
	m, err := Read(c.Bytes())
	if err != nil {
		t.Fatal(err)
	}
	text := "My sister Beatrix moved to Laramie last year."
	got := m.Tag(text)
	want := []struct {
		text string
		kind Kind
	}{{"Beatrix", Person}, {"Laramie", Location}}
	if len(got) != len(want) {
		t.Fatalf("Tag(%q) = %v, want %v", text, got, want)
	}
	for i, w := range want {
		if text[got[i].Start:got[i].End] != w.text || got[i].Kind != w.kind || got[i].Margin <= 0 {
			t.Errorf("entity %d = %q %v (margin %.2f), want %q %v", i, text[got[i].Start:got[i].End], got[i].Kind, got[i].Margin, w.text, w.kind)
		}
	}
}

func TestReadRejectsDamagedFiles(t *testing.T) {
	var buf bytes.Buffer
	if _, err := trainTiny(t, nil).WriteTo(&buf); err != nil {
		t.Fatal(err)
	}
	good := buf.Bytes()
	cases := map[string][]byte{
		"empty":     nil,
		"not gzip":  []byte("confide-tagger\n\x01"),
		"truncated": good[:len(good)/2],
	}
	flipped := append([]byte(nil), good...)
	flipped[len(flipped)/2] ^= 0xff
	cases["corrupted"] = flipped
	for name, data := range cases {
		if _, err := Read(data); err == nil {
			t.Errorf("%s: Read accepted a damaged model", name)
		}
	}
}

// Entities start and end on token boundaries, in order and apart, on
// any input, including invalid UTF-8 and text longer than one pass.
func checkEntities(t *testing.T, text string, ents []Entity) {
	t.Helper()
	starts, ends := map[int]bool{}, map[int]bool{}
	for _, tk := range Tokenize(text) {
		starts[tk.Start], ends[tk.End] = true, true
	}
	last := 0
	for _, e := range ents {
		if e.Start < last || e.End <= e.Start || e.End > len(text) {
			t.Fatalf("entity [%d,%d) out of order or outside a text of %d bytes", e.Start, e.End, len(text))
		}
		if !starts[e.Start] || !ends[e.End] {
			t.Fatalf("entity [%d,%d) not on token boundaries", e.Start, e.End)
		}
		if e.Kind < Person || e.Kind > Organisation {
			t.Fatalf("entity of kind %d", e.Kind)
		}
		last = e.End
	}
}

func TestTagHugeText(t *testing.T) {
	m := trainTiny(t, nil)
	line := "My sister Anna moved to Dayton last year. \xff\xfe the plan is to walk.\n"
	text := strings.Repeat(line, (3*maxTagBytes)/len(line)+7)
	ents := m.Tag(text)
	checkEntities(t, text, ents)
	if n := strings.Count(text, "Anna"); len(ents) < n {
		t.Errorf("%d entities in a text with %d names", len(ents), n)
	}
}

func FuzzTag(f *testing.F) {
	for _, s := range []string{"", "My sister Anna moved to Dayton.", "PT SEEN W/ DR PATEL", "\xff\xfe\x00", "'s", "a.", "Ünïcödé Zoë 日本語 \u202e", strings.Repeat("x ", 40000)} {
		f.Add(s)
	}
	m := trainTiny(f, nil)
	f.Fuzz(func(t *testing.T, text string) {
		checkEntities(t, text, m.Tag(text))
		if !utf8.ValidString(text) {
			return
		}
		for _, tk := range Tokenize(text) {
			if !utf8.ValidString(text[tk.Start:tk.End]) {
				t.Fatalf("token %q splits a rune", text[tk.Start:tk.End])
			}
		}
	})
}

// decode finds the same best path as an exhaustive search over every
// label sequence the BIO scheme allows, on random weights: whole units, as
// a model tags, and floating point, as the trainer decodes.
func TestDecodeIsExact(t *testing.T) {
	rng := rand.New(rand.NewPCG(1, 2))
	for trial := 0; trial < 400; trial++ {
		whole := trial%2 == 0
		draw := func(sd float64) float64 {
			if whole {
				return math.Round(rng.NormFloat64() * sd * 100)
			}
			return rng.NormFloat64() * sd
		}
		var trans [numLabels + 1][numLabels]float32
		for x := range trans {
			for y := range trans[x] {
				trans[x][y] = float32(draw(1))
			}
		}
		n := 1 + rng.IntN(4)
		em := make([]float64, n*stride)
		for i := range em {
			em[i] = float32Round(draw(3))
		}
		var s scratch
		var got float64
		if whole {
			lat := lattice[int64](&trans)
			emi := make([]int64, len(em))
			for i, v := range em {
				emi[i] = int64(v)
			}
			got = float64(decode(&s, emi, &lat, n))
		} else {
			lat := lattice[float64](&trans)
			got = decode(&s, em, &lat, n)
		}
		best, bestPath := negInfinity, []uint8(nil)
		path := make([]uint8, n)
		var walk func(t int, score float64)
		walk = func(t int, score float64) {
			if t == n {
				if score > best {
					best, bestPath = score, append([]uint8(nil), path...)
				}
				return
			}
			prev := uint8(startRow)
			if t > 0 {
				prev = path[t-1]
			}
			for y := uint8(0); y < numLabels; y++ {
				if allowed(prev, y) {
					path[t] = y
					walk(t+1, score+float64(trans[prev][y])+em[t*stride+int(y)])
				}
			}
		}
		walk(0, 0)
		if !bytes.Equal(s.path, bestPath) || math.Abs(got-best) > 1e-6 {
			t.Fatalf("trial %d: decode %v (%.4f), exhaustive %v (%.4f)", trial, s.path, got, bestPath, best)
		}
	}
}

func float32Round(v float64) float64 { return float64(float32(v)) }

// The packed rows hold every weight a model may have, and a token's
// emissions are the sums of its features' weights, whatever their signs,
// with every feature slot at the largest weight or the smallest.
func TestPackedEmissionsAreExact(t *testing.T) {
	m := &Model{bits: 4, rows: newRows(16)}
	rng := rand.New(rand.NewPCG(3, 4))
	for r := 1; r < 16; r++ {
		for y := 0; y < numLabels; y++ {
			v := rng.IntN(2*maxWeight+1) - maxWeight
			switch r {
			case 14:
				v = maxWeight
			case 15:
				v = -maxWeight
			}
			m.setWeight(r, y, v)
			if got := m.weight(r, y); got != v {
				t.Fatalf("weight(%d, %d) = %d after setting %d", r, y, got, v)
			}
		}
	}
	feats := make([]uint32, 4*numFeatures)
	for i := range feats {
		feats[i] = uint32(rng.IntN(16))
	}
	for i := 2 * numFeatures; i < 3*numFeatures; i++ {
		feats[i] = 14
	}
	for i := 3 * numFeatures; i < 4*numFeatures; i++ {
		feats[i] = 15
	}
	em := m.emissions(feats, nil)
	for tok := 0; tok < 4; tok++ {
		for y := 0; y < numLabels; y++ {
			want := 0
			for _, f := range feats[tok*numFeatures : (tok+1)*numFeatures] {
				want += m.weight(int(f), y)
			}
			if got := em[tok*stride+y]; got != int64(want) {
				t.Errorf("token %d label %d: emission %d, want %d", tok, y, got, want)
			}
		}
	}
}

var negInfinity = math.Inf(-1)
