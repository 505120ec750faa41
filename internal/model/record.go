package model

// The records an organiser opens by id belong to one conference each; the
// console loads them with one generic loader that answers 404 for another
// conference's record, and these methods are what it asks.

// BelongsTo reports whether the track belongs to the conference conferenceID.
func (t Track) BelongsTo(conferenceID int64) bool { return t.ConferenceID == conferenceID }

// BelongsTo reports whether the room belongs to the conference conferenceID.
func (r Room) BelongsTo(conferenceID int64) bool { return r.ConferenceID == conferenceID }

// BelongsTo reports whether the speaker belongs to the conference conferenceID.
func (p Speaker) BelongsTo(conferenceID int64) bool { return p.ConferenceID == conferenceID }

// BelongsTo reports whether the session belongs to the conference conferenceID.
func (s Session) BelongsTo(conferenceID int64) bool { return s.ConferenceID == conferenceID }

// BelongsTo reports whether the registration belongs to the conference conferenceID.
func (r Registration) BelongsTo(conferenceID int64) bool { return r.ConferenceID == conferenceID }

// BelongsTo reports whether the message belongs to the conference conferenceID.
func (m OutboxMessage) BelongsTo(conferenceID int64) bool { return m.ConferenceID == conferenceID }

// BelongsTo reports whether the release belongs to the conference conferenceID.
func (r PressRelease) BelongsTo(conferenceID int64) bool { return r.ConferenceID == conferenceID }

// BelongsTo reports whether the file belongs to the conference conferenceID.
func (f PressFile) BelongsTo(conferenceID int64) bool { return f.ConferenceID == conferenceID }

// BelongsTo reports whether the contact belongs to the conference conferenceID.
func (m MediaContact) BelongsTo(conferenceID int64) bool { return m.ConferenceID == conferenceID }
