package assets

import "embed"

// Measures holds the outcome measures Confide gives (package clinical reads
// them): one JSON file per instrument with its wording, scoring, bands,
// cut-offs, change thresholds, sources, licence and attribution, and
// LICENCES.md, which says why each may be shipped and why CORE-10's text is
// not. Read one with Measures.ReadFile("measures/phq9.json").
//
//go:embed measures/*.json measures/LICENCES.md
var Measures embed.FS

// ICD10 holds the ICD-10-CM subset Confide offers for diagnoses: chapter 5
// (F01-F99) and the Z codes therapists use, one "code<TAB>description" line
// each under a header, and SOURCE, which names the release and where it
// came from. Read it with ICD10.ReadFile("icd10/icd10cm-mh.tsv").
//
//go:embed icd10/icd10cm-mh.tsv icd10/SOURCE
var ICD10 embed.FS
