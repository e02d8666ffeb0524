package disguise

import (
	"bytes"
	"encoding/json"
	"errors"
	"strconv"
)

// ParseKnown decodes the "known" object of the detect command. It is
// lenient about shapes: a string where a list is expected becomes a
// one-item list, a list where a string is expected is joined, numbers are
// read as text, and unknown fields are ignored. An empty or null value
// gives nil.
func ParseKnown(raw []byte) (*Known, error) {
	raw = bytes.TrimSpace(raw)
	if len(raw) == 0 || string(raw) == "null" {
		return nil, nil
	}
	var fields map[string]json.RawMessage
	if err := json.Unmarshal(raw, &fields); err != nil {
		return nil, errors.New("known is not a JSON object")
	}
	k := &Known{
		Names:     stringList(fields["names"]),
		Members:   stringList(fields["members"]),
		Places:    stringList(fields["places"]),
		Phones:    stringList(fields["phones"]),
		Emails:    stringList(fields["emails"]),
		Addresses: stringList(fields["addresses"]),
		Employer:  joinList(fields["employer"]),
		School:    joinList(fields["school"]),
		DOB:       joinList(fields["dob"]),
	}
	k.Names = append(k.Names, stringList(fields["name"])...)
	k.Names = append(k.Names, stringList(fields["preferred"])...)
	k.Names = append(k.Names, stringList(fields["nicknames"])...)
	k.Phones = append(k.Phones, stringList(fields["phone"])...)
	k.Emails = append(k.Emails, stringList(fields["email"])...)
	k.Addresses = append(k.Addresses, stringList(fields["address"])...)
	for _, r := range anyList(fields["related"]) {
		var obj map[string]json.RawMessage
		if json.Unmarshal(r, &obj) == nil {
			if n := joinList(obj["name"]); n != "" {
				k.Related = append(k.Related, Related{Name: n, Relation: joinList(obj["relation"])})
			}
			continue
		}
		if s := scalarString(r); s != "" {
			k.Related = append(k.Related, Related{Name: s})
		}
	}
	return k, nil
}

func anyList(raw json.RawMessage) []json.RawMessage {
	raw = bytes.TrimSpace(raw)
	if len(raw) == 0 {
		return nil
	}
	var list []json.RawMessage
	if raw[0] == '[' && json.Unmarshal(raw, &list) == nil {
		return list
	}
	return []json.RawMessage{raw}
}

func stringList(raw json.RawMessage) []string {
	var out []string
	for _, item := range anyList(raw) {
		if s := scalarString(item); s != "" {
			out = append(out, s)
		}
	}
	return out
}

func joinList(raw json.RawMessage) string {
	list := stringList(raw)
	if len(list) == 0 {
		return ""
	}
	out := list[0]
	for _, s := range list[1:] {
		out += ", " + s
	}
	return out
}

// scalarString reads a JSON string or number as text.
func scalarString(raw json.RawMessage) string {
	var s string
	if json.Unmarshal(raw, &s) == nil {
		return s
	}
	var n json.Number
	if json.Unmarshal(raw, &n) == nil {
		return n.String()
	}
	var b bool
	if json.Unmarshal(raw, &b) == nil {
		return strconv.FormatBool(b)
	}
	return ""
}
