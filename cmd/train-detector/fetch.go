package main

import (
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
)

// fetchCorpora clones each corpus missing from dir, at its pinned commit,
// checking out only the files training reads. from is where repositories
// are cloned from, with {owner} and {name} standing for a repository's
// owner and name ("https://github.com/{owner}/{name}.git").
func fetchCorpora(dir, from string) error {
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return err
	}
	for _, c := range corpora {
		dst := filepath.Join(dir, c.dir)
		if _, err := os.Stat(dst); err == nil {
			continue
		}
		owner, name, _ := strings.Cut(c.repo, "/")
		src := strings.NewReplacer("{owner}", owner, "{name}", name).Replace(from)
		fmt.Fprintf(os.Stderr, "fetching %s (%s at %s)\n", c.name, c.repo, c.commit[:12])
		files := append(append([]string{}, c.train...), c.test...)
		files = append(files, c.licenceFile)
		if err := git("", "clone", "--quiet", "--no-checkout", src, dst); err != nil {
			return fmt.Errorf("fetch %s from %s: %w; clone https://github.com/%s into %s yourself, or give -fetch another source", c.name, src, err, c.repo, dst)
		}
		if err := git(dst, append([]string{"checkout", "--quiet", c.commit, "--"}, files...)...); err != nil {
			os.RemoveAll(dst)
			return fmt.Errorf("check out %s at %s: %w", c.name, c.commit, err)
		}
	}
	return nil
}

func git(dir string, args ...string) error {
	cmd := exec.Command("git", args...)
	cmd.Dir = dir
	cmd.Stderr = os.Stderr
	return cmd.Run()
}
