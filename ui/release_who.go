package ui

import (
	"fmt"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/widget"

	"github.com/confidenotes/confide/consent"
)

// releaseTypeLabels name the request types a release is made for, in plain
// words, in the order of consent.ReleaseTypes.
var releaseTypeLabels = map[consent.RequestType]string{
	consent.ToClient:        "The client asks for their own records",
	consent.ByAuthorization: "Someone the client authorized in writing",
	consent.Subpoena:        "A subpoena",
	consent.CourtOrder:      "A court order",
	consent.Insurer:         "An insurer, for payment",
	consent.Supervision:     "A supervisor or consultant (the records are disguised)",
	consent.MandatedReport:  "A report the law requires (abuse, neglect, domestic violence)",
}

// releaseNoAccessRequest is the choice of fulfilling no access request.
const releaseNoAccessRequest = "None on file for this release"

// releaseNoAuthorization is the choice of a release under no authorization
// on file.
const releaseNoAuthorization = "None: another kind of request"

// releaseWho is step 1: who is asking and why.
type releaseWho struct {
	w         *releaseWizard
	kind      *keySelect
	recipient *keyEntry
	address   *keyEntry
	purpose   *keyEntry
	access    *keySelect
	accessIDs map[string]string // label -> access request id
	auth      *keySelect        // the authorization on file the release starts from
	auths     map[string]consent.Authorization
	chosen    string            // the id of the authorization picked, "" for none
	record    *keySelect        // the client's own record, or a unit's shared one
	unitIDs   map[string]string // label -> unit id ("" for the client's own)

	typ consent.RequestType
}

func (s *releaseWho) title() string { return "Who is asking, and why" }

func (s *releaseWho) buildUI() fyne.CanvasObject {
	if s.kind != nil { // keep what was typed when coming back
		return s.form()
	}
	var labels []string
	for _, t := range consent.ReleaseTypes {
		labels = append(labels, releaseTypeLabels[t])
	}
	s.recipient = newField("", "Name of the person or office receiving the records")
	s.address = newTextBox("", "Where the records go (postal or email address)")
	s.purpose = newField("", "Why they are asking, as they put it")
	s.access = newKeySelect(nil, nil)
	s.loadRecords()
	s.kind = newKeySelect(labels, s.onKind)
	s.kind.SetSelected(releaseTypeLabels[consent.ToClient])
	s.loadAuthorizations()
	return s.form()
}

// loadAuthorizations offers the client's authorizations in effect today,
// newest first, and starts from the newest that covers the record: most
// requests that come with an authorization are answered under it.
func (s *releaseWho) loadAuthorizations() {
	s.auths = map[string]consent.Authorization{}
	s.auth = newKeySelect(nil, s.onAuthorization)
	all, err := s.w.d.consent.Authorizations(s.w.clientID)
	if err != nil {
		s.w.d.showErr(err)
		return
	}
	today := consent.Day(s.w.d.now())
	var first string
	for i := len(all) - 1; i >= 0; i-- {
		a := all[i]
		if st := a.StatusOn(today); st != consent.StatusValid && st != consent.StatusExpiring {
			continue
		}
		label := releaseAuthLine(a)
		if _, dup := s.auths[label]; dup {
			label += " (" + a.ID + ")"
		}
		s.auths[label] = a
		s.auth.Options = append(s.auth.Options, label)
		if first == "" && !a.PsychotherapyNotes {
			first = label
		}
	}
	if len(s.auth.Options) == 0 {
		return
	}
	s.auth.Options = append(s.auth.Options, releaseNoAuthorization)
	if first == "" {
		first = releaseNoAuthorization
	}
	s.auth.SetSelected(first)
}

// onAuthorization starts the release from the authorization picked: it
// fills in who receives the records, where and why, and the next steps
// take it as the basis and what it covers as the scope.
func (s *releaseWho) onAuthorization(label string) {
	a, ok := s.auths[label]
	if !ok {
		s.chosen = ""
		return
	}
	s.chosen = a.ID
	s.kind.SetSelected(releaseTypeLabels[consent.ByAuthorization])
	s.recipient.SetText(a.Recipient)
	s.address.SetText(a.RecipientAddress)
	s.purpose.SetText(a.Purpose)
}

// chosenAuthorization is the authorization picked in this step, if any.
func (s *releaseWho) chosenAuthorization() (consent.Authorization, bool) {
	for _, a := range s.auths {
		if a.ID == s.chosen {
			return a, true
		}
	}
	return consent.Authorization{}, false
}

// form lays out the fields; the access request only for the client's own
// request.
func (s *releaseWho) form() fyne.CanvasObject {
	f := &widget.Form{}
	if len(s.auths) > 0 {
		f.Items = append(f.Items, &widget.FormItem{Text: "Authorization on file", Widget: s.auth,
			HintText: "Picking one fills in the recipient, the address, the purpose and what it covers."})
	}
	f.Items = append(f.Items, []*widget.FormItem{
		{Text: "Who is asking", Widget: s.kind},
		{Text: "Recipient", Widget: s.recipient},
		{Text: "Recipient's address", Widget: s.address},
		{Text: "Purpose", Widget: s.purpose},
	}...)
	if len(s.record.Options) > 1 {
		f.Items = append(f.Items, &widget.FormItem{Text: "Records", Widget: s.record,
			HintText: "A couple's, family's or group's shared record needs every member's authorization."})
	}
	if s.typ == consent.ToClient {
		f.Items = append(f.Items, &widget.FormItem{Text: "Access request", Widget: s.access,
			HintText: "The client's written request for access that this release answers, if any: it is closed as granted."})
	}
	note := panelNote("Only what this request needs is released. Third parties are redacted, and every " +
		"redaction is shown for review before anything is written.")
	return formScroll(container.NewVBox(note, f))
}

// onKind follows a change of request type: the client's own request goes
// to the client, and may answer an open access request.
func (s *releaseWho) onKind(label string) {
	prev := s.typ
	for t, l := range releaseTypeLabels {
		if l == label {
			s.typ = t
		}
	}
	if s.typ == consent.ToClient && strings.TrimSpace(s.recipient.Text) == "" {
		s.recipient.SetText(s.w.client.Name)
		if s.purpose.Text == "" {
			s.purpose.SetText("At the request of the individual")
		}
	}
	if prev == consent.ToClient && s.typ != consent.ToClient && s.recipient.Text == s.w.client.Name {
		s.recipient.SetText("")
		if s.purpose.Text == "At the request of the individual" {
			s.purpose.SetText("")
		}
	}
	s.loadAccessRequests()
	if prev != "" && s.w.step == 0 {
		s.w.body.Objects = []fyne.CanvasObject{s.form()}
		s.w.body.Refresh()
	}
}

// releaseOwnRecord is the choice of the client's own record.
const releaseOwnRecord = "This client's own record"

// loadRecords offers the client's own record and the shared record of each
// couple, family or group they belong to, named by its other members.
func (s *releaseWho) loadRecords() {
	s.unitIDs = map[string]string{releaseOwnRecord: ""}
	opts := []string{releaseOwnRecord}
	for _, u := range s.w.client.Units {
		var others []string
		for _, m := range u.Members {
			if m.ClientID != s.w.clientID {
				others = append(others, s.w.personName(m.Name))
			}
		}
		label := fmt.Sprintf("The shared record of the %s with %s", u.Kind, strings.Join(others, ", "))
		if u.Name != "" {
			label = fmt.Sprintf("The shared record of %s (%s)", u.Name, u.Kind)
		}
		if _, dup := s.unitIDs[label]; dup {
			label += " (" + u.ID + ")"
		}
		s.unitIDs[label] = u.ID
		opts = append(opts, label)
	}
	s.record = newKeySelect(opts, nil)
	s.record.Selected = releaseOwnRecord
}

// loadAccessRequests offers the client's open access requests.
func (s *releaseWho) loadAccessRequests() {
	s.accessIDs = map[string]string{}
	opts := []string{releaseNoAccessRequest}
	reqs, err := s.w.d.consent.Requests(s.w.clientID)
	if err != nil {
		s.w.d.showErr(err)
	}
	for _, r := range reqs {
		if r.Kind != consent.AccessRequest || r.Closed != "" {
			continue
		}
		label := fmt.Sprintf("Received %s, due %s", r.Received, r.Due)
		if r.What != "" {
			label += ": " + r.What
		}
		s.accessIDs[label] = r.ID
		opts = append(opts, label)
	}
	s.access.Options = opts
	if s.access.Selected == "" || s.accessIDs[s.access.Selected] == "" {
		s.access.SetSelected(opts[len(opts)-1]) // the latest open request, if any
	}
}

// onNext checks that the request says who and why.
func (s *releaseWho) onNext() {
	var missing []string
	if strings.TrimSpace(s.recipient.Text) == "" {
		missing = append(missing, "who receives the records")
	}
	if strings.TrimSpace(s.purpose.Text) == "" {
		missing = append(missing, "the purpose")
	}
	if missing != nil {
		s.w.say("Please fill in " + strings.Join(missing, " and ") + ".")
		return
	}
	s.w.advance()
}

// request is the request as this step has it.
func (s *releaseWho) request() consent.ReleaseRequest {
	req := consent.ReleaseRequest{ClientID: s.w.clientID, Type: s.typ, Recipient: strings.TrimSpace(s.recipient.Text),
		RecipientAddress: strings.TrimSpace(s.address.Text), Purpose: strings.TrimSpace(s.purpose.Text),
		UnitID: s.unitIDs[s.record.Selected]}
	if s.typ == consent.ToClient {
		req.AccessRequest = s.accessIDs[s.access.Selected]
	}
	return req
}
