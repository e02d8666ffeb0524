package consent

import (
	"fmt"
	"strings"
)

// RequestType is why information leaves the practice: who asked, or on
// what basis. The first seven are the TYPEs of confidectl release.
type RequestType string

// Request types.
const (
	ToClient        RequestType = "client"          // the client's own right of access (164.524)
	ByAuthorization RequestType = "authorization"   // under the client's authorization (164.508)
	Subpoena        RequestType = "subpoena"        // judicial or administrative proceedings (164.512(e))
	CourtOrder      RequestType = "court-order"     // 164.512(e)
	Insurer         RequestType = "insurer"         // payment (164.506)
	Supervision     RequestType = "supervision"     // consultation and supervision: treatment and operations (164.506)
	MandatedReport  RequestType = "mandated-report" // abuse, neglect or domestic violence reports (164.512(b), (c))
	DutyToWarn      RequestType = "duty-to-warn"    // serious threat to health or safety (164.512(j))
	Oversight       RequestType = "oversight"       // health oversight activities (164.512(d))
	Treatment       RequestType = "treatment"       // to another provider for treatment (164.506)
	Payment         RequestType = "payment"         // 164.506
	Operations      RequestType = "operations"      // health care operations (164.506)
	Export          RequestType = "export"          // the practice prints or exports the record (Store.Export)
)

// RequestTypes lists every request type with whether its disclosures are
// accountable and the legal basis recorded when none is given.
var RequestTypes = []struct {
	Type        RequestType
	Accountable bool
	Basis       string
}{
	{ToClient, false, "45 CFR 164.524: the individual's right of access"},
	{ByAuthorization, false, "45 CFR 164.508: the individual's written authorization"},
	{Subpoena, true, "45 CFR 164.512(e): subpoena in a judicial or administrative proceeding"},
	{CourtOrder, true, "45 CFR 164.512(e): order of a court or administrative tribunal"},
	{Insurer, false, "45 CFR 164.506: payment"},
	{Supervision, false, "45 CFR 164.506: treatment and health care operations (consultation, supervision)"},
	{MandatedReport, true, "45 CFR 164.512(b)-(c): report required by law (abuse, neglect, domestic violence)"},
	{DutyToWarn, true, "45 CFR 164.512(j): to avert a serious threat to health or safety"},
	{Oversight, true, "45 CFR 164.512(d): health oversight activities"},
	{Treatment, false, "45 CFR 164.506: treatment"},
	{Payment, false, "45 CFR 164.506: payment"},
	{Operations, false, "45 CFR 164.506: health care operations"},
	{Export, false, "45 CFR 164.506: health care operations (a copy of the record printed or exported by the practice)"},
}

// ParseRequestType checks a request type name.
func ParseRequestType(s string) (RequestType, error) {
	names := make([]string, len(RequestTypes))
	for i, r := range RequestTypes {
		if string(r.Type) == s {
			return r.Type, nil
		}
		names[i] = string(r.Type)
	}
	return "", fmt.Errorf("%w: request type must be one of %s", ErrInvalid, strings.Join(names, ", "))
}

// Accountable reports whether a disclosure of this type belongs in the
// accounting of disclosures (45 CFR 164.528). Disclosures for treatment,
// payment and operations, to the client, and under an authorization are
// exempt; those required or permitted by law without the client's
// agreement (subpoenas, court orders, mandated reports, duty to warn,
// oversight) are accountable. An unknown type counts as accountable: when
// in doubt, account for it.
func (t RequestType) Accountable() bool {
	for _, r := range RequestTypes {
		if r.Type == t {
			return r.Accountable
		}
	}
	return true
}

// Basis returns the legal basis recorded for this type when none is given.
func (t RequestType) Basis() string {
	for _, r := range RequestTypes {
		if r.Type == t {
			return r.Basis
		}
	}
	return ""
}
