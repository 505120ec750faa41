package country

import (
	"slices"
	"strings"
	"testing"

	"golang.org/x/text/collate"
	"golang.org/x/text/language"
)

// caribbeanCodes is the expected Caribbean set (CARICOM members and the
// territories of the Caribbean), kept independent of the data table.
var caribbeanCodes = []string{
	"AG", // Antigua and Barbuda
	"AI", // Anguilla
	"AW", // Aruba
	"BB", // Barbados
	"BL", // Saint Barthélemy
	"BQ", // Bonaire, Sint Eustatius and Saba
	"BS", // Bahamas
	"BZ", // Belize
	"CU", // Cuba
	"CW", // Curaçao
	"DM", // Dominica
	"DO", // Dominican Republic
	"GD", // Grenada
	"GP", // Guadeloupe
	"GY", // Guyana
	"HT", // Haiti
	"JM", // Jamaica
	"KN", // Saint Kitts and Nevis
	"KY", // Cayman Islands
	"LC", // Saint Lucia
	"MF", // Saint Martin (French part)
	"MQ", // Martinique
	"MS", // Montserrat
	"PR", // Puerto Rico
	"SR", // Suriname
	"SX", // Sint Maarten (Dutch part)
	"TC", // Turks and Caicos Islands
	"TT", // Trinidad and Tobago
	"VC", // Saint Vincent and the Grenadines
	"VG", // British Virgin Islands
	"VI", // U.S. Virgin Islands
}

func TestTable(t *testing.T) {
	if got := len(table); got != 249 {
		t.Errorf("len(table) = %d, want 249", got)
	}
	if got := len(All()); got != len(table) {
		t.Errorf("len(All()) = %d, want %d", got, len(table))
	}
	codes := map[string]bool{}
	names := map[string]bool{}
	for _, c := range table {
		if len(c.Code) != 2 || c.Code[0] < 'A' || c.Code[0] > 'Z' || c.Code[1] < 'A' || c.Code[1] > 'Z' {
			t.Errorf("%q: code is not two upper-case ASCII letters", c.Code)
		}
		if codes[c.Code] {
			t.Errorf("%q: duplicate code", c.Code)
		}
		codes[c.Code] = true
		if strings.TrimSpace(c.Name) == "" || c.Name != strings.TrimSpace(c.Name) {
			t.Errorf("%q: bad name %q", c.Code, c.Name)
		}
		if names[c.Name] {
			t.Errorf("%q: duplicate name %q", c.Code, c.Name)
		}
		names[c.Name] = true
		// Cross-check against CLDR's region data: every code must be a
		// canonical country code, which catches typos and retired codes
		// such as "UK", "AN" or "YU".
		r, err := language.ParseRegion(c.Code)
		if err != nil || !r.IsCountry() || r.String() != c.Code {
			t.Errorf("%q: not a current ISO 3166-1 country code (%v)", c.Code, err)
		}
	}
	if !slices.IsSortedFunc(table, func(a, b Country) int { return strings.Compare(a.Code, b.Code) }) {
		t.Error("table is not in code order")
	}
}

func TestLookup(t *testing.T) {
	tests := []struct {
		code      string
		ok        bool
		name      string
		caribbean bool
	}{
		{"TT", true, "Trinidad and Tobago", true},
		{" tt ", true, "Trinidad and Tobago", true},
		{"tT\n", true, "Trinidad and Tobago", true},
		{"CW", true, "Curaçao", true},
		{"BS", true, "Bahamas", true},
		{"BZ", true, "Belize", true},
		{"GY", true, "Guyana", true},
		{"SR", true, "Suriname", true},
		{"SX", true, "Sint Maarten (Dutch part)", true},
		{"MF", true, "Saint Martin (French part)", true},
		{"BL", true, "Saint Barthélemy", true},
		{"BQ", true, "Bonaire, Sint Eustatius and Saba", true},
		{"VG", true, "British Virgin Islands", true},
		{"VI", true, "U.S. Virgin Islands", true},
		{"PR", true, "Puerto Rico", true},
		{"US", true, "United States", false},
		{"GB", true, "United Kingdom", false},
		{"NL", true, "Netherlands", false},
		{"BO", true, "Bolivia", false},
		{"CI", true, "Côte d'Ivoire", false},
		{"RE", true, "Réunion", false},
		{"AX", true, "Åland Islands", false},
		{"TR", true, "Türkiye", false},
		{"KR", true, "South Korea", false},
		{"VE", true, "Venezuela", false},
		{"MX", true, "Mexico", false},
		{"BM", true, "Bermuda", false},
		{"XX", false, "", false},
		{"UK", false, "", false},
		{"", false, "", false},
		{"   ", false, "", false},
		{"T", false, "", false},
		{"TTO", false, "", false},
		{"T T", false, "", false},
	}
	for _, tt := range tests {
		c, ok := Lookup(tt.code)
		if ok != tt.ok || c.Name != tt.name || c.Caribbean != tt.caribbean {
			t.Errorf("Lookup(%q) = %+v, %v; want name %q, caribbean %v, ok %v",
				tt.code, c, ok, tt.name, tt.caribbean, tt.ok)
		}
		if ok && c.Code != strings.ToUpper(strings.TrimSpace(tt.code)) {
			t.Errorf("Lookup(%q).Code = %q", tt.code, c.Code)
		}
		if got := Name(tt.code); got != tt.name {
			t.Errorf("Name(%q) = %q, want %q", tt.code, got, tt.name)
		}
		if got := Valid(tt.code); got != tt.ok {
			t.Errorf("Valid(%q) = %v, want %v", tt.code, got, tt.ok)
		}
	}
}

func TestCaribbean(t *testing.T) {
	if len(caribbeanCodes) != 31 {
		t.Fatalf("test list has %d codes, want 31", len(caribbeanCodes))
	}
	var got []string
	for _, c := range Caribbean() {
		if !c.Caribbean {
			t.Errorf("Caribbean() contains %s with Caribbean=false", c.Code)
		}
		got = append(got, c.Code)
	}
	slices.Sort(got)
	if !slices.Equal(got, caribbeanCodes) {
		t.Errorf("Caribbean() codes = %v\nwant %v", got, caribbeanCodes)
	}
	for _, c := range Others() {
		if c.Caribbean {
			t.Errorf("Others() contains Caribbean %s", c.Code)
		}
	}
	if n := len(Others()) + len(Caribbean()); n != len(All()) {
		t.Errorf("len(Others())+len(Caribbean()) = %d, want %d", n, len(All()))
	}
}

func TestSorted(t *testing.T) {
	col := collate.New(language.English)
	cmp := func(a, b Country) int { return col.CompareString(a.Name, b.Name) }
	for _, tt := range []struct {
		name string
		list []Country
	}{
		{"All", All()},
		{"Caribbean", Caribbean()},
		{"Others", Others()},
	} {
		for i := 1; i < len(tt.list); i++ {
			if cmp(tt.list[i-1], tt.list[i]) >= 0 {
				t.Errorf("%s() not sorted: %q before %q", tt.name, tt.list[i-1].Name, tt.list[i].Name)
			}
		}
	}

	// Diacritics must not push names to the end: "Åland Islands" sorts with
	// the other A names, and "Curaçao" between "Cuba" and "Cyprus".
	pos := map[string]int{}
	for i, c := range All() {
		pos[c.Name] = i
	}
	for _, tt := range []struct{ before, after string }{
		{"Afghanistan", "Åland Islands"},
		{"Åland Islands", "Albania"},
		{"Cuba", "Curaçao"},
		{"Curaçao", "Cyprus"},
		{"Côte d'Ivoire", "Croatia"},
		{"Réunion", "Romania"},
		{"Tunisia", "Türkiye"},
		{"Türkiye", "Turkmenistan"},
	} {
		if pos[tt.before] >= pos[tt.after] {
			t.Errorf("All(): %q (at %d) should come before %q (at %d)",
				tt.before, pos[tt.before], tt.after, pos[tt.after])
		}
	}
	if first := All()[0].Name; first != "Afghanistan" {
		t.Errorf("All()[0] = %q, want Afghanistan", first)
	}
	if last := All()[len(All())-1].Name; last != "Zimbabwe" {
		t.Errorf("last of All() = %q, want Zimbabwe", last)
	}
}

func TestAppendDoesNotClobber(t *testing.T) {
	for _, f := range []func() []Country{All, Caribbean, Others} {
		if s := f(); cap(s) != len(s) {
			t.Errorf("returned slice has spare capacity: len %d, cap %d", len(s), cap(s))
		}
	}
	before := slices.Clone(All())
	_ = append(Caribbean(), Country{Code: "ZZ", Name: "Nowhere"})
	_ = append(Others(), Country{Code: "ZZ", Name: "Nowhere"})
	_ = append(All(), Country{Code: "ZZ", Name: "Nowhere"})
	if !slices.Equal(before, All()) {
		t.Error("appending to a returned slice changed All()")
	}
	if Valid("ZZ") {
		t.Error("Valid(ZZ) after append")
	}
}
