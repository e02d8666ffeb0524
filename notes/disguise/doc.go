// Package disguise finds the identifiers in clinical text and disguises
// or redacts them, so that a note can be taken to a consultation or a
// record released without identifying anyone it should not.
//
// # Detection
//
// Detect (or a Detector built once per client with NewDetector) returns
// Spans: byte ranges of the text, each with a Category (NAME, DATE, AGE,
// LOCATION, PHONE, EMAIL, ID, URL, ORG, OTHER), the detector that found it,
// a confidence and, where it can tell, whose identifier it is (Subject).
// Three sources are combined:
//
//   - Known: what the vault knows about the client and the people around
//     them. Each value is matched in every form a note uses: a name part
//     alone, possessive, in capitals, as initials ("M.G."), hyphenated,
//     with a small misspelling of a long name; phones by their digits;
//     addresses, employers and schools whole or in part. A known value
//     that is also an ordinary word ("Hope", "Will") counts when
//     capitalised.
//   - Patterns: dates in numeric and written forms, times, phone and fax
//     numbers, emails, URLs, IP addresses, SSNs, record and other numbers
//     after their keyword, codes mixing letters and digits, ZIP codes,
//     street addresses and PO boxes, and ages ("34-year-old", "age 34",
//     "34 y/o"). Patterns are tried only where they can begin (a number, a
//     month name, a keyword), anchored on a short window, which keeps
//     detection fast.
//   - Gazetteer in context: the embedded SSA first names, Census surnames
//     and places, CMS hospitals, NCES institutions and SEC companies
//     (package assets), used with the words around a capitalised word: a
//     title, a relation ("her husband, Daniel"), "named", a verb of speech,
//     a preposition of place, an organisation word ("... Hospital"), and
//     the position in the sentence. An English word-frequency list tells
//     a name from an ordinary word. The lists are loaded once, on first
//     use (about 0.1 s and 15 MB); first names below 100 births and surnames below
//     300 people are left out to keep that cheap.
//
// Spans are sorted and never overlap: overlapping findings are merged,
// the more trusted detector (known, then pattern) deciding the category,
// and an identifier inside a larger one (a name inside an email) taking
// the larger one's category.
//
// # Disguising
//
// A Mapping holds one Profile and the choices made under it, and is a
// plain JSON value the caller stores (encrypted, in the vault) and passes
// back for every note of the same consultation or release; this package
// never writes files. Mapping.Apply transforms spans; Mapping.Disguise
// detects and applies. The profiles:
//
//   - Consultation: each person's name becomes a pseudonym, the same in
//     every note of the consultation and of the likely gender; dates move
//     by one offset, so intervals stay true; ages become ranges ("early
//     30s"); places, employers and schools become descriptions ("a
//     mid-sized city", "a regional hospital"); contact details and numbers
//     are removed.
//   - SafeHarbor: the HIPAA Safe Harbor identifiers are removed or
//     generalised by its rules (dates to the year, ages over 89 to "90 or
//     older", ZIP codes to their first three digits, or 000 for the
//     restricted prefixes; states are kept).
//   - ThirdParty: only people other than the client, and contact details
//     not known to be the client's, are redacted, for releasing a client's
//     own record.
//
// # The detect command
//
// DetectJSONLines is the engine of "confidectl detect": JSON Lines in,
// one line out per input line, offsets in Unicode code points.
package disguise
