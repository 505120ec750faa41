package pdf

import (
	"bytes"
	"strconv"
	"strings"
	"testing"

	"confdesk/internal/pdftest"
	"confdesk/internal/press"
)

var testLetterhead = Letterhead{Organiser: "IOM Regional Office for North America and the Caribbean",
	Programme: "IOM Caribbean Regional Programme", Conference: "Caribbean Counter-Trafficking Conference",
	URL: "http://confdesk.test/press"}

var testContacts = []MediaContact{
	{Name: "Niurka Piñeiro", Role: "Media and communications", Organisation: "IOM", Phone: "+1 202 862 1826 ext. 225",
		Mobile: "+1 410 487 4950", Email: "npineiro@iom.int", Languages: "English, Spanish"},
}

// flat is a document's text with its whitespace collapsed, so that wrapped lines read as one.
func flat(t *testing.T, doc []byte) string {
	t.Helper()
	return strings.Join(strings.Fields(pdftest.Text(t, doc)), " ")
}

func TestPressRelease(t *testing.T) {
	body := "Officials from **19 countries** meet in Miami.\n\n- raising awareness;\n- protecting victims.\n\n" +
		"<script>alert(1)</script>\n\n" + strings.Repeat("A long paragraph that fills the page. ", 200)
	r := Release{Letterhead: testLetterhead, Release: "For immediate release", Date: "15 March 2027",
		Dateline: "Miami, Florida", Title: "Caribbean governments meet in Miami", Summary: "Three days on trafficking.",
		Body: press.PlainBlocks(body), Contacts: testContacts}
	var buf bytes.Buffer
	if err := PressRelease(&buf, r, testMeta); err != nil {
		t.Fatal(err)
	}
	pages := pdftest.Pages(t, buf.Bytes())
	if pages < 2 {
		t.Fatalf("%d pages: the long body should break onto a second", pages)
	}
	text := flat(t, buf.Bytes())
	for _, want := range []string{
		"IOM Regional Office for North America and the Caribbean", "PRESS RELEASE", "FOR IMMEDIATE RELEASE",
		"Caribbean governments meet in Miami", "MIAMI, FLORIDA, 15 March 2027 – Officials from 19 countries meet in Miami.",
		"• raising awareness;", "• protecting victims.", "– ENDS –", "For more information", "Niurka Piñeiro",
		"Mobile +1 410 487 4950", "E-mail npineiro@iom.int", "Languages: English, Spanish",
		"Page 1 of " + strconv.Itoa(pages), "Page " + strconv.Itoa(pages) + " of " + strconv.Itoa(pages),
	} {
		if !strings.Contains(text, want) {
			t.Errorf("%q missing from the release:\n%s", want, text)
		}
	}
	for _, never := range []string{"**", "<script", "alert(1)"} {
		if strings.Contains(text, never) {
			t.Errorf("%q printed", never)
		}
	}
	var again bytes.Buffer
	if err := PressRelease(&again, r, testMeta); err != nil || !bytes.Equal(buf.Bytes(), again.Bytes()) {
		t.Error("the same release gave different bytes")
	}
}

func TestFactSheet(t *testing.T) {
	s := FactSheet{Letterhead: testLetterhead, Name: "Caribbean Counter-Trafficking Conference",
		Tagline: "Prevention, protection and prosecution", Dates: "15–17 March 2027",
		Venue: "Riverwalk Conference Centre, Miami", Organiser: "IOM", Supporter: "PRM",
		Figures: []Figure{{"75+", "participants"}, {"19", "Caribbean countries"},
			{"1,200+", "government and NGO stakeholders trained since 2003"}, {"54", "victims assisted"}},
		Tracks:   []FactTrack{{"Prevention", "#1b7f5a", "Awareness and institutions."}, {"Protection", "#bad", "Care for victims."}},
		Contacts: testContacts}
	var buf bytes.Buffer
	if err := FactSheetPDF(&buf, s, testMeta); err != nil {
		t.Fatal(err)
	}
	text := flat(t, buf.Bytes())
	for _, want := range []string{"FACT SHEET", "Caribbean Counter-Trafficking Conference", "When 15–17 March 2027",
		"Organised by IOM", "With support from PRM", "Key figures", "75+", "participants", "1,200+",
		"government and NGO stakeholders trained since 2003", "The programme", "Prevention", "Awareness and institutions.",
		"Media contacts", "Niurka Piñeiro", "Page 1 of 1"} {
		if !strings.Contains(text, want) {
			t.Errorf("%q missing from the fact sheet:\n%s", want, text)
		}
	}
}
