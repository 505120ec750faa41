// Package vcard writes contact cards in vCard 4.0 (RFC 6350): UTF-8, CRLF
// line ends, values escaped and lines folded at 75 octets, so that address
// books (and journalists' phones) import them as they are.
package vcard

import (
	"bufio"
	"fmt"
	"io"
	"strings"
	"unicode/utf8"

	"golang.org/x/text/language"
)

// Card is one person's contact card. Empty fields are left out.
type Card struct {
	UID          string // stable identifier, e.g. "urn:uuid:…"; lets a re-import update instead of duplicate
	Name         string // the formatted name (FN), required
	Organisation string
	Title        string // job title or role
	WorkPhone    string
	Mobile       string
	Email        string
	// Languages are BCP 47 tags in order of preference (LANG;PREF=n).
	Languages []string
	Note      string
}

// Write writes cards to w, one VCARD each. A card without a name gets
// none: FN is required, and an empty one would be refused.
func Write(w io.Writer, cards []Card) error {
	bw := bufio.NewWriter(w)
	for _, c := range cards {
		if strings.TrimSpace(c.Name) == "" {
			continue
		}
		writeLine(bw, "BEGIN:VCARD")
		writeLine(bw, "VERSION:4.0")
		writeLine(bw, "KIND:individual")
		writeLine(bw, "FN:"+Escape(c.Name))
		family, given := SplitName(c.Name)
		writeLine(bw, "N:"+Escape(family)+";"+Escape(given)+";;;")
		if c.UID != "" {
			writeLine(bw, "UID:"+c.UID)
		}
		if c.Organisation != "" {
			writeLine(bw, "ORG:"+Escape(c.Organisation))
		}
		if c.Title != "" {
			writeLine(bw, "TITLE:"+Escape(c.Title))
		}
		if c.WorkPhone != "" {
			writeLine(bw, "TEL;TYPE=work:"+Escape(c.WorkPhone))
		}
		if c.Mobile != "" {
			writeLine(bw, "TEL;TYPE=cell:"+Escape(c.Mobile))
		}
		if c.Email != "" {
			writeLine(bw, "EMAIL;TYPE=work:"+Escape(c.Email))
		}
		for i, tag := range c.Languages {
			writeLine(bw, fmt.Sprintf("LANG;PREF=%d:%s", i+1, tag))
		}
		if c.Note != "" {
			writeLine(bw, "NOTE:"+Escape(c.Note))
		}
		writeLine(bw, "END:VCARD")
	}
	if err := bw.Flush(); err != nil {
		return fmt.Errorf("vcard: write: %w", err)
	}
	return nil
}

// writeLine writes one content line, folded, with its CRLF. bufio keeps
// the first error and Flush reports it.
func writeLine(w *bufio.Writer, line string) {
	w.WriteString(Fold(line))
	w.WriteString("\r\n")
}

// Escape escapes a text value (RFC 6350 §3.4): backslash, comma and
// semicolon get a backslash, and a line break becomes \n. Carriage
// returns and other control characters are dropped: they have no escape.
func Escape(s string) string {
	var b strings.Builder
	s = strings.ReplaceAll(s, "\r\n", "\n")
	for _, r := range s {
		switch r {
		case '\\':
			b.WriteString(`\\`)
		case ',':
			b.WriteString(`\,`)
		case ';':
			b.WriteString(`\;`)
		case '\n':
			b.WriteString(`\n`)
		default:
			if r < ' ' || r == 0x7f {
				continue
			}
			b.WriteRune(r)
		}
	}
	return b.String()
}

// maxLine is the longest a physical line may be, in octets, without its CRLF.
const maxLine = 75

// Fold splits a content line longer than 75 octets into physical lines
// joined by CRLF and one space (RFC 6350 §3.2), never inside a UTF-8
// sequence. The space starts each continuation line, so those carry 74
// octets of the value.
func Fold(line string) string {
	if len(line) <= maxLine {
		return line
	}
	var b strings.Builder
	limit := maxLine
	for len(line) > limit {
		cut := limit
		for cut > 0 && !utf8.RuneStart(line[cut]) {
			cut--
		}
		b.WriteString(line[:cut])
		b.WriteString("\r\n ")
		line = line[cut:]
		limit = maxLine - 1
	}
	b.WriteString(line)
	return b.String()
}

// SplitName guesses the family and given names of a full name for N: the
// last word is taken as the family name. It is only a guess (Spanish
// double surnames come out wrong), which is why FN, the name as written,
// is what address books show.
func SplitName(full string) (family, given string) {
	words := strings.Fields(full)
	switch len(words) {
	case 0:
		return "", ""
	case 1:
		return words[0], ""
	}
	return words[len(words)-1], strings.Join(words[:len(words)-1], " ")
}

// languageNames are the languages' names people type, in English and in
// the language itself, as BCP 47 tags: those of the Caribbean first.
var languageNames = map[string]string{
	"english": "en", "spanish": "es", "español": "es", "espanol": "es", "castellano": "es",
	"french": "fr", "français": "fr", "francais": "fr", "portuguese": "pt", "português": "pt",
	"dutch": "nl", "nederlands": "nl", "haitian creole": "ht", "haitian": "ht", "kreyòl": "ht",
	"kreyol": "ht", "papiamento": "pap", "papiamentu": "pap", "german": "de",
	"deutsch": "de", "italian": "it", "arabic": "ar", "chinese": "zh", "mandarin": "zh",
	"hindi": "hi", "russian": "ru", "japanese": "ja",
}

// Languages reads a list of languages as people write it ("English,
// Spanish", "English and French", "en; es") into BCP 47 tags. It returns
// the tags it understood and whether it understood every name.
func Languages(list string) (tags []string, all bool) {
	all = true
	fields := strings.FieldsFunc(strings.ReplaceAll(strings.ToLower(list), " and ", ","), func(r rune) bool {
		return r == ',' || r == ';' || r == '/' || r == '&'
	})
	seen := map[string]bool{}
	for _, f := range fields {
		f = strings.Join(strings.Fields(f), " ")
		if f == "" {
			continue
		}
		tag, ok := languageNames[f]
		if !ok && len(f) <= 8 && !strings.Contains(f, " ") {
			// A tag typed as such ("en", "es-419").
			if t, err := language.Parse(f); err == nil {
				tag, ok = t.String(), true
			}
		}
		if !ok {
			all = false
			continue
		}
		if !seen[tag] {
			seen[tag] = true
			tags = append(tags, tag)
		}
	}
	return tags, all
}
