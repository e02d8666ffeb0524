package main

// The clinician and practice profile: who signs, the letterhead, the
// paper, and a new session note's defaults.

import (
	"errors"
	"flag"
	"fmt"
	"io"
	"strconv"
	"strings"

	"github.com/confidenotes/confide/practice"
	"github.com/confidenotes/confide/vault"
)

func init() {
	register(&command{name: "profile set", summary: "record the clinician and practice profile; only the flags given change",
		flags: func(fs *flag.FlagSet) {
			fs.String("name", "", "the clinician's `NAME`, as notes are signed")
			fs.String("credentials", "", "credentials after the name, e.g. LCSW")
			fs.String("license", "", "the licence `NUMBER`")
			fs.String("license-state", "", "the licensing state, two letters")
			fs.String("npi", "", "the 10-digit NPI (its check digit is checked)")
			fs.String("practice", "", "the practice's name, for the letterhead")
			fs.String("address", "", "the practice's address (\\n or a newline between lines)")
			fs.String("phone", "", "the practice's phone")
			fs.String("timezone", "", "the IANA time `ZONE` signatures are shown in, e.g. America/New_York")
			fs.String("paper", "", "letter or a4")
			fs.String("default-minutes", "", "a new session note's length in `minutes`")
			fs.String("default-code", "", "a new session note's service code, e.g. 90834")
		}, run: cmdProfileSet})
	register(&command{name: "profile show", summary: "show the clinician and practice profile", run: cmdProfileShow})
}

// withPractice opens the vault and the practice store for fn.
func (e *env) withPractice(fn func(s *practice.Store) error) error {
	return e.withVault(func(v *vault.Vault) error {
		s, err := practice.Open(v, practice.WithClock(e.now))
		if err != nil {
			return err
		}
		err = fn(s)
		if errors.Is(err, practice.ErrInvalid) {
			return fmt.Errorf("%w; nothing was changed", err)
		}
		return err
	})
}

// profileFlags are the flags of profile set and the field each sets.
var profileFlags = []struct {
	flag string
	set  func(p *practice.Profile, v string) error
}{
	{"name", func(p *practice.Profile, v string) error { p.Name = v; return nil }},
	{"credentials", func(p *practice.Profile, v string) error { p.Credentials = v; return nil }},
	{"license", func(p *practice.Profile, v string) error { p.License = v; return nil }},
	{"license-state", func(p *practice.Profile, v string) error { p.LicenseState = v; return nil }},
	{"npi", func(p *practice.Profile, v string) error { p.NPI = v; return nil }},
	{"practice", func(p *practice.Profile, v string) error { p.Practice = v; return nil }},
	{"address", func(p *practice.Profile, v string) error { p.Address = strings.ReplaceAll(v, `\n`, "\n"); return nil }},
	{"phone", func(p *practice.Profile, v string) error { p.Phone = v; return nil }},
	{"timezone", func(p *practice.Profile, v string) error { p.TimeZone = v; return nil }},
	{"paper", func(p *practice.Profile, v string) error {
		paper, err := practice.ParsePaper(v)
		if err != nil {
			return usagef("--paper takes letter or a4")
		}
		p.Paper = paper
		return nil
	}},
	{"default-minutes", func(p *practice.Profile, v string) error {
		n, err := strconv.Atoi(v)
		if err != nil || n < 1 {
			return usagef("--default-minutes takes a whole number of minutes, such as 50")
		}
		p.DefaultMinutes = n
		return nil
	}},
	{"default-code", func(p *practice.Profile, v string) error { p.DefaultCode = v; return nil }},
}

func cmdProfileSet(e *env, args []string) error {
	if len(args) != 0 {
		return usagef("profile set takes no arguments; give the details as flags")
	}
	given := map[string]bool{}
	e.flags.Visit(func(f *flag.Flag) { given[f.Name] = true })
	any := false
	for _, pf := range profileFlags {
		any = any || given[pf.flag]
	}
	if !any {
		return usagef("profile set needs at least one flag, such as --name \"Jane Porter\" --credentials LCSW")
	}
	return e.withPractice(func(s *practice.Store) error {
		p, err := s.Profile()
		if err != nil {
			return err
		}
		for _, pf := range profileFlags {
			if given[pf.flag] {
				if err := pf.set(&p, e.flag(pf.flag)); err != nil {
					return err
				}
			}
		}
		if err := s.SetProfile(p); err != nil {
			if !p.IsSet() {
				return fmt.Errorf("%w (give --name the first time)", err)
			}
			return err
		}
		p, err = s.Profile()
		if err != nil {
			return err
		}
		return e.output(p, func(w io.Writer) { printProfile(w, p) })
	})
}

func cmdProfileShow(e *env, args []string) error {
	if len(args) != 0 {
		return usagef("profile show takes no arguments")
	}
	return e.withPractice(func(s *practice.Store) error {
		p, err := s.Profile()
		if err != nil {
			return err
		}
		return e.output(p, func(w io.Writer) {
			if !p.IsSet() {
				fmt.Fprintln(w, "no profile yet: notes are signed without a name until 'confidectl profile set --name NAME' records one")
			}
			printProfile(w, p)
		})
	})
}

func printProfile(w io.Writer, p practice.Profile) {
	line := func(label, value string) {
		if value != "" {
			fmt.Fprintf(w, "%-16s %s\n", label, value)
		}
	}
	line("signs as", p.SignatureName())
	line("licence", strings.TrimSpace(p.License+" "+p.LicenseState))
	line("NPI", p.NPI)
	line("practice", p.Practice)
	line("address", strings.ReplaceAll(p.Address, "\n", ", "))
	line("phone", p.Phone)
	zone := p.TimeZone
	if zone == "" {
		zone = "this computer's"
	}
	line("time zone", zone)
	line("paper", string(p.PaperSize()))
	minutes, code := p.SessionDefaults()
	line("new sessions", fmt.Sprintf("%d minutes, service code %s", minutes, code))
}
