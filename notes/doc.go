// Package notes holds a practice's clients and their notes: the clinical
// record, kept in a vault (package vault) that it reaches only through the
// vault's transactions. Open runs the package's migrations and returns a
// Store; everything else is a method of the Store.
//
//	s, err := notes.Open(v)
//	c, err := s.AddClient(notes.Client{Name: "Maria Garcia", DOB: "1985-07-04"})
//	n, err := s.NewDraft(notes.Draft{ClientID: c.ID, Kind: notes.Progress, Template: notes.SOAP,
//		Session: notes.Session{Date: "2026-03-14", Start: "10:00", DurationMin: 50, ServiceCode: "90834"}})
//	err = s.UpdateDraft(n.ID, sections) // autosave, as often as the editor likes
//	n, err = s.Sign(n.ID)               // frozen from now on
//	a, err := s.AddAddendum(n.ID, "Correction: ...")
//
// # Clients
//
// A Client records everything that could identify the person: names,
// date of birth, contact details, employer, school, free identifying
// details, related people, guardians or personal representatives, the
// emergency contact, and the treatment units (couple, family, group) the
// client belongs to. Client.Identifiers gathers it for the detector that
// disguises and redacts notes.
//
// # Notes, drafts and signing
//
// A note has a kind (intake, progress, treatment plan, contact, termination,
// psychotherapy note, other), a template whose named sections are stored as
// such (SOAP, DAP, BIRP, GIRP, free), and its session's date, start time,
// duration and service code. A note starts as a draft; UpdateDraft saves it
// in one small durable commit. Sign stores the note's ContentHash (SHA-256
// over a documented canonical encoding), the signing time and who signs
// (the name and credentials of the practice profile, package practice, as
// they are at that moment), and appends a "note.signed" event with the
// hash and the signer to the vault's hash-chained log. A session note
// (Kind.IsSession: intakes and progress notes) is signed only with its
// start time, length and service code (ErrSessionIncomplete). Signing a
// note of a session or a contact moves the client's last contact up to its
// date. UnfinishedNotes lists the drafts still to write or sign.
//
// A signed note is frozen: the API refuses to change or delete it
// (ErrSigned), and so do SQL triggers, whatever path a statement takes.
// Corrections are addenda: notes of their own, dated and signed when
// written, that leave the original byte for byte as it was. VerifyNote
// recomputes a note's hash and checks it against the stored one and the
// log's.
//
// # Psychotherapy notes
//
// Psychotherapy notes (HIPAA 45 CFR 164.501) are kept apart from the
// designated record set: DesignatedRecordSet leaves them and their addenda
// out, which is the default of every release. PsychotherapyWarnings flags
// what such a note should not hold, because HIPAA excludes it from their
// protection: medications, session start and stop times, diagnosis and test
// results.
//
// # Search
//
// Search is SQLite FTS5 over note text and client names, ranked with bm25,
// with highlighted snippets, filtered by client, kind and dates. The index is
// an external-content table kept in step by triggers, so the text is stored
// once. A query that is not valid FTS5 syntax is searched as plain words.
//
// # Retention and destruction
//
// A record may be destroyed after a retention date (RetentionDate): 7 years
// after the last contact, and for a minor the later of that and 3 years
// after turning 18. A legal hold blocks destruction. DueForDestruction lists
// the records whose date has passed; Destroy removes the client, their
// notes, addenda, related people and unit memberships, and their entries in
// the search index (rewritten with FTS5 'optimize', so no token is left in
// an old segment), logs what went under which rule without any content, and
// compacts the vault so that neither the snapshot nor the journal holds the
// text any more. Freed database pages hold no copy either: the vault runs
// SQLite with secure_delete.
//
// # Guarantees
//
// Every write is one vault transaction: durable when the method returns,
// or no change at all. Ids are random and made in Go; times come from the
// Store's clock (WithClock); statements are deterministic, so the vault's
// journal replays them exactly. Errors never contain note text or names;
// callers branch on ErrNotFound, ErrInvalid, ErrSigned, ErrNotSigned,
// ErrEmpty, ErrLegalHold, ErrNotDue and ErrTampered.
package notes
