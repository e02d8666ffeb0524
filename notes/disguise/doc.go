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
//
// Casing is judged first, line by line (a short line takes the note's):
// in sentence case a capital is evidence of a name; in a line typed all in
// capitals or all in lower case it is none, and the rules rely on the
// words around a word instead. Then:
//
//   - Known: what the vault knows about the client and the people around
//     them, matched in any case wherever it is used as a name (beside
//     another part of the name, after a title, relation or field label,
//     as the subject of a verb), never where a name that is also a word is
//     used as a word ("at dawn", "lost faith"); possessive, hyphenated,
//     misspelled; initials only with full stops or in a name's place, never
//     a clinical abbreviation; organisations by their short forms ("u of
//     m", "Wayne St", "SIHS", "Piedmont Atl"); phones by their digits. A
//     relative who shares a name with the client is a third party wherever
//     the rest of the name, or a title that fits them, says so.
//   - Patterns: dates in numeric, written and spoken forms ("the fourth of
//     May", "November eighth twenty twenty four"), phones with odd spacing,
//     slashes, extensions and country codes, spoken phone numbers, ZIP codes,
//     emails (spoken too), URLs and social handles, IP addresses, record
//     numbers after their keyword (in groups, spelled out), street
//     addresses, numbered roads and ages of 90 and over. Scores, ratios,
//     doses, blood pressures and codes are not dates or numbers to remove,
//     and neither are bare years (Safe Harbor keeps the year).
//   - Names in context: titles in any case and punctuation, relations
//     ("wife darlene", "mom (karen)"), field labels ("PT: JUNE ABERNATHY"),
//     "named" and "goes by", credentials after a name, signature lines
//     ("-sd mft"), the line after a letter's closing, nicknames in quotes,
//     initials with full stops, and in sentence case the gazetteer (SSA
//     first names, Census surnames) with the capitals around a word. A name
//     found once is found again in the same text.
//   - Places and organisations without a list entry: a name ending in a
//     facility head (hospital, clinic, school, HS, rehab, church, gym,
//     center...), saints' and Our Lady institutions, counties, streets
//     without a house number, a name where an employer or school is
//     expected ("at", "from", an insurer's label), acronyms there; and the
//     listed places (Census, and GeoNames cities abroad) and organisations
//     (CMS hospitals, NCES institutions, SEC companies) after a word of
//     place. Countries are not reported.
//   - A last look drops clinical abbreviations ("Pt", "CT", "MS"), drugs,
//     CPT and ICD codes and doses, and turns a name followed by a school's or
//     hospital's head ("Lincoln HS") into the institution.
//
// The word lists are loaded once, on first use (about 0.2 s). Spans are
// sorted and never overlap: overlapping findings are merged, the more
// trusted detector (known, then pattern) deciding the category, a known
// full name deciding whose the parts inside it are, and an identifier
// inside a larger one (a name inside an email) taking the larger one's
// category.
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
//     back by one offset, so intervals stay true and no disguised date lies
//     after today; ages become ranges ("early 30s"); places, employers and
//     schools become descriptions of their kind ("a mid-sized city", "a
//     local high school", "a regional hospital", "a nearby street"), never a
//     person's pseudonym; a clinical abbreviation is never replaced; contact
//     details and numbers are removed.
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
