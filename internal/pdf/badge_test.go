package pdf

import (
	"bytes"
	"fmt"
	"slices"
	"strings"
	"testing"
	"time"

	"confdesk/internal/pdftest"
)

var (
	testHeader = BadgeHeader{ShortName: "CTC Miami", Dates: "15–17 March 2027"}
	testMeta   = Meta{Title: "Badges", Author: "IOM", Created: time.Date(2027, 1, 15, 12, 0, 0, 0, time.UTC)}
)

// hardBadges are names that must print exactly (accents, Vietnamese, long
// double-barrelled names), and the longest text a badge must hold.
func hardBadges() []Badge {
	return []Badge{
		{Name: "Désirée Piñeiro-Nguyễn", Organisation: "Ministry of National Security", Country: "Trinidad and Tobago",
			Category: "participant", HeadOfDelegation: true, Reference: "CTC-ABC234", CheckinCode: "ABCDEFGHJKMNPQRS"},
		{Name: "Łukasz Żółć", Organisation: "OAS", Country: "Jamaica", Category: "speaker", Reference: "CTC-XYZ789", CheckinCode: "XYZXYZXYZXYZXYZ2"},
		{Name: "Anouk van der Berg-Ångström", Organisation: "UNHCR", Country: "Curaçao", Category: "press", Reference: "CTC-PQR345", CheckinCode: "PQRPQRPQRPQRPQR3"},
		{Name: strings.Repeat("Abcdefghij ", 5) + "Abcde", Organisation: strings.Repeat("Organisation ", 9) + "Abcdefghij",
			Country: "Saint Vincent and the Grenadines", Category: "staff", Reference: "CTC-LNG456", CheckinCode: "LONGLONGLONGLONG"},
	}
}

func render(t *testing.T, layout Layout, badges []Badge) []byte {
	t.Helper()
	var buf bytes.Buffer
	if _, err := Badges(&buf, layout, testHeader, badges, testMeta); err != nil {
		t.Fatal(err)
	}
	return buf.Bytes()
}

func TestBadgeTextPrintsNamesExactly(t *testing.T) {
	for _, layout := range Layouts {
		t.Run(string(layout), func(t *testing.T) {
			text := strings.Join(strings.Fields(pdftest.Text(t, render(t, layout, hardBadges()))), " ")
			for _, want := range []string{"Désirée Piñeiro-Nguyễn", "Łukasz Żółć", "Anouk van der Berg-Ångström", "Curaçao",
				"PARTICIPANT", "SPEAKER", "PRESS", "STAFF", "Head of delegation", "CTC-ABC234", "CTC Miami", "15–17 March 2027"} {
				if !strings.Contains(text, want) {
					t.Errorf("%q missing from the text:\n%s", want, text)
				}
			}
		})
	}
}

func TestBadgeQRDecodesToTheCheckinCode(t *testing.T) {
	badges := hardBadges()
	layouts := Layouts
	if testing.Short() {
		layouts = layouts[:1] // decoding takes seconds a layout; make test decodes every one
	}
	for _, layout := range layouts {
		t.Run(string(layout), func(t *testing.T) {
			pages := pdftest.QRCodes(t, render(t, layout, badges))
			var got []string
			for _, p := range pages {
				got = append(got, p...)
			}
			want := map[string]bool{}
			for _, b := range badges {
				want[b.CheckinCode] = true
			}
			// A folded badge carries its code on both faces.
			faces := 1
			if sheets[layout].backs != nil {
				faces = 2
			}
			if len(got) != faces*len(badges) {
				t.Fatalf("decoded %d codes %v, want %d", len(got), got, faces*len(badges))
			}
			for _, c := range got {
				if !want[c] {
					t.Errorf("decoded %q, which is no badge's check-in code", c)
				}
			}
		})
	}
}

func TestBadgePageCounts(t *testing.T) {
	nine := make([]Badge, 9)
	for i := range nine {
		nine[i] = Badge{Name: fmt.Sprintf("Person %d", i), Organisation: "Org", Country: "Jamaica", Category: "participant",
			Reference: fmt.Sprintf("CTC-AAA%03d", i), CheckinCode: fmt.Sprintf("CODE%012d", i)}
	}
	for layout, want := range map[Layout]int{LayoutA4x4: 3, LayoutA6: 9, LayoutLetter6: 2, LayoutCR80: 9, LayoutRoll54x90: 9, LayoutFoldA4: 9} {
		if got := pdftest.Pages(t, render(t, layout, nine)); got != want {
			t.Errorf("%s: %d pages for 9 badges, want %d", layout, got, want)
		}
	}
}

// TestLongTextStaysInsideTheBadge checks every word's box against the
// badge it belongs to: a 60-character name and a 120-character
// organisation shrink and wrap, and are never cut or spill over.
func TestLongTextStaysInsideTheBadge(t *testing.T) {
	long := hardBadges()[3]
	if n := len([]rune(long.Name)); n != 60 {
		t.Fatalf("test name has %d characters", n)
	}
	if n := len([]rune(long.Organisation)); n < 120 {
		t.Fatalf("test organisation has %d characters", n)
	}
	const mmToPt = 72 / 25.4
	for _, layout := range Layouts {
		t.Run(string(layout), func(t *testing.T) {
			sh := sheets[layout]
			badges := []Badge{long, long, long, long}
			words, _ := pdftest.Words(t, render(t, layout, badges))
			if len(words) == 0 {
				t.Fatal("no words")
			}
			text := ""
			for _, w := range words {
				text += w.Text + " "
				inside := false
				// A word belongs to a badge's face: on a folded sheet
				// its back is a face too.
				for _, p := range append(slices.Clone(sh.positions), sh.backs...) {
					x0, y0 := p.x*mmToPt, p.y*mmToPt
					x1, y1 := (p.x+sh.badgeW)*mmToPt, (p.y+sh.badgeH)*mmToPt
					if w.XMin >= x0-0.5 && w.XMax <= x1+0.5 && w.YMin >= y0-0.5 && w.YMax <= y1+0.5 {
						inside = true
					}
				}
				if !inside {
					t.Errorf("%q at (%.1f,%.1f)-(%.1f,%.1f) crosses a badge's edge", w.Text, w.XMin, w.YMin, w.XMax, w.YMax)
				}
			}
			for _, word := range strings.Fields(long.Name + " " + long.Organisation) {
				if !strings.Contains(text, word) {
					t.Errorf("%q was cut", word)
				}
			}
		})
	}
}

func TestBadgeOutputIsDeterministicAndLabelled(t *testing.T) {
	a := render(t, LayoutA4x4, hardBadges())
	b := render(t, LayoutA4x4, hardBadges())
	if !bytes.Equal(a, b) {
		t.Error("the same badges gave different bytes")
	}
	info := pdftest.Info(t, a)
	if info["Title"] != "Badges" || info["Author"] != "IOM" || info["Creator"] != "confdesk" {
		t.Errorf("metadata %v", info)
	}
}

func TestUnknownLayout(t *testing.T) {
	var buf bytes.Buffer
	if _, err := Badges(&buf, "a3-16", testHeader, hardBadges(), testMeta); err == nil {
		t.Error("unknown layout accepted")
	}
}

// The stream of QR codes hands each badge its own code, whichever encoder
// finished first, and says which content could not be encoded.
func TestEncodeStreamGivesEachBadgeItsCode(t *testing.T) {
	contents := []string{"AAAA", strings.Repeat("X", 5000), "BBBBBBBB", "CCCCCCCCCCCCCCCCCCCC", "D"}
	s := encodeStream(contents)
	defer s.close()
	for i, c := range contents {
		got, err := s.get(i)
		want, wantErr := encodeQR(c)
		if (err != nil) != (wantErr != nil) {
			t.Fatalf("%d: err = %v, want %v", i, err, wantErr)
		}
		if fmt.Sprint(got) != fmt.Sprint(want) {
			t.Errorf("%d: the stream's code differs from encodeQR(%q)", i, c)
		}
	}
}

// The country has its own line under the organisation, centred like it,
// then the head of delegation; nothing stands beside the QR code.
func TestBadgeCountryUnderOrganisation(t *testing.T) {
	for _, layout := range []Layout{LayoutA6, LayoutA4x4, LayoutRoll54x90} {
		t.Run(string(layout), func(t *testing.T) {
			pdf := render(t, layout, hardBadges()[:1])
			lines := pdftest.Lines(t, pdf)[0]
			at := func(s string) int {
				for i, l := range lines {
					if l == s {
						return i
					}
				}
				t.Fatalf("no line %q in %q", s, lines)
				return -1
			}
			org, ctry, hod, ref := at("Ministry of National Security"), at("Trinidad and Tobago"), at("Head of delegation"), at("CTC-ABC234")
			if !(org < ctry && ctry == org+1 && hod == ctry+1 && hod < ref) {
				t.Errorf("lines in order %q: want organisation, country, head of delegation, then the reference", lines)
			}
			words, _ := pdftest.Words(t, pdf)
			var orgMid, ctryMid []float64
			for _, w := range words {
				switch w.Text {
				case "Ministry", "Security":
					orgMid = append(orgMid, w.XMin, w.XMax)
				case "Trinidad", "Tobago":
					ctryMid = append(ctryMid, w.XMin, w.XMax)
				}
			}
			// Centre of each line: mean of its first word's left and last word's right edge.
			oc, cc := (orgMid[0]+orgMid[len(orgMid)-1])/2, (ctryMid[0]+ctryMid[len(ctryMid)-1])/2
			if d := oc - cc; d > 3 || d < -3 {
				t.Errorf("the country is centred at %.0f pt, the organisation at %.0f pt: not on a line of its own under it", cc, oc)
			}
		})
	}
}
