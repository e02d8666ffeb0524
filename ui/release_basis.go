package ui

import (
	"errors"
	"fmt"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/widget"

	"github.com/confidenotes/confide/consent"
)

// releaseBasisHelp explains, per request type, what the release rests on.
var releaseBasisHelp = map[consent.RequestType]string{
	consent.ToClient:        "Clients have a right to their own records (45 CFR 164.524). No authorization is needed; psychotherapy notes are not part of what this right reaches.",
	consent.ByAuthorization: "Choose the client's written authorization this release is made under. Only an authorization that is in effect today, and names this recipient, allows it.",
	consent.Subpoena:        "Record the court, the case and the date to comply by. A subpoena alone does not reach psychotherapy notes or a 42 CFR Part 2 record: those need the client's authorization, chosen below.",
	consent.CourtOrder:      "Record the court, the case and the date to comply by. Psychotherapy notes are released only when the order names them.",
	consent.Insurer:         "A release for payment needs no authorization, except for psychotherapy notes or a 42 CFR Part 2 record.",
	consent.Supervision:     "Consultation and supervision are part of treatment and operations; the records are disguised.",
	consent.MandatedReport:  "A report the law requires needs no authorization. It is entered in the accounting of disclosures.",
}

// releaseBasis is step 2: the authorization on file, or the legal basis.
// Every change is checked at once; Next is enabled only while the basis
// allows the release.
type releaseBasis struct {
	w        *releaseWizard
	chosen   map[string]bool // authorization id -> ticked
	auths    []consent.Authorization
	court    *keyEntry
	caseNo   *keyEntry
	deadline *keyEntry
	text     *keyEntry
	verdict  *widget.Label
	mismatch *fyne.Container // the two recipients side by side, when they differ
	typ      consent.RequestType
	from     string // the authorization step 1 started from, when this step was built
}

func (s *releaseBasis) title() string { return "The basis for the release" }

func (s *releaseBasis) buildUI() fyne.CanvasObject {
	typ := s.w.who.typ
	if s.text == nil || s.typ != typ || s.from != s.w.who.chosen {
		s.court, s.caseNo, s.deadline = newField("", "Court or tribunal"), newField("", "Case number"), newField("", "YYYY-MM-DD")
		s.text = newTextBox(typ.Basis(), "")
		for _, e := range []*keyEntry{s.court, s.caseNo, s.deadline, s.text} {
			e.OnChanged = s.onChanged
		}
		s.chosen = map[string]bool{}
		if s.from = s.w.who.chosen; s.from != "" {
			s.chosen[s.from] = true // the release started from it
		}
		s.typ = typ
	}
	s.verdict = &widget.Label{Wrapping: fyne.TextWrapWord}
	s.mismatch = container.NewVBox()
	box := container.NewVBox(panelNote(releaseBasisHelp[typ]))
	if typ == consent.ByAuthorization || typ == consent.Subpoena || typ == consent.Insurer {
		box.Add(&widget.Label{Text: "Authorizations on file", TextStyle: fyne.TextStyle{Bold: true}})
		box.Add(s.authorizationRows())
	}
	f := &widget.Form{}
	if typ == consent.Subpoena || typ == consent.CourtOrder {
		f.Append("Court", s.court)
		f.Append("Case", s.caseNo)
		f.Append("Comply by", s.deadline)
	}
	f.Append("Legal basis as recorded", s.text)
	box.Add(f)
	box.Add(s.verdict)
	box.Add(s.mismatch)
	s.check()
	return formScroll(box)
}

// authorizationRows lists the client's authorizations with their status
// today; those that cannot authorize anything are shown, not offered, with
// the reason.
func (s *releaseBasis) authorizationRows() fyne.CanvasObject {
	box := container.NewVBox()
	var err error
	if s.auths, err = s.w.d.consent.Authorizations(s.w.clientID); err != nil {
		s.w.d.showErr(err)
		return box
	}
	if len(s.auths) == 0 {
		box.Add(widget.NewLabel("No authorization is on file. Record the signed authorization on the client's Consent & disclosures tab first."))
	}
	today := consent.Day(s.w.d.now())
	recipient := strings.TrimSpace(s.w.who.recipient.Text)
	for _, a := range s.auths {
		st := a.StatusOn(today)
		line := releaseAuthLine(a)
		check := newKeyCheck(line, nil)
		if why := releaseUnusable(a, st); why != "" {
			check.Text = line + " — cannot be used: " + why
			check.Disable()
		} else {
			if len(s.chosen) == 0 && consent.RecipientMatches(a.Recipient, recipient) && !a.PsychotherapyNotes {
				s.chosen[a.ID] = true // the one that names this recipient
			}
			check.Checked = s.chosen[a.ID]
			id := a.ID
			check.OnChanged = func(on bool) { s.chosen[id] = on; s.check() }
		}
		box.Add(container.NewBorder(nil, nil, panelBadge(string(st), consentStatusImportance(st)), nil, check))
	}
	return box
}

// releaseAuthLine describes an authorization in one line.
func releaseAuthLine(a consent.Authorization) string {
	line := fmt.Sprintf("To %s, signed %s", a.Recipient, a.Signed)
	if a.Expires != "" {
		line += ", until " + a.Expires
	} else if a.ExpiryEvent != "" {
		line += ", until " + a.ExpiryEvent
	}
	if a.PsychotherapyNotes {
		line += " (psychotherapy notes)"
	}
	return line
}

// releaseUnusable says why an authorization with status st can authorize
// nothing today; "" when it can.
func releaseUnusable(a consent.Authorization, st consent.Status) string {
	switch st {
	case consent.StatusExpired:
		if a.Ended != "" {
			return "it ended on " + a.Ended
		}
		return "it expired on " + a.Expires
	case consent.StatusRevoked:
		return "the client revoked it on " + a.Revoked
	case consent.StatusIncomplete:
		return "it is incomplete, missing " + strings.Join(a.Missing(), ", ")
	case consent.StatusNotSigned:
		return "it is signed after today"
	}
	return ""
}

func (s *releaseBasis) onChanged(string) { s.check() }

// request is the request with this step's basis.
func (s *releaseBasis) request() consent.ReleaseRequest {
	req := s.w.who.request()
	for _, a := range s.auths {
		if s.chosen[a.ID] {
			req.Authorizations = append(req.Authorizations, a.ID)
		}
	}
	if s.typ == consent.Subpoena || s.typ == consent.CourtOrder {
		req.Court, req.Case = strings.TrimSpace(s.court.Text), strings.TrimSpace(s.caseNo.Text)
		req.Deadline = strings.TrimSpace(s.deadline.Text)
	}
	req.Basis = strings.TrimSpace(s.text.Text)
	return req
}

// check starts the release as this step has it and checks its basis,
// saying why when it is refused and holding Next until it is allowed.
func (s *releaseBasis) check() {
	s.w.rel = nil
	s.w.next.Disable()
	req := s.request()
	s.showMismatch(req)
	if s.typ == consent.ByAuthorization && len(req.Authorizations) == 0 {
		s.say("Choose the authorization this release is made under.", false)
		return
	}
	if (s.typ == consent.Subpoena || s.typ == consent.CourtOrder) && (req.Court == "" || req.Case == "") {
		s.say("Enter the court and the case number.", false)
		return
	}
	r, err := s.w.d.consent.NewRelease(req)
	if err == nil {
		_, err = r.CheckBasis()
	}
	if err != nil && !errors.Is(err, consent.ErrNotAuthorized) && !errors.Is(err, consent.ErrInvalid) {
		s.w.d.showErr(err)
		s.say("The basis could not be checked.", false)
		return
	}
	if err != nil {
		s.say(s.plain(err), false)
		return
	}
	s.w.rel = r
	s.w.next.Enable()
	what := "The basis allows this release."
	if n := len(req.Authorizations); n > 0 {
		what = "The chosen authorization allows this release."
	}
	s.say(what, true)
}

// showMismatch puts the recipient each chosen authorization names beside
// the recipient of this release, when they are not the same person: the
// clinician sees at once whether it is a slip of the pen or another
// recipient. A recipient written with a description after the name
// ("Dr. Alan Kim, primary care physician") is the same.
func (s *releaseBasis) showMismatch(req consent.ReleaseRequest) {
	s.mismatch.RemoveAll()
	for _, a := range s.auths {
		if !s.chosen[a.ID] || consent.RecipientMatches(a.Recipient, req.Recipient) {
			continue
		}
		side := func(caption, text string) fyne.CanvasObject {
			return container.NewVBox(&widget.Label{Text: caption, SizeName: captionSize, Importance: widget.LowImportance},
				&widget.Label{Text: text, Wrapping: fyne.TextWrapWord, TextStyle: fyne.TextStyle{Bold: true}})
		}
		s.mismatch.Add(container.NewGridWithColumns(2,
			side("The authorization names", a.Recipient),
			side("This release goes to", req.Recipient)))
	}
	s.mismatch.Refresh()
}

// plain is a refusal in plain words, each authorization named by its
// recipient and date rather than its id.
func (s *releaseBasis) plain(err error) string {
	msg := strings.ReplaceAll(releasePlain(err), "client "+s.w.clientID, "this client")
	for _, u := range s.w.client.Units { // the other members of a unit, by name
		for _, m := range u.Members {
			msg = strings.ReplaceAll(msg, "client "+m.ClientID, s.w.personName(m.Name))
		}
	}
	for _, a := range s.auths {
		msg = strings.ReplaceAll(msg, "authorization "+a.ID, "the authorization to "+a.Recipient+" signed "+a.Signed)
		msg = strings.ReplaceAll(msg, a.ID, "the authorization to "+a.Recipient+" signed "+a.Signed)
	}
	return msg
}

// say shows the verdict of the check.
func (s *releaseBasis) say(text string, ok bool) {
	s.verdict.Importance = widget.DangerImportance
	if ok {
		s.verdict.Importance = widget.SuccessImportance
	}
	s.verdict.SetText(text)
}

func (s *releaseBasis) onNext() {
	if s.w.rel == nil {
		s.check()
		return
	}
	s.w.advance()
}
