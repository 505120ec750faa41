package i18n

import (
	"strconv"
	"time"
	"unicode"
	"unicode/utf8"

	"golang.org/x/text/message"
)

// Number writes n as this language groups digits: 1,500 / 1.500 / 1 500.
func (l *Locale) Number(n int) string {
	if n > -1000 && n < 1000 {
		return strconv.Itoa(n)
	}
	return message.NewPrinter(l.Tag).Sprint(n)
}

// Month is the month's name as it stands in a date: "February", "febrero".
func (l *Locale) Month(m time.Month) string {
	return l.T("date.month." + strconv.Itoa(int(m)))
}

// Weekday is the day's name as it stands in a date: "Thursday", "jueves".
func (l *Locale) Weekday(d time.Weekday) string {
	return l.T("date.weekday." + strconv.Itoa(int(d)))
}

// Date is a calendar day for people: "4 February 2027", "4 de febrero de 2027".
func (l *Locale) Date(t time.Time) string {
	return l.T("date.long", "Day", t.Day(), "Month", l.Month(t.Month()), "Year", t.Year())
}

// DayAndMonth is a day of the conference's year: "4 February", "4 de febrero".
func (l *Locale) DayAndMonth(t time.Time) string {
	return l.T("date.day_month", "Day", t.Day(), "Month", l.Month(t.Month()))
}

// WeekdayDate is Date with the day's name: "Thursday 4 February 2027",
// "jueves, 4 de febrero de 2027".
func (l *Locale) WeekdayDate(t time.Time) string {
	return l.T("date.weekday_long", "Weekday", l.Weekday(t.Weekday()), "Day", t.Day(),
		"Month", l.Month(t.Month()), "Year", t.Year())
}

// WeekdayDayMonth is a conference day as a heading names it: "Thursday 4
// February", "jueves, 4 de febrero".
func (l *Locale) WeekdayDayMonth(t time.Time) string {
	return l.T("date.weekday_day_month", "Weekday", l.Weekday(t.Weekday()), "Day", t.Day(),
		"Month", l.Month(t.Month()))
}

// Capitalized is s with its first letter upper case: a date that begins
// a heading or a line ("jueves, 4 de febrero" heads a day as "Jueves, 4
// de febrero"); within a sentence the date stays as the language writes it.
func Capitalized(s string) string {
	r, n := utf8.DecodeRuneInString(s)
	if r == utf8.RuneError {
		return s
	}
	return string(unicode.ToUpper(r)) + s[n:]
}

// Time is a clock time, 24-hour in every language offered: "09:30".
func (l *Locale) Time(t time.Time) string { return t.Format("15:04") }

// DateRange is a span of days for a heading: "4–6 February 2027",
// "4–6 de febrero de 2027", "30 March – 1 April 2027". Its times are
// read as calendar days; a zero start or end gives "".
func (l *Locale) DateRange(start, end time.Time) string {
	switch {
	case start.IsZero() || end.IsZero():
		return ""
	case start.Year() == end.Year() && start.YearDay() == end.YearDay():
		return l.Date(start)
	case start.Year() != end.Year():
		return l.T("date.range.years", "Start", l.Date(start), "End", l.Date(end))
	case start.Month() != end.Month():
		return l.T("date.range.months", "StartDay", start.Day(), "StartMonth", l.Month(start.Month()),
			"EndDay", end.Day(), "EndMonth", l.Month(end.Month()), "Year", end.Year())
	default:
		return l.T("date.range.days", "StartDay", start.Day(), "EndDay", end.Day(),
			"Month", l.Month(end.Month()), "Year", end.Year())
	}
}
