package report

import (
	"context"
	"io"
	"strconv"
	"strings"

	"confdesk/internal/csvout"
	"confdesk/internal/pdf"
	"confdesk/internal/plural"
	"confdesk/internal/registration"
)

// participants is the list of participants handed to the delegations.
//
// Who is on it: confirmed registrations whose person ticked "Include my
// name, job title and organisation in the list of participants" — nobody
// else, whatever their category. Pending registrations are left out on
// purpose: the list is printed for the people in the room, and someone an
// organiser has not yet accepted may never come (or be refused). The
// consent is tested in the store's query (ListedParticipants), so no one
// without it is ever read for the list.
type participants struct {
	src       Source
	by        string
	groups    []registration.Delegation
	people    int
	countries int
}

func buildParticipants(ctx context.Context, src Source, f Filter) (Document, error) {
	regs, err := src.Store.ListedParticipants(ctx, src.Conference.ID)
	if err != nil {
		return nil, err
	}
	by := registration.ByCountry
	if f.By == ByInstitution {
		by = registration.ByOrganisation
	}
	p := &participants{src: src, by: f.By, groups: registration.GroupDelegations(regs, by), people: len(regs)}
	seen := map[string]bool{}
	for _, r := range regs {
		if !seen[r.Country] {
			seen[r.Country] = true
			p.countries++
		}
	}
	return p, nil
}

// heading is a group's heading: "Jamaica (3)", or by institution
// "Ministry of National Security — Trinidad and Tobago (3)".
func (p *participants) heading(d registration.Delegation) string {
	s := d.CountryName
	if p.by == ByInstitution {
		s = d.Organisation + " — " + d.CountryName
	}
	return s + " (" + strconv.Itoa(len(d.Members)) + ")"
}

// listName is a person as the list prints them: last name first, since
// the list is in last-name order.
func listName(first, last string) string {
	if last == "" {
		return first
	}
	if first == "" {
		return last
	}
	return last + ", " + first
}

func (p *participants) WritePDF(w io.Writer) error {
	c := p.src.Conference
	doc := newPDF(p.src, "List of participants")
	grouping := "By country: the Caribbean first, then the others"
	if p.by == ByInstitution {
		grouping = "By institution"
	}
	venue := strings.Join(nonEmpty(c.Venue, c.VenueAddress), ", ")
	doc.Cover(pdf.Cover{Conference: c.Name, Title: "List of participants", Facts: []pdf.KeyValue{
		{Key: "Dates", Value: c.DateRange()},
		{Key: "Venue", Value: venue},
		{Key: "City", Value: c.City},
		{Key: "Participants", Value: plural.Count(p.people, "participant", "participants") + " from " +
			plural.Count(p.countries, "country", "countries")},
		{Key: "Grouped", Value: grouping},
	}, Note: "Only confirmed participants who agreed to appear in this list are in it. In each group the heads of " +
		"delegation come first, then everyone by last name."})
	third := pdf.Column{Title: "Organisation", Width: 4}
	if p.by == ByInstitution {
		third = pdf.Column{Title: "Country", Width: 3}
	}
	cols := []pdf.Column{{Title: "Name", Width: 3.4}, {Title: "Job title", Width: 3}, third}
	doc.Table(cols, "No one is on the list yet: it shows confirmed participants who agreed to appear in it.", func(t *pdf.Table) {
		for _, d := range p.groups {
			t.Add(pdf.Row{Group: p.heading(d)})
			for _, m := range d.Members {
				name := pdf.Cell{Text: listName(m.FirstName, m.LastName), Bold: m.HeadOfDelegation}
				if m.HeadOfDelegation {
					name.Note = "Head of delegation"
				}
				last := m.Organisation
				if p.by == ByInstitution {
					last = countryName(m.Country)
				}
				t.Add(pdf.Row{Cells: []pdf.Cell{name, {Text: m.JobTitle}, {Text: last}}})
			}
		}
	})
	return doc.Output(w)
}

// participantsCSVHeader names the list's columns. group is the PDF's group
// heading without its count.
var participantsCSVHeader = []string{"group", "country_code", "country", "organisation", "last_name", "first_name",
	"job_title", "head_of_delegation"}

func (p *participants) WriteCSV(w io.Writer) error {
	out := csvout.NewWriter(w)
	if err := out.Write(participantsCSVHeader); err != nil {
		return err
	}
	for _, d := range p.groups {
		group := d.CountryName
		if p.by == ByInstitution {
			group = d.Organisation + " — " + d.CountryName
		}
		for _, m := range d.Members {
			head := "no"
			if m.HeadOfDelegation {
				head = "yes"
			}
			if err := out.Write([]string{group, m.Country, countryName(m.Country), m.Organisation, m.LastName,
				m.FirstName, m.JobTitle, head}); err != nil {
				return err
			}
		}
	}
	return out.Flush()
}

func nonEmpty(parts ...string) []string {
	var out []string
	for _, s := range parts {
		if s != "" {
			out = append(out, s)
		}
	}
	return out
}
