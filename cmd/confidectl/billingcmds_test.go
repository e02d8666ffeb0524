package main

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// note sign refuses a psychotherapy time code that does not fit the
// minutes, naming the code that fits, unless --accept-code-mismatch.
func TestNoteSignChecksTheTimeCode(t *testing.T) {
	c := newCLI(t)
	client := c.ok("", "client", "add", "--name", "Ada Byron")
	note := c.ok("Session.", "note", "add", "--client", client, "--kind", "progress", "--date", "2026-03-10",
		"--start", "14:00", "--duration", "60", "--service-code", "90834")
	_, errs, code := c.run("", "note", "sign", note)
	if code != 1 || !strings.Contains(errs, "60 minutes fit 90837, not 90834") || !strings.Contains(errs, "--service-code 90837") ||
		!strings.Contains(errs, "--accept-code-mismatch") {
		t.Fatalf("note sign of a mismatch: exit %d, %q", code, errs)
	}
	var shown struct {
		SignedAt string `json:"signed_at"`
	}
	c.json(&shown, "", "note", "show", note)
	if shown.SignedAt != "" {
		t.Fatal("a refused note was signed")
	}
	out := c.ok("", "note", "sign", note, "--accept-code-mismatch")
	if !strings.Contains(out, "signed "+note) || !strings.Contains(out, "although 60 minutes fit 90837") {
		t.Errorf("note sign --accept-code-mismatch = %q", out)
	}
	short := c.ok("Session.", "note", "add", "--client", client, "--kind", "progress", "--date", "2026-03-11",
		"--start", "14:00", "--duration", "10", "--service-code", "90832")
	if _, errs, code := c.run("", "note", "sign", short); code != 1 || !strings.Contains(errs, "fit no psychotherapy code") || !strings.Contains(errs, "--duration MINUTES") {
		t.Errorf("a session too short: exit %d, %q", code, errs)
	}
	for _, tt := range [][]string{{"53", "90837"}, {"38", "90834"}, {"16", "90832"}, {"90", "90791"}, {"50", "90847"}} {
		n := c.ok("Session.", "note", "add", "--client", client, "--kind", "progress", "--date", "2026-03-12",
			"--start", "09:00", "--duration", tt[0], "--service-code", tt[1])
		c.ok("", "note", "sign", n)
	}
	contact := c.ok("Phone call.", "note", "add", "--client", client, "--kind", "contact", "--date", "2026-03-12")
	c.ok("", "note", "sign", contact) // no time code: not checked
}

// clinicalCLI is the release vault with Maria's clinical record, set
// through the commands.
func clinicalCLI(t *testing.T) *releaseCLI {
	t.Helper()
	c := newReleaseCLI(t)
	c.must("profile", "set", "--name", "Jane Porter", "--credentials", "LCSW", "--npi", "1234567893", "--license", "R-071234",
		"--license-state", "NY", "--practice", "Porter Counseling", "--address", `12 Elm Street\nIthaca, NY 14850`)
	c.must("dx", "add", "--client", c.maria, "--code", "F41.1", "--start", "2026-01-05", "--primary")
	c.must("measure", "add", "--client", c.maria, "--instrument", "phq9", "--date", "2026-01-12", "--items", "2,2,2,2,2,2,2,2,0")
	c.must("measure", "add", "--client", c.maria, "--instrument", "phq9", "--date", "2026-03-09", "--items", "1,1,1,1,1,0,0,0,0")
	plan := filepath.Join(t.TempDir(), "plan.json")
	os.WriteFile(plan, []byte(`{"review_date": "2026-12-01", "problems": [{"id": "conflict", "text": "Conflict with her husband Daniel over money",
	  "goals": [{"id": "calm", "text": "Fewer arguments about money", "measure": {"instrument": "phq9", "target": 9},
	    "objectives": [{"text": "OBJECTIVETEXT one calm talk a week"}], "interventions": ["Emotionally focused therapy"]}]}]}`), 0o600)
	id := strings.TrimSpace(c.must("plan", "add", "--client", c.maria, "--file", plan))
	c.must("plan", "sign", id)
	return c
}

func TestFeeCommands(t *testing.T) {
	c := newConsentCLI(t)
	if out := c.must("fee", "list"); !strings.Contains(out, "no fees set") {
		t.Errorf("fee list of a new vault = %q", out)
	}
	c.must("fee", "set", "--code", "90834", "--amount", "150")
	c.must("fee", "set", "--code", "90837", "--amount", "$185.50")
	var fees []struct {
		Code    string `json:"code"`
		Cents   int64  `json:"cents"`
		Amount  string `json:"amount"`
		Service string `json:"service"`
	}
	c.jsonOf(&fees, "fee", "list")
	if len(fees) != 2 || fees[0].Cents != 15000 || fees[1].Amount != "185.50" || fees[1].Service != "Psychotherapy, 60 minutes" {
		t.Errorf("fee list = %+v", fees)
	}
	for _, tt := range []struct {
		args []string
		code int
		says string
	}{
		{[]string{"fee", "set", "--code", "90834", "--amount", "1.234"}, 2, "not an amount"},
		{[]string{"fee", "set", "--code", "90834", "--amount", "-5"}, 2, "not an amount"},
		{[]string{"fee", "set", "--code", "9083", "--amount", "5"}, 1, "five letters or digits"},
		{[]string{"fee", "set", "--code", "90834"}, 2, "--amount"},
		{[]string{"fee", "remove", "--code", "90791"}, 1, "not found"},
	} {
		if code, _, errs := c.run(tt.args...); code != tt.code || !strings.Contains(errs, tt.says) {
			t.Errorf("%v: exit %d, %q; want %d, %q", tt.args, code, errs, tt.code, tt.says)
		}
	}
	c.must("fee", "remove", "--code", "90837")
	c.jsonOf(&fees, "fee", "list")
	if len(fees) != 1 {
		t.Errorf("after remove: %+v", fees)
	}
}

func TestSuperbillCommand(t *testing.T) {
	c := clinicalCLI(t)
	out := filepath.Join(t.TempDir(), "superbill.pdf")
	code, _, errs := c.run("superbill", "--client", c.maria, "--from", "2026-03-01", "--to", "2026-03-31", "--out", out)
	if code != 1 || !strings.Contains(errs, "no fee is set for 90834") || !strings.Contains(errs, "confidectl fee set") {
		t.Fatalf("superbill without fees: exit %d, %q", code, errs)
	}
	if _, err := os.Stat(out); !os.IsNotExist(err) {
		t.Fatal("a refused superbill left a file")
	}
	c.must("fee", "set", "--code", "90834", "--amount", "150")
	printed := c.must("superbill", "--client", c.maria, "--from", "2026-03-01", "--to", "2026-03-31", "--out", out)
	if !strings.Contains(printed, "1 service from 2026-03-01 to 2026-03-31, total 150.00") {
		t.Errorf("superbill printed %q", printed)
	}
	if fi, err := os.Stat(out); err != nil || fi.Mode().Perm() != 0o600 {
		t.Fatalf("superbill file: %v", err)
	}
	text := pdfToText(t, out)
	for _, want := range []string{"Superbill", "Rendering provider Jane Porter, LCSW", "NPI 1234567893", "Licence R-071234 (NY)",
		"Maria Garcia", "1985-07-04", "F41.1 Generalized anxiety disorder", "2026-03-10 10:00 to 10:50 50 90834 Psychotherapy, 45 minutes A $150.00",
		"Total $150.00"} {
		if !strings.Contains(text, want) {
			t.Errorf("the superbill lacks %q", want)
		}
	}
	var ds []struct {
		Request     string `json:"request"`
		Description string `json:"description"`
	}
	c.jsonOf(&ds, "disclosures", "--client", c.maria)
	if len(ds) != 1 || ds[0].Request != "payment" || !strings.Contains(ds[0].Description, "superbill sb-") {
		t.Errorf("disclosures = %+v", ds)
	}
	// Outside the sessions: exit 1 with the reason; January 2025 holds a
	// session before any diagnosis.
	if code, _, errs := c.run("superbill", "--client", c.maria, "--from", "2026-07-01", "--to", "2026-07-31", "--out", out+"2"); code != 1 || !strings.Contains(errs, "no signed session") {
		t.Errorf("an empty month: exit %d, %q", code, errs)
	}
	if code, _, errs := c.run("superbill", "--client", c.maria, "--from", "2025-01-01", "--to", "2025-01-31", "--out", out+"3"); code != 1 || !strings.Contains(errs, "no diagnosis was in effect on 2025-01-15") {
		t.Errorf("a session before the diagnosis: exit %d, %q", code, errs)
	}
	if code, _, _ := c.run("superbill", "--client", c.maria, "--from", "2026-03-01", "--to", "2026-03-31"); code != 2 {
		t.Errorf("superbill without --out: exit %d", code)
	}
}

// release takes the clinical record part by part, with the request
// type's minimum necessary by default.
func TestReleaseCommandClinicalRecord(t *testing.T) {
	c := clinicalCLI(t)
	out := filepath.Join(t.TempDir(), "insurer.pdf")
	var m struct {
		Diagnoses []string `json:"diagnoses"`
		Measures  []string `json:"measures"`
		Plans     []string `json:"plans"`
		Notes     []string `json:"notes"`
		Sessions  int      `json:"sessions"`
		Scope     struct {
			Plans    string `json:"plans"`
			Measures bool   `json:"measures"`
		} `json:"scope"`
	}
	c.jsonOf(&m, "release", "--client", c.maria, "--request", "insurer", "--recipient", "Acme Health", "--purpose", "claim", "--out", out)
	if len(m.Diagnoses) != 1 || len(m.Measures) != 0 || len(m.Plans) != 1 || len(m.Notes) != 0 || m.Sessions != 3 || m.Scope.Plans != "summary" {
		t.Errorf("the insurer's manifest = %+v", m)
	}
	text := pdfToText(t, out)
	for _, want := range []string{"F41.1 Generalized anxiety disorder", "Treatment plan, version 1 (summary)", "Fewer arguments about money", "Sessions: dates of service"} {
		if !strings.Contains(text, want) {
			t.Errorf("the insurer's release lacks %q", want)
		}
	}
	for _, never := range []string{"OBJECTIVETEXT", "Outcome measures", "argued about money", "Daniel"} {
		if strings.Contains(text, never) {
			t.Errorf("the insurer's release shows %q", never)
		}
	}
	out2 := filepath.Join(t.TempDir(), "client.pdf")
	m.Diagnoses, m.Measures, m.Plans, m.Notes = nil, nil, nil, nil
	c.jsonOf(&m, "release", "--client", c.maria, "--request", "client", "--recipient", "Maria Garcia", "--purpose", "copy", "--out", out2,
		"--kinds", "none", "--diagnoses", "no", "--sessions", "no", "--plan", "none", "--measures", "yes")
	if len(m.Measures) != 2 || len(m.Diagnoses) != 0 || len(m.Plans) != 0 || len(m.Notes) != 0 {
		t.Errorf("measures only: %+v", m)
	}
	if text := pdfToText(t, out2); !strings.Contains(text, "Outcome measures") || strings.Contains(text, "F41.1") {
		t.Errorf("measures only:\n%s", text)
	}
	if code, _, errs := c.run("release", "--client", c.maria, "--request", "client", "--recipient", "M", "--purpose", "p", "--out", out2+"x", "--plan", "everything"); code != 2 || !strings.Contains(errs, "--plan takes none, summary or full") {
		t.Errorf("--plan everything: exit %d, %q", code, errs)
	}
	if code, _, errs := c.run("release", "--client", c.maria, "--request", "client", "--recipient", "M", "--purpose", "p", "--out", out2+"y", "--measures", "maybe"); code != 2 || !strings.Contains(errs, "--measures takes yes or no") {
		t.Errorf("--measures maybe: exit %d, %q", code, errs)
	}
	// A trend chart saved as an image is a copy of the record, recorded.
	png := filepath.Join(t.TempDir(), "phq9.png")
	c.must("measure", "trend", "--client", c.maria, "--instrument", "phq9", "--png", png)
	var ds []struct {
		Request     string `json:"request"`
		Description string `json:"description"`
	}
	c.jsonOf(&ds, "disclosures", "--client", c.maria)
	if last := ds[len(ds)-1]; last.Request != "export" || !strings.Contains(last.Description, "the PHQ-9 chart of 2 scores as a PNG image") {
		t.Errorf("the chart image's disclosure = %+v", last)
	}
}
