package main

// The records release: confidectl release, and the 42 CFR Part 2 flag that
// adds its notice.

import (
	"errors"
	"flag"
	"fmt"
	"io"
	"strings"

	"github.com/confidenotes/confide/clinical"
	"github.com/confidenotes/confide/consent"
	"github.com/confidenotes/confide/notes"
)

func init() {
	register(&command{name: "release", summary: "release records as a redacted PDF and record the disclosure (refuses what the basis does not allow)",
		flags: func(fs *flag.FlagSet) {
			fs.String("client", "", "the client `ID`")
			fs.String("request", "", "client, authorization, subpoena, court-order, insurer, supervision, mandated-report")
			fs.String("recipient", "", "the recipient's `NAME`")
			fs.String("recipient-address", "", "the recipient's address")
			fs.String("purpose", "", "the purpose of the release")
			fs.Var(&list{}, "auth", "an authorization `ID` the release is made under (repeatable; default: search those on file)")
			fs.String("basis", "", "the legal basis as recorded (default: the request type's)")
			fs.String("unit", "", "release the shared record of this couple, family or group `ID` (every member must authorize)")
			fs.String("court", "", "subpoena or court order: the court")
			fs.String("case", "", "subpoena or court order: the case number")
			fs.String("deadline", "", "subpoena or court order: the date to comply by, `YYYY-MM-DD`")
			fs.String("request-id", "", "the access request `ID` this release fulfils (closed as granted today)")
			fs.String("from", "", "sessions on or after `YYYY-MM-DD`")
			fs.String("to", "", "sessions on or before `YYYY-MM-DD`")
			fs.String("kinds", "", "only these note kinds, comma-separated (default: the request type's minimum necessary, with the current treatment plan)")
			fs.Bool("include-psychotherapy-notes", false, "include psychotherapy notes (a psychotherapy-notes authorization, or a court order naming them)")
			fs.Bool("no-addenda", false, "leave out the notes' addenda")
			fs.Bool("consents", false, "include the consents on file")
			fs.Bool("no-treatment-plan", false, "leave out the current treatment plan unless it is in the dates and kinds")
			fs.String("diagnoses", "", "include the diagnoses in effect in the dates: `yes` or no (default: the request type's)")
			fs.String("sessions", "", "include the sessions' dates, times and service codes: `yes` or no (default: the request type's)")
			fs.String("measures", "", "include the outcome measures and risk assessments of the dates: `yes` or no (default: the request type's)")
			fs.String("plan", "", "include the treatment plan versions in effect: `none`, summary or full (default: the request type's)")
			fs.Var(&list{}, "redact", "also redact this `TEXT` wherever it occurs (repeatable)")
			fs.Var(&list{}, "keep", "leave this detected `TEXT` unredacted (repeatable)")
			fs.String("by", "", "who makes the release (default: the profile's clinician, else the treating clinician)")
			fs.Bool("preview", false, "print what would be released and every redaction; write and record nothing")
			fs.String("out", "", "write the PDF to `FILE.pdf`")
			fs.String("encrypt-to", "", "also write FILE.pdf.age, encrypted to this `AGE_RECIPIENT` (age1...)")
			fs.String("encrypt-passphrase-file", "", "also write FILE.pdf.age, encrypted with the passphrase in `F`")
			fs.String("encrypted-out", "", "where to write the encrypted copy (default FILE.pdf.age)")
		}, run: cmdRelease})
	register(&command{name: "client part2", args: "ID", summary: "flag a client's record as a 42 CFR Part 2 substance-use treatment record (--off to clear)",
		flags: func(fs *flag.FlagSet) { fs.Bool("off", false, "clear the flag") }, run: cmdClientPart2})
}

func cmdRelease(e *env, args []string) error {
	if len(args) != 0 {
		return usagef("release takes no arguments; give the details as flags")
	}
	req, err := e.releaseRequest()
	if err != nil {
		return err
	}
	preview := e.flag("preview") == "true"
	out := e.flag("out")
	if out == "" && !preview {
		return usagef("--out FILE.pdf is required (or --preview to see the release without writing it)")
	}
	var opts consent.ReleaseOptions
	opts.EncryptTo, opts.EncryptedOut = e.flag("encrypt-to"), e.flag("encrypted-out")
	if p := e.flag("encrypt-passphrase-file"); p != "" {
		if opts.EncryptTo != "" {
			return usagef("give --encrypt-to or --encrypt-passphrase-file, not both")
		}
		if opts.Passphrase, err = readSecretFile(p); err != nil {
			return err
		}
		if opts.Passphrase == "" {
			return usagef("the passphrase file %s is empty", p)
		}
	}
	if opts.EncryptTo != "" && !strings.HasPrefix(opts.EncryptTo, "age1") {
		return usagef("--encrypt-to takes an age public key (age1...)")
	}
	edits := notes.Edits{Keep: e.listFlag("keep")}
	for _, t := range e.listFlag("redact") {
		if strings.TrimSpace(t) == "" {
			return usagef("--redact needs a text")
		}
		edits.Add = append(edits.Add, notes.Mark{Text: t})
	}
	return e.withConsent(func(s *consent.Store) error {
		r, err := s.NewRelease(req)
		if err != nil {
			return err
		}
		if err := e.releaseScope(r); err != nil {
			return err
		}
		if err := r.SetEdits(edits); err != nil {
			return err
		}
		if preview {
			p, err := r.Preview()
			if err != nil {
				return err
			}
			return e.output(p, func(w io.Writer) { printPreview(w, p) })
		}
		m, err := r.Release(out, opts)
		if errors.Is(err, consent.ErrNotAuthorized) {
			return fmt.Errorf("%w; nothing was written. 'confidectl auth list --client %s' shows the authorizations on file and their status", err, req.ClientID)
		}
		if err != nil && m != nil && m.DisclosureID != "" {
			// Recorded, its file left for the next unlock to put in place:
			// done, and a retry would release it twice.
			e.warnings = append(e.warnings, err)
			err = nil
		}
		if err != nil {
			return err
		}
		return e.output(m, func(w io.Writer) { printManifest(w, m) })
	})
}

// releaseRequest reads who asks and why from the flags.
func (e *env) releaseRequest() (consent.ReleaseRequest, error) {
	var req consent.ReleaseRequest
	for _, name := range []string{"client", "request", "recipient", "purpose"} {
		if _, err := e.need(name); err != nil {
			return req, err
		}
	}
	typ, err := consent.ParseRequestType(e.flag("request"))
	if err != nil {
		return req, usagef("--request must be one of client, authorization, subpoena, court-order, insurer, supervision, mandated-report")
	}
	req = consent.ReleaseRequest{ClientID: e.flag("client"), UnitID: e.flag("unit"), Type: typ, Recipient: e.flag("recipient"),
		RecipientAddress: e.flag("recipient-address"), Purpose: e.flag("purpose"), Authorizations: e.listFlag("auth"),
		Basis: e.flag("basis"), Court: e.flag("court"), Case: e.flag("case"), AccessRequest: e.flag("request-id"), MadeBy: e.flag("by")}
	if req.Deadline, err = e.dateFlag("deadline"); err != nil {
		return req, err
	}
	if (typ == consent.Subpoena || typ == consent.CourtOrder) && (strings.TrimSpace(req.Court) == "" || strings.TrimSpace(req.Case) == "") {
		return req, usagef("a %s release needs --court and --case", typ)
	}
	return req, nil
}

// releaseScope applies the scope flags over the request type's defaults.
func (e *env) releaseScope(r *consent.Release) error {
	sc := r.Scope()
	var err error
	if f, err := e.dateFlag("from"); err != nil {
		return err
	} else if f != "" {
		sc.From = f
	}
	if sc.To, err = e.dateFlag("to"); err != nil {
		return err
	}
	sc.PsychotherapyNotes = e.flag("include-psychotherapy-notes") == "true"
	if k := e.flag("kinds"); k != "" {
		// Kinds given are all the notes wanted: the treatment plan comes
		// only as one of them, and the clinical record only as its flags
		// ask.
		sc.Kinds, sc.TreatmentPlan = nil, false
		sc.Diagnoses, sc.Sessions, sc.Measures, sc.Plans = false, false, false, ""
	}
	if k := e.flag("kinds"); k != "" && k != "none" {
		for _, name := range strings.Split(k, ",") {
			kind, err := notes.ParseKind(strings.TrimSpace(name))
			if err != nil {
				return usagef("--kinds: %q is not a note kind (intake, progress, treatment-plan, contact, termination, psychotherapy, other)", name)
			}
			if kind == notes.Psychotherapy {
				if !sc.PsychotherapyNotes {
					return usagef("psychotherapy notes are released only with --include-psychotherapy-notes")
				}
				continue
			}
			sc.Kinds = append(sc.Kinds, kind)
		}
	}
	sc.Addenda = sc.Addenda && e.flag("no-addenda") != "true"
	sc.Consents = sc.Consents || e.flag("consents") == "true"
	sc.TreatmentPlan = sc.TreatmentPlan && e.flag("no-treatment-plan") != "true"
	for _, part := range []struct {
		flag string
		to   *bool
	}{{"diagnoses", &sc.Diagnoses}, {"sessions", &sc.Sessions}, {"measures", &sc.Measures}} {
		switch e.flag(part.flag) {
		case "":
		case "yes":
			*part.to = true
		case "no":
			*part.to = false
		default:
			return usagef("--%s takes yes or no", part.flag)
		}
	}
	if p := e.flag("plan"); p != "" {
		d, err := clinical.ParsePlanDetail(p)
		if err != nil {
			return usagef("--plan takes none, summary or full")
		}
		sc.Plans = d
	}
	return r.SetScope(sc)
}

func printManifest(w io.Writer, m *consent.Manifest) {
	acc := "exempt from the accounting"
	if m.Request.Accountable() {
		acc = "accountable"
	}
	fmt.Fprintf(w, "released %s (%s, %s, %d withheld) as %s\n", count(len(m.Notes), "note"), count(len(m.Addenda), "addendum"),
		count(m.Redactions, "redaction"), m.Withheld, m.ReleaseID)
	if c := manifestClinical(m); c != "" {
		fmt.Fprintf(w, "from the clinical record: %s\n", c)
	}
	fmt.Fprintf(w, "recorded as disclosure %s (%s)\n", m.DisclosureID, acc)
	fmt.Fprintf(w, "%s  %d pages  sha256 %s\n", m.PDF.Path, m.PDF.Pages, m.PDF.SHA256)
	if m.Encrypted != nil {
		fmt.Fprintf(w, "%s  encrypted to %s  sha256 %s\n", m.Encrypted.Path, m.Encrypted.EncryptedTo, m.Encrypted.SHA256)
	}
	fmt.Fprintf(w, "manifest sha256 %s\n", m.Hash)
}

// manifestClinical says what of the clinical record a manifest holds, ""
// for nothing.
func manifestClinical(m *consent.Manifest) string {
	var parts []string
	for _, p := range []struct {
		n    int
		noun string
	}{{len(m.Diagnoses), "diagnosis"}, {m.Sessions, "session"}, {len(m.Measures), "measure"},
		{len(m.RiskAssessments), "risk assessment"}, {len(m.Plans), "plan version"}} {
		if p.n > 0 {
			parts = append(parts, count(p.n, p.noun))
		}
	}
	return strings.Join(parts, ", ")
}

// count says "1 note", "2 notes", "3 addenda", "2 diagnoses".
func count(n int, noun string) string {
	switch {
	case n == 1:
		return "1 " + noun
	case noun == "addendum":
		return fmt.Sprintf("%d addenda", n)
	case noun == "diagnosis":
		return fmt.Sprintf("%d diagnoses", n)
	}
	return fmt.Sprintf("%d %ss", n, noun)
}

func printPreview(w io.Writer, p *consent.ReleasePreview) {
	fmt.Fprintf(w, "preview: nothing was written or recorded\nbasis: %s\n", p.Basis)
	fmt.Fprintf(w, "\nincluded (%s):\n", count(len(p.Notes), "note"))
	for _, n := range p.Notes {
		fmt.Fprintf(w, "  %s  %s  %-14s %d addenda\n", n.ID, n.Session.Date, n.Kind, len(n.Addenda))
	}
	if c := p.Clinical; len(c.Diagnoses)+len(c.Sessions)+len(c.Measures)+len(c.RiskAssessments)+len(c.Plans) > 0 {
		fmt.Fprintf(w, "\nfrom the clinical record: %s, %s, %s, %s, %s\n", count(len(c.Diagnoses), "diagnosis"), count(len(c.Sessions), "session"),
			count(len(c.Measures), "measure"), count(len(c.RiskAssessments), "risk assessment"), count(len(c.Plans), "plan version"))
	}
	fmt.Fprintf(w, "\nwithheld (%d):\n", len(p.Withheld))
	for _, h := range p.Withheld {
		fmt.Fprintf(w, "  %s  %s  %-14s %s\n", h.NoteID, h.Date, h.Kind, h.Reason)
	}
	fmt.Fprintf(w, "\nredactions (%d):\n", len(p.Redactions))
	for _, d := range p.Redactions {
		how := "detected"
		if d.Marked {
			how = "marked"
		}
		fmt.Fprintf(w, "  %s  %-8s %-8s %q -> %s\n", d.NoteID, d.Category, how, d.Original, d.Replacement)
	}
	if p.Part2 {
		fmt.Fprintln(w, "\nthe record is a 42 CFR Part 2 record: the release carries the Part 2 notice")
	}
}

func cmdClientPart2(e *env, args []string) error {
	id, err := oneID(args, "client part2")
	if err != nil {
		return err
	}
	on := e.flag("off") != "true"
	return e.withNotes(func(s *notes.Store) error {
		if err := s.SetPart2(id, on); err != nil {
			return err
		}
		return e.output(map[string]any{"client_id": id, "part2": on}, func(w io.Writer) {
			if on {
				fmt.Fprintf(w, "%s is a 42 CFR Part 2 record: releases carry the Part 2 notice\n", id)
			} else {
				fmt.Fprintf(w, "%s is not a 42 CFR Part 2 record\n", id)
			}
		})
	})
}
