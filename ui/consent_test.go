package ui

import (
	"strings"
	"testing"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/widget"

	"github.com/confidenotes/confide/consent"
	"github.com/confidenotes/confide/notes"
)

// consentBadgeOf returns the status badge of the row whose text begins
// with prefix.
func consentBadgeOf(t *testing.T, w fyne.Window, prefix string) string {
	t.Helper()
	badge, found := "", false
	consentWalk(w.Content(), func(o fyne.CanvasObject) bool {
		c, ok := o.(*fyne.Container)
		if !ok || found || len(c.Objects) < 2 {
			return !found
		}
		var text string
		var badgeText string
		for _, x := range c.Objects {
			switch x := x.(type) {
			case *widget.Label:
				text = x.Text
			case *fyne.Container: // the badge: centred frame and word
				consentWalk(x, func(o fyne.CanvasObject) bool {
					if l, ok := o.(*widget.Label); ok && badgeText == "" {
						badgeText = l.Text
					}
					return true
				})
			}
		}
		if strings.HasPrefix(text, prefix) && badgeText != "" {
			badge, found = badgeText, true
		}
		return !found
	})
	if !found {
		t.Fatalf("no row %q; the window shows:\n%s", prefix, consentShown(w))
	}
	return badge
}

// consentReopen shows the tab afresh, as the main window does when the
// client is selected again.
func consentReopen(f *consentFixture, w fyne.Window, clientID string) {
	w.SetContent(newConsentPanel(f.deps(w), clientID))
}

// consentAddAuthorization fills in the authorization form as a user would.
func consentAddAuthorization(t *testing.T, w fyne.Window, fields map[string]string) {
	t.Helper()
	test.Tap(consentButton(t, w, "Authorization…"))
	for _, label := range []string{"Information", "Disclosed by", "Recipient", "Recipient's address", "Purpose", "Expires on", "Signed on", "Signed by"} {
		if v, ok := fields[label]; ok {
			consentType(t, w, label, v)
		}
	}
	test.Tap(consentButton(t, w, "Save"))
}

func TestConsentAuthorizationStatusFollowsTheClock(t *testing.T) {
	f := newConsentFixture(t)
	id := f.client(notes.Client{Name: "Ada Example", DOB: "1980-02-03"})
	w := f.window(func(d panelDeps) fyne.CanvasObject { return newConsentPanel(d, id) })
	requireShown(t, w, "No authorizations to release information are on file.")
	consentAddAuthorization(t, w, map[string]string{
		"Information": "Progress notes of 2026", "Disclosed by": "the treating clinician", "Recipient": "Dr. Lee",
		"Recipient's address": "1 Clinic Way", "Purpose": "continuity of care", "Expires on": "2026-06-30", "Signed by": "the client",
	})
	f.noErrors()
	row := "Release to Dr. Lee — continuity of care; expires 2026-06-30"
	for _, step := range []struct {
		name string
		day  time.Time
		want string
	}{
		{"signed today", f.now, "valid"},
		{"three weeks before expiry", time.Date(2026, 6, 9, 9, 0, 0, 0, time.UTC), "expiring"},
		{"on the expiry date", time.Date(2026, 6, 30, 9, 0, 0, 0, time.UTC), "expiring"},
		{"the day after", time.Date(2026, 7, 1, 9, 0, 0, 0, time.UTC), "expired"},
	} {
		f.now = step.day
		consentReopen(f, w, id)
		if got := consentBadgeOf(t, w, row); got != step.want {
			t.Errorf("%s: the badge says %q, want %q", step.name, got, step.want)
		}
	}

	f.now = time.Date(2026, 5, 1, 9, 0, 0, 0, time.UTC)
	consentReopen(f, w, id)
	test.Tap(consentButton(t, w, "Revoke…"))
	if got := consentField(t, w, "Authorization").(*widget.Select).Selected; !strings.HasPrefix(got, "Release to Dr. Lee") {
		t.Fatalf("the revocation form does not name the authorization: %q", got)
	}
	test.Tap(consentButton(t, w, "Save"))
	f.noErrors()
	if got := consentBadgeOf(t, w, "Release to Dr. Lee"); got != "revoked" {
		t.Errorf("after the revocation the badge says %q", got)
	}
	requireShown(t, w, "revoked 2026-05-01")
	if len(consentButtons(w, "Revoke…")) != 0 {
		t.Error("a revoked authorization can still be revoked")
	}
}

func TestConsentIncompleteAuthorizationShowsWhatIsMissing(t *testing.T) {
	f := newConsentFixture(t)
	id := f.client(notes.Client{Name: "Ada Example"})
	w := f.window(func(d panelDeps) fyne.CanvasObject { return newConsentPanel(d, id) })
	test.Tap(consentButton(t, w, "Authorization…"))
	requireShown(t, w, "Missing (it can be saved, as incomplete, but then authorizes no release): a description of the information;")
	consentType(t, w, "Recipient", "Hope County Court")
	consentType(t, w, "Purpose", "custody evaluation")
	requireNotShown(t, w, "the recipient's name")
	// The address is recommended, never missing (45 CFR 164.508(c)(1)(iii)).
	requireShown(t, w, "Recommended, not required: the recipient's address.")
	requireNotShown(t, w, "Missing (it can be saved, as incomplete, but then authorizes no release): a description of the information; who may disclose it; the recipient's address")
	test.Tap(consentButton(t, w, "Save"))
	f.noErrors()
	if got := consentBadgeOf(t, w, "Release to Hope County Court"); got != "incomplete" {
		t.Errorf("the badge says %q, want incomplete", got)
	}
	requireShown(t, w, "Missing: a description of the information; who may disclose it; an expiry date or expiry event; who signed")
	requireShown(t, w, "Authorization is incomplete and cannot authorize a release")
}

// An authorization complete but for the recipient's address is valid, and
// says the address is recommended.
func TestConsentAuthorizationWithoutAddressIsComplete(t *testing.T) {
	f := newConsentFixture(t)
	id := f.client(notes.Client{Name: "Ada Example"})
	if _, err := f.store.AddAuthorization(consent.Authorization{ClientID: id, Info: "progress notes", Discloser: "the treating clinician",
		Recipient: "Dr. Alan Kim", Purpose: "continuity of care", Expires: "2026-12-01", Signed: "2026-03-01", Signer: "the client"}); err != nil {
		t.Fatal(err)
	}
	w := f.window(func(d panelDeps) fyne.CanvasObject { return newConsentPanel(d, id) })
	if got := consentBadgeOf(t, w, "Release to Dr. Alan Kim"); got != "valid" {
		t.Errorf("the badge says %q, want valid", got)
	}
	requireShown(t, w, "Complete. Recommended: the recipient's address, so that the records go to the right place.")
	requireNotShown(t, w, "incomplete")
}

func TestConsentMissingInformedConsentIsRecorded(t *testing.T) {
	f := newConsentFixture(t)
	id := f.client(notes.Client{Name: "Ada Example"})
	closed := f.client(notes.Client{Name: "Bea Closed", Status: notes.Closed})
	w := f.window(func(d panelDeps) fyne.CanvasObject { return newConsentPanel(d, id) })
	if got := consentBadgeOf(t, w, "Informed consent"); got != "missing" {
		t.Fatalf("informed consent of an active client without one: badge %q", got)
	}
	test.Tap(consentButtons(w, "Record…")[0])
	if got := consentField(t, w, "Consent to").(*widget.Select).Selected; got != "Informed consent" {
		t.Fatalf("the form starts at %q", got)
	}
	consentType(t, w, "Signed on", "14/03/2026")
	test.Tap(consentButton(t, w, "Save"))
	requireShown(t, w, "To save, give the signature date as YYYY-MM-DD.")
	consentType(t, w, "Signed on", "2026-03-10")
	test.Tap(consentButton(t, w, "Save"))
	f.noErrors()
	if got := consentBadgeOf(t, w, "Informed consent — signed 2026-03-10"); got != "on file" {
		t.Errorf("after recording it the badge says %q", got)
	}
	if got := consentBadgeOf(t, w, "Limits of confidentiality explained"); got != "missing" {
		t.Errorf("limits of confidentiality: badge %q, want missing", got)
	}
	consentReopen(f, w, closed)
	requireNotShown(t, w, "missing")
}

func TestConsentMinorNeedsWhoSigned(t *testing.T) {
	f := newConsentFixture(t)
	id := f.client(notes.Client{Name: "Kid Example", DOB: "2014-05-01", Minor: true})
	w := f.window(func(d panelDeps) fyne.CanvasObject { return newConsentPanel(d, id) })
	test.Tap(consentButton(t, w, "Consent…"))
	requireShown(t, w, "This client is a minor")
	test.Tap(consentButton(t, w, "Save"))
	requireShown(t, w, "To save, give who signed; the basis of their authority.")
	consentType(t, w, "Signed by", "Pat Example")
	consentType(t, w, "Authority", "parent")
	test.Tap(consentButton(t, w, "Save"))
	f.noErrors()
	requireShown(t, w, "Informed consent — signed 2026-03-14 by Pat Example (parent)")
}

func TestConsentRequestShowsItsDeadline(t *testing.T) {
	f := newConsentFixture(t)
	id := f.client(notes.Client{Name: "Ada Example"})
	w := f.window(func(d panelDeps) fyne.CanvasObject { return newConsentPanel(d, id) })
	test.Tap(consentButton(t, w, "Request…"))
	consentType(t, w, "Received on", "2026-03-01")
	if got := consentField(t, w, "Answer by").(*widget.Label).Text; got != "2026-03-31" {
		t.Errorf("an access request received 2026-03-01 is due %q", got)
	}
	test.Tap(consentButton(t, w, "Save"))
	f.noErrors()
	if got := consentBadgeOf(t, w, "Access request received 2026-03-01, due 2026-03-31"); got != "17 days left" {
		t.Errorf("badge %q", got)
	}
	f.now = time.Date(2026, 3, 27, 9, 0, 0, 0, time.UTC)
	consentReopen(f, w, id)
	requireShown(t, w, "Access request is due")
	test.Tap(consentButton(t, w, "Extend…"))
	test.Tap(consentButton(t, w, "Save"))
	requireShown(t, w, "To save, give the reason.")
	consentType(t, w, "Reason", "the records are archived off site")
	test.Tap(consentButton(t, w, "Save"))
	f.noErrors()
	requireShown(t, w, "due 2026-04-30 (extended)")
	test.Tap(consentButton(t, w, "Granted"))
	f.noErrors()
	requireShown(t, w, "No requests are open.")
}

func TestConsentSafetyRecordEntersTheAccounting(t *testing.T) {
	f := newConsentFixture(t)
	id := f.client(notes.Client{Name: "Ada Example"})
	w := f.window(func(d panelDeps) fyne.CanvasObject { return newConsentPanel(d, id) })
	requireShown(t, w, "0 disclosures recorded; 0 in the accounting of the past 6 years.")
	test.Tap(consentButton(t, w, "Safety record…"))
	requireShown(t, w, "Still to give: the facts that triggered it; the risk assessment;")
	for label, v := range map[string]string{"Facts": "disclosure of abuse of a child", "Risk": "ongoing", "Decision": "report",
		"Disclosed to": "Child Protective Services", "Method": "phone", "What was disclosed": "the disclosure and the child's school",
		"Informed how": "told in session", "Made by": "the treating clinician"} {
		consentType(t, w, label, v)
	}
	requireNotShown(t, w, "Still to give")
	test.Tap(consentButton(t, w, "Save"))
	f.noErrors()
	requireShown(t, w, "Mandated report — decided 2026-03-14, disclosed to Child Protective Services")
	requireShown(t, w, "1 disclosure recorded; 1 in the accounting of the past 6 years.")
	test.Tap(consentButton(t, w, "Accounting (PDF)…"))
	f.noErrors()
	if pdf := string(f.saved["accounting-of-disclosures.pdf"]); !strings.HasPrefix(pdf, "%PDF") {
		t.Errorf("the accounting is not a PDF: %.8q", pdf)
	}
}

func TestConsentIncidentIsRecorded(t *testing.T) {
	f := newConsentFixture(t)
	id := f.client(notes.Client{Name: "Ada Example"})
	w := f.window(func(d panelDeps) fyne.CanvasObject { return newConsentPanel(d, id) })
	test.Tap(consentButton(t, w, "Privacy incident…"))
	test.Tap(consentButton(t, w, "Save"))
	requireShown(t, w, "To save, give what happened; the nature and extent of the information;")
	for label, v := range map[string]string{"What happened": "a letter went to the wrong address", "Information": "name and dates of service",
		"Received by": "a neighbour", "Acquired or viewed": "opened", "Mitigation": "retrieved unread copy"} {
		consentType(t, w, label, v)
	}
	test.Tap(consentButton(t, w, "Save"))
	f.noErrors()
	requireShown(t, w, "Client not yet notified of a privacy incident")
	if got, _ := f.store.Incidents(); len(got) != 1 || len(got[0].ClientIDs) != 1 || got[0].ClientIDs[0] != id {
		t.Errorf("incidents: %+v", got)
	}
}

func TestConsentPrintsFormsPrefilled(t *testing.T) {
	f := newConsentFixture(t)
	id := f.client(notes.Client{Name: "Ada Example"})
	w := f.window(func(d panelDeps) fyne.CanvasObject { return newConsentPanel(d, id) })
	for _, b := range []string{"Informed consent", "Release of information", "Revocation"} {
		test.Tap(consentButton(t, w, b))
	}
	f.noErrors()
	for _, name := range []string{"informed-consent.pdf", "release.pdf", "revocation.pdf"} {
		if pdf := string(f.saved[name]); !strings.HasPrefix(pdf, "%PDF") {
			t.Errorf("%s is not a PDF: %.8q", name, pdf)
		}
	}
}

func TestAttentionListShowsWhatNeedsTheClinician(t *testing.T) {
	f := newConsentFixture(t)
	empty := f.window(func(d panelDeps) fyne.CanvasObject { return newAttentionList(d, nil) })
	if box, ok := empty.Content().(*fyne.Container); !ok || len(box.Objects) != 0 {
		t.Fatalf("with nothing to do the list is not an empty box: %s", consentShown(empty))
	}
	id := f.client(notes.Client{Name: "Ada Example"})
	f.client(notes.Client{Name: "Bea Closed", Status: notes.Closed})
	var opened []consent.Attention
	w := f.window(func(d panelDeps) fyne.CanvasObject {
		return newAttentionList(d, func(a consent.Attention) { opened = append(opened, a) })
	})
	// One to-do per client for the consents, under the client's name.
	requireShown(t, w, "Ada Example\n")
	requireShown(t, w, "Consent to record: informed consent and the date the limits of confidentiality were explained")
	requireNotShown(t, w, "Bea Closed")
	test.Tap(consentButton(t, w, "Consent to record: informed consent and the date the limits of confidentiality were explained"))
	if len(opened) != 1 || opened[0].ClientID != id || opened[0].Kind != consent.AttentionConsent {
		t.Errorf("tapping the item opened %v", opened)
	}

	if _, err := f.store.AddConsent(consent.Consent{ClientID: id, Type: consent.InformedConsent, Signed: "2026-03-01"}); err != nil {
		t.Fatal(err)
	}
	if _, err := f.store.AddAuthorization(consent.Authorization{ClientID: id, Info: "notes", Discloser: "me", Recipient: "Dr. Lee",
		RecipientAddress: "1 Clinic Way", Purpose: "care", Expires: "2026-04-01", Signed: "2026-03-01", Signer: "client"}); err != nil {
		t.Fatal(err)
	}
	if _, err := f.store.AddRequest(consent.Request{ClientID: id, Kind: consent.AccessRequest, Received: "2026-02-10"}); err != nil {
		t.Fatal(err)
	}
	w.SetContent(newAttentionList(f.deps(w), nil))
	requireNotShown(t, w, "informed consent and")
	requireShown(t, w, "Ada Example\n")
	requireShown(t, w, "Authorization expires in 18 days")
	requireShown(t, w, "Access request is due")

	deps := f.deps(w)
	deps.privacy = func() bool { return true }
	w.SetContent(newAttentionList(deps, nil))
	requireShown(t, w, "A.E.\n")
	requireShown(t, w, "Authorization expires in 18 days")
	requireNotShown(t, w, "Ada")
	f.noErrors()
}

func TestConsentSummaryMarkup(t *testing.T) {
	f := newConsentFixture(t)
	id := f.client(notes.Client{Name: "Ada Example", DOB: "1980-02-03"})
	if _, err := f.store.AddConsent(consent.Consent{ClientID: id, Type: consent.InformedConsent, Signed: "2026-03-01"}); err != nil {
		t.Fatal(err)
	}
	if _, err := f.store.AddAuthorization(consent.Authorization{ClientID: id, Info: "progress notes", Discloser: "the treating clinician",
		Recipient: "Dr. Lee", RecipientAddress: "1 Clinic Way", Purpose: "continuity of care", Expires: "2026-04-01",
		Signed: "2026-03-01", Signer: "the client"}); err != nil {
		t.Fatal(err)
	}
	if _, err := f.store.AddAuthorization(consent.Authorization{ClientID: id, Recipient: "Hope County Court", Purpose: "custody"}); err != nil {
		t.Fatal(err)
	}
	if _, err := f.store.AddRequest(consent.Request{ClientID: id, Kind: consent.AccessRequest, Received: "2026-03-10"}); err != nil {
		t.Fatal(err)
	}
	w := f.window(func(d panelDeps) fyne.CanvasObject { return newConsentPanel(d, id) })
	w.Resize(fyne.NewSize(1000, 1200))
	test.AssertRendersToMarkup(t, "consent_summary.xml", w.Canvas())
}

func TestConsentDisclosureIsAccounted(t *testing.T) {
	f := newConsentFixture(t)
	id := f.client(notes.Client{Name: "Ada Example"})
	if _, err := f.store.AddAuthorization(consent.Authorization{ClientID: id, Info: "progress notes", Discloser: "me",
		Recipient: "Dr. Lee", RecipientAddress: "1 Clinic Way", Purpose: "care", Expires: "2026-12-31",
		Signed: "2026-03-01", Signer: "the client"}); err != nil {
		t.Fatal(err)
	}
	w := f.window(func(d panelDeps) fyne.CanvasObject { return newConsentPanel(d, id) })
	test.Tap(consentButton(t, w, "Disclosure…"))
	consentField(t, w, "Type").(*widget.Select).SetSelected("authorization — " + consent.ByAuthorization.Basis())
	test.Tap(consentButton(t, w, "Save"))
	requireShown(t, w, "To save, give the recipient; what was released; who made it; the purpose (or the authorization); the authorization it was made under.")
	consentField(t, w, "Authorization").(*widget.Select).SetSelectedIndex(0)
	consentType(t, w, "Recipient", "Dr. Someone Else")
	consentType(t, w, "What was released", "the treatment summary")
	consentType(t, w, "Made by", "the treating clinician")
	test.Tap(consentButton(t, w, "Save"))
	requireShown(t, w, "That authorization does not allow this disclosure")
	consentType(t, w, "Recipient", "Dr. Lee")
	test.Tap(consentButton(t, w, "Save"))
	f.noErrors()
	if got := consentBadgeOf(t, w, "2026-03-14 — to Dr. Lee: the treatment summary (authorization)"); got != "exempt" {
		t.Errorf("a disclosure under an authorization: badge %q, want exempt", got)
	}

	test.Tap(consentButton(t, w, "Disclosure…"))
	consentField(t, w, "Type").(*widget.Select).SetSelected("oversight — " + consent.Oversight.Basis())
	consentType(t, w, "Recipient", "State Board")
	consentType(t, w, "What was released", "billing records")
	consentType(t, w, "Purpose", "audit")
	consentType(t, w, "Made by", "the treating clinician")
	test.Tap(consentButton(t, w, "Save"))
	f.noErrors()
	if got := consentBadgeOf(t, w, "2026-03-14 — to State Board"); got != "accountable" {
		t.Errorf("an oversight disclosure: badge %q, want accountable", got)
	}
	requireShown(t, w, "2 disclosures recorded; 1 in the accounting of the past 6 years.")
}

// TestConsentTabOpensTheReleaseWizard: a records request starts from the
// client's Consent & disclosures tab.
func TestConsentTabOpensTheReleaseWizard(t *testing.T) {
	f := newConsentFixture(t)
	id := f.client(notes.Client{Name: "Ada Example"})
	w := f.window(func(d panelDeps) fyne.CanvasObject { return newConsentPanel(d, id) })
	if top := w.Canvas().Overlays().Top(); top != nil {
		t.Fatal("an overlay is open before the tap")
	}
	test.Tap(consentButton(t, w, "Release records…"))
	if w.Canvas().Overlays().Top() == nil {
		t.Fatal("the release wizard did not open")
	}
	f.noErrors()
}
