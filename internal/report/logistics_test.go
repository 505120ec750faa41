package report

import (
	"fmt"
	"testing"

	"confdesk/internal/model"
)

func TestGroupNeedsIgnoresCaseAndSpacing(t *testing.T) {
	got := groupNeeds([]string{"Vegetarian", "  vegetarian ", "", "Gluten  free", "gluten free", "VEGETARIAN", " "}, "none")
	want := "[{vegetarian Vegetarian 3} {gluten free Gluten free 2} {none none 2}]"
	if fmt.Sprint(got) != want {
		t.Errorf("groupNeeds = %v, want %s", got, want)
	}
	if got := groupNeeds([]string{"", "Ramp"}, ""); fmt.Sprint(got) != "[{ramp Ramp 1}]" {
		t.Errorf("access needs = %v: a blank one is no requirement", got)
	}
}

func TestIsMeal(t *testing.T) {
	for _, c := range []struct {
		s    model.Session
		want bool
	}{
		{model.Session{Kind: model.KindBreak, Title: "Coffee break", Published: true}, true},
		{model.Session{Kind: model.KindReception, Title: "Welcome reception", Published: true}, true},
		{model.Session{Kind: model.KindPanel, Title: "Working lunch: data sharing", Published: true}, true},
		{model.Session{Kind: model.KindPlenary, Title: "Ministerial breakfast", Published: true}, true},
		{model.Session{Kind: model.KindPanel, Title: "Lunchtime talks", Published: true}, false}, // a word, not a part of one
		{model.Session{Kind: model.KindPanel, Title: "Closing plenary", Published: true}, false},
		{model.Session{Kind: model.KindBreak, Title: "Lunch"}, false}, // not published
	} {
		if got := IsMeal(c.s); got != c.want {
			t.Errorf("IsMeal(%s %q) = %v", c.s.Kind, c.s.Title, got)
		}
	}
}

func TestCents(t *testing.T) {
	for c, want := range map[int64]string{0: "0.00", 5: "0.05", 12000: "120.00", 84050: "840.50", -150: "-1.50"} {
		if got := Cents(c); got != want {
			t.Errorf("Cents(%d) = %q, want %q", c, got, want)
		}
	}
}

func TestNightLine(t *testing.T) {
	for _, c := range []struct {
		n          NightLine
		over, free int
		risk       bool
	}{
		{NightLine{Confirmed: 3, Awaiting: 0, Block: 3}, 0, 0, false},
		{NightLine{Confirmed: 2, Awaiting: 2, Block: 3}, 0, 1, true},
		{NightLine{Confirmed: 5, Awaiting: 1, Block: 3}, 2, -2, false},
	} {
		if c.n.Over() != c.over || c.n.Free() != c.free || c.n.AtRisk() != c.risk {
			t.Errorf("%+v: over %d free %d risk %v", c.n, c.n.Over(), c.n.Free(), c.n.AtRisk())
		}
	}
	if got := dateRange("2027-02-27", "2027-03-02"); fmt.Sprint(got) != "[2027-02-27 2027-02-28 2027-03-01 2027-03-02]" {
		t.Errorf("dateRange = %v", got)
	}
}
