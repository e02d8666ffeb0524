package consent

import (
	"bytes"
	"fmt"
	"strings"

	"github.com/go-pdf/fpdf"

	"github.com/confidenotes/confide/clinical"
	"github.com/confidenotes/confide/practice"
)

// Chart images in documents: drawn at this many pixels, placed across
// the page's width.
const (
	docChartWidth  = 800
	docChartHeight = 400
)

// Image places a PNG image across the page's width (or narrower, at
// widthMM when it is above 0), keeping its proportions, on a new page if
// it does not fit on this one.
func (d *Doc) Image(png []byte, widthMM float64) error {
	p := d.pdf
	name := fmt.Sprintf("img-%d-%.2f", p.PageNo(), p.GetY())
	info := p.RegisterImageOptionsReader(name, fpdf.ImageOptions{ImageType: "PNG"}, bytes.NewReader(png))
	if err := p.Error(); err != nil {
		return fmt.Errorf("place image: %w", err)
	}
	w := d.width
	if widthMM > 0 && widthMM < w {
		w = widthMM
	}
	h := w * info.Height() / info.Width()
	d.needs(h + 2)
	p.ImageOptions(name, p.GetX(), p.GetY(), w, h, true, fpdf.ImageOptions{ImageType: "PNG"}, 0, "")
	p.Ln(2)
	return p.Error()
}

// Table writes rows under a bold header, each column as wide as its share
// of widths (fractions of the page's width); cells wrap, and a row is kept
// whole on one page, the header repeated on a new one.
func (d *Doc) Table(header []string, widths []float64, rows [][]string) {
	p := d.pdf
	colW := make([]float64, len(widths))
	for i, f := range widths {
		colW[i] = f * d.width
	}
	const size = 9
	var row func(cells []string, bold bool)
	row = func(cells []string, bold bool) {
		style := ""
		if bold {
			style = "B"
		}
		p.SetFont(docFont, style, size)
		lines := 1
		for i, c := range cells {
			lines = max(lines, len(p.SplitText(c, colW[i]-2)))
		}
		h := float64(lines) * 4.4
		if p.GetY()+h+1 > d.bottom {
			p.AddPage()
			if !bold {
				row(header, true)
				p.SetFont(docFont, "", size)
			}
		}
		x, y := p.GetX(), p.GetY()
		for i, c := range cells {
			p.SetXY(x, y)
			p.MultiCell(colW[i], 4.4, c, "", "L", false)
			x += colW[i]
		}
		p.SetXY(docMargin, y+h+1)
		if bold {
			p.SetDrawColor(180, 180, 180)
			p.Line(docMargin, y+h+0.5, docMargin+d.width, y+h+0.5)
			p.SetDrawColor(0, 0, 0)
		}
	}
	row(header, true)
	for _, r := range rows {
		row(r, false)
	}
	p.Ln(2)
}

// clinicalRecord prints the clinical record of a release or an export:
// diagnoses, the treatment plan, outcome measures with their charts and
// the risk assessments, then the sessions' dates and codes.
func (d *Doc) clinicalRecord(c ReleasedClinical, prof practice.Profile) error {
	d.Title("Clinical record")
	if len(c.Diagnoses) > 0 {
		d.diagnosesPart(c.Diagnoses)
	}
	if len(c.Plans) > 0 {
		d.plansPart(c.Plans, prof)
	}
	if len(c.Measures) > 0 || len(c.RiskAssessments) > 0 {
		if err := d.measuresPart(c.Measures, c.RiskAssessments); err != nil {
			return err
		}
	}
	if len(c.Sessions) > 0 {
		d.sessionsPart(c.Sessions)
	}
	return nil
}

func (d *Doc) diagnosesPart(ds []ReleasedDiagnosis) {
	d.Heading("Diagnoses")
	var rows [][]string
	for _, x := range ds {
		rank := "secondary"
		if x.Primary {
			rank = "primary"
		}
		rows = append(rows, []string{x.Code, x.Description, rank, x.Start, orOpen(x.End, "continuing")})
	}
	d.Table([]string{"Code", "Diagnosis", "", "From", "To"}, []float64{0.11, 0.51, 0.12, 0.13, 0.13}, rows)
	d.Footnote("ICD-10-CM codes (" + clinical.ICD10Release + ")")
	d.pdf.Ln(2)
}

func (d *Doc) plansPart(ps []ReleasedPlan, prof practice.Profile) {
	for _, p := range ps {
		title := fmt.Sprintf("Treatment plan, version %d", p.Version)
		if p.Detail == clinical.PlanSummary {
			title += " (summary)"
		}
		d.Heading(title)
		until := "current"
		if p.Until != "" {
			until = "until " + p.Until
		}
		d.Fields([][2]string{{"In effect", "from " + p.From + ", " + until}, {"Review date", p.ReviewDate}})
		d.sections(p.Sections)
		d.Signature(prof.SignatureLine(p.SignedBy, p.SignedAt), p.Hash)
	}
}

func (d *Doc) measuresPart(ms []ReleasedMeasure, risks []ReleasedRisk) error {
	if len(ms) > 0 {
		d.Heading("Outcome measures")
	}
	var rows [][]string
	var order []string
	byInstrument := map[string][]clinical.Measure{}
	for _, m := range ms {
		flags := ""
		if len(m.Flags) > 0 {
			flags = "risk item endorsed"
		}
		rows = append(rows, []string{m.Date, m.Name, fmt.Sprint(m.Total), m.Band, flags})
		if byInstrument[m.Instrument] == nil {
			order = append(order, m.Instrument)
		}
		byInstrument[m.Instrument] = append(byInstrument[m.Instrument], clinical.Measure{ID: m.ID, Instrument: m.Instrument, Date: m.Date, Total: m.Total, Band: m.Band})
	}
	if len(rows) > 0 {
		d.Table([]string{"Date", "Measure", "Total", "Band", ""}, []float64{0.16, 0.2, 0.1, 0.3, 0.24}, rows)
	}
	for _, id := range order {
		in, err := clinical.InstrumentByID(id)
		if err != nil {
			return err
		}
		t := clinical.TrendOf(in, byInstrument[id])
		png, err := clinical.ChartPNG(t, docChartWidth, docChartHeight)
		if err != nil {
			return err
		}
		d.pdf.SetFont(docFont, "B", 10)
		d.needs(lineHeight + d.width*docChartHeight/docChartWidth)
		d.pdf.CellFormat(d.width, lineHeight, in.Name+": "+trendWords(t), "", 1, "L", false, 0, "")
		if err := d.Image(png, 0); err != nil {
			return err
		}
	}
	for _, r := range risks {
		d.Heading(fmt.Sprintf("Risk assessment, %s: %s risk", r.Date, r.Level))
		d.sections(r.Sections)
		if r.By != "" {
			d.Paragraph("Assessed by " + r.By + ".")
		}
	}
	return nil
}

// trendWords says where a trend ended: "latest 7 (mild), reliable
// improvement since the first".
func trendWords(t *clinical.Trend) string {
	if len(t.Points) == 0 {
		return "no scores"
	}
	last := t.Points[len(t.Points)-1]
	s := fmt.Sprintf("latest %d (%s)", last.Total, last.Band)
	if last.Change != "" {
		s += ", " + last.Change + " since the first"
	}
	return s
}

func (d *Doc) sessionsPart(ss []ReleasedSession) {
	d.Heading("Sessions: dates of service")
	var rows [][]string
	for _, s := range ss {
		when, mins, svc := serviceCells(s.Start, s.End, s.DurationMin, s.ServiceCode)
		rows = append(rows, []string{s.Date, when, mins, svc, string(s.Kind)})
	}
	d.Table([]string{"Date", "Time", "Minutes", "Service", "Note"}, []float64{0.15, 0.18, 0.1, 0.42, 0.15}, rows)
}

// serviceCells are a service's time ("10:00 to 10:50"), minutes and code
// with its name ("90834 Psychotherapy, 45 minutes") as tables print them.
func serviceCells(start, end string, minutes int, code string) (when, mins, svc string) {
	when = start
	if end != "" {
		when += " to " + end
	}
	if minutes > 0 {
		mins = fmt.Sprint(minutes)
	}
	svc = code
	if name := clinical.ServiceName(code); name != "" {
		svc += " " + name
	}
	return when, mins, strings.TrimSpace(svc)
}
