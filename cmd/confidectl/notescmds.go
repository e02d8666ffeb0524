package main

import (
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"sort"
	"strconv"
	"strings"

	"github.com/confidenotes/confide/clinical"
	"github.com/confidenotes/confide/notes"
	"github.com/confidenotes/confide/vault"
)

// list is a repeatable string flag.
type list []string

func (l *list) String() string     { return strings.Join(*l, ", ") }
func (l *list) Set(v string) error { *l = append(*l, v); return nil }

func init() {
	register(&command{name: "client add", summary: "add a client; prints its id",
		flags: func(fs *flag.FlagSet) {
			fs.String("name", "", "the client's full `NAME`")
			fs.String("preferred", "", "preferred name")
			fs.String("pronouns", "", "pronouns")
			fs.String("dob", "", "date of birth, `YYYY-MM-DD`")
			fs.Var(&list{}, "phone", "phone number (repeatable)")
			fs.Var(&list{}, "email", "email address (repeatable)")
			fs.Var(&list{}, "address", "postal address (repeatable)")
			fs.String("employer", "", "employer")
			fs.String("school", "", "school")
			fs.Var(&list{}, "related", "a related person, \"NAME:RELATION\" (repeatable)")
			fs.Bool("minor", false, "the client is a minor")
			fs.Var(&list{}, "guardian", "guardian or personal representative `NAME` (repeatable)")
			fs.String("intake", "", "intake date, `YYYY-MM-DD`")
		}, run: cmdClientAdd})
	register(&command{name: "client list", summary: "list the clients", run: cmdClientList})
	register(&command{name: "client show", args: "ID", id: "c", summary: "show a client, with retention", run: cmdClientShow})
	register(&command{name: "note add", summary: "add a draft note (body from --file or stdin); prints its id",
		flags: func(fs *flag.FlagSet) {
			fs.String("client", "", "the client `ID`")
			fs.String("kind", "", "intake, progress, treatment-plan, contact, termination, psychotherapy, other")
			fs.String("template", "free", "soap, dap, birp, girp or free")
			fs.String("date", "", "session date, `YYYY-MM-DD` (default today)")
			fs.String("start", "", "session start time, `HH:MM`")
			fs.Int("duration", 0, "session length in `minutes`")
			fs.String("service-code", "", "service (billing) code")
			fs.String("file", "", "read the body from `FILE` instead of stdin")
		}, run: cmdNoteAdd})
	register(&command{name: "note edit", args: "ID", id: "n", summary: "replace a draft's body (from --file or stdin)",
		flags: func(fs *flag.FlagSet) { fs.String("file", "", "read the body from `FILE` instead of stdin") }, run: cmdNoteEdit})
	register(&command{name: "note session", args: "ID", id: "n", summary: "set a draft's session: date, start, length and service code (only the flags given change)",
		flags: func(fs *flag.FlagSet) {
			fs.String("date", "", "session date, `YYYY-MM-DD`")
			fs.String("start", "", "session start time, `HH:MM`")
			fs.String("duration", "", "session length in `minutes`")
			fs.String("service-code", "", "service (billing) code")
		}, run: cmdNoteSession})
	register(&command{name: "note sign", args: "ID", id: "n", summary: "sign and freeze a note (a session note needs its start, length and service code that fits its minutes)",
		flags: func(fs *flag.FlagSet) {
			fs.Bool("accept-code-mismatch", false, "sign although the psychotherapy time code does not fit the minutes")
		}, run: cmdNoteSign})
	register(&command{name: "note addendum", args: "ID", id: "n", summary: "append a dated, signed addendum to a signed note; prints its id",
		flags: func(fs *flag.FlagSet) { fs.String("file", "", "read the addendum from `FILE` instead of stdin") }, run: cmdNoteAddendum})
	register(&command{name: "note show", args: "ID", id: "n", summary: "show a note with its addenda", run: cmdNoteShow})
	register(&command{name: "note list", summary: "list a client's notes",
		flags: func(fs *flag.FlagSet) { fs.String("client", "", "the client `ID`") }, run: cmdNoteList})
	register(&command{name: "search", args: "QUERY", summary: "full-text search; ranked hits with snippets",
		flags: func(fs *flag.FlagSet) {
			fs.String("client", "", "only this client's notes")
			fs.String("kind", "", "only these kinds, comma-separated")
			fs.String("from", "", "sessions on or after `YYYY-MM-DD`")
			fs.String("to", "", "sessions on or before `YYYY-MM-DD`")
			fs.Int("limit", 20, "at most this many hits")
		}, run: cmdSearch})
	register(&command{name: "log verify", summary: "check the hash chain of the vault's event log", run: cmdLogVerify})
	register(&command{name: "import", args: "DIR", summary: "import .txt and .md files as draft notes, dated from the file",
		flags: func(fs *flag.FlagSet) {
			fs.String("client", "", "the client `ID`")
			fs.String("kind", "progress", "the kind of the imported notes")
		}, run: cmdImport})
}

// withNotes opens the vault and the notes store for fn.
func (e *env) withNotes(fn func(s *notes.Store) error) error {
	return e.withVault(func(v *vault.Vault) error {
		s, err := notes.Open(v, notes.WithClock(e.now))
		if err != nil {
			return err
		}
		return notesHint(fn(s))
	})
}

// notesHint adds what to do next to the notes errors a user can cause.
func notesHint(err error) error {
	switch {
	case err == nil:
		return nil
	case errors.Is(err, notes.ErrSigned):
		return notes.ErrSigned
	case errors.Is(err, notes.ErrNotSigned):
		return errors.New("note is a draft; change it with 'note edit', or sign it first and then add an addendum")
	case errors.Is(err, notes.ErrEmpty):
		return fmt.Errorf("%w; nothing was changed", err)
	case errors.Is(err, notes.ErrSessionIncomplete):
		return fmt.Errorf("%w; set them with 'confidectl note session ID --start HH:MM --duration MINUTES --service-code CODE'", err)
	case errors.Is(err, notes.ErrNotFound):
		return fmt.Errorf("%w; 'confidectl client list' and 'confidectl note list --client ID' show the ids", err)
	case errors.Is(err, notes.ErrTampered):
		return fmt.Errorf("%w; nothing was changed. Run 'confidectl verify'; keep the vault as it is and restore from a backup", err)
	}
	return err
}

// body reads a note body from --file, or from stdin, at most
// notes.MaxNoteBytes, as noteText.
func (e *env) body() (string, error) {
	if p := e.flag("file"); p != "" && p != "-" {
		b, err := readFileLimited(p, notes.MaxNoteBytes, "the note body")
		if err != nil {
			return "", err
		}
		s, err := noteText(b)
		if err != nil {
			return "", fmt.Errorf("%s %w", filepath.Base(p), err)
		}
		return s, nil
	}
	b, err := readLimited(e.stdin, notes.MaxNoteBytes, "the note body from stdin")
	if err != nil {
		return "", err
	}
	s, err := noteText(b)
	if err != nil {
		return "", fmt.Errorf("the note body %w", err)
	}
	return s, nil
}

// listFlag returns the values of a repeatable flag.
func (e *env) listFlag(name string) []string { return *e.flags.Lookup(name).Value.(*list) }

// dateFlag checks a YYYY-MM-DD flag: a bad one is a usage error.
func (e *env) dateFlag(name string) (string, error) {
	v := e.flag(name)
	if v == "" {
		if e.flagSet(name) {
			return "", usagef("--%s is empty: give a date, YYYY-MM-DD, or leave the flag out", name)
		}
		return "", nil
	}
	if _, err := notes.ParseDate(v); err != nil {
		return "", usagef("--%s must be a date, YYYY-MM-DD", name)
	}
	return v, nil
}

func oneID(args []string, what string) (string, error) {
	if len(args) != 1 {
		return "", usagef("%s takes one argument, the id", what)
	}
	return args[0], nil
}

func cmdClientAdd(e *env, args []string) error {
	if len(args) != 0 {
		return usagef("client add takes no arguments; give the details as flags")
	}
	c := notes.Client{Name: e.flag("name"), Preferred: e.flag("preferred"), Pronouns: e.flag("pronouns"),
		Phones: e.listFlag("phone"), Emails: e.listFlag("email"), Addresses: e.listFlag("address"),
		Employer: e.flag("employer"), School: e.flag("school"), Minor: e.flag("minor") == "true"}
	if strings.TrimSpace(c.Name) == "" {
		return usagef("client add needs --name")
	}
	var err error
	if c.DOB, err = e.dateFlag("dob"); err != nil {
		return err
	}
	if c.IntakeDate, err = e.dateFlag("intake"); err != nil {
		return err
	}
	for _, r := range e.listFlag("related") {
		name, rel, ok := strings.Cut(r, ":")
		if !ok || strings.TrimSpace(name) == "" || strings.TrimSpace(rel) == "" {
			return usagef("--related takes \"NAME:RELATION\", e.g. \"Sam Lee:spouse\"")
		}
		c.Related = append(c.Related, notes.Person{Name: strings.TrimSpace(name), Relation: strings.TrimSpace(rel)})
	}
	for _, g := range e.listFlag("guardian") {
		c.Guardians = append(c.Guardians, notes.Person{Name: g, Relation: "guardian"})
	}
	return e.withNotes(func(s *notes.Store) error {
		added, err := s.AddClient(c)
		if err != nil {
			return err
		}
		return e.output(map[string]string{"id": added.ID}, func(w io.Writer) { fmt.Fprintln(w, added.ID) })
	})
}

func cmdClientList(e *env, args []string) error {
	if len(args) != 0 {
		return usagef("client list takes no arguments")
	}
	return e.withNotes(func(s *notes.Store) error {
		cs, err := s.ListClients(notes.ClientFilter{})
		if err != nil {
			return err
		}
		if cs == nil {
			cs = []notes.Client{}
		}
		return e.output(cs, func(w io.Writer) {
			for _, c := range cs {
				fmt.Fprintf(w, "%-20s %-7s %s\n", c.ID, c.Status, c.Name)
			}
		})
	})
}

// clientView is client show's JSON: the client and its retention.
type clientView struct {
	*notes.Client
	Retention notes.Retention `json:"retention"`
}

func cmdClientShow(e *env, args []string) error {
	id, err := oneID(args, "client show")
	if err != nil {
		return err
	}
	return e.withNotes(func(s *notes.Store) error {
		c, err := s.GetClient(id)
		if err != nil {
			return err
		}
		r, err := s.Retention(id)
		if err != nil {
			return err
		}
		return e.output(clientView{c, r}, func(w io.Writer) { printClient(w, c, r) })
	})
}

func cmdNoteAdd(e *env, args []string) error {
	if len(args) != 0 {
		return usagef("note add takes no arguments; the body comes from --file or stdin")
	}
	clientID := e.flag("client")
	if clientID == "" || e.flag("kind") == "" {
		return usagef("note add needs --client ID and --kind KIND")
	}
	kind, err := notes.ParseKind(e.flag("kind"))
	if err != nil {
		return usagef("%v", err)
	}
	tmpl, err := notes.ParseTemplate(e.flag("template"))
	if err != nil {
		return usagef("%v", err)
	}
	date, err := e.dateFlag("date")
	if err != nil {
		return err
	}
	if date == "" {
		date = e.now().Format(notes.DateLayout)
	}
	var duration int
	fmt.Sscan(e.flag("duration"), &duration)
	sess := notes.Session{Date: date, Start: e.flag("start"), DurationMin: duration, ServiceCode: e.flag("service-code")}
	text, err := e.body()
	if err != nil {
		return err
	}
	return e.withNotes(func(s *notes.Store) error {
		n, err := s.NewDraft(notes.Draft{ClientID: clientID, Kind: kind, Template: tmpl, Session: sess, Sections: tmpl.ParseBody(text)})
		if err != nil {
			return err
		}
		return e.output(map[string]string{"id": n.ID}, func(w io.Writer) { fmt.Fprintln(w, n.ID) })
	})
}

func cmdNoteEdit(e *env, args []string) error {
	id, err := oneID(args, "note edit")
	if err != nil {
		return err
	}
	text, err := e.body()
	if err != nil {
		return err
	}
	return e.withNotes(func(s *notes.Store) error {
		n, err := s.GetNote(id)
		if err != nil {
			return err
		}
		if n.Signed() {
			return notes.ErrSigned
		}
		if err := s.UpdateDraft(id, n.Template.ParseBody(text)); err != nil {
			return err
		}
		return e.output(map[string]any{"ok": true, "id": id}, func(w io.Writer) { fmt.Fprintf(w, "saved %s\n", id) })
	})
}

func cmdNoteSession(e *env, args []string) error {
	id, err := oneID(args, "note session")
	if err != nil {
		return err
	}
	given := map[string]bool{}
	e.flags.Visit(func(f *flag.Flag) { given[f.Name] = true })
	if !given["date"] && !given["start"] && !given["duration"] && !given["service-code"] {
		return usagef("note session needs --date, --start, --duration or --service-code")
	}
	date, err := e.dateFlag("date")
	if err != nil {
		return err
	}
	var minutes int
	if given["duration"] {
		if minutes, err = strconv.Atoi(e.flag("duration")); err != nil || minutes < 0 {
			return usagef("--duration takes a whole number of minutes, such as 50")
		}
	}
	return e.withNotes(func(s *notes.Store) error {
		n, err := s.GetNote(id)
		if err != nil {
			return err
		}
		sess := n.Session
		if given["date"] {
			sess.Date = date
		}
		if given["start"] {
			sess.Start = e.flag("start")
		}
		if given["duration"] {
			sess.DurationMin = minutes
		}
		if given["service-code"] {
			sess.ServiceCode = e.flag("service-code")
		}
		if err := s.UpdateSession(id, sess); err != nil {
			return err
		}
		return e.output(map[string]any{"ok": true, "id": id, "session": sess}, func(w io.Writer) { fmt.Fprintf(w, "saved %s\n", id) })
	})
}

func cmdNoteSign(e *env, args []string) error {
	id, err := oneID(args, "note sign")
	if err != nil {
		return err
	}
	return e.withClinical(func(cs *clinical.Store) error {
		s := cs.Notes()
		n, chk, err := cs.SignNote(id, e.flag("accept-code-mismatch") == "true")
		if errors.Is(err, clinical.ErrCodeMismatch) {
			fix := "change the length or the code with 'confidectl note session " + id + " --duration MINUTES --service-code CODE'"
			if chk.Fits != "" {
				fix = "change the code with 'confidectl note session " + id + " --service-code " + chk.Fits + "'"
			}
			return fmt.Errorf("%w; nothing was signed: %s, or sign as it is with --accept-code-mismatch", err, fix)
		}
		if err != nil {
			return notesHint(err)
		}
		return e.output(noteView(n), func(w io.Writer) {
			prof, _ := s.Practice().Profile()
			fmt.Fprintf(w, "signed %s: %s; sha256:%s\n", n.ID, prof.SignatureLine(n.SignedBy, n.SignedAt), n.Hash)
			if !chk.OK {
				fmt.Fprintf(w, "note: signed with service code %s although %s\n", n.ServiceCode, chk.Reason)
			}
			for _, warn := range notes.PsychotherapyWarnings(n) {
				fmt.Fprintf(w, "note: section %s mentions a %s, which belongs in the record rather than a psychotherapy note\n", warn.Section, warn.Topic)
			}
		})
	})
}

func cmdNoteAddendum(e *env, args []string) error {
	id, err := oneID(args, "note addendum")
	if err != nil {
		return err
	}
	text, err := e.body()
	if err != nil {
		return err
	}
	return e.withNotes(func(s *notes.Store) error {
		a, err := s.AddAddendum(id, text)
		if err != nil {
			return err
		}
		return e.output(map[string]string{"id": a.ID}, func(w io.Writer) { fmt.Fprintln(w, a.ID) })
	})
}

// noteJSON is note show's JSON: the note, whether it belongs to the
// designated record set, and the psychotherapy-note warnings.
type noteJSON struct {
	*notes.Note
	DesignatedRecordSet bool            `json:"designated_record_set"`
	Warnings            []notes.Warning `json:"warnings,omitempty"`
}

func noteView(n *notes.Note) noteJSON {
	return noteJSON{n, n.InDesignatedRecordSet(), notes.PsychotherapyWarnings(n)}
}

func cmdNoteShow(e *env, args []string) error {
	id, err := oneID(args, "note show")
	if err != nil {
		return err
	}
	return e.withNotes(func(s *notes.Store) error {
		n, err := s.GetNote(id)
		if err != nil {
			return err
		}
		prof, err := s.Practice().Profile()
		if err != nil {
			return err
		}
		return e.output(noteView(n), func(w io.Writer) { printNote(w, n, prof) })
	})
}

func cmdNoteList(e *env, args []string) error {
	if len(args) != 0 || e.flag("client") == "" {
		return usagef("note list needs --client ID")
	}
	return e.withNotes(func(s *notes.Store) error {
		ss, err := s.ListNotes(e.flag("client"))
		if err != nil {
			return err
		}
		if ss == nil {
			ss = []notes.Summary{}
		}
		return e.output(ss, func(w io.Writer) { printSummaries(w, ss) })
	})
}

func cmdSearch(e *env, args []string) error {
	if len(args) == 0 {
		return usagef("search needs a query")
	}
	f := notes.Filter{ClientID: e.flag("client")}
	fmt.Sscan(e.flag("limit"), &f.Limit)
	var err error
	if f.From, err = e.dateFlag("from"); err != nil {
		return err
	}
	if f.To, err = e.dateFlag("to"); err != nil {
		return err
	}
	if k := e.flag("kind"); k != "" {
		for _, name := range strings.Split(k, ",") {
			kind, err := notes.ParseKind(strings.TrimSpace(name))
			if err != nil {
				return usagef("%v", err)
			}
			f.Kinds = append(f.Kinds, kind)
		}
	}
	return e.withNotes(func(s *notes.Store) error {
		hits, err := s.Search(strings.Join(args, " "), f)
		if err != nil {
			return err
		}
		if hits == nil {
			hits = []notes.Hit{}
		}
		return e.output(hits, func(w io.Writer) { printHits(w, hits) })
	})
}

func cmdLogVerify(e *env, args []string) error {
	if len(args) != 0 {
		return usagef("log verify takes no arguments")
	}
	return e.withVault(func(v *vault.Vault) error {
		n, err := v.VerifyLog()
		if err != nil {
			return err
		}
		return e.output(map[string]any{"ok": true, "entries": n}, func(w io.Writer) {
			fmt.Fprintf(w, "ok: %d log entries, the hash chain checks out\n", n)
		})
	})
}

// importable lists the .txt and .md files of dir, by name.
func importable(dir string) ([]string, error) {
	entries, err := os.ReadDir(dir)
	if err != nil {
		return nil, fmt.Errorf("read the import folder: %w", err)
	}
	var out []string
	for _, en := range entries {
		ext := strings.ToLower(filepath.Ext(en.Name()))
		if en.Type().IsRegular() && (ext == ".txt" || ext == ".md") {
			out = append(out, filepath.Join(dir, en.Name()))
		}
	}
	sort.Strings(out)
	return out, nil
}

// fileDate is the date a file's name starts with (YYYY-MM-DD...), else the
// date it was last modified.
func fileDate(path string, info os.FileInfo) string {
	if base := filepath.Base(path); len(base) >= 10 {
		if _, err := notes.ParseDate(base[:10]); err == nil {
			return base[:10]
		}
	}
	return info.ModTime().Format(notes.DateLayout)
}

func cmdImport(e *env, args []string) error {
	if len(args) != 1 || e.flag("client") == "" {
		return usagef("import needs the folder and --client ID")
	}
	kind, err := notes.ParseKind(e.flag("kind"))
	if err != nil {
		return usagef("%v", err)
	}
	files, err := importable(args[0])
	if err != nil {
		return err
	}
	var drafts []notes.Draft
	for _, p := range files {
		b, err := readFileLimited(p, notes.MaxNoteBytes, filepath.Base(p))
		if err != nil {
			return err
		}
		text, err := noteText(b)
		if err != nil {
			return fmt.Errorf("%s %w; nothing was imported", filepath.Base(p), err)
		}
		info, err := os.Stat(p)
		if err != nil {
			return err
		}
		drafts = append(drafts, notes.Draft{ClientID: e.flag("client"), Kind: kind, Template: notes.Free,
			Session: notes.Session{Date: fileDate(p, info)}, Sections: notes.Free.ParseBody(text)})
	}
	type imported struct {
		File string `json:"file"`
		ID   string `json:"id"`
		Date string `json:"date"`
	}
	out := []imported{}
	if len(drafts) > 0 {
		err = e.withNotes(func(s *notes.Store) error {
			ns, err := s.NewDrafts(drafts)
			for i, n := range ns {
				out = append(out, imported{filepath.Base(files[i]), n.ID, n.Date})
			}
			return err
		})
		if err != nil {
			return err
		}
	}
	return e.output(map[string]any{"imported": out}, func(w io.Writer) {
		for _, im := range out {
			fmt.Fprintf(w, "%s  %s  %s\n", im.ID, im.Date, im.File)
		}
		fmt.Fprintf(w, "imported %d notes as drafts\n", len(out))
	})
}
