// Package clinical is the clinical record beside the notes: outcome
// measures and their trends, risk flags and the risk assessments that
// answer them, measure schedules, treatment plans and the goals notes
// address, diagnoses, and the psychotherapy time codes. Like notes and
// consent it keeps its own tables in the vault (embedded migrations) and
// reaches them only through vault transactions.
//
//	s, err := clinical.Open(v)
//	m, err := s.Give(clinical.Given{ClientID: c, Instrument: "phq9", Date: "2026-03-14",
//		Items: []int{1, 2, 1, 1, 0, 1, 2, 1, 1}, GivenBy: "Dana Lee, LCSW"})
//	t, err := s.Trend(c, "phq9")
//	png, err := clinical.ChartPNG(t, 800, 450)
//
// # Instruments
//
// The instruments (PHQ-9, GAD-7, PCL-5, CORE-10, AUDIT-C) are data, in
// assets/measures: wording, answers, scoring, bands, cut-offs, published
// change thresholds, sources, licence and attribution. CORE-10 is scored
// but its text is not shipped: its licence forbids commercial use
// (assets/measures/LICENCES.md). Instrument.Score applies the published
// rule (the sum of the items; CORE-10 reverses items 2 and 3; PCL-5 adds
// its DSM-5 clusters and provisional-diagnosis rule) and refuses wrong
// counts and out-of-range answers, naming the item.
//
// # Measures and risk
//
// A measure is recorded with its date, its answers (or a total given on
// paper), its total, band, flags and who gave it, and never changes. A
// risk item answered above 0 (PHQ-9 item 9, CORE-10 item 6) raises a risk
// flag; a paper total must carry the risk item's answer for that reason.
// An open flag puts the client on the attention list until a
// RiskAssessment, the safety record it links to, answers it.
//
// # Trends
//
// Trend compares each score with the first (Jacobson and Truax 1991): a
// change of at least the instrument's published reliable-change threshold
// is reliable; a reliable improvement that crosses the clinical cut-off is
// clinically significant. ChartImage draws scores, cut-off, band lines and
// change markers with gonum/plot, in pure Go, for the desktop and PDFs.
//
// # Plans
//
// A plan holds problems, measurable goals (an instrument target or
// objectives), target dates, interventions and a review date. Signing
// stores a content hash (PlanHash) and appends "plan.signed" to the event
// log; a signed plan is frozen by the API and by SQL triggers. A new
// version supersedes a signed one, which stays in the record; each signed
// plan has at most one signed successor. Goals keep their ids across
// versions, so notes' goal links (progress 1-5 and a sentence, frozen when
// the note is signed) make a history that GoalHistory gathers with the
// goal's measures.
//
// # Diagnoses and time codes
//
// Diagnoses use the shipped ICD-10-CM subset (ICD10Release names the
// release): F01-F99 and the Z codes therapists use. Each has a start, an
// optional end, and is primary or secondary; DiagnosesOn gives those in
// effect on a note's date. CheckTimeCode checks 90832, 90834 and 90837
// against a session's minutes, and SignNote signs a note only when its
// time code fits (ErrCodeMismatch names the code that does) unless the
// mismatch is accepted. A session's end is its start plus its minutes
// (SessionEnd): a note stores the two, never an end that could disagree.
//
// # Fees and superbills
//
// The practice's fee per service code (SetFee, Fees) prices a superbill:
// Superbill gathers a period's signed services, each pointing to the
// diagnoses in effect that day, refusing a period with no service, a code
// without a fee (ErrNoFee) or a session without a diagnosis. Package
// consent prints it on the practice's paper and records it.
//
// # The record of a period
//
// MeasuresBetween, DiagnosesDuring, PlansDuring (signed versions with the
// days each was in effect) and GoalProgress give what releases and the
// chart export take of a period; PlanSections writes a plan as text, in
// summary or in full, to be redacted like a note.
//
// # Destruction
//
// When notes destroys a client (its destruction_pending row), a trigger
// removes the client's clinical rows in the same transaction; the vault
// runs SQLite with secure_delete and notes compacts afterwards, so no copy
// is left. Frozen rows may be deleted only then.
//
// # Guarantees
//
// Every write is one vault transaction: durable when the method returns,
// or no change at all. Errors never hold names or clinical text; callers
// branch on ErrNotFound, ErrInvalid, ErrUnknownInstrument, ErrUnknownCode,
// ErrSigned, ErrNotSigned, ErrSuperseded and ErrTampered.
package clinical
