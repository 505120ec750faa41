package country

import (
	"slices"
	"sync"

	"golang.org/x/text/collate"
	"golang.org/x/text/language"
	"golang.org/x/text/language/display"
)

// Groups are the countries as a form lists them, named in one language:
// the Caribbean first, then every other country, each sorted by that
// language's collation.
type Groups struct {
	Caribbean []Country
	Others    []Country
	names     map[string]string // code → name
}

var (
	localizedMu sync.Mutex
	localized   = map[language.Tag]Groups{}
)

// Localized returns the countries named in language tag (CLDR names, from
// golang.org/x/text/language/display) and sorted by its collation, the
// Caribbean group first. English keeps the table's names. The groups are
// computed once per language; their slices are shared and read-only.
func Localized(tag language.Tag) Groups {
	base, _ := tag.Base()
	tag, _ = language.Compose(base)
	localizedMu.Lock()
	defer localizedMu.Unlock()
	if g, ok := localized[tag]; ok {
		return g
	}
	var g Groups
	if tag == language.English {
		g = Groups{Caribbean: caribbean, Others: others}
	} else {
		names := display.Regions(tag)
		col := collate.New(tag)
		var cs []Country
		for _, c := range table {
			c.Name = localName(names, c)
			cs = append(cs, c)
		}
		slices.SortStableFunc(cs, func(a, b Country) int { return col.CompareString(a.Name, b.Name) })
		for _, c := range cs {
			if c.Caribbean {
				g.Caribbean = append(g.Caribbean, c)
			} else {
				g.Others = append(g.Others, c)
			}
		}
		g.Caribbean, g.Others = slices.Clip(g.Caribbean), slices.Clip(g.Others)
	}
	g.names = make(map[string]string, len(table))
	for _, cs := range [][]Country{g.Caribbean, g.Others} {
		for _, c := range cs {
			g.names[c.Code] = c.Name
		}
	}
	localized[tag] = g
	return g
}

// localName is c's name in the language of names, the English name when
// CLDR has none.
func localName(names display.Namer, c Country) string {
	r, err := language.ParseRegion(c.Code)
	if err != nil {
		return c.Name
	}
	if n := names.Name(r); n != "" {
		return n
	}
	return c.Name
}

// LocalName is the name of the country with this code in language tag
// (the table's name in English), or "" for an unknown code.
func LocalName(tag language.Tag, code string) string {
	c, ok := Lookup(code)
	if !ok {
		return ""
	}
	return Localized(tag).names[c.Code]
}
