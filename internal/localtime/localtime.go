// Package localtime reads wall-clock times typed in the conference's time
// zone. It is the one place for the rule that a time the clocks skip
// (02:30 on the night summer time starts) is refused rather than silently
// moved an hour: the session form, the settings' registration window and
// the time-zone change all use it.
//
// A time that happens twice (the hour repeated when the clocks go back) is
// taken as Go's time.Date takes it — its first occurrence, in summer time —
// the same way everywhere; the forms do not ask which of the two was meant,
// since a conference session at 01:30 on that night is unheard of.
package localtime

import (
	"errors"
	"time"
)

// ErrSkipped is the error for a wall-clock time that does not exist in the
// zone on that day, because the clocks go forward over it.
var ErrSkipped = errors.New("localtime: the clocks go forward over this time")

// Date is time.Date in loc, with ok false when loc has no such wall-clock
// time on that day (time.Date would move it by the size of the gap).
func Date(year int, month time.Month, day, hour, min int, loc *time.Location) (t time.Time, ok bool) {
	t = time.Date(year, month, day, hour, min, 0, 0, loc)
	y, mo, d := t.Date()
	return t, y == year && mo == month && d == day && t.Hour() == hour && t.Minute() == min
}

// Parse reads value, laid out as layout (minutes at most), as a wall-clock
// time in loc. A time loc skips gives ErrSkipped; bad syntax gives
// time.Parse's error.
func Parse(layout, value string, loc *time.Location) (time.Time, error) {
	w, err := time.Parse(layout, value)
	if err != nil {
		return time.Time{}, err
	}
	t, ok := Date(w.Year(), w.Month(), w.Day(), w.Hour(), w.Minute(), loc)
	if !ok {
		return time.Time{}, ErrSkipped
	}
	return t, nil
}

// Move gives the instant that shows, in to, the wall-clock time that t
// shows in from: what a programme keeps when its time zone changes. ok is
// false when to skips that wall-clock time.
func Move(t time.Time, from, to *time.Location) (time.Time, bool) {
	w := t.In(from)
	return Date(w.Year(), w.Month(), w.Day(), w.Hour(), w.Minute(), to)
}
