package ui

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/widget"

	"github.com/confidenotes/confide/consent"
	"github.com/confidenotes/confide/notes"
)

// releaseToReview walks a client's own request to the review step.
func releaseToReview(t *testing.T, wiz *releaseWizard) {
	t.Helper()
	releaseTap(t, wiz, "Next") // who: the client, prefilled
	releaseRequire(t, wiz, "Step 2 of 5")
	releaseTap(t, wiz, "Next") // the right of access
	releaseRequire(t, wiz, "Step 3 of 5")
	releaseTap(t, wiz, "Next") // the default scope
	releaseRequire(t, wiz, "Step 4 of 5")
}

func TestReleaseClientRequestWritesPDFAndRecordsItOnce(t *testing.T) {
	f := newReleaseFixture(t)
	req, err := f.store.AddRequest(consent.Request{ClientID: f.client, Kind: consent.AccessRequest, Received: "2026-03-01", What: "a copy of my record"})
	if err != nil {
		t.Fatal(err)
	}
	wiz, _ := f.open()
	releaseRequire(t, wiz, "<"+releaseClientName+">") // the client's own request goes to the client
	releaseRequire(t, wiz, "a copy of my record")     // and answers her open access request
	releaseTap(t, wiz, "Next")
	releaseRequire(t, wiz, "The basis allows this release.")
	releaseTap(t, wiz, "Next")
	releaseRequireNot(t, wiz, "Include psychotherapy notes") // never offered to the client
	releaseRequire(t, wiz, "right of access does not reach them")
	releaseTap(t, wiz, "Next")

	releaseRequire(t, wiz, "[NAME redacted]")
	releaseRequire(t, wiz, "argued about money with")
	for _, name := range releaseThirdParties {
		rt := releaseFind(t, wiz, "the progress note", func(r *widget.RichText) bool { return strings.Contains(r.String(), "argued") })
		if strings.Contains(rt.String(), name) {
			t.Errorf("the preview shows %q: %s", name, rt.String())
		}
	}
	releaseRequire(t, wiz, consent.WithheldPsychotherapy)
	releaseRequire(t, wiz, consent.NoticeRedisclosure)
	releaseRequireNot(t, wiz, releasePsychText)
	releaseTap(t, wiz, "Next")

	releaseRequire(t, wiz, "Step 5 of 5")
	if b := releaseFind(t, wiz, "Release", func(b *widget.Button) bool { return b.Text == "Release" }); !b.Disabled() {
		t.Fatal("Release is enabled before a place to save is chosen")
	}
	releaseTap(t, wiz, "Choose where to save…")
	releaseTap(t, wiz, "Release")
	f.noErrors()
	releaseRequire(t, wiz, "Released and recorded")

	out := filepath.Join(f.dir, "records-release-2026-03-14.pdf")
	text := releasePDFText(t, out)
	if !strings.Contains(text, releaseClientName) {
		t.Errorf("the PDF does not name the client: %s", text)
	}
	for _, unwanted := range append(releaseThirdParties, "PSYCHNOTE") {
		if strings.Contains(text, unwanted) {
			t.Errorf("the PDF holds %q: %s", unwanted, text)
		}
	}
	if entries, _ := os.ReadDir(f.dir); len(entries) != 1 {
		t.Errorf("the folder holds %d files, want only the PDF", len(entries))
	}

	all, err := f.store.Disclosures(f.client)
	if err != nil {
		t.Fatal(err)
	}
	if len(all) != 1 {
		t.Fatalf("the client's disclosures hold %d entries, want the release once", len(all))
	}
	releaseRequire(t, wiz, "as entry "+all[0].ID)
	releaseRequire(t, wiz, "exempt from the accounting")
	releaseRequireNot(t, wiz, "[Release]") // there is no releasing twice
	releaseRequireNot(t, wiz, "[Back]")
	releaseRequire(t, wiz, "[Close]")
	reqs, err := f.store.Requests(f.client)
	if err != nil {
		t.Fatal(err)
	}
	if len(reqs) != 1 || reqs[0].ID != req.ID || reqs[0].Outcome != consent.Granted {
		t.Errorf("the access request was not closed as granted: %+v", reqs)
	}
}

func TestReleaseExpiredAuthorizationCannotBeChosen(t *testing.T) {
	f := newReleaseFixture(t)
	f.authorization("Dr. Smith", func(a *consent.Authorization) { a.Signed, a.Expires = "2025-01-10", "2026-01-31" })
	wiz, w := f.open()
	wiz.who.kind.SetSelected(releaseTypeLabels[consent.ByAuthorization])
	releaseType(t, w, wiz, "Recipient", "Dr. Smith")
	releaseType(t, w, wiz, "Purpose", "continuity of care")
	releaseTap(t, wiz, "Next")

	check := releaseFind(t, wiz, "the authorization", func(c *widget.Check) bool { return strings.HasPrefix(c.Text, "To Dr. Smith") })
	if !check.Disabled() || check.Checked {
		t.Error("an expired authorization can be chosen")
	}
	releaseRequire(t, wiz, "cannot be used: it expired on 2026-01-31")
	releaseRequire(t, wiz, "expired") // the badge
	releaseRequire(t, wiz, "Choose the authorization this release is made under.")
	if !wiz.next.Disabled() {
		t.Error("Next is enabled with no authorization in effect")
	}
	f.noErrors()
}

// The wizard starts from the authorization on file: it fills in who, where
// and why, takes it as the basis and what it covers as the scope. A
// recipient written with a description after the name is the same one; a
// different one is refused, and both names are shown side by side.
func TestReleaseStartsFromTheAuthorizationOnFile(t *testing.T) {
	f := newReleaseFixture(t)
	f.note(notes.Intake, "2026-02-01", "Intake assessment INTAKETEXT.")
	f.authorization("Dr. Smith", nil) // "progress notes of 2026"
	wiz, w := f.open()
	if got := releaseField(t, wiz, "Authorization on file").(*widget.Select).Selected; got != "To Dr. Smith, signed 2026-03-01, until 2026-12-31" {
		t.Fatalf("the wizard starts from %q", got)
	}
	for _, want := range []string{"<Dr. Smith>", "<2 Clinic Rd>", "<continuity of care>", releaseTypeLabels[consent.ByAuthorization]} {
		releaseRequire(t, wiz, want)
	}

	releaseType(t, w, wiz, "Recipient", "Dr. Jones")
	releaseTap(t, wiz, "Next")
	if c := releaseFind(t, wiz, "the authorization", func(c *widget.Check) bool { return strings.HasPrefix(c.Text, "To Dr. Smith") }); !c.Checked {
		t.Fatal("the authorization the release started from is not chosen")
	}
	releaseRequire(t, wiz, "the authorization to Dr. Smith signed 2026-03-01 names another recipient")
	side := releaseFind(t, wiz, "the recipients side by side", func(g *fyne.Container) bool {
		return len(g.Objects) == 2 && strings.Contains(releaseTexts(g), "The authorization names\nDr. Smith") &&
			strings.Contains(releaseTexts(g), "This release goes to\nDr. Jones")
	})
	if side == nil || !wiz.next.Disabled() {
		t.Fatal("Next is enabled although the authorization names another recipient")
	}

	// The name on file with a description after it is the same recipient.
	releaseTap(t, wiz, "Back")
	releaseType(t, w, wiz, "Recipient", "Dr. Smith, primary care physician")
	releaseTap(t, wiz, "Next")
	releaseRequire(t, wiz, "The chosen authorization allows this release.")
	releaseRequireNot(t, wiz, "This release goes to")
	if wiz.next.Disabled() {
		t.Fatal("Next is disabled under a valid authorization for the recipient")
	}

	// Minimum necessary: only what the authorization covers.
	releaseTap(t, wiz, "Next")
	releaseRequire(t, wiz, "Prefilled with only what the authorization covers: “progress notes of 2026”.")
	kinds := map[notes.Kind]bool{}
	for k, c := range wiz.scope.kinds {
		kinds[k] = c.Checked
	}
	if !kinds[notes.Progress] || kinds[notes.Intake] || kinds[notes.TreatmentPlan] || kinds[notes.Contact] ||
		wiz.scope.from.Text != "2026-01-01" || wiz.scope.to.Text != "2026-12-31" || wiz.scope.consents.Checked {
		t.Errorf("the scope is not what the authorization covers: kinds %v, %s to %s", kinds, wiz.scope.from.Text, wiz.scope.to.Text)
	}
	releaseTap(t, wiz, "Next")
	releaseRequireNot(t, wiz, "INTAKETEXT")

	// The Release button sits with Back and Cancel.
	releaseTap(t, wiz, "Next")
	row := releaseFind(t, wiz, "the row of buttons", func(c *fyne.Container) bool {
		return strings.Contains(releaseTexts(c), "[Release]") && strings.Contains(releaseTexts(c), "[Back]") && strings.Contains(releaseTexts(c), "[Cancel]")
	})
	if len(row.Objects) > 5 {
		t.Errorf("the Release button is not in the row of Back and Cancel")
	}
	releaseTap(t, wiz, "Choose where to save…")
	releaseTap(t, wiz, "Release")
	f.noErrors()
	releaseRequire(t, wiz, "1 note released")
}

// An authorization without the recipient's address is complete: the
// release goes ahead under it.
func TestReleaseUnderAnAuthorizationWithoutAddress(t *testing.T) {
	f := newReleaseFixture(t)
	f.authorization("Dr. Alan Kim", func(a *consent.Authorization) { a.RecipientAddress = "" })
	wiz, _ := f.open()
	releaseTap(t, wiz, "Next")
	releaseRequire(t, wiz, "The chosen authorization allows this release.")
	releaseRequireNot(t, wiz, "incomplete")
	f.noErrors()
}

func TestReleaseUndoAndMarkRedactions(t *testing.T) {
	f := newReleaseFixture(t)
	wiz, w := f.open()
	releaseToReview(t, wiz)
	note := func() string {
		return releaseFind(t, wiz, "the progress note", func(r *widget.RichText) bool { return strings.Contains(r.String(), "called during") }).String()
	}
	if strings.Contains(note(), "Daniel") {
		t.Fatalf("Daniel is not redacted: %s", note())
	}

	row := releaseFind(t, wiz, "the redaction of Daniel", func(c *fyne.Container) bool { return releaseRowOf(c, "“Daniel”") })
	for _, o := range row.Objects {
		if b, ok := o.(*widget.Button); ok && b.Text == "Undo" {
			test.Tap(b)
		}
	}
	releaseSettle(wiz)
	if !strings.Contains(note(), "with Daniel.") {
		t.Fatalf("after undo the preview does not show the text: %s", note())
	}
	releaseRequire(t, wiz, "Left as written: “Daniel”")
	if !strings.Contains(note(), "[NAME redacted] called") {
		t.Errorf("undoing one redaction undid another: %s", note())
	}

	// Text the detector missed is marked and boxed.
	e := releaseFind(t, wiz, "the text to redact", func(e *keyEntry) bool { return e == wiz.check.markText })
	w.Canvas().Focus(e)
	test.Type(e, "money")
	releaseTap(t, wiz, "Redact it")
	if strings.Contains(note(), "money") || !strings.Contains(note(), "about [NAME redacted] with") {
		t.Errorf("the marked text is not redacted: %s", note())
	}
	releaseRequire(t, wiz, "Redacted by you (NAME): “money”")
	f.noErrors()
}

func TestReleaseStep1Markup(t *testing.T) {
	f := newReleaseFixture(t)
	_, w := f.open()
	test.AssertRendersToMarkup(t, "release_step1.xml", w.Canvas())
}

func TestReleaseEncryptedCopyNeedsThePassphraseTwice(t *testing.T) {
	f := newReleaseFixture(t)
	wiz, w := f.open()
	releaseToReview(t, wiz)
	releaseTap(t, wiz, "Next")
	releaseTap(t, wiz, "Choose where to save…")
	test.Tap(releaseFind(t, wiz, "the encryption option", func(c *widget.Check) bool { return strings.HasPrefix(c.Text, "Also write an encrypted copy") }))
	releaseFind(t, wiz, "the encryption choice", func(r *widget.RadioGroup) bool { return true }).SetSelected(releaseToPassphrase)
	for i, e := range []*keyEntry{wiz.out.pass1, wiz.out.pass2} {
		if !e.Visible() {
			t.Fatalf("passphrase field %d is hidden", i+1)
		}
		w.Canvas().Focus(e)
		test.Type(e, "correct horse"+strings.Repeat("!", i))
	}
	releaseTap(t, wiz, "Release")
	releaseRequire(t, wiz, "The two passphrases differ")
	if entries, _ := os.ReadDir(f.dir); len(entries) != 0 {
		t.Fatalf("a refused release left %d files", len(entries))
	}

	w.Canvas().Focus(wiz.out.pass2)
	wiz.out.pass2.SetText("")
	test.Type(wiz.out.pass2, "correct horse")
	releaseTap(t, wiz, "Release")
	f.noErrors()
	releaseRequire(t, wiz, "encrypted with passphrase")
	out := filepath.Join(f.dir, "records-release-2026-03-14.pdf")
	for _, p := range []string{out, out + ".age"} {
		if _, err := os.Stat(p); err != nil {
			t.Errorf("%s was not written: %v", filepath.Base(p), err)
		}
	}
	if age, _ := os.ReadFile(out + ".age"); !strings.HasPrefix(string(age), "age-encryption.org/v1") {
		t.Error("the copy is not an age file")
	}
}

func TestReleaseCourtOrderNeedsCourtAndCaseAndMayNamePsychotherapyNotes(t *testing.T) {
	f := newReleaseFixture(t)
	wiz, w := f.open()
	wiz.who.kind.SetSelected(releaseTypeLabels[consent.CourtOrder])
	releaseType(t, w, wiz, "Recipient", "Clerk of the Superior Court")
	releaseType(t, w, wiz, "Purpose", "custody proceedings")
	releaseTap(t, wiz, "Next")
	releaseRequire(t, wiz, "Enter the court and the case number.")
	if !wiz.next.Disabled() {
		t.Fatal("Next is enabled without the court and case")
	}
	releaseType(t, w, wiz, "Court", "Superior Court")
	releaseType(t, w, wiz, "Case", "FL-2026-114")
	releaseType(t, w, wiz, "Comply by", "2026-04-01")
	releaseRequire(t, wiz, "The basis allows this release.")
	releaseTap(t, wiz, "Next")

	releaseRequire(t, wiz, "only if the court order names psychotherapy notes")
	test.Tap(releaseFind(t, wiz, "the psychotherapy option", func(c *widget.Check) bool { return c.Text == "Include psychotherapy notes in the dates" }))
	releaseTap(t, wiz, "Next")
	releaseRequire(t, wiz, "Psychotherapy note, 2026-03-10")
	releaseRequire(t, wiz, releasePsychText)
	f.noErrors()
}

// A couple's shared record is offered in step 1; it needs the other
// member's authorization too, and the refusal names that member.
func TestReleaseSharedRecordNeedsEveryMember(t *testing.T) {
	f := newReleaseFixture(t)
	sam, err := f.notes.AddClient(notes.Client{Name: "Sam Okafor"})
	if err != nil {
		t.Fatal(err)
	}
	unit, err := f.notes.AddUnit(notes.Couple, "", f.client, sam.ID)
	if err != nil {
		t.Fatal(err)
	}
	f.authorization("Dr. Smith", nil)
	wiz, w := f.open()
	wiz.who.kind.SetSelected(releaseTypeLabels[consent.ByAuthorization])
	records := releaseField(t, wiz, "Records").(*widget.Select)
	if len(records.Options) != 2 || records.Options[1] != "The shared record of the couple with Sam Okafor" {
		t.Fatalf("records offered: %q", records.Options)
	}
	records.SetSelected(records.Options[1])
	releaseType(t, w, wiz, "Recipient", "Dr. Smith")
	releaseType(t, w, wiz, "Purpose", "continuity of care")
	releaseTap(t, wiz, "Next")
	if c := releaseFind(t, wiz, "the authorization", func(c *widget.Check) bool { return strings.HasPrefix(c.Text, "To Dr. Smith") }); !c.Checked {
		t.Fatal("the authorization naming the recipient is not chosen")
	}
	releaseRequire(t, wiz, "Sam Okafor")
	if !wiz.next.Disabled() || wiz.rel != nil {
		t.Fatal("the shared record goes ahead without the other member's authorization")
	}

	if _, err := f.store.AddAuthorization(consent.Authorization{ClientID: sam.ID, Info: "progress notes of 2026", Discloser: "Dr. Lee",
		Recipient: "Dr. Smith", RecipientAddress: "2 Clinic Rd", Purpose: "continuity of care",
		Expires: "2026-12-31", Signed: "2026-03-01", Signer: "the client"}); err != nil {
		t.Fatal(err)
	}
	releaseTap(t, wiz, "Back")
	releaseTap(t, wiz, "Next")
	releaseRequire(t, wiz, "The chosen authorization allows this release.")
	if wiz.rel == nil || wiz.rel.Request().UnitID != unit {
		t.Fatalf("the release is not of the shared record")
	}
	f.noErrors()
}
