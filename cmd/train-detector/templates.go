package main

import (
	"strings"

	"github.com/confidenotes/confide/notes/disguise/tagger"
)

// Sentence templates by kind of note. A generated note mixes sentences of
// its style with shared ones, so no style is learnt from one phrasing.
// Lower-case slots are not entities; see slots.go.

var tmplSOAP = []string{
	"{pron} reports that her {rel}, {R1}, has been drinking again since {month}.",
	"{CF} arrived on time and was {feel}; she discussed conflict with her {rel} {R1}.",
	"{pron} presented as {feel}. {score}. Discussed {ther} and reviewed the safety plan.",
	"Client states {R1} \"never listens\" and that she plans to stay with her {rel} in {CITY}.",
	"{CF} reports her {rel}, {R2}, moved to {CITY} in {month} and calls only on {day}s.",
	"Met with {C} for individual session via {app}; {score}; {abbr}.",
	"Continues {med} as prescribed by {TL} at {CLINIC}.",
	"{pron} was seen at {HOSP} ED on {date} after a panic attack; cardiac workup negative.",
	"Son {R2F} (age {age}) attends {SCHOOL} and has an IEP; teacher {TL} emailed about absences.",
	"{CF} works as a cashier at {EMP} and reports her manager, {FL}, cut her hours.",
	"Plan: continue weekly {ther}; coordinate with {TL}; repeat {score} next session.",
	"Assessment: symptoms consistent with {dx}. Risk low; denies SI/HI.",
	"{pron} discussed grief related to her {kin}'s death in {month} and the funeral at {CHURCH}.",
	"{pron} described an argument with {R1} over money; {R1F} left for his brother's place in {CITY}.",
	"Referred to {CLIN} at {CLINIC} for medication evaluation.",
	"Client attends {twelve} meetings at {CHURCH} and talks to her sponsor {F} daily.",
	"{pron} is applying for {fed} benefits with help from caseworker {FL}.",
	"Reviewed coping skills; {CF} practiced box breathing and will use {app} between sessions.",
	"Writer consulted with {TL} regarding {dx} and medication options.",
	"Client's {rel} {R1} was present for the last 15 minutes at client's request.",
	"{CF} grew up in {CITY}, {state}, and moved to {HOME} in {date} for a job at {EMP}.",
	"She lives with her {rel} and two children on {STREET} near {PARK}.",
	"Daughter {R2F} is enrolled at {DAYCARE} on {STREET}.",
	"Client reported {kin} is visiting from {country} for {holiday}.",
	"{pron} speaks {lang} at home; sessions in English per preference.",
	"Collateral call with {R1} ({rel}) at {phone}; consent on file.",
	"Father, {R3}, is incarcerated at {COURT}; client last visited him {month}.",
	"Encouraged {CF} to contact {TL} at {HOSP} about the referral.",
	"{pron} stated her {rel} {wordname} \"be fine\" and that she has hope things will improve.",
	"She said she will ask her {rel} to bill the insurance and pat herself on the back for going.",
	"{CF} and her {rel} {R1} attended a {ther} workshop in {CITY}.",
	"Client is a {age}-year-old {nat} woman referred by {TFL} of {CLINIC}.",
	"Mr. {CL} reports sleeping 4-5 hrs/night; {score}; {med}.",
	"Ms. {CL} was {feel} and tearful when discussing {R1}.",
	"{pron} transferred from {UNIV} to {UNIV} last fall and now lives in {CITY}.",
	"Custody hearing at {COURT} on {date}; GAL is {FL}.",
	"Reports her {rel} {R1} was deployed to {BASE} and returns in {month}.",
	"Client walked at {PARK} with {R2F} on {day}, which helped her mood.",
	"Client: {NFL}, {age}, seen in person; {score}.",
	"{SIG}",
	"{CF}'s {kin} {verb} about her grades; {kin} {verb} to limit screen time.",
	"{pron} {verb} that {R1F} {verb} at {BIZ} most evenings.",
	"She {verb} two deployments to {country} with {fed} and is rated 70% by the VA.",
	"{R1F} spoke to his father in {lang}; {CF} {verb} in English.",
	"Attends {twelve} at {PARISH} on {day}s; sponsor is {F}.",
	"Referral to {AGENCY} for housing; caseworker {FL} to call {CF}.",
	"{CF} works for {BIZ} on {STREET} and {verb} about her hours.",
	"Plan: {ther}; recheck {score}; {abbr} for {TFL}.",
	"Her {rel} {R1} ({NICK}) {verb} on {day} and {verb} the {holiday} plans.",
	"{pron} is a {age}-year-old {country} veteran; served with {AGENCY}.",
	"Screening: {ther} negative; {abbr}; {kin} {verb}.",
}

var tmplShort = []string{
	"pt seen w/ {rel} ({R1F}) re: anx. {score}. cont {med}.",
	"cl {feel}, {abbr}. {rel} {R1F} called x2 this wk.",
	"spoke w/ {TL} @ {CLINIC}, f/u {day}.",
	"{CF} late 10 min, traffic on {STREET}. mood {feel}.",
	"per {rel} {R1F}: no etoh since {date}.",
	"dtr {R2F} at {SCHOOL}, grades down. mtg w/ counselor {F} {day}.",
	"hx {dx}. {med}. {abbr}.",
	"lives w/ bf {R1F} in {CITY}. works @ {EMP} nights.",
	"moved to {CITY} from {CITY} in {month}.",
	"d/c'd from {HOSP} {date}, {abbr} f/u w/ {TL}.",
	"call from {TL} ({phone}) re: meds.",
	"cl wants referral to {CLINIC}. gave # for {TL}.",
	"sis {R2F} driving her to appts. mom in {CITY}.",
	"{CF} - {feel}. denies si/hi. rtc 1 wk.",
	"ex {R1F} has kids wknds, exchange at {PARK}.",
	"pt attends {twelve} @ {CHURCH} tues.",
	"{kin} sick, in {HOSP} since {day}.",
	"coworker {F} at {EMP} harassing her; talked to HR.",
	"ref to {CLIN}, {CLINIC}.",
	"{score}; {ther} hw reviewed; rtc {date}.",
	"cl's son {R2F} suspended from {SCHOOL} for fighting.",
	"msg left for {rel} {FL}.",
	"wife {R1F} called, worried re: drinking.",
	"pt reports bill overdue, will call {fed} tmrw.",
	"{date} {abbr} {PTHDR}. c/o {feel}, {abbr}.",
	"{date} f/u #{num}, {PTHDR} @ {UNIV}.",
	"{kin} {verb} re: sleep. pt {verb} {num} hrs.",
	"pt {verb} for f/u of {dx}. {abbr}.",
	"{SIG}",
	"roommate {F} \"loud but fine.\" gf {F} at {UNIV}, long distance.",
	"friends {F} + {F} \"drama.\" {abbr}.",
	"call {AGENCY} re: respite. {abbr}.",
	"pt working at {BIZ} over the summer, {num} hrs/wk.",
	"mom to call {AGENCY} caseworker re: housing.",
	"fire at their apt on {STREET} {date}, {abbr}.",
	"pt drives {kin} to dialysis at {CLINIC} 3x/wk.",
	"{kin} {verb}; pt {verb} \"fine\".",
}

var tmplDictated = []string{
	"this is {TL} dictating a progress note for {C} date of service {date} the patient was seen at {CLINIC}",
	"the patient reports that her {rel} {R1} took the kids to {CITY} over {holiday} and she has not heard from them since",
	"um she said that {R1F} was yelling again and that the police came from the {CITY} police department",
	"patient's {rel} is {FL} phone number {phone} she gave verbal consent to speak with him",
	"she was admitted to {HOSP} back in {month} comma and was discharged to {CLINIC} for IOP period",
	"patient works at {EMP} on {STREET} and says her supervisor {F} has been supportive",
	"next appointment {date} at {time} with {TL} at the {CITY} office",
	"the client states that she grew up in {CITY} and moved here after her divorce from {R1}",
	"PHQ nine today is {num} down from {num} she continues {med} prescribed by {TFL}",
	"new paragraph her daughter {R2F} started at {SCHOOL} and is doing well",
	"okay so the plan is to continue {ther} and to follow up with {TL} from {HOSP}",
	"he says his brother {R3} lives out in {CITY} and they talk on {day}s",
}

var tmplIntake = []string{
	"Client: {CFL}    DOB: {date}    MRN: {mrn}\nAddress: {ADDR}\nPhone: {phone}\n",
	"Referral source: {TFL}, {CLINIC}\n",
	"Emergency contact: {FL} ({rel}), {phone}\n",
	"Born in {CITY}, {country}; family moved to {CITY} when she was {age}.",
	"Mother, {FL}, has \"nerves\" (untreated). Father deceased ({month}). One younger brother, {F}, lives in {CITY}.",
	"Education/employment: BS in psychology, {UNIV}; employed {num} years at {EMP}.",
	"Relationships: Married to {R1F} since {date}; daughter {R2F}, {num} months, attends {DAYCARE}.",
	"Prior treatment: saw {CLIN} for {num} sessions in {month}; inpatient at {HOSP} once.",
	"Legal: DUI in {CITY} ({date}); probation through {COURT}, PO {FL}.",
	"Military: served {num} years in {fed}, stationed at {BASE}.",
	"Religion: raised {nat}; attends {CHURCH} occasionally.",
	"Substance use: alcohol 2-3 drinks/week; denies drugs. {score}.",
	"Developmental: born at {HOSP}; milestones on time. Attended {SCHOOL} and {SCHOOL}.",
	"Social: close with cousin {FL} and friend {F} from {UNIV}.",
	"PCP: {TL}, {CLINIC}, {phone}\nPharmacy: {EMP} on {STREET}\n",
	"Insurance: {fed}; member ID {mrn}.",
	"Insurance: {AGENCY}; member ID {mrn}.",
	"Client: {NFL}    DOS: {date}\n",
	"Referral: {AGENCY} advocate {FL}\n",
	"Employment: {num} years at {BIZ}; on medical leave from {EMP}.",
	"Faith: attends {PARISH}; {kin} {verb} weekly.",
	"Military: {num} years in {fed}, {num} deployments to {country}, stationed at {BASE}.",
	"{SIG}",
	"Household: lives with {rel} {R1} and her {kin} in a rented house in {HOME}.",
}

var tmplLetter = []string{
	"Dear {TL},\n\nThank you for referring {C}, whom I saw for an intake on {date}.",
	"Dear {F},\n\nI'm writing to follow up on our call about {CFL}.",
	"To whom it may concern:\n\n{CFL} has been in treatment with me since {date} for {dx}.",
	"Please contact me at {phone} or {email} with any questions.",
	"Sincerely,\n\n{CLIN}\n{CLINIC}\n{ADDR}\n",
	"Best,\n{F}\n",
	"Warmly,\n{CLIN}\nLicensed Psychologist\n",
	"From: {FL} <{email}>\nTo: {FL}\nSubject: appointment for {CF}\n",
	"Hi {F} - just confirming {CF}'s appointment on {day} at {time}. Thanks, {F}",
	"cc: {TFL}, {HOSP}; {FL}, {SCHOOL}",
	"Re: {CFL} (DOB {date})\n",
	"Contact note: {rel} {FL} called at {time} asking for an update; no information released without consent.",
	"Voicemail from {TL} at {CLINIC} re: prior authorization with {fed}.",
	"I am happy to coordinate with {TFL} at {HOSP} as {CF} transitions to their program.",
	"{CLIN}\n{CLINIC} | {STREET}, {CITY}\n",
	"{SIG}\n{CLINIC}\n",
	"Respectfully,\n\n{SIG}\n{state} License No. {mrn}\n",
	"The Honorable {FL}\n{COURT}\n{ADDR}\n",
	"Client signed ROI for {INIT} {L} on {date}; letter sent to {AGENCY}.",
	"She attends a {day} meeting at {PARISH} in {CITY}.",
}

var tmplFamily = []string{
	"{R1F} and {R2F} attended the session together; {R1F} described feeling unheard.",
	"Couple ({C} and {R1}) discussed the affair disclosed in {month}.",
	"Family session: mother {R1}, father {R2}, and son {R3F} (age {age}).",
	"{R2F} (14) refused to speak; his sister {F} says he games on {app} all night.",
	"Group: {F}, {F}, {F} and {F} present; {F} absent (sick).",
	"{R1F} stated \"{R2F} never helps with the kids\"; {R2F} disagreed.",
	"The {CL} family moved from {CITY} to {HOME} after {R1F} lost his job at {EMP}.",
	"Grandmother {FL} has custody of {R3F} per {COURT} order.",
	"{R1F}'s mother, {FL}, lives with the couple and watches the baby.",
	"Homework: {R1F} and {R2F} to try the {ther} stress-reducing conversation nightly.",
	"Participants from {num} families ({INIT}, {INIT} & {INIT}, {INIT}).",
	"Group Note: {AGENCY} (court-ordered); facilitator {SIG}",
	"{R1F} answered {R2F}'s questions; {R2F} {verb} and {verb}.",
	"{R1F} {verb} the fender bender in the {BIZ} parking lot on {date}.",
}

var tmplEveryday = []string{
	"My sister {F} moved to {CITY} last spring and works at {EMP}.",
	"I met {FL} at {UNIV} and we got married at {CHURCH} in {CITY}.",
	"We drove from {CITY} to {CITY} to see my {kin} at {HOSP}.",
	"Our neighbor {F} {L} takes her kids to {SCHOOL} every morning.",
	"He grew up on {STREET} in {CITY} and still goes to {PARK} on weekends.",
	"I asked {F} if she will rose-prune the garden; she said maybe in {month}.",
	"Call me at {phone}, or ask for {F} at the front desk of {EMP}.",
	"{F} and {F} are flying to {country} for {holiday}.",
	"Her boss at {EMP}, {FL}, lives near {PARK}.",
	"Will you bring the kids to {F}'s party on {day}?",
	"My doctor, {TL}, sent me to {HOSP} for an MRI.",
	"The {L}s from {CITY} came to the wedding.",
	"I have been volunteering at {CHURCH} with {F} since {date}.",
	"My brother {F} is stationed at {BASE} with the {fed}.",
	"Grandpa {F} was born in {CITY} in {date}.",
}

// styles are the kinds of note generated, each with its templates, how
// its sentences are joined and how its names are typed.
type style struct {
	name    string
	tmpls   [][]string
	join    []string
	lower   float64 // chance that names and places are typed in lower case
	casing  string  // "", "lower" or "upper": the whole note's casing
	minSent int
}

var styles = []style{
	{name: "soap", tmpls: [][]string{tmplSOAP, tmplSOAP, tmplFamily}, join: []string{" ", " ", "\n", "\n\n"}, minSent: 3},
	{name: "short", tmpls: [][]string{tmplShort}, join: []string{" ", "; ", "\n", ". "}, lower: 0.6, minSent: 3},
	{name: "dictated", tmpls: [][]string{tmplDictated}, join: []string{" ", " period ", ". ", ", "}, lower: 0.3, minSent: 2},
	{name: "intake", tmpls: [][]string{tmplIntake}, join: []string{"\n", "\n\n", " "}, minSent: 3},
	{name: "letter", tmpls: [][]string{tmplLetter, tmplSOAP}, join: []string{"\n\n", "\n", " "}, minSent: 3},
	{name: "family", tmpls: [][]string{tmplFamily, tmplSOAP}, join: []string{" ", "\n"}, minSent: 3},
	{name: "caps", tmpls: [][]string{tmplSOAP, tmplShort, tmplIntake}, join: []string{" ", "\n", ". "}, casing: "upper", minSent: 3},
	{name: "lower", tmpls: [][]string{tmplSOAP, tmplShort, tmplLetter}, join: []string{" ", "\n", ". "}, casing: "lower", minSent: 3},
	{name: "everyday", tmpls: [][]string{tmplEveryday}, join: []string{" ", "\n"}, minSent: 1},
}

// note generates one note of style s.
func (g *gen) note(s style) tagger.Example {
	g.cast, g.city = g.cast[:0], ""
	g.lowerSeq = g.chance(s.lower)
	d := &doc{}
	n := s.minSent + g.r.IntN(4)
	for i := 0; i < n; i++ {
		if i > 0 {
			d.text(g.pick(s.join))
		}
		pool := s.tmpls[g.r.IntN(len(s.tmpls))]
		g.fill(d, pool[g.r.IntN(len(pool))])
	}
	ex := d.example()
	switch s.casing {
	case "upper":
		ex = recase(ex, caseUpper)
	case "lower":
		ex = recase(ex, caseLower)
	}
	return ex
}

// Casing changes for augmentation.
const (
	caseUpper = iota + 1
	caseLower
	caseSentence
)

// recase rewrites the example's text in capitals, in lower case, or in
// sentence case (lower case but for the first letter of each sentence and
// line), keeping the entities' offsets right when a rune's case changes
// its length.
func recase(ex tagger.Example, mode int) tagger.Example {
	cuts := []int{0, len(ex.Text)}
	for _, e := range ex.Entities {
		cuts = append(cuts, e.Start, e.End)
	}
	cuts = sortedUnique(cuts)
	newPos := make(map[int]int, len(cuts))
	var b strings.Builder
	capNext := true
	for i := 0; i+1 < len(cuts); i++ {
		newPos[cuts[i]] = b.Len()
		for _, r := range ex.Text[cuts[i]:cuts[i+1]] {
			switch mode {
			case caseUpper:
				b.WriteString(strings.ToUpper(string(r)))
			case caseLower:
				b.WriteString(strings.ToLower(string(r)))
			default:
				if capNext && isLetterRune(r) {
					b.WriteString(strings.ToUpper(string(r)))
					capNext = false
				} else {
					b.WriteString(strings.ToLower(string(r)))
				}
				switch r {
				case '.', '!', '?', '\n':
					capNext = true
				case ' ', '\t', '"', '(':
				default:
					if !isLetterRune(r) {
						capNext = false
					}
				}
			}
		}
	}
	newPos[len(ex.Text)] = b.Len()
	out := tagger.Example{Text: b.String()}
	for _, e := range ex.Entities {
		out.Entities = append(out.Entities, tagger.Span{Start: newPos[e.Start], End: newPos[e.End], Kind: e.Kind})
	}
	return out
}

func isLetterRune(r rune) bool {
	return strings.ContainsRune("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ", r) || r > 0x7f
}

func sortedUnique(xs []int) []int {
	for i := 1; i < len(xs); i++ {
		for j := i; j > 0 && xs[j] < xs[j-1]; j-- {
			xs[j], xs[j-1] = xs[j-1], xs[j]
		}
	}
	out := xs[:0]
	for i, x := range xs {
		if i == 0 || x != out[len(out)-1] {
			out = append(out, x)
		}
	}
	return out
}
