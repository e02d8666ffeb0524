package disguise

import "strings"

// Word lists the context rules share. All keys are lower case.

// clinicalAbbrev are abbreviations and short words of clinical notes that
// are never, on their own, a person, a place or an organisation: "Pt",
// "CT", "VT", "MS" (mental status), "PA", "BS" (blood sugar).
var clinicalAbbrev = wordSet(strings.Fields(`
pt pts ct vt ms pa bs bp hr rr sp spo2 o2 ra nc iv im po pr sl sq sc prn bid tid qid qd qhs hs qod qam qpm
dc d/c fu hx dx tx rx sx fx px sob cp ha nv abd gi gu cv resp neuro psych ekg ecg eeg mri cxr kub ua uds
cbc bmp cmp lft lfts tsh bun cr creat na k cl mg ca inr ptt abg vbg icu micu sicu ccu picu nicu ed er or
pacu ot st slp rt rn lpn cna np md do pac sw cm pcp ob gyn ent ortho cards aa iop php rtc snf ltc alf
hh adl adls iadl rom wbat nwb dvt pe mi chf cad copd dm htn hld ckd esrd afib svt vf nsr pvc gerd uti
cva tia tbi ams loc gcs mse si hi avh ah vh sh nssi ptsd mdd gad ocd adhd add odd asd bpd aud sud oud cud
an bn bed dbt cbt act emdr erp cpt ipt ba mbct pcit tf-cbt phq gad pcl audit dast cage ciwa cows moca
mmse cssrs bdi bai ybocs ede epds gds isi pdss spin ders cdi asrs suds roi hipaa phi ehr emr soap dap
birp girp pie dos dob mrn loa fmla ada iep ssi ssdi snap wic tanf cps dcfs dss dhs pd ems eap it va vamc
cboc dod irs ssa fbi ice cdc fda nih otc prns meds med hep neg pos wnl nad rrr ctab nkda nka wt ht bmi
iud ob/gyn hiv hcv std sti uri bpm mmhg ml mcg meq gtt lpm fio2 peep cpap bipap vent ett ngt peg picc piv
foley cath art aline tele sats tmax wbc hgb hct plt bg fsbs ac hs pc npo adlib ivf lr ns d5w kcl mag
phos vanco zosyn abx afebrile cx bcx ucx hpi ros pmh psh fh sh mse a&o aox rx pmhnp lcsw lpc lpcc lmft
lmhc lmsw msw psyd phd mph cadc ladc lcadc lac csw aprn dnp cnp lisw licsw lcpc lscsw bcba rd ms
tbd asap ama aka nos r/o s/p c/o w/ w/o h/o f/u y/o yo y.o. yrs wks mos hrs mins min hr wk mo yr yrs
am pm est edt pst cst mst ok re cc bcc fyi
a b c d e f g h i j k l m n o p q r s t u v w x y z
sat sats cont cont'd pt's pts' iop's ed's
`))

// stopWords are function words and other words that are never a name,
// whatever their case.
var stopWords = wordSet(strings.Fields(`
a an the and or but nor so yet if then than that this these those there here where when while who whom
whose which what why how i me my mine we us our ours you your yours he him his she her hers it its they
them their theirs one ones is am are was were be been being do does did done have has had having will
would shall should can could may might must not no yes to of in on at by for from with without into onto
upon about above below over under between among through during before after since until till again
also just only very too still even ever never always often sometimes now today tonight tomorrow yesterday
all any some each every both either neither few many much more most less least other another such same
own per via vs etc up down out off back away around as like unlike than because though although whether
s t d ll re ve m o don didn doesn isn wasn aren weren won wouldn shouldn couldn can't won't
quote unquote period comma paragraph colon semicolon dictation end
`))

// titles are written before a person's name, in any case, with or
// without a full stop.
var titles = wordSet(strings.Fields(`
dr mr mrs ms miss mx prof professor doctor rev reverend pastor rabbi imam father fr sister sr brother
officer ofc detective det judge justice hon honorable coach nurse aunt auntie uncle grandma grandpa
cousin sgt sergeant lt lieutenant capt captain cpl corporal pvt col major maj gen chief deputy
sheriff trooper agent atty attorney counselor mother mama papa abuela abuelo tia tio tía tío nana
granny grammy gramps pop pops don doña dona señor senor señora senora sra sr
`))

// strongTitles are the titles that are only ever titles: what follows one
// is a name even when it is also a word ("Dr. Hope", "mrs. rose").
var strongTitles = wordSet(strings.Fields(`dr mr mrs ms miss mx prof rev fr sgt lt capt cpl pvt det ofc hon atty`))

// relations that introduce a person: "her husband, Daniel", "mom (dawn)",
// "gf brooke", "roommate tj".
var relations = wordSet(strings.Fields(`
husband wife spouse partner boyfriend girlfriend bf gf fiance fiancé fiancee fiancée ex ex-husband ex-wife
ex-boyfriend ex-girlfriend ex-partner ex-fiance mother father mom mum dad mommy daddy mama papa ma pa
stepmother stepfather stepmom stepdad son daughter dtr dau child stepson stepdaughter baby infant toddler
sister sis brother bro sibling twin half-brother half-sister stepbrother stepsister grandmother
grandfather grandma grandpa granny nana grandson granddaughter grandchild niece nephew aunt auntie uncle
cousin friend bestie buddy pal roommate housemate neighbor neighbour boss manager supervisor coworker
co-worker colleague teacher counselor therapist psychiatrist psychologist pcp physician doctor lawyer
attorney atty caseworker cw sponsor pastor principal coach guardian landlord dog cat mentor tutor
advisor babysitter nanny classmate teammate peer godmother godfather mother-in-law father-in-law
sister-in-law brother-in-law son-in-law daughter-in-law pediatrician nurse np provider officer po
worker interpreter advocate rd dietitian surgeon neurologist oncologist cardiologist ob obgyn midwife
doula chaplain priest minister rabbi imam judge magistrate gal casa aide caregiver host hostess
abuela abuelo tía tío tia tio nan nanny boy girl kid guy coordinator director navigator specialist
liaison rep representative receptionist secretary assistant technician tech
`))

// groupRelations introduce several people: "friends kaylee + jaz".
var groupRelations = wordSet(strings.Fields(`
friends kids children sons daughters siblings parents grandparents brothers sisters cousins roommates
coworkers co-workers teammates classmates members participants peers twins grandkids grandchildren
`))

// nameLabels are field labels a name follows: "Client: Hope Villanueva",
// "PT: JUNE ABERNATHY", "IC: Jordan Bennett", "Re:", "Attn:".
var nameLabels = wordSet(strings.Fields(`
client clients pt patient name child member participant participants parents parent ic to from
attn attention cc facilitator facilitators leader leaders clinician therapist counselor provider
physician psychiatrist referral referred contact student consulted signed by present partner spouse
mother father guardian caregiver prepared author reviewer supervisor supervisee intern sender recipient
youth resident veteran inmate consumer individual couple family interpreter reporter caller
`))

// personLeads are words that a person's name follows in running text:
// "named", "goes by", "called", "dear", "hi", "this is".
var personLeads = wordSet(strings.Fields(`named nicknamed called dear hi hello hey thanks thank aka`))

// credentials written after a clinician's name.
var credentials = wordSet(strings.Fields(`
md m.d do d.o np rn lpn pa pa-c phd ph.d psyd psy.d edd ed.d lcsw lcsw-r lcsw-s lcsw-c lmft lpc lpc-s
lpc-a lpcc lpcc-s lmhc lmhp lmsw msw lsw licsw lscsw lisw lisw-s lcpc lcmhc lcmhcs lcat lmhca lpa lp
csw cswa mft amft aprn dnp cnp pmhnp pmhnp-bc fnp ms ma mac bsn msn mph ncc cadc ladc lcadc lac cac lcdc
cdp sap bcba bcaba crnp psychd mdiv m.div dmin ceap csac casac ncac lmhc-s mc pmh-c rn-bc cna emt
esq facp mba med m.ed mba cpc ccdp cmhc lapc lgpc mhc nbcc rpt rpt-s ctp cgp cst lcsws atr atr-bc
lcmft lcmhca lmfta alc lpcs lcdc-i qmhp mhp bs ba
`))

// closings end a letter or message before the signature.
var closings = wordSet(strings.Fields(`
sincerely respectfully warmly regards best thanks thank cheers blessings mahalo cordially yours
gratefully kindly love take care
`))

// personVerbs follow a person's name in running text ("Will said").
var personVerbs = wordSet(strings.Fields(`
said says reported reports stated states told tells asked asks denies denied endorses endorsed agreed
agrees called calls texted texts yelled cried cries left moved died passed wants wanted feels felt
presented presents arrived arrives attended attends shared shares described describes explained explains
noted admitted admits came comes went goes cancelled canceled cancels missed misses returned returns
refused refuses disclosed discloses acknowledged acknowledges complained complains apologized
laughed smiled worries worried thinks thought believes believed wrote writes emailed emails
`))

// surnameParticles belong to the surname after them ("de la Cruz").
var surnameParticles = wordSet(strings.Fields(`de la del da di van von le du der den el al bin ibn dos das ní ni nic mac o' st`))

// notNames are capitalised words of notes that are never a person.
var notNames = wordSet(strings.Fields(`
i i'm god english spanish monday tuesday wednesday thursday friday saturday sunday dsm soap dap birp girp
plan assessment data subjective objective client patient therapist intervention response goal goals
behavior mse phq gad cbt dbt emdr act si hi ptsd adhd ocd mdd zoom medicaid medicare christmas easter
thanksgiving xanax zoloft prozac lexapro wellbutrin adderall ativan klonopin seroquel abilify ambien
trazodone january february march april june july august september october november december american
mexican african asian catholic christian jewish muslim facebook instagram he she they we you it his her
him them their this that there then dr mr mrs ms mx miss prof dob mon tue tues wed thu thur thurs fri
sat sun bible koran quran torah latina latino latinx hispanic caucasian native lord jesus allah buddha
netflix youtube tiktok google snapchat twitter reddit discord ssri aa na er ed icu iop php
`))

// orgHeads end the name of a place of care, learning, worship or work
// whatever it is called: "Jenks HS", "commons climbing gym", "Bethany
// Home". Strong heads make an organisation of any modifier; weak ones
// need a modifier that is not an ordinary word.
var strongOrgHeads = wordSet(strings.Fields(`
hospital hosp clinic clinics school schools hs ms es elem elementary academy college university univ
church parish chapel cathedral temple mosque synagogue gurdwara masjid ministries ministry rehab memorial
campus gym ymca ywca library hall halls mall hospice shelter jail prison penitentiary court courthouse
lodge motel hotel inn institute foundation association authority center centre ctr counseling
psychotherapy psychiatry towers apartments apts gardens manor villas village residences commons preschool
daycare montessori seminary conservatory infirmary sanitarium sanatorium asylum dialysis pharmacy
congregation diocese archdiocese mission tabernacle assembly fellowship
`))

var weakOrgHeads = wordSet(strings.Fields(`
health healthcare medical medicine services service group associates partners practice collective
program programs network therapy therapies wellness care home homes house office offices department dept
division agency society union club league company co corp corporation inc llc ltd pllc pc lp llp
bank market store stores shop cafe restaurant grill bar pub diner bakery kitchen pizza foods farms
studio studios labs systems solutions logistics freight transport trucking construction builders
industries enterprises consulting insurance financial capital realty properties staffing motors
airlines express media productions marketing plant factory mill warehouse depot station post base
fire police sheriff bureau district county council commission board trust brothers sons
`))

// streetTypes end the name of a road ("McLean Avenue", "s 6th st").
var streetTypes = wordSet(strings.Fields(`
street st avenue ave av road rd boulevard blvd lane ln drive dr court ct way place pl terrace ter circle
cir parkway pkwy highway hwy trail trl square sq loop row alley pike turnpike plaza crescent close run
path walk expressway expy freeway fwy route rte interstate bypass causeway
`))

// placeLeads introduce a place: "lives in", "moved to", "from".
var placeLeads = wordSet(strings.Fields(`in from to near outside visiting visited toward towards into of around across`))

// orgLeads introduce an employer, school or hospital: "works at".
var orgLeads = wordSet(strings.Fields(`at for attends attended joined by from with to @`))

// commonVerbs are verbs (and a few other words) that never begin the name
// of an organisation typed in lower case: "contact disability resource
// center" names the "disability resource center".
var commonVerbs = wordSet(strings.Fields(`
contact contacted call called calling see seen saw visit visited visiting attend attended attends attending
go goes went going refer referred referral referrals start started starting join joined joining leave left
leaving work works worked working drive drives drove driving take took taking come came coming get got
getting stay stayed staying register registering apply applied transfer transferred discharged discharge
admitted admit sent send email emailed fax faxed text texted meet met meeting pick picked drop dropped
plan planned try trying tried explore explored consider considered continue continued via re w/ thru
through and or but the a an his her their our my your its this that at to from in on of for with by
into onto near outside inside toward towards about after before per
`))

// monthWeekWords are months and weekdays, which begin dates, not names.
var monthWeekWords = wordSet(monthWords, strings.Fields(`monday tuesday wednesday thursday friday saturday sunday mon tue tues wed thu thur thurs fri sat sun`))

// nonNameSuffixes end ordinary words rather than names; a word with one
// of them needs a list entry to be taken for a name.
var nonNameSuffixes = []string{"ful", "ive", "ing", "ous", "ly", "able", "ible", "ness", "ment", "tion", "sion",
	"ity", "ism", "tions", "sions", "ments", "ities", "ings", "ates", "izes", "ized", "ised", "ional", "ance", "ence", "ency", "ize", "ise", "less", "est", "ied", "ies", "ated", "eted", "ited", "uted", "ened", "ered", "ical", "ally", "ward", "wise", "'s"}

func hasNonNameSuffix(w string) bool {
	for _, s := range nonNameSuffixes {
		if strings.HasSuffix(w, s) && len(w) > len(s)+2 {
			return true
		}
	}
	return false
}

// drugs are medicines notes name, generic and brand; never a person, place
// or organisation.
var drugs = wordSet(strings.Fields(`
sertraline zoloft fluoxetine prozac escitalopram lexapro citalopram celexa paroxetine paxil fluvoxamine luvox
venlafaxine effexor desvenlafaxine pristiq duloxetine cymbalta bupropion wellbutrin mirtazapine remeron
trazodone vilazodone viibryd vortioxetine trintellix amitriptyline nortriptyline imipramine clomipramine
doxepin lithium lamotrigine lamictal valproate depakote divalproex carbamazepine tegretol oxcarbazepine
trileptal topiramate topamax gabapentin neurontin pregabalin lyrica quetiapine seroquel olanzapine zyprexa
risperidone risperdal aripiprazole abilify ziprasidone geodon lurasidone latuda paliperidone invega
clozapine clozaril haloperidol haldol cariprazine vraylar brexpiprazole rexulti lumateperone caplyta
alprazolam xanax lorazepam ativan clonazepam klonopin diazepam valium temazepam restoril buspirone buspar
hydroxyzine vistaril atarax propranolol inderal prazosin minipress clonidine guanfacine intuniv zolpidem
ambien eszopiclone lunesta melatonin methylphenidate ritalin concerta focalin amphetamine adderall
lisdexamfetamine vyvanse atomoxetine strattera modafinil naltrexone vivitrol acamprosate campral
disulfiram antabuse buprenorphine suboxone subutex sublocade methadone naloxone narcan varenicline chantix
nicotine ketamine esketamine spravato oxycodone percocet hydrocodone vicodin norco tramadol morphine
fentanyl dilaudid hydromorphone ibuprofen advil motrin acetaminophen tylenol aspirin naproxen aleve
metformin insulin lisinopril amlodipine losartan atorvastatin lipitor simvastatin levothyroxine synthroid
omeprazole prilosec pantoprazole albuterol prednisone furosemide lasix metoprolol warfarin coumadin
eliquis apixaban heparin lovenox enoxaparin vancomycin vanco zosyn ceftriaxone cipro amoxicillin keflex
levophed norepinephrine dopamine dobutamine diltiazem cardizem digoxin amiodarone nitroglycerin kcl
potassium magnesium benadryl diphenhydramine zofran ondansetron reglan phenergan compazine cogentin
benztropine depo provera plan b ozempic wegovy semaglutide thc cbd etoh nicotine vape juul
`))

// verbShaped reports a word that is an inflected common word ("completes",
// "skipping", "discussed"): in a note it is a verb far more often than a
// part of a name.
func verbShaped(l *lexicon, w string) bool {
	for _, suf := range []string{"ing", "ed", "es", "s"} {
		stem, ok := strings.CutSuffix(w, suf)
		if !ok || len(stem) < 3 {
			continue
		}
		if l.isCommonWord(stem) || l.isCommonWord(stem+"e") || len(stem) > 3 && stem[len(stem)-1] == stem[len(stem)-2] && l.isCommonWord(stem[:len(stem)-1]) {
			return !placeWord(l, w) && !isNameWordText(l, w)
		}
	}
	return false
}

func isNameWordText(l *lexicon, w string) bool {
	i := l.name(w)
	return i.first >= 100 && i.rank == 0 || i.surname >= 1000 && i.rank == 0
}

// demonyms are languages and nationalities: never a person, a place or an
// organisation on their own.
var demonyms = wordSet(strings.Fields(`
english spanish arabic vietnamese korean mandarin cantonese chinese tagalog filipino portuguese russian
ukrainian french haitian creole hmong amharic swahili farsi persian dari pashto urdu hindi punjabi bengali
nepali japanese german italian polish greek turkish hebrew yiddish asl norwegian swedish danish dutch
irish scottish welsh somali nigerian ghanaian mexican guatemalan salvadoran honduran cuban dominican
puerto rican colombian venezuelan peruvian brazilian indian pakistani afghan iraqi syrian lebanese
egyptian ethiopian eritrean kenyan congolese sudanese liberian jamaican korean cambodian laotian thai
burmese karen karenni rohingya nepali bhutanese tibetan bosnian albanian romanian hungarian czech
serbian croatian american canadian african asian european latino latina latinx hispanic caucasian
navajo lakota ojibwe cherokee hopi yoruba igbo hausa akan twi ewe zulu xhosa gujarati tamil telugu
kannada malayalam marathi sikh hindu buddhist muslim jewish christian catholic mormon
`))

// clinicalTerms are words of notes, outside the common-word list, that are
// never names: conditions, settings and tests.
var clinicalTerms = wordSet(strings.Fields(`
covid coronavirus burnout insomnia delirium psychosis mania hypomania suicidality withdrawal detox relapse
dialysis chemo chemotherapy telehealth telemedicine videoconference neuropsych psychoeducation psychoed
intake biopsychosocial postpartum perinatal antepartum prenatal inpatient outpatient residential
hospice palliative rehab sobriety hypervigilance dissociation flashbacks nightmares rumination anhedonia
tearful euthymic dysthymic irritable anxious depressed withdrawn guarded cooperative disheveled
tangential circumstantial oriented alert lethargic somnolent agitated restless isolative reorienting
reoriented redirectable ambulating ambulatory afebrile tachycardic bradycardic hypertensive hypotensive
diaphoretic nauseous incontinent continent edematous cachectic obese intubated extubated sedated
`))
