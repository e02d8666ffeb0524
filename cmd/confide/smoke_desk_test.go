//go:build smoke

package main

import (
	"fmt"
	"image"
	"os"
	"path/filepath"
	"testing"
	"time"
)

// TestSmokeDeskLooks runs the screenshot tour of the real app, in a real
// window under Xvfb, in the light theme at 1280×800 and the dark theme at
// 1100×720: the theme chosen in the settings must be what is drawn, every
// screen must be drawn at the window's size, and none blank. The PNGs are
// kept in CONFIDE_SMOKE_SHOTS, when set, to be looked at.
func TestSmokeDeskLooks(t *testing.T) {
	confide, confidectl := binaries(t)
	for _, tt := range []struct {
		look          string
		width, height int
		light         bool
	}{
		{"light", 1280, 800, true},
		{"dark", 1100, 720, false},
	} {
		t.Run(tt.look, func(t *testing.T) {
			dir, id := demoVault(t, confidectl)
			shots := t.TempDir()
			if keep := os.Getenv("CONFIDE_SMOKE_SHOTS"); keep != "" {
				shots = filepath.Join(keep, tt.look)
			}
			// The settings as the app keeps them: the theme and the window size.
			home := t.TempDir()
			prefs := filepath.Join(home, ".config", "fyne", "org.confidenotes.confide")
			if err := os.MkdirAll(prefs, 0o700); err != nil {
				t.Fatal(err)
			}
			data := fmt.Sprintf(`{"look.theme":%q,"window.width":%d,"window.height":%d}`, tt.look, tt.width, tt.height)
			if err := os.WriteFile(filepath.Join(prefs, "preferences.json"), []byte(data), 0o600); err != nil {
				t.Fatal(err)
			}
			proc := startAppIn(t, home, confide, "--vault", dir, "--identity", id, "--screenshots", shots)
			select {
			case err := <-proc.exited:
				proc.exited <- err
				if err != nil {
					t.Fatalf("the tour failed: %v; log:\n%s", err, proc.log)
				}
			case <-time.After(150 * time.Second):
				t.Fatalf("the tour did not finish; log:\n%s", proc.log)
			}
			for _, name := range []string{"main", "note", "details", "search", "consent", "consult", "settings", "locked"} {
				path := filepath.Join(shots, name+".png")
				img := readPNG(t, path)
				if b := img.Bounds(); b.Dx() != tt.width || b.Dy() != tt.height {
					t.Errorf("%s is %dx%d, want the window's %dx%d", name, b.Dx(), b.Dy(), tt.width, tt.height)
				}
				checkNotBlank(t, path)
				if lum := meanLuminance(img); tt.light != (lum > 0.5) {
					t.Errorf("%s: mean luminance %.2f in the %s theme", name, lum, tt.look)
				}
			}
			run(t, confidectl, "--vault", dir, "--identity", id, "verify")
		})
	}
}

// meanLuminance is the mean relative brightness of the image, 0 to 1.
func meanLuminance(img image.Image) float64 {
	var sum float64
	n := 0
	b := img.Bounds()
	for y := b.Min.Y; y < b.Max.Y; y += 4 {
		for x := b.Min.X; x < b.Max.X; x += 4 {
			r, g, bl, _ := img.At(x, y).RGBA()
			sum += (0.2126*float64(r) + 0.7152*float64(g) + 0.0722*float64(bl)) / 65535
			n++
		}
	}
	return sum / float64(n)
}
