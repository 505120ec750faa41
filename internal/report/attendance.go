package report

import (
	"context"
	"io"
	"slices"
	"strconv"
	"time"

	"confdesk/internal/model"
	"confdesk/internal/pdf"
)

// attendance is the attendance report: arrivals at the door by day, and
// each session's sign-ups, attendance and room.
//
// Fill rate is attendance divided by the room's capacity (the seats in the
// room, not the session's sign-up limit), in whole per cent; a session
// without a room has none. A track's fill rate is its attendance in rooms
// over the seats of those rooms.
type attendance struct {
	src       Source
	days      []doorDay
	doorTotal int // people checked in at the door at least once
	sessions  []sessionLine
	tracks    []trackLine
	all       trackLine
}

type doorDay struct {
	Day   string // YYYY-MM-DD in the conference's zone
	Count int    // people, each once a day
}

type sessionLine struct {
	ID                int64
	Day               string // YYYY-MM-DD
	Time, Title, Room string
	Track             *model.Track
	Signups, Attended int
	Capacity          int // the room's; 0 without a room
	HasRoom           bool
}

type trackLine struct {
	Key, Name, Colour           string
	Sessions, Signups, Attended int
	// Seats and Seated count only sessions in a room: the fill rate's parts.
	Seats, Seated int
}

func (t trackLine) fillRate() int { return percent(t.Seated, t.Seats) }

func buildAttendance(ctx context.Context, src Source, _ Filter) (Document, error) {
	conf := src.Conference
	loc := conf.Location()
	a := &attendance{src: src}

	arrivals, err := src.Store.DoorArrivals(ctx, conf.ID)
	if err != nil {
		return nil, err
	}
	perDay := map[string]map[int64]bool{}
	people := map[int64]bool{}
	for _, c := range arrivals {
		day := c.CheckedInAt.In(loc).Format(time.DateOnly)
		if perDay[day] == nil {
			perDay[day] = map[int64]bool{}
		}
		perDay[day][c.RegistrationID] = true
		people[c.RegistrationID] = true
	}
	a.doorTotal = len(people)
	days := []string{}
	for _, d := range conf.Days() {
		days = append(days, d.Format(time.DateOnly))
	}
	for d := range perDay {
		if !slices.Contains(days, d) {
			days = append(days, d)
		}
	}
	slices.Sort(days)
	for _, d := range days {
		a.days = append(a.days, doorDay{Day: d, Count: len(perDay[d])})
	}

	sessions, err := src.Store.Sessions(ctx, conf.ID, false)
	if err != nil {
		return nil, err
	}
	figures, err := src.Store.AttendanceBySession(ctx, conf.ID)
	if err != nil {
		return nil, err
	}
	tracks, err := src.Store.Tracks(ctx, conf.ID)
	if err != nil {
		return nil, err
	}
	byTrack := map[int64]*trackLine{}
	for _, t := range tracks {
		a.tracks = append(a.tracks, trackLine{Key: t.Slug, Name: t.Name, Colour: t.Colour})
	}
	for i, t := range tracks {
		byTrack[t.ID] = &a.tracks[i]
	}
	noTrack := trackLine{Key: "none", Name: "No track"}
	a.all = trackLine{Key: "all", Name: "All sessions"}
	for _, s := range sessions {
		// Breaks take no sign-ups and nobody checks in to coffee.
		if s.Kind == model.KindBreak {
			continue
		}
		fig := figures[s.ID]
		start := s.StartsAt.In(loc)
		line := sessionLine{ID: s.ID, Day: start.Format(time.DateOnly), Title: s.Title, Track: s.Track,
			Time: start.Format("15:04") + "–" + s.EndsAt.In(loc).Format("15:04"), Signups: fig.Signups, Attended: fig.Attended}
		if s.Room != nil {
			line.Room, line.Capacity, line.HasRoom = s.Room.Name, s.Room.Capacity, s.Room.Capacity > 0
		}
		a.sessions = append(a.sessions, line)
		t := &noTrack
		if s.Track != nil && byTrack[s.TrackID] != nil {
			t = byTrack[s.TrackID]
		}
		for _, tl := range []*trackLine{t, &a.all} {
			tl.Sessions++
			tl.Signups += fig.Signups
			tl.Attended += fig.Attended
			if line.HasRoom {
				tl.Seats += line.Capacity
				tl.Seated += fig.Attended
			}
		}
	}
	if noTrack.Sessions > 0 {
		a.tracks = append(a.tracks, noTrack)
	}
	return a, nil
}

// longDay is a conference day for headings: "Monday 15 March 2027".
func longDay(day string) string {
	d, err := time.Parse(time.DateOnly, day)
	if err != nil {
		return day
	}
	return d.Format("Monday 2 January 2006")
}

func (s sessionLine) label() string {
	d, _ := time.Parse(time.DateOnly, s.Day)
	return d.Format("Mon 2 Jan") + " " + s.Time + " · " + s.Title
}

func fillText(seated, seats int, has bool) string {
	if !has {
		return "—"
	}
	return strconv.Itoa(percent(seated, seats)) + "%"
}

func (a *attendance) WritePDF(w io.Writer) error {
	doc := newPDF(a.src, "Attendance")
	doc.Heading("Checked in at the door")
	doc.KeyValues([]pdf.KeyValue{{Key: "People checked in", Value: strconv.Itoa(a.doorTotal) +
		" (each counted once, however many days they came)"}})
	doc.Table([]pdf.Column{{Title: "Day", Width: 3}, {Title: "Checked in", Width: 1, Align: pdf.AlignRight}}, "",
		func(t *pdf.Table) {
			for _, d := range a.days {
				t.Add(pdf.Row{Cells: pdf.Text(longDay(d.Day), strconv.Itoa(d.Count))})
			}
		})

	doc.Heading("Sessions")
	doc.Paragraph("Sign-ups count confirmed participants. Attended counts people checked in at the session. " +
		"Fill rate is attendance over the seats in the room.")
	doc.Table([]pdf.Column{{Title: "Time", Width: 2.4}, {Title: "Session", Width: 5.6}, {Title: "Track", Width: 2.6},
		{Title: "Sign-ups", Width: 1.6, Align: pdf.AlignRight}, {Title: "Attended", Width: 1.6, Align: pdf.AlignRight},
		{Title: "Room capacity", Width: 1.7, Align: pdf.AlignRight}, {Title: "Fill rate", Width: 1.4, Align: pdf.AlignRight}},
		"The agenda has no sessions yet.", func(t *pdf.Table) {
			day := ""
			for _, s := range a.sessions {
				if s.Day != day {
					day = s.Day
					t.Add(pdf.Row{Group: longDay(day)})
				}
				track := pdf.Cell{}
				if s.Track != nil {
					track = pdf.Cell{Text: s.Track.Name, Colour: s.Track.Colour}
				}
				capacity := "—"
				if s.HasRoom {
					capacity = strconv.Itoa(s.Capacity)
				}
				t.Add(pdf.Row{Cells: []pdf.Cell{{Text: s.Time}, {Text: s.Title, Note: s.Room}, track,
					{Text: strconv.Itoa(s.Signups)}, {Text: strconv.Itoa(s.Attended)}, {Text: capacity},
					{Text: fillText(s.Attended, s.Capacity, s.HasRoom)}}})
			}
		})

	doc.Heading("By track")
	doc.Table([]pdf.Column{{Title: "Track", Width: 4}, {Title: "Sessions", Width: 1.5, Align: pdf.AlignRight},
		{Title: "Sign-ups", Width: 1.5, Align: pdf.AlignRight}, {Title: "Attended", Width: 1.5, Align: pdf.AlignRight},
		{Title: "Room capacity", Width: 1.7, Align: pdf.AlignRight}, {Title: "Fill rate", Width: 1.4, Align: pdf.AlignRight}},
		"", func(t *pdf.Table) {
			row := func(tl trackLine, bold bool) pdf.Row {
				return pdf.Row{Bold: bold, Cells: []pdf.Cell{{Text: tl.Name, Colour: tl.Colour}, {Text: strconv.Itoa(tl.Sessions)},
					{Text: strconv.Itoa(tl.Signups)}, {Text: strconv.Itoa(tl.Attended)}, {Text: strconv.Itoa(tl.Seats)},
					{Text: fillText(tl.Seated, tl.Seats, tl.Seats > 0)}}}
			}
			for _, tl := range a.tracks {
				t.Add(row(tl, false))
			}
			t.Add(row(a.all, true))
		})
	return doc.Output(w)
}

func (a *attendance) WriteCSV(w io.Writer) error {
	c := newLongCSV(w)
	c.add("door", "all", "People checked in", "checked_in", a.doorTotal)
	for _, d := range a.days {
		c.add("door_by_day", d.Day, longDay(d.Day), "checked_in", d.Count)
	}
	for _, s := range a.sessions {
		key, l := strconv.FormatInt(s.ID, 10), s.label()
		c.add("session", key, l, "signups", s.Signups)
		c.add("session", key, l, "attended", s.Attended)
		if s.HasRoom {
			c.add("session", key, l, "room_capacity", s.Capacity)
			c.add("session", key, l, "fill_rate_percent", percent(s.Attended, s.Capacity))
		}
	}
	for _, tl := range append(slices.Clone(a.tracks), a.all) {
		c.add("track", tl.Key, tl.Name, "sessions", tl.Sessions)
		c.add("track", tl.Key, tl.Name, "signups", tl.Signups)
		c.add("track", tl.Key, tl.Name, "attended", tl.Attended)
		c.add("track", tl.Key, tl.Name, "room_capacity", tl.Seats)
		if tl.Seats > 0 {
			c.add("track", tl.Key, tl.Name, "fill_rate_percent", tl.fillRate())
		}
	}
	return c.close()
}
