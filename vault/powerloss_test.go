package vault

import (
	"errors"
	"fmt"
	"math/rand/v2"
	"os"
	"runtime"
	"strconv"
	"strings"
	"sync"
	"testing"
	"testing/fstest"
	"time"
)

// The power-loss tests run a session on a simulated disk (simfs_test.go),
// cut the power at an operation, bring the disk back as a power loss
// leaves it, and check that the vault opens, holds every change that was
// acknowledged, and nothing that was not (but the one in flight), and
// works on. A SIGKILL cannot test this: the page cache survives it.

const (
	simDir    = "/sim/vault"
	simState  = "/sim/state"
	simBackup = "/sim/backup"
)

var simSchema = fstest.MapFS{"0001_t.sql": {Data: []byte("CREATE TABLE t (id INTEGER PRIMARY KEY, body TEXT NOT NULL);")}}

// action is one step of a session: it returns the row it wrote (0 for
// none) and whether the vault acknowledged it.
type action func(s *session) (row int, err error)

// session is a scripted use of a vault on a simulated disk.
type session struct {
	fs       *simFS
	store    mapStore
	v        *Vault
	limit    int64
	next     int          // the next row to write
	acked    map[int]bool // rows acknowledged
	inflight int          // the row being written when the power failed, if any
	created  bool
	devices  []string // devices enrolled by the session
}

func newSession(limit int64) *session {
	return &session{fs: newSimFS("/sim"), store: mapStore{}, limit: limit, next: 1, acked: map[int]bool{}}
}

func (s *session) opts() []Option {
	return []Option{withFileSystem(s.fs), StateDir(simState), JournalLimit(s.limit)}
}

// run plays the actions until the power fails or they end.
func (s *session) run(actions []action) {
	for _, a := range actions {
		if s.fs.dead {
			return
		}
		row, err := a(s)
		if err == nil && row > 0 {
			s.acked[row] = true
		}
		if err != nil && row > 0 && s.fs.dead {
			s.inflight = row
		}
	}
}

func doCreate(s *session) (int, error) {
	v, _, err := Create(simDir, CreateOptions{Store: s.store, Label: "sim"}, s.opts()...)
	if err != nil {
		return 0, err
	}
	s.v, s.created = v, true
	return 0, v.Migrate("test", simSchema)
}

func doInsert(size int) action {
	return func(s *session) (int, error) {
		if s.v == nil {
			return 0, nil
		}
		row := s.next
		s.next++
		return row, s.v.Update(func(tx *Tx) error {
			if _, err := tx.Exec("INSERT INTO t(id, body) VALUES(?, ?)", row, strings.Repeat("x", size)); err != nil {
				return err
			}
			if row%3 == 0 {
				_, err := tx.Append(Event{At: time.Unix(int64(row), 0), Kind: "sim.row", Subject: strconv.Itoa(row)})
				return err
			}
			return nil
		})
	}
}

func doCompact(s *session) (int, error) {
	if s.v == nil {
		return 0, nil
	}
	return 0, s.v.Compact()
}

func doReopen(s *session) (int, error) {
	if s.v == nil {
		return 0, nil
	}
	s.v.Close()
	v, err := Open(simDir, FromStore(s.store), s.opts()...)
	s.v = v
	return 0, err
}

func doRotateRecovery(s *session) (int, error) {
	if s.v == nil {
		return 0, nil
	}
	_, err := s.v.RotateRecovery()
	return 0, err
}

func doEnrollAndRemove(s *session) (int, error) {
	if s.v == nil {
		return 0, nil
	}
	before := s.v.Recipients()
	// Enroll a device for another machine (its key kept by the caller),
	// then remove it, as after a lost laptop.
	dev, _ := s.v.UnlockedWith()
	if _, err := s.v.EnrollDevice("other", nil); err != nil {
		return 0, err
	}
	var added string
	for _, r := range s.v.Recipients() {
		if !hasRecipient(before, r.ID) {
			added = r.ID
		}
	}
	// EnrollDevice switched the session to the new key: reopen with ours.
	s.v.Close()
	v, err := Open(simDir, FromStore(s.store), s.opts()...)
	if err != nil {
		s.v = nil
		return 0, err
	}
	s.v = v
	if cur, _ := v.UnlockedWith(); cur.ID != dev.ID {
		return 0, fmt.Errorf("reopened with %s, want %s", cur.ID, dev.ID)
	}
	return 0, v.RemoveDevice(added)
}

func hasRecipient(rs []Recipient, id string) bool {
	for _, r := range rs {
		if r.ID == id {
			return true
		}
	}
	return false
}

func doBackup(s *session) (int, error) {
	if s.v == nil {
		return 0, nil
	}
	_, err := s.v.Backup(simBackup)
	return 0, err
}

func doClose(s *session) (int, error) {
	if s.v == nil {
		return 0, nil
	}
	err := s.v.Close()
	s.v = nil
	if err != nil {
		return 0, err
	}
	v, err := Open(simDir, FromStore(s.store), s.opts()...)
	s.v = v
	return 0, err
}

// scriptedSession is the session make test cuts at every operation.
func scriptedSession() []action {
	a := []action{doCreate}
	for range 4 {
		a = append(a, doInsert(200))
	}
	a = append(a, doCompact)
	for range 8 { // past the journal limit: an automatic compaction
		a = append(a, doInsert(1500))
	}
	a = append(a, doReopen, doInsert(100), doInsert(100), doRotateRecovery, doInsert(100),
		doEnrollAndRemove, doInsert(100), doBackup, doInsert(100), doClose, doInsert(100))
	return a
}

// randomSession is a session of the long run: it always commits at least
// once.
func randomSession(rng *rand.Rand) []action {
	a := []action{doCreate, doInsert(rng.IntN(3000))}
	for range 5 + rng.IntN(40) {
		switch p := rng.IntN(100); {
		case p < 70:
			a = append(a, doInsert(rng.IntN(3000)))
		case p < 77:
			a = append(a, doCompact)
		case p < 85:
			a = append(a, doReopen)
		case p < 89:
			a = append(a, doRotateRecovery)
		case p < 92:
			a = append(a, doEnrollAndRemove)
		case p < 96:
			a = append(a, doBackup)
		default:
			a = append(a, doClose)
		}
	}
	return a
}

// cutResult is what one power cut showed.
type cutResult struct {
	acked int
	lost  []int
	err   error
}

// cutAndCheck runs the actions with the power failing at operation cut,
// then checks the disk that comes back.
func cutAndCheck(actions []action, limit int64, cut int, torn *rand.Rand) cutResult {
	s := newSession(limit)
	s.fs.cutAt, s.fs.torn = cut, torn
	s.run(actions)
	if s.v != nil {
		CloseWithoutCompacting(s.v)
	}
	disk := s.fs.crash()
	res := cutResult{acked: len(s.acked)}
	v, err := Open(simDir, FromStore(s.store), withFileSystem(disk), StateDir(simState), JournalLimit(limit))
	if !s.created && errors.Is(err, ErrNotFound) {
		// Create never returned, and nothing of it is left: a new one works.
		v, _, err = Create(simDir, CreateOptions{Store: s.store}, withFileSystem(disk), StateDir(simState))
		if err == nil {
			err = v.Close()
		}
		res.err = err
		return res
	}
	if err != nil {
		res.err = fmt.Errorf("open after the power cut: %w", err)
		return res
	}
	got := map[int]bool{}
	if err := v.Read(func(q Querier) error {
		rows, err := q.Query("SELECT id FROM t")
		if err != nil {
			return err
		}
		defer rows.Close()
		for rows.Next() {
			var id int
			rows.Scan(&id)
			got[id] = true
		}
		return rows.Err()
	}); err != nil && s.created && len(s.acked) > 0 {
		res.err = fmt.Errorf("read after the power cut: %w", err)
	}
	for row := range s.acked {
		if !got[row] {
			res.lost = append(res.lost, row)
		}
	}
	for row := range got {
		if !s.acked[row] && row != s.inflight {
			res.err = fmt.Errorf("row %d is there but was never acknowledged (in flight: %d)", row, s.inflight)
		}
	}
	if res.err == nil {
		res.err = checkWorksOn(v, disk, s.store, limit)
	} else {
		v.Close()
	}
	return res
}

// checkWorksOn checks that a vault brought back from a power cut takes a
// commit, closes, verifies and opens again.
func checkWorksOn(v *Vault, disk *simFS, store mapStore, limit int64) error {
	if err := v.Migrate("test", simSchema); err != nil {
		v.Close()
		return fmt.Errorf("migrate after the power cut: %w", err)
	}
	if err := v.Update(func(tx *Tx) error {
		_, err := tx.Exec("INSERT INTO t(id, body) VALUES(?, 'after')", 1_000_000)
		return err
	}); err != nil {
		v.Close()
		return fmt.Errorf("commit after the power cut: %w", err)
	}
	if err := v.Close(); err != nil {
		return fmt.Errorf("close after the power cut: %w", err)
	}
	rep, err := Verify(simDir, FromStore(store), withFileSystem(disk), StateDir(simState))
	if err != nil {
		return fmt.Errorf("verify after the power cut: %w", err)
	}
	if rep.DeviceState != "seen" || !rep.Authenticated {
		return fmt.Errorf("verify after the power cut: device state %q, authenticated %v", rep.DeviceState, rep.Authenticated)
	}
	return nil
}

// countOps runs the actions without a power cut and returns how many
// disk-changing operations they make.
func countOps(actions []action, limit int64) (int, error) {
	s := newSession(limit)
	s.run(actions)
	if s.v != nil {
		if err := s.v.Close(); err != nil {
			return 0, err
		}
	}
	if len(s.acked) == 0 {
		return 0, errors.New("the session acknowledged nothing")
	}
	return s.fs.ops, nil
}

// TestPowerLossAtEveryOperation cuts the power at every operation of a
// scripted session: create, commits, an explicit and an automatic
// compaction, reopen, a recovery key rotation, a device enrolled and
// removed, a backup, close.
func TestPowerLossAtEveryOperation(t *testing.T) {
	const limit = 8 << 10
	actions := scriptedSession()
	n, err := countOps(actions, limit)
	if err != nil {
		t.Fatal(err)
	}
	acked, lost := 0, 0
	for cut := 1; cut <= n+1; cut++ {
		res := cutAndCheck(actions, limit, cut, nil)
		acked += res.acked
		lost += len(res.lost)
		if len(res.lost) > 0 {
			t.Errorf("cut at operation %d of %d: acknowledged rows %v lost", cut, n, res.lost)
		}
		if res.err != nil {
			t.Errorf("cut at operation %d of %d: %v", cut, n, res.err)
		}
	}
	t.Logf("power cut at each of %d operations: %d acknowledged commits in all, %d lost", n+1, acked, lost)
}

// TestPowerLossAtRandom is make crash-long: CONFIDE_POWERLOSS_CUTS random
// sessions (10,000 there, 30 in make test), each cut at a random
// operation, half of them leaving what was not synced partly written
// rather than gone.
func TestPowerLossAtRandom(t *testing.T) {
	cuts := 30
	if n, err := strconv.Atoi(os.Getenv("CONFIDE_POWERLOSS_CUTS")); err == nil && n > 0 {
		cuts = n
	}
	seed := uint64(time.Now().UnixNano())
	if s, err := strconv.ParseUint(os.Getenv("CONFIDE_POWERLOSS_SEED"), 10, 64); err == nil {
		seed = s
	}
	t.Logf("seed %d (CONFIDE_POWERLOSS_SEED reruns it)", seed)
	var mu sync.Mutex
	acked, lost, torn, failed, done := 0, 0, 0, 0, 0
	jobs := make(chan int)
	var wg sync.WaitGroup
	for range runtime.GOMAXPROCS(0) {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for i := range jobs {
				rng := rand.New(rand.NewPCG(seed, uint64(i)))
				limit := int64(4<<10 + rng.IntN(32<<10))
				actions := randomSession(rng)
				n, err := countOps(actions, limit)
				if err != nil {
					mu.Lock()
					failed++
					t.Errorf("session %d: without a power cut: %v", i, err)
					mu.Unlock()
					continue
				}
				var tornRng *rand.Rand
				if i%2 == 1 {
					tornRng = rand.New(rand.NewPCG(seed, uint64(i)+1<<32))
				}
				cut := 1 + rng.IntN(n+1)
				res := cutAndCheck(actions, limit, cut, tornRng)
				mu.Lock()
				acked += res.acked
				lost += len(res.lost)
				if tornRng != nil {
					torn++
				}
				if done++; done%1000 == 0 {
					t.Logf("%d of %d cuts: %d acknowledged commits, %d lost", done, cuts, acked, lost)
				}
				if len(res.lost) > 0 || res.err != nil {
					failed++
					t.Errorf("session %d, cut at operation %d of %d: lost %v: %v", i, cut, n, res.lost, res.err)
				}
				mu.Unlock()
			}
		}()
	}
	for i := range cuts {
		jobs <- i
	}
	close(jobs)
	wg.Wait()
	t.Logf("%d power cuts at random operations (%d leaving unsynced writes torn): %d acknowledged commits, %d lost, %d sessions failed",
		cuts, torn, acked, lost, failed)
}
