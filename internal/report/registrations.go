package report

import (
	"cmp"
	"context"
	"io"
	"slices"
	"strconv"
	"strings"
	"time"

	"confdesk/internal/model"
	"confdesk/internal/pdf"
	"confdesk/internal/plural"
	"confdesk/internal/registration"
	"confdesk/internal/store"
)

// registrations is the registrations report: every figure is counted from
// one read of the matching registrations, so the sections always add up
// to the same total.
type registrations struct {
	src      Source
	filter   Filter
	total    int
	status   map[string]int
	category map[string]int
	cells    map[string]map[string]int // category → status
	// countries holds every country with at least one registration, Caribbean first.
	countries   []counted
	caribbean   [2]int // registrations, countries
	elsewhere   [2]int
	orgTypes    []counted
	delegations []delegationLine
	// byCountry are the delegations by country, with their heads, in the
	// order of countries.
	byCountry []countryDelegation
	days      []dayLine // days with registrations
	chart     []pdf.Point
	waiting   []waitingLine
}

type delegationLine struct {
	Key, Organisation, Country, Heads string
	Count                             int
}

// countryDelegation is one country's delegation: how many registrations
// and its heads of delegation, first.
type countryDelegation struct {
	Code, Country string
	Heads         []string
	Count         int
}

type dayLine struct {
	Day        string // YYYY-MM-DD
	New, SoFar int
}

type waitingLine struct {
	Position                               int
	Reference, Name, Organisation, Country string
	Since                                  time.Time
}

func buildRegistrations(ctx context.Context, src Source, f Filter) (Document, error) {
	conf := src.Conference
	loc := conf.Location()
	r := &registrations{src: src, filter: f, status: map[string]int{}, category: map[string]int{},
		cells: map[string]map[string]int{}}
	var matching []model.Registration
	err := src.Store.EachRegistration(ctx, conf.ID, store.RegistrationFilter{Status: f.Status, Sort: "created"},
		func(reg model.Registration) error {
			if f.contains(reg.CreatedAt, loc) {
				matching = append(matching, reg)
			}
			return nil
		})
	if err != nil {
		return nil, err
	}
	countries := map[string]int{}
	orgTypes := map[string]int{}
	perDay := map[string]int{}
	for _, reg := range matching {
		r.total++
		r.status[reg.Status]++
		r.category[reg.Category]++
		if r.cells[reg.Category] == nil {
			r.cells[reg.Category] = map[string]int{}
		}
		r.cells[reg.Category][reg.Status]++
		countries[reg.Country]++
		orgTypes[reg.OrgType]++
		perDay[reg.CreatedAt.In(loc).Format(time.DateOnly)]++
	}
	r.countries = byCountry(countries)
	for _, c := range r.countries {
		part := &r.elsewhere
		if isCaribbean(c.Key) {
			part = &r.caribbean
		}
		part[0] += c.Count
		part[1]++
	}
	for _, t := range model.OrgTypes {
		r.orgTypes = append(r.orgTypes, counted{Key: t, Label: label(src.Labels.OrgType, t), Count: orgTypes[t]})
	}
	for _, d := range registration.GroupDelegations(matching, registration.ByOrganisation) {
		line := delegationLine{Key: d.Country + "/" + d.Organisation, Organisation: d.Organisation,
			Country: d.CountryName, Count: len(d.Members)}
		for i, h := range d.Heads() {
			if i > 0 {
				line.Heads += ", "
			}
			line.Heads += h.FullName()
		}
		r.delegations = append(r.delegations, line)
	}
	for _, d := range registration.GroupDelegations(matching, registration.ByCountry) {
		line := countryDelegation{Code: d.Country, Country: d.CountryName, Count: len(d.Members)}
		for _, h := range d.Heads() {
			line.Heads = append(line.Heads, h.FullName())
		}
		r.byCountry = append(r.byCountry, line)
	}
	// Over time: the chart runs over every day from the first registration
	// to the last; the table lists the days that had any.
	if len(matching) > 0 {
		// Calendar days are stepped in UTC, where every day has 24 hours.
		first, last := calendarDay(matching[0].CreatedAt, loc), calendarDay(matching[len(matching)-1].CreatedAt, loc)
		soFar := 0
		for d := first; !d.After(last); d = d.AddDate(0, 0, 1) {
			key := d.Format(time.DateOnly)
			soFar += perDay[key]
			r.chart = append(r.chart, pdf.Point{Label: d.Format("2 Jan"), Value: soFar})
			if perDay[key] > 0 {
				r.days = append(r.days, dayLine{Day: key, New: perDay[key], SoFar: soFar})
			}
		}
	}
	if err := r.gatherWaitingList(ctx); err != nil {
		return nil, err
	}
	return r, nil
}

// calendarDay is t's day in loc, as midnight UTC of that date.
func calendarDay(t time.Time, loc *time.Location) time.Time {
	y, m, d := t.In(loc).Date()
	return time.Date(y, m, d, 0, 0, 0, 0, time.UTC)
}

// gatherWaitingList lists the waitlisted registrations the filter matches,
// in queue order, each with its place in the whole queue.
func (r *registrations) gatherWaitingList(ctx context.Context) error {
	if r.filter.Status != "" && r.filter.Status != model.StatusWaitlisted {
		return nil
	}
	conf := r.src.Conference
	var queue []model.Registration
	err := r.src.Store.EachRegistration(ctx, conf.ID, store.RegistrationFilter{Status: model.StatusWaitlisted, Sort: "created"},
		func(reg model.Registration) error {
			queue = append(queue, reg)
			return nil
		})
	if err != nil {
		return err
	}
	slices.SortStableFunc(queue, func(a, b model.Registration) int {
		if c := a.WaitlistedAt.Compare(b.WaitlistedAt); c != 0 {
			return c
		}
		return cmp.Compare(a.ID, b.ID)
	})
	for i, reg := range queue {
		if r.filter.contains(reg.CreatedAt, conf.Location()) {
			r.waiting = append(r.waiting, waitingLine{Position: i + 1, Reference: reg.Reference, Name: reg.FullName(),
				Organisation: reg.Organisation, Country: countryName(reg.Country), Since: reg.WaitlistedAt})
		}
	}
	return nil
}

// statuses says which statuses the report counts.
func (r *registrations) statuses() string {
	if r.filter.Status == "" {
		return "All"
	}
	return label(r.src.Labels.Status, r.filter.Status) + " only"
}

// dates says which days of registration the report counts.
func (r *registrations) dates() string {
	if d := r.filter.days(); d != "" {
		return strings.ToUpper(d[:1]) + d[1:]
	}
	return "All"
}

func (r *registrations) WritePDF(w io.Writer) error {
	doc := newPDF(r.src, "Registrations")
	labels := r.src.Labels
	doc.Heading("Summary")
	doc.KeyValues([]pdf.KeyValue{
		{Key: "Statuses counted", Value: r.statuses()},
		{Key: "Days of registration", Value: r.dates()},
		{Key: "Registrations", Value: strconv.Itoa(r.total)},
		{Key: "From the Caribbean", Value: regionLine(r.caribbean)},
		{Key: "From elsewhere", Value: regionLine(r.elsewhere)},
	})

	doc.Heading("By status and category")
	cols := []pdf.Column{{Title: "Category", Width: 26}}
	for _, s := range model.Statuses {
		cols = append(cols, pdf.Column{Title: label(labels.Status, s), Width: 16, Align: pdf.AlignRight})
	}
	cols = append(cols, pdf.Column{Title: "Total", Width: 14, Align: pdf.AlignRight})
	doc.Table(cols, "", func(t *pdf.Table) {
		for _, c := range model.Categories {
			cells := []string{label(labels.Category, c)}
			for _, s := range model.Statuses {
				cells = append(cells, strconv.Itoa(r.cells[c][s]))
			}
			t.Add(pdf.Row{Cells: pdf.Text(append(cells, strconv.Itoa(r.category[c]))...)})
		}
		cells := []string{"Total"}
		for _, s := range model.Statuses {
			cells = append(cells, strconv.Itoa(r.status[s]))
		}
		t.Add(pdf.Row{Cells: pdf.Text(append(cells, strconv.Itoa(r.total))...), Bold: true})
	})

	// An empty section is one line, not a heading and an empty table
	// (which may take a page of its own).
	filtered := r.filter.Status != "" || r.filter.days() != ""
	if r.total == 0 {
		if filtered {
			doc.Paragraph("No registrations match, so there is nothing to count by country, type of organisation, delegation or day.")
		} else {
			doc.Paragraph("No one has registered yet, so there is nothing to count by country, type of organisation, delegation or day.")
		}
	} else {
		r.writeBreakdowns(doc)
	}

	if len(r.waiting) == 0 {
		if filtered {
			doc.Paragraph("No one on the waiting list matches.")
		} else {
			doc.Paragraph("No one is on the waiting list.")
		}
		return doc.Output(w)
	}
	doc.Heading("Waiting list")
	loc := r.src.Conference.Location()
	doc.Table([]pdf.Column{{Title: "Place", Width: 1.1, Align: pdf.AlignRight}, {Title: "Name", Width: 4}, {Title: "Organisation", Width: 4.5},
		{Title: "Country", Width: 2.6}, {Title: "Reference", Width: 2.2}, {Title: "Waiting since", Width: 2.4}},
		"", func(t *pdf.Table) {
			for _, wl := range r.waiting {
				t.Add(pdf.Row{Cells: pdf.Text(strconv.Itoa(wl.Position), wl.Name, wl.Organisation, wl.Country, wl.Reference,
					wl.Since.In(loc).Format("2 Jan 2006"))})
			}
		})
	return doc.Output(w)
}

// writeBreakdowns writes the sections that split the matching
// registrations: by country, type of organisation, delegation and day.
func (r *registrations) writeBreakdowns(doc *pdf.Report) {
	doc.Heading("By country")
	doc.Paragraph("Every country with at least one registration: the Caribbean first, then the others, each by name.")
	bars := make([]pdf.Bar, len(r.countries))
	for i, c := range r.countries {
		bars[i] = pdf.Bar{Label: c.Label, Value: c.Count}
	}
	doc.BarChart(pdf.BarChart{Bars: bars, Axis: "Registrations"})

	doc.Heading("Delegations by country")
	doc.Paragraph("Each country's delegation with its heads of delegation first; a country with none marked says so.")
	doc.Table([]pdf.Column{{Title: "Country", Width: 3}, {Title: "Heads of delegation", Width: 5},
		{Title: "Registrations", Width: 1.6, Align: pdf.AlignRight}}, "No registrations match.", func(t *pdf.Table) {
		for _, d := range r.byCountry {
			heads := strings.Join(d.Heads, ", ")
			if heads == "" {
				heads = "None marked"
			}
			t.Add(pdf.Row{Cells: []pdf.Cell{{Text: d.Country}, {Text: heads, Bold: len(d.Heads) > 0}, {Text: strconv.Itoa(d.Count)}}})
		}
	})

	doc.Heading("By type of organisation")
	doc.Table([]pdf.Column{{Title: "Type of organisation", Width: 4}, {Title: "Registrations", Width: 1, Align: pdf.AlignRight}}, "",
		func(t *pdf.Table) {
			for _, o := range r.orgTypes {
				t.Add(pdf.Row{Cells: pdf.Text(o.Label, strconv.Itoa(o.Count))})
			}
			t.Add(pdf.Row{Cells: pdf.Text("Total", strconv.Itoa(r.total)), Bold: true})
		})

	doc.Heading("By delegation")
	doc.Paragraph("A delegation is the registrations from one institution of one country.")
	doc.Table([]pdf.Column{{Title: "Institution", Width: 5}, {Title: "Country", Width: 2.6}, {Title: "Head of delegation", Width: 3},
		{Title: "Registrations", Width: 1.6, Align: pdf.AlignRight}}, "No registrations match.", func(t *pdf.Table) {
		for _, d := range r.delegations {
			t.Add(pdf.Row{Cells: pdf.Text(d.Organisation, d.Country, d.Heads, strconv.Itoa(d.Count))})
		}
	})

	doc.Heading("Registrations over time")
	if len(r.chart) > 0 {
		doc.LineChart(pdf.LineChart{Points: r.chart, Axis: "Registrations so far"})
	}
	doc.Table([]pdf.Column{{Title: "Day", Width: 3}, {Title: "New registrations", Width: 2, Align: pdf.AlignRight},
		{Title: "Registrations so far", Width: 2, Align: pdf.AlignRight}}, "No registrations match.", func(t *pdf.Table) {
		for _, d := range r.days {
			t.Add(pdf.Row{Cells: pdf.Text(shortDate(d.Day), strconv.Itoa(d.New), strconv.Itoa(d.SoFar))})
		}
	})

}

// regionLine says "12 registrations from 4 countries".
func regionLine(n [2]int) string {
	return plural.Count(n[0], "registration", "registrations") + " from " + plural.Count(n[1], "country", "countries")
}

func (r *registrations) WriteCSV(w io.Writer) error {
	labels := r.src.Labels
	c := newLongCSV(w)
	c.add("total", "all", "Registrations", "registrations", r.total)
	for _, s := range model.Statuses {
		c.add("status", s, label(labels.Status, s), "registrations", r.status[s])
	}
	for _, cat := range model.Categories {
		c.add("category", cat, label(labels.Category, cat), "registrations", r.category[cat])
	}
	for _, cat := range model.Categories {
		for _, s := range model.Statuses {
			c.add("category_status", cat+"/"+s, label(labels.Category, cat)+" · "+label(labels.Status, s),
				"registrations", r.cells[cat][s])
		}
	}
	c.add("region", "caribbean", "From the Caribbean", "registrations", r.caribbean[0])
	c.add("region", "caribbean", "From the Caribbean", "countries", r.caribbean[1])
	c.add("region", "elsewhere", "From elsewhere", "registrations", r.elsewhere[0])
	c.add("region", "elsewhere", "From elsewhere", "countries", r.elsewhere[1])
	for _, co := range r.countries {
		c.add("country", co.Key, co.Label, "registrations", co.Count)
	}
	for _, d := range r.byCountry {
		c.add("country_delegation", d.Code, d.Country, "heads_of_delegation", len(d.Heads))
		for _, h := range d.Heads {
			c.add("head_of_delegation", d.Code, h+" ("+d.Country+")", "head_of_delegation", 1)
		}
	}
	for _, o := range r.orgTypes {
		c.add("org_type", o.Key, o.Label, "registrations", o.Count)
	}
	for _, d := range r.delegations {
		c.add("delegation", d.Key, d.Organisation+" ("+d.Country+")", "registrations", d.Count)
	}
	for _, d := range r.days {
		c.add("per_day", d.Day, shortDate(d.Day), "registrations", d.New)
		c.add("per_day", d.Day, shortDate(d.Day), "registrations_so_far", d.SoFar)
	}
	for _, wl := range r.waiting {
		c.add("waiting_list", wl.Reference, wl.Name+" · "+wl.Organisation+" · "+wl.Country, "place", wl.Position)
	}
	return c.close()
}
