package disguise

import (
	"crypto/rand"
	"encoding/binary"
	"encoding/json"
	"errors"
	"fmt"
	mrand "math/rand/v2"
	"slices"
	"strings"
	"sync"
	"unicode"
)

// Profile names a set of transformations over detected spans.
type Profile string

// The profiles. Consultation keeps a note readable for a colleague
// (pseudonyms, shifted dates, age ranges, generic places); SafeHarbor
// removes or generalises the 18 HIPAA Safe Harbor identifiers; ThirdParty
// redacts only people and details other than the client, for releasing a
// client's own record.
const (
	Consultation Profile = "consultation"
	SafeHarbor   Profile = "safe-harbor"
	ThirdParty   Profile = "third-party"
)

// MappingVersion is the version of the Mapping JSON encoding.
const MappingVersion = 1

// Mapping is how real values are disguised in one consultation or
// release: the profile, the one date offset, and the pseudonym chosen for
// each real name. The caller stores it (it is secret: it links pseudonyms
// to people) inside the vault, and passes it back for every note of the
// same consultation so that the same person keeps the same pseudonym.
// A Mapping is not safe for concurrent use.
type Mapping struct {
	Version       int               `json:"version"`
	Profile       Profile           `json:"profile"`
	Seed          uint64            `json:"seed"`
	DateShiftDays int               `json:"date_shift_days"`
	Names         map[string]string `json:"names"` // lower-case real name word -> pseudonym
	Draws         uint64            `json:"draws"` // pseudonyms drawn so far

	avoid map[string]bool // real name words no pseudonym may be (see Avoid)
}

// Avoid keeps every word of the known people's names (the client's, the
// related people's and the unit members') out of the pseudonyms drawn from
// now on, so that no pseudonym is a real name in the record: a packet that
// calls the client "Daniel" when Daniel is her husband misleads the reader
// and looks like a leak. Apply does the same for the names it is given.
// Pseudonyms already drawn keep their value.
func (m *Mapping) Avoid(k *Known) {
	if k == nil {
		return
	}
	var names []string
	names = append(names, k.Names...)
	names = append(names, k.Members...)
	for _, r := range k.Related {
		names = append(names, r.Name)
	}
	for _, n := range names {
		m.avoidWords(n)
	}
}

// avoided reports whether choice is, or resembles, a name word to avoid.
func (m *Mapping) avoided(choice string) bool {
	if m.avoid[strings.ToLower(choice)] {
		return true
	}
	for w := range m.avoid {
		if resembles(choice, w) {
			return true
		}
	}
	return false
}

// AvoidNames keeps the words of names out of the pseudonyms drawn from now
// on, as Avoid does for the known people: for names found in texts that
// will be disguised later, so that none of them is drawn before it is met.
func (m *Mapping) AvoidNames(names ...string) {
	for _, n := range names {
		m.avoidWords(n)
	}
}

func (m *Mapping) avoidWords(name string) {
	if m.avoid == nil {
		m.avoid = map[string]bool{}
	}
	for _, w := range strings.FieldsFunc(name, func(r rune) bool { return !unicode.IsLetter(r) && r != '\'' && r != '-' }) {
		if len(w) >= 3 { // an initial or "de" would rule out half the pool
			m.avoid[strings.ToLower(w)] = true
		}
	}
}

// NewMapping builds a mapping for profile from seed: the same seed gives
// the same date offset and the same pseudonyms.
func NewMapping(profile Profile, seed uint64) *Mapping {
	r := mrand.New(mrand.NewPCG(seed, 0x5eed))
	shift := -(30 + r.IntN(336)) // 30..365 days back: no disguised date after today
	return &Mapping{Version: MappingVersion, Profile: profile, Seed: seed, DateShiftDays: shift, Names: map[string]string{}}
}

// GenerateMapping builds a mapping for profile from a fresh random seed.
func GenerateMapping(profile Profile) (*Mapping, error) {
	var b [8]byte
	if _, err := rand.Read(b[:]); err != nil {
		return nil, fmt.Errorf("generate mapping: %w", err)
	}
	return NewMapping(profile, binary.LittleEndian.Uint64(b[:])), nil
}

// ErrBadMapping is returned by ParseMapping for data that is not a mapping.
var ErrBadMapping = errors.New("not a disguise mapping")

// ParseMapping decodes a mapping stored with json.Marshal.
func ParseMapping(data []byte) (*Mapping, error) {
	var m Mapping
	if err := json.Unmarshal(data, &m); err != nil {
		return nil, fmt.Errorf("%w: %v", ErrBadMapping, err)
	}
	switch {
	case m.Version != MappingVersion:
		return nil, fmt.Errorf("%w: version %d", ErrBadMapping, m.Version)
	case m.Profile != Consultation && m.Profile != SafeHarbor && m.Profile != ThirdParty:
		return nil, fmt.Errorf("%w: unknown profile", ErrBadMapping)
	}
	if m.Names == nil {
		m.Names = map[string]string{}
	}
	return &m, nil
}

// pseudonymPools are common names that are not ordinary words, by kind.
type pseudonymPools struct {
	female, male, neutral, surnames []string
}

var (
	poolsOnce sync.Once
	pools     pseudonymPools
)

func getPools() *pseudonymPools {
	poolsOnce.Do(func() {
		l := getLexicon()
		type nc struct {
			name  string
			count int
		}
		var f, m, n, s []nc
		for name, w := range l.info {
			switch {
			case w.first >= 20000 && w.rank == 0 && w.surname <= 5000:
				switch share := float64(w.female) / float64(w.first); {
				case share > 0.95:
					f = append(f, nc{name, int(w.first)})
				case share < 0.05:
					m = append(m, nc{name, int(w.first)})
				case share > 0.3 && share < 0.7:
					n = append(n, nc{name, int(w.first)})
				}
			case w.surname >= 50000 && w.rank == 0 && w.first == 0 && len(name) > 3:
				s = append(s, nc{name, int(w.surname)})
			}
		}
		top := func(list []nc, k int) []string {
			slices.SortFunc(list, func(a, b nc) int {
				if a.count != b.count {
					return b.count - a.count
				}
				return strings.Compare(a.name, b.name)
			})
			out := make([]string, 0, k)
			for _, x := range list[:min(k, len(list))] {
				out = append(out, titleCase(x.name))
			}
			return out
		}
		pools = pseudonymPools{female: top(f, 300), male: top(m, 300), neutral: top(n, 60), surnames: top(s, 400)}
	})
	return &pools
}

func titleCase(s string) string {
	if s == "" {
		return s
	}
	return strings.ToUpper(s[:1]) + s[1:]
}

// resembles reports whether a pseudonym would give the real name away: the
// same name, one inside the other ("Maria", "Mariah"), or the same first
// four letters.
func resembles(pseudo, real string) bool {
	p, r := strings.ToLower(pseudo), strings.ToLower(real)
	if strings.Contains(p, r) || strings.Contains(r, p) {
		return true
	}
	n := 0
	for n < len(p) && n < len(r) && p[n] == r[n] {
		n++
	}
	return n >= 4
}

// pseudonym returns the pseudonym of one real name word, drawing a new
// one (of the likely gender, for a first name) the first time it is seen.
func (m *Mapping) pseudonym(real string, first bool) string {
	key := strings.ToLower(real)
	if p, ok := m.Names[key]; ok {
		return p
	}
	if m.Names == nil {
		m.Names = map[string]string{}
	}
	p := getPools()
	pool := p.surnames
	if first {
		switch share := getLexicon().femaleShare(key); {
		case share < 0:
			pool = append(append([]string(nil), p.female...), p.male...)
		case share >= 0.7:
			pool = p.female
		case share <= 0.3:
			pool = p.male
		default:
			pool = p.neutral
		}
	}
	used := make(map[string]bool, len(m.Names))
	for _, v := range m.Names {
		used[strings.ToLower(v)] = true
	}
	r := mrand.New(mrand.NewPCG(m.Seed, m.Draws))
	m.Draws++
	choice := pool[r.IntN(len(pool))]
	for tries := 0; tries < 50 && (used[strings.ToLower(choice)] || resembles(choice, real) || m.Names[strings.ToLower(choice)] != "" || m.avoided(choice)); tries++ {
		choice = pool[r.IntN(len(pool))]
	}
	m.Names[key] = choice
	return choice
}
