package main

import (
	"encoding/json"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"sort"
	"strconv"
	"strings"
	"time"
	"unicode"

	"github.com/confidenotes/confide/notes"
	"github.com/confidenotes/confide/vault"
)

// Exit codes of the contract.
const (
	exitOK     = 0
	exitFailed = 1
	exitUsage  = 2
)

// command is one confidectl command. Files add theirs with register in init.
type command struct {
	name    string // one or two words: "init", "keys list"
	args    string // the usage after the name, e.g. "DEST"
	summary string
	flags   func(fs *flag.FlagSet) // command-specific flags
	run     func(e *env, args []string) error
}

var commands = map[string]*command{}

func register(c *command) {
	if _, dup := commands[c.name]; dup {
		panic("confidectl: command registered twice: " + c.name)
	}
	commands[c.name] = c
}

// globals are the flags every command accepts, before or after its name.
type globals struct {
	vaultDir       string
	identityFile   string
	passphraseFile string
	json           bool
}

func (g *globals) register(fs *flag.FlagSet) {
	fs.StringVar(&g.vaultDir, "vault", g.vaultDir, "the vault `folder` (default $CONFIDE_VAULT, else the per-user data folder)")
	fs.StringVar(&g.identityFile, "identity", g.identityFile, "unlock with an age identity `file` (a device or recovery key)")
	fs.StringVar(&g.passphraseFile, "passphrase-file", g.passphraseFile, "read the vault passphrase from `file`")
	fs.BoolVar(&g.json, "json", g.json, "machine-readable output")
}

// env is what a command runs with.
type env struct {
	globals
	stdin          io.Reader
	stdout, stderr io.Writer
	store          vault.KeyStore
	now            func() time.Time
	flags          *flag.FlagSet // the running command's flags
	warnings       []error       // said on stderr after the command, which still succeeds
}

// flag returns the value of the running command's flag name.
func (e *env) flag(name string) string { return e.flags.Lookup(name).Value.String() }

// flagSet reports whether the flag was given on the command line (even
// empty).
func (e *env) flagSet(name string) bool {
	set := false
	e.flags.Visit(func(f *flag.Flag) { set = set || f.Name == name })
	return set
}

// usageError is a command-line mistake: exit 2.
type usageError struct{ msg string }

func (u usageError) Error() string { return u.msg }

func usagef(format string, args ...any) error { return usageError{fmt.Sprintf(format, args...)} }

func run(args []string, stdin io.Reader, stdout, stderr io.Writer) int {
	e := &env{stdin: stdin, stdout: stdout, stderr: stderr, store: vault.OSKeyring{}, now: time.Now}
	return e.run(args)
}

func (e *env) run(args []string) int {
	top := flag.NewFlagSet("confidectl", flag.ContinueOnError)
	top.SetOutput(io.Discard)
	e.globals.register(top)
	if err := top.Parse(args); err != nil {
		if errors.Is(err, flag.ErrHelp) {
			e.printUsage()
			return exitOK
		}
		fmt.Fprintf(e.stderr, "confidectl: %v\n", err)
		return exitUsage
	}
	rest := top.Args()
	if len(rest) == 0 || rest[0] == "help" {
		e.printUsage()
		if len(rest) == 0 {
			return exitUsage
		}
		return exitOK
	}
	cmd, rest := lookup(rest)
	if cmd == nil {
		fmt.Fprintf(e.stderr, "confidectl: unknown command %q; run 'confidectl help' for the list\n", strings.Join(rest[:min(2, len(rest))], " "))
		return exitUsage
	}
	fs := flag.NewFlagSet(cmd.name, flag.ContinueOnError)
	fs.SetOutput(io.Discard)
	e.globals.register(fs)
	if cmd.flags != nil {
		cmd.flags(fs)
	}
	e.flags = fs
	if err := parseInterspersed(fs, rest); err != nil {
		if errors.Is(err, flag.ErrHelp) {
			e.printCommandUsage(cmd, fs)
			return exitOK
		}
		fmt.Fprintf(e.stderr, "confidectl %s: %v\n", cmd.name, err)
		e.printCommandUsage(cmd, fs)
		return exitUsage
	}
	if e.vaultDir == "" {
		e.vaultDir = vault.DefaultDir()
	}
	err := cmd.run(e, fs.Args())
	for _, w := range e.warnings {
		fmt.Fprintln(e.stderr, warning(w))
	}
	if err == nil {
		return exitOK
	}
	var ue usageError
	if errors.As(err, &ue) {
		fmt.Fprintf(e.stderr, "confidectl %s: %s\n", cmd.name, ue.msg)
		e.printCommandUsage(cmd, fs)
		return exitUsage
	}
	fmt.Fprintln(e.stderr, explain(err, e.vaultDir))
	return exitFailed
}

// lookup finds the longest command name that prefixes args.
func lookup(args []string) (*command, []string) {
	if len(args) >= 2 {
		if c, ok := commands[args[0]+" "+args[1]]; ok {
			return c, args[2:]
		}
	}
	if c, ok := commands[args[0]]; ok {
		return c, args[1:]
	}
	return nil, args
}

// parseInterspersed lets flags come after positional arguments too:
// "backup /mnt/usb --json" and "backup --json /mnt/usb" mean the same.
func parseInterspersed(fs *flag.FlagSet, args []string) error {
	var pos []string
	for {
		if err := fs.Parse(args); err != nil {
			return err
		}
		args = fs.Args()
		if len(args) == 0 {
			break
		}
		pos = append(pos, args[0])
		args = args[1:]
		if len(args) > 0 && args[0] == "--" {
			pos = append(pos, args[1:]...)
			break
		}
	}
	return fs.Parse(append([]string{"--"}, pos...))
}

func (e *env) printUsage() {
	fmt.Fprintln(e.stderr, "Usage: confidectl [--vault DIR] [--identity FILE] [--passphrase-file FILE] [--json] COMMAND [flags] [args]")
	fmt.Fprintln(e.stderr, "\nCommands:")
	names := make([]string, 0, len(commands))
	for n := range commands {
		names = append(names, n)
	}
	sort.Strings(names)
	for _, n := range names {
		c := commands[n]
		fmt.Fprintf(e.stderr, "  %-22s %s\n", n, c.summary)
	}
}

func (e *env) printCommandUsage(c *command, fs *flag.FlagSet) {
	fmt.Fprintf(e.stderr, "Usage: confidectl %s [flags] %s\n%s\n", c.name, c.args, c.summary)
	fs.SetOutput(e.stderr)
	fs.PrintDefaults()
	fs.SetOutput(io.Discard)
}

// key returns how to unlock, from the global flags.
func (e *env) key() (vault.Key, error) {
	switch {
	case e.identityFile != "":
		f, err := os.Open(e.identityFile)
		if err != nil {
			return nil, fmt.Errorf("read identity file: %w", err)
		}
		defer f.Close()
		ids, err := vault.ParseIdentities(f)
		if err != nil {
			return nil, err
		}
		return vault.WithIdentities(ids...), nil
	case e.passphraseFile != "":
		p, err := readSecretFile(e.passphraseFile)
		if err != nil {
			return nil, err
		}
		return vault.WithPassphrase(p), nil
	default:
		return vault.FromStore(e.store), nil
	}
}

// open unlocks the vault for a command.
func (e *env) open(opts ...vault.Option) (*vault.Vault, error) {
	k, err := e.key()
	if err != nil {
		return nil, err
	}
	return vault.Open(e.vaultDir, k, opts...)
}

// withVault opens the vault, checks the ids the command was given, runs
// fn, and closes it. What goes wrong once fn's changes are durable (the
// compaction at close, the device state) is a warning on stderr, never a
// failure: a script that retried would make the change twice.
func (e *env) withVault(fn func(v *vault.Vault) error) error {
	v, err := e.open()
	if err != nil {
		return err
	}
	err = e.checkClientFlags(v)
	if err == nil {
		err = fn(v)
	}
	e.warnings = append(e.warnings, v.Warnings()...)
	cerr := v.Close()
	switch {
	case err != nil:
		return err
	case errors.Is(cerr, vault.ErrNotCompacted):
		e.warnings = append(e.warnings, cerr)
		return nil
	}
	return cerr
}

// checkClientFlags refuses a --client that names no client, or a --note
// that names no note: an unknown id, or the id of something else (a
// note's, an authorization's), which would otherwise find nothing and
// look like an empty record.
func (e *env) checkClientFlags(v *vault.Vault) error {
	var ids []string
	if f := e.flags.Lookup("client"); f != nil {
		if l, ok := f.Value.(*list); ok {
			ids = *l
		} else if s := f.Value.String(); s != "" {
			ids = []string{s}
		}
	}
	var noteID string
	if f := e.flags.Lookup("note"); f != nil {
		noteID = f.Value.String()
	}
	if len(ids) == 0 && noteID == "" {
		return nil
	}
	s, err := notes.Open(v)
	if err != nil {
		return err
	}
	for _, id := range ids {
		if _, err := s.GetClient(id); errors.Is(err, notes.ErrNotFound) {
			return fmt.Errorf("no client has the id %s (not found%s); 'confidectl client list' shows the clients and their ids", id, idKind(id, "c"))
		} else if err != nil {
			return err
		}
	}
	if noteID != "" {
		if _, err := s.GetNote(noteID); errors.Is(err, notes.ErrNotFound) {
			return fmt.Errorf("no note has the id %s (not found%s); 'confidectl note list --client ID' shows the notes and their ids", noteID, idKind(noteID, "n"))
		} else if err != nil {
			return err
		}
	}
	return nil
}

// idKind says what an id names, from its prefix, for messages about an
// id that should have had the prefix want.
func idKind(id, want string) string {
	prefix, _, _ := strings.Cut(id, "-")
	if prefix == want {
		return ""
	}
	what := map[string]string{"n": "a note", "au": "an authorization", "di": "a disclosure", "rq": "a request",
		"rl": "a release", "co": "a consent", "sf": "a safety record", "in": "an incident", "u": "a couple, family or group",
		"k": "a consultation", "c": "a client"}[prefix]
	if what == "" {
		return ""
	}
	return ": it is " + what + "'s id"
}

// readSecretFile reads a passphrase or key file, without its final newline.
func readSecretFile(path string) (string, error) {
	b, err := readFileLimited(path, 64<<10, "the passphrase or key file")
	if err != nil {
		return "", err
	}
	return strings.TrimRight(string(b), "\r\n"), nil
}

// readLimited reads r to its end, refusing more than limit bytes: a file
// given by mistake (a disk image, /dev/zero) is refused, not read until
// memory runs out.
func readLimited(r io.Reader, limit int64, what string) ([]byte, error) {
	b, err := io.ReadAll(io.LimitReader(r, limit+1))
	if err != nil {
		return nil, fmt.Errorf("read %s: %w", what, err)
	}
	if int64(len(b)) > limit {
		return nil, fmt.Errorf("%s is longer than %s; nothing was read", what, sizeText(limit))
	}
	return b, nil
}

// readFileLimited is readLimited for a file.
func readFileLimited(path string, limit int64, what string) ([]byte, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, fmt.Errorf("read %s: %w", what, err)
	}
	defer f.Close()
	return readLimited(f, limit, what)
}

func sizeText(n int64) string {
	if n >= 1<<20 {
		return fmt.Sprintf("%d MB", n>>20)
	}
	return fmt.Sprintf("%d KB", n>>10)
}

// writeSecretFile writes key material to a new file readable only by the
// user, with the crash-safe writer: never over an existing file, never
// into a vault folder.
func writeSecretFile(path, content string) error {
	f, err := vault.CreateNewFile(path)
	if err != nil {
		return fmt.Errorf("write key file: %w", err)
	}
	return commitKeyFile(f, content)
}

// output prints v as JSON with --json, else calls human, whose text has
// its control characters shown escaped: a name or a note holding terminal
// escapes is printed, never obeyed.
func (e *env) output(v any, human func(w io.Writer)) error {
	if e.json {
		enc := json.NewEncoder(e.stdout)
		enc.SetIndent("", "  ")
		return enc.Encode(v)
	}
	w := &escaper{w: e.stdout}
	human(w)
	return w.err
}

// escaper writes text with control characters (but newline and tab)
// replaced by Go escapes: ESC becomes \x1b, U+009B \u009b.
type escaper struct {
	w   io.Writer
	err error
}

func (x *escaper) Write(p []byte) (int, error) {
	if x.err != nil {
		return 0, x.err
	}
	_, x.err = io.WriteString(x.w, escapeControls(string(p)))
	return len(p), x.err
}

func escapeControls(s string) string {
	if strings.IndexFunc(s, isEscaped) < 0 {
		return s
	}
	var b strings.Builder
	for _, r := range s {
		if isEscaped(r) {
			q := strconv.QuoteRune(r)
			b.WriteString(q[1 : len(q)-1])
			continue
		}
		b.WriteRune(r)
	}
	return b.String()
}

func isEscaped(r rune) bool {
	return r != '\n' && r != '\t' && (unicode.IsControl(r) || r == '\u2028' || r == '\u2029' || unicode.Is(unicode.Bidi_Control, r))
}
