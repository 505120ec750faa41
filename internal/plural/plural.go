// Package plural writes a count with the noun that fits it. Every page,
// message and document that counts in words uses Count, so none says
// "these 1" or "1 registrations".
package plural

import "strconv"

// Count writes n with one or many: "1 registration", "2 registrations",
// "0 registrations".
func Count(n int, one, many string) string {
	if n == 1 {
		return "1 " + one
	}
	return strconv.Itoa(n) + " " + many
}
