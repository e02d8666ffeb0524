package notes

import (
	"encoding/json"
	"reflect"
	"testing"
)

func TestStoredFormRoundTrip(t *testing.T) {
	tests := []struct {
		name string
		secs []Section
	}{
		{"free", []Section{{Name: "Note", Text: "One section, stored as is."}}},
		{"soap", []Section{{Name: "Subjective", Text: "Reports “better” sleep."}, {Name: "Objective", Text: ""},
			{Name: "Assessment", Text: "Plan:\nnot a heading here"}, {Name: "Plan", Text: "Next week.\n\n"}}},
		{"blank", SOAP.Blank()},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			body, layout := storedForm(tt.secs)
			if body != renderBody(tt.secs) {
				t.Fatalf("body %q differs from the rendered body", body)
			}
			var spans []sectionSpan
			if err := jsonUnmarshal(layout, &spans); err != nil {
				t.Fatal(err)
			}
			got, err := sectionsOf(body, spans)
			if err != nil {
				t.Fatal(err)
			}
			if !reflect.DeepEqual(got, tt.secs) {
				t.Fatalf("got %q, want %q", got, tt.secs)
			}
		})
	}
	if _, err := sectionsOf("short", []sectionSpan{{Name: "Note", Start: 0, End: 99}}); err == nil {
		t.Fatal("a layout past the end of the body was accepted")
	}
}

func jsonUnmarshal(s string, v any) error { return json.Unmarshal([]byte(s), v) }
