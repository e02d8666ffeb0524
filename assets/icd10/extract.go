//go:build ignore

// extract writes icd10cm-mh.tsv, the subset of ICD-10-CM that Confide
// ships, from the CDC/CMS tabular XML (icd10cm_tabular_YYYY.xml). Run:
//
//	go run assets/icd10/extract.go icd10cm_tabular_2023.xml > assets/icd10/icd10cm-mh.tsv
//
// It keeps the codes valid for submission (a diag element without child
// diags) of chapter 5 (F01-F99) and of the Z categories listed in
// zPrefixes, in tabular order, with their descriptions unchanged.
package main

import (
	"bufio"
	"encoding/xml"
	"fmt"
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

func walk(w *bufio.Writer, d diag) {
	if len(d.Diags) == 0 {
		if keep(d.Name) {
			fmt.Fprintf(w, "%s\t%s\n", d.Name, strings.Join(strings.Fields(d.Desc), " "))
		}
		return
	}
	for _, c := range d.Diags {
		walk(w, c)
	}
}

func main() {
	f, err := os.Open(os.Args[1])
	if err != nil {
		panic(err)
	}
	var t tabular
	if err := xml.NewDecoder(f).Decode(&t); err != nil {
		panic(err)
	}
	w := bufio.NewWriter(os.Stdout)
	fmt.Fprintf(w, "code\tdescription\n")
	for _, ch := range t.Chapters {
		for _, s := range ch.Sections {
			for _, d := range s.Diags {
				walk(w, d)
			}
		}
	}
	w.Flush()
	fmt.Fprintf(os.Stderr, "ICD-10-CM version %s\n", t.Version)
}
