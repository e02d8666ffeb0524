package notes

import (
	"regexp"
	"unicode/utf8"
)

// InDesignatedRecordSet reports whether the note belongs to the designated
// record set that a client may access and a release may include.
// Psychotherapy notes (HIPAA 45 CFR 164.501) are kept apart: they are
// released only under an authorization that names them. An addendum has
// the kind of the note it corrects, and follows it.
func (n *Note) InDesignatedRecordSet() bool { return n.Kind != Psychotherapy }

// DesignatedRecordSet returns the notes that belong to the designated
// record set, leaving psychotherapy notes (and their addenda) out: the
// default of every release.
func DesignatedRecordSet(notes []Note) []Note {
	var out []Note
	for _, n := range notes {
		if n.InDesignatedRecordSet() {
			out = append(out, n)
		}
	}
	return out
}

// Warning is something in a psychotherapy note that belongs in the record
// instead: HIPAA excludes it from the psychotherapy-note protection.
type Warning struct {
	Section string `json:"section"`
	Topic   string `json:"topic"` // medication, session-time, diagnosis, test-result
	Start   int    `json:"start"` // offset in the section text, in runes
	End     int    `json:"end"`   // exclusive
}

// The topics HIPAA lists as outside psychotherapy notes: medication
// prescription and monitoring, session start and stop times, modalities
// and frequencies, results of clinical tests, and summaries of diagnosis,
// functional status, treatment plan, symptoms, prognosis and progress.
var psychotherapyTopics = []struct {
	topic string
	re    *regexp.Regexp
}{
	{"medication", regexp.MustCompile(`(?i)\b(\d+(\.\d+)?\s?(mg|mcg|ml)\b|medications?|prescri(bed|ption|be)|dosage|dose|sertraline|zoloft|fluoxetine|prozac|escitalopram|lexapro|citalopram|paroxetine|bupropion|wellbutrin|venlafaxine|effexor|duloxetine|trazodone|mirtazapine|lithium|lamotrigine|quetiapine|seroquel|aripiprazole|risperidone|olanzapine|clonazepam|klonopin|lorazepam|ativan|alprazolam|xanax|diazepam|adderall|methylphenidate|ritalin|gabapentin|hydroxyzine|buspirone)\b`)},
	{"session-time", regexp.MustCompile(`(?i)\b(session\s+(start(ed|s)?|began|begins|end(ed|s)?|stopp?(ed)?)|start(ed)?\s+at|end(ed)?\s+at|\d{1,2}:\d{2}\s*(am|pm)?\s*(-|–|to)\s*\d{1,2}:\d{2})`)},
	{"diagnosis", regexp.MustCompile(`(?i)\b(diagnos(is|es|ed)|dx|dsm(-?5(-tr)?)?|icd-?10|[FZ]\d{2}\.\d{1,2}|major depressive disorder|generali[sz]ed anxiety disorder|ptsd|bipolar|adhd|prognosis)\b`)},
	{"test-result", regexp.MustCompile(`(?i)\b(phq-?9|gad-?7|bdi(-ii)?|bai|pcl-?5|mmpi(-2)?|audit-c|ocir|ybocs|y-bocs|test results?|scored?\s+\d+|score of \d+)\b`)},
}

// PsychotherapyWarnings flags the places in a psychotherapy note that hold
// what belongs in the record (medications, session start and stop times,
// diagnosis, test results), since those are not protected as
// psychotherapy notes. Other kinds of note get no warnings.
func PsychotherapyWarnings(n *Note) []Warning {
	if n.Kind != Psychotherapy {
		return nil
	}
	var out []Warning
	for _, s := range n.Sections {
		for _, t := range psychotherapyTopics {
			for _, loc := range t.re.FindAllStringIndex(s.Text, -1) {
				out = append(out, Warning{Section: s.Name, Topic: t.topic,
					Start: utf8.RuneCountInString(s.Text[:loc[0]]), End: utf8.RuneCountInString(s.Text[:loc[1]])})
			}
		}
	}
	return out
}
