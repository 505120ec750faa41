package country

import (
	"slices"
	"testing"

	"golang.org/x/text/collate"
	"golang.org/x/text/language"
)

// TestLocalizedNamesEveryCode: every code has a real name (not its code,
// not empty) in each language the site speaks, the groups hold every
// country once, the Caribbean as in the table, sorted by the language's
// collation.
func TestLocalizedNamesEveryCode(t *testing.T) {
	for _, tag := range []language.Tag{language.Spanish, language.French, language.Dutch} {
		g := Localized(tag)
		if len(g.Caribbean) != len(caribbean) || len(g.Others) != len(others) {
			t.Fatalf("%v: %d Caribbean and %d others, want %d and %d", tag, len(g.Caribbean), len(g.Others), len(caribbean), len(others))
		}
		col := collate.New(tag)
		for _, group := range [][]Country{g.Caribbean, g.Others} {
			for i, c := range group {
				if c.Name == "" || c.Name == c.Code {
					t.Errorf("%v: %s has no name (%q)", tag, c.Code, c.Name)
				}
				want, _ := Lookup(c.Code)
				if c.Caribbean != want.Caribbean {
					t.Errorf("%v: %s in the wrong group", tag, c.Code)
				}
				if i > 0 && col.CompareString(group[i-1].Name, c.Name) > 0 {
					t.Errorf("%v: %q sorted before %q", tag, group[i-1].Name, c.Name)
				}
				if got := LocalName(tag, c.Code); got != c.Name {
					t.Errorf("%v: LocalName(%s) = %q, want %q", tag, c.Code, got, c.Name)
				}
			}
		}
	}
}

// TestLocalizedNames checks a few names a reader from the region expects.
func TestLocalizedNames(t *testing.T) {
	for _, tc := range []struct {
		tag        language.Tag
		code, want string
	}{
		{language.Spanish, "DO", "República Dominicana"},
		{language.Spanish, "TT", "Trinidad y Tobago"},
		{language.French, "HT", "Haïti"},
		{language.French, "LC", "Sainte-Lucie"},
		{language.Dutch, "SR", "Suriname"},
		{language.Dutch, "DO", "Dominicaanse Republiek"},
		{language.MustParse("es-DO"), "CU", "Cuba"},
		{language.English, "DO", "Dominican Republic"},
	} {
		if got := LocalName(tc.tag, tc.code); got != tc.want {
			t.Errorf("LocalName(%v, %s) = %q, want %q", tc.tag, tc.code, got, tc.want)
		}
	}
	if LocalName(language.Spanish, "ZZ") != "" {
		t.Error("an unknown code has a name")
	}
}

// TestLocalizedEnglishIsTheTable: English keeps the table's names and order.
func TestLocalizedEnglishIsTheTable(t *testing.T) {
	g := Localized(language.English)
	if !slices.Equal(g.Caribbean, Caribbean()) || !slices.Equal(g.Others, Others()) {
		t.Error("English groups differ from Caribbean() and Others()")
	}
	if g2 := Localized(language.MustParse("en-GB")); !slices.Equal(g2.Others, Others()) {
		t.Error("en-GB differs from English")
	}
}

// TestLocalizedSpanishCollation: Spanish sorts as Spanish does (accents
// ignored at the first level, "Islas" among the I's).
func TestLocalizedSpanishCollation(t *testing.T) {
	g := Localized(language.Spanish)
	idx := func(name string) int {
		return slices.IndexFunc(g.Caribbean, func(c Country) bool { return c.Name == name })
	}
	if !(idx("Haití") < idx("Islas Caimán") && idx("Islas Caimán") < idx("Jamaica") && idx("Puerto Rico") < idx("República Dominicana")) {
		t.Errorf("Spanish Caribbean order: %v", g.Caribbean)
	}
}
