package clinical

import (
	"bufio"
	"bytes"
	"fmt"
	"sort"
	"strings"
	"sync"

	"github.com/confidenotes/confide/assets"
)

// ICD10Release names the ICD-10-CM release the shipped codes come from
// (assets/icd10/SOURCE says where the file came from).
const ICD10Release = "ICD-10-CM FY2026 (effective 1 October 2025)"

// Code is an ICD-10-CM code and its description.
type Code struct {
	Code        string `json:"code"` // with its dot: F32.1
	Description string `json:"description"`
}

var (
	codesOnce sync.Once
	codeList  []Code
	codeIndex map[string]int
	codesErr  error
)

func loadCodes() {
	b, err := assets.ICD10.ReadFile("icd10/icd10cm-mh.tsv")
	if err != nil {
		codesErr = err
		return
	}
	codeIndex = map[string]int{}
	sc := bufio.NewScanner(bytes.NewReader(b))
	sc.Scan() // header
	for sc.Scan() {
		code, desc, ok := strings.Cut(sc.Text(), "\t")
		if !ok {
			codesErr = fmt.Errorf("icd10cm-mh.tsv: malformed line %q", sc.Text())
			return
		}
		codeIndex[compactCode(code)] = len(codeList)
		codeList = append(codeList, Code{Code: code, Description: desc})
	}
	codesErr = sc.Err()
}

// compactCode is a code without dot or spaces, upper case: "f32.1" is F321.
func compactCode(c string) string {
	return strings.ToUpper(strings.NewReplacer(".", "", " ", "").Replace(strings.TrimSpace(c)))
}

// LookupCode returns the shipped code matching c, written with or without
// its dot, in any case; ErrUnknownCode when there is none.
func LookupCode(c string) (Code, error) {
	codesOnce.Do(loadCodes)
	if codesErr != nil {
		return Code{}, codesErr
	}
	i, ok := codeIndex[compactCode(c)]
	if !ok {
		return Code{}, fmt.Errorf("%w %q: Confide knows the billable codes of F01-F99 and the Z codes therapists use (%s); search them with the picker or 'confidectl dx codes QUERY'", ErrUnknownCode, c, ICD10Release)
	}
	return codeList[i], nil
}

// SearchCodes finds codes for the picker: every word of the query must
// start a word of the description, or the query must start the code.
// Code matches come first, then in tabular order; at most limit (0: all).
func SearchCodes(query string, limit int) ([]Code, error) {
	codesOnce.Do(loadCodes)
	if codesErr != nil {
		return nil, codesErr
	}
	q := strings.ToLower(strings.TrimSpace(query))
	words := strings.Fields(q)
	cq := compactCode(q)
	type hit struct {
		i    int
		code bool
	}
	var hits []hit
	for i, c := range codeList {
		switch {
		case cq != "" && strings.HasPrefix(compactCode(c.Code), cq):
			hits = append(hits, hit{i, true})
		case len(words) > 0 && matchesWords(strings.ToLower(c.Description), words):
			hits = append(hits, hit{i, false})
		case len(words) == 0:
			hits = append(hits, hit{i, false})
		}
	}
	sort.SliceStable(hits, func(a, b int) bool { return hits[a].code && !hits[b].code })
	if limit > 0 && len(hits) > limit {
		hits = hits[:limit]
	}
	out := make([]Code, len(hits))
	for i, h := range hits {
		out[i] = codeList[h.i]
	}
	return out, nil
}

func matchesWords(desc string, words []string) bool {
	fields := strings.FieldsFunc(desc, func(r rune) bool {
		return r == ' ' || r == ',' || r == '(' || r == ')' || r == '-' || r == '[' || r == ']' || r == '/'
	})
	for _, w := range words {
		found := false
		for _, f := range fields {
			if strings.HasPrefix(f, w) {
				found = true
				break
			}
		}
		if !found {
			return false
		}
	}
	return true
}
