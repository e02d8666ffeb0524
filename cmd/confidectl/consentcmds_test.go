package main

import (
	"encoding/json"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
)

// consentCLI is a vault with one client, and a way to run commands on it.
type consentCLI struct {
	t      *testing.T
	args   []string
	client string
}

func newConsentCLI(t *testing.T) *consentCLI {
	t.Helper()
	dir, id, _ := newCLIVault(t)
	c := &consentCLI{t: t, args: []string{"--vault", dir, "--identity", id}}
	c.client = strings.TrimSpace(c.must("client", "add", "--name", "Ada Example", "--dob", "1980-02-03", "--address", "1 Main St"))
	return c
}

func (c *consentCLI) run(args ...string) (int, string, string) {
	c.t.Helper()
	return ctl{t: c.t}.run(append(append([]string{}, c.args...), args...)...)
}

func (c *consentCLI) must(args ...string) string {
	c.t.Helper()
	return ctl{t: c.t}.must(append(append([]string{}, c.args...), args...)...)
}

func (c *consentCLI) jsonOf(v any, args ...string) {
	c.t.Helper()
	if err := json.Unmarshal([]byte(c.must(append(args, "--json")...)), v); err != nil {
		c.t.Fatal(err)
	}
}

func pdfToText(t *testing.T, path string) string {
	t.Helper()
	out, err := exec.Command("pdftotext", path, "-").CombinedOutput()
	if err != nil {
		t.Fatalf("pdftotext: %v\n%s", err, out)
	}
	return strings.Join(strings.Fields(string(out)), " ")
}

func TestAuthCommands(t *testing.T) {
	c := newConsentCLI(t)
	auth := func(extra ...string) []string {
		return append([]string{"auth", "add", "--client", c.client, "--recipient", "Dr. Smith", "--purpose", "continuity of care",
			"--info", "treatment summary", "--signed", "2026-11-01"}, extra...)
	}
	valid := strings.TrimSpace(c.must(auth("--recipient-address", "2 Clinic Rd", "--expires", "2027-06-30")...))
	expiring := strings.TrimSpace(c.must(auth("--recipient-address", "2 Clinic Rd", "--expires", "2026-12-20")...))
	// No address: complete (45 CFR 164.508(c)(1)(iii) asks for the name), with
	// the address recommended.
	code, out, errs := c.run(auth("--expiry-event", "end of treatment")...)
	if code != 0 || strings.Contains(errs, "incomplete") || !strings.Contains(errs, "recommended: the recipient's address") {
		t.Fatalf("authorization without an address: exit %d, stderr %q", code, errs)
	}
	noAddress := strings.TrimSpace(out)
	code, out, errs = c.run("auth", "add", "--client", c.client, "--recipient", "Dr. Smith", "--signed", "2026-11-01",
		"--expiry-event", "end of treatment") // no purpose, no description
	if code != 0 || !strings.Contains(errs, "saved as incomplete: it is missing a description of the information, the purpose") {
		t.Fatalf("incomplete authorization: exit %d, stderr %q", code, errs)
	}
	incomplete := strings.TrimSpace(out)
	if code, _, errs := c.run("auth", "end", incomplete); code != 1 || !strings.Contains(errs, "the date of the expiry event is missing") {
		t.Errorf("auth end without date: exit %d, %q", code, errs)
	}
	c.must("auth", "end", incomplete, "--date", "2026-11-22")
	refusals := []struct {
		name     string
		args     []string
		wantCode int
		wantErr  string
	}{
		{"expiry before signature", auth("--recipient-address", "A", "--expires", "2026-10-01"), 1, "the expiry date 2026-10-01 is before the signature date 2026-11-01"},
		{"both expiries", auth("--expires", "2027-01-01", "--expiry-event", "x"), 2, "not both"},
		{"bad date", auth("--expires", "01/01/2027"), 2, "--expires must be a date"},
		{"no client", []string{"auth", "add", "--recipient", "X"}, 2, "--client is required"},
		{"unknown client", []string{"auth", "add", "--client", "c-nobody"}, 1, "not found"},
	}
	for _, tt := range refusals {
		t.Run(tt.name, func(t *testing.T) {
			code, _, errs := c.run(tt.args...)
			if code != tt.wantCode || !strings.Contains(errs, tt.wantErr) {
				t.Errorf("exit %d, stderr %q; want exit %d saying %q", code, errs, tt.wantCode, tt.wantErr)
			}
		})
	}
	c.must("auth", "revoke", valid, "--date", "2026-11-20")
	if code, _, errs := c.run("auth", "revoke", valid, "--date", "2026-11-21"); code != 1 || !strings.Contains(errs, "already revoked on 2026-11-20") {
		t.Errorf("revoke twice: exit %d, %q", code, errs)
	}
	var list []struct {
		ID     string `json:"id"`
		Status string `json:"status"`
	}
	c.jsonOf(&list, "auth", "list", "--client", c.client)
	got := map[string]string{}
	for _, a := range list {
		got[a.ID] = a.Status
	}
	want := map[string]string{valid: "revoked", expiring: "expiring", incomplete: "incomplete", noAddress: "valid"}
	for id, w := range want {
		if got[id] != w {
			t.Errorf("status of %s = %q, want %q", id, got[id], w)
		}
	}
	if len(list) != 4 {
		t.Errorf("auth list has %d entries, want 4", len(list))
	}
}

func TestDisclosureClassificationAndReport(t *testing.T) {
	c := newConsentCLI(t)
	authID := strings.TrimSpace(c.must("auth", "add", "--client", c.client, "--recipient", "County Court", "--recipient-address", "1 Court Sq",
		"--purpose", "proceeding", "--info", "dates", "--expires", "2027-01-01", "--signed", "2026-01-01"))
	tests := []struct {
		request     string
		accountable bool
	}{
		{"client", false}, {"authorization", false}, {"subpoena", true}, {"court-order", true},
		{"insurer", false}, {"supervision", false}, {"mandated-report", true},
	}
	for _, tt := range tests {
		t.Run(tt.request, func(t *testing.T) {
			var d struct {
				Accountable bool   `json:"accountable"`
				Basis       string `json:"basis"`
			}
			c.jsonOf(&d, "disclosure", "add", "--client", c.client, "--date", "2026-05-04", "--request", tt.request,
				"--recipient", "County Court", "--recipient-address", "1 Court Sq", "--description", "session dates ("+tt.request+")",
				"--purpose", "proceeding", "--auth", authID, "--by", "Dr. Lee")
			if d.Accountable != tt.accountable || d.Basis == "" {
				t.Errorf("accountable = %v, basis %q; want %v", d.Accountable, d.Basis, tt.accountable)
			}
		})
	}
	if code, _, errs := c.run("disclosure", "add", "--client", c.client, "--date", "2026-05-04", "--request", "subpoena"); code != 1 ||
		!strings.Contains(errs, "the recipient, a description of what was released, the purpose (or the authorization), who made it") {
		t.Errorf("empty disclosure: exit %d, %q", code, errs)
	}
	safety := c.must("safety", "add", "--client", c.client, "--type", "duty-to-warn", "--date", "2026-11-20", "--facts", "threat",
		"--risk", "high", "--decision", "warn", "--agency", "Police", "--method", "phone", "--time", "2026-11-20 15:00",
		"--disclosed", "the threat and the client's name", "--client-informed", "--informed-how", "in session", "--by", "Dr. Lee",
		"--consulted", "attorney@2026-11-20")
	if !strings.Contains(safety, "accountable disclosure") {
		t.Errorf("safety add printed %q", safety)
	}
	pdf := filepath.Join(t.TempDir(), "accounting.pdf")
	listing := c.must("disclosures", "--client", c.client, "--pdf", pdf)
	if n := strings.Count(listing, "\n"); n != len(tests)+2 {
		t.Errorf("disclosures listed %d lines:\n%s", n, listing)
	}
	text := pdfToText(t, pdf)
	for _, w := range []string{"Accounting of Disclosures", "Ada Example", "Disclosures listed 4", "session dates (subpoena)",
		"session dates (court-order)", "session dates (mandated-report)", "Police", "164.512(j)"} {
		if !strings.Contains(text, w) {
			t.Errorf("accounting PDF lacks %q:\n%s", w, text)
		}
	}
	for _, w := range []string{"session dates (insurer)", "session dates (client)"} {
		if strings.Contains(text, w) {
			t.Errorf("accounting PDF holds the exempt entry %q", w)
		}
	}
}

func TestFormConsentRequestIncidentCommands(t *testing.T) {
	c := newConsentCLI(t)
	c.must("consent", "add", "--client", c.client, "--type", "informed-consent", "--signed", "2026-11-01", "--version", "2026-01")
	if code, _, _ := c.run("consent", "add", "--client", c.client, "--type", "tattoo", "--signed", "2026-11-01"); code != 2 {
		t.Errorf("unknown consent type: exit %d, want 2", code)
	}
	authID := strings.TrimSpace(c.must("auth", "add", "--client", c.client, "--recipient", "Dr. Smith", "--recipient-address", "2 Clinic Rd",
		"--purpose", "continuity of care", "--info", "treatment summary", "--expires", "2027-06-30", "--signed", "2026-11-01"))
	out := filepath.Join(t.TempDir(), "release.pdf")
	c.must("form", "release", "--client", c.client, "--auth", authID, "--out", out)
	text := pdfToText(t, out)
	for _, w := range []string{"Authorization to Release Information", "Ada Example", "Dr. Smith", "2 Clinic Rd", "continuity of care",
		"2027-06-30", "may be redisclosed", authID} {
		if !strings.Contains(text, w) {
			t.Errorf("release form lacks %q:\n%s", w, text)
		}
	}
	src := c.must("form", "informed-consent", "--source")
	if !strings.Contains(src, "{{.ClientName}}") {
		t.Errorf("form --source printed %q", src)
	}
	// The practice's own text, saved once, prints from then on.
	dir := t.TempDir()
	tmpl := filepath.Join(dir, "consent.txt")
	if err := os.WriteFile(tmpl, []byte(src+"\nXYZPRACTICE our own paragraph.\n"), 0o600); err != nil {
		t.Fatal(err)
	}
	if saved := c.must("form", "informed-consent", "--save-template", tmpl); !strings.Contains(saved, "informed-consent/1+") {
		t.Errorf("--save-template printed %q", saved)
	}
	consentPDF := filepath.Join(dir, "consent.pdf")
	if printed := c.must("form", "informed-consent", "--client", c.client, "--out", consentPDF); !strings.Contains(printed, "informed-consent/1+") {
		t.Errorf("printing the edited form said %q", printed)
	}
	if !strings.Contains(pdfToText(t, consentPDF), "XYZPRACTICE our own paragraph.") {
		t.Error("the printed form is not the practice's text")
	}
	if err := os.WriteFile(tmpl, []byte(src+"\n{{.Nonsense}}\n"), 0o600); err != nil {
		t.Fatal(err)
	}
	if code, _, errs := c.run("form", "informed-consent", "--save-template", tmpl); code != 1 || !strings.Contains(errs, "Nonsense") {
		t.Errorf("a broken template: exit %d, %q", code, errs)
	}
	c.must("form", "informed-consent", "--reset-template")
	c.must("form", "informed-consent", "--client", c.client, "--out", consentPDF)
	if strings.Contains(pdfToText(t, consentPDF), "XYZPRACTICE") {
		t.Error("after --reset-template the form still prints the edited text")
	}
	var req struct {
		ID  string `json:"id"`
		Due string `json:"due"`
	}
	c.jsonOf(&req, "request", "add", "--client", c.client, "--type", "access", "--received", "2026-11-01")
	if req.Due != "2026-12-01" {
		t.Errorf("access due %s", req.Due)
	}
	if ext := c.must("request", "extend", req.ID, "--date", "2026-11-20", "--reason", "records in storage"); !strings.Contains(ext, "due 2026-12-31") {
		t.Errorf("extend printed %q", ext)
	}
	if code, _, errs := c.run("request", "extend", req.ID, "--date", "2026-11-21", "--reason", "again"); code != 1 || !strings.Contains(errs, "only one extension") {
		t.Errorf("second extension: exit %d, %q", code, errs)
	}
	inc := c.must("incident", "add", "--discovered", "2026-11-01", "--what", "misdirected email", "--client", c.client,
		"--nature", "appointment time", "--recipient", "another client", "--acquired", "opened", "--mitigation", "deleted")
	if !strings.Contains(inc, "notified by 2026-12-31") {
		t.Errorf("incident add printed %q", inc)
	}
	incID := strings.Fields(inc)[0]
	if code, _, errs := c.run("incident", "notify", incID, "--who", c.client); code != 1 || !strings.Contains(errs, "notification date is missing") {
		t.Errorf("notify without date: exit %d, %q", code, errs)
	}
	att := c.must("attention", "--client", c.client)
	for _, w := range []string{"client not yet notified", "limits of confidentiality"} {
		if !strings.Contains(att, w) {
			t.Errorf("attention lacks %q:\n%s", w, att)
		}
	}
	if out := c.must("incident", "notify", incID, "--who", c.client, "--date", "2026-11-20", "--method", "letter"); !strings.Contains(out, "0 still to notify") {
		t.Errorf("incident notify printed %q", out)
	}
	if att := c.must("attention", "--client", c.client); strings.Contains(att, "client not yet notified") {
		t.Errorf("attention after notification:\n%s", att)
	}
}
