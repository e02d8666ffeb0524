package main

// The human-readable output of the client and note commands.

import (
	"fmt"
	"io"
	"strings"

	"github.com/confidenotes/confide/notes"
	"github.com/confidenotes/confide/practice"
)

func printClient(w io.Writer, c *notes.Client, r notes.Retention) {
	line := func(label, value string) {
		if value != "" {
			fmt.Fprintf(w, "%-14s %s\n", label, value)
		}
	}
	line("id", c.ID)
	line("name", c.Name)
	line("preferred", c.Preferred)
	line("pronouns", c.Pronouns)
	line("born", c.DOB)
	line("status", string(c.Status))
	line("intake", c.IntakeDate)
	line("last contact", c.LastContact)
	line("phones", strings.Join(c.Phones, ", "))
	line("emails", strings.Join(c.Emails, ", "))
	line("addresses", strings.Join(c.Addresses, "; "))
	line("employer", c.Employer)
	line("school", c.School)
	if c.Minor {
		line("minor", "yes")
	}
	for _, p := range c.Related {
		line("related", p.Name+" ("+p.Relation+")")
	}
	for _, p := range c.Guardians {
		line("guardian", p.Name)
	}
	if c.Emergency != nil {
		line("emergency", c.Emergency.Name+" "+c.Emergency.Phone)
	}
	for _, u := range c.Units {
		var names []string
		for _, m := range u.Members {
			names = append(names, m.Name)
		}
		line(string(u.Kind), strings.Join(names, ", "))
	}
	keep := r.DestroyAfter
	if keep == "" {
		keep = "indefinitely"
	} else {
		keep = "until " + keep
	}
	if r.LegalHold {
		keep += " (legal hold)"
	}
	line("retention", keep+"; "+r.Rule)
}

// printNote writes a note for reading; signatures in the profile's time
// zone.
func printNote(w io.Writer, n *notes.Note, prof practice.Profile) {
	state := "draft"
	if n.Signed() {
		state = prof.SignatureLine(n.SignedBy, n.SignedAt) + "\nsha256:" + n.Hash
	}
	fmt.Fprintf(w, "%s  %s  %s (%s)  client %s\n", n.ID, n.Date, n.Kind, n.Template, n.ClientID)
	if sess := sessionLine(n.Session); sess != "" {
		fmt.Fprintln(w, sess)
	}
	fmt.Fprintln(w, state)
	if !n.InDesignatedRecordSet() {
		fmt.Fprintln(w, "psychotherapy note: kept apart from the designated record set")
	}
	for _, s := range n.Sections {
		if len(n.Sections) > 1 {
			fmt.Fprintf(w, "\n## %s\n", s.Name)
		} else {
			fmt.Fprintln(w)
		}
		fmt.Fprintln(w, s.Text)
	}
	for _, a := range n.Addenda {
		fmt.Fprintf(w, "\n--- addendum %s: %s\nsha256:%s\n%s\n", a.ID, prof.SignatureLine(a.SignedBy, a.SignedAt), a.Hash, a.Body())
	}
}

// sessionLine says when a session started, how long it was and how it is
// billed: "started 14:00, 50 minutes, service code 90834".
func sessionLine(s notes.Session) string {
	var parts []string
	if s.Start != "" {
		parts = append(parts, "started "+s.Start)
	}
	if s.DurationMin > 0 {
		parts = append(parts, fmt.Sprintf("%d minutes", s.DurationMin))
	}
	if s.ServiceCode != "" {
		parts = append(parts, "service code "+s.ServiceCode)
	}
	return strings.Join(parts, ", ")
}

func printSummaries(w io.Writer, ss []notes.Summary) {
	for _, s := range ss {
		badge := "draft"
		if s.Signed {
			badge = "signed"
		}
		if s.Addenda > 0 {
			badge += fmt.Sprintf(" +%d addenda", s.Addenda)
		}
		if !s.InDesignatedRecordSet() {
			badge += " (psychotherapy note)"
		}
		fmt.Fprintf(w, "%-20s %s %-5s %-15s %s\n", s.ID, s.Date, s.Start, s.Kind, badge)
	}
}

func printHits(w io.Writer, hits []notes.Hit) {
	if len(hits) == 0 {
		fmt.Fprintln(w, "no notes found")
	}
	for _, h := range hits {
		snippet := strings.NewReplacer(notes.MarkOpen, "[", notes.MarkClose, "]", "\n", " ").Replace(h.Snippet)
		fmt.Fprintf(w, "%s  %s  %-15s %s\n    %s\n", h.NoteID, h.Date, h.Kind, h.ClientName, snippet)
	}
}
