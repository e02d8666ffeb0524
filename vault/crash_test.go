package vault_test

import (
	"bufio"
	"fmt"
	"math/rand/v2"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"syscall"
	"testing"
	"time"

	"filippo.io/age"

	"github.com/confidenotes/confide/vault"
)

// The crash test's child process: it opens the vault named in the
// environment and commits in a loop, printing "ack N" only after Update
// returned, that is after the commit was durable. A small journal limit
// makes it compact now and then, so kills also land mid-compaction.
const (
	envChild    = "CONFIDE_TEST_CHILD"
	envChildDir = "CONFIDE_TEST_CHILD_DIR"
	envChildKey = "CONFIDE_TEST_CHILD_KEY"
)

func TestMain(m *testing.M) {
	// The device state of the vaults tests make goes to a folder of the
	// run, which the crash test's children inherit.
	if os.Getenv(vault.EnvStateDir) == "" {
		dir, err := os.MkdirTemp("", "confide-state-")
		if err != nil {
			panic(err)
		}
		os.Setenv(vault.EnvStateDir, dir)
		code := m.Run()
		os.RemoveAll(dir)
		os.Exit(code)
	}
	switch os.Getenv(envChild) {
	case "commit-loop":
		os.Exit(childCommitLoop())
	case "hold":
		os.Exit(childHold())
	}
	os.Exit(m.Run())
}

func childOpen() (*vault.Vault, error) {
	ids, err := age.ParseIdentities(strings.NewReader(os.Getenv(envChildKey)))
	if err != nil {
		return nil, err
	}
	return vault.Open(os.Getenv(envChildDir), vault.WithIdentities(ids...), vault.JournalLimit(24<<10))
}

func childCommitLoop() int {
	v, err := childOpen()
	if err != nil {
		fmt.Fprintln(os.Stderr, "child open:", err)
		return 3
	}
	next := 1
	v.Read(func(q vault.Querier) error {
		return q.QueryRow("SELECT coalesce(max(id), 0) + 1 FROM t").Scan(&next)
	})
	body := strings.Repeat("x", 700)
	for i := next; ; i++ {
		err := v.Update(func(tx *vault.Tx) error {
			_, err := tx.Exec("INSERT INTO t(id, body) VALUES(?, ?)", i, body)
			return err
		})
		if err != nil {
			fmt.Fprintln(os.Stderr, "child commit:", err)
			return 4
		}
		fmt.Fprintf(os.Stdout, "ack %d\n", i)
	}
}

func childHold() int {
	v, err := childOpen()
	if err != nil {
		fmt.Fprintln(os.Stderr, "child open:", err)
		return 3
	}
	fmt.Println("open")
	time.Sleep(time.Minute)
	v.Close()
	return 0
}

// startChild runs this test binary as a child in the given mode.
func startChild(tb testing.TB, mode, dir, key string) (*exec.Cmd, *bufio.Scanner) {
	tb.Helper()
	cmd := exec.Command(os.Args[0], "-test.run=^$")
	cmd.Env = append(os.Environ(), envChild+"="+mode, envChildDir+"="+dir, envChildKey+"="+key)
	cmd.Stderr = os.Stderr
	out, err := cmd.StdoutPipe()
	if err != nil {
		tb.Fatal(err)
	}
	if err := cmd.Start(); err != nil {
		tb.Fatal(err)
	}
	return cmd, bufio.NewScanner(out)
}

func crashIterations() int {
	if n, err := strconv.Atoi(os.Getenv("CONFIDE_CRASH_ITERATIONS")); err == nil && n > 0 {
		return n
	}
	return 100
}

// TestCrashSafety kills a committing child with SIGKILL at random moments
// and checks, after each kill, that the vault opens, verifies, and holds
// every commit the child had acknowledged.
func TestCrashSafety(t *testing.T) {
	dir := filepath.Join(t.TempDir(), "vault")
	v, c, err := vault.Create(dir, vault.CreateOptions{})
	if err != nil {
		t.Fatal(err)
	}
	if err := v.Migrate("test", testSchema); err != nil {
		t.Fatal(err)
	}
	v.Close()
	id, _ := age.ParseX25519Identity(c.DeviceKey)
	key := vault.WithIdentities(id)
	rng := rand.New(rand.NewPCG(1, uint64(time.Now().UnixNano())))
	acked := 0
	kills := crashIterations()
	for i := 0; i < kills; i++ {
		cmd, lines := startChild(t, "commit-loop", dir, c.DeviceKey)
		done := make(chan int)
		go func() {
			last := 0
			for lines.Scan() {
				if n, err := strconv.Atoi(strings.TrimPrefix(lines.Text(), "ack ")); err == nil {
					last = n
				}
			}
			done <- last
		}()
		time.Sleep(time.Duration(5+rng.IntN(60)) * time.Millisecond)
		cmd.Process.Signal(syscall.SIGKILL)
		last := <-done
		cmd.Wait()
		if last > acked {
			acked = last
		}
		// Check read-only on odd rounds, so the next child inherits a
		// journal with records and perhaps a torn tail.
		var opts []vault.Option
		if i%2 == 1 {
			opts = append(opts, vault.ReadOnly())
		}
		if _, err := vault.Verify(dir, key); err != nil {
			t.Fatalf("kill %d: verify: %v", i, err)
		}
		v, err := vault.Open(dir, key, opts...)
		if err != nil {
			t.Fatalf("kill %d: open: %v", i, err)
		}
		got := bodies(t, v)
		for n := 1; n <= acked; n++ {
			if _, ok := got[n]; !ok {
				t.Fatalf("kill %d: acknowledged commit %d is missing (have %d rows)", i, n, len(got))
			}
		}
		// At most the one commit in flight may be there unacknowledged.
		if len(got) > acked+1 {
			t.Fatalf("kill %d: %d rows but only %d acknowledged", i, len(got), acked)
		}
		acked = len(got)
		if i%4 == 0 {
			err = v.Close() // compacts
		} else {
			err = vault.CloseWithoutCompacting(v)
		}
		if err != nil {
			t.Fatalf("kill %d: close: %v", i, err)
		}
	}
	t.Logf("%d kills, %d commits acknowledged and kept", kills, acked)
}
