package main

import (
	"github.com/confidenotes/confide/notes/disguise"
)

func init() {
	register(&command{name: "detect", summary: "find identifiers: JSON Lines in, JSON Lines out (needs no vault)", run: cmdDetect})
}

// cmdDetect streams stdin to stdout, one output line per input line, so it
// serves both a pipe of many notes and an interactive caller.
func cmdDetect(e *env, args []string) error {
	if len(args) != 0 {
		return usagef("detect reads JSON Lines from standard input and takes no arguments")
	}
	return disguise.DetectJSONLines(e.stdin, e.stdout)
}
