package registration

import (
	"testing"
	"time"

	"confdesk/internal/model"
)

func TestWindowAt(t *testing.T) {
	opens := time.Date(2027, 1, 10, 14, 0, 0, 0, time.UTC)
	closes := time.Date(2027, 3, 1, 5, 0, 0, 0, time.UTC)
	c := model.Conference{Capacity: 10, RegistrationOpens: opens, RegistrationCloses: closes}
	some, full := 6, 10
	for _, tc := range []struct {
		name   string
		c      model.Conference
		active int
		now    time.Time
		want   Phase
		left   int
	}{
		{"before opening", c, some, opens.Add(-time.Second), NotYetOpen, 4},
		{"at opening", c, some, opens, Open, 4},
		{"full", c, full, opens.Add(time.Hour), Full, 0},
		{"at closing", c, some, closes, Closed, 4},
		{"closed beats full", c, full, closes.Add(time.Hour), Closed, 0},
		{"no window set", model.Conference{Capacity: 10}, 0, opens, Open, 10},
		{"over capacity never negative", model.Conference{Capacity: 5}, full, opens, Full, 0},
	} {
		t.Run(tc.name, func(t *testing.T) {
			w := WindowAt(tc.c, tc.active, tc.now)
			if w.Phase != tc.want || w.PlacesLeft != tc.left {
				t.Errorf("phase %v, places left %d; want %v, %d", w.Phase, w.PlacesLeft, tc.want, tc.left)
			}
			if w.Accepting() != (tc.want == Open || tc.want == Full) {
				t.Errorf("Accepting() = %v in phase %v", w.Accepting(), w.Phase)
			}
		})
	}
}
