package notes_test

import (
	"database/sql"
	"reflect"
	"testing"
	"time"

	"github.com/confidenotes/confide/notes"
	"github.com/confidenotes/confide/vault"
)

var retentionCases = []struct {
	name      string
	last, dob string
	minor     bool
	want      string
	rule      string
}{
	{"adult", "2019-06-30", "1980-01-01", false, "2026-06-30", notes.RuleAdult},
	{"adult without dob", "2019-06-30", "", false, "2026-06-30", notes.RuleAdult},
	{"adult, last contact on a leap day", "2016-02-29", "1970-01-01", false, "2023-03-01", notes.RuleAdult},
	{"adult, to a leap year", "2017-02-28", "1970-01-01", false, "2024-02-28", notes.RuleAdult},
	{"minor, majority is later", "2020-01-01", "2010-05-01", true, "2031-05-01", notes.RuleMinor},
	{"minor, seven years is later", "2024-06-01", "2008-02-29", false, "2031-06-01", notes.RuleMinor},
	{"minor born on a leap day", "2010-01-01", "2008-02-29", false, "2029-03-01", notes.RuleMinor},
	{"18th birthday on the last contact", "2018-03-10", "2000-03-10", false, "2025-03-10", notes.RuleAdult},
	{"last contact the day before 18", "2018-03-09", "2000-03-10", false, "2025-03-09", notes.RuleMinor},
	{"flagged minor, young child", "2012-09-01", "2011-09-01", true, "2032-09-01", notes.RuleMinor},
	{"minor without dob", "2020-01-01", "", true, "", notes.RuleMinorNoDOB},
	{"no contact", "", "1990-01-01", false, "", notes.RuleUnknown},
}

func TestRetentionDate(t *testing.T) {
	for _, tt := range retentionCases {
		t.Run(tt.name, func(t *testing.T) {
			got, rule := notes.RetentionDate(tt.last, tt.dob, tt.minor)
			if got != tt.want || rule != tt.rule {
				t.Errorf("RetentionDate(%s, %s, %v) = %s, %q; want %s, %q", tt.last, tt.dob, tt.minor, got, rule, tt.want, tt.rule)
			}
		})
	}
}

// TestRetentionInSQL checks that the rule the destruction trigger applies
// in SQL gives the same dates as RetentionDate.
func TestRetentionInSQL(t *testing.T) {
	f := newFixture(t)
	for _, tt := range retentionCases {
		t.Run(tt.name, func(t *testing.T) {
			c, err := f.AddClient(notes.Client{Name: "R Client", DOB: tt.dob, Minor: tt.minor, LastContact: tt.last})
			if err != nil {
				t.Fatal(err)
			}
			var got sql.NullString
			if err := f.v.Read(func(q vault.Querier) error {
				return q.QueryRow("SELECT destroy_after FROM client_retention WHERE client_id = ?", c.ID).Scan(&got)
			}); err != nil {
				t.Fatal(err)
			}
			if got.String != tt.want {
				t.Errorf("SQL destroy_after = %q, want %q", got.String, tt.want)
			}
			r, err := f.Retention(c.ID)
			if err != nil || r.DestroyAfter != tt.want {
				t.Errorf("Retention = %+v, %v", r, err)
			}
		})
	}
}

func TestDueOn(t *testing.T) {
	day := func(s string) time.Time { d, _ := notes.ParseDate(s); return d.Add(23 * time.Hour) }
	tests := []struct {
		name string
		r    notes.Retention
		now  string
		want bool
	}{
		{"day before", notes.Retention{DestroyAfter: "2023-03-01"}, "2023-02-28", false},
		{"on the date", notes.Retention{DestroyAfter: "2023-03-01"}, "2023-03-01", false},
		{"day after", notes.Retention{DestroyAfter: "2023-03-01"}, "2023-03-02", true},
		{"leap day after", notes.Retention{DestroyAfter: "2024-02-28"}, "2024-02-29", true},
		{"legal hold", notes.Retention{DestroyAfter: "2000-01-01", LegalHold: true}, "2026-01-01", false},
		{"unknown", notes.Retention{}, "2026-01-01", false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := tt.r.DueOn(day(tt.now)); got != tt.want {
				t.Errorf("DueOn(%s) = %v, want %v", tt.now, got, tt.want)
			}
		})
	}
}

func TestDueForDestruction(t *testing.T) {
	f := newFixture(t)
	add := func(c notes.Client) string {
		t.Helper()
		got, err := f.AddClient(c)
		if err != nil {
			t.Fatal(err)
		}
		return got.ID
	}
	old := add(notes.Client{Name: "Old Adult", LastContact: "2012-01-01"})
	older := add(notes.Client{Name: "Older Adult", IntakeDate: "2010-01-01"})
	add(notes.Client{Name: "Recent Adult", LastContact: "2024-01-01"})
	held := add(notes.Client{Name: "Held Adult", LastContact: "2010-01-01"})
	if err := f.SetLegalHold(held, true); err != nil {
		t.Fatal(err)
	}
	seen := add(notes.Client{Name: "Seen Since", LastContact: "2010-01-01"})
	f.draft(t, seen, notes.Progress, "a later session counts as contact") // dated 2026-03-13
	add(notes.Client{Name: "Young Minor", DOB: "2012-01-01", LastContact: "2014-01-01", Minor: true})

	due, err := f.DueForDestruction(f.clock.now())
	if err != nil {
		t.Fatal(err)
	}
	var got []string
	for _, r := range due {
		got = append(got, r.ClientID+" "+r.DestroyAfter)
	}
	want := []string{older + " 2017-01-01", old + " 2019-01-01"}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("DueForDestruction = %v, want %v", got, want)
	}
}
