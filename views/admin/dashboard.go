package admin

import (
	"strconv"

	"confdesk/internal/model"
	"confdesk/internal/registration"
	"confdesk/internal/store"
)

// Dashboard is what the organisers' overview shows.
type Dashboard struct {
	Window       registration.Window
	ByStatus     map[string]int
	ByCategory   map[string]map[string]int
	TopCountries []CountryRow
	PerDay       []DayBar
	MailQueued   int
	MailFailed   int
	SMTP         bool // whether mail is being sent
	// Unconfirmed counts public registrations whose address is not
	// confirmed yet (they hold no place and expire after 48 hours).
	Unconfirmed int
	// ConfirmEmail is the conference's setting; off, the page says so.
	ConfirmEmail bool
	// Require2FA is the conference's setting; off, the page says so.
	Require2FA bool
	// LettersWaiting counts confirmed registrations whose visa letter
	// awaits approval.
	LettersWaiting int
	// Erasures are the participants' open requests for erasure.
	Erasures []store.ErasureRequest
	// Delegations are the countries with a quota or a focal point; none,
	// no table.
	Delegations []registration.CountryDelegation
}

// CountryRow is one line of the top-countries table.
type CountryRow struct {
	Code, Name string
	Count      int
}

// DayBar is one day of the registrations chart.
type DayBar struct {
	Day   string // YYYY-MM-DD
	Label string // "15 Jan"
	Count int
}

// chart geometry, in SVG user units.
const (
	chartWidth  = 640
	chartHeight = 160
	chartBottom = 140 // baseline; labels below
)

// chartMax is the largest daily count, at least 1.
func (d Dashboard) chartMax() int {
	m := 1
	for _, b := range d.PerDay {
		m = max(m, b.Count)
	}
	return m
}

func (d Dashboard) barWidth() float64 { return float64(chartWidth) / float64(max(1, len(d.PerDay))) }

func (d Dashboard) barX(i int) string { return ftoa(float64(i)*d.barWidth() + 1) }

func (d Dashboard) barW() string { return ftoa(max(1, d.barWidth()-2)) }

func (d Dashboard) barHeight(n int) float64 {
	return float64(n) / float64(d.chartMax()) * float64(chartBottom-10)
}

func (d Dashboard) barY(n int) string { return ftoa(float64(chartBottom) - d.barHeight(n)) }

func (d Dashboard) barH(n int) string { return ftoa(d.barHeight(n)) }

// total is the chart's sum, for its description.
func (d Dashboard) total() int {
	n := 0
	for _, b := range d.PerDay {
		n += b.Count
	}
	return n
}

func ftoa(f float64) string { return strconv.FormatFloat(f, 'f', 1, 64) }

func itoa(n int) string { return strconv.Itoa(n) }

// Label names a registration status or category for organisers.
func Label(s string) string {
	switch s {
	case model.StatusWaitlisted:
		return "Waiting list"
	case "":
		return ""
	}
	return string(s[0]-'a'+'A') + s[1:]
}
