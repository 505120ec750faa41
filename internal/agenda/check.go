package agenda

import (
	"fmt"
	"time"

	"confdesk/internal/model"
)

// Form fields the problems of Check concern; the session form uses the same names.
const (
	FieldDay      = "day"
	FieldStart    = "start"
	FieldEnd      = "end"
	FieldRoom     = "room_id"
	FieldSpeakers = "speakers"
	FieldCapacity = "capacity"
)

// Problem is one thing wrong with a session as planned, named by the form
// field it concerns.
type Problem struct {
	Field   string
	Message string
	// Blocking problems stop the session from being saved; the others are warnings.
	Blocking bool
	// SpeakerID is the speaker concerned, for problems on FieldSpeakers.
	SpeakerID int64
	// OtherID is the session clashed with, for room and speaker clashes.
	OtherID int64
}

// Clash reports whether p is a clash with another session (a room or a speaker booked twice).
func (p Problem) Clash() bool { return p.OtherID != 0 }

// Check returns the problems of s against the rest of the agenda, others
// (which may include s itself: a session never clashes with itself). rooms
// gives the rooms' names and seats; speaker names come from s.Speakers.
func Check(s model.Session, others []model.Session, rooms map[int64]model.Room, conf model.Conference) []Problem {
	var out []Problem
	loc := conf.Location()
	if start, end := conf.Start(), conf.End(); !start.IsZero() && !end.IsZero() &&
		(s.StartsAt.Before(start) || s.EndsAt.After(end)) {
		out = append(out, Problem{Field: FieldDay, Blocking: true,
			Message: "Choose a day of the conference (" + conf.DateRange() + "); the session must start and end within it."})
	}
	if !s.EndsAt.After(s.StartsAt) {
		out = append(out, Problem{Field: FieldEnd, Blocking: true,
			Message: "The session must end after it starts (" + clock(s.StartsAt, loc) + "). Enter a later end time."})
		// An empty or reversed interval overlaps nothing; clashes would be meaningless.
		return out
	}
	for _, o := range others {
		if (s.ID != 0 && o.ID == s.ID) || !overlap(s, o) {
			continue
		}
		if s.RoomID != 0 && o.RoomID == s.RoomID {
			out = append(out, Problem{Field: FieldRoom, Blocking: true, OtherID: o.ID,
				Message: fmt.Sprintf("%s is already booked from %s to %s for “%s”. Choose another room or time.",
					roomName(rooms, s.RoomID), clock(o.StartsAt, loc), clock(o.EndsAt, loc), o.Title)})
		}
		for _, sp := range s.Speakers {
			if !hasSpeaker(o, sp.ID) {
				continue
			}
			where := ""
			if o.RoomID != 0 {
				where = " in " + roomName(rooms, o.RoomID)
			}
			out = append(out, Problem{Field: FieldSpeakers, Blocking: true, SpeakerID: sp.ID, OtherID: o.ID,
				Message: fmt.Sprintf("%s is in “%s”%s from %s to %s at that time. Change the time, or take them off one of the two.",
					sp.Name, o.Title, where, clock(o.StartsAt, loc), clock(o.EndsAt, loc))})
		}
	}
	if r, ok := rooms[s.RoomID]; ok && s.RoomID != 0 && r.Capacity > 0 && s.Capacity > r.Capacity {
		out = append(out, Problem{Field: FieldCapacity,
			Message: fmt.Sprintf("%s seats %d, fewer than the sign-up limit of %d: people who sign up may not find a seat.",
				r.Name, r.Capacity, s.Capacity)})
	}
	return out
}

// Clashes returns, for each session of the agenda that has any, its clashes
// with the others: rooms and speakers booked twice. The grid marks them, so
// a clash that reached the data without the form still shows.
func Clashes(sessions []model.Session, rooms map[int64]model.Room, conf model.Conference) map[int64][]Problem {
	out := map[int64][]Problem{}
	for _, s := range sessions {
		for _, p := range Check(s, sessions, rooms, conf) {
			if p.Clash() {
				out[s.ID] = append(out[s.ID], p)
			}
		}
	}
	return out
}

// overlap reports whether two sessions share any instant; touching ends do not.
func overlap(a, b model.Session) bool {
	return a.StartsAt.Before(b.EndsAt) && b.StartsAt.Before(a.EndsAt)
}

func hasSpeaker(s model.Session, id int64) bool {
	for _, sp := range s.Speakers {
		if sp.ID == id {
			return true
		}
	}
	return false
}

func roomName(rooms map[int64]model.Room, id int64) string {
	if r, ok := rooms[id]; ok {
		return r.Name
	}
	return "The room"
}

// clock is an instant's time of day in the conference's zone, "09:00".
func clock(t time.Time, loc *time.Location) string { return t.In(loc).Format("15:04") }
