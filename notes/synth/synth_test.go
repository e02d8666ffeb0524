package synth_test

import (
	"fmt"
	"reflect"
	"strings"
	"testing"

	"github.com/confidenotes/confide/notes/synth"
)

func TestPracticeDeterministic(t *testing.T) {
	a := synth.New(1).Practice(5, 40)
	b := synth.New(1).Practice(5, 40)
	c := synth.New(2).Practice(5, 40)
	if !reflect.DeepEqual(a, b) {
		t.Error("same seed gave different practices")
	}
	if reflect.DeepEqual(a.Notes[0].Text, c.Notes[0].Text) {
		t.Error("different seeds gave the same first note")
	}
}

func TestPracticeShape(t *testing.T) {
	p := synth.New(3).Practice(12, 300)
	tests := []struct {
		name      string
		got, want int
	}{
		{"clients", len(p.Clients), 12},
		{"notes", len(p.Notes), 300},
	}
	for _, tt := range tests {
		if tt.got != tt.want {
			t.Errorf("%s = %d, want %d", tt.name, tt.got, tt.want)
		}
	}
	kinds := map[string]bool{}
	templates := map[string]bool{}
	minors, couples := 0, 0
	for _, c := range p.Clients {
		if c.Minor {
			minors++
			if c.Guardian == "" {
				t.Errorf("minor client %d has no guardian", c.ID)
			}
		}
		if c.Partner >= 0 {
			couples++
		}
		if len(c.Related) == 0 {
			t.Errorf("client %d has no related people", c.ID)
		}
	}
	if couples != 2 {
		t.Errorf("%d clients in a couple, want 2", couples)
	}
	total := 0
	for _, n := range p.Notes {
		kinds[n.Kind] = true
		templates[n.Template] = true
		total += len(n.Text)
	}
	for _, k := range []string{"intake", "progress", "treatment-plan", "contact", "termination", "psychotherapy", "other"} {
		if !kinds[k] {
			t.Errorf("no %s note", k)
		}
	}
	for _, tm := range []string{"soap", "dap", "birp", "girp", "free"} {
		if !templates[tm] {
			t.Errorf("no %s template", tm)
		}
	}
	if avg := total / len(p.Notes); avg < 2200 || avg > 3200 {
		t.Errorf("average note is %d bytes, want about 2500", avg)
	}
}

func TestGoldSpans(t *testing.T) {
	p := synth.New(4).Practice(10, 200)
	cats := map[string]int{}
	for i, n := range p.Notes {
		last := 0
		for _, s := range n.Spans {
			if s.Start < last || s.End > len(n.Text) || s.Start >= s.End {
				t.Fatalf("note %d: span [%d,%d) out of order or outside the text", i, s.Start, s.End)
			}
			if strings.TrimSpace(n.Text[s.Start:s.End]) != n.Text[s.Start:s.End] {
				t.Errorf("note %d: span %q has surrounding space", i, n.Text[s.Start:s.End])
			}
			last = s.End
			cats[s.Category]++
		}
		var joined strings.Builder
		for k, sec := range n.Sections {
			if k > 0 {
				joined.WriteString("\n\n")
			}
			joined.WriteString(sec.Heading + ":\n" + sec.Text)
		}
		if joined.String() != n.Text {
			t.Fatalf("note %d: sections do not join to the text", i)
		}
	}
	for _, c := range []string{synth.CatName, synth.CatDate, synth.CatAge, synth.CatLocation, synth.CatPhone, synth.CatEmail, synth.CatID, synth.CatURL, synth.CatOrg} {
		if cats[c] == 0 {
			t.Errorf("no gold %s span", c)
		}
	}
}

func BenchmarkPractice(b *testing.B) {
	for i := 0; i < b.N; i++ {
		synth.New(int64(i)).Practice(60, 25000)
	}
}

func ExampleGenerator_Practice() {
	p := synth.New(1).Practice(12, 300)
	n := p.Notes[0]
	fmt.Println(len(p.Clients), len(p.Notes), n.Kind, n.Sections[0].Heading)
	// Output: 12 300 intake Identifying Information
}
