// Package agenda holds the rules of the agenda editor, free of HTTP: the
// forms for tracks, rooms, speakers and sessions with their validation, the
// conflicts a planned session may have with the rest of the draft agenda,
// the colour rule for tracks, and Editor, which carries out every change.
//
// # Editing
//
// Editor is the only writer of the agenda. Each change is one write
// transaction holding the change and its audit line (only the fields that
// changed; an edit that changes nothing is not logged), and after the
// commit Editor.Changed lets the web layer drop its cached public agenda.
// A track or room that sessions use is not deleted (ErrInUse; UsingTrack
// and UsingRoom name the sessions): moving them silently would change the
// public agenda's colours and filters, or leave a session unplaced. A
// speaker can be deleted while in sessions: they are taken off, the
// sessions stay, and the audit line names them.
//
// # Conflicts
//
// Check compares one session, as an organiser is about to save it, with the
// whole draft agenda (published or not: a draft clash becomes a public one
// the moment both are published). It reports:
//
//   - the end at or before the start (blocking, on the end time);
//   - times outside the conference days (blocking, on the day);
//   - the room booked for an overlapping session (blocking, on the room);
//   - a speaker in an overlapping session elsewhere (blocking, on the speakers);
//   - a sign-up limit above the room's seats (a warning: it saves).
//
// Room and speaker clashes block saving. An organiser who moves sessions
// around sees the clash beside the field and fixes it there, so the draft
// never gets a double booking through the form; a deliberate exception
// (one speaker opening two rooms by video, say) is rare enough to be
// handled by changing the other session first. Clashes that reach the data
// another way (an import, a conference whose dates changed) are still shown:
// Clashes marks them on the day × room grid.
//
// Intervals are half-open, [start, end): a session ending at 10:30 and one
// starting at 10:30 in the same room do not clash. Sessions without a room
// (breaks, lunch) never clash over a room.
//
// Checks that read the agenda run inside the write transaction that saves
// the session, so two organisers saving at once cannot both take a room.
package agenda
