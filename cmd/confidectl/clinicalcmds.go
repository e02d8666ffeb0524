package main

import (
	"encoding/json"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strconv"
	"strings"

	"github.com/confidenotes/confide/clinical"
	"github.com/confidenotes/confide/consent"
	"github.com/confidenotes/confide/vault"
)

// The clinical record: measures, risk assessments, diagnoses, treatment
// plans and the goals notes address (docs/cli.md).

func init() {
	register(&command{name: "measure add", summary: "give a measure (item answers or a paper total); prints its id",
		flags: func(fs *flag.FlagSet) {
			fs.String("client", "", "the client `ID`")
			fs.String("instrument", "", "phq9, gad7, pcl5, core10 or auditc")
			fs.String("date", "", "the date given, `YYYY-MM-DD` (default today)")
			fs.String("items", "", "every item's answer, in order: `N,N,...`")
			fs.String("total", "", "a total given on paper, `N`")
			fs.String("risk-item", "", "with --total: the answer `N` to the risk item (PHQ-9 item 9, CORE-10 item 6)")
			fs.String("follow-up", "", "the answer to the unscored follow-up question, e.g. \"Somewhat difficult\"")
			fs.String("by", "", "who gave it")
		}, run: cmdMeasureAdd})
	register(&command{name: "measure list", summary: "list a client's measures",
		flags: func(fs *flag.FlagSet) {
			fs.String("client", "", "the client `ID`")
			fs.String("instrument", "", "only this instrument")
		}, run: cmdMeasureList})
	register(&command{name: "measure trend", summary: "a client's scores on one instrument, with change markers; --png draws the chart",
		flags: func(fs *flag.FlagSet) {
			fs.String("client", "", "the client `ID`")
			fs.String("instrument", "", "phq9, gad7, pcl5, core10 or auditc")
			fs.String("png", "", "also save the chart as `FILE.png` (recorded in the accounting of disclosures as a copy of the record)")
		}, run: cmdMeasureTrend})
	register(&command{name: "measure schedule", summary: "repeat a measure every N sessions or every N months",
		flags: func(fs *flag.FlagSet) {
			fs.String("client", "", "the client `ID`")
			fs.String("instrument", "", "phq9, gad7, pcl5, core10 or auditc")
			fs.Int("every-sessions", 0, "every `N` sessions")
			fs.Int("every-months", 0, "every `N` months")
			fs.String("start", "", "from `YYYY-MM-DD` (default today)")
			fs.Bool("remove", false, "stop repeating it")
		}, run: cmdMeasureSchedule})
	register(&command{name: "risk add", summary: "record a risk assessment; it answers the client's open risk flags; prints its id",
		flags: func(fs *flag.FlagSet) {
			fs.String("client", "", "the client `ID`")
			fs.String("date", "", "`YYYY-MM-DD` (default today)")
			fs.String("level", "", "low, moderate, high or imminent")
			fs.String("ideation", "", "the ideation found")
			fs.String("plan", "", "any plan, intent and access to means")
			fs.String("history", "", "past attempts and self-harm")
			fs.String("protective", "", "protective factors")
			fs.String("safety-plan", "", "the safety plan")
			fs.String("action", "", "what was done")
			fs.String("by", "", "who assessed")
			fs.Var(&list{}, "flag", "the risk flag `ID` it answers (repeatable; default every open flag)")
		}, run: cmdRiskAdd})
	register(&command{name: "risk list", summary: "a client's risk flags and assessments",
		flags: func(fs *flag.FlagSet) { fs.String("client", "", "the client `ID`") }, run: cmdRiskList})
	register(&command{name: "dx add", summary: "add a diagnosis (ICD-10-CM); prints its id",
		flags: func(fs *flag.FlagSet) {
			fs.String("client", "", "the client `ID`")
			fs.String("code", "", "the ICD-10-CM `CODE`, e.g. F41.1")
			fs.String("start", "", "in effect from `YYYY-MM-DD`")
			fs.Bool("primary", false, "the primary diagnosis")
		}, run: cmdDxAdd})
	register(&command{name: "dx end", args: "ID", summary: "set the last day a diagnosis applies",
		flags: func(fs *flag.FlagSet) { fs.String("date", "", "`YYYY-MM-DD`") }, run: cmdDxEnd})
	register(&command{name: "dx list", summary: "a client's diagnoses (with --on, those in effect that day)",
		flags: func(fs *flag.FlagSet) {
			fs.String("client", "", "the client `ID`")
			fs.String("on", "", "only those in effect on `YYYY-MM-DD`")
		}, run: cmdDxList})
	register(&command{name: "dx codes", args: "QUERY", summary: "search the ICD-10-CM codes Confide knows",
		flags: func(fs *flag.FlagSet) { fs.Int("limit", 20, "at most `N` codes") }, run: cmdDxCodes})
	register(&command{name: "plan add", summary: "add a draft treatment plan from a JSON file; prints its id",
		flags: func(fs *flag.FlagSet) {
			fs.String("client", "", "the client `ID`")
			fs.String("file", "", "the plan, `PLAN.json` (docs/cli.md)")
		}, run: cmdPlanAdd})
	register(&command{name: "plan edit", args: "ID", summary: "replace a draft plan's content from a JSON file",
		flags: func(fs *flag.FlagSet) { fs.String("file", "", "the plan, `PLAN.json`") }, run: cmdPlanEdit})
	register(&command{name: "plan sign", args: "ID", summary: "sign and freeze a plan",
		flags: func(fs *flag.FlagSet) { fs.String("by", "", "who signs, e.g. \"Dana Lee, LCSW\"") }, run: cmdPlanSign})
	register(&command{name: "plan show", args: "ID", summary: "show a plan", run: cmdPlanShow})
	register(&command{name: "plan list", summary: "every version of a client's plan",
		flags: func(fs *flag.FlagSet) { fs.String("client", "", "the client `ID`") }, run: cmdPlanList})
	register(&command{name: "plan revise", args: "ID", summary: "start the next version of a signed plan (a draft); prints its id", run: cmdPlanRevise})
	register(&command{name: "plan verify", args: "ID", summary: "check a signed plan against its hash and the event log", run: cmdPlanVerify})
	register(&command{name: "goal link", summary: "record that a draft note addressed a goal, with progress 1-5 and a sentence",
		flags: func(fs *flag.FlagSet) {
			fs.String("note", "", "the draft note `ID`")
			fs.String("goal", "", "the goal `ID` (plan show lists them)")
			fs.Int("progress", 0, "1 worse, 2 no change, 3 some progress, 4 much progress, 5 goal met")
			fs.String("comment", "", "a sentence on the progress")
		}, run: cmdGoalLink})
	register(&command{name: "goal history", summary: "a goal across plan versions, notes and its measure",
		flags: func(fs *flag.FlagSet) {
			fs.String("client", "", "the client `ID`")
			fs.String("goal", "", "the goal `ID`")
		}, run: cmdGoalHistory})
}

// withClinical opens the vault and the clinical store for fn.
func (e *env) withClinical(fn func(s *clinical.Store) error) error {
	return e.withVault(func(v *vault.Vault) error {
		s, err := clinical.Open(v, clinical.WithClock(e.now))
		if err != nil {
			return err
		}
		return clinicalHint(fn(s))
	})
}

// clinicalHint adds what to do next to the clinical errors a user can cause.
func clinicalHint(err error) error {
	switch {
	case err == nil:
		return nil
	case errors.Is(err, clinical.ErrNotFound):
		return fmt.Errorf("%w; 'confidectl client list', 'measure list', 'plan list' and 'dx list' show the ids", err)
	case errors.Is(err, clinical.ErrInvalid), errors.Is(err, clinical.ErrUnknownInstrument), errors.Is(err, clinical.ErrUnknownCode),
		errors.Is(err, clinical.ErrSigned), errors.Is(err, clinical.ErrSuperseded), errors.Is(err, clinical.ErrNotSigned):
		return fmt.Errorf("%w; nothing was recorded", err)
	}
	return err
}

// needAll checks that the named flags are given, else a usage error names those missing.
func (e *env) needAll(cmd string, names ...string) error {
	var missing []string
	for _, n := range names {
		if strings.TrimSpace(e.flag(n)) == "" {
			missing = append(missing, "--"+n)
		}
	}
	if missing != nil {
		return usagef("%s needs %s", cmd, strings.Join(missing, " and "))
	}
	return nil
}

// dayFlag is a date flag that defaults to today.
func (e *env) dayFlag(name string) (string, error) {
	d, err := e.dateFlag(name)
	if d == "" && err == nil {
		d = clinical.Day(e.now())
	}
	return d, err
}

func cmdMeasureAdd(e *env, args []string) error {
	if len(args) != 0 {
		return usagef("measure add takes no arguments")
	}
	if err := e.needAll("measure add", "client", "instrument"); err != nil {
		return err
	}
	g := clinical.Given{ClientID: e.flag("client"), Instrument: e.flag("instrument"), FollowUp: e.flag("follow-up"), GivenBy: e.flag("by")}
	var err error
	if g.Date, err = e.dayFlag("date"); err != nil {
		return err
	}
	items, tot := e.flag("items"), e.flag("total")
	if (items == "") == (tot == "") {
		return usagef("measure add needs --items N,N,... or --total N (one of them)")
	}
	if items != "" {
		for i, f := range strings.Split(items, ",") {
			n, err := strconv.Atoi(strings.TrimSpace(f))
			if err != nil {
				return fmt.Errorf("%w: answer %d (%q) is not a whole number", clinical.ErrInvalid, i+1, strings.TrimSpace(f))
			}
			g.Items = append(g.Items, n)
		}
	} else {
		n, err := strconv.Atoi(tot)
		if err != nil {
			return fmt.Errorf("%w: --total must be a whole number", clinical.ErrInvalid)
		}
		g.Total = &n
		if r := e.flag("risk-item"); r != "" {
			a, err := strconv.Atoi(r)
			if err != nil {
				return fmt.Errorf("%w: --risk-item must be a whole number", clinical.ErrInvalid)
			}
			in, err := clinical.InstrumentByID(g.Instrument)
			if err != nil {
				return err
			}
			if len(in.RiskItems) == 0 {
				return fmt.Errorf("%w: %s has no risk item", clinical.ErrInvalid, in.Name)
			}
			g.RiskItems = map[int]int{in.RiskItems[0].Item: a}
		}
	}
	return e.withClinical(func(s *clinical.Store) error {
		m, err := s.Give(g)
		if err != nil {
			return err
		}
		in, _ := clinical.InstrumentByID(m.Instrument)
		view := map[string]any{"id": m.ID, "total": m.Total, "band": m.Band, "flags": m.Flags}
		return e.output(view, func(w io.Writer) {
			fmt.Fprintln(w, m.ID)
			for _, f := range m.Flags {
				fmt.Fprintf(w, "risk: %s\n      record it with: confidectl risk add --client %s ...\n", in.RiskPrompt(f), m.ClientID)
			}
		})
	})
}

func cmdMeasureList(e *env, args []string) error {
	if len(args) != 0 || e.flag("client") == "" {
		return usagef("measure list needs --client ID")
	}
	return e.withClinical(func(s *clinical.Store) error {
		ms, err := s.Measures(e.flag("client"), e.flag("instrument"))
		if err != nil {
			return err
		}
		if ms == nil {
			ms = []clinical.Measure{}
		}
		return e.output(ms, func(w io.Writer) {
			for _, m := range ms {
				how := "items"
				if m.Paper {
					how = "paper"
				}
				fmt.Fprintf(w, "%-20s %-7s %s %3d  %-20s %-6s %s\n", m.ID, m.Instrument, m.Date, m.Total, m.Band, how, strings.Join(m.Flags, ","))
			}
		})
	})
}

func cmdMeasureTrend(e *env, args []string) error {
	if len(args) != 0 {
		return usagef("measure trend takes no arguments")
	}
	if err := e.needAll("measure trend", "client", "instrument"); err != nil {
		return err
	}
	return e.withConsent(func(cs *consent.Store) error {
		t, err := cs.Clinical().Trend(e.flag("client"), e.flag("instrument"))
		if err != nil {
			return clinicalHint(err)
		}
		if out := e.flag("png"); out != "" {
			// Saved as a copy of the record: crash-safe, readable by the
			// user only, and entered in the accounting of disclosures.
			if _, err := cs.ExportTrendChart(e.flag("client"), e.flag("instrument"), out); err != nil {
				return err
			}
		}
		return e.output(t, func(w io.Writer) {
			fmt.Fprintf(w, "%s, cut-off %v\n", t.Name, t.Cutoffs)
			for _, p := range t.Points {
				fmt.Fprintf(w, "%s %3d  %-20s %s\n", p.Date, p.Total, p.Band, p.Change)
			}
		})
	})
}

func cmdMeasureSchedule(e *env, args []string) error {
	if len(args) != 0 {
		return usagef("measure schedule takes no arguments")
	}
	if err := e.needAll("measure schedule", "client", "instrument"); err != nil {
		return err
	}
	sc := clinical.Schedule{ClientID: e.flag("client"), Instrument: e.flag("instrument")}
	fmt.Sscan(e.flag("every-sessions"), &sc.EverySessions)
	fmt.Sscan(e.flag("every-months"), &sc.EveryMonths)
	var err error
	if sc.Start, err = e.dayFlag("start"); err != nil {
		return err
	}
	return e.withClinical(func(s *clinical.Store) error {
		if e.flag("remove") == "true" {
			if err := s.RemoveSchedule(sc.ClientID, sc.Instrument); err != nil {
				return err
			}
			return e.output(map[string]any{"ok": true}, func(w io.Writer) { fmt.Fprintln(w, "schedule removed") })
		}
		if err := s.SetSchedule(sc); err != nil {
			return err
		}
		return e.output(sc, func(w io.Writer) { fmt.Fprintf(w, "%s %s from %s\n", sc.Instrument, sc.Describe(), sc.Start) })
	})
}

func cmdRiskAdd(e *env, args []string) error {
	if len(args) != 0 || e.flag("client") == "" {
		return usagef("risk add needs --client ID")
	}
	r := clinical.RiskAssessment{ClientID: e.flag("client"), Level: e.flag("level"), Ideation: e.flag("ideation"),
		Plan: e.flag("plan"), History: e.flag("history"), Protective: e.flag("protective"), SafetyPlan: e.flag("safety-plan"),
		Action: e.flag("action"), By: e.flag("by"), Flags: e.listFlag("flag")}
	var err error
	if r.Date, err = e.dayFlag("date"); err != nil {
		return err
	}
	return e.withClinical(func(s *clinical.Store) error {
		ra, err := s.AddRiskAssessment(r)
		if err != nil {
			return err
		}
		return e.output(map[string]any{"id": ra.ID, "flags": ra.Flags}, func(w io.Writer) { fmt.Fprintln(w, ra.ID) })
	})
}

func cmdRiskList(e *env, args []string) error {
	if len(args) != 0 || e.flag("client") == "" {
		return usagef("risk list needs --client ID")
	}
	return e.withClinical(func(s *clinical.Store) error {
		flags, err := s.RiskFlags(e.flag("client"))
		if err != nil {
			return err
		}
		as, err := s.RiskAssessments(e.flag("client"))
		if err != nil {
			return err
		}
		if flags == nil {
			flags = []clinical.RiskFlag{}
		}
		if as == nil {
			as = []clinical.RiskAssessment{}
		}
		return e.output(map[string]any{"flags": flags, "assessments": as}, func(w io.Writer) {
			for _, f := range flags {
				state := "open"
				if !f.Open() {
					state = "answered by " + f.AssessmentID
				}
				fmt.Fprintf(w, "flag %-20s %s %s %s: %s\n", f.ID, f.Raised, f.Instrument, f.Flag, state)
			}
			for _, a := range as {
				fmt.Fprintf(w, "assessment %-20s %s %s, by %s\n", a.ID, a.Date, a.Level, a.By)
			}
		})
	})
}

func cmdDxAdd(e *env, args []string) error {
	if len(args) != 0 {
		return usagef("dx add takes no arguments")
	}
	if err := e.needAll("dx add", "client", "code", "start"); err != nil {
		return err
	}
	start, err := e.dateFlag("start")
	if err != nil {
		return err
	}
	return e.withClinical(func(s *clinical.Store) error {
		d, err := s.AddDiagnosis(e.flag("client"), e.flag("code"), start, e.flag("primary") == "true")
		if err != nil {
			return err
		}
		return e.output(map[string]string{"id": d.ID}, func(w io.Writer) { fmt.Fprintln(w, d.ID) })
	})
}

func cmdDxEnd(e *env, args []string) error {
	id, err := oneID(args, "dx end")
	if err != nil {
		return err
	}
	if err := e.needAll("dx end", "date"); err != nil {
		return err
	}
	end, err := e.dateFlag("date")
	if err != nil {
		return err
	}
	return e.withClinical(func(s *clinical.Store) error {
		d, err := s.EndDiagnosis(id, end)
		if err != nil {
			return err
		}
		return e.output(d, func(w io.Writer) { fmt.Fprintf(w, "%s %s ends %s\n", d.ID, d.Code, d.End) })
	})
}

func cmdDxList(e *env, args []string) error {
	if len(args) != 0 || e.flag("client") == "" {
		return usagef("dx list needs --client ID")
	}
	on, err := e.dateFlag("on")
	if err != nil {
		return err
	}
	return e.withClinical(func(s *clinical.Store) error {
		var ds []clinical.Diagnosis
		var err error
		if on != "" {
			ds, err = s.DiagnosesOn(e.flag("client"), on)
		} else {
			ds, err = s.Diagnoses(e.flag("client"))
		}
		if err != nil {
			return err
		}
		if ds == nil {
			ds = []clinical.Diagnosis{}
		}
		return e.output(ds, func(w io.Writer) {
			for _, d := range ds {
				role := "secondary"
				if d.Primary {
					role = "primary"
				}
				end := d.End
				if end == "" {
					end = "ongoing"
				}
				fmt.Fprintf(w, "%-20s %-8s %-9s %s to %-10s %s\n", d.ID, d.Code, role, d.Start, end, d.Description)
			}
		})
	})
}

func cmdDxCodes(e *env, args []string) error {
	if len(args) == 0 {
		return usagef("dx codes needs a query: words of the description or the start of a code")
	}
	limit := 20
	fmt.Sscan(e.flag("limit"), &limit)
	codes, err := clinical.SearchCodes(strings.Join(args, " "), limit)
	if err != nil {
		return err
	}
	if codes == nil {
		codes = []clinical.Code{}
	}
	return e.output(codes, func(w io.Writer) {
		for _, c := range codes {
			fmt.Fprintf(w, "%-8s %s\n", c.Code, c.Description)
		}
		fmt.Fprintf(w, "(%s)\n", clinical.ICD10Release)
	})
}

// readPlan reads a plan's JSON from --file; unknown keys are refused, so
// that a misspelt field is not silently dropped from the record.
func (e *env) readPlan() (clinical.PlanInput, error) {
	var in clinical.PlanInput
	path := e.flag("file")
	if path == "" {
		return in, usagef("give the plan with --file PLAN.json")
	}
	b, err := os.ReadFile(path)
	if err != nil {
		return in, fmt.Errorf("read the plan: %w", err)
	}
	dec := json.NewDecoder(strings.NewReader(string(b)))
	dec.DisallowUnknownFields()
	if err := dec.Decode(&in); err != nil {
		return in, fmt.Errorf("%w: %s is not a plan (docs/cli.md shows the shape): %v", clinical.ErrInvalid, filepath.Base(path), err)
	}
	return in, nil
}

func cmdPlanAdd(e *env, args []string) error {
	if len(args) != 0 || e.flag("client") == "" {
		return usagef("plan add needs --client ID and --file PLAN.json")
	}
	in, err := e.readPlan()
	if err != nil {
		return err
	}
	return e.withClinical(func(s *clinical.Store) error {
		p, err := s.AddPlan(e.flag("client"), in)
		if err != nil {
			return err
		}
		return e.output(map[string]any{"id": p.ID, "version": p.Version}, func(w io.Writer) { fmt.Fprintln(w, p.ID) })
	})
}

func cmdPlanEdit(e *env, args []string) error {
	id, err := oneID(args, "plan edit")
	if err != nil {
		return err
	}
	in, err := e.readPlan()
	if err != nil {
		return err
	}
	return e.withClinical(func(s *clinical.Store) error {
		if err := s.UpdatePlan(id, in); err != nil {
			return err
		}
		return e.output(map[string]any{"ok": true, "id": id}, func(w io.Writer) { fmt.Fprintf(w, "saved %s\n", id) })
	})
}

func cmdPlanSign(e *env, args []string) error {
	id, err := oneID(args, "plan sign")
	if err != nil {
		return err
	}
	return e.withClinical(func(s *clinical.Store) error {
		p, err := s.SignPlan(id, e.flag("by"))
		if err != nil {
			return err
		}
		return e.output(p, func(w io.Writer) {
			fmt.Fprintf(w, "signed %s (version %d) at %s; sha256:%s\n", p.ID, p.Version, p.SignedAt.Format("2006-01-02 15:04 MST"), p.Hash)
			if p.Supersedes != "" {
				fmt.Fprintf(w, "it supersedes %s, which stays in the record\n", p.Supersedes)
			}
		})
	})
}

func cmdPlanShow(e *env, args []string) error {
	id, err := oneID(args, "plan show")
	if err != nil {
		return err
	}
	return e.withClinical(func(s *clinical.Store) error {
		p, err := s.Plan(id)
		if err != nil {
			return err
		}
		return e.output(p, func(w io.Writer) { printPlan(w, p) })
	})
}

func printPlan(w io.Writer, p *clinical.Plan) {
	state := "draft"
	switch {
	case p.SupersededBy != "":
		state = "superseded by " + p.SupersededBy
	case p.Signed():
		state = "signed " + p.SignedAt.Format("2006-01-02") + " by " + p.SignedBy
	}
	fmt.Fprintf(w, "%s  version %d  %s  review %s\n", p.ID, p.Version, state, p.ReviewDate)
	for _, pr := range p.Problems {
		fmt.Fprintf(w, "\nProblem [%s]: %s\n", pr.ID, pr.Text)
		for _, g := range pr.Goals {
			fmt.Fprintf(w, "  Goal [%s]: %s", g.ID, g.Text)
			if g.TargetDate != "" {
				fmt.Fprintf(w, " (by %s)", g.TargetDate)
			}
			fmt.Fprintln(w)
			if g.Measure != nil {
				fmt.Fprintf(w, "    Measure: %s at or below %d\n", g.Measure.Instrument, g.Measure.Target)
			}
			for _, o := range g.Objectives {
				fmt.Fprintf(w, "    Objective: %s", o.Text)
				if o.TargetDate != "" {
					fmt.Fprintf(w, " (by %s)", o.TargetDate)
				}
				fmt.Fprintln(w)
			}
			for _, iv := range g.Interventions {
				fmt.Fprintf(w, "    Intervention: %s\n", iv)
			}
		}
	}
}

func cmdPlanList(e *env, args []string) error {
	if len(args) != 0 || e.flag("client") == "" {
		return usagef("plan list needs --client ID")
	}
	return e.withClinical(func(s *clinical.Store) error {
		ps, err := s.Plans(e.flag("client"))
		if err != nil {
			return err
		}
		if ps == nil {
			ps = []clinical.Plan{}
		}
		return e.output(ps, func(w io.Writer) {
			for _, p := range ps {
				state := "draft"
				switch {
				case p.SupersededBy != "":
					state = "superseded"
				case p.Signed():
					state = "current"
				}
				fmt.Fprintf(w, "%-20s v%-3d %-10s review %s\n", p.ID, p.Version, state, p.ReviewDate)
			}
		})
	})
}

func cmdPlanRevise(e *env, args []string) error {
	id, err := oneID(args, "plan revise")
	if err != nil {
		return err
	}
	return e.withClinical(func(s *clinical.Store) error {
		p, err := s.RevisePlan(id)
		if err != nil {
			return err
		}
		return e.output(map[string]any{"id": p.ID, "version": p.Version}, func(w io.Writer) { fmt.Fprintln(w, p.ID) })
	})
}

func cmdPlanVerify(e *env, args []string) error {
	id, err := oneID(args, "plan verify")
	if err != nil {
		return err
	}
	return e.withClinical(func(s *clinical.Store) error {
		if err := s.VerifyPlan(id); err != nil {
			return err
		}
		return e.output(map[string]any{"ok": true, "id": id}, func(w io.Writer) { fmt.Fprintf(w, "ok: %s matches its signature\n", id) })
	})
}

func cmdGoalLink(e *env, args []string) error {
	if len(args) != 0 {
		return usagef("goal link takes no arguments")
	}
	if err := e.needAll("goal link", "note", "goal"); err != nil {
		return err
	}
	var progress int
	fmt.Sscan(e.flag("progress"), &progress)
	return e.withClinical(func(s *clinical.Store) error {
		l, err := s.LinkGoal(e.flag("note"), e.flag("goal"), progress, e.flag("comment"))
		if err != nil {
			return err
		}
		return e.output(l, func(w io.Writer) {
			fmt.Fprintf(w, "note %s: goal %s, %s\n", l.NoteID, l.GoalID, clinical.ProgressLabels[l.Progress])
		})
	})
}

func cmdGoalHistory(e *env, args []string) error {
	if len(args) != 0 {
		return usagef("goal history takes no arguments")
	}
	if err := e.needAll("goal history", "client", "goal"); err != nil {
		return err
	}
	return e.withClinical(func(s *clinical.Store) error {
		h, err := s.GoalHistory(e.flag("client"), e.flag("goal"))
		if err != nil {
			return err
		}
		return e.output(h, func(w io.Writer) {
			last := h.Versions[len(h.Versions)-1]
			fmt.Fprintf(w, "Goal %s: %s (in %d plan versions)\n", h.GoalID, last.Goal.Text, len(h.Versions))
			for _, en := range h.Entries {
				fmt.Fprintf(w, "  %s note %s: %s. %s\n", en.Date, en.NoteID, clinical.ProgressLabels[en.Progress], en.Comment)
			}
			for _, m := range h.Measures {
				fmt.Fprintf(w, "  %s %s %d (%s)\n", m.Date, m.Instrument, m.Total, m.Band)
			}
		})
	})
}
