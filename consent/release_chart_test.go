package consent_test

import (
	"bytes"
	"image"
	"image/png"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"

	"github.com/confidenotes/confide/clinical"
	"github.com/confidenotes/confide/consent"
)

// A release with measures carries each instrument's trend chart as an
// image, the very chart the client's scores draw: pdfimages finds one
// 800 x 400 image, and its pixels are the chart's. A release without
// measures has no chart.
func TestReleaseCarriesTheTrendChartImage(t *testing.T) {
	f := clinicalFixture(t)
	release := func(measures bool) string {
		t.Helper()
		r, err := f.s.NewRelease(consent.ReleaseRequest{ClientID: f.maria, Type: consent.ToClient, Recipient: "Maria Garcia", Purpose: "copy"})
		if err != nil {
			t.Fatal(err)
		}
		if err := r.SetScope(consent.ReleaseScope{Measures: measures, Diagnoses: !measures}); err != nil {
			t.Fatal(err)
		}
		out := filepath.Join(t.TempDir(), "release.pdf")
		if _, err := r.Release(out, consent.ReleaseOptions{}); err != nil {
			t.Fatal(err)
		}
		return out
	}
	charts := func(pdf string) []image.Image {
		t.Helper()
		dir := t.TempDir()
		if out, err := exec.Command("pdfimages", "-png", pdf, filepath.Join(dir, "img")).CombinedOutput(); err != nil {
			t.Fatalf("pdfimages: %v: %s", err, out)
		}
		names, _ := filepath.Glob(filepath.Join(dir, "img-*.png"))
		var out []image.Image
		for _, name := range names {
			b, err := os.ReadFile(name)
			if err != nil {
				t.Fatal(err)
			}
			img, err := png.Decode(bytes.NewReader(b))
			if err != nil {
				t.Fatalf("%s: %v", name, err)
			}
			if img.Bounds().Dx() == 800 && img.Bounds().Dy() == 400 {
				out = append(out, img)
			}
		}
		return out
	}

	pdf := release(true)
	if text := pdfText(t, pdf); !strings.Contains(text, "PHQ-9: latest 4 (minimal)") {
		t.Fatalf("the release has no chart caption:\n%s", text)
	}
	list, err := exec.Command("pdfimages", "-list", pdf).CombinedOutput()
	if err != nil {
		t.Fatalf("pdfimages -list: %v: %s", err, list)
	}
	found := charts(pdf)
	if len(found) != 1 {
		t.Fatalf("%d chart images of 800 x 400 in the release, want 1 (PHQ-9); pdfimages -list:\n%s", len(found), list)
	}
	trend, err := f.s.Clinical().Trend(f.maria, "phq9")
	if err != nil {
		t.Fatal(err)
	}
	want, err := clinical.ChartImage(trend, 800, 400)
	if err != nil {
		t.Fatal(err)
	}
	got := found[0]
	differ := 0
	for y := 0; y < 400; y++ {
		for x := 0; x < 800; x++ {
			r1, g1, b1, _ := got.At(x, y).RGBA()
			r2, g2, b2, _ := want.At(x, y).RGBA()
			if r1>>8 != r2>>8 || g1>>8 != g2>>8 || b1>>8 != b2>>8 {
				differ++
			}
		}
	}
	if differ != 0 {
		t.Errorf("the image in the release differs from the client's PHQ-9 chart in %d of 320000 pixels", differ)
	}

	if n := len(charts(release(false))); n != 0 {
		t.Errorf("a release of diagnoses only has %d chart images", n)
	}
}
