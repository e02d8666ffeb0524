//go:build ignore

// extract writes icd10cm-mh.tsv, the subset of ICD-10-CM that Confide
// ships, from a CDC/CMS release: the code descriptions file
// (icd10cm-codes-YYYY.txt, one valid code a line: the code without its
// dot, padded to 7, a space, the description; gzipped or not) or the
// tabular XML (icd10cm_tabular_YYYY.xml). Run:
//
//	go run assets/icd10/extract.go icd10cm-codes-2026.txt > assets/icd10/icd10cm-mh.tsv
//
// It keeps the codes valid for submission (every line of the codes file;
// a diag element without child diags in the XML) of chapter 5 (F01-F99)
// and of the Z categories listed in zPrefixes, in tabular order, with
// their descriptions unchanged, and prints on stderr how many it kept.
package main

import (
	"bufio"
	"compress/gzip"
	"encoding/xml"
	"fmt"
	"io"
	"os"
	"strings"
)

type diag struct {
	Name  string `xml:"name"`
	Desc  string `xml:"desc"`
	Diags []diag `xml:"diag"`
}

type section struct {
	Diags []diag `xml:"diag"`
}

type chapter struct {
	Name     string    `xml:"name"`
	Sections []section `xml:"section"`
}

type tabular struct {
	Version  string    `xml:"version"`
	Chapters []chapter `xml:"chapter"`
}

// zPrefixes are the Z codes a psychotherapist uses: psychosocial and
// environmental problems, counselling, history of trauma and self-harm,
// mental health screening, and no diagnosis.
var zPrefixes = []string{
	"Z55", "Z56", "Z57", "Z58", "Z59", "Z60", "Z62", "Z63", "Z64", "Z65", // psychosocial circumstances
	"Z69", "Z70", "Z71", "Z72", "Z73", // abuse-related encounters, counselling, lifestyle, life management
	"Z75", "Z76.5", // access to care, malingering
	"Z03.89", "Z04.6", "Z13.3", "Z13.4", // no diagnosis, evaluation ordered by authority, screening
	"Z81.8", "Z86.5", "Z91.1", "Z91.4", "Z91.5", "Z91.8", // family and personal history
}

func keep(code string) bool {
	if code >= "F01" && code < "G" {
		return true
	}
	for _, p := range zPrefixes {
		if strings.HasPrefix(code, p) {
			return true
		}
	}
	return false
}

var kept int

func emit(w *bufio.Writer, code, desc string) {
	if keep(code) {
		fmt.Fprintf(w, "%s\t%s\n", code, strings.Join(strings.Fields(desc), " "))
		kept++
	}
}

func walk(w *bufio.Writer, d diag) {
	if len(d.Diags) == 0 {
		emit(w, d.Name, d.Desc)
		return
	}
	for _, c := range d.Diags {
		walk(w, c)
	}
}

// fromXML reads the tabular XML, whose codes carry their dots.
func fromXML(w *bufio.Writer, r io.Reader) {
	var t tabular
	if err := xml.NewDecoder(r).Decode(&t); err != nil {
		panic(err)
	}
	for _, ch := range t.Chapters {
		for _, s := range ch.Sections {
			for _, d := range s.Diags {
				walk(w, d)
			}
		}
	}
	fmt.Fprintf(os.Stderr, "ICD-10-CM tabular version %s\n", t.Version)
}

// fromCodes reads the code descriptions file, whose codes have no dot:
// the dot goes after the third character.
func fromCodes(w *bufio.Writer, r io.Reader) {
	sc := bufio.NewScanner(r)
	n := 0
	for sc.Scan() {
		line := strings.TrimRight(sc.Text(), "\r")
		if strings.TrimSpace(line) == "" {
			continue
		}
		code, desc, ok := strings.Cut(line, " ")
		if !ok || len(code) < 3 || len(code) > 7 {
			panic(fmt.Sprintf("line %d is not CODE DESCRIPTION: %q", n+1, line))
		}
		if len(code) > 3 {
			code = code[:3] + "." + code[3:]
		}
		emit(w, code, desc)
		n++
	}
	if err := sc.Err(); err != nil {
		panic(err)
	}
	fmt.Fprintf(os.Stderr, "%d codes in the release\n", n)
}

func main() {
	f, err := os.Open(os.Args[1])
	if err != nil {
		panic(err)
	}
	var r io.Reader = bufio.NewReader(f)
	name := os.Args[1]
	if strings.HasSuffix(name, ".gz") {
		gz, err := gzip.NewReader(r)
		if err != nil {
			panic(err)
		}
		r, name = gz, strings.TrimSuffix(name, ".gz")
	}
	w := bufio.NewWriter(os.Stdout)
	fmt.Fprintf(w, "code\tdescription\n")
	if strings.HasSuffix(name, ".xml") {
		fromXML(w, r)
	} else {
		fromCodes(w, r)
	}
	w.Flush()
	fmt.Fprintf(os.Stderr, "%d codes kept\n", kept)
}
