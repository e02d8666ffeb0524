package main

import (
	"flag"
	"io"
	"os"
	"sort"
	"strings"
	"testing"
)

// TestDocsCoverEveryCommand keeps docs/cli.md, the contract, up to date:
// every command and every one of its flags is in it.
func TestDocsCoverEveryCommand(t *testing.T) {
	b, err := os.ReadFile("../../docs/cli.md")
	if err != nil {
		t.Fatal(err)
	}
	doc := string(b)
	names := make([]string, 0, len(commands))
	for n := range commands {
		names = append(names, n)
	}
	sort.Strings(names)
	for _, n := range names {
		c := commands[n]
		if !strings.Contains(doc, "`"+n) && !strings.Contains(doc, "/ `"+n) {
			t.Errorf("docs/cli.md does not document the command %q", n)
		}
		fs := flag.NewFlagSet(n, flag.ContinueOnError)
		fs.SetOutput(io.Discard)
		if c.flags != nil {
			c.flags(fs)
		}
		fs.VisitAll(func(f *flag.Flag) {
			if !strings.Contains(doc, "--"+f.Name) {
				t.Errorf("docs/cli.md does not document %s --%s", n, f.Name)
			}
		})
	}
}
