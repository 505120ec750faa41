package report

import (
	"cmp"
	"context"
	"io"
	"slices"
	"strconv"
	"strings"
	"time"

	"confdesk/internal/csvout"
	"confdesk/internal/model"
	"confdesk/internal/pdf"
	"confdesk/internal/store"
)

// catering is the list for the caterer and the venue.
//
// The meals are the agenda's published sessions of kind break or
// reception (coffee breaks, lunches the demo files as breaks, the evening
// reception), and sessions of any other kind whose title has the word
// breakfast, lunch or dinner (a working lunch filed as a panel).
//
// The people expected at each meal are the confirmed registrations not
// erased, whatever their category: confdesk does not know who comes to
// which meal, so every meal has the same count and the same dietary
// needs. Dietary needs are grouped ignoring case and spacing
// ("Vegetarian", " vegetarian ") and printed in the spelling most people
// used (of equal ones, the earliest registration's); a blank one counts as
// "none". Access requirements are listed as their text only, grouped the
// same way, with how many people stated each (identical requirements are
// counted, not repeated: a count of people is no personal data): the caterer and the venue see counts and needs, never a name, an
// e-mail address or anything else about a person.
type catering struct {
	src     Source
	meals   []meal
	people  int
	dietary []counted // Key: the grouping key; Label: the printed need
	access  []counted
}

type meal struct {
	Day, Time, Title string
}

// mealWords are the words of a title that make a session a meal.
var mealWords = []string{"breakfast", "lunch", "dinner"}

// IsMeal reports whether a session is on the catering list.
func IsMeal(s model.Session) bool {
	if !s.Published {
		return false
	}
	if s.Kind == model.KindBreak || s.Kind == model.KindReception {
		return true
	}
	for _, w := range strings.FieldsFunc(strings.ToLower(s.Title), func(r rune) bool {
		return !(r >= 'a' && r <= 'z')
	}) {
		if slices.Contains(mealWords, w) {
			return true
		}
	}
	return false
}

// needKey groups needs typed differently: case and spacing ignored.
func needKey(s string) string { return strings.ToLower(strings.Join(strings.Fields(s), " ")) }

// groupNeeds counts texts grouped by needKey, most stated first, then by
// key; each group is printed in the spelling most people used (of equal
// ones, the first met). A blank text counts as none when none is given,
// and is left out otherwise.
func groupNeeds(texts []string, none string) []counted {
	type group struct {
		counted
		spellings map[string]int
		order     []string
	}
	groups := map[string]*group{}
	var keys []string
	for _, t := range texts {
		label := strings.Join(strings.Fields(t), " ")
		if label == "" {
			if none == "" {
				continue
			}
			label = none
		}
		k := needKey(label)
		g, ok := groups[k]
		if !ok {
			g = &group{counted: counted{Key: k}, spellings: map[string]int{}}
			groups[k] = g
			keys = append(keys, k)
		}
		g.Count++
		if g.spellings[label] == 0 {
			g.order = append(g.order, label)
		}
		g.spellings[label]++
	}
	out := make([]counted, 0, len(groups))
	for _, k := range keys {
		g := groups[k]
		best := g.order[0]
		for _, sp := range g.order[1:] {
			if g.spellings[sp] > g.spellings[best] {
				best = sp
			}
		}
		g.Label = best
		out = append(out, g.counted)
	}
	slices.SortFunc(out, func(a, b counted) int {
		return cmp.Or(b.Count-a.Count, strings.Compare(a.Key, b.Key))
	})
	return out
}

func buildCatering(ctx context.Context, src Source, _ *Logistics) (Document, error) {
	conf := src.Conference
	loc := conf.Location()
	c := &catering{src: src}
	sessions, err := src.Store.Sessions(ctx, conf.ID, true)
	if err != nil {
		return nil, err
	}
	for _, s := range sessions {
		if !IsMeal(s) {
			continue
		}
		start := s.StartsAt.In(loc)
		c.meals = append(c.meals, meal{Day: start.Format(time.DateOnly), Title: s.Title,
			Time: start.Format("15:04") + "–" + s.EndsAt.In(loc).Format("15:04")})
	}
	slices.SortStableFunc(c.meals, func(a, b meal) int { return cmp.Or(strings.Compare(a.Day, b.Day), strings.Compare(a.Time, b.Time)) })
	var dietary, access []string
	err = src.Store.EachRegistration(ctx, conf.ID, store.RegistrationFilter{Status: model.StatusConfirmed, Sort: "created"},
		func(r model.Registration) error {
			if !r.ErasedAt.IsZero() {
				return nil
			}
			c.people++
			dietary = append(dietary, r.Dietary)
			access = append(access, r.Accessibility)
			return nil
		})
	if err != nil {
		return nil, err
	}
	c.dietary = groupNeeds(dietary, "none")
	c.access = groupNeeds(access, "")
	return c, nil
}

func (c *catering) dietaryText() string {
	lines := make([]string, len(c.dietary))
	for i, d := range c.dietary {
		lines[i] = d.Label + ": " + strconv.Itoa(d.Count)
	}
	return strings.Join(lines, "\n")
}

func (c *catering) WritePDF(w io.Writer) error {
	doc := newPDF(c.src, "Catering list")
	doc.Heading("Meals and breaks")
	doc.Paragraph("Expected people are the confirmed participants; each meal is counted for all of them, with their " +
		"dietary needs as they stated them. This list has no names.")
	doc.Table([]pdf.Column{{Title: "Time", Width: 1.8}, {Title: "Meal", Width: 3.5},
		{Title: "Expected people", Width: 1.6, Align: pdf.AlignRight}, {Title: "Dietary needs (people)", Width: 5}},
		"The agenda has no published breaks, meals or receptions.", func(t *pdf.Table) {
			day := ""
			for _, m := range c.meals {
				if m.Day != day {
					day = m.Day
					t.Add(pdf.Row{Group: longDay(day)})
				}
				t.Add(pdf.Row{Cells: pdf.Text(m.Time, m.Title, strconv.Itoa(c.people), c.dietaryText())})
			}
		})
	doc.Heading("Access requirements for the venue")
	doc.Table([]pdf.Column{{Title: "Requirement, as stated", Width: 8}, {Title: "People", Width: 1.2, Align: pdf.AlignRight}},
		"No confirmed participant has stated an access requirement.", func(t *pdf.Table) {
			for _, a := range c.access {
				t.Add(pdf.Row{Cells: pdf.Text(a.Label, strconv.Itoa(a.Count))})
			}
		})
	return doc.Output(w)
}

// cateringCSVHeader names the catering list's columns.
var cateringCSVHeader = []string{"section", "day", "time", "meal", "need", "count"}

func (c *catering) WriteCSV(w io.Writer) error {
	out := csvout.NewWriter(w)
	if err := out.Write(cateringCSVHeader); err != nil {
		return err
	}
	for _, m := range c.meals {
		if err := out.Write([]string{"meal_people", m.Day, m.Time, m.Title, "", strconv.Itoa(c.people)}); err != nil {
			return err
		}
		for _, d := range c.dietary {
			if err := out.Write([]string{"meal_dietary", m.Day, m.Time, m.Title, d.Label, strconv.Itoa(d.Count)}); err != nil {
				return err
			}
		}
	}
	for _, a := range c.access {
		if err := out.Write([]string{"access", "", "", "", a.Label, strconv.Itoa(a.Count)}); err != nil {
			return err
		}
	}
	return out.Flush()
}
