package vault

import (
	"bytes"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"runtime"
)

// The device state: what this device (this user account on this machine)
// last saw of the vault in one folder, kept outside the folder, so that
// someone who can write to the folder cannot take it back. Open compares
// the folder with it and refuses what is older: a snapshot of an earlier
// generation, a journal that lost records this device acknowledged, an
// event log that lost entries it saw.
//
// It is a file of JSON lines in the state folder, named by the folder's
// absolute path: every commit appends one line (and fsyncs) before it is
// acknowledged; compaction and Open rewrite the file with the last line
// only. Each line carries the SHA-256 of its other fields, so a line torn
// by a power loss is known, and skipped if it is the last.

// EnvStateDir names the environment variable that overrides the folder of
// the device state.
const EnvStateDir = "CONFIDE_STATE_DIR"

// DefaultStateDir returns the folder of the device state: the
// CONFIDE_STATE_DIR environment variable, else "confide" in the per-user
// state folder (~/.local/state on Linux), "Confide Device" beside the
// default vault folder on macOS and Windows. It is never a vault folder.
func DefaultStateDir() string {
	if d := os.Getenv(EnvStateDir); d != "" {
		return d
	}
	home, _ := os.UserHomeDir()
	switch runtime.GOOS {
	case "darwin":
		return filepath.Join(home, "Library", "Application Support", "Confide Device")
	case "windows":
		if d := os.Getenv("LocalAppData"); d != "" {
			return filepath.Join(d, "Confide Device")
		}
	}
	if d := os.Getenv("XDG_STATE_HOME"); d != "" {
		return filepath.Join(d, "confide")
	}
	return filepath.Join(home, ".local", "state", "confide")
}

// seen is one line of the device state.
type seen struct {
	Vault   string `json:"vault"`
	Dir     string `json:"dir"`
	Gen     uint64 `json:"generation"`
	Seq     uint64 `json:"records"`
	Head    string `json:"head"` // hex: the snapshot's chain start, or the chain after record Seq
	Log     int64  `json:"log_entries"`
	LogHead string `json:"log_head,omitempty"` // hex hash of log entry Log
	Epoch   uint64 `json:"key_epoch"`
	KeyID   string `json:"key_id"`
	Sum     string `json:"sum"`
}

func (s seen) sum() string {
	c := s
	c.Sum = ""
	b, _ := json.Marshal(c)
	h := sha256.Sum256(b)
	return hex.EncodeToString(h[:])
}

func (s seen) line() []byte {
	s.Sum = s.sum()
	b, _ := json.Marshal(s)
	return append(b, '\n')
}

// deviceState is the state file of one vault folder.
type deviceState struct {
	fsys fileSystem
	dir  string // the state folder
	path string
	f    file  // open for appending during a writable session
	size int64 // where the next line goes
	last *seen // what read found, when the file ends with it, whole
}

func newDeviceState(fsys fileSystem, stateDir, vaultDir string) *deviceState {
	d := abs(vaultDir)
	if real, err := filepath.EvalSymlinks(d); err == nil {
		d = real
	}
	h := sha256.Sum256([]byte(d))
	name := hex.EncodeToString(h[:12]) + ".state"
	return &deviceState{fsys: fsys, dir: stateDir, path: filepath.Join(stateDir, name)}
}

// read returns the last line that checks out, or nil when this device has
// never seen a vault in the folder. A damaged line before the last is
// damage; a damaged last line is what a power loss mid-append leaves, and
// its commit's record is in the journal anyway.
func (d *deviceState) read() (*seen, error) {
	data, err := d.fsys.ReadFile(d.path)
	if errors.Is(err, os.ErrNotExist) {
		return nil, nil
	}
	if err != nil {
		return nil, fmt.Errorf("read the device state: %w", err)
	}
	lines := bytes.Split(data, []byte("\n"))
	var last *seen
	d.last = nil
	for i, l := range lines {
		if len(l) == 0 && i == len(lines)-1 {
			d.last, d.size = last, int64(len(data)) // the file ends cleanly
			break
		}
		var s seen
		ok := json.Unmarshal(l, &s) == nil && s.Sum == s.sum() && validID(s.Vault)
		if !ok {
			if i >= len(lines)-2 { // the last line, with or without its newline
				break
			}
			return nil, &DamageError{File: d.path, Offset: -1, Reason: fmt.Sprintf("line %d of the device state does not check out", i+1)}
		}
		last = &s
	}
	return last, nil
}

// keep opens the file for appending when it already ends with s, whole,
// and otherwise rewrites it: an unlock that changes nothing writes
// nothing.
func (d *deviceState) keep(s seen) error {
	if d.last == nil || d.last.Sum != s.sum() {
		return d.rewrite(s)
	}
	f, err := d.fsys.OpenFile(d.path, os.O_WRONLY, 0o600)
	if err != nil {
		return d.rewrite(s)
	}
	d.close()
	d.f = f
	return nil
}

// rewrite replaces the file with one line, the crash-safe way, and keeps it
// open for appending.
func (d *deviceState) rewrite(s seen) error {
	d.close()
	if err := mkdirAllDurable(d.fsys, d.dir); err != nil {
		return fmt.Errorf("write the device state: %w", err)
	}
	line := s.line()
	if err := writeFileAtomic(d.fsys, d.dir, filepath.Base(d.path), line); err != nil {
		return fmt.Errorf("write the device state: %w", err)
	}
	f, err := d.fsys.OpenFile(d.path, os.O_WRONLY, 0o600)
	if err != nil {
		return fmt.Errorf("write the device state: %w", err)
	}
	d.f, d.size = f, int64(len(line))
	return nil
}

// append adds a line and fsyncs. After a failed append the file may end in
// a partial line, so the next write rewrites the file instead.
func (d *deviceState) append(s seen) error {
	if d.f == nil {
		return d.rewrite(s)
	}
	line := s.line()
	_, err := d.f.WriteAt(line, d.size)
	if err == nil {
		err = d.f.Sync()
	}
	if err != nil {
		d.close()
		return fmt.Errorf("write the device state: %w", err)
	}
	d.size += int64(len(line))
	return nil
}

func (d *deviceState) close() {
	if d != nil && d.f != nil {
		d.f.Close()
		d.f = nil
	}
}
