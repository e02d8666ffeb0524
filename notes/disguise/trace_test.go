package disguise

import "testing"

// TestNameRules checks which context rule finds which name, through the
// trace hook: a regression in one rule shows as that rule, not as a
// figure on an evaluation set.
func TestNameRules(t *testing.T) {
	tests := []struct{ text, rule, want string }{
		{"seen with dr lindqvist today.", "title", "lindqvist"},
		{"lives w/ her aunt marisol now.", "relation", "marisol"},
		{"CLIENT: TOBIAS WREN   DOS 4/2", "label:", "TOBIAS WREN"},
		{"plan weekly.\n- r. delacroix, lcsw", "credential", "r. delacroix"},
		{"f/u 2 wks.\n-qlm", "dash", "qlm"},
		{"Thank you.\n\nRespectfully,\nAnneliese Brandt", "closing", "Anneliese Brandt"},
		{"Oluwaseun (\"Seun\") arrived.", "nickname", "Seun"},
		{"friends kaylin + jaz came over", "list", "jaz"},
		{"buddy from the old route (clarence) calls", "bracket", "clarence"},
	}
	for _, tt := range tests {
		var got []string
		traceRule = func(rule string, s, e int) { got = append(got, rule+"="+tt.text[s:e]) }
		Detect(tt.text, nil)
		traceRule = nil
		want := tt.rule + "=" + tt.want
		found := false
		for _, g := range got {
			found = found || g == want
		}
		if !found {
			t.Errorf("%q: rules found %v, want %s", tt.text, got, want)
		}
	}
}
