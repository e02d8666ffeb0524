package consent

import (
	"bytes"
	"fmt"
	"io"
	"strings"

	"github.com/go-pdf/fpdf"
	"golang.org/x/image/font/gofont/gobold"
	"golang.org/x/image/font/gofont/gomono"
	"golang.org/x/image/font/gofont/goregular"

	"github.com/confidenotes/confide/practice"
	"github.com/confidenotes/confide/vault"
)

// Doc is a printable document: on the practice's paper (US Letter unless
// the profile says A4), with the practice's letterhead on the first page,
// a header naming the document and the client and a footer with page
// numbers, in an embedded Unicode font. The consent forms, the accounting
// of disclosures, the records release, the printed chart and the recovery
// kit are all written with it.
type Doc struct {
	pdf    *fpdf.Fpdf
	width  float64 // usable width between the margins, in mm
	bottom float64 // y where the footer begins
}

const (
	docFont    = "go"
	docMono    = "gomono"
	docMargin  = 20.0
	lineHeight = 5.2
)

// DocOptions lay a document out for a practice.
type DocOptions struct {
	Paper      practice.Paper // "" for US Letter
	Letterhead []string       // the lines at the top of the first page; none when empty
}

// DocOptionsFor is the layout of the practice's documents: its paper and
// its letterhead.
func DocOptionsFor(p practice.Profile) DocOptions {
	return DocOptions{Paper: p.PaperSize(), Letterhead: p.Letterhead()}
}

// NewDoc starts a document titled title about subject (usually the client's
// name; "" for none), both repeated on every page, on US Letter and with
// no letterhead. Store.NewDoc lays it out for the practice.
func NewDoc(title, subject string) *Doc { return NewDocWith(title, subject, DocOptions{}) }

// NewDoc starts a document laid out for the practice, from its profile.
func (s *Store) NewDoc(title, subject string) (*Doc, error) {
	p, err := s.Profile()
	if err != nil {
		return nil, err
	}
	return NewDocWith(title, subject, DocOptionsFor(p)), nil
}

// NewDocWith starts a document as NewDoc does, laid out as o says.
func NewDocWith(title, subject string, o DocOptions) *Doc {
	size := "Letter"
	if o.Paper == practice.A4 {
		size = "A4"
	}
	p := fpdf.New("P", "mm", size, "")
	p.AddUTF8FontFromBytes(docFont, "", goregular.TTF)
	p.AddUTF8FontFromBytes(docFont, "B", gobold.TTF)
	p.AddUTF8FontFromBytes(docMono, "", gomono.TTF)
	p.SetMargins(docMargin, docMargin+6, docMargin)
	p.SetAutoPageBreak(true, docMargin)
	p.SetTitle(title, true)
	p.SetCreator("Confide", true)
	p.AliasNbPages("{nb}")
	w, h := p.GetPageSize()
	d := &Doc{pdf: p, width: w - 2*docMargin, bottom: h - docMargin}
	p.SetHeaderFunc(func() {
		p.SetFont(docFont, "", 8)
		p.SetTextColor(90, 90, 90)
		p.SetXY(docMargin, docMargin-8)
		p.CellFormat(d.width/2, 5, title, "", 0, "L", false, 0, "")
		p.CellFormat(d.width/2, 5, subject, "", 1, "R", false, 0, "")
		p.Line(docMargin, docMargin-2.5, docMargin+d.width, docMargin-2.5)
		p.SetTextColor(0, 0, 0)
		p.SetY(docMargin + 6)
	})
	p.SetFooterFunc(func() {
		p.SetY(-docMargin + 6)
		p.SetFont(docFont, "", 8)
		p.SetTextColor(90, 90, 90)
		left := "Confidential"
		if subject != "" {
			left += ": " + subject
		}
		p.CellFormat(d.width/2, 5, left, "", 0, "L", false, 0, "")
		p.CellFormat(d.width/2, 5, fmt.Sprintf("Page %d of {nb}", p.PageNo()), "", 0, "R", false, 0, "")
		p.SetTextColor(0, 0, 0)
	})
	p.AddPage()
	d.letterhead(o.Letterhead)
	return d
}

// letterhead writes the practice's block at the top of the first page:
// the first line large, the rest small, then a rule.
func (d *Doc) letterhead(lines []string) {
	if len(lines) == 0 {
		return
	}
	p := d.pdf
	for i, l := range lines {
		if i == 0 {
			p.SetFont(docFont, "B", 13)
			p.MultiCell(d.width, 6.5, l, "", "L", false)
			continue
		}
		p.SetFont(docFont, "", 9)
		p.SetTextColor(60, 60, 60)
		p.MultiCell(d.width, 4.4, l, "", "L", false)
		p.SetTextColor(0, 0, 0)
	}
	d.Rule()
}

// Title writes the document's big title.
func (d *Doc) Title(text string) {
	d.pdf.SetFont(docFont, "B", 16)
	d.pdf.MultiCell(d.width, 8, text, "", "L", false)
	d.pdf.Ln(3)
}

// Heading writes a section heading, starting a new page when fewer than a
// few lines would fit under it.
func (d *Doc) Heading(text string) {
	d.needs(4 * lineHeight)
	d.pdf.Ln(2)
	d.pdf.SetFont(docFont, "B", 12)
	d.pdf.MultiCell(d.width, 6.5, text, "", "L", false)
	d.pdf.Ln(1)
}

// Paragraph writes text wrapped to the page width. Line breaks in text are
// kept.
func (d *Doc) Paragraph(text string) {
	d.pdf.SetFont(docFont, "", 10)
	d.pdf.MultiCell(d.width, lineHeight, text, "", "L", false)
	d.pdf.Ln(2)
}

// Bullet writes one item of a bulleted list.
func (d *Doc) Bullet(text string) {
	d.pdf.SetFont(docFont, "", 10)
	x := d.pdf.GetX()
	d.pdf.CellFormat(5, lineHeight, "•", "", 0, "L", false, 0, "")
	d.pdf.MultiCell(d.width-5, lineHeight, text, "", "L", false)
	d.pdf.SetX(x)
	d.pdf.Ln(0.8)
}

// Fields writes a two-column table of labels and values, each row kept
// whole on one page. An empty value prints as a line to fill in by hand.
func (d *Doc) Fields(rows [][2]string) {
	kw := d.width * 0.34
	vw := d.width - kw
	for _, r := range rows {
		d.pdf.SetFont(docFont, "B", 9.5)
		kl := d.pdf.SplitText(r[0], kw-2)
		d.pdf.SetFont(docFont, "", 9.5)
		value := r[1]
		if strings.TrimSpace(value) == "" {
			value = "______________________________________"
		}
		vl := d.pdf.SplitText(value, vw)
		h := float64(max(len(kl), len(vl), 1)) * lineHeight
		d.needs(h + 1.5)
		x, y := d.pdf.GetX(), d.pdf.GetY()
		d.pdf.SetFont(docFont, "B", 9.5)
		d.pdf.MultiCell(kw-2, lineHeight, r[0], "", "L", false)
		d.pdf.SetXY(x+kw, y)
		d.pdf.SetFont(docFont, "", 9.5)
		d.pdf.MultiCell(vw, lineHeight, value, "", "L", false)
		d.pdf.SetXY(x, y+h+1.5)
	}
	d.pdf.Ln(2)
}

// SignatureLine writes a line to sign on, labelled below.
func (d *Doc) SignatureLine(label string) {
	d.needs(16)
	d.pdf.Ln(9)
	x, y := d.pdf.GetX(), d.pdf.GetY()
	d.pdf.Line(x, y, x+d.width*0.6, y)
	d.pdf.Line(x+d.width*0.7, y, x+d.width, y)
	d.pdf.SetFont(docFont, "", 8.5)
	d.pdf.CellFormat(d.width*0.7, 4.5, label, "", 0, "L", false, 0, "")
	d.pdf.CellFormat(d.width*0.3, 4.5, "Date", "", 1, "L", false, 0, "")
	d.pdf.Ln(2)
}

// Signature writes an electronic signature: the line that says who signed
// and when, then the content hash as a small footnote on a line of its own,
// in a fixed-width face, never broken inside the number.
func (d *Doc) Signature(line, hash string) {
	d.needs(2*lineHeight + 4)
	d.pdf.SetFont(docFont, "", 9.5)
	d.pdf.MultiCell(d.width, lineHeight, line, "", "L", false)
	if hash != "" {
		d.Footnote("Content SHA-256: " + hash)
	}
	d.pdf.Ln(1.5)
}

// Footnote writes one small line in a fixed-width face, never wrapped: a
// hash or an id that must stay whole. A line wider than the page is set
// smaller until it fits.
func (d *Doc) Footnote(text string) {
	size := 6.5
	d.pdf.SetFont(docMono, "", size)
	for d.pdf.GetStringWidth(text) > d.width && size > 4 {
		size -= 0.5
		d.pdf.SetFont(docMono, "", size)
	}
	d.pdf.SetTextColor(90, 90, 90)
	d.pdf.CellFormat(d.width, 3.6, text, "", 1, "L", false, 0, "")
	d.pdf.SetTextColor(0, 0, 0)
}

// Large writes text in a big fixed-width face, centred, one line per line
// of text: a key to copy by hand.
func (d *Doc) Large(text string, size float64) {
	d.pdf.SetFont(docMono, "", size)
	h := size * 0.55
	for _, l := range strings.Split(text, "\n") {
		d.needs(h)
		d.pdf.CellFormat(d.width, h, l, "", 1, "C", false, 0, "")
	}
	d.pdf.Ln(2)
}

// Rule draws a thin horizontal line across the page.
func (d *Doc) Rule() {
	d.pdf.Ln(1)
	x, y := d.pdf.GetX(), d.pdf.GetY()
	d.pdf.SetDrawColor(180, 180, 180)
	d.pdf.Line(x, y, x+d.width, y)
	d.pdf.SetDrawColor(0, 0, 0)
	d.pdf.Ln(3)
}

// needs starts a new page unless h mm are left above the footer.
func (d *Doc) needs(h float64) {
	if d.pdf.GetY()+h > d.bottom {
		d.pdf.AddPage()
	}
}

// Keywords sets the document's keywords, kept in its properties, where a
// program reads them back with DocKeywords: the recovery kit keeps its key
// there as well as on the page.
func (d *Doc) Keywords(words string) { d.pdf.SetKeywords(words, false) }

// Pages returns the number of pages so far.
func (d *Doc) Pages() int { return d.pdf.PageNo() }

// WriteTo writes the finished PDF to w.
func (d *Doc) WriteTo(w io.Writer) (int64, error) {
	var b bytes.Buffer
	if err := d.pdf.Output(&b); err != nil {
		return 0, fmt.Errorf("write pdf: %w", err)
	}
	return b.WriteTo(w)
}

// WriteFile writes the finished PDF to path with the vault's crash-safe
// writer: readable by the user only, complete or not there at all (never
// a partial file, never over a vault's own files).
func (d *Doc) WriteFile(path string) error {
	var b bytes.Buffer
	if err := d.pdf.Output(&b); err != nil {
		return fmt.Errorf("write pdf: %w", err)
	}
	return vault.WriteFile(path, b.Bytes())
}
