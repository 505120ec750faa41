package report

import (
	"context"
	"io"
	"slices"
	"strconv"
	"strings"

	"confdesk/internal/database"
	"confdesk/internal/model"
	"confdesk/internal/pdf"
	"confdesk/internal/store"
)

// press is the press report: the accredited media (press registrations an
// organiser confirmed) by outlet and by country, and the downloads of the
// media kit and of each press file. The date filter limits the downloads
// to the days chosen; accreditation is counted as it stands.
type press struct {
	src        Source
	filter     Filter
	accredited int
	pending    int // requests awaiting review
	outlets    []outletLine
	countries  []counted
	kit        int
	files      []fileLine
	removed    int
	downloads  int
}

type outletLine struct {
	Key, Outlet, MediaTypes, Country string
	Count                            int
	rank                             int
}

type fileLine struct {
	ID        int64
	Title     string
	Published bool
	Count     int
}

func buildPress(ctx context.Context, src Source, f Filter) (Document, error) {
	conf := src.Conference
	p := &press{src: src, filter: f}
	counts, err := src.Store.RegistrationCountsByCategory(ctx, conf.ID)
	if err != nil {
		return nil, err
	}
	p.pending = counts[model.CategoryPress][model.StatusPending]

	outlets := map[string]*outletLine{}
	types := map[string][]string{}
	countries := map[string]int{}
	err = src.Store.EachRegistration(ctx, conf.ID, store.RegistrationFilter{Category: model.CategoryPress,
		Status: model.StatusConfirmed, Sort: "created"}, func(r model.Registration) error {
		p.accredited++
		countries[r.Country]++
		name := strings.Join(strings.Fields(r.Outlet), " ")
		if name == "" {
			name = strings.Join(strings.Fields(r.Organisation), " ")
		}
		key := r.Country + "/" + strings.ToLower(name)
		o := outlets[key]
		if o == nil {
			o = &outletLine{Key: key, Outlet: name, Country: countryName(r.Country), rank: rankOf(r.Country)}
			outlets[key] = o
		}
		o.Count++
		if t := label(src.Labels.MediaType, r.MediaType); r.MediaType != "" && !slices.Contains(types[key], t) {
			types[key] = append(types[key], t)
		}
		return nil
	})
	if err != nil {
		return nil, err
	}
	for key, o := range outlets {
		slices.Sort(types[key])
		o.MediaTypes = strings.Join(types[key], ", ")
		p.outlets = append(p.outlets, *o)
	}
	slices.SortFunc(p.outlets, func(a, b outletLine) int {
		if c := database.CompareNames(a.Outlet, b.Outlet); c != 0 {
			return c
		}
		if c := a.rank - b.rank; c != 0 {
			return c
		}
		return strings.Compare(a.Key, b.Key)
	})
	p.countries = byCountry(countries)

	from, to := f.span(conf.Location())
	d, err := src.Store.DownloadsBetween(ctx, conf.ID, from, to)
	if err != nil {
		return nil, err
	}
	files, err := src.Store.PressFiles(ctx, conf.ID, false)
	if err != nil {
		return nil, err
	}
	p.kit, p.removed = d.Kit, d.Removed
	p.downloads = d.Kit + d.Removed
	for _, file := range files {
		p.files = append(p.files, fileLine{ID: file.ID, Title: file.Title, Published: file.Published, Count: d.Files[file.ID]})
		p.downloads += d.Files[file.ID]
	}
	return p, nil
}

// period says which downloads are counted.
func (p *press) period() string {
	if d := p.filter.days(); d != "" {
		return "Downloads " + d
	}
	return "All downloads since the press room opened"
}

func (p *press) WritePDF(w io.Writer) error {
	doc := newPDF(p.src, "Press")
	doc.Heading("Accredited media")
	doc.KeyValues([]pdf.KeyValue{
		{Key: "Accredited journalists", Value: strconv.Itoa(p.accredited)},
		{Key: "Requests awaiting review", Value: strconv.Itoa(p.pending)},
	})
	doc.Table([]pdf.Column{{Title: "Outlet", Width: 5}, {Title: "Type of media", Width: 3.4}, {Title: "Country", Width: 3},
		{Title: "Journalists", Width: 2, Align: pdf.AlignRight}}, "No journalists are accredited yet.", func(t *pdf.Table) {
		for _, o := range p.outlets {
			t.Add(pdf.Row{Cells: pdf.Text(o.Outlet, o.MediaTypes, o.Country, strconv.Itoa(o.Count))})
		}
	})
	if len(p.countries) > 0 {
		doc.Heading("Accredited media by country")
		doc.Table([]pdf.Column{{Title: "Country", Width: 4}, {Title: "Journalists", Width: 1, Align: pdf.AlignRight}}, "",
			func(t *pdf.Table) {
				for _, c := range p.countries {
					t.Add(pdf.Row{Cells: pdf.Text(c.Label, strconv.Itoa(c.Count))})
				}
				t.Add(pdf.Row{Cells: pdf.Text("Total", strconv.Itoa(p.accredited)), Bold: true})
			})
	}

	doc.Heading("Downloads")
	doc.Paragraph(p.period() + ". Each download is counted; who downloaded is not recorded.")
	doc.Table([]pdf.Column{{Title: "Item", Width: 6}, {Title: "In the press room", Width: 2}, {Title: "Downloads", Width: 1.6, Align: pdf.AlignRight}},
		"", func(t *pdf.Table) {
			t.Add(pdf.Row{Cells: pdf.Text("Media kit (all files, ZIP)", "Yes", strconv.Itoa(p.kit))})
			for _, f := range p.files {
				shown := "No"
				if f.Published {
					shown = "Yes"
				}
				t.Add(pdf.Row{Cells: pdf.Text(f.Title, shown, strconv.Itoa(f.Count))})
			}
			if p.removed > 0 {
				t.Add(pdf.Row{Cells: pdf.Text("Files removed since", "No", strconv.Itoa(p.removed))})
			}
			t.Add(pdf.Row{Cells: pdf.Text("Total", "", strconv.Itoa(p.downloads)), Bold: true})
		})
	return doc.Output(w)
}

func (p *press) WriteCSV(w io.Writer) error {
	c := newLongCSV(w)
	c.add("accredited", "all", "Accredited journalists", "journalists", p.accredited)
	c.add("pending", "all", "Requests awaiting review", "requests", p.pending)
	for _, o := range p.outlets {
		c.add("outlet", o.Key, o.Outlet+" ("+o.Country+")", "journalists", o.Count)
	}
	for _, co := range p.countries {
		c.add("country", co.Key, co.Label, "journalists", co.Count)
	}
	c.add("downloads", "kit", "Media kit (all files, ZIP)", "downloads", p.kit)
	for _, f := range p.files {
		c.add("downloads", "file-"+strconv.FormatInt(f.ID, 10), f.Title, "downloads", f.Count)
	}
	if p.removed > 0 {
		c.add("downloads", "removed", "Files removed since", "downloads", p.removed)
	}
	c.add("downloads", "all", "Total", "downloads", p.downloads)
	return c.close()
}
