package disguise_test

import (
	"reflect"
	"testing"
	"time"

	"github.com/confidenotes/confide/notes/disguise"
)

func TestParseDate(t *testing.T) {
	day := func(y, m, d int) time.Time { return time.Date(y, time.Month(m), d, 0, 0, 0, 0, time.UTC) }
	tests := []struct {
		in     string
		want   time.Time
		wantOK bool
	}{
		{"2021-03-14", day(2021, 3, 14), true},
		{"3/14/2021", day(2021, 3, 14), true},
		{"03-14-21", day(2021, 3, 14), true},
		{"14.03.2021", day(2021, 3, 14), true},
		{"March 14, 2021", day(2021, 3, 14), true},
		{"14 March 2021", day(2021, 3, 14), true},
		{"Mar. 14th, 2021", day(2021, 3, 14), true},
		{"14th of March 2021", day(2021, 3, 14), true},
		{"March 14", time.Time{}, false},
		{"2021", time.Time{}, false},
		{"13/45/2021", time.Time{}, false},
		{"", time.Time{}, false},
	}
	for _, tt := range tests {
		t.Run(tt.in, func(t *testing.T) {
			got, ok := disguise.ParseDate(tt.in)
			if ok != tt.wantOK || !got.Equal(tt.want) {
				t.Errorf("ParseDate(%q) = %v, %v; want %v, %v", tt.in, got, ok, tt.want, tt.wantOK)
			}
		})
	}
}

func TestParseKnownShapes(t *testing.T) {
	tests := []struct {
		name    string
		raw     string
		want    *disguise.Known
		wantErr bool
	}{
		{"null", `null`, nil, false},
		{"empty", ``, nil, false},
		{"lists", `{"names":["Maria Lopez","Mari"],"phones":["555-0142"]}`,
			&disguise.Known{Names: []string{"Maria Lopez", "Mari"}, Phones: []string{"555-0142"}}, false},
		{"string for list", `{"names":"Maria Lopez"}`, &disguise.Known{Names: []string{"Maria Lopez"}}, false},
		{"number for string", `{"employer":7,"dob":19870303}`, &disguise.Known{Employer: "7", DOB: "19870303"}, false},
		{"list for string", `{"school":["Lincoln High","Oak Hill"]}`, &disguise.Known{School: "Lincoln High, Oak Hill"}, false},
		{"related mixed", `{"related":[{"name":"Daniel","relation":"husband"},"Rosa",{"relation":"x"},null,3]}`,
			&disguise.Known{Related: []disguise.Related{{Name: "Daniel", Relation: "husband"}, {Name: "Rosa"}, {Name: "3"}}}, false},
		{"not an object", `["Maria"]`, nil, true},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, err := disguise.ParseKnown([]byte(tt.raw))
			if (err != nil) != tt.wantErr {
				t.Fatalf("error = %v, want error %v", err, tt.wantErr)
			}
			if !reflect.DeepEqual(got, tt.want) {
				t.Errorf("ParseKnown(%s) = %+v, want %+v", tt.raw, got, tt.want)
			}
		})
	}
}
