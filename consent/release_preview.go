package consent

import (
	"slices"
	"strings"
	"sync"
	"time"

	"github.com/confidenotes/confide/notes"
	"github.com/confidenotes/confide/notes/disguise"
	"github.com/confidenotes/confide/practice"
)

// MarkClinician is how a text the clinician marked for redaction appears in
// a release.
const MarkClinician = "[redacted: marked by the clinician]"

// Reasons a note is withheld from a release, as the preview and the cover
// sheet give them.
const (
	WithheldDates         = "outside the date range"
	WithheldKind          = "a kind of note the release does not include"
	WithheldDraft         = "an unsigned draft, not yet part of the record"
	WithheldPsychotherapy = "a psychotherapy note (45 CFR 164.501): released only under a psychotherapy-notes authorization or a court order that names it"
	WithheldAddenda       = "an addendum: the release does not include addenda"
)

// ReleasePreview is step 5 before anything is written: what the release
// includes, what it withholds and why, and every redaction.
type ReleasePreview struct {
	Request        ReleaseRequest  `json:"request"`
	Basis          string          `json:"basis"`
	Authorizations []Authorization `json:"authorizations,omitempty"` // what the release rests on: the cover sheet shows what each covers
	Scope          ReleaseScope    `json:"scope"`
	Notes          []ReleasedNote  `json:"notes"`
	Consents       []Consent       `json:"consents,omitempty"`
	Withheld       []Withheld      `json:"withheld"`
	Redactions     []Redaction     `json:"redactions"`
	Notices        []string        `json:"notices"`
	Part2          bool            `json:"part2"`
	Disguised      bool            `json:"disguised"` // a supervision packet: names, dates and places disguised
	Subject        string          `json:"subject"`   // the client's name as every page shows it (a pseudonym when disguised)

	// Clinical is the clinical record the scope includes (diagnoses,
	// sessions, measures, plans), redacted and disguised as the notes are.
	Clinical ReleasedClinical `json:"clinical"`

	// DOB is the client's date of birth for the cover, unless disguised.
	DOB string `json:"dob,omitempty"`
	// Practice lays the PDF out (paper, letterhead) and words signatures
	// in its time zone.
	Practice practice.Profile `json:"-"`
}

// ReleasedNote is a note as the release prints it.
type ReleasedNote struct {
	ID       string            `json:"id"`
	Kind     notes.Kind        `json:"kind"`
	Session  notes.Session     `json:"session"` // dates shifted when disguised
	SignedAt time.Time         `json:"signed_at"`
	SignedBy string            `json:"signed_by,omitempty"`
	Hash     string            `json:"content_hash"`
	Sections []ReleasedSection `json:"sections"`
	Addenda  []ReleasedNote    `json:"addenda,omitempty"`
	// Disagreements are the denied amendment requests on this note that
	// carry the client's statement of disagreement: the request, the
	// denial, the statement and any rebuttal go with every later release
	// of the note (45 CFR 164.526(d)(5)). Each is one ReleasedNote whose ID
	// is the request's and whose Session.Date is the day of the denial.
	Disagreements []ReleasedNote `json:"disagreements,omitempty"`
	// Diagnoses are the diagnoses in effect on the note's date ("F32.1
	// Major depressive disorder, single episode, moderate (primary)"),
	// when the release includes diagnoses.
	Diagnoses []string `json:"diagnoses,omitempty"`
}

// ReleasedSection is a section of a released note, its text as released.
type ReleasedSection struct {
	Name  string `json:"name"`
	Text  string `json:"text"`  // redacted: the markers stand where the text was
	Parts []Part `json:"parts"` // Text cut into released runs and redactions, for display
}

// Part is a run of released text, or a redaction shown as a marked box.
type Part struct {
	Text string `json:"text"`
	Box  bool   `json:"box,omitempty"`
}

// Withheld is a note left out of a release, and why.
type Withheld struct {
	NoteID string     `json:"note_id"`
	Kind   notes.Kind `json:"kind"`
	Date   string     `json:"date"`
	Reason string     `json:"reason"`
}

// Redaction is one change a release makes to a note's text: Start and End
// are byte offsets into the section's original text.
type Redaction struct {
	NoteID      string            `json:"note_id"`
	Section     string            `json:"section"`
	Start       int               `json:"start"`
	End         int               `json:"end"`
	Category    disguise.Category `json:"category"`
	Original    string            `json:"original"`
	Replacement string            `json:"replacement"`
	Marked      bool              `json:"marked"` // marked by the clinician, not found by the detector
	Box         bool              `json:"box"`    // shown as a redaction box (a disguise is shown as text)
}

// Preview checks the basis and works out the release as it stands: notes
// included and withheld, and every redaction. Nothing is written or
// recorded.
func (r *Release) Preview() (*ReleasePreview, error) {
	if _, err := r.CheckBasis(); err != nil {
		return nil, err
	}
	included, withheld, err := r.selectNotes()
	if err != nil {
		return nil, err
	}
	p := &ReleasePreview{Request: r.req, Basis: r.basisText(), Scope: r.scope, Withheld: withheld,
		Part2: r.client.Part2, Disguised: r.mapping.Profile == disguise.Consultation, Subject: r.client.Name}
	p.Authorizations = r.auths
	if p.Practice, err = r.s.Profile(); err != nil {
		return nil, err
	}
	if !p.Disguised {
		p.DOB = r.client.DOB
	}
	if r.scope.Consents && !p.Disguised {
		if p.Consents, err = r.s.Consents(r.req.ClientID); err != nil {
			return nil, err
		}
	}
	disagreements, err := r.disagreements()
	if err != nil {
		return nil, err
	}
	cr, err := r.gatherClinical(included)
	if err != nil {
		return nil, err
	}
	r.mapping.Avoid(r.known()) // no pseudonym may be a real name in the record
	// The plans' and risk assessments' text is redacted with the notes, as
	// one text, so that every person keeps one pseudonym.
	all := slices.Concat(included, cr.plans, cr.risks)
	released, reds := r.redactNotes(all, disagreements)
	p.Notes, p.Redactions = released[:len(included)], reds
	for i := range cr.Plans {
		cr.Plans[i].Sections = released[len(included)+i].Sections
	}
	for i := range cr.RiskAssessments {
		cr.RiskAssessments[i].Sections = released[len(included)+len(cr.plans)+i].Sections
	}
	p.Clinical = cr.ReleasedClinical
	if p.Disguised {
		p.Clinical.disguise(r.mapping)
	}
	if r.scope.Diagnoses {
		for i := range included {
			if p.Notes[i].Diagnoses, err = r.s.noteDiagnoses(&included[i]); err != nil {
				return nil, err
			}
		}
	}
	if p.Disguised {
		p.Subject = r.mapping.Apply(r.client.Name, []disguise.Span{{Start: 0, End: len(r.client.Name), Category: disguise.Name, Subject: disguise.SubjectClient}}).Text
	}
	p.Notices = r.notices()
	return p, nil
}

// selectNotes splits the client's notes into those the scope includes,
// oldest first, and those withheld with the reason.
func (r *Release) selectNotes() ([]notes.Note, []Withheld, error) {
	ns := r.s.Notes()
	sums, err := ns.ListNotes(r.req.ClientID)
	if err != nil {
		return nil, nil, err
	}
	slices.Reverse(sums)
	sc := r.scope
	plan := ""
	if sc.TreatmentPlan {
		for _, s := range sums {
			if s.Kind == notes.TreatmentPlan && s.Signed && (sc.To == "" || s.Date <= sc.To) {
				plan = s.ID // the latest, since sums run oldest first
			}
		}
	}
	var included []notes.Note
	var withheld []Withheld
	for _, s := range sums {
		reason := ""
		switch {
		case s.Kind == notes.Psychotherapy && !sc.PsychotherapyNotes:
			reason = WithheldPsychotherapy
		case s.ID == plan:
		case !s.Signed:
			reason = WithheldDraft
		case (sc.From != "" && s.Date < sc.From) || (sc.To != "" && s.Date > sc.To):
			reason = WithheldDates
		case s.Kind != notes.Psychotherapy && !slices.Contains(sc.Kinds, s.Kind):
			reason = WithheldKind
		}
		if reason != "" {
			withheld = append(withheld, Withheld{NoteID: s.ID, Kind: s.Kind, Date: s.Date, Reason: reason})
			continue
		}
		n, err := ns.GetNote(s.ID)
		if err != nil {
			return nil, nil, err
		}
		if !sc.Addenda {
			for _, a := range n.Addenda {
				withheld = append(withheld, Withheld{NoteID: a.ID, Kind: a.Kind, Date: a.Date, Reason: WithheldAddenda})
			}
			n.Addenda = nil
		}
		included = append(included, *n)
	}
	return included, withheld, nil
}

// known is what the detector looks for. For a unit's shared record, the
// members who authorized it are not third parties: their names are kept.
func (r *Release) known() *disguise.Known {
	id := r.client.Identifiers()
	for _, u := range r.client.Units {
		if u.ID != r.req.UnitID {
			continue
		}
		for _, m := range u.Members {
			id.Members = slices.DeleteFunc(id.Members, func(n string) bool { return strings.EqualFold(n, m.Name) })
			if m.ClientID != r.client.ID {
				id.Names = append(id.Names, m.Name)
				id.Names = append(id.Names, strings.Fields(m.Name)...)
			}
		}
	}
	return id.Known()
}

// disagreements returns, by note id, the client's denied amendment
// requests that carry a statement of disagreement, each as a note whose
// sections are the request, the denial, the statement and the rebuttal.
func (r *Release) disagreements() (map[string][]notes.Note, error) {
	reqs, err := r.s.Requests(r.req.ClientID)
	if err != nil {
		return nil, err
	}
	out := map[string][]notes.Note{}
	for _, q := range reqs {
		if q.Kind != AmendmentRequest || q.Outcome != Denied || q.NoteID == "" || blank(q.Disagreement) {
			continue
		}
		n := notes.Note{ID: q.ID, Session: notes.Session{Date: q.Closed}}
		for _, sec := range []notes.Section{
			{Name: "Request for amendment, received " + q.Received, Text: q.What},
			{Name: "Denial, " + q.Closed, Text: q.DenialReason},
			{Name: "The client's statement of disagreement", Text: q.Disagreement},
			{Name: "The practice's rebuttal", Text: q.Rebuttal},
		} {
			if !blank(sec.Text) {
				n.Sections = append(n.Sections, sec)
			}
		}
		out[q.NoteID] = append(out[q.NoteID], n)
	}
	return out, nil
}

// redactNotes applies the release's profile and the clinician's edits to
// every section of every note, addendum and statement of disagreement.
func (r *Release) redactNotes(included []notes.Note, disagreements map[string][]notes.Note) ([]ReleasedNote, []Redaction) {
	type job struct {
		note, section string
		text          string
		spans         []disguise.Span
	}
	var jobs []*job
	var collect func(n *notes.Note)
	collect = func(n *notes.Note) {
		for _, sec := range n.Sections {
			jobs = append(jobs, &job{note: n.ID, section: sec.Name, text: sec.Text})
		}
		for i := range n.Addenda {
			collect(&n.Addenda[i])
		}
		for i := range disagreements[n.ID] {
			collect(&disagreements[n.ID][i])
		}
	}
	for i := range included {
		collect(&included[i])
	}
	// Detection is the costly part and the detector is safe for concurrent
	// use; the mapping is not, so it is applied in order afterwards.
	det := disguise.NewDetector(r.known())
	var wg sync.WaitGroup
	next := make(chan *job)
	for range 2 {
		wg.Go(func() {
			for j := range next {
				j.spans = det.Detect(j.text)
			}
		})
	}
	for _, j := range jobs {
		next <- j
	}
	close(next)
	wg.Wait()
	// Every name in the release is known before the first pseudonym is
	// drawn, so that none is drawn as, or like, a name met later.
	for _, j := range jobs {
		for _, sp := range j.spans {
			if sp.Category == disguise.Name {
				r.mapping.AvoidNames(j.text[sp.Start:sp.End])
			}
		}
	}
	var all []Redaction
	secs := map[*job]ReleasedSection{}
	for _, j := range jobs {
		reds := r.redact(j.note, j.section, j.text, j.spans)
		all = append(all, reds...)
		secs[j] = section(j.section, j.text, reds)
	}
	k := 0
	var build func(n *notes.Note) ReleasedNote
	build = func(n *notes.Note) ReleasedNote {
		rn := ReleasedNote{ID: n.ID, Kind: n.Kind, Session: n.Session, SignedAt: n.SignedAt, SignedBy: n.SignedBy, Hash: n.Hash}
		if r.mapping.Profile == disguise.Consultation {
			rn.Session.Date = shiftDay(n.Date, r.mapping.Shift())
			rn.SignedAt = rn.SignedAt.AddDate(0, 0, r.mapping.Shift())
			rn.Hash = "" // the hash of the original could confirm a guess of it
		}
		for range n.Sections {
			rn.Sections = append(rn.Sections, secs[jobs[k]])
			k++
		}
		for i := range n.Addenda {
			rn.Addenda = append(rn.Addenda, build(&n.Addenda[i]))
		}
		for i := range disagreements[n.ID] {
			rn.Disagreements = append(rn.Disagreements, build(&disagreements[n.ID][i]))
		}
		return rn
	}
	out := make([]ReleasedNote, 0, len(included))
	for i := range included {
		out = append(out, build(&included[i]))
	}
	if all == nil {
		all = []Redaction{}
	}
	return out, all
}

// redact turns detected spans, the clinician's Keep and Add, and the
// profile into the redactions of one section text.
func (r *Release) redact(noteID, sec, text string, spans []disguise.Span) []Redaction {
	keep := map[string]bool{}
	for _, k := range r.edits.Keep {
		keep[strings.ToLower(strings.TrimSpace(k))] = true
	}
	spans = slices.DeleteFunc(spans, func(s disguise.Span) bool { return keep[strings.ToLower(strings.TrimSpace(s.Text))] })
	res := r.mapping.Apply(text, spans)
	box := r.mapping.Profile != disguise.Consultation
	var reds []Redaction
	for _, c := range res.Changes {
		reds = append(reds, Redaction{NoteID: noteID, Section: sec, Start: c.Start, End: c.End, Category: c.Category,
			Original: c.Original, Replacement: c.Replacement, Box: box})
	}
	for _, m := range r.edits.Add {
		for _, at := range occurrences(text, strings.TrimSpace(m.Text)) {
			cat := m.Category
			if cat == "" {
				cat = disguise.Other
			}
			reds = append(reds, Redaction{NoteID: noteID, Section: sec, Start: at, End: at + len(strings.TrimSpace(m.Text)),
				Category: cat, Replacement: MarkClinician, Marked: true, Box: true})
		}
	}
	return mergeRedactions(text, reds)
}

// occurrences returns the byte offsets of needle in text, ignoring case
// where folding keeps the byte lengths (else matching exactly).
func occurrences(text, needle string) []int {
	if needle == "" {
		return nil
	}
	hay, pin := strings.ToLower(text), strings.ToLower(needle)
	if len(hay) != len(text) || len(pin) != len(needle) {
		hay, pin = text, needle
	}
	var out []int
	for i := 0; ; {
		j := strings.Index(hay[i:], pin)
		if j < 0 {
			return out
		}
		out = append(out, i+j)
		i += j + len(pin)
	}
}

// mergeRedactions sorts redactions and joins overlapping ones; a marked
// redaction wins over what it overlaps, since the clinician saw more.
func mergeRedactions(text string, reds []Redaction) []Redaction {
	slices.SortStableFunc(reds, func(a, b Redaction) int { return a.Start - b.Start })
	var out []Redaction
	for _, d := range reds {
		if n := len(out); n > 0 && d.Start < out[n-1].End {
			last := &out[n-1]
			last.End = max(last.End, d.End)
			if d.Marked && !last.Marked {
				last.Marked, last.Category, last.Replacement, last.Box = true, d.Category, d.Replacement, true
			}
			last.Original = text[last.Start:last.End]
			continue
		}
		d.Original = text[d.Start:d.End]
		out = append(out, d)
	}
	return out
}

// section cuts a text into released runs and redaction boxes.
func section(name, text string, reds []Redaction) ReleasedSection {
	sec := ReleasedSection{Name: name}
	var b strings.Builder
	pos := 0
	for _, d := range reds {
		if d.Start > pos {
			sec.Parts = append(sec.Parts, Part{Text: text[pos:d.Start]})
		}
		sec.Parts = append(sec.Parts, Part{Text: d.Replacement, Box: d.Box})
		pos = d.End
	}
	if pos < len(text) {
		sec.Parts = append(sec.Parts, Part{Text: text[pos:]})
	}
	for _, p := range sec.Parts {
		b.WriteString(p.Text)
	}
	sec.Text = b.String()
	return sec
}

func shiftDay(d string, days int) string {
	t, err := time.Parse(DateLayout, d)
	if err != nil {
		return ""
	}
	return Day(t.AddDate(0, 0, days))
}
