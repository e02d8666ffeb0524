package ui

import (
	"fmt"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/widget"

	"github.com/confidenotes/confide/clinical"
	"github.com/confidenotes/confide/consent"
)

// clinicalView is the clinical record a release holds, as the review step
// shows it: the diagnoses, the treatment plan and the risk assessments
// with their redactions (each reversible, as a note's), the measures and
// the list of sessions.
func (s *releaseReview) clinicalView() []fyne.CanvasObject {
	c := s.preview.Clinical
	if len(c.Diagnoses)+len(c.Sessions)+len(c.Measures)+len(c.RiskAssessments)+len(c.Plans) == 0 {
		return nil
	}
	var objs []fyne.CanvasObject
	line := func(text string) {
		objs = append(objs, &widget.Label{Text: text, Wrapping: fyne.TextWrapWord})
	}
	if len(c.Diagnoses) > 0 {
		objs = append(objs, releaseHeading("Diagnoses"))
		for _, d := range c.Diagnoses {
			until := "continuing"
			if d.End != "" {
				until = "until " + d.End
			}
			line(fmt.Sprintf("%s from %s, %s", clinical.DiagnosisLine(clinical.Diagnosis{Code: d.Code, Description: d.Description, Primary: d.Primary}), d.Start, until))
		}
	}
	for _, p := range c.Plans {
		what := "in full"
		if p.Detail == clinical.PlanSummary {
			what = "summary"
		}
		objs = append(objs, s.sectionsView(consent.ReleasedNote{ID: p.ID, Sections: p.Sections},
			fmt.Sprintf("Treatment plan, version %d (%s), in effect from %s", p.Version, what, p.From))...)
	}
	if len(c.Measures) > 0 {
		objs = append(objs, releaseHeading("Outcome measures"))
		for _, m := range c.Measures {
			flag := ""
			if len(m.Flags) > 0 {
				flag = ", risk item endorsed"
			}
			line(fmt.Sprintf("%s %s: %d (%s)%s", m.Date, m.Name, m.Total, m.Band, flag))
		}
	}
	for _, r := range c.RiskAssessments {
		objs = append(objs, s.sectionsView(consent.ReleasedNote{ID: r.ID, Sections: r.Sections},
			fmt.Sprintf("Risk assessment, %s: %s risk", r.Date, r.Level))...)
	}
	if len(c.Sessions) > 0 {
		objs = append(objs, releaseHeading("Sessions: dates of service"))
		for _, x := range c.Sessions {
			parts := []string{x.Date}
			if x.Start != "" {
				parts = append(parts, strings.TrimSuffix(x.Start+" to "+x.End, " to "))
			}
			if x.DurationMin > 0 {
				parts = append(parts, fmt.Sprintf("%d minutes", x.DurationMin))
			}
			if x.ServiceCode != "" {
				parts = append(parts, x.ServiceCode)
			}
			line(strings.Join(parts, " · "))
		}
	}
	return objs
}
