package main

import (
	"errors"
	"flag"
	"fmt"
	"io"
	"strings"

	"github.com/confidenotes/confide/consent"
	"github.com/confidenotes/confide/vault"
)

func init() {
	register(&command{name: "consent add", summary: "record a signed consent",
		flags: func(fs *flag.FlagSet) {
			fs.String("client", "", "the client `ID`")
			fs.String("type", "", "informed-consent, limits-of-confidentiality, telehealth, recording, electronic-communication, group-agreement, no-secrets-policy, other")
			fs.String("signed", "", "the signature date, `YYYY-MM-DD`")
			fs.String("version", "", "the document version signed")
			fs.String("signed-by", "", "who signed, when not the client (a minor's guardian or representative)")
			fs.String("authority", "", "the basis of the representative's authority (parent, legal guardian, ...)")
		}, run: cmdConsentAdd})
	register(&command{name: "consent list", summary: "list a client's consents",
		flags: func(fs *flag.FlagSet) { fs.String("client", "", "the client `ID`") }, run: cmdConsentList})
	register(&command{name: "auth add", summary: "record a release-of-information authorization; prints its id",
		flags: func(fs *flag.FlagSet) {
			fs.String("client", "", "the client `ID`")
			fs.String("recipient", "", "the recipient's `NAME`")
			fs.String("recipient-address", "", "the recipient's address (recommended, not required)")
			fs.String("purpose", "", "the purpose of the disclosure")
			fs.String("info", "", "a specific description of the information")
			fs.String("expires", "", "the expiry date, `YYYY-MM-DD`")
			fs.String("expiry-event", "", "the event that ends the authorization")
			fs.String("signed", "", "the signature date, `YYYY-MM-DD`")
			fs.Bool("psychotherapy-notes", false, "a psychotherapy-notes authorization (a separate document)")
			fs.String("discloser", "the treating clinician", "who may disclose the information")
			fs.String("signer", "the client", "who signed")
			fs.String("authority", "", "for a personal representative: the basis of their authority")
		}, run: cmdAuthAdd})
	register(&command{name: "auth revoke", args: "ID", summary: "record the revocation of an authorization",
		flags: func(fs *flag.FlagSet) { fs.String("date", "", "the day the revocation was received, `YYYY-MM-DD`") }, run: cmdAuthRevoke})
	register(&command{name: "auth end", args: "ID", summary: "record that an authorization's expiry event happened",
		flags: func(fs *flag.FlagSet) { fs.String("date", "", "the day of the event, `YYYY-MM-DD`") }, run: cmdAuthEnd})
	register(&command{name: "auth list", summary: "list a client's authorizations with their status today",
		flags: func(fs *flag.FlagSet) { fs.String("client", "", "the client `ID`") }, run: cmdAuthList})
	register(&command{name: "disclosures", summary: "the accounting of disclosures (every entry; --pdf: the accountable ones of six years)",
		flags: func(fs *flag.FlagSet) {
			fs.String("client", "", "the client `ID`")
			fs.String("pdf", "", "write the accounting report to `OUT.pdf`")
		}, run: cmdDisclosures})
	register(&command{name: "disclosure add", summary: "record a disclosure made outside 'release'; prints its id",
		flags: func(fs *flag.FlagSet) {
			fs.String("client", "", "the client `ID`")
			fs.String("date", "", "when it was disclosed, `YYYY-MM-DD`")
			fs.String("request", "", "client, authorization, subpoena, court-order, insurer, supervision, mandated-report, duty-to-warn, oversight, treatment, payment, operations, export")
			fs.String("recipient", "", "the recipient's `NAME`")
			fs.String("recipient-address", "", "the recipient's address")
			fs.String("description", "", "what was released")
			fs.String("purpose", "", "the purpose")
			fs.String("auth", "", "the authorization `ID` it was made under")
			fs.String("basis", "", "the legal basis (default: the request type's)")
			fs.String("by", "", "who made it")
			fs.Bool("psychotherapy-notes", false, "psychotherapy notes were released")
			fs.String("corrects", "", "the `ID` of an entry this one corrects")
		}, run: cmdDisclosureAdd})
	register(&command{name: "safety add", summary: "record a decision to break confidentiality and its disclosure; prints its id",
		flags: func(fs *flag.FlagSet) {
			fs.String("client", "", "the client `ID`")
			fs.String("type", "", "mandated-report or duty-to-warn")
			fs.String("date", "", "the day of the decision, `YYYY-MM-DD`")
			for _, n := range []string{"facts", "risk", "basis", "decision", "alternatives", "agency", "contact", "address",
				"method", "report-number", "disclosed", "informed-how", "follow-up", "by"} {
				fs.String(n, "", safetyHelp[n])
			}
			fs.String("time", "", "when it was disclosed, `YYYY-MM-DD[ HH:MM]`")
			fs.String("deadline", "", "a deadline, e.g. for the written report, `YYYY-MM-DD`")
			fs.Var(&list{}, "consulted", "who was consulted and when, \"WHO@YYYY-MM-DD\" (repeatable)")
			fs.Bool("client-informed", false, "the client was informed")
		}, run: cmdSafetyAdd})
	register(&command{name: "incident add", summary: "record a privacy incident and its risk assessment; prints its id",
		flags: func(fs *flag.FlagSet) {
			fs.String("discovered", "", "the discovery date, `YYYY-MM-DD`")
			fs.String("what", "", "what happened")
			fs.Var(&list{}, "client", "a client whose information was involved, by `ID` (repeatable)")
			fs.String("nature", "", "factor 1: the nature and extent of the information")
			fs.String("recipient", "", "factor 2: who received or used it")
			fs.String("acquired", "", "factor 3: whether it was actually acquired or viewed")
			fs.String("mitigation", "", "factor 4: how far the risk was mitigated")
			fs.Bool("encrypted", false, "the data was encrypted")
			fs.Bool("keys-exposed", false, "the encryption keys were exposed too")
			fs.Var(&list{}, "notified", "who was notified, \"WHO:YYYY-MM-DD[:METHOD]\" (repeatable)")
			fs.String("corrective", "", "the corrective action")
			fs.String("insurer-contacted", "", "when the liability insurer was contacted, `YYYY-MM-DD`")
		}, run: cmdIncidentAdd})
	registerRequestCommands()
}

var safetyHelp = map[string]string{
	"facts": "the facts that triggered it", "risk": "the risk assessment", "basis": "the legal basis (default: the type's)",
	"decision": "the decision", "alternatives": "the alternatives considered", "agency": "the agency or person warned",
	"contact": "the person reached", "address": "the agency's address", "method": "phone, written report, in person...",
	"report-number": "the agency's report number", "disclosed": "exactly what was disclosed",
	"informed-how": "how the client was informed, or why not", "follow-up": "the follow-up", "by": "who made the disclosure",
}

// withConsent opens the vault and the consent store for fn.
func (e *env) withConsent(fn func(s *consent.Store) error) error {
	return e.withVault(func(v *vault.Vault) error {
		s, err := consent.Open(v, consent.WithClock(e.now))
		if err != nil {
			return err
		}
		return consentHint(fn(s))
	})
}

// consentHint adds what to do next to the consent errors a user can cause.
func consentHint(err error) error {
	switch {
	case err == nil:
		return nil
	case errors.Is(err, consent.ErrTampered):
		return fmt.Errorf("%w; keep the vault as it is and restore the accounting from a backup", err)
	case errors.Is(err, consent.ErrNotFound):
		return fmt.Errorf("%w; 'confidectl client list' and 'confidectl auth list --client ID' show the ids", err)
	case errors.Is(err, consent.ErrInvalid), errors.Is(err, consent.ErrNotAuthorized):
		return fmt.Errorf("%w; nothing was recorded", err)
	}
	return err
}

// need returns a flag that must be given, or a usage error naming it.
func (e *env) need(name string) (string, error) {
	v := e.flag(name)
	if strings.TrimSpace(v) == "" {
		return "", usagef("--%s is required", name)
	}
	return v, nil
}

func cmdConsentAdd(e *env, args []string) error {
	if len(args) != 0 {
		return usagef("consent add takes no arguments")
	}
	client, err := e.need("client")
	if err != nil {
		return err
	}
	typ, err := consent.ParseConsentType(e.flag("type"))
	if err != nil {
		return usagef("%v", err)
	}
	signed, err := e.dateFlag("signed")
	if err != nil {
		return err
	}
	if signed == "" {
		return usagef("--signed is required")
	}
	c := consent.Consent{ClientID: client, Type: typ, Signed: signed, Version: e.flag("version"),
		SignedBy: e.flag("signed-by"), Authority: e.flag("authority")}
	return e.withConsent(func(s *consent.Store) error {
		added, err := s.AddConsent(c)
		if err != nil {
			return err
		}
		return e.output(added, func(w io.Writer) { fmt.Fprintln(w, added.ID) })
	})
}

func cmdConsentList(e *env, args []string) error {
	client, err := e.need("client")
	if err != nil {
		return err
	}
	return e.withConsent(func(s *consent.Store) error {
		cs, err := s.Consents(client)
		if err != nil {
			return err
		}
		if cs == nil {
			cs = []consent.Consent{}
		}
		return e.output(cs, func(w io.Writer) {
			for _, c := range cs {
				fmt.Fprintf(w, "%-20s %-28s signed %s %s\n", c.ID, c.Type, c.Signed, c.Version)
			}
		})
	})
}

// viewAuth is an authorization as auth add and auth list print it.
func viewAuth(a consent.Authorization, day string) consent.AuthorizationStatus {
	return consent.AuthorizationStatus{Authorization: a, Status: a.StatusOn(day), Missing: a.Missing()}
}

func cmdAuthAdd(e *env, args []string) error {
	if len(args) != 0 {
		return usagef("auth add takes no arguments")
	}
	client, err := e.need("client")
	if err != nil {
		return err
	}
	if e.flag("expires") != "" && e.flag("expiry-event") != "" {
		return usagef("give --expires or --expiry-event, not both")
	}
	a := consent.Authorization{ClientID: client, Recipient: e.flag("recipient"), RecipientAddress: e.flag("recipient-address"),
		Purpose: e.flag("purpose"), Info: e.flag("info"), ExpiryEvent: e.flag("expiry-event"), Discloser: e.flag("discloser"),
		Signer: e.flag("signer"), SignerAuthority: e.flag("authority"), Representative: e.flag("authority") != "",
		PsychotherapyNotes: e.flag("psychotherapy-notes") == "true"}
	if a.Expires, err = e.dateFlag("expires"); err != nil {
		return err
	}
	if a.Signed, err = e.dateFlag("signed"); err != nil {
		return err
	}
	return e.withConsent(func(s *consent.Store) error {
		added, err := s.AddAuthorization(a)
		if err != nil {
			return err
		}
		if m := added.Missing(); m != nil {
			fmt.Fprintf(e.stderr, "confidectl: authorization %s was saved as incomplete: it is missing %s.\nIt cannot authorize a release; record a complete one when it is signed.\n", added.ID, strings.Join(m, ", "))
		} else if r := added.Recommended(); r != nil {
			fmt.Fprintf(e.stderr, "confidectl: authorization %s is complete; recommended: %s, so that the records go to the right place.\n", added.ID, strings.Join(r, ", "))
		}
		return e.output(viewAuth(*added, consent.Day(e.now())), func(w io.Writer) { fmt.Fprintln(w, added.ID) })
	})
}

func cmdAuthRevoke(e *env, args []string) error {
	id, err := oneID(args, "auth revoke")
	if err != nil {
		return err
	}
	date, err := e.dateFlag("date")
	if err != nil {
		return err
	}
	if date == "" {
		return usagef("--date is required: the day the revocation was received")
	}
	return e.withConsent(func(s *consent.Store) error {
		a, err := s.Revoke(id, date)
		if err != nil {
			return err
		}
		return e.output(viewAuth(*a, consent.Day(e.now())), func(w io.Writer) { fmt.Fprintf(w, "%s revoked on %s\n", a.ID, a.Revoked) })
	})
}

func cmdAuthEnd(e *env, args []string) error {
	id, err := oneID(args, "auth end")
	if err != nil {
		return err
	}
	date, err := e.dateFlag("date")
	if err != nil {
		return err
	}
	return e.withConsent(func(s *consent.Store) error {
		a, err := s.EndByEvent(id, date)
		if err != nil {
			return err
		}
		return e.output(viewAuth(*a, consent.Day(e.now())), func(w io.Writer) { fmt.Fprintf(w, "%s ended on %s\n", a.ID, a.Ended) })
	})
}

func cmdAuthList(e *env, args []string) error {
	client, err := e.need("client")
	if err != nil {
		return err
	}
	return e.withConsent(func(s *consent.Store) error {
		as, err := s.Authorizations(client)
		if err != nil {
			return err
		}
		day := consent.Day(e.now())
		views := make([]consent.AuthorizationStatus, 0, len(as))
		for _, a := range as {
			views = append(views, viewAuth(a, day))
		}
		return e.output(views, func(w io.Writer) {
			for _, v := range views {
				until := v.Expires
				if until == "" {
					until = "event: " + v.ExpiryEvent
				}
				kind := ""
				if v.PsychotherapyNotes {
					kind = " [psychotherapy notes]"
				}
				fmt.Fprintf(w, "%-20s %-10s signed %-10s until %-12s to %s%s\n", v.ID, v.Status, v.Signed, until, v.Recipient, kind)
			}
		})
	})
}

func cmdDisclosures(e *env, args []string) error {
	client, err := e.need("client")
	if err != nil {
		return err
	}
	out := e.flag("pdf")
	return e.withConsent(func(s *consent.Store) error {
		if _, err := s.VerifyDisclosures(); err != nil {
			return err
		}
		if out != "" {
			doc, err := s.AccountingDoc(client, e.now())
			if err != nil {
				return err
			}
			if err := doc.WriteFile(out); err != nil {
				return err
			}
		}
		ds, err := s.Disclosures(client)
		if err != nil {
			return err
		}
		if ds == nil {
			ds = []consent.Disclosure{}
		}
		return e.output(ds, func(w io.Writer) {
			for _, d := range ds {
				acc := "exempt"
				if d.Accountable {
					acc = "accountable"
				}
				fmt.Fprintf(w, "%s  %-11s %-15s %-20s to %s: %s\n", d.Date, acc, d.Request, d.ID, d.Recipient, d.Description)
			}
			if out != "" {
				fmt.Fprintf(w, "accounting written to %s\n", out)
			}
		})
	})
}

func cmdDisclosureAdd(e *env, args []string) error {
	client, err := e.need("client")
	if err != nil {
		return err
	}
	req, err := consent.ParseRequestType(e.flag("request"))
	if err != nil {
		return usagef("%v", err)
	}
	date, err := e.dateFlag("date")
	if err != nil {
		return err
	}
	d := consent.Disclosure{ClientID: client, Date: date, Request: req, Recipient: e.flag("recipient"),
		RecipientAddress: e.flag("recipient-address"), Description: e.flag("description"), Purpose: e.flag("purpose"),
		Authorization: e.flag("auth"), Basis: e.flag("basis"), MadeBy: e.flag("by"), PsychotherapyNotes: e.flag("psychotherapy-notes") == "true"}
	return e.withConsent(func(s *consent.Store) error {
		var added *consent.Disclosure
		var err error
		if c := e.flag("corrects"); c != "" {
			added, err = s.Correct(c, d)
		} else {
			added, err = s.RecordDisclosure(d)
		}
		if err != nil {
			return err
		}
		return e.output(added, func(w io.Writer) { fmt.Fprintln(w, added.ID) })
	})
}

func cmdSafetyAdd(e *env, args []string) error {
	client, err := e.need("client")
	if err != nil {
		return err
	}
	typ := consent.RequestType(e.flag("type"))
	if typ != consent.MandatedReport && typ != consent.DutyToWarn {
		return usagef("--type must be mandated-report or duty-to-warn")
	}
	r := consent.SafetyRecord{ClientID: client, Type: typ, Facts: e.flag("facts"), Risk: e.flag("risk"), Basis: e.flag("basis"),
		Decision: e.flag("decision"), Alternatives: e.flag("alternatives"), Agency: e.flag("agency"), Contact: e.flag("contact"),
		Address: e.flag("address"), Method: e.flag("method"), Time: e.flag("time"), ReportNumber: e.flag("report-number"),
		Disclosed: e.flag("disclosed"), ClientInformed: e.flag("client-informed") == "true", InformedHow: e.flag("informed-how"),
		FollowUp: e.flag("follow-up"), MadeBy: e.flag("by")}
	if r.Decided, err = e.dateFlag("date"); err != nil {
		return err
	}
	if r.Deadline, err = e.dateFlag("deadline"); err != nil {
		return err
	}
	for _, c := range e.listFlag("consulted") {
		who, when, ok := strings.Cut(c, "@")
		if !ok || strings.TrimSpace(who) == "" || strings.TrimSpace(when) == "" {
			return usagef("--consulted takes \"WHO@YYYY-MM-DD\"")
		}
		r.Consulted = append(r.Consulted, consent.Consultation{Who: strings.TrimSpace(who), When: strings.TrimSpace(when)})
	}
	return e.withConsent(func(s *consent.Store) error {
		added, err := s.AddSafety(r)
		if err != nil {
			return err
		}
		return e.output(added, func(w io.Writer) {
			fmt.Fprintln(w, added.ID)
			fmt.Fprintf(w, "accountable disclosure %s recorded\n", added.DisclosureID)
		})
	})
}

func cmdIncidentAdd(e *env, args []string) error {
	in := consent.Incident{What: e.flag("what"), ClientIDs: e.listFlag("client"), Nature: e.flag("nature"), Recipient: e.flag("recipient"),
		Acquired: e.flag("acquired"), Mitigation: e.flag("mitigation"), Encrypted: e.flag("encrypted") == "true",
		KeysExposed: e.flag("keys-exposed") == "true", Corrective: e.flag("corrective")}
	var err error
	if in.Discovered, err = e.dateFlag("discovered"); err != nil {
		return err
	}
	if in.InsurerTold, err = e.dateFlag("insurer-contacted"); err != nil {
		return err
	}
	for _, n := range e.listFlag("notified") {
		parts := strings.SplitN(n, ":", 3)
		if len(parts) < 2 {
			return usagef("--notified takes \"WHO:YYYY-MM-DD[:METHOD]\"")
		}
		nt := consent.Notification{Who: parts[0], When: parts[1]}
		if len(parts) == 3 {
			nt.Method = parts[2]
		}
		in.Notified = append(in.Notified, nt)
	}
	return e.withConsent(func(s *consent.Store) error {
		added, err := s.AddIncident(in)
		if err != nil {
			return err
		}
		return e.output(added, func(w io.Writer) {
			fmt.Fprintln(w, added.ID)
			if added.SafeHarbour() {
				fmt.Fprintln(w, "encryption safe harbour: the data was encrypted and the keys were not exposed")
			} else {
				fmt.Fprintf(w, "affected clients must be notified by %s\n", added.NotifyBy())
			}
		})
	})
}
