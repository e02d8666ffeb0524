package main

// The chart export: a client's record as JSON and PDF, recorded in the
// accounting of disclosures.

import (
	"flag"
	"fmt"
	"io"
	"os"
	"path/filepath"

	"github.com/confidenotes/confide/consent"
)

func init() {
	register(&command{name: "export", summary: "write a client's chart as DIR/chart.json and DIR/chart.pdf, and record it in the accounting of disclosures",
		flags: func(fs *flag.FlagSet) {
			fs.String("client", "", "the client `ID`")
			fs.String("out", "", "the `DIR` to write chart.json and chart.pdf into (made if missing)")
			fs.String("from", "", "sessions on or after `YYYY-MM-DD`")
			fs.String("to", "", "sessions on or before `YYYY-MM-DD`")
			fs.Var(&list{}, "note", "only this note `ID` (repeatable)")
			fs.Bool("include-psychotherapy-notes", false, "include psychotherapy notes, which are left out otherwise")
			fs.String("recipient", "", "who the copy is for (default: the practice)")
			fs.String("purpose", "", "why it is made (default: a copy of the record)")
		}, run: cmdExport})
}

func cmdExport(e *env, args []string) error {
	if len(args) != 0 {
		return usagef("export takes no arguments; give the client and the folder as flags")
	}
	client, err := e.need("client")
	if err != nil {
		return err
	}
	dir, err := e.need("out")
	if err != nil {
		return usagef("--out DIR is required: the folder chart.json and chart.pdf go into")
	}
	req := consent.ExportRequest{ClientID: client, NoteIDs: e.listFlag("note"), Recipient: e.flag("recipient"), Purpose: e.flag("purpose"),
		PsychotherapyNotes: e.flag("include-psychotherapy-notes") == "true"}
	if req.From, err = e.dateFlag("from"); err != nil {
		return err
	}
	if req.To, err = e.dateFlag("to"); err != nil {
		return err
	}
	if fi, err := os.Stat(dir); err == nil && !fi.IsDir() {
		return usagef("--out %s is a file; give a folder", dir)
	}
	if err := os.MkdirAll(dir, 0o700); err != nil {
		return fmt.Errorf("make the export folder: %w", err)
	}
	files := consent.ExportFiles{PDF: filepath.Join(dir, "chart.pdf"), JSON: filepath.Join(dir, "chart.json")}
	return e.withConsent(func(s *consent.Store) error {
		m, err := s.Export(req, files)
		if err != nil && m != nil && m.DisclosureID != "" {
			// Recorded, its files left for the next unlock to put in place:
			// done, and a retry would export it twice.
			e.warnings = append(e.warnings, err)
			err = nil
		}
		if err != nil {
			return err
		}
		return e.output(m, func(w io.Writer) {
			what := fmt.Sprintf("%d notes", len(m.Notes))
			if len(m.Notes) == 1 {
				what = "1 note"
			}
			fmt.Fprintf(w, "exported %s to %s and %s\nrecorded in the accounting of disclosures as %s\n", what, files.JSON, files.PDF, m.DisclosureID)
		})
	})
}
