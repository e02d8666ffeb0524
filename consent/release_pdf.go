package consent

import (
	"fmt"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/confidenotes/confide/clinical"
	"github.com/confidenotes/confide/notes"
	"github.com/confidenotes/confide/notes/disguise"
	"github.com/confidenotes/confide/practice"
)

// The notices a release carries.
const (
	// NoticeRedisclosure goes on every release.
	NoticeRedisclosure = "This information has been disclosed to you from confidential health records. " +
		"It is released only for the purpose stated above. Do not disclose it further unless the client authorizes it in writing " +
		"or the law requires or permits it; information disclosed again may no longer be protected by federal privacy rules."
	// NoticePart2 is the notice of 42 CFR 2.32 that goes with a substance-use
	// disorder treatment record.
	NoticePart2 = "42 CFR part 2 prohibits unauthorized use or disclosure of these records. " +
		"This record which has been disclosed to you is protected by Federal confidentiality rules (42 CFR part 2). " +
		"These rules prohibit you from using or disclosing this record, or testimony that describes the information contained in this record, " +
		"in any civil, criminal, administrative, or legislative proceedings by any Federal, State, or local authority, against the patient, " +
		"unless authorized by the consent of the patient, except as provided at 42 CFR 2.12(c)(5) or as authorized by a court in accordance " +
		"with 42 CFR 2.64 or 2.65. In addition, the Federal rules prohibit you from making any other use or disclosure of this record unless " +
		"at least one of the following applies: further use or disclosure is expressly permitted by the written consent of the individual " +
		"whose information is being disclosed in this record or as otherwise permitted by 42 CFR part 2; you are a covered entity or business " +
		"associate and have received the record for treatment, payment, or health care operations; or you have received the record from a " +
		"covered entity or business associate as permitted by 45 CFR part 164, subparts A and E. A general authorization for the release of " +
		"medical or other information is NOT sufficient to meet the required elements of written consent to further use or redisclose the " +
		"record (see 42 CFR 2.31)."
	// NoticeDisguised goes on a supervision packet.
	NoticeDisguised = "Prepared for consultation: names are pseudonyms, dates are shifted, and ages, places and contact details are generalised or removed."
)

func (r *Release) notices() []string {
	n := []string{NoticeRedisclosure}
	if r.client.Part2 {
		n = append(n, NoticePart2)
	}
	if r.mapping.Profile == disguise.Consultation {
		n = append(n, NoticeDisguised)
	}
	return n
}

// document prints the release: the cover sheet, then each note.
func (p *ReleasePreview) document(today string) (*Doc, error) {
	doc := NewDocWith("Records release", p.Subject, DocOptionsFor(p.Practice))
	doc.Title("Records release")
	req := p.Request
	rows := [][2]string{{"Client", p.Subject}}
	if p.DOB != "" {
		rows = append(rows, [2]string{"Date of birth", p.DOB})
	}
	rows = append(rows, [][2]string{
		{"Released on", today},
		{"Request", string(req.Type)},
		{"Recipient", req.Recipient},
		{"Recipient's address", orUnknown(req.RecipientAddress)},
		{"Purpose", req.Purpose},
		{"Basis", p.Basis},
		{"Released by", req.MadeBy},
	}...)
	for _, a := range p.Authorizations {
		kind := "Authorization " + a.ID
		if a.PsychotherapyNotes {
			kind += " (psychotherapy notes)"
		}
		rows = append(rows, [2]string{kind, fmt.Sprintf("signed %s, %s; covers: %s", a.Signed, expiryOf(a), a.Info)})
	}
	doc.Fields(rows)
	doc.Heading("What is included")
	doc.Bullet(p.includedSummary())
	if c := p.Clinical.summary(); c != "" {
		doc.Bullet("From the clinical record: " + c + ".")
	}
	if p.Scope.Consents && len(p.Consents) > 0 {
		doc.Bullet(countOf(len(p.Consents), "consent record", "consent records"))
	}
	if n := countBoxes(p.Redactions); n > 0 {
		what := countOf(n, "passage is", "passages are")
		doc.Bullet(fmt.Sprintf("%s redacted, each shown as a marked box with the reason, such as %s.", what, "[redacted: third party]"))
	}
	doc.Heading("What was withheld, and why")
	for _, w := range p.withheldSummary() {
		doc.Bullet(w)
	}
	doc.Heading("Notice to the recipient")
	for _, n := range p.Notices {
		doc.Paragraph(n)
	}
	if len(p.Consents) > 0 {
		doc.Heading("Consents on file")
		for _, c := range p.Consents {
			who := "the client"
			if c.SignedBy != "" {
				who = "a personal representative"
				if c.Authority != "" {
					who += " (" + c.Authority + ")"
				}
			}
			doc.Bullet(fmt.Sprintf("%s, signed %s by %s%s", c.Type, c.Signed, who, versionOf(c.Version)))
		}
	}
	first := true
	part := func() {
		if first {
			doc.pdf.AddPage() // the cover sheet stands alone
			first = false
			return
		}
		doc.Rule()
		doc.Rule()
	}
	if p.Clinical.summary() != "" {
		part()
		if err := doc.clinicalRecord(p.Clinical, p.Practice); err != nil {
			return nil, err
		}
	}
	for _, n := range p.Notes {
		part()
		doc.releasedNote(n, p.Practice, p.Disguised, false)
	}
	return doc, nil
}

func expiryOf(a Authorization) string {
	if a.Expires != "" {
		return "expires " + a.Expires
	}
	return "ends on " + a.ExpiryEvent
}

func versionOf(v string) string {
	if v == "" {
		return ""
	}
	return ", version " + v
}

// includedSummary says what notes the release holds, without their text.
func (p *ReleasePreview) includedSummary() string {
	addenda := 0
	for _, n := range p.Notes {
		addenda += len(n.Addenda)
	}
	what := countOf(len(p.Notes), "note", "notes")
	if len(p.Notes) > 0 {
		what += fmt.Sprintf(" dated %s to %s", p.Notes[0].Session.Date, p.Notes[len(p.Notes)-1].Session.Date)
	}
	if addenda > 0 {
		what += ", with " + countOf(addenda, "addendum", "addenda")
	}
	var kinds []string
	for _, k := range p.Scope.Kinds {
		kinds = append(kinds, string(k))
	}
	if p.Scope.PsychotherapyNotes {
		kinds = append(kinds, "psychotherapy")
	}
	if len(kinds) == 0 {
		kinds = append(kinds, "none")
	}
	what += "; kinds: " + strings.Join(kinds, ", ")
	if p.Scope.TreatmentPlan {
		what += "; the current treatment plan"
	}
	if p.Scope.From != "" || p.Scope.To != "" {
		what += fmt.Sprintf("; sessions from %s to %s", orOpen(p.Scope.From, "the start"), orOpen(p.Scope.To, "today"))
	}
	return what
}

func orOpen(s, open string) string {
	if s == "" {
		return open
	}
	return s
}

// withheldSummary gives counts by reason. Psychotherapy notes get a
// statement, not a count: whether they exist is itself not for release.
func (p *ReleasePreview) withheldSummary() []string {
	counts := map[string]int{}
	for _, w := range p.Withheld {
		counts[w.Reason]++
	}
	var out []string
	for _, reason := range []string{WithheldDates, WithheldKind, WithheldDraft, WithheldAddenda} {
		if n := counts[reason]; n > 0 {
			out = append(out, fmt.Sprintf("%d: %s", n, reason))
		}
	}
	if !p.Scope.PsychotherapyNotes {
		out = append(out, "Psychotherapy notes, if any, are not part of this release (45 CFR 164.501, 164.508(a)(2)).")
	}
	if !p.Scope.Consents {
		out = append(out, "Consent records are not part of this release.")
	}
	if p.Disguised {
		return append(out, "Names, dates, ages, places and contact details are disguised.")
	}
	return append(out, "Information about other people (third parties) is redacted.")
}

func countBoxes(reds []Redaction) int {
	n := 0
	for _, r := range reds {
		if r.Box {
			n++
		}
	}
	return n
}

// countOf says "1 note", "3 notes": n with the singular or plural.
func countOf(n int, one, many string) string {
	if n == 1 {
		return "1 " + one
	}
	return fmt.Sprintf("%d %s", n, many)
}

// releasedNote prints one note, or addendum, with its signature.
func (d *Doc) releasedNote(n ReleasedNote, prof practice.Profile, disguised, addendum bool) {
	title := fmt.Sprintf("%s note, %s", kindName(n.Kind), n.Session.Date)
	if addendum {
		title = fmt.Sprintf("Addendum, %s", n.SignedAt.In(prof.Location()).Format(DateLayout))
	}
	d.Heading(title)
	var rows [][2]string
	if !addendum {
		rows = append(rows, [2]string{"Kind", string(n.Kind)}, [2]string{"Session date", n.Session.Date})
		if n.Session.Start != "" && !disguised {
			if end := clinical.SessionEnd(n.Session); end != "" {
				rows = append(rows, [2]string{"Time", n.Session.Start + " to " + end})
			} else {
				rows = append(rows, [2]string{"Start", n.Session.Start})
			}
		}
		if n.Session.DurationMin > 0 {
			rows = append(rows, [2]string{"Duration", fmt.Sprintf("%d minutes", n.Session.DurationMin)})
		}
		if n.Session.ServiceCode != "" {
			rows = append(rows, [2]string{"Service code", n.Session.ServiceCode})
		}
		if len(n.Diagnoses) > 0 {
			rows = append(rows, [2]string{"Diagnoses", strings.Join(n.Diagnoses, "; ")})
		}
	}
	if len(rows) > 0 {
		d.Fields(rows)
	}
	d.sections(n.Sections)
	d.Signature(prof.SignatureLine(n.SignedBy, n.SignedAt), n.Hash)
	for _, a := range n.Addenda {
		d.Rule()
		d.releasedNote(a, prof, disguised, true)
	}
	for _, s := range n.Disagreements {
		d.Rule()
		d.Heading("Amendment denied " + s.Session.Date + ": the client's statement of disagreement")
		d.sections(s.Sections)
	}
}

// sections prints a note's sections, each under its name when there are
// several or it has one.
func (d *Doc) sections(secs []ReleasedSection) {
	for _, s := range secs {
		if strings.TrimSpace(s.Text) == "" {
			continue
		}
		if len(secs) > 1 || s.Name != "" {
			d.pdf.SetFont(docFont, "B", 10)
			d.needs(3 * lineHeight)
			d.pdf.CellFormat(d.width, lineHeight, s.Name, "", 1, "L", false, 0, "")
		}
		d.flow(s.Parts)
	}
}

func kindName(k notes.Kind) string {
	s := strings.ReplaceAll(string(k), "-", " ")
	if s == "" {
		return "Note"
	}
	r := []rune(s)
	r[0] = unicode.ToUpper(r[0])
	return string(r)
}

// flow writes runs of text wrapped to the page width, each redaction as a
// grey box holding its marker. Only the runs reach the PDF writer: the
// redacted text never does.
func (d *Doc) flow(parts []Part) {
	p := d.pdf
	p.SetFont(docFont, "", 10)
	left := p.GetX() + p.GetCellMargin() // in line with the cells around it
	right := p.GetX() + d.width - p.GetCellMargin()
	space := p.GetStringWidth(" ")
	var line strings.Builder
	lineX := left
	x := left
	newLine := func() {
		d.flushRun(&line, lineX)
		p.Ln(lineHeight)
		d.needs(lineHeight)
		x, lineX = left, left
	}
	for _, pt := range parts {
		if pt.Box {
			w := p.GetStringWidth(pt.Text) + 2
			if x+w > right && x > left {
				newLine()
			}
			d.flushRun(&line, lineX)
			p.SetXY(x, p.GetY())
			p.SetFillColor(225, 225, 225)
			p.CellFormat(w, lineHeight, pt.Text, "1", 0, "C", true, 0, "")
			x += w
			lineX = x
			continue
		}
		text := strings.NewReplacer("\t", "    ", "\r", "").Replace(pt.Text)
		for i, para := range strings.Split(text, "\n") {
			if i > 0 {
				newLine()
			}
			for j, word := range strings.Split(para, " ") {
				if j > 0 {
					if x+space > right {
						newLine()
						continue
					}
					line.WriteByte(' ')
					x += space
				}
				if word == "" {
					continue
				}
				w := p.GetStringWidth(word)
				if x+w > right && x > left {
					newLine()
				}
				for w > right-left { // a word wider than the page: break it
					head := fitting(p.GetStringWidth, word, right-left)
					line.WriteString(head)
					newLine()
					word = word[len(head):]
					w = p.GetStringWidth(word)
				}
				line.WriteString(word)
				x += w
			}
		}
	}
	d.flushRun(&line, lineX)
	p.Ln(lineHeight + 2)
}

// fitting returns the longest prefix of word (at least one rune) that is
// no wider than width.
func fitting(measure func(string) float64, word string, width float64) string {
	end := 0
	for i, r := range word {
		next := i + utf8.RuneLen(r)
		if end > 0 && measure(word[:next]) > width {
			break
		}
		end = next
	}
	return word[:end]
}

// flushRun writes the text gathered for the current line from x.
func (d *Doc) flushRun(line *strings.Builder, x float64) {
	if line.Len() == 0 {
		return
	}
	p := d.pdf
	_, size := p.GetFontSize()
	p.Text(x, p.GetY()+0.5*lineHeight+0.3*size, line.String())
	line.Reset()
}
