package main

import (
	"bufio"
	"encoding/json"
	"os"
	"strconv"
	"strings"
	"sync"
	"time"

	"fyne.io/fyne/v2"

	"github.com/confidenotes/confide/ui"
)

// startup is the line --measure-startup prints.
type startup struct {
	StartToUnlockedMS int64 `json:"start_to_unlocked_ms"`
	PeakRSSMB         int64 `json:"peak_rss_mb"`
	Clients           int   `json:"clients_listed"`
}

// frameWait is long enough for the window's render loop (60 frames a
// second) to draw the new content at least once.
const frameWait = 40 * time.Millisecond

// measureOnce returns the ui.Options.OnUnlocked hook of --measure-startup:
// the first time the main window is up, it waits for it to be drawn, prints
// the time since started and the peak memory as one JSON line, and quits.
func measureOnce(started time.Time, c **ui.Confide, quit func()) func() {
	var once sync.Once
	return func() {
		once.Do(func() {
			go func() {
				time.Sleep(frameWait)
				clients := 0
				fyne.DoAndWait(func() { clients = (*c).ClientsShown() }) // drawn, and idle
				line, _ := json.Marshal(startup{
					StartToUnlockedMS: time.Since(started).Milliseconds(),
					PeakRSSMB:         peakRSSMB(),
					Clients:           clients,
				})
				os.Stdout.Write(append(line, '\n'))
				quit()
			}()
		})
	}
}

// peakRSSMB is the process's peak resident set (VmHWM) in MB, or -1 where
// /proc/self/status is not available.
func peakRSSMB() int64 {
	f, err := os.Open("/proc/self/status")
	if err != nil {
		return -1
	}
	defer f.Close()
	sc := bufio.NewScanner(f)
	for sc.Scan() {
		if rest, ok := strings.CutPrefix(sc.Text(), "VmHWM:"); ok {
			kb, err := strconv.ParseInt(strings.TrimSpace(strings.TrimSuffix(strings.TrimSpace(rest), "kB")), 10, 64)
			if err != nil {
				return -1
			}
			return (kb + 512) / 1024
		}
	}
	return -1
}
