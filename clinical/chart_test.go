package clinical_test

import (
	"bytes"
	"flag"
	"image"
	"image/png"
	"os"
	"path/filepath"
	"testing"

	"github.com/confidenotes/confide/clinical"
)

var update = flag.Bool("update", false, "rewrite the golden chart images in testdata")

// chartCase is a trend built from measures, as a client's record would
// hold them, and the golden image it must draw.
type chartCase struct {
	name, instrument string
	dates            []string
	totals           []int
}

var chartCases = []chartCase{
	// Moderately severe at intake, reliable improvement, then below the
	// cut-off: clinically significant.
	{"phq9-recovery", "phq9",
		[]string{"2025-09-02", "2025-09-30", "2025-10-28", "2025-11-25", "2025-12-23", "2026-01-20", "2026-02-17"},
		[]int{19, 17, 14, 12, 9, 7, 5}},
	// GAD-7 that gets reliably worse.
	{"gad7-worse", "gad7", []string{"2026-01-05", "2026-02-02", "2026-03-02"}, []int{6, 9, 12}},
	// AUDIT-C: two cut-offs and no published reliable change.
	{"auditc-screen", "auditc", []string{"2026-01-05", "2026-03-02"}, []int{5, 3}},
	// A single score.
	{"pcl5-single", "pcl5", []string{"2026-03-02"}, []int{41}},
}

func trendFor(t *testing.T, c chartCase) *clinical.Trend {
	t.Helper()
	in := instrument(t, c.instrument)
	var ms []clinical.Measure
	for i, d := range c.dates {
		ms = append(ms, clinical.Measure{ID: d, Instrument: in.ID, Date: d, Total: c.totals[i], Band: in.BandOf(c.totals[i])})
	}
	return clinical.TrendOf(in, ms)
}

// TestChartGolden draws each trend and compares it with the image in
// testdata. A pixel may differ by a little (anti-aliasing), and only a
// few may: the line, markers, cut-offs and labels must all be in place.
// Run with -update after a deliberate change, and look at the images.
func TestChartGolden(t *testing.T) {
	for _, c := range chartCases {
		t.Run(c.name, func(t *testing.T) {
			got, err := clinical.ChartPNG(trendFor(t, c), 640, 360)
			if err != nil {
				t.Fatal(err)
			}
			path := filepath.Join("testdata", "chart-"+c.name+".png")
			if *update {
				if err := os.WriteFile(path, got, 0o644); err != nil {
					t.Fatal(err)
				}
			}
			want, err := os.ReadFile(path)
			if err != nil {
				t.Fatalf("%v (run go test -update to create it)", err)
			}
			if n, total := differentPixels(t, got, want); n*1000 > total {
				os.WriteFile(filepath.Join(t.TempDir(), "got.png"), got, 0o644)
				t.Errorf("%d of %d pixels differ from %s", n, total, path)
			}
		})
	}
}

// TestChartShowsChange checks what the golden images can only show: the
// markers the chart draws come from the published thresholds.
func TestChartShowsChange(t *testing.T) {
	tr := trendFor(t, chartCases[0])
	want := []string{"", "", "", "", "clinically significant improvement", "clinically significant improvement", "clinically significant improvement"}
	// 19 -> 14 is a fall of 5 (< 6): not reliable; 19 -> 12 is 7 but still
	// at or above 10: reliable only.
	want[3] = "reliable improvement"
	for i, p := range tr.Points {
		if p.Change != want[i] {
			t.Errorf("point %d (%d): %q, want %q", i, p.Total, p.Change, want[i])
		}
	}
	if tr.Cutoffs[0] != 10 {
		t.Errorf("PHQ-9 cut-off line at %v, want 10", tr.Cutoffs)
	}
	worse := trendFor(t, chartCases[1])
	if got := worse.Points[2].Change; got != "reliable deterioration" {
		t.Errorf("GAD-7 6 -> 12: %q", got)
	}
	if got := worse.Points[1].Change; got != "" {
		t.Errorf("GAD-7 6 -> 9 (3 < 4): %q", got)
	}
	a := trendFor(t, chartCases[2])
	if a.Points[1].Change != "" || len(a.Cutoffs) != 2 {
		t.Errorf("AUDIT-C: change %q, cut-offs %v; want no marker and lines at 4 and 3", a.Points[1].Change, a.Cutoffs)
	}
	if _, err := clinical.ChartPNG(&clinical.Trend{Name: "PHQ-9"}, 640, 360); err == nil {
		t.Error("an empty trend was drawn")
	}
}

func decode(t *testing.T, b []byte) image.Image {
	t.Helper()
	img, err := png.Decode(bytes.NewReader(b))
	if err != nil {
		t.Fatal(err)
	}
	return img
}

func differentPixels(t *testing.T, a, b []byte) (int, int) {
	t.Helper()
	ia, ib := decode(t, a), decode(t, b)
	if ia.Bounds() != ib.Bounds() {
		t.Fatalf("size %v, golden %v", ia.Bounds(), ib.Bounds())
	}
	n := 0
	r := ia.Bounds()
	for y := r.Min.Y; y < r.Max.Y; y++ {
		for x := r.Min.X; x < r.Max.X; x++ {
			r1, g1, b1, _ := ia.At(x, y).RGBA()
			r2, g2, b2, _ := ib.At(x, y).RGBA()
			if absDiff(r1, r2) > 0x0800 || absDiff(g1, g2) > 0x0800 || absDiff(b1, b2) > 0x0800 {
				n++
			}
		}
	}
	return n, r.Dx() * r.Dy()
}

func absDiff(a, b uint32) uint32 {
	if a > b {
		return a - b
	}
	return b - a
}
