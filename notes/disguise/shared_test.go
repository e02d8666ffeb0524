package disguise_test

import (
	"strings"
	"testing"

	"github.com/confidenotes/confide/notes/disguise"
)

// TestRelativeSharingSurname: a relative who shares the client's surname
// is a third party in every form (full name, first name, title and
// surname), and the client's own mentions stay the client's. This is the
// release bug where "Dana Smith", the mother, stayed in a client's own
// records.
func TestRelativeSharingSurname(t *testing.T) {
	known := &disguise.Known{
		Names:   []string{"Alex Smith", "Alex", "Smith"},
		Related: []disguise.Related{{Name: "Dana Smith", Relation: "mother"}, {Name: "Robert Smith", Relation: "father"}},
	}
	text := "Alex Smith came alone. Dana Smith called; Dana worries. Mrs. Smith will attend. Mr. Smith was absent. Smith said he is fine. ALEX SMITH MET DANA SMITH."
	m := disguise.NewMapping(disguise.ThirdParty, 1)
	out := m.Disguise(text, known).Text
	for _, leak := range []string{"Dana", "Mrs. Smith", "DANA"} {
		if strings.Contains(out, leak) {
			t.Errorf("third-party redaction kept %q: %s", leak, out)
		}
	}
	for _, keep := range []string{"Alex Smith came", "Smith said he", "ALEX SMITH"} {
		if !strings.Contains(out, keep) {
			t.Errorf("third-party redaction removed the client's %q: %s", keep, out)
		}
	}
	// The father shares the surname too, so "Mr. Smith" may be him: it goes.
	if strings.Contains(out, "Mr. Smith") {
		t.Errorf("kept Mr. Smith although the father is a Smith: %s", out)
	}
	// When only the mother shares it, "Mr. Smith" is the client.
	known.Related = known.Related[:1]
	out = disguise.NewMapping(disguise.ThirdParty, 1).Disguise(text, known).Text
	if !strings.Contains(out, "Mr. Smith was absent") || strings.Contains(out, "Mrs. Smith") {
		t.Errorf("with only the mother a Smith, want Mr. Smith kept and Mrs. Smith redacted: %s", out)
	}
}
