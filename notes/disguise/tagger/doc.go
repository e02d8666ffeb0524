// Package tagger is the identifier detector's learned part: a sequence
// tagger that finds the names of people, places and organisations in any
// casing, beside the detector's rules.
//
// # Model
//
// A linear-chain model over the tokens of a text, with BIO labels for
// PERSON, LOCATION and ORG, trained as an averaged structured perceptron
// (Collins 2002) and decoded by Viterbi. Its features are hashed into a
// fixed table of weight rows (the hashing trick), so the model carries
// no feature dictionary: the word and its neighbours two either side,
// word pairs, affixes, word shape, the gazetteer's view of the word and
// its neighbours (how common it is as a first name, a surname and an
// English word; a place, a state, an organisation, or the start of a
// listed phrase), and the casing regime of the line. In a line written
// all in capitals or all in lower case the shape features leave casing
// out, and training shows the model every text also lower-cased,
// upper-cased or in sentence case, so that casing is one feature among
// many and not the evidence for a name.
//
// Each entity carries a margin: how much better the best path scores than
// the same path with the entity's tokens outside any entity. The detector
// uses it as a confidence.
//
// # Use
//
// Default returns the model embedded in assets/detector, read on first
// use. Model.Tag returns entities with byte offsets that start and end on
// the detector's token boundaries. Tagging is linear in the text and
// reuses pooled buffers, so it allocates little.
//
// # Training
//
// cmd/train-detector (`make train-detector`) builds the gazetteer table
// with BuildGazetteer, adds Examples to a Trainer, runs its epochs and
// writes Trainer.Model with Model.WriteTo. The model file holds the
// gazetteer table it was trained with, so the features of a shipped model
// never drift from its weights.
package tagger
