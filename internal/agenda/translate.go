package agenda

import (
	"context"
	"slices"

	"confdesk/internal/i18n"
	"confdesk/internal/model"
)

// Organisers translate a track's name and description, a session's title
// and description and a room's name. Each translation has the same length
// limit as its English original; a missing one shows the original.
var (
	TrackTranslated = []model.TranslatedLimit{{Field: "name", Label: "name", Max: 80},
		{Field: "description", Label: "description", Max: 1000, Multiline: true}}
	RoomTranslated    = []model.TranslatedLimit{{Field: "name", Label: "name", Max: 80}}
	SessionTranslated = []model.TranslatedLimit{{Field: "title", Label: "title", Max: 200},
		{Field: "description", Label: "description", Max: 5000, Multiline: true}}
)

// checkTranslations checks t as typed into the console's translation
// fields (model.FieldErrors.CheckTranslations) and keeps only the fields
// and languages offered.
func checkTranslations(errs *model.FieldErrors, t model.Translations, fields []model.TranslatedLimit) model.Translations {
	errs.CheckTranslations(t, fields...)
	out := model.Translations{}
	for _, l := range i18n.Translations() {
		for _, f := range fields {
			out.Set(f.Field, l.Code, t.Get(f.Field, l.Code))
		}
	}
	return out
}

// translationAudit adds a record's translations to the fields its audit
// line compares, as "title (es)", so that a change to one is logged.
func translationAudit(fields map[string]string, t model.Translations) map[string]string {
	if fields == nil {
		return nil
	}
	for name, byLang := range t {
		for lang, text := range byLang {
			fields[name+" ("+lang+")"] = text
		}
	}
	return fields
}

// The translatable fields of the programme, as i18n.Tr and i18n.Content name them.
func trackField(id int64, name string) i18n.Field {
	return i18n.Field{Kind: i18n.KindTrack, ID: id, Name: name}
}

func roomField(id int64) i18n.Field { return i18n.Field{Kind: i18n.KindRoom, ID: id, Name: "name"} }

func sessionField(id int64, name string) i18n.Field {
	return i18n.Field{Kind: i18n.KindSession, ID: id, Name: name}
}

// SessionTitle is a session's title in ctx's language.
func SessionTitle(ctx context.Context, s model.Session) i18n.Localized {
	return i18n.Tr(ctx, sessionField(s.ID, "title"), s.Title)
}

// SessionDescription is a session's description in ctx's language.
func SessionDescription(ctx context.Context, s model.Session) i18n.Localized {
	return i18n.Tr(ctx, sessionField(s.ID, "description"), s.Description)
}

// TrackName is a track's name in ctx's language.
func TrackName(ctx context.Context, t model.Track) i18n.Localized {
	return i18n.Tr(ctx, trackField(t.ID, "name"), t.Name)
}

// TrackDescription is a track's description in ctx's language.
func TrackDescription(ctx context.Context, t model.Track) i18n.Localized {
	return i18n.Tr(ctx, trackField(t.ID, "description"), t.Description)
}

// RoomName is a room's name in ctx's language.
func RoomName(ctx context.Context, r model.Room) i18n.Localized {
	return i18n.Tr(ctx, roomField(r.ID), r.Name)
}

// In is the programme for readers of language l: the texts organisers
// translated (content, i18n's for l) in place of the English ones, which
// stay where a translation is missing. The exports are drawn from it; a
// page marks the English text instead (SessionTitle and the like). The
// programme's records are copied, never changed.
func (p Programme) In(l *i18n.Locale, content i18n.Content) Programme {
	p.Language = l
	if l == nil || l == i18n.English {
		return p
	}
	tr := func(f i18n.Field, original string) string {
		if s := content[f]; s != "" && original != "" {
			return s
		}
		return original
	}
	c := p.Conference
	confField := func(name string) i18n.Field { return i18n.Field{Kind: i18n.KindConference, ID: c.ID, Name: name} }
	p.Conference.Name = tr(confField("name"), c.Name)
	p.Conference.Tagline = tr(confField("tagline"), c.Tagline)
	p.Tracks = slices.Clone(p.Tracks)
	tracks := map[int64]*model.Track{}
	for i := range p.Tracks {
		t := &p.Tracks[i]
		t.Name, t.Description = tr(trackField(t.ID, "name"), t.Name), tr(trackField(t.ID, "description"), t.Description)
		tracks[t.ID] = t
	}
	p.Rooms = slices.Clone(p.Rooms)
	rooms := map[int64]*model.Room{}
	for i := range p.Rooms {
		r := &p.Rooms[i]
		r.Name = tr(roomField(r.ID), r.Name)
		rooms[r.ID] = r
	}
	p.Sessions = slices.Clone(p.Sessions)
	p.translated = map[int64]bool{}
	p.englishTitles = map[int64]string{}
	for i := range p.Sessions {
		s := &p.Sessions[i]
		if title := content[sessionField(s.ID, "title")]; title != "" {
			p.translated[s.ID] = true
			p.englishTitles[s.ID] = s.Title
		}
		s.Title, s.Description = tr(sessionField(s.ID, "title"), s.Title), tr(sessionField(s.ID, "description"), s.Description)
		if s.Track != nil {
			if t, ok := tracks[s.Track.ID]; ok {
				s.Track = t
			} else {
				t := *s.Track
				t.Name = tr(trackField(t.ID, "name"), t.Name)
				s.Track = &t
			}
		}
		if s.Room != nil {
			if r, ok := rooms[s.Room.ID]; ok {
				s.Room = r
			} else {
				r := *s.Room
				r.Name = tr(roomField(r.ID), r.Name)
				s.Room = &r
			}
		}
	}
	return p
}

// locale is the language the programme's exports speak: English unless In chose one.
func (p Programme) locale() *i18n.Locale {
	if p.Language == nil {
		return i18n.English
	}
	return p.Language
}

// sessionLanguage is the language a session's title is in: the
// programme's where it was translated, else English.
func (p Programme) sessionLanguage(s model.Session) string {
	if p.translated[s.ID] {
		return p.locale().Code
	}
	return i18n.English.Code
}

// RoleWord names a speaker's part in a few words, "chair" or "moderator",
// in language l; "" for an ordinary speaker.
func RoleWord(l *i18n.Locale, role string) string {
	if role == model.RoleModerator || role == model.RoleChair {
		return l.T("agenda.role." + role)
	}
	return ""
}

// KindWord names a session kind in language l: "Workshop", "Taller".
func KindWord(l *i18n.Locale, kind string) string {
	if _, ok := KindLabels[kind]; !ok {
		return ""
	}
	return l.T("agenda.kind." + kind)
}
