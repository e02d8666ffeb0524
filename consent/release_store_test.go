package consent_test

import (
	"bytes"
	"errors"
	"strings"
	"testing"

	"github.com/confidenotes/confide/consent"
	"github.com/confidenotes/confide/notes"
)

func TestVerifyReleases(t *testing.T) {
	f := newReleaseFixture(t)
	var ids []string
	for range 2 {
		r, err := f.s.NewRelease(consent.ReleaseRequest{ClientID: f.maria, Type: consent.ToClient, Recipient: "Maria Garcia", Purpose: "access"})
		if err != nil {
			t.Fatal(err)
		}
		var buf bytes.Buffer
		m, err := r.Write(&buf)
		if err != nil {
			t.Fatal(err)
		}
		if _, err := r.Record(m); err != nil {
			t.Fatal(err)
		}
		ids = append(ids, m.ReleaseID)
	}
	if n, err := f.s.VerifyReleases(); n != 2 || err != nil {
		t.Fatalf("VerifyReleases = %d, %v; want 2, nil", n, err)
	}
	tests := []struct {
		name  string
		stmts []string
		want  string
	}{
		{"a manifest changed", []string{"DROP TRIGGER consent_releases_no_update",
			"UPDATE consent_releases SET manifest = replace(manifest, '\"withheld\":', '\"withheld\":1') WHERE id = '" + ids[0] + "'"}, ids[0] + " was changed"},
		{"a release removed", []string{"DELETE FROM consent_releases WHERE id = '" + ids[1] + "'"}, ids[1] + " was removed"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			f.alterSnapshot(t, tt.stmts...)
			_, err := f.s.VerifyReleases()
			if !errors.Is(err, consent.ErrTampered) || !strings.Contains(err.Error(), tt.want) {
				t.Errorf("got %v, want ErrTampered saying %q", err, tt.want)
			}
		})
	}
}

func TestRecordRechecksTheBasis(t *testing.T) {
	f := newReleaseFixture(t)
	auth := f.auth(t, f.maria, "Dr. Smith", nil)
	r, err := f.s.NewRelease(consent.ReleaseRequest{ClientID: f.maria, Type: consent.ByAuthorization, Recipient: "Dr. Smith", Purpose: "care"})
	if err != nil {
		t.Fatal(err)
	}
	var buf bytes.Buffer
	m, err := r.Write(&buf)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := f.s.Revoke(auth, consent.Day(testNow)); err != nil {
		t.Fatal(err)
	}
	if _, err := r.Record(m); !errors.Is(err, consent.ErrNotAuthorized) {
		t.Errorf("recording after the revocation: %v, want ErrNotAuthorized", err)
	}
	if ds, _ := f.s.Disclosures(f.maria); len(ds) != 0 {
		t.Errorf("%d disclosures recorded", len(ds))
	}
}

func TestPart2Flag(t *testing.T) {
	f := newReleaseFixture(t)
	ns := f.s.Notes()
	steps := []struct {
		name string
		do   func() error
		want bool
	}{
		{"new clients are not Part 2 records", func() error { return nil }, false},
		{"flagged", func() error { return ns.SetPart2(f.maria, true) }, true},
		{"an update of the client keeps the flag", func() error {
			c, err := ns.GetClient(f.maria)
			if err != nil {
				return err
			}
			c.Part2 = false
			c.Preferred = "Mari"
			return ns.UpdateClient(*c)
		}, true},
		{"cleared", func() error { return ns.SetPart2(f.maria, false) }, false},
	}
	for _, st := range steps {
		if err := st.do(); err != nil {
			t.Fatalf("%s: %v", st.name, err)
		}
		c, err := ns.GetClient(f.maria)
		if err != nil {
			t.Fatal(err)
		}
		if c.Part2 != st.want {
			t.Errorf("%s: Part2 = %v, want %v", st.name, c.Part2, st.want)
		}
	}
	if err := ns.SetPart2("c-nobody", true); !errors.Is(err, notes.ErrNotFound) {
		t.Errorf("flagging an unknown client: %v", err)
	}
}
