package localtime

import (
	"errors"
	"testing"
	"time"
)

func TestParse(t *testing.T) {
	ny, err := time.LoadLocation("America/New_York")
	if err != nil {
		t.Fatal(err)
	}
	const layout = "2006-01-02T15:04"
	for _, tc := range []struct {
		in   string
		want time.Time // zero: refused
		skip bool
	}{
		{"2027-03-14T01:59", time.Date(2027, 3, 14, 6, 59, 0, 0, time.UTC), false},
		{"2027-03-14T02:00", time.Time{}, true},
		{"2027-03-14T02:30", time.Time{}, true},
		{"2027-03-14T03:00", time.Date(2027, 3, 14, 7, 0, 0, 0, time.UTC), false},
		// Clocks go back: 01:30 happens twice; time.Date's choice, whichever it is, is kept.
		{"2027-11-07T01:30", time.Date(2027, 11, 7, 1, 30, 0, 0, ny), false},
	} {
		got, err := Parse(layout, tc.in, ny)
		switch {
		case tc.skip && !errors.Is(err, ErrSkipped):
			t.Errorf("%s: %v, %v; want ErrSkipped", tc.in, got, err)
		case !tc.skip && (err != nil || !got.Equal(tc.want)):
			t.Errorf("%s: %v, %v; want %v", tc.in, got, err, tc.want)
		}
	}
	if _, err := Parse(layout, "2027-03-14 09:00", ny); err == nil || errors.Is(err, ErrSkipped) {
		t.Errorf("bad syntax: %v", err)
	}
}

func TestMove(t *testing.T) {
	ny, _ := time.LoadLocation("America/New_York")
	pr, _ := time.LoadLocation("America/Puerto_Rico")
	nine := time.Date(2027, 3, 15, 9, 0, 0, 0, ny)
	got, ok := Move(nine, ny, pr)
	if !ok || got.In(pr).Hour() != 9 || got.Sub(nine) != 0 {
		// 15 March: New York is on EDT (-4), Puerto Rico on AST (-4): the same instant.
		t.Errorf("09:00 New York to Puerto Rico: %v %v", got, ok)
	}
	utc := time.Date(2027, 3, 14, 2, 30, 0, 0, time.UTC)
	if _, ok := Move(utc, time.UTC, ny); ok {
		t.Error("02:30 on 14 March moved into New York, where it does not exist")
	}
}
