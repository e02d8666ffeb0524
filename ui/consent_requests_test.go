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

// An amendment request names its note; accepting it appends the amendment
// to that note as an addendum, and a denial takes the client's statement of
// disagreement and a rebuttal afterwards.
func TestConsentAmendmentIsAcceptedOrDenied(t *testing.T) {
	f := newConsentFixture(t)
	id := f.client(notes.Client{Name: "Ada Example"})
	noteID := f.note(id, "2026-03-10", "Client reported sleeping four hours a night.")
	f.note(id, "2026-03-03", "First follow-up.")
	w := f.window(func(d panelDeps) fyne.CanvasObject { return newConsentPanel(d, id) })

	request := func() {
		t.Helper()
		test.Tap(consentButton(t, w, "Request…"))
		consentField(t, w, "Request for").(*widget.RadioGroup).SetSelected(amendmentLabel)
		if got := consentField(t, w, "Answer by").(*widget.Label).Text; got != "2026-05-13" {
			t.Errorf("an amendment request received 2026-03-14 is due %q, want 2026-05-13", got)
		}
		test.Tap(consentButton(t, w, "Save"))
		requireShown(t, w, "To save, give the note the client asks to amend.")
		note := consentField(t, w, "Note to amend").(*widget.Select)
		if len(note.Options) != 2 || note.Options[0] != "2026-03-10 10:00 · Progress note" {
			t.Fatalf("notes offered: %q", note.Options)
		}
		note.SetSelectedIndex(0)
		test.Tap(consentButton(t, w, "Save"))
		f.noErrors()
		requireShown(t, w, "Amendment request received 2026-03-14, due 2026-05-13, to amend the progress note of 2026-03-10")
	}

	// Accepted: the amendment is appended to the note.
	request()
	test.Tap(consentButton(t, w, "Accept…"))
	test.Tap(consentButton(t, w, "Save"))
	requireShown(t, w, "To save, give the text of the amendment.")
	consentType(t, w, "Amendment", "The client sleeps four to five hours a night.")
	test.Tap(consentButton(t, w, "Save"))
	f.noErrors()
	requireShown(t, w, "No requests are open.")
	n, err := f.notes.GetNote(noteID)
	if err != nil {
		t.Fatal(err)
	}
	if len(n.Addenda) != 1 || n.Addenda[0].Body() != "The client sleeps four to five hours a night." {
		t.Fatalf("the note's addenda after accepting: %+v", n.Addenda)
	}

	// Denied, then the client's statement and the rebuttal.
	request()
	test.Tap(consentButton(t, w, "Deny…"))
	test.Tap(consentButton(t, w, "Save"))
	requireShown(t, w, "To save, give the reason.")
	consentType(t, w, "Reason", "The note is accurate and complete as written.")
	test.Tap(consentButton(t, w, "Save"))
	f.noErrors()
	requireShown(t, w, "Amendment request received 2026-03-14, denied 2026-03-14")
	test.Tap(consentButton(t, w, "Statement of disagreement…"))
	test.Tap(consentButton(t, w, "Save"))
	requireShown(t, w, "To save, give the client's statement.")
	consentType(t, w, "Statement", "I slept more than that most nights.")
	consentType(t, w, "Rebuttal", "The hours are as the client reported them in session.")
	test.Tap(consentButton(t, w, "Save"))
	f.noErrors()
	requireShown(t, w, "the client's statement of disagreement is on file, with your rebuttal")
	if len(consentButtons(w, "Statement of disagreement…")) != 0 {
		t.Error("a second statement is offered once one is on file")
	}
	reqs, err := f.store.Requests(id)
	if err != nil {
		t.Fatal(err)
	}
	var denied *consent.Request
	for i := range reqs {
		if reqs[i].Outcome == consent.Denied {
			denied = &reqs[i]
		}
	}
	if denied == nil || denied.DenialReason != "The note is accurate and complete as written." ||
		denied.Disagreement != "I slept more than that most nights." || denied.NoteID != noteID {
		t.Fatalf("the denied request as stored: %+v", denied)
	}
	if n, _ := f.notes.GetNote(noteID); len(n.Addenda) != 1 {
		t.Errorf("a denial changed the note: %d addenda", len(n.Addenda))
	}
}

// An authorization that ends on an event is ended from the tab, and from
// that day it is expired.
func TestConsentAuthorizationEndsByItsEvent(t *testing.T) {
	f := newConsentFixture(t)
	id := f.client(notes.Client{Name: "Ada Example"})
	if _, err := f.store.AddAuthorization(consent.Authorization{ClientID: id, Info: "progress notes", Discloser: "the treating clinician",
		Recipient: "Dr. Lee", RecipientAddress: "1 Clinic Way", Purpose: "continuity of care", ExpiryEvent: "the end of treatment",
		Signed: "2026-03-01", Signer: "the client"}); err != nil {
		t.Fatal(err)
	}
	w := f.window(func(d panelDeps) fyne.CanvasObject { return newConsentPanel(d, id) })
	if got := consentBadgeOf(t, w, "Release to Dr. Lee — continuity of care; ends on: the end of treatment"); got != string(consent.StatusValid) {
		t.Fatalf("badge before the event: %q", got)
	}
	test.Tap(consentButton(t, w, "Event happened…"))
	consentType(t, w, "It happened on", "2026-02-01")
	test.Tap(consentButton(t, w, "Save"))
	if len(f.errs) == 0 {
		t.Fatal("an event before the signature date was accepted")
	}
	f.errs = nil
	consentType(t, w, "It happened on", "2026-03-14")
	test.Tap(consentButton(t, w, "Save"))
	f.noErrors()
	if got := consentBadgeOf(t, w, "Release to Dr. Lee — continuity of care; ended 2026-03-14 (the end of treatment)"); got != string(consent.StatusExpired) {
		t.Errorf("badge after the event: %q", got)
	}
	if len(consentButtons(w, "Event happened…")) != 0 {
		t.Error("the event can be recorded twice")
	}
}

// The review of a release shows the statement of disagreement that goes
// with a note, redacted like the note.
func TestReleaseReviewShowsTheStatementOfDisagreement(t *testing.T) {
	f := newReleaseFixture(t)
	ns, err := f.notes.ListNotes(f.client)
	if err != nil {
		t.Fatal(err)
	}
	var progress string
	for _, n := range ns {
		if n.Kind == notes.Progress {
			progress = n.ID
		}
	}
	rq, err := f.store.AddRequest(consent.Request{ClientID: f.client, Kind: consent.AmendmentRequest, Received: "2026-03-11", NoteID: progress})
	if err != nil {
		t.Fatal(err)
	}
	if _, err := f.store.Deny(rq.ID, "2026-03-12", "The note is accurate."); err != nil {
		t.Fatal(err)
	}
	if _, err := f.store.Disagree(rq.ID, "I left early and Daniel stayed on.", ""); err != nil {
		t.Fatal(err)
	}
	wiz, _ := f.open()
	releaseToReview(t, wiz)
	releaseRequire(t, wiz, "Amendment denied 2026-03-12: the client's statement of disagreement")
	statement := releaseFind(t, wiz, "the statement", func(r *widget.RichText) bool { return strings.Contains(r.String(), "I left early") }).String()
	if strings.Contains(statement, "Daniel") {
		t.Errorf("the statement is not redacted like the note: %s", statement)
	}
	f.noErrors()
}

// The practice words a form its own way in the tab; it prints that way for
// every client from then on, a text that does not print is refused with
// the reason, and the shipped text can be restored.
func TestConsentFormsAreWordedByThePractice(t *testing.T) {
	f := newConsentFixture(t)
	id := f.client(notes.Client{Name: "Ada Example"})
	w := f.window(func(d panelDeps) fyne.CanvasObject { return newConsentPanel(d, id) })
	test.Tap(consentButton(t, w, "Edit the forms…"))
	requireShown(t, w, "The text shipped with Confide.")
	var text *widget.Entry
	consentWalk(w.Content(), func(o fyne.CanvasObject) bool {
		if e, ok := o.(*widget.Entry); ok && e.MultiLine && text == nil {
			text = e
		}
		return text == nil
	})
	if text == nil || text.Text != consent.InformedConsentForm.Source() {
		t.Fatal("the editor does not hold the shipped informed consent")
	}

	text.SetText(consent.InformedConsentForm.Source() + "\n{{.ClientNme}}\n")
	test.Tap(consentButton(t, w, "Save"))
	requireShown(t, w, "This text does not print, so it was not saved")
	requireShown(t, w, "ClientNme")
	if _, edited, _ := f.store.FormTemplate(consent.InformedConsentForm); edited {
		t.Fatal("a text that does not print was saved")
	}

	own := consent.InformedConsentForm.Source() + "\nXYZPRACTICE Sessions are 50 minutes.\n"
	text.SetText(own)
	test.Tap(consentButton(t, w, "Save"))
	f.noErrors()
	requireShown(t, w, "Your practice's own text, printed as "+consent.InformedConsentForm.RefFor(own)+".")

	test.Tap(consentButton(t, w, "Back"))
	test.Tap(consentButton(t, w, "Informed consent"))
	f.noErrors()
	pdf := filepath.Join(t.TempDir(), "consent.pdf")
	if err := os.WriteFile(pdf, f.saved["informed-consent.pdf"], 0o600); err != nil {
		t.Fatal(err)
	}
	if got := releasePDFText(t, pdf); !strings.Contains(got, "XYZPRACTICE Sessions are 50 minutes.") || !strings.Contains(got, "Ada Example") {
		t.Errorf("the printed consent is not the practice's text: %s", got)
	}

	test.Tap(consentButton(t, w, "Edit the forms…"))
	test.Tap(consentButton(t, w, "Restore the shipped text"))
	f.noErrors()
	requireShown(t, w, "The text shipped with Confide.")
	if src, edited, _ := f.store.FormTemplate(consent.InformedConsentForm); edited || src != consent.InformedConsentForm.Source() {
		t.Error("the shipped text was not restored")
	}
}
