package consent

import (
	"regexp"
	"slices"
	"strings"

	"github.com/confidenotes/confide/clinical"
	"github.com/confidenotes/confide/notes"
)

// coverKinds are the words of an authorization's description that name
// kinds of note, in the order the kinds are listed.
var coverKinds = []struct {
	kind  notes.Kind
	words []string
}{
	{notes.Intake, []string{"intake", "initial assessment", "initial evaluation", "diagnostic evaluation", "assessment"}},
	{notes.Progress, []string{"progress note", "session note", "treatment note", "clinical note"}},
	{notes.TreatmentPlan, []string{"treatment plan", "plan of care", "treatment summary"}},
	{notes.Contact, []string{"contact note", "phone contact", "phone call", "correspondence"}},
	{notes.Termination, []string{"termination", "discharge summary", "discharge", "closing summary", "treatment summary"}},
}

// coverAll are the words that authorize the whole designated record set.
var coverAll = []string{"entire record", "complete record", "whole record", "all records", "all notes",
	"full record", "medical record", "mental health record", "clinical record", "health record", "all of my records"}

var (
	coverISODate = regexp.MustCompile(`\b(\d{4}-\d{2}-\d{2})\b`)
	coverYear    = regexp.MustCompile(`\b(19|20)\d{2}\b`)
)

// CoveredScope is the minimum-necessary scope of a release under a: only
// what its description of the information covers, as far as the
// description can be read. Kinds of note are read from words such as
// "progress notes", "treatment plan", "intake" or "discharge summary"; the
// whole designated record set from "entire record", "all records" and the
// like; dates from ISO dates ("2026-01-01 to 2026-06-30") or years ("2026",
// "2025-2026"). Consents are included only when the description mentions
// consent; psychotherapy notes only under a psychotherapy-notes
// authorization. When the description names no kind the scope is
// DefaultScope's for a release by authorization. The clinician reviews the
// scope before anything is released.
func CoveredScope(a Authorization, today string) ReleaseScope {
	info := strings.ToLower(strings.Join(strings.Fields(a.Info), " "))
	sc := ReleaseScope{Addenda: true}
	if a.PsychotherapyNotes {
		sc.PsychotherapyNotes = true
		sc.From, sc.To = coveredDates(info)
		return sc
	}
	all := false
	for _, w := range coverAll {
		all = all || strings.Contains(info, w)
	}
	for _, c := range coverKinds {
		for _, w := range c.words {
			if strings.Contains(info, w) && !slices.Contains(sc.Kinds, c.kind) {
				sc.Kinds = append(sc.Kinds, c.kind)
			}
		}
	}
	clin := coveredClinical(info)
	switch {
	case all:
		sc = DefaultScope(ByAuthorization, today)
	case len(sc.Kinds) == 0 && !clin.HasClinical():
		sc = DefaultScope(ByAuthorization, today)
	default:
		sc.TreatmentPlan = slices.Contains(sc.Kinds, notes.TreatmentPlan)
		sc.Diagnoses, sc.Sessions, sc.Measures, sc.Plans = clin.Diagnoses, clin.Sessions, clin.Measures, clin.Plans
	}
	sc.Consents = strings.Contains(info, "consent")
	sc.From, sc.To = coveredDates(info)
	return sc
}

// coveredDates reads the dates a description covers: the first and last
// ISO date it holds, else the first and last year.
func coveredDates(info string) (from, to string) {
	if ds := coverISODate.FindAllString(info, -1); len(ds) > 0 {
		slices.Sort(ds)
		if len(ds) == 1 {
			if strings.Contains(info, "since") || strings.Contains(info, "from") || strings.Contains(info, "after") {
				return ds[0], ""
			}
			return "", ds[0]
		}
		return ds[0], ds[len(ds)-1]
	}
	info = coverISODate.ReplaceAllString(info, "")
	ys := coverYear.FindAllString(info, -1)
	if len(ys) == 0 {
		return "", ""
	}
	slices.Sort(ys)
	from, to = ys[0]+"-01-01", ys[len(ys)-1]+"-12-31"
	if len(ys) == 1 && (strings.Contains(info, "since") || strings.Contains(info, "after")) {
		to = ""
	}
	return from, to
}

// coverClinical are the words of an authorization's description that name
// parts of the clinical record.
var coverClinical = struct{ diagnoses, sessions, measures, plans, summary []string }{
	diagnoses: []string{"diagnos"},
	sessions:  []string{"dates of service", "dates of treatment", "dates of attendance", "attendance", "billing", "service codes", "procedure codes", "appointment dates"},
	measures:  []string{"measure", "test result", "assessment result", "screening result", "scores", "questionnaire", "rating scale"},
	plans:     []string{"treatment plan", "plan of care", "treatment goals"},
	summary:   []string{"plan summary", "summary of the treatment plan", "summary of treatment plan"},
}

// coveredClinical reads which parts of the clinical record a description
// names.
func coveredClinical(info string) ReleaseScope {
	has := func(words []string) bool {
		return slices.ContainsFunc(words, func(w string) bool { return strings.Contains(info, w) })
	}
	sc := ReleaseScope{Diagnoses: has(coverClinical.diagnoses), Sessions: has(coverClinical.sessions), Measures: has(coverClinical.measures)}
	switch {
	case has(coverClinical.summary):
		sc.Plans = clinical.PlanSummary
	case has(coverClinical.plans):
		sc.Plans = clinical.PlanFull
	}
	return sc
}
