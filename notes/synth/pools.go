package synth

// The pools below are invented or very common values; no real person,
// practice or client is described. Names include ones that are also
// ordinary English words ("Hope", "Will", "Rose") and names from many
// languages, because real notes have both.

var femaleFirst = []string{
	"Maria", "Jennifer", "Aisha", "Emily", "Sofia", "Hope", "Rose", "Grace", "Faith", "Joy",
	"Dawn", "April", "Destiny", "Lakshmi", "Mei", "Fatima", "Olga", "Siobhan", "Ngozi", "Yesenia",
	"Brianna", "Kayla", "Rebecca", "Lauren", "Tamika", "Keisha", "Priya", "Hannah", "Chloe", "Isabel",
	"Margaret", "Dorothy", "Linda", "Patricia", "Susan", "Carmen", "Rosa", "Ana", "Lucia", "Elena",
	"Nadia", "Leila", "Amara", "Ingrid", "Hyun-woo", "Xiomara", "Guadalupe", "Bethany", "Tiffany", "Crystal",
	"Heather", "Amber", "Megan", "Natalie", "Victoria", "Catherine", "Charlotte", "Madison", "Savannah", "Autumn",
}

var maleFirst = []string{
	"Daniel", "Michael", "James", "Will", "Mark", "Grant", "Frank", "Bill", "Hunter", "Chase",
	"Carlos", "Jose", "Luis", "Ahmed", "Mohammed", "Wei", "Hiroshi", "Dmitri", "Kwame", "Oluwaseun",
	"Tyrone", "DeShawn", "Jamal", "Andre", "Marcus", "Kevin", "Brian", "Jason", "Ryan", "Tyler",
	"Robert", "Richard", "Thomas", "Charles", "Joseph", "Christopher", "Matthew", "Anthony", "Joshua", "Andrew",
	"Santiago", "Mateo", "Diego", "Rafael", "Tomasz", "Sean", "Patrick", "Liam", "Noah", "Ethan",
	"Nathaniel", "Zachary", "Jeremiah", "Isaiah", "Elijah", "Dustin", "Cody", "Travis", "Wade", "Rusty",
}

var surnames = []string{
	"Garcia", "Smith", "Johnson", "Nguyen", "Okafor", "Patel", "Kowalski", "O'Brien", "Garcia-Lopez",
	"de la Cruz", "Washington", "Brown", "Williams", "Rodriguez", "Martinez", "Hernandez", "Lopez",
	"Gonzalez", "Wilson", "Anderson", "Thomas", "Taylor", "Moore", "Jackson", "Martin", "Lee", "Thompson",
	"White", "Harris", "Sanchez", "Clark", "Ramirez", "Lewis", "Robinson", "Walker", "Young", "Allen",
	"King", "Wright", "Scott", "Torres", "Hill", "Flores", "Green", "Adams", "Nelson", "Baker", "Hall",
	"Rivera", "Campbell", "Mitchell", "Carter", "Roberts", "Kim", "Chen", "Wang", "Singh", "Haddad",
	"Abernathy", "Fitzgerald", "Van der Berg", "MacDonald", "Schwartz", "Novak", "Yamamoto", "Olsen",
	"Petrov", "Mensah", "Adeyemi", "Castillo", "Delgado", "Whitfield", "Pemberton", "Hawthorne", "Stone",
	"Brooks", "Price", "Bell", "Bishop", "Hunt", "Fox", "Rich", "Young-Kim", "Sato", "Ivanova",
}

var nicknames = map[string]string{
	"Jennifer": "Jen", "Rebecca": "Becky", "Margaret": "Peggy", "Patricia": "Trish", "Elizabeth": "Liz",
	"Catherine": "Cat", "Victoria": "Tori", "Natalie": "Nat", "Dorothy": "Dot", "Susan": "Sue",
	"Michael": "Mike", "James": "Jim", "William": "Billy", "Robert": "Bobby", "Richard": "Rick",
	"Thomas": "Tommy", "Charles": "Chuck", "Joseph": "Joe", "Christopher": "Topher", "Matthew": "Matty",
	"Anthony": "Tony", "Joshua": "Josh", "Andrew": "Drew", "Daniel": "Danny", "Nathaniel": "Nate",
	"Zachary": "Zach", "Santiago": "Santi", "Guadalupe": "Lupe", "Oluwaseun": "Seun", "Dmitri": "Dima",
}

type city struct{ name, state, zip string }

var cities = []city{
	{"Dayton", "OH", "45402"}, {"Springfield", "IL", "62704"}, {"Toledo", "OH", "43604"},
	{"Tucson", "AZ", "85701"}, {"Albany", "NY", "12207"}, {"Fresno", "CA", "93721"},
	{"Boise", "ID", "83702"}, {"Savannah", "GA", "31401"}, {"Duluth", "MN", "55802"},
	{"Spokane", "WA", "99201"}, {"Knoxville", "TN", "37902"}, {"Lubbock", "TX", "79401"},
	{"Burlington", "VT", "05401"}, {"Asheville", "NC", "28801"}, {"Flagstaff", "AZ", "86001"},
	{"Kalamazoo", "MI", "49007"}, {"Cheyenne", "WY", "82001"}, {"Bangor", "ME", "04401"},
	{"Pueblo", "CO", "81003"}, {"Lafayette", "LA", "70501"}, {"Scranton", "PA", "18503"},
	{"Chicago", "IL", "60601"}, {"Houston", "TX", "77002"}, {"Phoenix", "AZ", "85004"},
	{"Baltimore", "MD", "21201"}, {"Portland", "OR", "97204"}, {"Cleveland", "OH", "44113"},
	{"San Antonio", "TX", "78205"}, {"Las Vegas", "NV", "89101"}, {"St. Louis", "MO", "63101"},
}

var streets = []string{
	"Oak Street", "Maple Avenue", "Elm Drive", "Cedar Lane", "Lincoln Road", "Washington Blvd",
	"Park Place", "Hillcrest Court", "Riverside Drive", "Sycamore St", "Meadowbrook Lane",
	"N. Main Street", "Kingsley Avenue", "Birchwood Terrace", "Old Mill Road", "Harbor View Way",
}

var employers = []string{
	"Northwind Logistics", "Bluebird Bakery", "Kessler Manufacturing", "Summit Credit Union",
	"Brightline Software", "Redwood Insurance Group", "Hartwell & Sons Plumbing", "Pinecrest Dental",
	"Lakeshore Auto Body", "Meridian Health Partners", "Greenfield Elementary", "Tri-County Transit",
	"Silverleaf Consulting", "Harmon Foods", "Cascade Tech Solutions", "Anchor Staffing Services",
	"Walmart", "Amazon", "Kroger", "FedEx", "Target", "Home Depot", "Starbucks", "UPS",
}

var schools = []string{
	"Lincoln High School", "Roosevelt Middle School", "Jefferson Elementary", "Westview Academy",
	"Ohio State University", "Sinclair Community College", "St. Agnes Catholic School",
	"Riverside High School", "Eastwood Middle School", "University of Toledo", "Valley View High School",
	"Arizona State University", "Central Michigan University", "Oak Hill Elementary School",
}

var hospitals = []string{
	"St. Mary's Hospital", "Riverside Methodist Hospital", "Mercy Medical Center", "Good Samaritan Hospital",
	"Kettering Health Main Campus", "Children's Hospital of Michigan", "Valley Behavioral Health Center",
	"Sheppard Pratt", "Memorial Regional Hospital", "St. Vincent Medical Center", "Miami Valley Hospital",
}

type relation struct {
	word   string
	female bool
	minor  bool // a relation a minor client would have
	adult  bool // a relation an adult client would have
}

var relationsPool = []relation{
	{"husband", false, false, true}, {"wife", true, false, true}, {"partner", true, false, true},
	{"boyfriend", false, false, true}, {"girlfriend", true, false, true},
	{"mother", true, true, true}, {"father", false, true, true}, {"sister", true, true, true},
	{"brother", false, true, true}, {"son", false, false, true}, {"daughter", true, false, true},
	{"grandmother", true, true, true}, {"stepfather", false, true, true}, {"aunt", true, true, true},
	{"best friend", true, true, true}, {"roommate", false, false, true}, {"ex-husband", false, false, true},
	{"manager", false, false, true}, {"coworker", true, false, true}, {"teacher", true, true, false},
}

var otherRoles = []string{
	"coworker", "friend", "neighbor", "supervisor", "classmate", "sponsor", "landlord",
	"pastor", "case manager", "cousin", "teammate", "babysitter", "tutor",
}
