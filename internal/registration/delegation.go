package registration

import (
	"cmp"
	"slices"
	"strings"

	"confdesk/internal/country"
	"confdesk/internal/database"
	"confdesk/internal/model"
)

// Ways of grouping registrations into delegations.
const (
	ByCountry      = "country"
	ByOrganisation = "organisation"
)

// Delegation is the registrations from one country, or from one
// institution of one country.
type Delegation struct {
	Country      string // ISO code
	CountryName  string
	Organisation string // "" when grouped by country
	// Counts holds how many members are in each status.
	Counts map[string]int
	// Members has the heads of delegation first, then everyone by last name.
	Members []model.Registration
}

// Name is the group's heading.
func (d Delegation) Name() string {
	if d.Organisation == "" {
		return d.CountryName
	}
	return d.Organisation
}

// Heads are the members marked as heads of delegation.
func (d Delegation) Heads() []model.Registration {
	var out []model.Registration
	for _, m := range d.Members {
		if m.HeadOfDelegation {
			out = append(out, m)
		}
	}
	return out
}

// countryRank orders countries for the delegations view: the Caribbean
// first, each part by name.
var countryRank = func() map[string]int {
	out := map[string]int{}
	for i, c := range append(slices.Clone(country.Caribbean()), country.Others()...) {
		out[c.Code] = i
	}
	return out
}()

func rankOf(code string) int {
	if r, ok := countryRank[code]; ok {
		return r
	}
	return len(countryRank)
}

// organisationKey compares spellings of one institution: case and spacing ignored.
func organisationKey(s string) string { return strings.ToLower(strings.Join(strings.Fields(s), " ")) }

// ErasedOrganisation names the delegation of people whose personal data
// was erased, organisation included.
const ErasedOrganisation = "Organisation erased"

// GroupDelegations groups registrations by country (by == ByCountry) or by
// institution. An institution is keyed by its name and its country: the
// Ministry of National Security of Trinidad and Tobago and that of Jamaica
// are two delegations, and a regional body's offices in two countries send
// two. The caller passes the registrations that count (not cancelled or
// rejected). Groups come Caribbean countries first; institutions by name.
func GroupDelegations(rs []model.Registration, by string) []Delegation {
	index := map[string]int{}
	var out []Delegation
	for _, r := range rs {
		key := r.Country
		if by == ByOrganisation {
			key = r.Country + "|" + organisationKey(r.Organisation)
		}
		i, ok := index[key]
		if !ok {
			i = len(out)
			index[key] = i
			d := Delegation{Country: r.Country, CountryName: country.Name(r.Country), Counts: map[string]int{}}
			if d.CountryName == "" {
				d.CountryName = r.Country
			}
			if by == ByOrganisation {
				d.Organisation = strings.Join(strings.Fields(r.Organisation), " ")
				if d.Organisation == "" {
					// The forms require an organisation, so only an erasure
					// leaves none: the people still count, under a label
					// that says why.
					d.Organisation = ErasedOrganisation
				}
			}
			out = append(out, d)
		}
		out[i].Counts[r.Status]++
		out[i].Members = append(out[i].Members, r)
	}
	for i := range out {
		slices.SortStableFunc(out[i].Members, func(a, b model.Registration) int {
			if a.HeadOfDelegation != b.HeadOfDelegation {
				if a.HeadOfDelegation {
					return -1
				}
				return 1
			}
			if c := database.CompareNames(a.LastName, b.LastName); c != 0 {
				return c
			}
			if c := database.CompareNames(a.FirstName, b.FirstName); c != 0 {
				return c
			}
			return cmp.Compare(a.ID, b.ID)
		})
	}
	slices.SortStableFunc(out, func(a, b Delegation) int {
		if by == ByOrganisation {
			if c := database.CompareNames(a.Organisation, b.Organisation); c != 0 {
				return c
			}
		}
		return cmp.Compare(rankOf(a.Country), rankOf(b.Country))
	})
	return out
}
