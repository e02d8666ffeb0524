// Package practice keeps the clinician and practice profile: who signs the
// notes (name and credentials), the licence and the NPI, the practice's
// name, address and phone for letterheads, the time zone signatures are
// shown in, the paper size of printed documents, and the defaults of a
// new session note. It holds no client's data.
//
//	s, err := practice.Open(v)
//	p, err := s.Profile()          // the zero Profile, with defaults, when none is set
//	err = s.SetProfile(practice.Profile{Name: "Jane Porter", Credentials: "LCSW", NPI: "1234567893"})
//	p.SignatureName()             // "Jane Porter, LCSW"
//	p.FormatTime(signedAt)        // "14 Nov 2026 2:29 PM EST"
//	p.Letterhead()                // the lines at the top of every printed document
//
// # The API other packages use
//
// Read gives the profile inside a vault transaction (package notes reads
// the signer's name this way when it signs). Profile.SignatureName,
// Profile.Signature and Profile.FormatTime word a signature;
// Profile.Letterhead and Profile.PaperSize lay out a printed page;
// Profile.SessionDefaults gives a new session note's length and service
// code. A superbill needs Profile.NPI, Profile.License and
// Profile.LicenseState, Profile.Practice, Profile.Address and
// Profile.Phone as they are.
//
// # Guarantees
//
// SetProfile refuses an NPI whose check digit is wrong (the Luhn formula
// over the NPI with the prefix 80840, as CMS defines it), a time zone the
// IANA database does not know, a paper size other than letter or a4, and
// a session length outside 1 to 480 minutes; errors wrap ErrInvalid and
// name the field. A write is one vault transaction, durable when the
// method returns. The time zone database is built in (time/tzdata), so a
// zone resolves the same on every system.
package practice
