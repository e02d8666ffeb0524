// Package synth generates a believable synthetic private practice:
// clients with names, nicknames, pronouns, dates of birth, contact
// details, addresses, employers or schools and the people in their lives
// (minors with guardians, one couple), and therapy notes of every kind
// (intake, progress, treatment-plan, contact, termination, psychotherapy,
// other) in the common templates (SOAP, DAP, BIRP, GIRP, free), about
// 2.5 KB each.
//
// Every identifier written into a note is recorded as a gold Span with
// its category, as BYTE offsets into Note.Text, so the practice serves
// both as demo data ("confidectl demo") and as an evaluation set for the
// identifier detector. All names, employers and contact details are
// invented or common; phone numbers use the fictional 555 exchange.
//
// Generation is deterministic: New(seed).Practice(clients, notes) always
// returns the same practice for the same arguments (math/rand/v2 PCG).
// 25,000 notes take well under a second on one core.
package synth
