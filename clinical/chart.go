package clinical

import (
	"bytes"
	"fmt"
	"image"
	"image/color"
	"image/png"
	"time"

	"gonum.org/v1/plot"
	"gonum.org/v1/plot/plotter"
	"gonum.org/v1/plot/vg"
	"gonum.org/v1/plot/vg/draw"
	"gonum.org/v1/plot/vg/vgimg"
)

// The trend chart is drawn with gonum/plot, in pure Go, so that the
// desktop app shows and the PDFs print the same picture: scores over time
// joined by a line, the clinical cut-off as a red dashed line with the
// other band boundaries as light dotted lines, and a marker on each score
// whose change from the baseline is reliable or clinically significant.

// Chart colours, fixed so that golden images stay stable.
var (
	chartScore       = color.RGBA{R: 0x1f, G: 0x4e, B: 0x8c, A: 0xff}
	chartCutoff      = color.RGBA{R: 0xc0, G: 0x39, B: 0x2b, A: 0xff}
	chartBand        = color.RGBA{R: 0xb0, G: 0xb0, B: 0xb0, A: 0xff}
	chartImproved    = color.RGBA{R: 0x1e, G: 0x84, B: 0x49, A: 0xff}
	chartWorse       = color.RGBA{R: 0xc0, G: 0x39, B: 0x2b, A: 0xff}
	chartSignificant = color.RGBA{R: 0x1e, G: 0x84, B: 0x49, A: 0xff}
)

// ChartImage draws a trend at width x height pixels (96 dpi). A trend
// with no scores is refused: there is nothing to draw.
func ChartImage(t *Trend, width, height int) (image.Image, error) {
	if len(t.Points) == 0 {
		return nil, fmt.Errorf("%w: no %s scores to chart", ErrInvalid, t.Name)
	}
	if width < 200 || height < 120 {
		return nil, fmt.Errorf("%w: a chart needs at least 200 x 120 pixels", ErrInvalid)
	}
	p := plot.New()
	p.Title.Text = t.Name
	p.X.Label.Text = "Date"
	p.Y.Label.Text = "Total"
	// Headroom above the highest total keeps the legend off the scores.
	p.Y.Min, p.Y.Max = 0, float64(t.Max)*1.35
	p.Y.Tick.Marker = bandTicks(t)
	p.Legend.Top = true
	p.Legend.Left = false
	p.Legend.TextStyle.Font.Size = vg.Points(9)

	first, last := dateX(t.Points[0].Date), dateX(t.Points[len(t.Points)-1].Date)
	pad := (last - first) * 0.04
	if pad == 0 {
		pad = 15 * 24 * 3600
	}
	p.X.Min, p.X.Max = first-pad, last+pad
	p.X.Tick.Marker = dateTicks(t, p.X.Min, p.X.Max)

	// Band boundaries, then the cut-offs over them.
	cut := map[int]bool{}
	for _, c := range t.Cutoffs {
		cut[c] = true
	}
	for _, b := range t.Bands[1:] {
		if cut[b.Min] {
			continue
		}
		l := hline(p.X.Min, p.X.Max, float64(b.Min))
		l.LineStyle.Color, l.LineStyle.Width = chartBand, vg.Points(0.6)
		l.LineStyle.Dashes = []vg.Length{vg.Points(1), vg.Points(2)}
		p.Add(l)
	}
	labels, err := bandLabels(t, p.X.Min)
	if err != nil {
		return nil, err
	}
	p.Add(labels)
	for i, c := range t.Cutoffs {
		l := hline(p.X.Min, p.X.Max, float64(c))
		l.LineStyle.Color, l.LineStyle.Width = chartCutoff, vg.Points(1)
		l.LineStyle.Dashes = []vg.Length{vg.Points(4), vg.Points(3)}
		p.Add(l)
		if i == 0 {
			p.Legend.Add(fmt.Sprintf("cut-off %d", c), l)
		}
	}

	xys := make(plotter.XYs, len(t.Points))
	for i, pt := range t.Points {
		xys[i] = plotter.XY{X: dateX(pt.Date), Y: float64(pt.Total)}
	}
	line, dots, err := plotter.NewLinePoints(xys)
	if err != nil {
		return nil, err
	}
	line.LineStyle.Color, line.LineStyle.Width = chartScore, vg.Points(1.5)
	dots.GlyphStyle = draw.GlyphStyle{Color: chartScore, Radius: vg.Points(2.5), Shape: draw.CircleGlyph{}}
	p.Add(line, dots)
	p.Legend.Add("score", line, dots)

	for _, m := range []struct {
		change string
		style  draw.GlyphStyle
	}{
		{ChangeReliableImprovement, draw.GlyphStyle{Color: chartImproved, Radius: vg.Points(5), Shape: draw.TriangleGlyph{}}},
		{ChangeReliableWorsening, draw.GlyphStyle{Color: chartWorse, Radius: vg.Points(5), Shape: draw.PyramidGlyph{}}},
		{ChangeClinicallySignificant, draw.GlyphStyle{Color: chartSignificant, Radius: vg.Points(6), Shape: draw.RingGlyph{}}},
	} {
		var pts plotter.XYs
		for _, pt := range t.Points {
			if pt.Change == m.change {
				pts = append(pts, plotter.XY{X: dateX(pt.Date), Y: float64(pt.Total)})
			}
		}
		if len(pts) == 0 {
			continue
		}
		sc, err := plotter.NewScatter(pts)
		if err != nil {
			return nil, err
		}
		sc.GlyphStyle = m.style
		p.Add(sc)
		p.Legend.Add(m.change, sc)
	}

	c := vgimg.NewWith(vgimg.UseWH(vg.Length(width)*vg.Inch/96, vg.Length(height)*vg.Inch/96), vgimg.UseDPI(96),
		vgimg.UseBackgroundColor(color.White))
	p.Draw(draw.New(c))
	return c.Image(), nil
}

// ChartPNG draws a trend as a PNG image.
func ChartPNG(t *Trend, width, height int) ([]byte, error) {
	img, err := ChartImage(t, width, height)
	if err != nil {
		return nil, err
	}
	var buf bytes.Buffer
	if err := png.Encode(&buf, img); err != nil {
		return nil, err
	}
	return buf.Bytes(), nil
}

// dateTicks marks the x axis at the measures' dates when they are few
// and close, else at the first of each month (at most about eight).
func dateTicks(t *Trend, lo, hi float64) plot.ConstantTicks {
	var ticks []plot.Tick
	if len(t.Points) <= 6 && hi-lo < 120*24*3600 {
		for _, p := range t.Points {
			ticks = append(ticks, plot.Tick{Value: dateX(p.Date), Label: p.Date})
		}
		return ticks
	}
	start := time.Unix(int64(lo), 0).UTC()
	m := time.Date(start.Year(), start.Month(), 1, 0, 0, 0, 0, time.UTC).AddDate(0, 1, 0)
	months := int((hi-lo)/(30*24*3600)) + 1
	step := max(1, (months+7)/8)
	for ; float64(m.Unix()) <= hi; m = m.AddDate(0, step, 0) {
		ticks = append(ticks, plot.Tick{Value: float64(m.Unix()), Label: m.Format("Jan 2006")})
	}
	return ticks
}

// bandTicks marks the y axis at each band's lowest total and at the top.
func bandTicks(t *Trend) plot.ConstantTicks {
	var ticks []plot.Tick
	for _, b := range t.Bands {
		ticks = append(ticks, plot.Tick{Value: float64(b.Min), Label: fmt.Sprint(b.Min)})
	}
	return append(ticks, plot.Tick{Value: float64(t.Max), Label: fmt.Sprint(t.Max)})
}

// bandLabels names each band just above its lowest line, at the left.
func bandLabels(t *Trend, x float64) (*plotter.Labels, error) {
	var xys plotter.XYs
	var names []string
	for _, b := range t.Bands {
		xys = append(xys, plotter.XY{X: x, Y: float64(b.Min)})
		names = append(names, " "+b.Name)
	}
	l, err := plotter.NewLabels(plotter.XYLabels{XYs: xys, Labels: names})
	if err != nil {
		return nil, err
	}
	for i := range l.TextStyle {
		l.TextStyle[i].Color = color.RGBA{R: 0x80, G: 0x80, B: 0x80, A: 0xff}
		l.TextStyle[i].Font.Size = vg.Points(8)
		l.TextStyle[i].YAlign = 0.15 // just above the line
	}
	return l, nil
}

// dateX is a date's place on the time axis: Unix seconds, midnight UTC.
func dateX(d string) float64 {
	t, _ := time.Parse(DateLayout, d)
	return float64(t.Unix())
}

func hline(x0, x1, y float64) *plotter.Line {
	l, _ := plotter.NewLine(plotter.XYs{{X: x0, Y: y}, {X: x1, Y: y}})
	return l
}
