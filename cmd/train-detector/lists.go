package main

// notLocations are places the detector's annotation rules do not count as
// identifiers on their own: countries, continents and regions, and US
// states (a state counts only inside an address, which the rules find).
var notLocations = setOf(
	"afghanistan", "albania", "algeria", "argentina", "armenia", "australia", "austria", "bangladesh",
	"belarus", "belgium", "bolivia", "bosnia", "brazil", "bulgaria", "cambodia", "cameroon", "canada",
	"chile", "china", "colombia", "congo", "costa rica", "croatia", "cuba", "cyprus", "czech republic",
	"denmark", "dominican republic", "ecuador", "egypt", "el salvador", "england", "eritrea", "estonia",
	"ethiopia", "fiji", "finland", "france", "georgia", "germany", "ghana", "greece", "guatemala", "haiti",
	"honduras", "hong kong", "hungary", "iceland", "india", "indonesia", "iran", "iraq", "ireland",
	"israel", "italy", "jamaica", "japan", "jordan", "kazakhstan", "kenya", "korea", "south korea",
	"north korea", "kuwait", "laos", "latvia", "lebanon", "liberia", "libya", "lithuania", "malaysia",
	"mexico", "moldova", "mongolia", "morocco", "myanmar", "nepal", "netherlands", "holland",
	"new zealand", "nicaragua", "nigeria", "norway", "pakistan", "palestine", "panama", "paraguay",
	"peru", "philippines", "poland", "portugal", "puerto rico", "qatar", "romania", "russia", "rwanda",
	"saudi arabia", "scotland", "senegal", "serbia", "singapore", "slovakia", "slovenia", "somalia",
	"south africa", "spain", "sri lanka", "sudan", "sweden", "switzerland", "syria", "taiwan",
	"tanzania", "thailand", "tunisia", "turkey", "uganda", "ukraine", "united kingdom", "uk", "u.k",
	"united states", "united states of america", "us", "u.s", "usa", "u.s.a", "america", "uruguay",
	"uzbekistan", "venezuela", "vietnam", "wales", "yemen", "zambia", "zimbabwe", "great britain",
	"britain", "europe", "asia", "africa", "north america", "south america", "latin america",
	"middle east", "the middle east", "antarctica", "oceania", "caribbean", "the caribbean",
	"scandinavia", "the west", "earth", "world", "the world",
	"alabama", "alaska", "arizona", "arkansas", "california", "colorado", "connecticut", "delaware",
	"florida", "hawaii", "idaho", "illinois", "indiana", "iowa", "kansas", "kentucky", "louisiana",
	"maine", "maryland", "massachusetts", "michigan", "minnesota", "mississippi", "missouri", "montana",
	"nebraska", "nevada", "new hampshire", "new jersey", "new mexico", "new york state", "north carolina",
	"north dakota", "ohio", "oklahoma", "oregon", "pennsylvania", "rhode island", "south carolina",
	"south dakota", "tennessee", "texas", "utah", "vermont", "virginia", "washington state",
	"west virginia", "wisconsin", "wyoming",
)

func setOf(words ...string) map[string]bool {
	m := make(map[string]bool, len(words))
	for _, w := range words {
		m[w] = true
	}
	return m
}
