package main

import (
	"context"
	"encoding/json"
	"flag"
	"fmt"
	"io"
	"math/rand/v2"
	"os"
	"os/exec"
	"path/filepath"
	"runtime"
	"sort"
	"strconv"
	"strings"
	"time"

	"filippo.io/age"

	"github.com/confidenotes/confide/consent"
	"github.com/confidenotes/confide/notes"
	"github.com/confidenotes/confide/notes/demo"
	"github.com/confidenotes/confide/notes/disguise"
	"github.com/confidenotes/confide/notes/synth"
	"github.com/confidenotes/confide/vault"
)

func init() {
	register(&command{name: "bench", summary: "performance figures with their baselines, measured in one run",
		flags: func(fs *flag.FlagSet) {
			fs.Int("notes", 25000, "notes in the reference vault")
			fs.Int("saves", 200, "durable saves measured on each vault")
			fs.String("app", "", "the desktop app `BINARY`, to time its cold start to the unlocked main window (needs a display)")
		}, run: cmdBench})
}

// benchResult holds the figures of docs/cli.md's `bench --json`, in ms. A figure
// not measured is left out, never faked.
type benchResult map[string]float64

// figure describes one line of the printed table.
type figure struct {
	key, baseline, what string
	target              string
}

var benchTable = []figure{
	{"unlock_ms", "unlock_baseline_ms", "unlock (decrypt, load, replay)", "< 500 ms, <= 1.5x baseline"},
	{"save_p50_ms_small", "fsync_floor_ms", "durable save p50, 1 MB vault", "<= 3x fsync floor"},
	{"save_p50_ms_large", "save_p50_ms_small", "durable save p50, reference vault", "<= 1.5x small vault"},
	{"save_p99_ms_large", "fsync_floor_ms", "durable save p99, reference vault", ""},
	{"search_p95_ms", "", "full-text search p95, ranked, snippets", "< 20 ms"},
	{"open_client_ms", "", "open the busiest client", "< 50 ms"},
	{"disguise_note_ms", "", "disguise one note (consultation)", "< 5 ms"},
	{"release_200_ms", "", "a 200-note release PDF", "< 3000 ms"},
	{"start_to_unlocked_ms", "", "desktop: start to unlocked main window", "< 1500 ms"},
}

func cmdBench(e *env, args []string) error {
	notes, err := strconv.Atoi(e.flag("notes"))
	if err != nil || notes < 1 {
		return usagef("--notes takes a positive number")
	}
	saves, err := strconv.Atoi(e.flag("saves"))
	if err != nil || saves < 10 {
		return usagef("--saves takes a number of at least 10")
	}
	work, err := os.MkdirTemp("", "confide-bench-")
	if err != nil {
		return err
	}
	defer os.RemoveAll(work)
	b := &bencher{e: e, work: work, res: benchResult{"notes": float64(notes)}}
	if err := b.run(notes, saves); err != nil {
		return err
	}
	if e.json {
		return json.NewEncoder(e.stdout).Encode(b.res)
	}
	b.print(e.stdout)
	return nil
}

type bencher struct {
	e           *env
	work        string
	res         benchResult
	clientNotes int // notes of the client opened by open_client_ms
}

func (b *bencher) progress(format string, args ...any) {
	if !b.e.json {
		fmt.Fprintf(b.e.stderr, format+"\n", args...)
	}
}

func (b *bencher) run(n, saves int) error {
	b.progress("measuring the fsync floor")
	floor, err := fsyncFloor(b.work, saves)
	if err != nil {
		return err
	}
	b.res["fsync_floor_ms"] = floor

	b.progress("building a 1 MB vault")
	small, smallKey, err := b.build("small", 2, 100)
	if err != nil {
		return err
	}
	p50, _, err := measureSaves(small, smallKey, saves)
	if err != nil {
		return err
	}
	b.res["save_p50_ms_small"] = p50

	b.progress("building the reference vault (%d notes)", n)
	large, key, err := b.build("large", 60, n)
	if err != nil {
		return err
	}
	if st, err := os.Stat(filepath.Join(large, "vault.age")); err == nil {
		b.res["vault_bytes"] = float64(st.Size())
	}
	b.progress("timing unlock and its baseline")
	unlock, base, err := measureUnlock(large, key, 5)
	if err != nil {
		return err
	}
	b.res["unlock_ms"], b.res["unlock_baseline_ms"] = unlock, base
	p50, p99, err := measureSaves(large, key, saves)
	if err != nil {
		return err
	}
	b.res["save_p50_ms_large"], b.res["save_p99_ms_large"] = p50, p99

	b.progress("timing search and opening a client")
	v, s, err := openStore(large, key)
	if err != nil {
		return err
	}
	defer v.Close()
	if b.res["search_p95_ms"], err = measureSearch(s, 10); err != nil {
		return err
	}
	var most int
	var busiest string
	if b.res["open_client_ms"], most, busiest, err = measureOpenClient(s, 20); err != nil {
		return err
	}
	b.clientNotes = most

	b.progress("timing a 200-note release PDF")
	cs, err := consent.Open(v)
	if err != nil {
		return err
	}
	var rs []float64
	for i := 0; i < 3; i++ {
		d, _, err := consent.BenchRelease(cs, busiest, 200)
		if err != nil {
			return err
		}
		rs = append(rs, ms(d))
	}
	b.res["release_200_ms"] = percentile(rs, 50)

	if app := b.e.flag("app"); app != "" {
		// The app must find the vault free, as at a real start.
		if err := v.Close(); err != nil {
			return err
		}
		b.progress("timing the desktop app's start to the unlocked main window")
		if err := b.measureApp(app, large, key); err != nil {
			return err
		}
	}

	b.progress("timing the identifier detector and the disguise")
	b.res["detect_notes_per_s"], b.res["disguise_note_ms"] = measureDisguise(2000)
	return nil
}

// measureDisguise runs the detector over synthetic notes of about 2.5 KB
// on one core, with each client's record as the known identifiers, and
// times disguising one note for a consultation (detection included).
func measureDisguise(n int) (notesPerSecond, disguiseMS float64) {
	prev := runtime.GOMAXPROCS(1)
	defer runtime.GOMAXPROCS(prev)
	p := synth.New(11).Practice(60, n)
	known := make([]*disguise.Known, len(p.Clients))
	for i, c := range p.Clients {
		known[i] = &disguise.Known{Names: []string{c.Name(), c.Preferred}, Employer: c.Employer, School: c.School,
			Phones: []string{c.Phone}, Emails: []string{c.Email}, Addresses: []string{c.Address()}, DOB: c.DOB.Format("2006-01-02")}
		for _, r := range c.Related {
			known[i].Related = append(known[i].Related, disguise.Related{Name: r.Name, Relation: r.Relation})
		}
	}
	disguise.Detect("warm up the word lists", nil)
	t0 := time.Now()
	for _, note := range p.Notes {
		disguise.Detect(note.Text, known[note.Client])
	}
	notesPerSecond = float64(len(p.Notes)) / time.Since(t0).Seconds()
	var ts []float64
	m := disguise.NewMapping(disguise.Consultation, 1)
	for _, note := range p.Notes[:min(200, len(p.Notes))] {
		t := time.Now()
		m.Disguise(note.Text, known[note.Client])
		ts = append(ts, ms(time.Since(t)))
	}
	return notesPerSecond, percentile(ts, 50)
}

// build creates a vault holding a demo practice of n notes (60 clients
// for the reference size, fewer for small vaults) and returns its folder,
// its key and the practice's store, closed.
func (b *bencher) build(name string, clients, n int) (string, *age.X25519Identity, error) {
	dir := filepath.Join(b.work, name)
	v, c, err := vault.Create(dir, vault.CreateOptions{})
	if err != nil {
		return "", nil, err
	}
	key, _ := age.ParseX25519Identity(c.DeviceKey)
	now := time.Now()
	_, err = fillDemo(v, demo.Options{Clients: clients, Notes: n, Seed: 1, Drafts: 1,
		Today: time.Date(now.Year(), now.Month(), now.Day(), 0, 0, 0, 0, time.UTC)})
	if cerr := v.Close(); err == nil {
		err = cerr
	}
	return dir, key, err
}

// measureUnlock returns the median unlock time and the median raw baseline
// (age-decrypt the same snapshot and load it into SQLite), in ms.
func measureUnlock(dir string, key *age.X25519Identity, runs int) (unlock, base float64, err error) {
	var us, bs []float64
	for i := 0; i < runs; i++ {
		t0 := time.Now()
		v, err := vault.Open(dir, vault.WithIdentities(key))
		if err != nil {
			return 0, 0, err
		}
		us = append(us, ms(time.Since(t0)))
		v.Close()

		snap, err := os.ReadFile(filepath.Join(dir, "vault.age"))
		if err != nil {
			return 0, 0, err
		}
		t0 = time.Now()
		if err := vault.RawLoad(snap, key); err != nil {
			return 0, 0, err
		}
		bs = append(bs, ms(time.Since(t0)))
	}
	return percentile(us, 50), percentile(bs, 50), nil
}

// openStore unlocks a bench vault and opens its notes.
func openStore(dir string, key *age.X25519Identity) (*vault.Vault, *notes.Store, error) {
	v, err := vault.Open(dir, vault.WithIdentities(key))
	if err != nil {
		return nil, nil, err
	}
	s, err := notes.Open(v)
	if err != nil {
		v.Close()
		return nil, nil, err
	}
	return v, s, nil
}

// measureSaves times durable autosaves of a 2.5 KB draft, as the editor
// makes them while the clinician types.
func measureSaves(dir string, key *age.X25519Identity, n int) (p50, p99 float64, err error) {
	v, s, err := openStore(dir, key)
	if err != nil {
		return 0, 0, err
	}
	defer v.Close()
	draft, err := anyDraft(s)
	if err != nil {
		return 0, 0, err
	}
	rng := rand.New(rand.NewPCG(1, 2))
	var ts []float64
	for i := 0; i < n; i++ {
		secs := draft.Template.Blank()
		for j := range secs {
			secs[j].Text = benchText(rng, 2500/len(secs))
		}
		t0 := time.Now()
		if err := s.UpdateDraft(draft.ID, secs); err != nil {
			return 0, 0, err
		}
		ts = append(ts, ms(time.Since(t0)))
	}
	return percentile(ts, 50), percentile(ts, 99), nil
}

func anyDraft(s *notes.Store) (*notes.Note, error) {
	clients, err := s.ListClients(notes.ClientFilter{})
	if err != nil {
		return nil, err
	}
	for _, c := range clients {
		list, err := s.ListNotes(c.ID)
		if err != nil {
			return nil, err
		}
		for _, sum := range list {
			if !sum.Signed {
				return s.GetNote(sum.ID)
			}
		}
	}
	return nil, fmt.Errorf("the bench vault has no draft")
}

// benchQueries are what clinicians search for: words, names, phrases,
// prefixes, with and without a client filter.
var benchQueries = []string{"sleep", "mother", "anxiety panic", `"work stress"`, "medication",
	"grief", "exposure homework", "boundar*", "safety plan", "school", "divorce", "insomnia",
	"husband", "father", "relaps*", "trauma", "avoidance", "self-harm", "birthday", "hospital"}

// measureSearch returns the 95th percentile of ranked searches with snippets.
func measureSearch(s *notes.Store, rounds int) (float64, error) {
	clients, err := s.ListClients(notes.ClientFilter{})
	if err != nil || len(clients) == 0 {
		return 0, fmt.Errorf("the bench vault has no clients")
	}
	var ts []float64
	for r := 0; r < rounds; r++ {
		for i, q := range benchQueries {
			f := notes.Filter{}
			if i%3 == 0 {
				f.ClientID = clients[(r+i)%len(clients)].ID
			}
			t0 := time.Now()
			if _, err := s.Search(q, f); err != nil {
				return 0, err
			}
			ts = append(ts, ms(time.Since(t0)))
		}
	}
	return percentile(ts, 95), nil
}

// measureOpenClient times what opening a client shows: the record and the
// list of its notes, for the client with the most notes.
func measureOpenClient(s *notes.Store, runs int) (float64, int, string, error) {
	clients, err := s.ListClients(notes.ClientFilter{})
	if err != nil {
		return 0, 0, "", err
	}
	busiest, most := "", -1
	for _, c := range clients {
		list, err := s.ListNotes(c.ID)
		if err != nil {
			return 0, 0, "", err
		}
		if len(list) > most {
			busiest, most = c.ID, len(list)
		}
	}
	var ts []float64
	for i := 0; i < runs; i++ {
		t0 := time.Now()
		if _, err := s.GetClient(busiest); err != nil {
			return 0, 0, "", err
		}
		if _, err := s.ListNotes(busiest); err != nil {
			return 0, 0, "", err
		}
		ts = append(ts, ms(time.Since(t0)))
	}
	return percentile(ts, 50), most, busiest, nil
}

// fsyncFloor is the median cost of appending 4 KB to a file and fsyncing.
func fsyncFloor(dir string, n int) (float64, error) {
	f, err := os.Create(filepath.Join(dir, "fsync-floor"))
	if err != nil {
		return 0, err
	}
	defer f.Close()
	buf := make([]byte, 4096)
	var ts []float64
	for i := 0; i < n; i++ {
		t0 := time.Now()
		if _, err := f.Write(buf); err != nil {
			return 0, err
		}
		if err := f.Sync(); err != nil {
			return 0, err
		}
		ts = append(ts, ms(time.Since(t0)))
	}
	return percentile(ts, 50), nil
}

func ms(d time.Duration) float64 { return float64(d.Microseconds()) / 1000 }

func percentile(xs []float64, p float64) float64 {
	s := append([]float64(nil), xs...)
	sort.Float64s(s)
	i := int(p / 100 * float64(len(s)-1))
	return s[i]
}

func (b *bencher) print(w io.Writer) {
	fmt.Fprintf(w, "Reference vault: %.0f notes of a 60-client demo practice, %.1f MB encrypted; the busiest client has %d notes\n\n",
		b.res["notes"], b.res["vault_bytes"]/1e6, b.clientNotes)
	fmt.Fprintf(w, "%-36s %10s %12s %8s   %s\n", "figure", "ms", "baseline ms", "ratio", "target")
	defer func() {
		fmt.Fprintf(w, "%-36s %10.0f %12s %8s   %s\n", "identifier detection, notes/s, 1 core", b.res["detect_notes_per_s"], "", "", ">= 2000 notes/s")
		if rss, ok := b.res["peak_rss_mb"]; ok {
			fmt.Fprintf(w, "%-36s %10.0f %12s %8s   %s\n", "desktop: peak memory there, MB", rss, "", "", "< 400 MB")
		}
	}()
	for _, f := range benchTable {
		v, ok := b.res[f.key]
		if !ok {
			continue
		}
		base, ratio := b.res[f.baseline], "-"
		if f.baseline != "" && base > 0 {
			ratio = fmt.Sprintf("%.2fx", v/base)
		}
		fmt.Fprintf(w, "%-36s %10.2f %12.2f %8s   %s\n", f.what, v, base, ratio, f.target)
	}
}

var benchWords = strings.Fields(`client reported session anxiety sleep work family mother father partner
	improved discussed plan goals coping skills homework mood affect stable denied risk safety
	therapist reviewed progress cognitive behavioral patterns avoidance exposure week stress
	relationship conflict boundaries grief loss medication appointment follow next explored`)

// benchText is filler prose of about size bytes for autosaves.
func benchText(rng *rand.Rand, size int) string {
	var sb strings.Builder
	for sb.Len() < size {
		sb.WriteString(benchWords[rng.IntN(len(benchWords))])
		sb.WriteByte(' ')
	}
	return sb.String()
}

// measureApp starts the desktop app on the reference vault with
// --measure-startup, three times, and keeps the median time from exec to
// its report (process start-up included) and the largest peak memory.
func (b *bencher) measureApp(app, dir string, key *age.X25519Identity) error {
	keyFile := filepath.Join(b.work, "device.key")
	if err := os.WriteFile(keyFile, []byte(key.String()+"\n"), 0o600); err != nil {
		return err
	}
	home := filepath.Join(b.work, "home")
	os.MkdirAll(home, 0o700)
	var ts []float64
	for i := 0; i < 3; i++ {
		ctx, cancel := context.WithTimeout(context.Background(), 2*time.Minute)
		defer cancel()
		cmd := exec.CommandContext(ctx, app, "--vault", dir, "--identity", keyFile, "--measure-startup")
		cmd.Env = append(os.Environ(), "HOME="+home, "LANG=en_US.UTF-8")
		out, err := cmd.StdoutPipe()
		if err != nil {
			return err
		}
		t0 := time.Now()
		if err := cmd.Start(); err != nil {
			return fmt.Errorf("start the desktop app: %w", err)
		}
		var line struct {
			StartMS float64 `json:"start_to_unlocked_ms"`
			PeakMB  float64 `json:"peak_rss_mb"`
		}
		err = json.NewDecoder(out).Decode(&line)
		elapsed := ms(time.Since(t0))
		if werr := cmd.Wait(); err == nil {
			err = werr
		}
		if err != nil {
			return fmt.Errorf("the desktop app did not report its start (is there a display?): %w", err)
		}
		ts = append(ts, elapsed)
		b.res["peak_rss_mb"] = max(b.res["peak_rss_mb"], line.PeakMB)
	}
	b.res["start_to_unlocked_ms"] = percentile(ts, 50)
	return nil
}
