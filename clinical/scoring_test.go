package clinical_test

import (
	"errors"
	"strings"
	"testing"

	"github.com/confidenotes/confide/clinical"
)

func instrument(tb testing.TB, id string) *clinical.Instrument {
	tb.Helper()
	in, err := clinical.InstrumentByID(id)
	if err != nil {
		tb.Fatal(err)
	}
	return in
}

// TestShippedInstruments checks each file against the published shape of
// its instrument: item count, answer range, highest total, licence.
func TestShippedInstruments(t *testing.T) {
	tests := []struct {
		id              string
		items, lo, hi   int
		max             int
		licenceSays     string
		firstItemPrefix string
	}{
		{"phq9", 9, 0, 3, 27, "No permission required", "Little interest or pleasure"},
		{"gad7", 7, 0, 3, 21, "No permission required", "Feeling nervous, anxious"},
		{"pcl5", 20, 0, 4, 80, "Public domain", "Repeated, disturbing, and unwanted memories"},
		{"core10", 10, 0, 4, 40, "NonCommercial", "Item 1"},
		{"auditc", 3, 0, 4, 12, "Public domain", "How often did you have a drink containing alcohol"},
	}
	all, err := clinical.Instruments()
	if err != nil {
		t.Fatal(err)
	}
	if len(all) != len(tests) {
		t.Errorf("%d instruments shipped, want %d", len(all), len(tests))
	}
	for _, tt := range tests {
		t.Run(tt.id, func(t *testing.T) {
			in := instrument(t, tt.id)
			if in.ItemCount != tt.items || len(in.Items) != tt.items {
				t.Errorf("items = %d/%d, want %d", in.ItemCount, len(in.Items), tt.items)
			}
			if got := in.MaxTotal(); got != tt.max {
				t.Errorf("max total = %d, want %d", got, tt.max)
			}
			for i := 1; i <= in.ItemCount; i++ {
				opts := in.ItemOptions(i)
				if opts[0].Value != tt.lo || opts[len(opts)-1].Value != tt.hi {
					t.Errorf("item %d answers %d..%d, want %d..%d", i, opts[0].Value, opts[len(opts)-1].Value, tt.lo, tt.hi)
				}
			}
			if !strings.Contains(in.Licence, tt.licenceSays) || in.Attribution == "" {
				t.Errorf("licence %q, attribution %q", in.Licence, in.Attribution)
			}
			if !strings.HasPrefix(in.Items[0].Text, tt.firstItemPrefix) {
				t.Errorf("item 1 = %q", in.Items[0].Text)
			}
		})
	}
	if _, err := clinical.InstrumentByID("bdi2"); !errors.Is(err, clinical.ErrUnknownInstrument) {
		t.Errorf("BDI-II: %v, want ErrUnknownInstrument (it is not shipped)", err)
	}
}

// TestScoringRules scores answer sets by each instrument's published
// rule: PHQ-9, GAD-7, PCL-5 and AUDIT-C total = sum of the items; CORE-10
// clinical score = sum with items 2 and 3 reversed (4 - answer); the
// PCL-5 cluster scores and DSM-5 provisional-diagnosis rule.
func TestScoringRules(t *testing.T) {
	tests := []struct {
		name        string
		id          string
		items       []int
		total       int
		band        string
		flags       []string
		subscales   map[string]int
		provisional *bool
	}{
		// PHQ-9, by the form's office-coding rule: the column sums
		// 0 + 3 (three 1s) + 6 (three 2s) + 6 (two 3s) = 15.
		{"phq9 column sums", "phq9", []int{2, 3, 1, 2, 3, 0, 1, 2, 1}, 15, "moderately severe", []string{"item9"}, nil, nil},
		{"phq9 all zero", "phq9", []int{0, 0, 0, 0, 0, 0, 0, 0, 0}, 0, "minimal", nil, nil, nil},
		{"phq9 all three", "phq9", []int{3, 3, 3, 3, 3, 3, 3, 3, 3}, 27, "severe", []string{"item9"}, nil, nil},
		{"gad7", "gad7", []int{1, 2, 1, 1, 2, 1, 2}, 10, "moderate", nil, nil, nil},
		{"pcl5 meets DSM-5 rule", "pcl5", []int{2, 0, 0, 0, 0, 2, 0, 2, 2, 0, 0, 0, 0, 0, 2, 2, 0, 0, 0, 0}, 12, "below cut-off", nil,
			map[string]int{"B": 2, "C": 2, "D": 4, "E": 4}, ptr(true)},
		{"pcl5 ones never endorse", "pcl5", []int{1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1}, 20, "below cut-off", nil,
			map[string]int{"B": 5, "C": 2, "D": 7, "E": 6}, ptr(false)},
		{"pcl5 one D short", "pcl5", []int{4, 4, 4, 4, 4, 4, 4, 4, 0, 1, 1, 1, 1, 1, 4, 4, 4, 4, 4, 4}, 61, "probable ptsd", nil,
			map[string]int{"B": 20, "C": 8, "D": 9, "E": 24}, ptr(false)},
		// CORE-10: items 2 and 3 reversed; all answers 0 score 8 (4 + 4).
		{"core10 all zero", "core10", []int{0, 0, 0, 0, 0, 0, 0, 0, 0, 0}, 8, "low level", nil, nil, nil},
		{"core10 reversal", "core10", []int{3, 4, 4, 2, 1, 0, 3, 2, 3, 1}, 15, "moderate", nil, nil, nil},
		{"core10 risk item", "core10", []int{4, 0, 0, 4, 4, 2, 4, 4, 4, 4}, 38, "severe", []string{"item6"}, nil, nil},
		{"auditc", "auditc", []int{2, 1, 1}, 4, "positive", nil, nil, nil},
		{"auditc women", "auditc", []int{1, 1, 1}, 3, "positive for women", nil, nil, nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			s, err := instrument(t, tt.id).Score(tt.items)
			if err != nil {
				t.Fatal(err)
			}
			if s.Total != tt.total || s.Band != tt.band {
				t.Errorf("total %d (%s), want %d (%s)", s.Total, s.Band, tt.total, tt.band)
			}
			if len(s.Flags) != len(tt.flags) || (len(tt.flags) > 0 && s.Flags[0] != tt.flags[0]) {
				t.Errorf("flags %v, want %v", s.Flags, tt.flags)
			}
			for k, v := range tt.subscales {
				if s.Subscales[k] != v {
					t.Errorf("cluster %s = %d, want %d", k, s.Subscales[k], v)
				}
			}
			if (tt.provisional == nil) != (s.Provisional == nil) || (tt.provisional != nil && *tt.provisional != *s.Provisional) {
				t.Errorf("provisional diagnosis %v, want %v", s.Provisional, tt.provisional)
			}
		})
	}
}

func TestScoringRefuses(t *testing.T) {
	tests := []struct {
		name, id string
		items    []int
		want     string
	}{
		{"too few", "phq9", []int{1, 1, 1}, "PHQ-9 has 9 items; 3 answers were given"},
		{"too many", "gad7", []int{1, 1, 1, 1, 1, 1, 1, 1}, "GAD-7 has 7 items; 8 answers were given"},
		{"above range", "phq9", []int{0, 0, 0, 0, 4, 0, 0, 0, 0}, "PHQ-9 item 5 must be 0 to 3; 4 was given"},
		{"negative", "pcl5", append([]int{-1}, make([]int, 19)...), "PCL-5 item 1 must be 0 to 4; -1 was given"},
		{"auditc above", "auditc", []int{0, 5, 0}, "AUDIT-C item 2 must be 0 to 4; 5 was given"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := instrument(t, tt.id).Score(tt.items)
			if !errors.Is(err, clinical.ErrInvalid) {
				t.Fatalf("error %v, want ErrInvalid", err)
			}
			mustContain(t, err, tt.want)
		})
	}
}

// TestBandsAtEveryBoundary checks the band on both sides of every
// boundary of every instrument, against the published ranges.
func TestBandsAtEveryBoundary(t *testing.T) {
	published := map[string][]struct {
		lo, hi int
		name   string
	}{
		"phq9":   {{0, 4, "minimal"}, {5, 9, "mild"}, {10, 14, "moderate"}, {15, 19, "moderately severe"}, {20, 27, "severe"}},
		"gad7":   {{0, 4, "minimal"}, {5, 9, "mild"}, {10, 14, "moderate"}, {15, 21, "severe"}},
		"pcl5":   {{0, 32, "below cut-off"}, {33, 80, "probable ptsd"}},
		"core10": {{0, 5, "healthy"}, {6, 10, "low level"}, {11, 14, "mild"}, {15, 19, "moderate"}, {20, 24, "moderate-to-severe"}, {25, 40, "severe"}},
		"auditc": {{0, 2, "negative"}, {3, 3, "positive for women"}, {4, 12, "positive"}},
	}
	for id, bands := range published {
		in := instrument(t, id)
		for _, b := range bands {
			for _, total := range []int{b.lo, b.hi} {
				// Through the items (the first items carry the total) and
				// through a paper total: both must agree.
				items := spread(in.ItemCount, total, in.ItemOptions(1)[len(in.ItemOptions(1))-1].Value)
				if id == "core10" {
					continue // reversed items: checked through the paper total below
				}
				s, err := in.Score(items)
				if err != nil {
					t.Fatalf("%s %v: %v", id, items, err)
				}
				if s.Total != total || s.Band != b.name {
					t.Errorf("%s items %v: %d %q, want %d %q", id, items, s.Total, s.Band, total, b.name)
				}
			}
			for _, total := range []int{b.lo, b.hi} {
				if got := in.BandOf(total); got != b.name {
					t.Errorf("%s total %d: band %q, want %q", id, total, got, b.name)
				}
			}
		}
		if got := in.BandOf(in.MaxTotal() + 1); got != "" {
			t.Errorf("%s: total above the maximum has band %q", id, got)
		}
	}
}

// TestItem9FlagAtEveryBoundary: PHQ-9 item 9 at 0 raises nothing, at 1, 2
// and 3 it raises "item9", whatever the other answers; so does the
// answer read off a paper form.
func TestItem9FlagAtEveryBoundary(t *testing.T) {
	in := instrument(t, "phq9")
	for _, rest := range []int{0, 3} {
		for a := 0; a <= 3; a++ {
			items := []int{rest, rest, rest, rest, rest, rest, rest, rest, a}
			s, err := in.Score(items)
			if err != nil {
				t.Fatal(err)
			}
			if flagged := len(s.Flags) == 1 && s.Flags[0] == "item9"; flagged != (a > 0) {
				t.Errorf("items %v: flags %v", items, s.Flags)
			}
			p, err := in.ScoreTotal(8*rest+a, map[int]int{9: a})
			if err != nil {
				t.Fatal(err)
			}
			if flagged := len(p.Flags) == 1 && p.Flags[0] == "item9"; flagged != (a > 0) {
				t.Errorf("paper total with item 9 = %d: flags %v", a, p.Flags)
			}
		}
	}
	if _, err := in.ScoreTotal(12, nil); !errors.Is(err, clinical.ErrInvalid) {
		t.Errorf("a PHQ-9 paper total without item 9: %v, want a refusal", err)
	}
	if _, err := in.ScoreTotal(28, map[int]int{9: 0}); !errors.Is(err, clinical.ErrInvalid) {
		t.Errorf("PHQ-9 total 28: %v, want a refusal", err)
	}
	if _, err := in.ScoreTotal(10, map[int]int{9: 4}); !errors.Is(err, clinical.ErrInvalid) {
		t.Errorf("item 9 = 4: %v, want a refusal", err)
	}
	if _, err := in.ScoreTotal(10, map[int]int{9: 0, 2: 1}); !errors.Is(err, clinical.ErrInvalid) {
		t.Errorf("a non-risk item with a paper total: %v, want a refusal", err)
	}
	// Instruments without risk items take a bare total.
	if s, err := instrument(t, "gad7").ScoreTotal(21, nil); err != nil || s.Band != "severe" {
		t.Errorf("GAD-7 total 21: %+v, %v", s, err)
	}
}

func ptr[T any](v T) *T { return &v }
