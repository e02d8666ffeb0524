package main

import (
	"fmt"
	"strings"

	"github.com/confidenotes/confide/notes/disguise/tagger"
)

// slots fill the {SLOT}s of the templates. Upper-case slots write an
// entity (or a title or credential around one); the others write text
// that is not one.
var slots map[string]func(*gen, *doc)

func init() {
	per := func(i int) func(*gen, *doc) {
		return func(g *gen, d *doc) { g.name(d, g.castMember(i)) }
	}
	org := func(sort string) func(*gen, *doc) {
		return func(g *gen, d *doc) { g.org(d, sort) }
	}
	word := func(xs ...string) func(*gen, *doc) {
		return func(g *gen, d *doc) { d.text(g.pick(xs)) }
	}
	slots = map[string]func(*gen, *doc){
		"C":  per(0),
		"R1": per(1),
		"R2": per(2),
		"R3": per(3),
		"CF": func(g *gen, d *doc) { d.ent(g.castMember(0).first, tagger.Person) },
		"CFL": func(g *gen, d *doc) {
			p := g.castMember(0)
			d.ent(p.first+" "+p.last, tagger.Person)
		},
		"CL":  func(g *gen, d *doc) { d.ent(g.castMember(0).last, tagger.Person) },
		"R1F": func(g *gen, d *doc) { d.ent(g.castMember(1).first, tagger.Person) },
		"R2F": func(g *gen, d *doc) { d.ent(g.castMember(2).first, tagger.Person) },
		"R3F": func(g *gen, d *doc) { d.ent(g.castMember(3).first, tagger.Person) },
		"F":   func(g *gen, d *doc) { d.ent(g.first(), tagger.Person) },
		"FL":  func(g *gen, d *doc) { d.ent(g.first()+" "+g.last(), tagger.Person) },
		"L":   func(g *gen, d *doc) { d.ent(g.last(), tagger.Person) },
		"TL": func(g *gen, d *doc) {
			g.title(d)
			d.ent(g.last(), tagger.Person)
		},
		"TFL": func(g *gen, d *doc) {
			g.title(d)
			d.ent(g.first()+" "+g.last(), tagger.Person)
		},
		"CLIN": func(g *gen, d *doc) {
			if g.chance(0.3) {
				d.text(g.pick([]string{"Dr. ", "Dr "}))
			}
			d.ent(g.first()+" "+g.last(), tagger.Person)
			g.credential(d)
		},
		"NICK": func(g *gen, d *doc) {
			d.text("\"")
			d.ent(g.nickname(g.castMember(0).first), tagger.Person)
			d.text("\"")
		},
		"NFL": func(g *gen, d *doc) { // a name with its nickname: Oluwaseun Adebayo ("Seun")
			f := g.first()
			d.ent(f+" "+g.last(), tagger.Person)
			d.text(g.pick([]string{" (\"", " \"", " ('", " (aka "}))
			d.ent(g.nickname(f), tagger.Person)
			d.text(g.pick([]string{"\")", "\"", "')", ")"}))
		},
		"SIG": func(g *gen, d *doc) { // a signature: "-jl, msw", "K. RENFROW, LPC", "Ana Ruiz, LCSW"
			d.text(g.pick([]string{"-", "- ", "", "", "— "}))
			switch g.r.IntN(3) {
			case 0:
				d.ent(g.initials(), tagger.Person)
			case 1:
				d.ent(g.pick(upperLetters)+". "+g.last(), tagger.Person)
			default:
				d.ent(g.first()+" "+g.last(), tagger.Person)
			}
			g.credential(d)
		},
		"PTHDR": func(g *gen, d *doc) { // a shorthand header: "pt rusty pickett 67m"
			d.text(g.pick([]string{"pt ", "pt ", "cl ", "client ", "pt: ", "PT "}))
			d.ent(g.first()+" "+g.last(), tagger.Person)
			d.text(" " + fmt.Sprint(g.r.IntN(80)+5) + g.pick([]string{"f", "m", "F", "M", "yo", " yo", "yo f", "y/o m", "nb"}))
		},
		"INIT": func(g *gen, d *doc) {
			d.ent(g.pick(upperLetters)+"."+g.pick(upperLetters)+".", tagger.Person)
		},
		"CITY":   func(g *gen, d *doc) { d.ent(g.placeName(), tagger.Location) },
		"HOME":   func(g *gen, d *doc) { d.ent(g.homeCity(), tagger.Location) },
		"STREET": func(g *gen, d *doc) { d.ent(g.street(false), tagger.Location) },
		"ADDR":   func(g *gen, d *doc) { g.address(d) },
		"COUNTY": func(g *gen, d *doc) { d.ent(g.placeName()+" County", tagger.Location) },
		"PARK": func(g *gen, d *doc) {
			d.ent(g.pick([]string{g.placeName(), titleCase(g.last()), g.pick(streetWords)})+g.pick([]string{" Park", " State Park", " Metro Park", " Lake", " Beach", " Trail", " Mall"}), tagger.Location)
		},
		"BASE": func(g *gen, d *doc) {
			d.ent(g.pick([]string{"Fort " + titleCase(g.last()), "Camp " + titleCase(g.last()), g.placeName() + " Air Force Base", g.placeName() + " AFB", "Naval Station " + g.placeName()}), tagger.Location)
		},
		"HOSP":    org("hospital"),
		"SCHOOL":  org("school"),
		"UNIV":    org("univ"),
		"EMP":     org("employer"),
		"CHURCH":  org("church"),
		"CLINIC":  org("clinic"),
		"COURT":   org("court"),
		"DAYCARE": org("daycare"),
		"PARISH":  org("parish"),
		"AGENCY":  org("agency"),
		"BIZ":     org("business"),

		"date":  func(g *gen, d *doc) { d.text(g.date()) },
		"time":  func(g *gen, d *doc) { d.text(g.time()) },
		"age":   func(g *gen, d *doc) { d.text(fmt.Sprint(g.r.IntN(70) + 8)) },
		"num":   func(g *gen, d *doc) { d.text(fmt.Sprint(g.r.IntN(20) + 1)) },
		"phone": func(g *gen, d *doc) { d.text(g.phone()) },
		"email": func(g *gen, d *doc) {
			d.text(strings.ToLower(g.first()) + g.pick([]string{".", "_", ""}) + strings.ToLower(g.last()) + fmt.Sprint(g.r.IntN(99)) + "@" + g.pick([]string{"gmail.com", "yahoo.com", "outlook.com", "icloud.com", "aol.com"}))
		},
		"mrn": func(g *gen, d *doc) {
			d.text(fmt.Sprintf("%s%07d", g.pick([]string{"", "MRN ", "#", "A", "EFC-"}), g.r.IntN(9999999)))
		},
		"med":      word("sertraline 50 mg", "Zoloft 100mg", "Lexapro 10 mg", "escitalopram 20mg", "Wellbutrin XL 150", "bupropion", "Prozac", "fluoxetine 20 mg", "Abilify 5mg", "Seroquel 50 mg qhs", "trazodone 50mg prn", "Adderall XR 20", "Vyvanse 30 mg", "lithium 300 mg bid", "Lamictal 100", "lamotrigine", "Klonopin 0.5mg", "clonazepam prn", "Ativan", "hydroxyzine 25 mg", "propranolol 10mg", "Suboxone", "naltrexone", "Xanax", "mirtazapine 15mg", "Effexor XR 75", "venlafaxine", "buspirone 10 mg tid", "Depakote", "Latuda", "Zyprexa", "prazosin 1 mg", "gabapentin 300", "melatonin 3mg", "Concerta 36 mg"),
		"score":    word("PHQ-9 of 14", "PHQ-9 = 17", "GAD-7 12", "GAD-7: 9", "PCL-5 41", "BDI-II 22", "AUDIT-C 5", "C-SSRS negative", "MoCA 26/30", "PHQ-9 down from 18 to 11", "BP 120/80", "BP 142/91", "HR 88", "T 98.6", "SpO2 97%", "A&O x3", "pain 6/10", "EPDS 13", "Y-BOCS 24", "ASRS positive", "CAGE 2/4", "BMI 31.2", "weight 182 lbs", "PHQ-A 15"),
		"dx":       word("Major Depressive Disorder", "MDD, recurrent, moderate", "Generalized Anxiety Disorder", "GAD", "PTSD", "Panic Disorder", "ADHD, combined type", "Bipolar II Disorder", "Alcohol Use Disorder, moderate", "Adjustment Disorder with mixed anxiety and depressed mood", "Persistent Depressive Disorder", "OCD", "F41.1", "F32.1", "F43.10", "Z63.0", "Borderline Personality Disorder", "Social Anxiety Disorder", "Insomnia Disorder", "Opioid Use Disorder", "Autism Spectrum Disorder"),
		"ther":     word("CBT", "DBT", "EMDR", "ACT", "motivational interviewing", "MI", "exposure and response prevention", "ERP", "Gottman Method", "the Gottman Method", "EFT", "IFS", "CPT", "Prolonged Exposure", "TF-CBT", "Seeking Safety", "mindfulness", "behavioral activation", "the Safety Plan", "Stanley-Brown safety plan", "DBT skills (TIPP, DEAR MAN)", "Beck's cognitive triad", "the Columbia protocol", "Wise Mind", "grounding (5-4-3-2-1)", "PE", "PMR", "interoceptive exposure", "the Duluth model", "Gottman", "Beck", "the NICHQ Vanderbilt", "Zarit", "the Zarit Burden Interview", "SUDS", "the Conners", "the ACE questionnaire", "WHODAS", "the PCL-5", "the Edinburgh scale", "Triple P", "PCIT", "Circle of Security", "Twelve Steps", "Matrix Model"),
		"abbr":     word("Pt", "pt", "Client", "Clt", "SI/HI", "denies SI/HI", "MSE WNL", "WNL", "f/u", "RTC", "PRN", "PCP", "ED", "ER", "IOP", "PHP", "CT", "MRI", "EKG", "BS", "MS", "VT", "PA", "NP", "UA", "CBC", "BAL", "ETOH", "THC", "h/o", "hx", "s/p", "c/o", "w/", "w/o", "b/l", "NKDA", "HPI", "ROS", "A/O", "AOx4", "LOC", "ADLs", "N/V", "SOB", "CP", "DC", "d/c", "OT", "PT", "SW", "CM", "RN", "LPN", "CNA", "OB", "ICU", "NICU", "CPS", "DCFS", "IEP", "504 plan", "FMLA", "SSDI", "DUI", "PO", "IM", "QD", "BID", "TID", "QHS", "ROI", "ROI signed", "HIPAA", "POA", "DNR", "SUD", "OP", "BA", "HW", "TX", "DX", "RX", "SX", "FX", "GAF", "CPT 90837", "90834", "90791", "90847", "H0031", "ICD-10", "EAP", "PHI", "TBI", "CHF", "COPD", "HTN", "DM2", "GERD", "UTI", "LOA", "RTW", "PTO", "SH", "NSSI", "CSSRS", "ASAM", "MAT", "BH", "MH", "LOC"),
		"country":  word("Mexico", "India", "the Philippines", "Vietnam", "El Salvador", "Guatemala", "Nigeria", "Ukraine", "Poland", "China", "Korea", "Puerto Rico", "Cuba", "Haiti", "Somalia", "Ethiopia", "Iraq", "Afghanistan", "Germany", "Ireland", "Canada", "Brazil", "Colombia", "Jamaica", "the Dominican Republic", "Japan", "Iran", "Syria", "Honduras", "Peru"),
		"nat":      word("Mexican-American", "Filipino", "Vietnamese", "Nigerian", "Korean", "Puerto Rican", "Black", "white", "Latina", "Latino", "Hispanic", "Asian American", "Somali", "Indian", "Irish Catholic", "Jewish", "Muslim", "Christian", "Baptist", "Catholic", "Native American", "Navajo", "Cherokee", "Haitian", "Polish", "Ukrainian", "Cuban", "Salvadoran", "Hmong", "Arab"),
		"lang":     word("Spanish", "Tagalog", "Vietnamese", "Mandarin", "Cantonese", "Arabic", "Somali", "Haitian Creole", "Korean", "Russian", "Hindi", "Urdu", "ASL", "Portuguese", "French", "Polish", "Amharic", "Punjabi"),
		"day":      word("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday", "Mon", "Tues", "Wed", "Thurs", "Fri", "weekend"),
		"month":    word("January", "February", "March", "April", "May", "June", "July", "August", "September", "October", "November", "December", "Jan", "Feb", "Aug", "Sept", "Oct", "Nov", "Dec"),
		"holiday":  word("Christmas", "Thanksgiving", "Easter", "Ramadan", "Eid", "Diwali", "Hanukkah", "Passover", "the 4th of July", "Mother's Day", "Father's Day", "New Year's", "Halloween", "Lunar New Year", "Labor Day", "Memorial Day", "Xmas", "spring break", "Yom Kippur", "Dia de los Muertos"),
		"app":      word("Zoom", "Doxy.me", "Teams", "FaceTime", "Headspace", "Calm", "the Calm app", "Instagram", "TikTok", "Snapchat", "Facebook", "YouTube", "Netflix", "Discord", "Xbox", "Fortnite", "Minecraft", "Roblox", "Tinder", "Hinge", "Bumble", "Reddit", "Venmo", "Uber", "Lyft", "DoorDash", "Amazon", "Google", "iPhone", "Apple Watch", "Fitbit", "MyChart", "SimplePractice", "TherapyNotes", "a black Harley", "his Silverado", "the Jeep", "Xanax bars", "Monster energy drinks", "Marlboros", "Juul", "Peloton", "Spotify", "WhatsApp", "Life360"),
		"fed":      word("Medicare", "Medicaid", "the VA", "VA", "Social Security", "SSA", "CMS", "FDA", "the Army", "the Navy", "the Marines", "the Air Force", "the National Guard", "FBI", "ICE", "HUD", "SNAP", "WIC", "Tricare", "Blue Cross", "Aetna", "UnitedHealthcare", "Cigna", "Humana", "CareSource", "Molina"),
		"twelve":   word("AA", "NA", "Al-Anon", "SMART Recovery", "Celebrate Recovery", "CA", "GA", "OA", "ACA", "Alateen", "a home group", "the Big Book"),
		"kin":      word("Mom", "Dad", "mom", "dad", "Mother", "Father", "Grandma", "Grandpa", "grandma", "Nana", "Papa", "Abuela", "Abuelo", "Nanay", "Tatay", "Lola", "Mama", "Baba", "Auntie", "Bubbe", "Oma", "Opa", "Ma", "Pop", "Mum"),
		"rel":      word("husband", "wife", "partner", "boyfriend", "girlfriend", "fiancé", "ex-husband", "ex-wife", "mother", "father", "son", "daughter", "sister", "brother", "stepfather", "stepmother", "grandmother", "grandfather", "aunt", "uncle", "cousin", "niece", "nephew", "best friend", "friend", "roommate", "coworker", "boss", "supervisor", "neighbor", "sponsor", "teacher", "coach", "landlord", "ex", "stepson", "stepdaughter", "half-brother", "mother-in-law", "caseworker", "PO", "probation officer", "pastor", "therapist", "psychiatrist", "PCP", "pediatrician", "attorney", "lawyer", "case manager", "guardian ad litem", "foster mother", "bf", "gf"),
		"pron":     word("She", "He", "They", "Client", "Pt", "Patient", "The client", "Writer", "This writer", "Clinician"),
		"feel":     word("anxious", "depressed", "irritable", "tearful", "hopeless", "calmer", "more hopeful", "overwhelmed", "angry", "numb", "guilty", "ashamed", "lonely", "restless", "euthymic", "dysphoric", "flat", "stable", "better", "worse"),
		"wordname": word("will", "hope", "rose", "bill", "pat", "chase", "grace", "joy", "faith", "mark", "frank", "art", "sunny", "may", "june", "april", "summer", "autumn", "dawn", "amber", "crystal", "ruby", "jade", "destiny", "harmony", "miles", "rich", "don", "guy", "sue", "jack", "drew", "max", "gene", "iris", "lily", "holly", "ivy", "rocky", "skip", "buck", "penny", "sandy", "hunter", "taylor", "cole", "wade", "dean", "earl", "victor"),
		"verb":     word("reported", "reports", "worried", "agreed", "drives", "seen", "felt", "feels", "stated", "denied", "endorsed", "called", "cried", "laughed", "declined", "arrived", "left", "working", "stayed", "refused", "said", "shared", "asked", "wants", "came", "went", "presented", "appeared", "continues", "plans", "attended", "missed", "brought", "slept", "ate", "yelled", "texted"),
		"state":    word("Ohio", "Texas", "California", "Florida", "Michigan", "Kentucky", "New Jersey", "Georgia", "Arizona", "Oregon", "Virginia", "Tennessee", "New York", "Colorado", "Indiana"),
	}
}

func (g *gen) date() string {
	m := g.r.IntN(12) + 1
	day := g.r.IntN(28) + 1
	y := 1950 + g.r.IntN(75)
	months := []string{"January", "February", "March", "April", "May", "June", "July", "August", "September", "October", "November", "December"}
	switch g.r.IntN(9) {
	case 0:
		return fmt.Sprintf("%d/%d/%d", m, day, y)
	case 1:
		return fmt.Sprintf("%02d/%02d/%d", m, day, y%100)
	case 2:
		return fmt.Sprintf("%s %d, %d", months[m-1], day, y)
	case 3:
		return fmt.Sprintf("%d/%d", m, day)
	case 4:
		return fmt.Sprintf("%s %d", months[m-1][:3], day)
	case 5:
		return fmt.Sprintf("%d-%02d-%02d", y, m, day)
	case 6:
		return fmt.Sprintf("the %dth of %s", day, months[m-1])
	case 7:
		return fmt.Sprintf("%s %d", months[m-1], y)
	}
	return fmt.Sprintf("%d.%d.%d", m, day, y%100)
}

func (g *gen) time() string {
	return fmt.Sprintf("%d:%02d %s", g.r.IntN(12)+1, g.r.IntN(4)*15, g.pick([]string{"am", "pm", "AM", "PM", "a.m.", "p.m."}))
}

func (g *gen) phone() string {
	a, b, c := g.r.IntN(800)+200, g.r.IntN(900)+100, g.r.IntN(10000)
	switch g.r.IntN(5) {
	case 0:
		return fmt.Sprintf("(%d) %d-%04d", a, b, c)
	case 1:
		return fmt.Sprintf("%d.%d.%04d", a, b, c)
	case 2:
		return fmt.Sprintf("%d %d %04d", a, b, c)
	}
	return fmt.Sprintf("%d-%d-%04d", a, b, c)
}

// homeCity is the note's city: the same one in every mention.
func (g *gen) homeCity() string {
	if g.city == "" {
		g.city = g.placeName()
	}
	return g.city
}
