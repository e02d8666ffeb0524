package synth

import (
	"fmt"
	"testing"
	"time"
)

func TestScratch(t *testing.T) {
	st := time.Now()
	p := New(1).Practice(60, 25000)
	fmt.Println(time.Since(st), len(p.Notes))
	n := p.Notes[0]
	fmt.Println(n.Text)
	for _, s := range n.Spans {
		fmt.Printf("%s %q\n", s.Category, n.Text[s.Start:s.End])
	}
	fmt.Println(p.Notes[5].Text)
}
