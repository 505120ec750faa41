package agenda

import (
	"slices"
	"strconv"
	"strings"
	"time"
	"unicode"
	"unicode/utf8"

	"golang.org/x/text/unicode/norm"

	"confdesk/internal/country"
	"confdesk/internal/localtime"
	"confdesk/internal/model"
	"confdesk/internal/textfield"
)

// multiline names the fields typed in a text area, which may hold line breaks.
var multiline = map[string]bool{"description": true, "bio": true}

// text checks a free-text field: trimmed, required or not, at most max
// characters, on one line unless typed in a text area.
func text(e *model.FieldErrors, field, value, missing string, max int) string {
	v := strings.TrimSpace(value)
	if v == "" && missing != "" {
		e.Add(field, missing)
		return v
	}
	checkLength(e, field, v, max, multiline[field])
	return v
}

// checkLength adds the problem of v, typed into field, if it is longer
// than max characters or holds a line break where multi does not allow one.
func checkLength(e *model.FieldErrors, field, v string, max int, multi bool) {
	switch {
	case utf8.RuneCountInString(v) > max:
		e.Add(field, "Shorten this to at most "+strconv.Itoa(max)+" characters.")
	case textfield.HasControl(v, multi):
		e.Add(field, textfield.OneLine)
	}
}

// number checks a whole number from 0 to max; blank is 0.
func number(e *model.FieldErrors, field, value, what string, max int) int {
	v := strings.TrimSpace(value)
	if v == "" {
		return 0
	}
	n, err := strconv.Atoi(v)
	if err != nil || n < 0 || n > max {
		e.Add(field, "Enter "+what+" as a whole number from 0 to "+strconv.Itoa(max)+".")
		return 0
	}
	return n
}

// TrackForm is the track form as typed.
type TrackForm struct {
	Name, Slug, Colour, Description, Position string
	// Translations of the name and description (TrackTranslated).
	Translations model.Translations
}

// TrackFormOf fills the form with a stored track.
func TrackFormOf(t model.Track) TrackForm {
	return TrackForm{Name: t.Name, Slug: t.Slug, Colour: t.Colour, Description: t.Description, Position: strconv.Itoa(t.Position)}
}

// Validate returns the track the form describes, or its problems. A blank
// slug is made from the name.
func (f TrackForm) Validate() (model.Track, model.FieldErrors) {
	var errs model.FieldErrors
	t := model.Track{Name: text(&errs, "name", f.Name, "Enter the track's name.", 80)}
	t.Slug = strings.ToLower(strings.TrimSpace(f.Slug))
	if t.Slug == "" {
		t.Slug = Slug(t.Name)
	}
	if t.Slug != "" && !validSlug(t.Slug) {
		errs.Add("slug", "Use only lower-case letters a–z, digits and hyphens, e.g. prevention or child-protection.")
	} else if len(t.Slug) > 60 {
		errs.Add("slug", "Shorten the slug to at most 60 characters.")
	}
	colour, msg := CheckColour(f.Colour)
	if msg != "" {
		errs.Add("colour", msg)
	}
	t.Colour = colour
	t.Description = text(&errs, "description", f.Description, "", 1000)
	t.Position = number(&errs, "position", f.Position, "the position", 1000)
	return t, errs
}

// Slug makes a URL slug from a name: "Protección infantil" → "proteccion-infantil".
func Slug(name string) string {
	var b strings.Builder
	dash := false
	for _, r := range norm.NFD.String(strings.ToLower(name)) {
		switch {
		case unicode.Is(unicode.Mn, r):
		case r >= 'a' && r <= 'z' || r >= '0' && r <= '9':
			if dash && b.Len() > 0 {
				b.WriteByte('-')
			}
			b.WriteRune(r)
			dash = false
		default:
			dash = true
		}
	}
	return b.String()
}

func validSlug(s string) bool {
	return s == Slug(s)
}

// RoomForm is the room form as typed.
type RoomForm struct {
	Name, Capacity, Position string
	// Translations of the name (RoomTranslated), for rooms whose name differs by language.
	Translations model.Translations
}

// RoomFormOf fills the form with a stored room.
func RoomFormOf(r model.Room) RoomForm {
	return RoomForm{Name: r.Name, Capacity: strconv.Itoa(r.Capacity), Position: strconv.Itoa(r.Position)}
}

// Validate returns the room the form describes, or its problems.
func (f RoomForm) Validate() (model.Room, model.FieldErrors) {
	var errs model.FieldErrors
	r := model.Room{Name: text(&errs, "name", f.Name, "Enter the room's name.", 80)}
	r.Capacity = number(&errs, "capacity", f.Capacity, "the number of seats", 100000)
	r.Position = number(&errs, "position", f.Position, "the position", 1000)
	return r, errs
}

// SpeakerForm is the speaker form as typed.
type SpeakerForm struct {
	Name, Title, Organisation, Country, Bio string
}

// SpeakerFormOf fills the form with a stored speaker.
func SpeakerFormOf(p model.Speaker) SpeakerForm {
	return SpeakerForm{Name: p.Name, Title: p.Title, Organisation: p.Organisation, Country: p.Country, Bio: p.Bio}
}

// Validate returns the speaker the form describes, or its problems.
func (f SpeakerForm) Validate() (model.Speaker, model.FieldErrors) {
	var errs model.FieldErrors
	p := model.Speaker{Name: text(&errs, "name", f.Name, "Enter the speaker's name as it should be printed.", 120)}
	p.Title = text(&errs, "title", f.Title, "", 160)
	p.Organisation = text(&errs, "organisation", f.Organisation, "", 160)
	if c := strings.TrimSpace(f.Country); c != "" {
		if !country.Valid(c) {
			errs.Add("country", "Choose a country from the list, or leave it empty.")
		}
		p.Country = strings.ToUpper(c)
	}
	p.Bio = text(&errs, "bio", f.Bio, "", 1500)
	return p, errs
}

// SpeakerRow is one speaker line of the session form: who, and in what role.
type SpeakerRow struct{ SpeakerID, Role string }

// SpeakerRoles lists the roles in a session, in the order pickers show them.
var SpeakerRoles = []string{model.RoleSpeaker, model.RoleModerator, model.RoleChair}

// SessionForm is the session form as typed; times are the conference's local time.
type SessionForm struct {
	Title, Description, TrackID, Kind, RoomID string
	Day, Start, End                           string // YYYY-MM-DD, HH:MM, HH:MM
	Capacity                                  string
	Published                                 bool
	Speakers                                  []SpeakerRow
	// Translations of the title and description (SessionTranslated).
	Translations model.Translations
}

// SessionFormOf fills the form with a stored session, times in the conference's zone.
func SessionFormOf(s model.Session, loc *time.Location) SessionForm {
	f := SessionForm{Title: s.Title, Description: s.Description, Kind: s.Kind,
		Day: s.StartsAt.In(loc).Format(time.DateOnly), Start: s.StartsAt.In(loc).Format("15:04"),
		End: s.EndsAt.In(loc).Format("15:04"), Capacity: strconv.Itoa(s.Capacity), Published: s.Published}
	if s.TrackID != 0 {
		f.TrackID = strconv.FormatInt(s.TrackID, 10)
	}
	if s.RoomID != 0 {
		f.RoomID = strconv.FormatInt(s.RoomID, 10)
	}
	for _, sp := range s.Speakers {
		f.Speakers = append(f.Speakers, SpeakerRow{SpeakerID: strconv.FormatInt(sp.ID, 10), Role: sp.Role})
	}
	return f
}

// SpeakerField is the form field of the speaker select in row i.
func SpeakerField(i int) string { return "speaker_" + strconv.Itoa(i) }

// RoleField is the form field of the role select in row i.
func RoleField(i int) string { return "role_" + strconv.Itoa(i) }

// Validate returns the session the form describes (without ID or
// timestamps), or its problems. It checks the form alone; Check compares
// the result with the rest of the agenda.
func (f SessionForm) Validate(conf model.Conference, tracks []model.Track, rooms []model.Room, speakers []model.Speaker) (model.Session, model.FieldErrors) {
	var errs model.FieldErrors
	s := model.Session{ConferenceID: conf.ID, Published: f.Published}
	s.Title = text(&errs, "title", f.Title, "Enter the session's title.", 200)
	s.Description = text(&errs, "description", f.Description, "", 5000)
	if id := strings.TrimSpace(f.TrackID); id != "" {
		if i := find(id, tracks, func(t model.Track) int64 { return t.ID }); i >= 0 {
			s.TrackID, s.Track = tracks[i].ID, &tracks[i]
		} else {
			errs.Add("track_id", "Choose a track from the list, or no track.")
		}
	}
	if s.Kind = strings.TrimSpace(f.Kind); !slices.Contains(model.SessionKinds, s.Kind) {
		errs.Add("kind", "Choose what kind of session this is.")
	}
	if id := strings.TrimSpace(f.RoomID); id != "" {
		if i := find(id, rooms, func(r model.Room) int64 { return r.ID }); i >= 0 {
			s.RoomID, s.Room = rooms[i].ID, &rooms[i]
		} else {
			errs.Add(FieldRoom, "Choose a room from the list, or no room.")
		}
	}
	loc := conf.Location()
	day, err := time.ParseInLocation(time.DateOnly, strings.TrimSpace(f.Day), loc)
	if err != nil {
		errs.Add(FieldDay, "Choose the day of the session.")
	} else {
		s.StartsAt = localTime(&errs, FieldStart, "start", day, f.Start, loc)
		s.EndsAt = localTime(&errs, FieldEnd, "end", day, f.End, loc)
	}
	s.Capacity = number(&errs, FieldCapacity, f.Capacity, "the sign-up limit", 100000)
	seen := map[int64]bool{}
	for i, row := range f.Speakers {
		id := strings.TrimSpace(row.SpeakerID)
		if id == "" {
			continue
		}
		j := find(id, speakers, func(p model.Speaker) int64 { return p.ID })
		if j < 0 {
			errs.Add(SpeakerField(i), "Choose a speaker from the list.")
			continue
		}
		n := speakers[j].ID
		if seen[n] {
			errs.Add(SpeakerField(i), speakers[j].Name+" is already listed above; list each person once.")
			continue
		}
		seen[n] = true
		role := strings.TrimSpace(row.Role)
		if role == "" {
			role = model.RoleSpeaker
		}
		if !slices.Contains(SpeakerRoles, role) {
			errs.Add(RoleField(i), "Choose speaker, moderator or chair.")
			continue
		}
		s.Speakers = append(s.Speakers, model.SessionSpeaker{Speaker: speakers[j], Role: role})
	}
	return s, errs
}

// RowOf is the speaker row of the form that holds speaker id, or -1.
func (f SessionForm) RowOf(id int64) int {
	want := strconv.FormatInt(id, 10)
	return slices.IndexFunc(f.Speakers, func(r SpeakerRow) bool { return strings.TrimSpace(r.SpeakerID) == want })
}

// FieldOf is the form field beside which a problem of Check is shown: a
// speaker's clash goes beside that speaker's row.
func (f SessionForm) FieldOf(p Problem) string {
	if p.Field == FieldSpeakers {
		if i := f.RowOf(p.SpeakerID); i >= 0 {
			return SpeakerField(i)
		}
	}
	return p.Field
}

// find returns the index of the item whose id was typed, or -1.
func find[T any](typed string, items []T, id func(T) int64) int {
	n, err := strconv.ParseInt(typed, 10, 64)
	if err != nil {
		return -1
	}
	return slices.IndexFunc(items, func(it T) bool { return id(it) == n })
}

// localTime reads "HH:MM" on day in loc. A time the clocks skip (02:30 on
// the night summer time starts) is refused rather than silently moved
// (package localtime holds the rule).
func localTime(errs *model.FieldErrors, field, what string, day time.Time, value string, loc *time.Location) time.Time {
	v := strings.TrimSpace(value)
	t, err := time.Parse("15:04", v)
	if err != nil {
		errs.Add(field, "Enter the "+what+" time as hours and minutes, e.g. 09:30 or 14:00.")
		return time.Time{}
	}
	y, m, d := day.Date()
	at, ok := localtime.Date(y, m, d, t.Hour(), t.Minute(), loc)
	if !ok {
		errs.Add(field, v+" does not exist on that day: the clocks go forward. Choose another time.")
		return time.Time{}
	}
	return at.UTC()
}
