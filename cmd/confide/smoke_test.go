//go:build smoke

package main

import (
	"bytes"
	"image/png"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
	"time"
)

// TestSmoke starts the real app on a real (Xvfb) display, unlocked with
// an identity file, looks at the screen, and stops it with SIGTERM: the
// vault must close cleanly and still verify. It needs DISPLAY, ImageMagick's
// import and x11-utils' xwininfo; `make test` provides them.
func TestSmoke(t *testing.T) {
	if os.Getenv("DISPLAY") == "" {
		t.Fatal("no DISPLAY: run under xvfb-run (make test does)")
	}
	confide, confidectl := binaries(t)
	tmp := t.TempDir()
	dir, id, rec := filepath.Join(tmp, "vault"), filepath.Join(tmp, "device.key"), filepath.Join(tmp, "recovery.key")
	run(t, confidectl, "--vault", dir, "init", "--identity-out", id, "--recovery-out", rec)

	home := filepath.Join(tmp, "home")
	os.MkdirAll(home, 0o700)
	var log bytes.Buffer
	cmd := exec.Command(confide, "--vault", dir, "--identity", id)
	cmd.Env = append(os.Environ(), "HOME="+home, "LANG=en_US.UTF-8", "XDG_CONFIG_HOME="+filepath.Join(home, ".config"))
	cmd.Stdout, cmd.Stderr = &log, &log
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	exited := make(chan error, 1)
	go func() { exited <- cmd.Wait() }()
	defer func() {
		if cmd.ProcessState == nil {
			cmd.Process.Kill()
		}
	}()

	waitForWindow(t, exited, &log)
	time.Sleep(2 * time.Second) // let it unlock and draw the main screen

	shot := filepath.Join(tmp, "shot.png")
	if out := os.Getenv("CONFIDE_SMOKE_SHOT"); out != "" {
		shot = out
	}
	run(t, "import", "-window", "root", shot)
	checkNotBlank(t, shot)

	if err := cmd.Process.Signal(syscall.SIGTERM); err != nil {
		t.Fatal(err)
	}
	select {
	case err := <-exited:
		if err != nil {
			t.Fatalf("confide exited with %v after SIGTERM; log:\n%s", err, log.String())
		}
	case <-time.After(5 * time.Second):
		t.Fatalf("confide did not exit within 5 s of SIGTERM; log:\n%s", log.String())
	}
	if strings.Contains(log.String(), "Fyne error") {
		t.Errorf("the log has a Fyne error:\n%s", log.String())
	}
	run(t, confidectl, "--vault", dir, "--identity", id, "verify")
}

// binaries returns the confide and confidectl programs: from CONFIDE_BIN,
// else freshly built into a temporary folder.
func binaries(t *testing.T) (confide, confidectl string) {
	t.Helper()
	bin := os.Getenv("CONFIDE_BIN")
	if bin == "" {
		bin = t.TempDir()
		for _, pkg := range []string{"confide", "confidectl"} {
			run(t, "go", "build", "-tags", "sqlite_fts5", "-o", filepath.Join(bin, pkg), "github.com/confidenotes/confide/cmd/"+pkg)
		}
	}
	return filepath.Join(bin, "confide"), filepath.Join(bin, "confidectl")
}

func run(t *testing.T, name string, args ...string) string {
	t.Helper()
	out, err := exec.Command(name, args...).CombinedOutput()
	if err != nil {
		t.Fatalf("%s %s: %v\n%s", name, strings.Join(args, " "), err, out)
	}
	return string(out)
}

// waitForWindow polls the X server's window tree until a window named
// Confide appears.
func waitForWindow(t *testing.T, exited <-chan error, log *bytes.Buffer) {
	t.Helper()
	deadline := time.Now().Add(15 * time.Second)
	for time.Now().Before(deadline) {
		select {
		case err := <-exited:
			t.Fatalf("confide exited early (%v); log:\n%s", err, log.String())
		default:
		}
		out, _ := exec.Command("xwininfo", "-root", "-tree").CombinedOutput()
		if strings.Contains(string(out), `"Confide"`) {
			return
		}
		time.Sleep(200 * time.Millisecond)
	}
	t.Fatalf("no Confide window within 15 s; log:\n%s", log.String())
}

// checkNotBlank requires the screenshot to show a drawn window: many
// distinct colours, not one uniform fill.
func checkNotBlank(t *testing.T, path string) {
	t.Helper()
	f, err := os.Open(path)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	img, err := png.Decode(f)
	if err != nil {
		t.Fatalf("decode %s: %v", path, err)
	}
	colours := map[[3]uint32]int{}
	b := img.Bounds()
	for y := b.Min.Y; y < b.Max.Y; y += 2 {
		for x := b.Min.X; x < b.Max.X; x += 2 {
			r, g, bl, _ := img.At(x, y).RGBA()
			colours[[3]uint32{r >> 8, g >> 8, bl >> 8}]++
		}
	}
	if len(colours) < 16 {
		t.Fatalf("the screenshot is nearly blank: %d distinct colours in %v", len(colours), b)
	}
	if top := topShare(colours); top > 0.995 {
		t.Fatalf("the screenshot is one colour (%.1f%%)", top*100)
	}
	t.Logf("screenshot %v with %d distinct colours", b, len(colours))
}

func topShare(colours map[[3]uint32]int) float64 {
	total, top := 0, 0
	for _, n := range colours {
		total += n
		top = max(top, n)
	}
	return float64(top) / float64(total)
}
