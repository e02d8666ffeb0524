//go:build smoke

package main

import (
	"bytes"
	"encoding/json"
	"image"
	"image/png"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
	"time"
)

// TestSmoke starts the real app on a real (Xvfb) display against a demo
// practice, unlocked with an identity file, waits for the unlocked window,
// looks at the screen, and stops the app with SIGTERM: it must exit 0 and
// leave a vault that verifies. It needs DISPLAY, ImageMagick's import and
// x11-utils' xwininfo; `make test` provides them.
func TestSmoke(t *testing.T) {
	confide, confidectl := binaries(t)
	dir, id := demoVault(t, confidectl)

	proc := startApp(t, confide, "--vault", dir, "--identity", id)
	proc.waitForWindow(t, "Confide") // the unlocked window's title
	time.Sleep(time.Second)          // let it draw

	shot := filepath.Join(t.TempDir(), "shot.png")
	if out := os.Getenv("CONFIDE_SMOKE_SHOT"); out != "" {
		shot = out
	}
	run(t, "import", "-window", "root", shot)
	checkNotBlank(t, shot)

	proc.stop(t)
	run(t, confidectl, "--vault", dir, "--identity", id, "verify")
}

// TestStartupMeasureSmoke runs --measure-startup on a demo practice: the
// app must reach the main window with the demo's active clients listed,
// print its one JSON line with plausible figures, and quit cleanly by
// itself.
func TestStartupMeasureSmoke(t *testing.T) {
	confide, confidectl := binaries(t)
	dir, id := demoVault(t, confidectl)
	proc := startApp(t, confide, "--vault", dir, "--identity", id, "--measure-startup")
	select {
	case err := <-proc.exited:
		proc.exited <- err
		if err != nil {
			t.Fatalf("confide --measure-startup: %v; log:\n%s", err, proc.log)
		}
	case <-time.After(30 * time.Second):
		t.Fatalf("confide --measure-startup did not quit within 30 s; log:\n%s", proc.log)
	}
	var got struct {
		MS      int64 `json:"start_to_unlocked_ms"`
		RSS     int64 `json:"peak_rss_mb"`
		Clients int   `json:"clients_listed"`
	}
	line := ""
	for _, l := range strings.Split(proc.log.String(), "\n") {
		if strings.HasPrefix(l, "{") {
			line = l
		}
	}
	if err := json.Unmarshal([]byte(line), &got); err != nil {
		t.Fatalf("no JSON line (%v); log:\n%s", err, proc.log)
	}
	if got.MS <= 0 || got.MS > 20000 || got.RSS <= 0 || got.RSS > 4096 {
		t.Errorf("implausible figures: %s", line)
	}
	if got.Clients != 8 { // the demo's 12 clients, 8 of them active
		t.Errorf("the main window lists %d clients, want the demo's 8 active ones: %s", got.Clients, line)
	}
	if hasFyneError(proc.log.String()) {
		t.Errorf("the log has a Fyne error:\n%s", proc.log)
	}
	t.Logf("%s", line)
	run(t, confidectl, "--vault", dir, "--identity", id, "verify")
}

// demoVault makes a vault with an identity file and fills it with the
// demo practice.
func demoVault(t *testing.T, confidectl string) (dir, id string) {
	t.Helper()
	tmp := t.TempDir()
	dir, id = filepath.Join(tmp, "vault"), filepath.Join(tmp, "device.key")
	run(t, confidectl, "--vault", dir, "init", "--identity-out", id, "--recovery-out", filepath.Join(tmp, "recovery.key"))
	run(t, confidectl, "--vault", dir, "--identity", id, "demo")
	return dir, id
}

// running is a confide process under test.
type running struct {
	cmd    *exec.Cmd
	log    *bytes.Buffer
	exited chan error
}

// startApp starts confide with a fresh HOME and an English locale.
func startApp(t *testing.T, confide string, args ...string) *running {
	t.Helper()
	return startAppIn(t, t.TempDir(), confide, args...)
}

// startAppIn starts confide with HOME at home and an English locale.
func startAppIn(t *testing.T, home, confide string, args ...string) *running {
	t.Helper()
	if os.Getenv("DISPLAY") == "" {
		t.Fatal("no DISPLAY: run under xvfb-run (make test does)")
	}
	a := &running{cmd: exec.Command(confide, args...), log: &bytes.Buffer{}, exited: make(chan error, 1)}
	a.cmd.Env = append(os.Environ(), "HOME="+home, "XDG_CONFIG_HOME="+filepath.Join(home, ".config"),
		"XDG_DATA_HOME="+filepath.Join(home, ".local", "share"), "LANG=en_US.UTF-8")
	a.cmd.Stdout, a.cmd.Stderr = a.log, a.log
	if err := a.cmd.Start(); err != nil {
		t.Fatal(err)
	}
	go func() { a.exited <- a.cmd.Wait() }()
	t.Cleanup(func() {
		select {
		case <-a.exited:
		default:
			a.cmd.Process.Kill()
			<-a.exited
		}
	})
	return a
}

// waitForWindow polls the X server's window tree until a window with
// exactly this title appears.
func (a *running) waitForWindow(t *testing.T, title string) {
	t.Helper()
	deadline := time.Now().Add(20 * time.Second)
	var tree string
	for time.Now().Before(deadline) {
		select {
		case err := <-a.exited:
			t.Fatalf("confide exited early (%v); log:\n%s", err, a.log)
		default:
		}
		out, _ := exec.Command("xwininfo", "-root", "-tree").CombinedOutput()
		tree = string(out)
		if strings.Contains(tree, `"`+title+`"`) {
			return
		}
		time.Sleep(200 * time.Millisecond)
	}
	t.Fatalf("no window titled %q within 20 s; windows:\n%s\nlog:\n%s", title, tree, a.log)
}

// stop sends SIGTERM and requires a clean exit, with no Fyne error logged.
func (a *running) stop(t *testing.T) {
	t.Helper()
	if err := a.cmd.Process.Signal(syscall.SIGTERM); err != nil {
		t.Fatal(err)
	}
	select {
	case err := <-a.exited:
		a.exited <- err // for the cleanup
		if err != nil {
			t.Fatalf("confide exited with %v after SIGTERM; log:\n%s", err, a.log)
		}
	case <-time.After(5 * time.Second):
		t.Fatalf("confide did not exit within 5 s of SIGTERM; log:\n%s", a.log)
	}
	if hasFyneError(a.log.String()) {
		t.Errorf("the log has a Fyne error:\n%s", a.log)
	}
}

// binaries returns the confide and confidectl programs: from CONFIDE_BIN,
// else freshly built into a temporary folder.
func binaries(t *testing.T) (confide, confidectl string) {
	t.Helper()
	bin := os.Getenv("CONFIDE_BIN")
	if bin == "" {
		bin = t.TempDir()
		for _, name := range []string{"confide", "confidectl"} {
			run(t, "go", "build", "-tags", "sqlite_fts5", "-o", filepath.Join(bin, name), "github.com/confidenotes/confide/cmd/"+name)
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

// readPNG decodes a screenshot.
func readPNG(t *testing.T, path string) image.Image {
	t.Helper()
	f, err := os.Open(path)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	img, err := png.Decode(f)
	if err != nil {
		t.Fatalf("%s: %v", path, err)
	}
	return img
}

// checkNotBlank requires the screenshot to show a drawn window: many
// distinct colours, not one uniform fill.
func checkNotBlank(t *testing.T, path string) {
	t.Helper()
	img := readPNG(t, path)
	colours := map[[3]uint32]int{}
	total, top := 0, 0
	b := img.Bounds()
	for y := b.Min.Y; y < b.Max.Y; y += 2 {
		for x := b.Min.X; x < b.Max.X; x += 2 {
			r, g, bl, _ := img.At(x, y).RGBA()
			c := [3]uint32{r >> 8, g >> 8, bl >> 8}
			colours[c]++
			total++
			top = max(top, colours[c])
		}
	}
	if len(colours) < 16 || float64(top)/float64(total) > 0.995 {
		t.Fatalf("the screenshot looks blank: %d distinct colours, the commonest covers %.1f%%", len(colours), 100*float64(top)/float64(total))
	}
	t.Logf("screenshot %v: %d distinct colours", b, len(colours))
}

// hasFyneError reports whether log holds an error Fyne logged, except one:
// Fyne watches its preferences file and reloads it when it changes, and
// on a busy machine the reload can read the file while Fyne itself is
// rewriting it, logging "Preferences load error" caused by EOF
// (fyne-io/fyne#2936). That reload changes nothing (the values in memory
// stay as they were) and the file is complete once the write ends, so it
// is no fault of the app's.
func hasFyneError(log string) bool {
	lines := strings.Split(log, "\n")
	for i, l := range lines {
		if !strings.Contains(l, "Fyne error") {
			continue
		}
		if strings.Contains(l, "Preferences load error") && i+1 < len(lines) && strings.HasSuffix(strings.TrimSpace(lines[i+1]), "Cause: EOF") {
			continue
		}
		return true
	}
	return false
}

// TestHasFyneError: the smoke tests' check lets through only Fyne's own
// preferences reload race, and nothing else Fyne logs.
func TestHasFyneError(t *testing.T) {
	race := "2026/11/28 10:04:15 Fyne error:  Preferences load error:\n2026/11/28 10:04:15   Cause: EOF\n2026/11/28 10:04:15   At: preferences.go:103\n"
	other := "2026/11/28 10:04:15 Fyne error:  Preferences load error:\n2026/11/28 10:04:15   Cause: invalid character 'x'\n"
	for _, c := range []struct {
		log  string
		want bool
	}{{"", false}, {race, false}, {other, true}, {race + "Fyne error:  Getting favorite locations\n", true}} {
		if got := hasFyneError(c.log); got != c.want {
			t.Errorf("hasFyneError(%q) = %v, want %v", c.log, got, c.want)
		}
	}
}
