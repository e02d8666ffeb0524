package main

import (
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

func TestProfileCommands(t *testing.T) {
	c := newConsentCLI(t)
	if code, _, errs := c.run("profile", "set", "--name", "Jane Porter", "--npi", "1234567890"); code != 1 || !strings.Contains(errs, "wrong check digit") {
		t.Errorf("a bad NPI: exit %d, %q", code, errs)
	}
	if code, _, errs := c.run("profile", "set", "--credentials", "LCSW"); code != 1 || !strings.Contains(errs, "give --name the first time") {
		t.Errorf("no name the first time: exit %d, %q", code, errs)
	}
	if code, _, errs := c.run("profile", "set", "--name", "Jane Porter", "--paper", "legal"); code != 2 || !strings.Contains(errs, "letter or a4") {
		t.Errorf("a bad paper size: exit %d, %q", code, errs)
	}
	if code, _, _ := c.run("profile", "set"); code != 2 {
		t.Errorf("profile set without flags: exit %d, want 2", code)
	}
	c.must("profile", "set", "--name", "Jane Porter", "--credentials", "LCSW", "--license", "R-071234", "--license-state", "NY",
		"--npi", "1234567893", "--practice", "Porter Counseling", "--address", `12 Elm Street\nIthaca, NY 14850`,
		"--phone", "(607) 555-0142", "--timezone", "America/New_York", "--paper", "a4", "--default-minutes", "53", "--default-code", "90837")
	c.must("profile", "set", "--phone", "(607) 555-0199") // only what is given changes
	var p map[string]any
	c.jsonOf(&p, "profile", "show")
	want := map[string]any{"name": "Jane Porter", "credentials": "LCSW", "license": "R-071234", "license_state": "NY", "npi": "1234567893",
		"practice": "Porter Counseling", "address": "12 Elm Street\nIthaca, NY 14850", "phone": "(607) 555-0199",
		"timezone": "America/New_York", "paper": "a4", "default_minutes": float64(53), "default_code": "90837"}
	for k, v := range want {
		if p[k] != v {
			t.Errorf("profile show: %s = %v, want %v", k, p[k], v)
		}
	}
	if human := c.must("profile", "show"); !strings.Contains(human, "signs as         Jane Porter, LCSW") {
		t.Errorf("profile show:\n%s", human)
	}
}

func TestExportCommand(t *testing.T) {
	c := newReleaseCLI(t)
	c.must("profile", "set", "--name", "Jane Porter", "--credentials", "LCSW")
	dir := filepath.Join(t.TempDir(), "export")
	if code, _, errs := c.run("export", "--client", c.maria); code != 2 || !strings.Contains(errs, "--out DIR is required") {
		t.Errorf("export without --out: exit %d, %q", code, errs)
	}
	var m struct {
		Notes        []string `json:"notes"`
		DisclosureID string   `json:"disclosure_id"`
		Request      string   `json:"request"`
	}
	c.jsonOf(&m, "export", "--client", c.maria, "--out", dir)
	if len(m.Notes) != 3 || m.Request != "export" || m.DisclosureID == "" {
		t.Errorf("export printed %+v, want the 3 signed notes that are not psychotherapy notes", m)
	}
	for _, name := range []string{"chart.json", "chart.pdf"} {
		fi, err := os.Stat(filepath.Join(dir, name))
		if err != nil || fi.Mode().Perm() != 0o600 {
			t.Errorf("%s: %v %v, want mode 0600", name, err, fi)
		}
	}
	var chart map[string]json.RawMessage
	raw, _ := os.ReadFile(filepath.Join(dir, "chart.json"))
	if err := json.Unmarshal(raw, &chart); err != nil {
		t.Fatal(err)
	}
	for _, key := range []string{"format", "version", "export_id", "exported_at", "exported_by", "practice", "client", "scope", "notes", "consents", "authorizations"} {
		if chart[key] == nil {
			t.Errorf("chart.json has no %q (docs/cli.md lists it)", key)
		}
	}
	if strings.Contains(string(raw), "PSYCHNOTE") || strings.Contains(pdfToText(t, filepath.Join(dir, "chart.pdf")), "PSYCHNOTE") {
		t.Error("a psychotherapy note was exported without being asked for")
	}
	c.must("export", "--client", c.maria, "--out", dir, "--include-psychotherapy-notes", "--from", "2026-03-01")
	raw, _ = os.ReadFile(filepath.Join(dir, "chart.json"))
	if !strings.Contains(string(raw), "PSYCHNOTE") || strings.Contains(string(raw), "OLDNOTE") {
		t.Error("the second export does not hold what it asked for")
	}
	var ds []struct {
		Request            string `json:"request"`
		MadeBy             string `json:"made_by"`
		PsychotherapyNotes bool   `json:"psychotherapy_notes"`
	}
	c.jsonOf(&ds, "disclosures", "--client", c.maria)
	if len(ds) != 2 || ds[0].Request != "export" || ds[0].MadeBy != "Jane Porter, LCSW" || ds[0].PsychotherapyNotes || !ds[1].PsychotherapyNotes {
		t.Errorf("the accounting after two exports: %+v", ds)
	}
}
