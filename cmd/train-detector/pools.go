package main

import (
	"hash/fnv"
	"io/fs"
	"sort"
	"strconv"
	"strings"
)

// pools are the names, places and organisations one half of the generated
// text draws on. An entry belongs to the held-out half when its hash says
// so, which gives the held-out text names, places and organisations the
// model never saw in training.
type pools struct {
	first, last, places, stateCodes []string
	hospitals, univs, companies     []string
}

func heldOut(s string) bool {
	h := fnv.New32a()
	h.Write([]byte(strings.ToLower(s)))
	return h.Sum32()%5 == 0
}

// loadPools reads the gazetteer lists of fsys into the training pools
// (test false) or the held-out ones (test true).
func loadPools(fsys fs.FS, test bool) (*pools, error) {
	p := &pools{}
	type counted struct {
		s string
		n int
	}
	read := func(file string, col int, fn func(f []string)) error {
		data, err := fs.ReadFile(fsys, "gazetteer/"+file)
		if err != nil {
			return err
		}
		lines := strings.Split(string(data), "\n")
		for _, l := range lines[1:] {
			f := strings.Split(strings.TrimRight(l, "\r"), "\t")
			if len(f) > col && f[0] != "" && heldOut(f[0]) == test {
				fn(f)
			}
		}
		return nil
	}
	var firsts, lasts []counted
	if err := read("first_names.tsv", 2, func(f []string) {
		a, _ := strconv.Atoi(f[1])
		b, _ := strconv.Atoi(f[2])
		firsts = append(firsts, counted{f[0], a + b})
	}); err != nil {
		return nil, err
	}
	if err := read("surnames.tsv", 1, func(f []string) {
		n, _ := strconv.Atoi(f[1])
		lasts = append(lasts, counted{surnameCase(f[0]), n})
	}); err != nil {
		return nil, err
	}
	// Common names are drawn more often, as in life: the 2,000 most
	// frequent three times over, then every name once.
	for _, c := range [][]counted{firsts, lasts} {
		sort.SliceStable(c, func(i, j int) bool { return c[i].n > c[j].n })
	}
	for k := 0; k < 3; k++ {
		for i := 0; i < len(firsts) && i < 2000; i++ {
			p.first = append(p.first, firsts[i].s)
		}
		for i := 0; i < len(lasts) && i < 2000; i++ {
			p.last = append(p.last, lasts[i].s)
		}
	}
	for _, c := range firsts {
		p.first = append(p.first, c.s)
	}
	for _, c := range lasts {
		p.last = append(p.last, c.s)
	}
	if err := read("places.tsv", 2, func(f []string) {
		if !strings.ContainsAny(f[0], "()") {
			p.places = append(p.places, f[0])
		}
	}); err != nil {
		return nil, err
	}
	if err := read("states.tsv", 1, func(f []string) { p.stateCodes = append(p.stateCodes, f[1]) }); err != nil {
		return nil, err
	}
	if len(p.stateCodes) < 5 { // the held-out half still needs states
		p.stateCodes = append(p.stateCodes, "OH", "CA", "TX", "NY", "FL", "NJ", "PA", "IL")
	}
	for _, l := range []struct {
		file string
		dst  *[]string
	}{{"hospitals.tsv", &p.hospitals}, {"universities.tsv", &p.univs}, {"companies.tsv", &p.companies}} {
		if err := read(l.file, 0, func(f []string) { *l.dst = append(*l.dst, orgName(f[0])) }); err != nil {
			return nil, err
		}
	}
	return p, nil
}

// surnameCase writes a Census surname ("MCDONALD") as a note would.
func surnameCase(s string) string {
	s = titleCase(s)
	if strings.HasPrefix(s, "Mc") && len(s) > 3 {
		s = "Mc" + strings.ToUpper(s[2:3]) + s[3:]
	}
	if strings.HasPrefix(s, "O'") && len(s) > 3 {
		s = "O'" + strings.ToUpper(s[2:3]) + s[3:]
	}
	return s
}

// orgName strips corporate suffixes as notes do ("Acme Widgets, Inc." ->
// "Acme Widgets").
func orgName(s string) string {
	fields := strings.Fields(s)
	for len(fields) > 1 {
		switch strings.Trim(strings.ToLower(fields[len(fields)-1]), ".,") {
		case "inc", "corp", "corporation", "co", "llc", "ltd", "plc", "lp", "holdings", "group", "com", "sa", "nv", "ag", "/de/", "/new/":
			fields = fields[:len(fields)-1]
			continue
		}
		break
	}
	return strings.TrimRight(strings.Join(fields, " "), ",")
}
