package consent

import (
	"bytes"
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"strings"

	"github.com/confidenotes/confide/clinical"
	"github.com/confidenotes/confide/notes"
	"github.com/confidenotes/confide/practice"
)

// SuperbillPurpose is the purpose the accounting records for a superbill.
const SuperbillPurpose = "superbill, for the client to claim reimbursement from their insurer"

// Superbill writes the superbill of a client's services from..to (one
// day for a session's, a month for a monthly one; clinical.Store.Superbill
// says what it holds and when it is refused) as a PDF at out, on the
// practice's paper with its letterhead: the provider (name, credentials,
// NPI, licence), the practice and its address, the client, the diagnoses
// lettered for the services to point to, each service with its date,
// time, code and fee, and the total. The file is written as an export is
// (readable by the user only, crash-safe, in place only once recorded)
// and recorded in the client's accounting of disclosures as a disclosure
// for payment (exempt) to the client, with its manifest. An error after
// the superbill was recorded comes with the manifest. It returns the
// superbill as well: its services, diagnoses and total.
func (s *Store) Superbill(clientID, from, to, out string) (*Manifest, *clinical.Superbill, error) {
	if blank(out) {
		return nil, nil, fmt.Errorf("%w: a superbill needs a PDF file to write", ErrInvalid)
	}
	sb, err := s.clinical.Superbill(clientID, from, to)
	if err != nil {
		return nil, nil, err
	}
	m, err := s.writeSuperbill(sb, out)
	return m, sb, err
}

func (s *Store) writeSuperbill(sb *clinical.Superbill, out string) (*Manifest, error) {
	clientID, from, to := sb.ClientID, sb.From, sb.To
	c, prof, by, err := s.paperFor(clientID)
	if err != nil {
		return nil, err
	}
	today := Day(s.now())
	doc := superbillDoc(sb, c, prof, today, by)
	var b bytes.Buffer
	if _, err := doc.WriteTo(&b); err != nil {
		return nil, err
	}
	sum := sha256.Sum256(b.Bytes())
	m := &Manifest{Version: 1, ReleaseID: newID("sb-"), ClientID: clientID, Date: today, Request: Payment,
		Recipient: c.Name, Basis: Payment.Basis(), Notes: []string{},
		Scope: ReleaseScope{From: from, To: to, Diagnoses: true, Sessions: true},
		PDF:   ReleasedFile{Path: out, Bytes: int64(b.Len()), SHA256: hex.EncodeToString(sum[:]), Pages: doc.Pages()}}
	for _, l := range sb.Lines {
		m.Notes = append(m.Notes, l.NoteID)
	}
	for _, d := range sb.Diagnoses {
		m.Diagnoses = append(m.Diagnoses, d.ID)
	}
	m.Sessions = len(sb.Lines)
	m.Hash = ManifestHash(m)
	d := Disclosure{ClientID: clientID, Date: today, Recipient: c.Name + " (the client)", Purpose: SuperbillPurpose,
		Description: fmt.Sprintf("superbill %s: %s from %s to %s, total %s; manifest SHA-256 %s", m.ReleaseID,
			countOf(len(sb.Lines), "service", "services"), from, to, money(sb.TotalCents), m.Hash),
		Request: Payment, Basis: m.Basis, MadeBy: by}
	if err := checkDisclosure(&d); err != nil {
		return nil, err
	}
	return s.writeAccounted(m, "superbill", []string{out}, [][]byte{b.Bytes()}, func() error { return s.recordExport(m, d) })
}

// money writes cents as dollars: "$1,530.00".
func money(cents int64) string {
	s := clinical.FormatCents(cents)
	whole, frac, _ := strings.Cut(s, ".")
	neg := strings.HasPrefix(whole, "-")
	whole = strings.TrimPrefix(whole, "-")
	var b strings.Builder
	for i, r := range whole {
		if i > 0 && (len(whole)-i)%3 == 0 {
			b.WriteByte(',')
		}
		b.WriteRune(r)
	}
	sign := ""
	if neg {
		sign = "-"
	}
	return sign + "$" + b.String() + "." + frac
}

// superbillDoc lays a superbill out: who provided the services, to whom,
// the diagnoses, the services and the total.
func superbillDoc(sb *clinical.Superbill, c *notes.Client, prof practice.Profile, today, by string) *Doc {
	doc := NewDocWith("Superbill", c.Name, DocOptionsFor(prof))
	doc.Title("Superbill")
	period := sb.From + " to " + sb.To
	if sb.From == sb.To {
		period = sb.From
	}
	doc.Paragraph(fmt.Sprintf("Statement of services for %s. The client may submit it to their insurer to claim reimbursement; the practice does not bill the insurer.", period))
	doc.Heading("Provider")
	licence := prof.License
	if prof.LicenseState != "" {
		licence += " (" + prof.LicenseState + ")"
	}
	doc.Fields([][2]string{
		{"Rendering provider", prof.SignatureName()},
		{"NPI", prof.NPI},
		{"Licence", strings.TrimSpace(licence)},
		{"Practice", prof.Practice},
		{"Address", prof.Address},
		{"Phone", prof.Phone},
	})
	doc.Heading("Client")
	rows := [][2]string{{"Name", c.Name}, {"Date of birth", c.DOB}}
	if len(c.Addresses) > 0 {
		rows = append(rows, [2]string{"Address", c.Addresses[0]})
	}
	doc.Fields(rows)
	doc.Heading("Diagnoses (ICD-10-CM)")
	var dx [][]string
	for i, d := range sb.Diagnoses {
		rank := ""
		if d.Primary {
			rank = "primary"
		}
		dx = append(dx, []string{clinical.Letter(i), d.Code, d.Description, rank})
	}
	doc.Table([]string{"", "Code", "Diagnosis", ""}, []float64{0.06, 0.12, 0.66, 0.16}, dx)
	doc.Heading("Services")
	var lines [][]string
	for _, l := range sb.Lines {
		when, mins, svc := serviceCells(l.Start, l.End, l.Minutes, l.Code)
		lines = append(lines, []string{l.Date, when, mins, svc, strings.Join(l.Pointers, ","), money(l.Cents)})
	}
	lines = append(lines, []string{"", "", "", "Total", "", money(sb.TotalCents)})
	doc.Table([]string{"Date", "Time", "Minutes", "Service (CPT)", "Diagnoses", "Fee"},
		[]float64{0.13, 0.16, 0.1, 0.34, 0.12, 0.15}, lines)
	doc.Footnote("Diagnoses: the letters of the diagnoses above in effect on the date of service.")
	if sb.Unsigned > 0 {
		doc.Paragraph(fmt.Sprintf("%s of this period not yet signed %s not on this superbill.",
			countOf(sb.Unsigned, "session note", "session notes"), map[bool]string{true: "is", false: "are"}[sb.Unsigned == 1]))
	}
	doc.Paragraph(fmt.Sprintf("Prepared %s by %s.", today, by))
	doc.SignatureLine("Provider's signature")
	return doc
}

// paperFor is what a document of a client is printed with: the client,
// the practice's profile and who makes the document.
func (s *Store) paperFor(clientID string) (*notes.Client, practice.Profile, string, error) {
	c, err := s.Client(clientID)
	if err != nil {
		return nil, practice.Profile{}, "", err
	}
	prof, err := s.Profile()
	if err != nil {
		return nil, practice.Profile{}, "", err
	}
	by, err := s.madeBy()
	return c, prof, by, err
}
