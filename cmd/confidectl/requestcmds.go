package main

// Requests with deadlines, printable forms, and what needs attention.

import (
	"flag"
	"fmt"
	"io"

	"github.com/confidenotes/confide/consent"
)

func registerRequestCommands() {
	register(&command{name: "request add", summary: "record a client's request for access or amendment; prints its id and deadline",
		flags: func(fs *flag.FlagSet) {
			fs.String("client", "", "the client `ID`")
			fs.String("type", "", "access or amendment")
			fs.String("received", "", "the day it was received, `YYYY-MM-DD`")
			fs.String("note", "", "for an amendment: the note `ID` it concerns")
			fs.String("what", "", "what was asked for")
		}, run: cmdRequestAdd})
	register(&command{name: "request extend", args: "ID", summary: "give a request its one 30-day extension",
		flags: func(fs *flag.FlagSet) {
			fs.String("date", "", "the day the client was told, `YYYY-MM-DD`")
			fs.String("reason", "", "the written reason given to the client")
		}, run: cmdRequestExtend})
	register(&command{name: "request close", args: "ID", summary: "close a request: granted (access), accepted (amendment) or denied",
		flags: func(fs *flag.FlagSet) {
			fs.String("date", "", "the day it was closed, `YYYY-MM-DD`")
			fs.String("outcome", "", "granted, accepted or denied")
			fs.String("reason", "", "for a denial: the reason given to the client")
			fs.String("file", "", "for an accepted amendment: read its text from `FILE` (else stdin)")
			fs.String("disagreement", "", "for a denied amendment: the client's statement of disagreement")
			fs.String("rebuttal", "", "the practice's rebuttal")
		}, run: cmdRequestClose})
	register(&command{name: "request list", summary: "list requests and their deadlines",
		flags: func(fs *flag.FlagSet) { fs.String("client", "", "only this client's") }, run: cmdRequestList})
	register(&command{name: "form", args: "TYPE", summary: "print a form to sign, prefilled: informed-consent, release, psychotherapy-release, revocation",
		flags: func(fs *flag.FlagSet) {
			fs.String("client", "", "the client `ID`")
			fs.String("auth", "", "prefill from this authorization `ID` (release, revocation)")
			fs.String("out", "", "write the PDF to `FILE.pdf`")
			fs.String("template", "", "use an edited template `FILE` for this print only")
			fs.Bool("source", false, "print the shipped template, to edit")
			fs.String("save-template", "", "make the template in `FILE` the practice's text of this form, used from now on")
			fs.Bool("reset-template", false, "go back to the shipped text of this form")
		}, run: cmdForm})
	register(&command{name: "incident notify", args: "ID", summary: "record that someone was told of a privacy incident",
		flags: func(fs *flag.FlagSet) {
			fs.String("who", "", "a client `ID`, or the party told (insurer, HHS...)")
			fs.String("date", "", "when, `YYYY-MM-DD`")
			fs.String("method", "", "letter, email, phone...")
		}, run: cmdIncidentNotify})
	register(&command{name: "attention", summary: "deadlines and gaps that need the clinician",
		flags: func(fs *flag.FlagSet) { fs.String("client", "", "only this client's") }, run: cmdAttention})
}

func cmdRequestAdd(e *env, args []string) error {
	client, err := e.need("client")
	if err != nil {
		return err
	}
	kind := consent.RequestKind(e.flag("type"))
	if kind != consent.AccessRequest && kind != consent.AmendmentRequest {
		return usagef("--type must be access or amendment")
	}
	r := consent.Request{ClientID: client, Kind: kind, NoteID: e.flag("note"), What: e.flag("what")}
	if r.Received, err = e.dateFlag("received"); err != nil {
		return err
	}
	if r.Received == "" {
		r.Received = consent.Day(e.now())
	}
	return e.withConsent(func(s *consent.Store) error {
		added, err := s.AddRequest(r)
		if err != nil {
			return err
		}
		return e.output(added, func(w io.Writer) { fmt.Fprintf(w, "%s due %s\n", added.ID, added.Due) })
	})
}

func cmdRequestExtend(e *env, args []string) error {
	id, err := oneID(args, "request extend")
	if err != nil {
		return err
	}
	date, err := e.dateFlag("date")
	if err != nil {
		return err
	}
	if date == "" {
		date = consent.Day(e.now())
	}
	return e.withConsent(func(s *consent.Store) error {
		r, err := s.Extend(id, date, e.flag("reason"))
		if err != nil {
			return err
		}
		return e.output(r, func(w io.Writer) { fmt.Fprintf(w, "%s due %s\n", r.ID, r.Due) })
	})
}

func cmdRequestClose(e *env, args []string) error {
	id, err := oneID(args, "request close")
	if err != nil {
		return err
	}
	date, err := e.dateFlag("date")
	if err != nil {
		return err
	}
	if date == "" {
		date = consent.Day(e.now())
	}
	outcome := e.flag("outcome")
	var text string
	switch outcome {
	case consent.Granted, consent.Denied:
	case consent.Accepted:
		if text, err = e.body(); err != nil {
			return err
		}
	default:
		return usagef("--outcome must be granted, accepted or denied")
	}
	return e.withConsent(func(s *consent.Store) error {
		var r *consent.Request
		var err error
		switch outcome {
		case consent.Granted:
			r, err = s.Grant(id, date)
		case consent.Accepted:
			r, err = s.Accept(id, date, text)
		default:
			if r, err = s.Deny(id, date, e.flag("reason")); err == nil && e.flag("disagreement") != "" {
				r, err = s.Disagree(id, e.flag("disagreement"), e.flag("rebuttal"))
			}
		}
		if err != nil {
			return err
		}
		return e.output(r, func(w io.Writer) { fmt.Fprintf(w, "%s %s on %s\n", r.ID, r.Outcome, r.Closed) })
	})
}

func cmdRequestList(e *env, args []string) error {
	return e.withConsent(func(s *consent.Store) error {
		rs, err := s.Requests(e.flag("client"))
		if err != nil {
			return err
		}
		if rs == nil {
			rs = []consent.Request{}
		}
		today := consent.Day(e.now())
		return e.output(rs, func(w io.Writer) {
			for _, r := range rs {
				state := fmt.Sprintf("due %s (%d days)", r.Due, r.DaysLeft(today))
				if r.Closed != "" {
					state = r.Outcome + " " + r.Closed
				}
				fmt.Fprintf(w, "%-20s %-9s %-20s received %s, %s\n", r.ID, r.Kind, r.ClientID, r.Received, state)
			}
		})
	})
}

func cmdForm(e *env, args []string) error {
	if len(args) != 1 {
		return usagef("form takes the form TYPE: informed-consent, release, psychotherapy-release, revocation")
	}
	form, err := consent.ParseForm(args[0])
	if err != nil {
		return usagef("%v", err)
	}
	if e.flag("source") == "true" {
		_, err := io.WriteString(e.stdout, form.Source())
		return err
	}
	if p, reset := e.flag("save-template"), e.flag("reset-template") == "true"; p != "" || reset {
		var text string
		if p != "" {
			b, err := readFileLimited(p, 1<<20, "the form template")
			if err != nil {
				return err
			}
			text = string(b)
		}
		return e.withConsent(func(s *consent.Store) error {
			if err := s.SetFormTemplate(form, text); err != nil {
				return err
			}
			ref := form.RefFor(text)
			return e.output(map[string]string{"form": ref}, func(w io.Writer) {
				fmt.Fprintf(w, "%s is now printed as %s\n", form.Name, ref)
			})
		})
	}
	client, err := e.need("client")
	if err != nil {
		return err
	}
	out, err := e.need("out")
	if err != nil {
		return err
	}
	src, fromFile := "", false
	if p := e.flag("template"); p != "" {
		fromFile = true
		b, err := readFileLimited(p, 1<<20, "the form template")
		if err != nil {
			return err
		}
		src = string(b)
	}
	return e.withConsent(func(s *consent.Store) error {
		c, err := s.Client(client)
		if err != nil {
			return err
		}
		var a *consent.Authorization
		if id := e.flag("auth"); id != "" {
			if a, err = s.Authorization(id); err != nil {
				return err
			}
			if a.ClientID != client {
				return fmt.Errorf("%w: authorization %s is another client's", consent.ErrInvalid, id)
			}
		}
		if !fromFile { // the practice's text of the form
			if src, _, err = s.FormTemplate(form); err != nil {
				return err
			}
		}
		doc, err := s.RenderFormText(form, src, consent.NewFormData(c, a))
		if err != nil {
			return err
		}
		if err := doc.WriteFile(out); err != nil {
			return err
		}
		ref := form.RefFor(src)
		return e.output(map[string]string{"form": ref, "out": out}, func(w io.Writer) {
			fmt.Fprintf(w, "%s written to %s\n", ref, out)
		})
	})
}

func cmdAttention(e *env, args []string) error {
	return e.withConsent(func(s *consent.Store) error {
		items, err := s.NeedsAttention(e.flag("client"), e.now())
		if err != nil {
			return err
		}
		if items == nil {
			items = []consent.Attention{}
		}
		return e.output(items, func(w io.Writer) {
			for _, a := range items {
				due := a.Due
				if a.Overdue {
					due += " OVERDUE"
				}
				fmt.Fprintf(w, "%-20s %-20s %-18s %s\n", a.ClientID, a.Record, due, a.What)
			}
		})
	})
}

func cmdIncidentNotify(e *env, args []string) error {
	id, err := oneID(args, "incident notify")
	if err != nil {
		return err
	}
	n := consent.Notification{Who: e.flag("who"), Method: e.flag("method")}
	if n.When, err = e.dateFlag("date"); err != nil {
		return err
	}
	return e.withConsent(func(s *consent.Store) error {
		in, err := s.Notify(id, n)
		if err != nil {
			return err
		}
		return e.output(in, func(w io.Writer) { fmt.Fprintf(w, "%s: %d still to notify\n", in.ID, len(in.Unnotified())) })
	})
}
