package vcard

import (
	"bytes"
	"reflect"
	"strings"
	"testing"

	govcard "github.com/emersion/go-vcard"

	"confdesk/internal/vcard/vcardtest"
)

func TestEscape(t *testing.T) {
	for in, want := range map[string]string{
		"plain":                  "plain",
		`back\slash`:             `back\\slash`,
		"a, b; c":                `a\, b\; c`,
		"two\nlines\r\nthree":    `two\nlines\nthree`,
		"bell\x07 and tab\there": "bell and tabhere",
		"Niurka Piñeiro":         "Niurka Piñeiro",
	} {
		if got := Escape(in); got != want {
			t.Errorf("Escape(%q) = %q, want %q", in, got, want)
		}
	}
}

func TestFold(t *testing.T) {
	short := strings.Repeat("a", 75)
	if Fold(short) != short {
		t.Error("a 75-octet line was folded")
	}
	// 2-octet "ñ" from octet 74 on: no cut may fall inside one.
	line := "NOTE:" + strings.Repeat("x", 68) + strings.Repeat("ñ", 100)
	folded := Fold(line)
	physical := strings.Split(folded, "\r\n")
	for i, p := range physical {
		if len(p) > 75 {
			t.Errorf("line %d is %d octets", i, len(p))
		}
		if i > 0 && !strings.HasPrefix(p, " ") {
			t.Errorf("continuation %d does not start with a space", i)
		}
		if !strings.HasPrefix(strings.TrimPrefix(p, " "), "ñ") && i > 0 {
			t.Errorf("line %d starts mid-character: %q", i, p[:3])
		}
	}
	if unfolded := strings.ReplaceAll(folded, "\r\n ", ""); unfolded != line {
		t.Error("unfolding does not give the line back")
	}
}

func TestLanguages(t *testing.T) {
	for _, c := range []struct {
		in   string
		tags []string
		all  bool
	}{
		{"English", []string{"en"}, true},
		{"English, Spanish", []string{"en", "es"}, true},
		{"English and French; Kreyòl", []string{"en", "fr", "ht"}, true},
		{"en / es-419", []string{"en", "es-419"}, true},
		{"English, Klingon", []string{"en"}, false},
		{"English, english", []string{"en"}, true},
		{"", nil, true},
	} {
		tags, all := Languages(c.in)
		if !reflect.DeepEqual(tags, c.tags) || all != c.all {
			t.Errorf("Languages(%q) = %v %v, want %v %v", c.in, tags, all, c.tags, c.all)
		}
	}
}

func TestWriteRoundTrips(t *testing.T) {
	cards := []Card{
		{UID: "urn:uuid:0b3c8f5e-0000-5000-8000-000000000001", Name: "Niurka Piñeiro", Organisation: "IOM; Regional Office",
			Title: "Media and communications", WorkPhone: "+1 202 862 1826 ext. 225", Mobile: "+1 410 487 4950",
			Email: "npineiro@iom.int", Languages: []string{"en", "es"},
			Note: "Media contact, Caribbean Counter-Trafficking Conference.\nSpeaks English, Spanish — " + strings.Repeat("ñ", 60)},
		{Name: "Cher"},
		{Name: "  "}, // no name: left out
	}
	var buf bytes.Buffer
	if err := Write(&buf, cards); err != nil {
		t.Fatal(err)
	}
	got := vcardtest.Parse(t, buf.Bytes())
	if len(got) != 2 {
		t.Fatalf("%d cards, want 2", len(got))
	}
	c := got[0]
	one := func(name string) vcardtest.Property {
		ps := c.Get(name)
		if len(ps) != 1 {
			t.Fatalf("%d %s, want 1", len(ps), name)
		}
		return ps[0]
	}
	if v := vcardtest.Text(t, one("FN").Value); v != "Niurka Piñeiro" {
		t.Errorf("FN %q", v)
	}
	if v := vcardtest.Components(t, one("N").Value); !reflect.DeepEqual(v, []string{"Piñeiro", "Niurka", "", "", ""}) {
		t.Errorf("N %q", v)
	}
	if v := vcardtest.Components(t, one("ORG").Value); !reflect.DeepEqual(v, []string{"IOM; Regional Office"}) {
		t.Errorf("ORG %q", v)
	}
	if v := vcardtest.Text(t, one("NOTE").Value); v != cards[0].Note {
		t.Errorf("NOTE %q", v)
	}
	tels := c.Get("TEL")
	if len(tels) != 2 || tels[0].Params["TYPE"][0] != "work" || tels[1].Params["TYPE"][0] != "cell" ||
		vcardtest.Text(t, tels[1].Value) != "+1 410 487 4950" {
		t.Errorf("TEL %+v", tels)
	}
	langs := c.Get("LANG")
	if len(langs) != 2 || langs[0].Value != "en" || langs[0].Params["PREF"][0] != "1" || langs[1].Value != "es" {
		t.Errorf("LANG %+v", langs)
	}
	if v := vcardtest.Components(t, got[1].Get("N")[0].Value); v[0] != "Cher" {
		t.Errorf("one-word name: N %q", v)
	}

	// A widely used reader agrees.
	dec := govcard.NewDecoder(bytes.NewReader(buf.Bytes()))
	card, err := dec.Decode()
	if err != nil {
		t.Fatal(err)
	}
	if card.PreferredValue(govcard.FieldFormattedName) != "Niurka Piñeiro" || card.Name().FamilyName != "Piñeiro" ||
		card.Value(govcard.FieldEmail) != "npineiro@iom.int" || card.Value(govcard.FieldVersion) != "4.0" {
		t.Errorf("go-vcard read %v", card)
	}
}
