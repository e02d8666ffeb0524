package clinical

import (
	"encoding/json"
	"fmt"
	"io/fs"
	"sort"
	"strings"
	"sync"

	"github.com/confidenotes/confide/assets"
)

// AnswerOption is one answer to an item: its score and its label.
type AnswerOption struct {
	Value int    `json:"value"`
	Label string `json:"label"`
}

// Item is one question of an instrument, in the instrument's own words.
type Item struct {
	Text    string         `json:"text"`
	Options []AnswerOption `json:"options,omitempty"` // "" means the instrument's options
}

// Band is a named range of totals, both ends included.
type Band struct {
	Min  int    `json:"min"`
	Max  int    `json:"max"`
	Name string `json:"name"` // lowercase, the instrument's own name
}

// RiskItem is an item whose answer above 0 raises a flag and a prompt.
type RiskItem struct {
	Item   int    `json:"item"` // 1-based
	Flag   string `json:"flag"` // e.g. "item9"
	Prompt string `json:"prompt"`
}

// Cluster is a group of items scored together (the PCL-5's DSM-5
// symptom clusters): Need items rated EndorsedAt or more count toward a
// provisional diagnosis.
type Cluster struct {
	Name  string `json:"name"`
	Title string `json:"title"`
	Items []int  `json:"items"`
	Need  int    `json:"need"`
}

// Clusters is an instrument's clusters and the rating that counts.
type Clusters struct {
	EndorsedAt int       `json:"endorsed_at"`
	Groups     []Cluster `json:"groups"`
}

// FollowUp is an unscored question asked after the items.
type FollowUp struct {
	Text    string   `json:"text"`
	Options []string `json:"options"`
}

// Instrument is an outcome measure as shipped in assets/measures: wording,
// scoring, bands, cut-offs, published change thresholds, licence.
type Instrument struct {
	ID           string         `json:"id"`
	Name         string         `json:"name"`
	Title        string         `json:"title"`
	Instructions string         `json:"instructions"`
	Stem         string         `json:"stem,omitempty"`
	Options      []AnswerOption `json:"options,omitempty"`
	Items        []Item         `json:"items"`
	ItemCount    int            `json:"item_count"`
	Reverse      []int          `json:"reverse,omitempty"` // 1-based items scored max-answer
	FollowUp     *FollowUp      `json:"follow_up,omitempty"`
	Clusters     *Clusters      `json:"clusters,omitempty"`
	Bands        []Band         `json:"bands"`
	BandsSource  string         `json:"bands_source"`
	RiskItems    []RiskItem     `json:"risk_items,omitempty"`
	// Cutoff is the clinical cut-off: a total at or above it is in the
	// clinical range. ExtraCutoffs are further lines drawn on the chart.
	Cutoff       int   `json:"cutoff"`
	ExtraCutoffs []int `json:"extra_cutoffs,omitempty"`
	// ReliableChange is the smallest change that counts as reliable, 0
	// when no threshold is published; MeaningfulChange, when set, is the
	// smallest improvement that counts as clinically meaningful.
	ReliableChange   int    `json:"reliable_change,omitempty"`
	MeaningfulChange int    `json:"meaningful_change,omitempty"`
	ChangeSource     string `json:"change_source"`
	Licence          string `json:"licence"`
	Attribution      string `json:"attribution"`
}

// ItemOptions returns the answers item i (1-based) accepts.
func (in *Instrument) ItemOptions(i int) []AnswerOption {
	if i >= 1 && i <= len(in.Items) && len(in.Items[i-1].Options) > 0 {
		return in.Items[i-1].Options
	}
	return in.Options
}

// itemRange returns the lowest and highest answer of item i (1-based).
func (in *Instrument) itemRange(i int) (int, int) {
	opts := in.ItemOptions(i)
	lo, hi := opts[0].Value, opts[0].Value
	for _, o := range opts {
		lo, hi = min(lo, o.Value), max(hi, o.Value)
	}
	return lo, hi
}

// MaxTotal is the highest total the instrument can give.
func (in *Instrument) MaxTotal() int {
	t := 0
	for i := 1; i <= in.ItemCount; i++ {
		_, hi := in.itemRange(i)
		t += hi
	}
	return t
}

// BandOf names the band of a total ("" when the total is out of range).
func (in *Instrument) BandOf(total int) string {
	for _, b := range in.Bands {
		if total >= b.Min && total <= b.Max {
			return b.Name
		}
	}
	return ""
}

func (in *Instrument) reversed(i int) bool {
	for _, r := range in.Reverse {
		if r == i {
			return true
		}
	}
	return false
}

// Score is what an instrument's scoring rules make of a set of answers.
type Score struct {
	Total     int            `json:"total"`
	Band      string         `json:"band"`
	Flags     []string       `json:"flags"`
	Subscales map[string]int `json:"subscales,omitempty"`
	// Provisional is the PCL-5's DSM-5 rule: set when the instrument has
	// clusters and every cluster has enough items rated EndorsedAt or more.
	Provisional *bool `json:"provisional_diagnosis,omitempty"`
}

// Score checks a full set of answers (items[0] is item 1) and scores it:
// the sum of the items (reverse-scored items count max minus the answer),
// the band, the risk flags, and the cluster scores where the instrument
// has them. Wrong counts and out-of-range answers are refused, naming the
// item.
func (in *Instrument) Score(items []int) (*Score, error) {
	if len(items) != in.ItemCount {
		return nil, fmt.Errorf("%w: %s has %d items; %d answers were given", ErrInvalid, in.Name, in.ItemCount, len(items))
	}
	s := &Score{Flags: []string{}}
	for i, a := range items {
		lo, hi := in.itemRange(i + 1)
		if a < lo || a > hi {
			return nil, fmt.Errorf("%w: %s item %d must be %d to %d; %d was given", ErrInvalid, in.Name, i+1, lo, hi, a)
		}
		if in.reversed(i + 1) {
			s.Total += hi + lo - a
		} else {
			s.Total += a
		}
	}
	for _, r := range in.RiskItems {
		if items[r.Item-1] > 0 {
			s.Flags = append(s.Flags, r.Flag)
		}
	}
	if in.Clusters != nil {
		s.Subscales = map[string]int{}
		ok := true
		for _, c := range in.Clusters.Groups {
			endorsed := 0
			for _, i := range c.Items {
				s.Subscales[c.Name] += items[i-1]
				if items[i-1] >= in.Clusters.EndorsedAt {
					endorsed++
				}
			}
			ok = ok && endorsed >= c.Need
		}
		s.Provisional = &ok
	}
	s.Band = in.BandOf(s.Total)
	return s, nil
}

// ScoreTotal checks a total given on paper and names its band. riskAnswers
// holds the answers to the instrument's risk items that were read off the
// paper form (item number to answer); an instrument with risk items needs
// them, since the total alone cannot tell whether the client endorsed one.
func (in *Instrument) ScoreTotal(total int, riskAnswers map[int]int) (*Score, error) {
	if total < 0 || total > in.MaxTotal() {
		return nil, fmt.Errorf("%w: a %s total must be 0 to %d; %d was given", ErrInvalid, in.Name, in.MaxTotal(), total)
	}
	s := &Score{Total: total, Band: in.BandOf(total), Flags: []string{}}
	for _, r := range in.RiskItems {
		a, ok := riskAnswers[r.Item]
		if !ok {
			return nil, fmt.Errorf("%w: with a %s total, give the answer to item %d as well (it is the risk item)", ErrInvalid, in.Name, r.Item)
		}
		lo, hi := in.itemRange(r.Item)
		if a < lo || a > hi {
			return nil, fmt.Errorf("%w: %s item %d must be %d to %d; %d was given", ErrInvalid, in.Name, r.Item, lo, hi, a)
		}
		if a > 0 {
			s.Flags = append(s.Flags, r.Flag)
		}
	}
	for item := range riskAnswers {
		if !in.isRiskItem(item) {
			return nil, fmt.Errorf("%w: %s item %d is not a risk item; give all the items or only the total", ErrInvalid, in.Name, item)
		}
	}
	return s, nil
}

func (in *Instrument) isRiskItem(item int) bool {
	for _, r := range in.RiskItems {
		if r.Item == item {
			return true
		}
	}
	return false
}

// RiskPrompt returns the prompt of a flag, "" for an unknown one.
func (in *Instrument) RiskPrompt(flag string) string {
	for _, r := range in.RiskItems {
		if r.Flag == flag {
			return r.Prompt
		}
	}
	return ""
}

var (
	instrumentsOnce sync.Once
	instruments     map[string]*Instrument
	instrumentsErr  error
)

func loadInstruments() {
	instruments = map[string]*Instrument{}
	files, err := fs.Glob(assets.Measures, "measures/*.json")
	if err != nil {
		instrumentsErr = err
		return
	}
	for _, f := range files {
		b, err := assets.Measures.ReadFile(f)
		if err != nil {
			instrumentsErr = err
			return
		}
		var in Instrument
		if err := json.Unmarshal(b, &in); err != nil {
			instrumentsErr = fmt.Errorf("%s: %w", f, err)
			return
		}
		if err := in.check(); err != nil {
			instrumentsErr = fmt.Errorf("%s: %w", f, err)
			return
		}
		instruments[in.ID] = &in
	}
}

// check catches a malformed instrument file when it is loaded, not when a
// client's answers happen to reach the gap.
func (in *Instrument) check() error {
	if in.ID == "" || in.Name == "" || in.ItemCount == 0 || len(in.Items) != in.ItemCount {
		return fmt.Errorf("needs id, name and item_count items")
	}
	for i := 1; i <= in.ItemCount; i++ {
		if len(in.ItemOptions(i)) == 0 {
			return fmt.Errorf("item %d has no options", i)
		}
	}
	next := 0
	for _, b := range in.Bands {
		if b.Min != next || b.Max < b.Min || b.Name != strings.ToLower(b.Name) {
			return fmt.Errorf("bands must cover 0..max without gaps, in lowercase")
		}
		next = b.Max + 1
	}
	if next != in.MaxTotal()+1 {
		return fmt.Errorf("bands end at %d, the maximum is %d", next-1, in.MaxTotal())
	}
	for _, r := range in.RiskItems {
		if r.Item < 1 || r.Item > in.ItemCount || r.Flag == "" {
			return fmt.Errorf("bad risk item %d", r.Item)
		}
	}
	return nil
}

// Instruments returns the instruments Confide ships, by name.
func Instruments() ([]*Instrument, error) {
	instrumentsOnce.Do(loadInstruments)
	if instrumentsErr != nil {
		return nil, instrumentsErr
	}
	out := make([]*Instrument, 0, len(instruments))
	for _, in := range instruments {
		out = append(out, in)
	}
	sort.Slice(out, func(i, j int) bool { return out[i].Name < out[j].Name })
	return out, nil
}

// InstrumentByID returns one instrument ("phq9", "gad7", "pcl5",
// "core10", "auditc"), or ErrUnknownInstrument.
func InstrumentByID(id string) (*Instrument, error) {
	instrumentsOnce.Do(loadInstruments)
	if instrumentsErr != nil {
		return nil, instrumentsErr
	}
	in, ok := instruments[strings.ToLower(strings.TrimSpace(id))]
	if !ok {
		return nil, fmt.Errorf("%w %q: use one of phq9, gad7, pcl5, core10, auditc", ErrUnknownInstrument, id)
	}
	return in, nil
}
