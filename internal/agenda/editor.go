package agenda

import (
	"context"
	"errors"
	"slices"
	"strconv"
	"strings"
	"time"

	"confdesk/internal/i18n"
	"confdesk/internal/model"
	"confdesk/internal/store"
)

// ErrInUse is returned by DeleteTrack and DeleteRoom while sessions use the
// track or room: quietly leaving them without one would change the public
// agenda's colours and filters, or make a session look free of clashes when
// it is not placed at all, behind the organiser's back.
var ErrInUse = store.ErrInUse

// errClash stops a session's save when Check finds a blocking problem; the
// transaction rolls back and the form shows the problems.
var errClash = errors.New("agenda: session clashes")

// Messages beside a field whose value another record of the conference has.
const (
	duplicateSlug = "Another track already uses this slug; choose another, e.g. with a word added."
	duplicateRoom = "Another room already has this name; rooms need different names to tell them apart on the agenda."
)

// Editor carries out the organisers' changes to the agenda: tracks, rooms,
// speakers and sessions. Each change is one write transaction with its
// audit line, naming the organiser and only the fields that changed; after
// it commits, Changed is called.
type Editor struct {
	Store *store.Store
	Now   func() time.Time
	// Changed is called after every committed change, so that whatever
	// caches the published agenda (the web layer's response cache) drops it.
	Changed func()
}

func (e *Editor) changed() {
	if e.Changed != nil {
		e.Changed()
	}
}

// audit writes the audit line of a change to entity id by the organiser by:
// the fields that differ between before and after (nil before for a
// creation, nil after for a deletion).
func (e *Editor) audit(tx *store.Tx, conferenceID int64, by model.User, action, entity string, id int64, before, after map[string]string) error {
	return tx.AuditDiff(model.AuditEntry{ConferenceID: conferenceID, UserID: by.ID, Actor: by.Email, Action: action,
		Entity: entity, EntityID: id, CreatedAt: e.Now()}, before, after)
}

// write runs change in one write transaction and reports the commit. A
// uniqueness failure becomes msg beside field, with nothing written.
func (e *Editor) write(ctx context.Context, field, msg string, change func(tx *store.Tx) error) (model.FieldErrors, error) {
	err := e.Store.Update(ctx, change)
	switch {
	case errors.Is(err, store.ErrDuplicate) && field != "":
		return model.FieldErrors{{Field: field, Message: msg}}, nil
	case err != nil:
		return nil, err
	}
	e.changed()
	return nil, nil
}

func trackFields(t model.Track) map[string]string {
	return map[string]string{"name": t.Name, "slug": t.Slug, "colour": t.Colour, "description": t.Description,
		"position": strconv.Itoa(t.Position)}
}

// CreateTrack validates f and adds the track to conf.
func (e *Editor) CreateTrack(ctx context.Context, conf model.Conference, f TrackForm, by model.User) (model.Track, model.FieldErrors, error) {
	t, errs := f.Validate()
	tr := checkTranslations(&errs, f.Translations, TrackTranslated)
	if len(errs) > 0 {
		return t, errs, nil
	}
	t.ConferenceID = conf.ID
	errs, err := e.write(ctx, "slug", duplicateSlug, func(tx *store.Tx) error {
		var err error
		if t.ID, err = tx.CreateTrack(t); err != nil {
			return err
		}
		if err := tx.SetTranslations(conf.ID, i18n.KindTrack, t.ID, tr); err != nil {
			return err
		}
		return e.audit(tx, conf.ID, by, "create", "track", t.ID, nil, translationAudit(trackFields(t), tr))
	})
	return t, errs, err
}

// UpdateTrack validates f and saves it over the stored track old.
func (e *Editor) UpdateTrack(ctx context.Context, old model.Track, f TrackForm, by model.User) (model.Track, model.FieldErrors, error) {
	t, errs := f.Validate()
	tr := checkTranslations(&errs, f.Translations, TrackTranslated)
	if len(errs) > 0 {
		return t, errs, nil
	}
	t.ID, t.ConferenceID = old.ID, old.ConferenceID
	errs, err := e.write(ctx, "slug", duplicateSlug, func(tx *store.Tx) error {
		before, err := tx.Track(t.ID)
		if err != nil {
			return err
		}
		beforeTr, err := tx.Translations(i18n.KindTrack, t.ID)
		if err != nil {
			return err
		}
		if err := tx.UpdateTrack(t); err != nil {
			return err
		}
		if err := tx.SetTranslations(t.ConferenceID, i18n.KindTrack, t.ID, tr); err != nil {
			return err
		}
		return e.audit(tx, t.ConferenceID, by, "update", "track", t.ID,
			translationAudit(trackFields(before), beforeTr), translationAudit(trackFields(t), tr))
	})
	return t, errs, err
}

// DeleteTrack deletes a track that no session uses; one in use gives
// ErrInUse (see UsingTrack for the sessions to show).
func (e *Editor) DeleteTrack(ctx context.Context, t model.Track, by model.User) error {
	_, err := e.write(ctx, "", "", func(tx *store.Tx) error {
		if err := tx.RemoveTrack(t.ID); err != nil {
			return err
		}
		return e.audit(tx, t.ConferenceID, by, "delete", "track", t.ID, trackFields(t), nil)
	})
	return err
}

func roomFields(r model.Room) map[string]string {
	return map[string]string{"name": r.Name, "capacity": strconv.Itoa(r.Capacity), "position": strconv.Itoa(r.Position)}
}

// CreateRoom validates f and adds the room to conf.
func (e *Editor) CreateRoom(ctx context.Context, conf model.Conference, f RoomForm, by model.User) (model.Room, model.FieldErrors, error) {
	r, errs := f.Validate()
	tr := checkTranslations(&errs, f.Translations, RoomTranslated)
	if len(errs) > 0 {
		return r, errs, nil
	}
	r.ConferenceID = conf.ID
	errs, err := e.write(ctx, "name", duplicateRoom, func(tx *store.Tx) error {
		var err error
		if r.ID, err = tx.CreateRoom(r); err != nil {
			return err
		}
		if err := tx.SetTranslations(conf.ID, i18n.KindRoom, r.ID, tr); err != nil {
			return err
		}
		return e.audit(tx, conf.ID, by, "create", "room", r.ID, nil, translationAudit(roomFields(r), tr))
	})
	return r, errs, err
}

// UpdateRoom validates f and saves it over the stored room old.
func (e *Editor) UpdateRoom(ctx context.Context, old model.Room, f RoomForm, by model.User) (model.Room, model.FieldErrors, error) {
	r, errs := f.Validate()
	tr := checkTranslations(&errs, f.Translations, RoomTranslated)
	if len(errs) > 0 {
		return r, errs, nil
	}
	r.ID, r.ConferenceID = old.ID, old.ConferenceID
	errs, err := e.write(ctx, "name", duplicateRoom, func(tx *store.Tx) error {
		before, err := tx.Room(r.ID)
		if err != nil {
			return err
		}
		beforeTr, err := tx.Translations(i18n.KindRoom, r.ID)
		if err != nil {
			return err
		}
		if err := tx.UpdateRoom(r); err != nil {
			return err
		}
		if err := tx.SetTranslations(r.ConferenceID, i18n.KindRoom, r.ID, tr); err != nil {
			return err
		}
		return e.audit(tx, r.ConferenceID, by, "update", "room", r.ID,
			translationAudit(roomFields(before), beforeTr), translationAudit(roomFields(r), tr))
	})
	return r, errs, err
}

// DeleteRoom deletes a room that no session uses; one in use gives
// ErrInUse (see UsingRoom for the sessions to show).
func (e *Editor) DeleteRoom(ctx context.Context, r model.Room, by model.User) error {
	_, err := e.write(ctx, "", "", func(tx *store.Tx) error {
		if err := tx.RemoveRoom(r.ID); err != nil {
			return err
		}
		return e.audit(tx, r.ConferenceID, by, "delete", "room", r.ID, roomFields(r), nil)
	})
	return err
}

func speakerFields(p model.Speaker) map[string]string {
	return map[string]string{"name": p.Name, "title": p.Title, "organisation": p.Organisation, "country": p.Country, "bio": p.Bio}
}

// CreateSpeaker validates f and adds the speaker to conf.
func (e *Editor) CreateSpeaker(ctx context.Context, conf model.Conference, f SpeakerForm, by model.User) (model.Speaker, model.FieldErrors, error) {
	sp, errs := f.Validate()
	if len(errs) > 0 {
		return sp, errs, nil
	}
	sp.ConferenceID = conf.ID
	errs, err := e.write(ctx, "", "", func(tx *store.Tx) error {
		var err error
		if sp.ID, err = tx.CreateSpeaker(sp); err != nil {
			return err
		}
		return e.audit(tx, conf.ID, by, "create", "speaker", sp.ID, nil, speakerFields(sp))
	})
	return sp, errs, err
}

// UpdateSpeaker validates f and saves it over the stored speaker old.
func (e *Editor) UpdateSpeaker(ctx context.Context, old model.Speaker, f SpeakerForm, by model.User) (model.Speaker, model.FieldErrors, error) {
	sp, errs := f.Validate()
	if len(errs) > 0 {
		return sp, errs, nil
	}
	sp.ID, sp.ConferenceID = old.ID, old.ConferenceID
	errs, err := e.write(ctx, "", "", func(tx *store.Tx) error {
		before, err := tx.Speaker(sp.ID)
		if err != nil {
			return err
		}
		if err := tx.UpdateSpeaker(sp); err != nil {
			return err
		}
		return e.audit(tx, sp.ConferenceID, by, "update", "speaker", sp.ID, speakerFields(before), speakerFields(sp))
	})
	return sp, errs, err
}

// DeleteSpeaker deletes a speaker and takes them off their sessions, which
// stay on the agenda; the audit line names those sessions.
func (e *Editor) DeleteSpeaker(ctx context.Context, sp model.Speaker, by model.User) error {
	_, err := e.write(ctx, "", "", func(tx *store.Tx) error {
		sessions, err := tx.Sessions(sp.ConferenceID, false)
		if err != nil {
			return err
		}
		before := speakerFields(sp)
		var titles []string
		for _, m := range WithSpeaker(sessions, sp.ID) {
			titles = append(titles, m.Title)
		}
		before["sessions"] = strings.Join(titles, "; ")
		if err := tx.RemoveSpeaker(sp.ID); err != nil {
			return err
		}
		return e.audit(tx, sp.ConferenceID, by, "delete", "speaker", sp.ID, before, nil)
	})
	return err
}

// sessionFields is what the audit log records of a session, times in the conference's zone.
func sessionFields(m model.Session, loc *time.Location) map[string]string {
	out := map[string]string{"title": m.Title, "description": m.Description, "kind": m.Kind,
		"starts_at": m.StartsAt.In(loc).Format("2006-01-02 15:04 MST"), "ends_at": m.EndsAt.In(loc).Format("2006-01-02 15:04 MST"),
		"capacity": strconv.Itoa(m.Capacity), "published": strconv.FormatBool(m.Published)}
	if m.Track != nil {
		out["track"] = m.Track.Name
	}
	if m.Room != nil {
		out["room"] = m.Room.Name
	}
	var people []string
	for _, sp := range m.Speakers {
		people = append(people, sp.Name+" ("+sp.Role+")")
	}
	out["speakers"] = strings.Join(people, "; ")
	return out
}

// SessionSaved is the outcome of SaveSession.
type SessionSaved struct {
	Session model.Session
	// Errors block the save (nothing was written); Warnings do not.
	Errors, Warnings model.FieldErrors
}

// SaveSession validates f against the conference's tracks, rooms and
// speakers, checks it against the whole draft agenda inside the write
// transaction (so two organisers saving at once cannot both take a room),
// and saves it unless a problem blocks it. old is the stored session, zero
// when adding.
func (e *Editor) SaveSession(ctx context.Context, conf model.Conference, old model.Session, f SessionForm, by model.User) (SessionSaved, error) {
	tracks, err := e.Store.Tracks(ctx, conf.ID)
	if err != nil {
		return SessionSaved{}, err
	}
	rooms, err := e.Store.Rooms(ctx, conf.ID)
	if err != nil {
		return SessionSaved{}, err
	}
	speakers, err := e.Store.Speakers(ctx, conf.ID)
	if err != nil {
		return SessionSaved{}, err
	}
	m, errs := f.Validate(conf, tracks, rooms, speakers)
	tr := checkTranslations(&errs, f.Translations, SessionTranslated)
	out := SessionSaved{Session: m, Errors: errs}
	if len(errs) > 0 {
		return out, nil
	}
	now := e.Now()
	m.ID, m.CreatedAt, m.UpdatedAt = old.ID, now, now
	err = e.Store.Update(ctx, func(tx *store.Tx) error {
		others, err := tx.Sessions(conf.ID, false)
		if err != nil {
			return err
		}
		rooms, err := tx.Rooms(conf.ID)
		if err != nil {
			return err
		}
		out.Errors, out.Warnings = f.Problems(Check(m, others, RoomsByID(rooms), conf))
		if len(out.Errors) > 0 {
			return errClash
		}
		loc := conf.Location()
		if old.ID == 0 {
			if m.ID, err = tx.CreateSession(m); err != nil {
				return err
			}
			if err := tx.SetTranslations(conf.ID, i18n.KindSession, m.ID, tr); err != nil {
				return err
			}
			return e.audit(tx, conf.ID, by, "create", "session", m.ID, nil, translationAudit(sessionFields(m, loc), tr))
		}
		before, err := tx.Session(m.ID)
		if err != nil {
			return err
		}
		beforeTr, err := tx.Translations(i18n.KindSession, m.ID)
		if err != nil {
			return err
		}
		if err := tx.UpdateSession(m); err != nil {
			return err
		}
		if err := tx.SetTranslations(conf.ID, i18n.KindSession, m.ID, tr); err != nil {
			return err
		}
		return e.audit(tx, conf.ID, by, "update", "session", m.ID,
			translationAudit(sessionFields(before, loc), beforeTr), translationAudit(sessionFields(m, loc), tr))
	})
	out.Session = m
	switch {
	case errors.Is(err, errClash):
		return out, nil
	case err != nil:
		return out, err
	}
	e.changed()
	return out, nil
}

// SessionProblems are the problems the stored session m has in the draft
// agenda as it stands (a clash that reached the data another way, a
// warning accepted on saving), beside the fields of f, its form.
func (e *Editor) SessionProblems(ctx context.Context, conf model.Conference, m model.Session, f SessionForm) (errs, warnings model.FieldErrors, err error) {
	others, err := e.Store.Sessions(ctx, conf.ID, false)
	if err != nil {
		return nil, nil, err
	}
	rooms, err := e.Store.Rooms(ctx, conf.ID)
	if err != nil {
		return nil, nil, err
	}
	errs, warnings = f.Problems(Check(m, others, RoomsByID(rooms), conf))
	return errs, warnings, nil
}

// DeleteSession deletes a session of conf with its speakers' parts and sign-ups.
func (e *Editor) DeleteSession(ctx context.Context, conf model.Conference, m model.Session, by model.User) error {
	_, err := e.write(ctx, "", "", func(tx *store.Tx) error {
		if err := tx.RemoveSession(m.ID); err != nil {
			return err
		}
		return e.audit(tx, conf.ID, by, "delete", "session", m.ID, sessionFields(m, conf.Location()), nil)
	})
	return err
}

// Problems sorts the problems of Check into the form's errors and
// warnings, each beside the field it concerns.
func (f SessionForm) Problems(problems []Problem) (errs, warnings model.FieldErrors) {
	for _, p := range problems {
		if p.Blocking {
			errs.Add(f.FieldOf(p), p.Message)
		} else {
			warnings.Add(f.FieldOf(p), p.Message)
		}
	}
	return errs, warnings
}

// RoomsByID indexes rooms by id, as Check and Clashes read them.
func RoomsByID(rooms []model.Room) map[int64]model.Room {
	out := make(map[int64]model.Room, len(rooms))
	for _, r := range rooms {
		out[r.ID] = r
	}
	return out
}

// UsingTrack are the sessions in the track id: while there are any, the
// track cannot be deleted.
func UsingTrack(sessions []model.Session, id int64) []model.Session {
	return where(sessions, func(m model.Session) bool { return m.TrackID == id })
}

// UsingRoom are the sessions in the room id: while there are any, the room
// cannot be deleted.
func UsingRoom(sessions []model.Session, id int64) []model.Session {
	return where(sessions, func(m model.Session) bool { return m.RoomID == id })
}

// WithSpeaker are the sessions the speaker id takes part in; deleting the
// speaker takes them off these.
func WithSpeaker(sessions []model.Session, id int64) []model.Session {
	return where(sessions, func(m model.Session) bool {
		return slices.ContainsFunc(m.Speakers, func(x model.SessionSpeaker) bool { return x.ID == id })
	})
}

func where(sessions []model.Session, keep func(model.Session) bool) []model.Session {
	var out []model.Session
	for _, m := range sessions {
		if keep(m) {
			out = append(out, m)
		}
	}
	return out
}

// Uses counts the sessions of each track, room and speaker, for the lists
// that show which can be deleted.
type Uses struct{ Tracks, Rooms, Speakers map[int64]int }

// UsesOf counts what sessions use.
func UsesOf(sessions []model.Session) Uses {
	u := Uses{Tracks: map[int64]int{}, Rooms: map[int64]int{}, Speakers: map[int64]int{}}
	for _, m := range sessions {
		u.Tracks[m.TrackID]++
		u.Rooms[m.RoomID]++
		for _, sp := range m.Speakers {
			u.Speakers[sp.ID]++
		}
	}
	return u
}
