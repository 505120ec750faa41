package admin

import (
	"slices"
	"strconv"
	"strings"
	"time"

	"confdesk/internal/agenda"
	"confdesk/internal/country"
	"confdesk/internal/model"
	"confdesk/internal/paths"
	"confdesk/internal/plural"
	"confdesk/views"
)

// agendaTab is one page of the agenda editor's own navigation.
type agendaTab struct{ Key, Label, Href string }

var agendaTabs = []agendaTab{
	{"grid", "Grid", paths.Agenda},
	{"tracks", "Tracks", paths.Tracks},
	{"rooms", "Rooms", paths.Rooms},
	{"speakers", "Speakers", paths.Speakers},
}

// AgendaGrid is the day × room grid of the whole draft agenda.
type AgendaGrid struct {
	Days     []GridDay
	Sessions int
	Drafts   int
	// Clashing lists the sessions with clashes, in time order, for the summary above the grid.
	Clashing []GridItem
}

// GridDay is one table of the grid: a day's sessions by start time and room.
type GridDay struct {
	ID      string // the table's anchor, "day-2027-03-15"
	Label   string // "Monday 15 March 2027"
	Outside bool   // a day with sessions that is not a conference day
	Rooms   []model.Room
	NoRoom  bool // a last column for sessions without a room (breaks)
	Rows    []GridRow
}

// GridRow is the sessions starting at one time, one cell per column.
type GridRow struct {
	Time  string // "09:00"
	Cells [][]GridItem
}

// GridItem is one session in a cell.
type GridItem struct {
	Session model.Session
	Day     string // "Mon 15 Mar"
	Time    string // "09:00–10:30"
	Clashes []string
}

// NewAgendaGrid lays out sessions (all of them, drafts included) on the
// conference's days, one column per room, in the conference's time zone.
// A session that starts on a day outside the conference still shows, on a
// day of its own marked as such, so that no session is lost from view.
func NewAgendaGrid(conf model.Conference, sessions []model.Session, rooms []model.Room, clashes map[int64][]agenda.Problem) AgendaGrid {
	loc := conf.Location()
	g := AgendaGrid{Sessions: len(sessions)}
	byDate := map[string]*GridDay{}
	var dates []string
	addDay := func(d time.Time, outside bool) *GridDay {
		key := d.Format(time.DateOnly)
		if day, ok := byDate[key]; ok {
			return day
		}
		day := &GridDay{ID: "day-" + key, Label: d.Format("Monday 2 January 2006"), Outside: outside, Rooms: rooms}
		byDate[key] = day
		dates = append(dates, key)
		return day
	}
	for _, d := range conf.Days() {
		addDay(d, false)
	}
	column := map[int64]int{}
	for i, r := range rooms {
		column[r.ID] = i
	}
	rowOf := map[string]map[string]int{} // date → start time → row
	for _, s := range sessions {
		start := s.StartsAt.In(loc)
		day := addDay(start, true)
		if !s.Published {
			g.Drafts++
		}
		col, ok := column[s.RoomID]
		if !ok {
			col = len(rooms)
			day.NoRoom = true
		}
		key, at := start.Format(time.DateOnly), start.Format("15:04")
		if rowOf[key] == nil {
			rowOf[key] = map[string]int{}
		}
		r, ok := rowOf[key][at]
		if !ok {
			r = len(day.Rows)
			rowOf[key][at] = r
			day.Rows = append(day.Rows, GridRow{Time: at, Cells: make([][]GridItem, len(rooms)+1)})
		}
		it := GridItem{Session: s, Day: start.Format("Mon 2 Jan"),
			Time: at + "–" + s.EndsAt.In(loc).Format("15:04")}
		for _, p := range clashes[s.ID] {
			it.Clashes = append(it.Clashes, p.Message)
		}
		if len(it.Clashes) > 0 {
			g.Clashing = append(g.Clashing, it)
		}
		day.Rows[r].Cells[col] = append(day.Rows[r].Cells[col], it)
	}
	slices.Sort(dates)
	for _, key := range dates {
		day := byDate[key]
		slices.SortFunc(day.Rows, func(a, b GridRow) int {
			if a.Time < b.Time {
				return -1
			}
			if a.Time > b.Time {
				return 1
			}
			return 0
		})
		g.Days = append(g.Days, *day)
	}
	return g
}

// Columns is the number of room columns the day shows.
func (d GridDay) Columns() int {
	if d.NoRoom {
		return len(d.Rooms) + 1
	}
	return len(d.Rooms)
}

// KindLabels names the session kinds for people, as the public agenda does.
var KindLabels = agenda.KindLabels

// SpeakerRoleLabels names a speaker's roles in a session, as the public agenda does.
var SpeakerRoleLabels = agenda.RoleLabels

// TracksPage lists the tracks with how many sessions use each.
type TracksPage struct {
	Tracks []model.Track
	Uses   map[int64]int
	// Missing names, by track, the languages still lacking a translation.
	Missing map[int64][]string
}

// TrackFormView is the add or edit track form's state.
type TrackFormView struct {
	ID     int64 // 0 when adding
	Form   agenda.TrackForm
	Errors model.FieldErrors
}

// RoomsPage lists the rooms with how many sessions use each.
type RoomsPage struct {
	Rooms []model.Room
	Uses  map[int64]int
	// Missing names, by room, the languages still lacking a translation.
	Missing map[int64][]string
}

// missingLanguages sums up a record's translations for a list: "complete",
// or the languages missing, "Spanish, Dutch missing".
func missingLanguages(langs []string) string {
	if len(langs) == 0 {
		return "complete"
	}
	return strings.Join(langs, ", ") + " missing"
}

// RoomFormView is the add or edit room form's state.
type RoomFormView struct {
	ID     int64
	Form   agenda.RoomForm
	Errors model.FieldErrors
}

// SpeakersPage lists the speakers by name with how many sessions each is in.
type SpeakersPage struct {
	Speakers []model.Speaker
	Uses     map[int64]int
}

// SpeakerFormView is the add or edit speaker form's state.
type SpeakerFormView struct {
	ID     int64
	Form   agenda.SpeakerForm
	Errors model.FieldErrors
}

// agendaCountryGroups puts the Caribbean first, then every other country.
func agendaCountryGroups() []views.OptionGroup {
	opts := func(list []country.Country) []views.Option {
		out := make([]views.Option, 0, len(list))
		for _, c := range list {
			out = append(out, views.Option{Value: c.Code, Label: c.Name})
		}
		return out
	}
	return []views.OptionGroup{
		{Label: "Caribbean", Options: opts(country.Caribbean())},
		{Label: "All other countries", Options: opts(country.Others())},
	}
}

// SessionFormView is the add or edit session form's state.
type SessionFormView struct {
	ID       int64 // 0 when adding
	Form     agenda.SessionForm
	Errors   model.FieldErrors // blocking: the form was not saved
	Warnings model.FieldErrors // shown beside their fields; they do not stop saving
	Tracks   []model.Track
	Rooms    []model.Room
	Speakers []model.Speaker
	Days     []time.Time // the conference's days, midnight local time
	// Documents is the session's documents section (an existing session's).
	Documents SessionDocumentsView
}

// emptySpeakerRows is how many blank speaker lines the form offers beyond
// those filled: enough for a panel, without JavaScript to add more.
const emptySpeakerRows = 3

// SpeakerRows are the form's speaker lines: those filled, then blank ones.
func (v SessionFormView) SpeakerRows() []agenda.SpeakerRow {
	rows := slices.Clone(v.Form.Speakers)
	for range emptySpeakerRows {
		rows = append(rows, agenda.SpeakerRow{})
	}
	for len(rows) < 4 {
		rows = append(rows, agenda.SpeakerRow{})
	}
	return rows
}

func (v SessionFormView) trackOptions() []views.OptionGroup {
	var opts []views.Option
	for _, t := range v.Tracks {
		opts = append(opts, views.Option{Value: strconv.FormatInt(t.ID, 10), Label: t.Name})
	}
	return []views.OptionGroup{{Options: opts}}
}

func (v SessionFormView) roomOptions() []views.OptionGroup {
	var opts []views.Option
	for _, r := range v.Rooms {
		label := r.Name
		if r.Capacity > 0 {
			label += " (" + strconv.Itoa(r.Capacity) + " seats)"
		}
		opts = append(opts, views.Option{Value: strconv.FormatInt(r.ID, 10), Label: label})
	}
	return []views.OptionGroup{{Options: opts}}
}

func (v SessionFormView) kindOptions() []views.OptionGroup {
	var opts []views.Option
	for _, k := range model.SessionKinds {
		opts = append(opts, views.Option{Value: k, Label: KindLabels[k]})
	}
	return []views.OptionGroup{{Options: opts}}
}

// dayOptions are the conference's days, and the session's own day when
// the conference's dates have moved away from it, so that it stays visible.
func (v SessionFormView) dayOptions() []views.OptionGroup {
	var opts []views.Option
	for _, d := range v.Days {
		opts = append(opts, views.Option{Value: d.Format(time.DateOnly), Label: d.Format("Monday 2 January 2006")})
	}
	if v.Form.Day != "" && !slices.ContainsFunc(opts, func(o views.Option) bool { return o.Value == v.Form.Day }) {
		label := v.Form.Day + " (not a conference day)"
		if d, err := time.Parse(time.DateOnly, v.Form.Day); err == nil {
			label = d.Format("Monday 2 January 2006") + " (not a conference day)"
		}
		opts = append(opts, views.Option{Value: v.Form.Day, Label: label})
	}
	return []views.OptionGroup{{Options: opts}}
}

func (v SessionFormView) speakerOptions() []views.OptionGroup {
	var opts []views.Option
	for _, p := range v.Speakers {
		label := p.Name
		if p.Organisation != "" {
			label += " — " + p.Organisation
		}
		opts = append(opts, views.Option{Value: strconv.FormatInt(p.ID, 10), Label: label})
	}
	return []views.OptionGroup{{Options: opts}}
}

// AgendaDeleteView is the confirmation page of a deletion, or its refusal.
type AgendaDeleteView struct {
	What   string // "track", "room", "speaker", "session"
	Name   string
	Action string // where the confirming form posts
	Back   string
	// Blockers are the sessions that stop the deletion (a track or room in use).
	Blockers []GridItem
	// Affected are sessions the deletion changes (a speaker's sessions).
	Affected []GridItem
	// Note is a further consequence, in a sentence ("3 sign-ups are deleted too.").
	Note string
}

// deletion is what the confirmation says: a speaker's sessions, which
// lose them, are listed below the sentence that announces them.
func (v AgendaDeleteView) deletion() Deletion {
	d := Deletion{Heading: "Delete the " + v.What + " “" + v.Name + "”?", Lost: v.Note, Action: v.Action, Cancel: v.Back}
	if len(v.Affected) > 0 {
		d.Lost = strings.TrimSpace(v.Note + " " + v.Name + " will be taken off " + agendaPlural(len(v.Affected), "session", "sessions") + ":")
	}
	return d
}

// AgendaDeleteItems describes sessions for a deletion page, in the conference's zone.
func AgendaDeleteItems(conf model.Conference, sessions []model.Session) []GridItem {
	loc := conf.Location()
	out := make([]GridItem, 0, len(sessions))
	for _, s := range sessions {
		out = append(out, GridItem{Session: s, Day: s.StartsAt.In(loc).Format("Mon 2 Jan"),
			Time: s.StartsAt.In(loc).Format("15:04") + "–" + s.EndsAt.In(loc).Format("15:04")})
	}
	return out
}

func agendaCountryName(code string) string {
	if code == "" {
		return ""
	}
	if n := country.Name(code); n != "" {
		return n
	}
	return code
}

// agendaPlural is plural.Count, the one way counts are written.
func agendaPlural(n int, one, many string) string { return plural.Count(n, one, many) }

// trackClassOf is the colour class of a session's track, "" without one.
func trackClassOf(s model.Session) string {
	if s.Track == nil {
		return ""
	}
	return views.TrackClass(*s.Track)
}

// agendaTabOf is the editor tab a kind of record belongs to.
func agendaTabOf(what string) string {
	switch what {
	case "track":
		return "tracks"
	case "room":
		return "rooms"
	case "speaker":
		return "speakers"
	}
	return "grid"
}

// agendaFormAction is where an add (id 0) or edit form posts.
func agendaFormAction(base string, id int64) string {
	if id == 0 {
		return base
	}
	return paths.Item(base, id)
}

// agendaDescribedBy lists the ids of a field's hint, warning and error lines.
func agendaDescribedBy(name string, hint, warning, err bool) string {
	var ids []string
	for _, p := range []struct {
		on     bool
		suffix string
	}{{hint, "-hint"}, {warning, "-warning"}, {err, "-error"}} {
		if p.on {
			ids = append(ids, name+p.suffix)
		}
	}
	return strings.Join(ids, " ")
}
