package main

import (
	"flag"
	"fmt"
	"io"
	"strconv"
	"time"

	"github.com/confidenotes/confide/consent"
	"github.com/confidenotes/confide/notes/demo"
	"github.com/confidenotes/confide/vault"
)

func init() {
	register(&command{name: "demo", summary: "fill the vault with a synthetic practice (for trying the app, screenshots and benchmarks)",
		flags: func(fs *flag.FlagSet) {
			fs.Int("clients", 12, "number of clients")
			fs.Int("notes", 600, "number of notes (50 a client: over a year of treatment for those in treatment)")
			fs.Int64("seed", 1, "the same seed makes the same practice")
		}, run: cmdDemo})
}

func cmdDemo(e *env, args []string) error {
	if len(args) != 0 {
		return usagef("demo takes no arguments")
	}
	var o demo.Options
	var err error
	if o.Clients, err = strconv.Atoi(e.flag("clients")); err != nil || o.Clients < 1 {
		return usagef("--clients takes a positive number")
	}
	if o.Notes, err = strconv.Atoi(e.flag("notes")); err != nil || o.Notes < o.Clients {
		return usagef("--notes takes a number at least as large as --clients")
	}
	if o.Seed, err = strconv.ParseInt(e.flag("seed"), 10, 64); err != nil {
		return usagef("--seed takes a whole number")
	}
	o.Drafts, o.Unwritten = 3, 1
	now := e.now()
	o.Today = time.Date(now.Year(), now.Month(), now.Day(), 0, 0, 0, 0, time.UTC)
	return e.withVault(func(v *vault.Vault) error {
		res, err := fillDemo(v, o)
		if err != nil {
			return err
		}
		return e.output(res, func(w io.Writer) {
			fmt.Fprintf(w, "added a synthetic practice: %d clients, %d notes (%d signed), %d couple(s), %d consents, %d authorizations, %d open request(s), with diagnoses, measures and treatment plans\n",
				res.Clients, res.Notes, res.Signed, res.Units, res.Consents, res.Authorizations, res.Requests)
		})
	})
}

// fillDemo opens the stores on v with a clock the demo moves, fills the
// practice, furnishes its consent records and charts its clinical record.
func fillDemo(v *vault.Vault, o demo.Options) (*demo.Result, error) {
	clock := demo.NewClock(time.Now())
	cs, err := consent.Open(v, consent.WithClock(clock.Now))
	if err != nil {
		return nil, err
	}
	res, err := demo.Fill(cs.Notes(), clock, o)
	if err != nil {
		return nil, err
	}
	if err := demo.Furnish(cs, clock, res, o.Today); err != nil {
		return nil, err
	}
	return res, demo.Chart(cs.Clinical(), clock, res, o.Today)
}
