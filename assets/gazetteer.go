package assets

import "embed"

// Gazetteer holds the word lists used to find identifiers in clinical text:
// first names, surnames, places, states, hospitals, universities, companies
// and an English word-frequency list, each a tab-separated file with one
// header line, plus NOTICE and CC-BY-3.0.txt carrying the attribution their
// licences ask for. Read a list with Gazetteer.ReadFile("gazetteer/words.tsv").
//
//go:embed gazetteer/*.tsv gazetteer/NOTICE gazetteer/CC-BY-3.0.txt
var Gazetteer embed.FS
