package notes

import "strings"

// Identifiers is everything recorded about a client that could identify
// them in a text. Its fields and JSON names follow the "known" object of
// confidectl detect, so the detector in notes/disguise can take it as is.
type Identifiers struct {
	Names     []string  `json:"names,omitempty"`   // name, its parts, preferred name
	Related   []Related `json:"related,omitempty"` // related people, guardians, emergency contact
	Members   []string  `json:"members,omitempty"` // the other members of the client's units
	Places    []string  `json:"places,omitempty"`
	Employer  string    `json:"employer,omitempty"`
	School    string    `json:"school,omitempty"`
	DOB       string    `json:"dob,omitempty"`
	Phones    []string  `json:"phones,omitempty"`
	Emails    []string  `json:"emails,omitempty"`
	Addresses []string  `json:"addresses,omitempty"`
}

// Related is a person related to the client, by name and relation.
type Related struct {
	Name     string `json:"name"`
	Relation string `json:"relation,omitempty"`
}

// Identifiers gathers what a disguise or redaction must find in a note
// about this client. Other identifying details (free items) count as
// places when they are not names: the detector treats both as literal
// phrases.
func (c *Client) Identifiers() Identifiers {
	id := Identifiers{
		Employer: c.Employer, School: c.School, DOB: c.DOB,
		Phones: clone(c.Phones), Emails: clone(c.Emails), Addresses: clone(c.Addresses),
	}
	id.Names = appendUnique(id.Names, c.Name, c.Preferred)
	id.Names = appendUnique(id.Names, strings.Fields(c.Name)...)
	rel := func(p Person, fallback string) {
		r := p.Relation
		if r == "" {
			r = fallback
		}
		id.Related = append(id.Related, Related{Name: p.Name, Relation: r})
		id.Phones = appendUnique(id.Phones, p.Phone)
	}
	for _, p := range c.Related {
		rel(p, "related")
	}
	for _, p := range c.Guardians {
		rel(p, "guardian")
	}
	if c.Emergency != nil {
		rel(*c.Emergency, "emergency contact")
	}
	for _, u := range c.Units {
		for _, m := range u.Members {
			if m.ClientID != c.ID {
				id.Members = appendUnique(id.Members, m.Name)
			}
		}
	}
	for _, a := range c.Addresses {
		// "12 Elm St, Springfield, IL 62704": the parts after the street.
		parts := strings.Split(a, ",")
		for _, p := range parts[1:] {
			id.Places = appendUnique(id.Places, strings.TrimSpace(p))
		}
	}
	id.Places = appendUnique(id.Places, c.Other...)
	return id
}

func clone(s []string) []string { return append([]string(nil), s...) }

// appendUnique appends the non-empty values not already in s.
func appendUnique(s []string, vals ...string) []string {
	for _, v := range vals {
		v = strings.TrimSpace(v)
		if v == "" {
			continue
		}
		dup := false
		for _, have := range s {
			if strings.EqualFold(have, v) {
				dup = true
				break
			}
		}
		if !dup {
			s = append(s, v)
		}
	}
	return s
}
