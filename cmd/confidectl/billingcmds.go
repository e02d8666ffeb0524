package main

// The practice's fees and the superbill (docs/cli.md).

import (
	"errors"
	"flag"
	"fmt"
	"io"
	"strings"

	"github.com/confidenotes/confide/clinical"
	"github.com/confidenotes/confide/consent"
)

func init() {
	register(&command{name: "fee set", summary: "set the practice's fee for a service code",
		flags: func(fs *flag.FlagSet) {
			fs.String("code", "", "the service `CODE`, e.g. 90834")
			fs.String("amount", "", "the fee in dollars, e.g. `150.00`")
		}, run: cmdFeeSet})
	register(&command{name: "fee remove", summary: "take a service code off the fee table",
		flags: func(fs *flag.FlagSet) { fs.String("code", "", "the service `CODE`") }, run: cmdFeeRemove})
	register(&command{name: "fee list", summary: "the practice's fee table", run: cmdFeeList})
	register(&command{name: "superbill", summary: "write a superbill PDF of a client's services (one session or a month) and record it in the accounting of disclosures",
		flags: func(fs *flag.FlagSet) {
			fs.String("client", "", "the client `ID`")
			fs.String("from", "", "the first day, `YYYY-MM-DD`")
			fs.String("to", "", "the last day, `YYYY-MM-DD` (the same day for one session's)")
			fs.String("out", "", "write the PDF to `FILE.pdf`")
		}, run: cmdSuperbill})
}

// feeJSON is a fee as the fee commands print it.
type feeJSON struct {
	clinical.Fee
	Amount  string `json:"amount"`
	Service string `json:"service,omitempty"`
}

func feeView(f clinical.Fee) feeJSON { return feeJSON{f, f.Amount(), clinical.ServiceName(f.Code)} }

func cmdFeeSet(e *env, args []string) error {
	if len(args) != 0 {
		return usagef("fee set takes no arguments; give --code and --amount")
	}
	if err := e.needAll("fee set", "code", "amount"); err != nil {
		return err
	}
	cents, err := clinical.ParseAmount(e.flag("amount"))
	if err != nil {
		return usagef("--amount: %v", strings.TrimPrefix(err.Error(), clinical.ErrInvalid.Error()+": "))
	}
	return e.withClinical(func(s *clinical.Store) error {
		f, err := s.SetFee(e.flag("code"), cents)
		if err != nil {
			return err
		}
		return e.output(feeView(f), func(w io.Writer) { fmt.Fprintf(w, "%s  %s\n", f.Code, f.Amount()) })
	})
}

func cmdFeeRemove(e *env, args []string) error {
	if len(args) != 0 {
		return usagef("fee remove takes no arguments; give --code")
	}
	if err := e.needAll("fee remove", "code"); err != nil {
		return err
	}
	return e.withClinical(func(s *clinical.Store) error {
		if err := s.RemoveFee(e.flag("code")); err != nil {
			return err
		}
		return e.output(map[string]any{"ok": true, "code": e.flag("code")}, func(w io.Writer) { fmt.Fprintf(w, "removed %s\n", e.flag("code")) })
	})
}

func cmdFeeList(e *env, args []string) error {
	if len(args) != 0 {
		return usagef("fee list takes no arguments")
	}
	return e.withClinical(func(s *clinical.Store) error {
		fs, err := s.Fees()
		if err != nil {
			return err
		}
		out := make([]feeJSON, 0, len(fs))
		for _, f := range fs {
			out = append(out, feeView(f))
		}
		return e.output(out, func(w io.Writer) {
			if len(out) == 0 {
				fmt.Fprintln(w, "no fees set; set one with 'confidectl fee set --code 90834 --amount 150.00'")
			}
			for _, f := range out {
				fmt.Fprintf(w, "%s  %10s  %s\n", f.Code, f.Amount, f.Service)
			}
		})
	})
}

// superbillJSON is what superbill prints with --json.
type superbillJSON struct {
	Superbill *clinical.Superbill `json:"superbill"`
	Manifest  *consent.Manifest   `json:"manifest"`
}

func cmdSuperbill(e *env, args []string) error {
	if len(args) != 0 {
		return usagef("superbill takes no arguments; give the client, the dates and the file as flags")
	}
	if err := e.needAll("superbill", "client", "from", "to", "out"); err != nil {
		return err
	}
	from, err := e.dateFlag("from")
	if err != nil {
		return err
	}
	to, err := e.dateFlag("to")
	if err != nil {
		return err
	}
	return e.withConsent(func(s *consent.Store) error {
		m, sb, err := s.Superbill(e.flag("client"), from, to, e.flag("out"))
		switch {
		case errors.Is(err, clinical.ErrNoFee):
			return fmt.Errorf("%w; nothing was written. Set it with 'confidectl fee set --code CODE --amount 150.00'", err)
		case m == nil && err != nil:
			return clinicalHint(err)
		case err != nil: // recorded: the file is put in place at the next start
			return err
		}
		return e.output(superbillJSON{sb, m}, func(w io.Writer) {
			fmt.Fprintf(w, "wrote the superbill %s: %s from %s to %s, total %s\n", m.PDF.Path, count(len(sb.Lines), "service"), from, to,
				clinical.FormatCents(sb.TotalCents))
			if sb.Unsigned > 0 {
				fmt.Fprintf(w, "not on it: %s of the period not yet signed\n", count(sb.Unsigned, "session note"))
			}
			fmt.Fprintf(w, "recorded in the accounting of disclosures as %s\n", m.DisclosureID)
		})
	})
}
