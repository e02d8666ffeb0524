// Package consent keeps what a therapist must be able to show years later:
// what each client agreed to, what was released to whom and why, and what
// was done when confidentiality had to be broken or was breached.
//
// Open a Store on an unlocked vault; it owns its tables (migrations in
// migrations/) and refers to clients and treatment units of package notes
// by id, reading them only.
//
// # Records
//
//   - Consents (AddConsent): informed consent, the date the limits of
//     confidentiality were explained, telehealth, recording, electronic
//     communication, group agreement, no-secrets policy; for a minor, who
//     signed and the basis of their authority.
//   - Authorizations to release information (AddAuthorization, Revoke,
//     EndByEvent),
//     with the core elements of 45 CFR 164.508(c). An authorization missing
//     one is kept as incomplete and never authorizes anything; the
//     recipient's address is not one of them, only Recommended. An expiry
//     before the signature is refused; a revocation is recorded once, and
//     disclosures made before it stay valid. StatusOn gives the status on
//     any day; ValidFor is the check the release flow makes (recipients
//     compared with RecipientMatches), and Authorize extends it to every
//     member of a couple, family or group. CoveredScope reads what an
//     authorization's description covers, for a release's minimum
//     necessary.
//   - Requests for access (164.524) and amendment (164.526) with their
//     deadlines and one extension each (DueDate, Extend).
//   - The accounting of disclosures (164.528): RecordDisclosure, Correct,
//     Accounting, AccountingDoc.
//   - Records of breaking confidentiality (AddSafety), which append the
//     matching accountable disclosure, and privacy incidents (AddIncident)
//     with the four-factor assessment and the encryption safe harbour.
//
// For the screens: Authorization.StatusOn gives the status on any day,
// ClientSummary gathers a client's records with their statuses, and
// NeedsAttention lists the deadlines and gaps to act on, overdue first.
//
// # Guarantees
//
// The accounting is append-only. SQL triggers abort any UPDATE or DELETE of
// a disclosure, and each entry's DisclosureHash is also written to the
// vault's hash-chained event log when the entry is made; VerifyDisclosures
// recomputes every hash, so an entry changed, removed or slipped in by any
// path (even one that dropped the triggers) is reported as ErrTampered.
// A mistake is answered by a correcting entry that references it.
// Authorizations cannot be changed or deleted either, only revoked once.
//
// Destroying a client's record (notes.Store.Destroy) is refused while its
// accounting and authorizations must still be kept, six years after each
// disclosure and after each authorization was last in effect; afterwards
// the consent records go with the client, and the verification functions
// know entries removed with a logged destruction from tampering.
//
// Errors wrap ErrInvalid, ErrNotFound, ErrNotAuthorized or ErrTampered and
// say what is missing or wrong; they carry record ids, never client names
// or clinical text.
//
// # Forms and PDFs
//
// The consent, release and revocation forms ship as editable templates
// (Form.Source) and print prefilled (Store.RenderForm) with the small PDF
// writer Doc, which the records release, the accounting and the chart use
// too. Store.NewDoc lays a document out for the practice: its paper and
// its letterhead, from the practice profile; every printed note carries
// its session, its signature in the practice's time zone and its hash.
//
// # Printing and exporting the chart
//
// Export writes one note, a date range or the whole chart as a PDF, a JSON
// document (Chart, format "confide-chart", documented in docs/cli.md), or
// both, readable by the user only, and records it in the accounting
// (request type Export) with a manifest, in the release's order: files
// noted, written and synced, recorded, then renamed into place.
// Psychotherapy notes are left out unless asked for; drafts always are.
// Other packages add their parts of the record with ChartSection.
//
// # Records release
//
// A release runs as steps a wizard can drive: NewRelease (who asks and
// why), CheckBasis (an authorization on file, checked for completeness,
// expiry, revocation, recipient and, for a treatment unit, every member;
// or the legal basis), SetScope (minimum-necessary defaults per request
// type; psychotherapy notes only under an authorization or order naming
// them), SetEdits and Preview (the third-party redactions, every one
// reviewable), then Release: the PDF (and optionally an age-encrypted copy)
// is written to temp files beside the destination, the disclosure, the
// release row with its manifest and the log event are recorded in one
// transaction, and only then are the files renamed into place. Redacted
// text never reaches the PDF writer.
package consent
