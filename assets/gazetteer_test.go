package assets_test

import (
	"strings"
	"testing"

	"github.com/confidenotes/confide/assets"
)

func TestGazetteerFiles(t *testing.T) {
	tests := []struct {
		name   string
		file   string
		header string
	}{
		{"first names", "gazetteer/first_names.tsv", "name\tcount_female\tcount_male"},
		{"surnames", "gazetteer/surnames.tsv", "name\tcount"},
		{"places", "gazetteer/places.tsv", "name\tstate\tpopulation"},
		{"states", "gazetteer/states.tsv", "name\tusps\tfips\tkind\tpopulation"},
		{"words", "gazetteer/words.tsv", "word\tcount"},
		{"hospitals", "gazetteer/hospitals.tsv", "name\tcity\tstate"},
		{"universities", "gazetteer/universities.tsv", "name\tcity\tstate"},
		{"companies", "gazetteer/companies.tsv", "name"},
		{"world cities", "gazetteer/world_cities.tsv", "name\tcountry"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			data, err := assets.Gazetteer.ReadFile(tt.file)
			if err != nil {
				t.Fatal(err)
			}
			got, _, _ := strings.Cut(string(data), "\n")
			if got != tt.header {
				t.Errorf("header = %q, want %q", got, tt.header)
			}
		})
	}
	for _, f := range []string{"gazetteer/NOTICE", "gazetteer/CC-BY-3.0.txt"} {
		data, err := assets.Gazetteer.ReadFile(f)
		if err != nil || !strings.Contains(string(data), "CC BY 3.0") {
			t.Errorf("%s: missing or without the CC BY 3.0 attribution (err %v)", f, err)
		}
	}
}
