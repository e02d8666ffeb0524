package main

import (
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

func TestMeasureCommands(t *testing.T) {
	c := newCLI(t)
	client := c.ok("", "client", "add", "--name", "Ada Byron")
	id := c.ok("", "measure", "add", "--client", client, "--instrument", "phq9", "--date", "2026-03-01", "--items", "1,1,1,1,1,1,1,1,0")
	if !strings.HasPrefix(id, "m-") || strings.Contains(id, "\n") {
		t.Fatalf("measure add printed %q, want the id alone", id)
	}
	out := c.ok("", "measure", "add", "--client", client, "--instrument", "phq9", "--date", "2026-03-08", "--items", "2,2,2,2,2,2,2,2,1")
	lines := strings.Split(out, "\n")
	if !strings.HasPrefix(lines[0], "m-") || len(lines) < 2 || !strings.Contains(lines[1], "risk assessment") {
		t.Errorf("an item-9 measure printed %q: want the id, then the prompt", out)
	}
	c.ok("", "measure", "add", "--client", client, "--instrument", "gad7", "--date", "2026-03-08", "--total", "12")
	c.ok("", "measure", "add", "--client", client, "--instrument", "phq9", "--date", "2026-03-12", "--total", "6", "--risk-item", "0")

	var list []struct {
		ID         string   `json:"id"`
		Instrument string   `json:"instrument"`
		Date       string   `json:"date"`
		Total      int      `json:"total"`
		Band       string   `json:"band"`
		Items      []int    `json:"items"`
		Flags      []string `json:"flags"`
	}
	c.json(&list, "", "measure", "list", "--client", client)
	if len(list) != 4 {
		t.Fatalf("measure list = %+v", list)
	}
	if list[0].ID != id || list[0].Total != 8 || list[0].Band != "mild" || len(list[0].Items) != 9 || list[0].Flags == nil || len(list[0].Flags) != 0 {
		t.Errorf("first = %+v", list[0])
	}
	if list[1].Band != "moderately severe" || len(list[1].Flags) != 1 || list[1].Flags[0] != "item9" {
		t.Errorf("second = %+v", list[1])
	}
	if list[2].Instrument != "gad7" || list[2].Band != "moderate" || list[2].Items == nil || len(list[2].Items) != 0 {
		t.Errorf("paper GAD-7 = %+v (items must be an empty list)", list[2])
	}
	// The raw JSON keys are the contract's.
	raw := c.ok("", "--json", "measure", "list", "--client", client)
	for _, key := range []string{`"id"`, `"instrument"`, `"date"`, `"total"`, `"band"`, `"items"`, `"flags"`} {
		if !strings.Contains(raw, key) {
			t.Errorf("measure list --json lacks %s", key)
		}
	}

	refusals := []struct {
		args []string
		says string
	}{
		{[]string{"--instrument", "bdi2", "--items", "1"}, "unknown instrument"},
		{[]string{"--instrument", "phq9", "--items", "1,1,1"}, "PHQ-9 has 9 items; 3 answers were given"},
		{[]string{"--instrument", "gad7", "--items", "1,1,1,1,1,1,9"}, "GAD-7 item 7 must be 0 to 3; 9 was given"},
		{[]string{"--instrument", "gad7", "--items", "1,1,x,1,1,1,1"}, "answer 3"},
		{[]string{"--instrument", "phq9", "--total", "12"}, "item 9"},
		{[]string{"--instrument", "phq9", "--total", "40", "--risk-item", "0"}, "0 to 27"},
	}
	for _, r := range refusals {
		_, errs, code := c.run("", append([]string{"measure", "add", "--client", client, "--date", "2026-03-09"}, r.args...)...)
		if code != 1 || !strings.Contains(errs, r.says) {
			t.Errorf("%v: exit %d, %q; want exit 1 saying %q", r.args, code, errs, r.says)
		}
	}
	if _, _, code := c.run("", "measure", "add", "--client", client, "--instrument", "phq9"); code != 2 {
		t.Errorf("neither --items nor --total: exit %d, want 2", code)
	}
	c.json(&list, "", "measure", "list", "--client", client)
	if len(list) != 4 {
		t.Errorf("refused commands recorded measures: %d", len(list))
	}

	png := filepath.Join(t.TempDir(), "phq9.png")
	c.ok("", "measure", "trend", "--client", client, "--instrument", "phq9", "--png", png)
	b, err := os.ReadFile(png)
	if err != nil || len(b) < 1000 || string(b[1:4]) != "PNG" {
		t.Errorf("chart: %d bytes, %v", len(b), err)
	}
	if st, _ := os.Stat(png); st != nil && st.Mode().Perm() != 0o600 {
		t.Errorf("chart file mode %v, want 0600", st.Mode().Perm())
	}

	// The item-9 flag is on the attention list until a risk assessment.
	att := c.ok("", "attention", "--client", client)
	if !strings.Contains(att, "PHQ-9 risk item answered above 0") {
		t.Errorf("attention = %q", att)
	}
	c.ok("", "risk", "add", "--client", client, "--level", "low", "--ideation", "passive, no plan", "--action", "safety plan reviewed", "--by", "Dr. Lee")
	if att := c.ok("", "attention", "--client", client); strings.Contains(att, "risk item") {
		t.Errorf("attention after the assessment = %q", att)
	}
}

func TestDxCommands(t *testing.T) {
	c := newCLI(t)
	client := c.ok("", "client", "add", "--name", "Ada Byron")
	dx := c.ok("", "dx", "add", "--client", client, "--code", "f41.1", "--start", "2025-01-05", "--primary")
	c.ok("", "dx", "add", "--client", client, "--code", "Z63.0", "--start", "2025-02-01")
	if _, errs, code := c.run("", "dx", "add", "--client", client, "--code", "E11.9", "--start", "2025-01-05"); code != 1 || !strings.Contains(errs, "unknown diagnosis code") {
		t.Errorf("unknown code: exit %d, %q", code, errs)
	}
	c.ok("", "dx", "end", dx, "--date", "2025-12-31")
	var list []map[string]any
	c.json(&list, "", "dx", "list", "--client", client)
	if len(list) != 2 {
		t.Fatalf("dx list = %v", list)
	}
	first := list[0]
	for _, key := range []string{"id", "code", "description", "start", "end", "primary"} {
		if _, ok := first[key]; !ok {
			t.Errorf("dx list --json lacks %q: %v", key, first)
		}
	}
	if first["code"] != "F41.1" || first["end"] != "2025-12-31" || first["primary"] != true || first["description"] != "Generalized anxiety disorder" {
		t.Errorf("first diagnosis = %v", first)
	}
	c.json(&list, "", "dx", "list", "--client", client, "--on", "2026-01-10")
	if len(list) != 1 || list[0]["code"] != "Z63.0" {
		t.Errorf("in effect on 2026-01-10: %v", list)
	}
	if out := c.ok("", "dx", "codes", "generalized", "anxiety"); !strings.Contains(out, "F41.1") || !strings.Contains(out, "FY2026") {
		t.Errorf("dx codes = %q", out)
	}
}

func TestPlanCommands(t *testing.T) {
	c := newCLI(t)
	client := c.ok("", "client", "add", "--name", "Ada Byron")
	dir := t.TempDir()
	planFile := filepath.Join(dir, "plan.json")
	os.WriteFile(planFile, []byte(`{
  "review_date": "2026-06-01",
  "problems": [
    {"id": "mood", "text": "Low mood and withdrawal",
     "goals": [
       {"id": "mood-1", "text": "Reduce depressive symptoms", "target_date": "2026-06-01",
        "measure": {"instrument": "phq9", "target": 9},
        "objectives": [{"text": "Three pleasant activities a week", "target_date": "2026-04-01"}],
        "interventions": ["Behavioural activation"]}
     ]}
  ]
}`), 0o600)
	plan := c.ok("", "plan", "add", "--client", client, "--file", planFile)
	if out := c.ok("", "plan", "show", plan); !strings.Contains(out, "draft") || !strings.Contains(out, "Goal [mood-1]: Reduce depressive symptoms") {
		t.Errorf("plan show = %q", out)
	}
	signed := c.ok("", "plan", "sign", plan, "--by", "Dana Lee, LCSW")
	if !strings.Contains(signed, "signed "+plan) {
		t.Errorf("plan sign = %q", signed)
	}
	if _, errs, code := c.run("", "plan", "edit", plan, "--file", planFile); code != 1 || !strings.Contains(errs, "plan is signed") {
		t.Errorf("editing a signed plan: exit %d, %q", code, errs)
	}
	var shown struct {
		ID       string `json:"id"`
		Version  int    `json:"version"`
		Hash     string `json:"content_hash"`
		SignedBy string `json:"signed_by"`
		Problems []struct {
			Goals []struct {
				ID string `json:"id"`
			} `json:"goals"`
		} `json:"problems"`
	}
	c.json(&shown, "", "plan", "show", plan)
	if shown.Version != 1 || shown.Hash == "" || shown.SignedBy != "Dana Lee, LCSW" || shown.Problems[0].Goals[0].ID != "mood-1" {
		t.Errorf("plan show --json = %+v", shown)
	}
	v2 := c.ok("", "plan", "revise", plan)
	c.ok("", "plan", "sign", v2)
	var plans []struct {
		ID           string `json:"id"`
		SupersededBy string `json:"superseded_by"`
	}
	c.json(&plans, "", "plan", "list", "--client", client)
	if len(plans) != 2 || plans[0].SupersededBy != v2 {
		t.Errorf("plan list = %+v", plans)
	}
	c.ok("", "plan", "verify", plan)

	note := c.ok("Walked twice this week.", "note", "add", "--client", client, "--kind", "progress", "--date", "2026-03-10",
		"--start", "10:00", "--duration", "50", "--service-code", "90834")
	c.ok("", "goal", "link", "--note", note, "--goal", "mood-1", "--progress", "3", "--comment", "Two walks.")
	c.ok("", "note", "sign", note)
	if _, errs, code := c.run("", "goal", "link", "--note", note, "--goal", "mood-1", "--progress", "5"); code != 1 || !strings.Contains(errs, "signed") {
		t.Errorf("linking a signed note: exit %d, %q", code, errs)
	}
	var h struct {
		Entries []struct {
			Date     string `json:"date"`
			Progress int    `json:"progress"`
			Comment  string `json:"comment"`
		} `json:"entries"`
	}
	c.json(&h, "", "goal", "history", "--client", client, "--goal", "mood-1")
	if len(h.Entries) != 1 || h.Entries[0].Date != "2026-03-10" || h.Entries[0].Progress != 3 {
		t.Errorf("goal history = %+v", h)
	}

	bad := filepath.Join(dir, "bad.json")
	os.WriteFile(bad, []byte(`{"review_date": "2026-06-01", "problem": []}`), 0o600)
	if _, errs, code := c.run("", "plan", "add", "--client", client, "--file", bad); code != 1 || !strings.Contains(errs, "unknown field") {
		t.Errorf("misspelt field: exit %d, %q", code, errs)
	}
	var any json.RawMessage
	c.json(&any, "", "plan", "show", v2)
}
