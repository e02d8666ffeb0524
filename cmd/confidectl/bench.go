package main

import (
	"bytes"
	"encoding/json"
	"flag"
	"fmt"
	"io"
	"math/rand/v2"
	"os"
	"path/filepath"
	"sort"
	"strconv"
	"strings"
	"time"

	"filippo.io/age"

	"github.com/confidenotes/confide/vault"
)

func init() {
	register(&command{name: "bench", summary: "performance figures with their baselines, measured in one run",
		flags: func(fs *flag.FlagSet) {
			fs.Int("notes", 25000, "notes in the reference vault")
			fs.Int("saves", 200, "durable saves measured on each vault")
		}, run: cmdBench})
}

// benchResult holds the figures of CLI.md's `bench --json`, in ms. A figure
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
	e    *env
	work string
	res  benchResult
}

func (b *bencher) progress(format string, args ...any) {
	if !b.e.json {
		fmt.Fprintf(b.e.stderr, format+"\n", args...)
	}
}

func (b *bencher) run(notes, saves int) error {
	b.progress("measuring the fsync floor")
	floor, err := fsyncFloor(b.work, saves)
	if err != nil {
		return err
	}
	b.res["fsync_floor_ms"] = floor

	b.progress("building a 1 MB vault")
	small, smallKey, err := b.build("small", 400)
	if err != nil {
		return err
	}
	p50, _, err := measureSaves(small, smallKey, saves)
	if err != nil {
		return err
	}
	b.res["save_p50_ms_small"] = p50

	b.progress("building the reference vault (%d notes)", notes)
	large, key, err := b.build("large", notes)
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
	return nil
}

// build creates a vault of n synthetic notes of about 2.5 KB with a
// full-text index, like a practice's, and returns its folder and key.
func (b *bencher) build(name string, n int) (string, *age.X25519Identity, error) {
	dir := filepath.Join(b.work, name)
	v, c, err := vault.Create(dir, vault.CreateOptions{})
	if err != nil {
		return "", nil, err
	}
	key, _ := age.ParseX25519Identity(c.DeviceKey)
	err = v.Update(func(tx *vault.Tx) error {
		_, err := tx.Exec(`CREATE TABLE bench_notes (id INTEGER PRIMARY KEY, client INTEGER NOT NULL, body TEXT NOT NULL);
			CREATE VIRTUAL TABLE bench_fts USING fts5(body, content='bench_notes', content_rowid='id');`)
		return err
	})
	rng := rand.New(rand.NewPCG(uint64(n), 7))
	for start := 0; err == nil && start < n; start += 500 {
		err = v.Update(func(tx *vault.Tx) error {
			for i := start; i < min(start+500, n); i++ {
				body := benchText(rng, 2500)
				if _, err := tx.Exec("INSERT INTO bench_notes(id, client, body) VALUES(?, ?, ?)", i+1, i%60, body); err != nil {
					return err
				}
				if _, err := tx.Exec("INSERT INTO bench_fts(rowid, body) VALUES(?, ?)", i+1, body); err != nil {
					return err
				}
			}
			return nil
		})
	}
	if err == nil {
		err = v.Close()
	}
	return dir, key, err
}

var benchWords = strings.Fields(`client reported session anxiety sleep work family mother father partner
	improved discussed plan goals coping skills homework mood affect stable denied risk safety
	therapist reviewed progress cognitive behavioral patterns avoidance exposure week stress
	relationship conflict boundaries grief loss medication appointment follow next explored`)

func benchText(rng *rand.Rand, size int) string {
	var sb strings.Builder
	for sb.Len() < size {
		sb.WriteString(benchWords[rng.IntN(len(benchWords))])
		sb.WriteByte(' ')
	}
	return sb.String()
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
		if err := vault.RawLoad(bytes.NewReader(snap), key); err != nil {
			return 0, 0, err
		}
		bs = append(bs, ms(time.Since(t0)))
	}
	return percentile(us, 50), percentile(bs, 50), nil
}

// measureSaves times durable saves of a 2.5 KB note (an autosave).
func measureSaves(dir string, key *age.X25519Identity, n int) (p50, p99 float64, err error) {
	v, err := vault.Open(dir, vault.WithIdentities(key))
	if err != nil {
		return 0, 0, err
	}
	defer v.Close()
	rng := rand.New(rand.NewPCG(1, 2))
	var ts []float64
	for i := 0; i < n; i++ {
		body := benchText(rng, 2500)
		t0 := time.Now()
		err := v.Update(func(tx *vault.Tx) error {
			_, err := tx.Exec("UPDATE bench_notes SET body = ? WHERE id = ?", body, 1+i%50)
			return err
		})
		if err != nil {
			return 0, 0, err
		}
		ts = append(ts, ms(time.Since(t0)))
	}
	return percentile(ts, 50), percentile(ts, 99), nil
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
	fmt.Fprintf(w, "Reference vault: %.0f notes, %.1f MB encrypted\n\n", b.res["notes"], b.res["vault_bytes"]/1e6)
	fmt.Fprintf(w, "%-36s %10s %12s %8s   %s\n", "figure", "ms", "baseline ms", "ratio", "target")
	for _, f := range benchTable {
		v, ok := b.res[f.key]
		if !ok {
			continue
		}
		base := b.res[f.baseline]
		ratio := "-"
		if base > 0 {
			ratio = fmt.Sprintf("%.2fx", v/base)
		}
		fmt.Fprintf(w, "%-36s %10.2f %12.2f %8s   %s\n", f.what, v, base, ratio, f.target)
	}
}
