package main

import (
	"flag"
	"fmt"
	"io"
	"unicode/utf8"

	"github.com/confidenotes/confide/notes"
	"github.com/confidenotes/confide/notes/disguise"
)

func init() {
	register(&command{name: "detect", summary: "find identifiers: JSON Lines in, JSON Lines out (needs no vault)", run: cmdDetect})
	register(&command{name: "disguise", args: "NOTE_ID", id: "n", summary: "print a note disguised for consultation; with --json, the text and every change",
		flags: func(fs *flag.FlagSet) {
			fs.String("profile", "consultation", "consultation, safe-harbor or third-party")
			fs.String("consultation", "", "continue consultation `ID`, so people keep their pseudonyms across notes")
			fs.String("colleague", "", "who the consultation is with, for the client's consultation log")
			fs.String("purpose", "", "why, for the consultation log")
		}, run: cmdDisguise})
}

// cmdDetect streams stdin to stdout, one output line per input line, so it
// serves both a pipe of many notes and an interactive caller.
func cmdDetect(e *env, args []string) error {
	if len(args) != 0 {
		return usagef("detect reads JSON Lines from standard input and takes no arguments")
	}
	return disguise.DetectJSONLines(e.stdin, e.stdout)
}

// disguiseJSON is the --json output of disguise. Offsets are in Unicode
// code points of the original text, as in detect.
type disguiseJSON struct {
	ConsultationID string       `json:"consultation_id"`
	NoteID         string       `json:"note_id"`
	Profile        string       `json:"profile"`
	Text           string       `json:"text"`
	Changes        []changeJSON `json:"changes"`
}

type changeJSON struct {
	Start       int    `json:"start"`
	End         int    `json:"end"`
	Category    string `json:"category"`
	Original    string `json:"original"`
	Replacement string `json:"replacement"`
}

func cmdDisguise(e *env, args []string) error {
	id, err := oneID(args, "note")
	if err != nil {
		return err
	}
	profile := disguise.Profile(e.flag("profile"))
	return e.withNotes(func(s *notes.Store) error {
		n, err := s.GetNote(id)
		if err != nil {
			return err // withNotes adds the hint
		}
		consultID := e.flag("consultation")
		if consultID == "" {
			k, err := s.StartConsultation(notes.Consultation{ClientID: n.ClientID, Profile: profile,
				Colleague: e.flag("colleague"), Purpose: e.flag("purpose")})
			if err != nil {
				return err // withNotes adds the hint
			}
			consultID = k.ID
			if !e.json {
				fmt.Fprintf(e.stderr, "consultation %s (pass --consultation %s to disguise more notes consistently)\n", k.ID, k.ID)
			}
		}
		p, err := s.Prepare(consultID, id)
		if err != nil {
			return err // withNotes adds the hint
		}
		k, err := s.GetConsultation(consultID)
		if err != nil {
			return err
		}
		out := disguiseJSON{ConsultationID: consultID, NoteID: id, Profile: string(k.Profile), Text: p.Result.Text, Changes: []changeJSON{}}
		for _, ch := range p.Result.Changes {
			out.Changes = append(out.Changes, changeJSON{
				Start: utf8.RuneCountInString(p.Original[:ch.Start]), End: utf8.RuneCountInString(p.Original[:ch.End]),
				Category: string(ch.Category), Original: ch.Original, Replacement: ch.Replacement})
		}
		return e.output(out, func(w io.Writer) { fmt.Fprintln(w, p.Result.Text) })
	})
}
