package ui

import (
	"regexp"
	"sort"
	"strings"

	"github.com/confidenotes/confide/notes"
)

// maskPeople replaces, for privacy mode, every name a client's record
// knows (the client's, the preferred name, related people, guardians, the
// emergency contact, the members of the client's units) and each part of
// those names, by initials, wherever it stands in text. Longer names go
// first, so "Maria Garcia" becomes "M. G." rather than "M. Garcia".
func maskPeople(text string, id notes.Identifiers) string {
	var names []string
	add := func(n string) {
		n = strings.TrimSpace(n)
		if len([]rune(n)) < 2 {
			return
		}
		names = append(names, n)
		if parts := strings.Fields(n); len(parts) > 1 {
			for _, p := range parts {
				if len([]rune(p)) >= 2 && !nameParticle[strings.ToLower(p)] {
					names = append(names, p)
				}
			}
		}
	}
	for _, n := range id.Names {
		add(n)
	}
	for _, r := range id.Related {
		add(r.Name)
	}
	for _, n := range id.Members {
		add(n)
	}
	sort.SliceStable(names, func(i, j int) bool { return len(names[i]) > len(names[j]) })
	for _, n := range names {
		re := regexp.MustCompile(`(?i)(^|[^\pL\pN])(` + regexp.QuoteMeta(n) + `)($|[^\pL\pN])`)
		// The pattern eats the character after a match, so two names in a
		// row need a second pass.
		for i := 0; i < 2; i++ {
			text = re.ReplaceAllStringFunc(text, func(m string) string {
				sub := re.FindStringSubmatch(m)
				return sub[1] + initials(sub[2]) + sub[3]
			})
		}
	}
	return text
}

// nameParticle are the small words of names that are not worth masking
// alone ("de la Cruz": "de" and "la" stay).
var nameParticle = map[string]bool{"de": true, "la": true, "del": true, "van": true, "von": true, "da": true, "di": true, "le": true, "el": true}
