// Package detector embeds the weights of the identifier detector's
// learned tagger (package notes/disguise/tagger), written by
// `make train-detector`. MODEL_CARD.md beside this file says what the
// model was trained on, under which licences, and how well it does.
package detector

import _ "embed"

// Tagger is the tagger's model file (gzip-compressed; see tagger.Read).
//
//go:embed tagger.bin.gz
var Tagger []byte
