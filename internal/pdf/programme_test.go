package pdf

import (
	"bytes"
	"fmt"
	"strconv"
	"strings"
	"testing"

	"confdesk/internal/pdftest"
)

// longProgramme is one day with rows enough for several pages, each row's
// words marked with its number so the test can find where they landed.
func longProgramme() Programme {
	p := Programme{
		Name: "Caribbean Counter-Trafficking Conference", ShortName: "CTC Miami", Tagline: "Prevention, protection and prosecution",
		Dates: "15–17 March 2027", Venue: "Riverwalk Conference Centre", VenueAddress: "455 SE 3rd Avenue, Miami, FL 33131",
		City: "Miami, Florida", Organiser: "IOM", Supporter: "PRM", PartOf: "IOM Caribbean Regional Programme",
		Words:  testWords,
		Tracks: []ProgrammeTrack{{"Prevention", "#0f6b5c"}, {"Protection", "#1d4f91"}},
	}
	day := ProgrammeDay{Heading: "Monday 15 March 2027"}
	for i := range 40 {
		n := fmt.Sprintf("%02d", i)
		r := ProgrammeRow{Time: "09:00–10:30", Track: "Protection", TrackColour: "#1d4f91",
			Title: "Row" + n + " Identification, referral and care for survivors of trafficking", Kind: "Panel",
			Room: "Room" + n, Speakers: []string{"Spk" + n + "a Quiñones Beltrán (chair)", "Spk" + n + "b Étienne"}}
		if i%7 == 3 {
			r.Speakers = append(r.Speakers, "Spk"+n+"c Achong-Williams", "Spk"+n+"d Ramírez Peña", "Spk"+n+"e Ortiz")
		}
		if i == 5 {
			r.Title += " " + strings.Repeat("W", 70) // one word wider than its column
		}
		day.Rows = append(day.Rows, r)
	}
	p.Days = []ProgrammeDay{day, {Heading: "Tuesday 16 March 2027", Rows: []ProgrammeRow{{Time: "08:30–10:00", Title: "Day two"}}}}
	return p
}

func TestProgrammePages(t *testing.T) {
	var buf bytes.Buffer
	if err := WriteProgramme(&buf, longProgramme(), testMeta); err != nil {
		t.Fatal(err)
	}
	pdf := buf.Bytes()
	pages := pdftest.Pages(t, pdf)
	if pages < 4 {
		t.Fatalf("%d pages: the test needs a day that runs over several", pages)
	}
	words, sizes := pdftest.Words(t, pdf)
	onPage := map[int]string{}
	header := map[int]string{} // the words in the top 46 mm: heading and header row
	rowPage := map[string]int{}
	for _, w := range words {
		onPage[w.Page] += w.Text + " "
		if w.YMax < 46/25.4*72 {
			header[w.Page] += w.Text + " "
		}
		// Every word of a row (title, room, speakers) is on the row's page.
		for _, prefix := range []string{"Row", "Room", "Spk"} {
			if num, ok := strings.CutPrefix(w.Text, prefix); ok && len(num) >= 2 {
				row := num[:2]
				if p, seen := rowPage[row]; seen && p != w.Page {
					t.Errorf("row %s is split between pages %d and %d", row, p, w.Page)
				}
				rowPage[row] = w.Page
				// Nothing runs into the footer (279 mm from the top).
				if w.YMax > 279/25.4*72 {
					t.Errorf("%q on page %d reaches %.0f pt, into the footer", w.Text, w.Page, w.YMax)
				}
			}
		}
		// The long word is broken inside the session column (it ends at 131 mm).
		if strings.HasPrefix(w.Text, "WWW") && w.XMax > 131/25.4*72+1 {
			t.Errorf("the long word runs out of its column to %.0f pt", w.XMax)
		}
	}
	if len(rowPage) != 40 {
		t.Errorf("%d rows found", len(rowPage))
	}
	for p := 1; p <= pages; p++ {
		text := onPage[p]
		if !strings.Contains(text, "Page "+strconv.Itoa(p)+" of "+strconv.Itoa(pages)) {
			t.Errorf("page %d footer: %q", p, text)
		}
		if sizes[p-1].W < 595 || sizes[p-1].W > 596 {
			t.Errorf("page %d is not A4: %v", p, sizes[p-1])
		}
		if p == 1 {
			continue
		}
		// Each table page repeats the day's heading and the header row.
		for _, want := range []string{"Time", "Track", "Session", "Room", "Speakers", "March", "2027"} {
			if !strings.Contains(" "+header[p], " "+want+" ") {
				t.Errorf("page %d's head lacks %q: %s", p, want, header[p])
			}
		}
		if p > 2 && p < pages && !strings.Contains(text, "(continued)") {
			t.Errorf("page %d does not say the day continues", p)
		}
	}
	if !strings.Contains(onPage[pages], "Tuesday 16 March 2027") || strings.Contains(onPage[pages], "(continued)") {
		t.Error("the second day does not start its own page")
	}
	cover := onPage[1]
	for _, want := range []string{"Caribbean", "Riverwalk", "Miami time (America/New_York)", "IOM", "PRM", "Prevention", "Protection"} {
		if !strings.Contains(cover, want) {
			t.Errorf("the cover lacks %q", want)
		}
	}
	var again bytes.Buffer
	if err := WriteProgramme(&again, longProgramme(), testMeta); err != nil || !bytes.Equal(again.Bytes(), pdf) {
		t.Error("the same programme gives different bytes")
	}
}

// testWords are the programme's words as the English catalogue has them.
var testWords = ProgrammeWords{Programme: "Programme", Dates: "Dates", Venue: "Venue", City: "City", Times: "Times",
	Organiser: "Organiser", PartOf: "Part of", SupportedBy: "Supported by", Tracks: "Tracks",
	AllTimes: "All times are Miami time (America/New_York).", TimesAre: "Times are Miami time (America/New_York).",
	Time: "Time", Track: "Track", Session: "Session", Room: "Room", Speakers: "Speakers",
	NoSessions: "No sessions are published for this day yet.", Continued: "(continued)",
	Page: func(n int, total string) string { return "Page " + strconv.Itoa(n) + " of " + total }}
