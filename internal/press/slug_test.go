package press

import (
	"strings"
	"testing"
)

func TestSlugify(t *testing.T) {
	for title, want := range map[string]string{
		"Caribbean governments meet in Miami":      "caribbean-governments-meet-in-miami",
		"Niurka Piñeiro joins the team":            "niurka-pineiro-joins-the-team",
		"  Ça va? Élan, Ñandú & São Tomé!  ":       "ca-va-elan-nandu-sao-tome",
		"Straße und Øresund":                       "strasse-und-oresund",
		"2027: 19 countries -- one region":         "2027-19-countries-one-region",
		"Trafficking in persons/Trata de personas": "trafficking-in-persons-trata-de-personas",
		"!!!": "",
		"日本語": "",
		"Press release #3 — Day two (Tuesday 16 March)": "press-release-3-day-two-tuesday-16-march",
	} {
		got := Slugify(title)
		if got != want {
			t.Errorf("Slugify(%q) = %q, want %q", title, got, want)
		}
		if got != "" && !ValidSlug(got) {
			t.Errorf("Slugify(%q) = %q is not a valid slug", title, got)
		}
	}
}

func TestSlugifyLongTitle(t *testing.T) {
	title := strings.Repeat("counter trafficking ", 10)
	got := Slugify(title)
	if len(got) > MaxSlugLength || !ValidSlug(got) || !strings.HasPrefix(got, "counter-trafficking-counter") {
		t.Errorf("Slugify(long) = %q (%d bytes)", got, len(got))
	}
	if strings.HasSuffix(got, "-counter-traf") || strings.HasSuffix(got, "-") {
		t.Errorf("cut inside a word: %q", got)
	}
	n := NumberedSlug(got, 12)
	if len(n) > MaxSlugLength || !ValidSlug(n) || !strings.HasSuffix(n, "-12") {
		t.Errorf("NumberedSlug = %q (%d bytes)", n, len(n))
	}
	if got := NumberedSlug("conference-opens", 2); got != "conference-opens-2" {
		t.Errorf("NumberedSlug = %q", got)
	}
}

func TestValidSlug(t *testing.T) {
	for s, want := range map[string]bool{
		"conference-opens-in-miami": true,
		"a":                         true,
		"2027":                      true,
		"":                          false,
		"-a":                        false,
		"a-":                        false,
		"a--b":                      false,
		"A-b":                       false,
		"a_b":                       false,
		"piñeiro":                   false,
		"../etc":                    false,
		strings.Repeat("a", 80):     true,
		strings.Repeat("a", 81):     false,
	} {
		if got := ValidSlug(s); got != want {
			t.Errorf("ValidSlug(%q) = %v, want %v", s, got, want)
		}
	}
}
