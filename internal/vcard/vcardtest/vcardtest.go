// Package vcardtest reads vCard 4.0 files strictly, for tests: every rule
// of RFC 6350 that an address book may rely on is checked, and a breach
// fails the test instead of being smoothed over as lenient readers do.
package vcardtest

import (
	"strings"
	"testing"
	"unicode/utf8"
)

// Property is one content line after unfolding. Value is raw: escaped as
// in the file (see Text and Components).
type Property struct {
	Name   string // upper case
	Params map[string][]string
	Value  string
}

// Card is one VCARD's properties in order, without BEGIN and END.
type Card []Property

// Get returns the card's properties called name.
func (c Card) Get(name string) []Property {
	var out []Property
	for _, p := range c {
		if p.Name == name {
			out = append(out, p)
		}
	}
	return out
}

// Parse reads every card in data and fails t on the first breach: bytes
// that are not UTF-8, a line end other than CRLF, a physical line over 75
// octets, a card not opened by BEGIN:VCARD and VERSION:4.0 or not closed,
// a malformed content line.
func Parse(t testing.TB, data []byte) []Card {
	t.Helper()
	s := string(data)
	if !utf8.ValidString(s) {
		t.Fatal("vcard: not UTF-8")
	}
	if !strings.HasSuffix(s, "\r\n") {
		t.Fatal("vcard: the last line does not end with CRLF")
	}
	physical := strings.Split(strings.TrimSuffix(s, "\r\n"), "\r\n")
	var logical []string
	for i, l := range physical {
		if strings.ContainsAny(l, "\r\n") {
			t.Fatalf("vcard: line %d has a bare CR or LF: %q", i+1, l)
		}
		if len(l) > 75 {
			t.Fatalf("vcard: line %d is %d octets, more than 75: %q", i+1, len(l), l)
		}
		if strings.HasPrefix(l, " ") || strings.HasPrefix(l, "\t") {
			if len(logical) == 0 {
				t.Fatalf("vcard: line %d continues nothing", i+1)
			}
			logical[len(logical)-1] += l[1:]
			continue
		}
		logical = append(logical, l)
	}
	var cards []Card
	var cur Card
	open := false
	for i, l := range logical {
		p := parseLine(t, l)
		switch {
		case p.Name == "BEGIN":
			if open || !strings.EqualFold(p.Value, "VCARD") {
				t.Fatalf("vcard: unexpected %q", l)
			}
			if i+1 >= len(logical) || logical[i+1] != "VERSION:4.0" {
				t.Fatal("vcard: BEGIN:VCARD is not followed by VERSION:4.0")
			}
			open, cur = true, nil
		case p.Name == "END":
			if !open || !strings.EqualFold(p.Value, "VCARD") {
				t.Fatalf("vcard: unexpected %q", l)
			}
			if len(cur.Get("FN")) == 0 {
				t.Fatal("vcard: a card has no FN")
			}
			cards = append(cards, cur)
			open = false
		case !open:
			t.Fatalf("vcard: %q outside a card", l)
		case p.Name != "VERSION":
			cur = append(cur, p)
		}
	}
	if open {
		t.Fatal("vcard: a card is not closed by END:VCARD")
	}
	return cards
}

// parseLine splits "NAME;PARAM=a,b;P2=\"x:y\":value".
func parseLine(t testing.TB, l string) Property {
	t.Helper()
	i := strings.IndexAny(l, ";:")
	if i <= 0 {
		t.Fatalf("vcard: no property name in %q", l)
	}
	p := Property{Name: strings.ToUpper(l[:i]), Params: map[string][]string{}}
	for _, r := range p.Name {
		if !(r >= 'A' && r <= 'Z' || r >= '0' && r <= '9' || r == '-') {
			t.Fatalf("vcard: bad property name in %q", l)
		}
	}
	rest := l[i:]
	for strings.HasPrefix(rest, ";") {
		rest = rest[1:]
		eq := strings.IndexByte(rest, '=')
		if eq <= 0 {
			t.Fatalf("vcard: bad parameter in %q", l)
		}
		name := strings.ToUpper(rest[:eq])
		rest = rest[eq+1:]
		for {
			var v string
			if strings.HasPrefix(rest, `"`) {
				end := strings.IndexByte(rest[1:], '"')
				if end < 0 {
					t.Fatalf("vcard: unclosed quote in %q", l)
				}
				v, rest = rest[1:1+end], rest[2+end:]
			} else {
				end := strings.IndexAny(rest, ",;:")
				if end < 0 {
					t.Fatalf("vcard: no value in %q", l)
				}
				v, rest = rest[:end], rest[end:]
			}
			p.Params[name] = append(p.Params[name], v)
			if !strings.HasPrefix(rest, ",") {
				break
			}
			rest = rest[1:]
		}
	}
	if !strings.HasPrefix(rest, ":") {
		t.Fatalf("vcard: no value in %q", l)
	}
	p.Value = rest[1:]
	return p
}

// Text unescapes a single text value (FN, TITLE, NOTE, TEL, EMAIL): a
// backslash may only escape a backslash, comma, semicolon or n, and a
// comma or semicolon must be escaped.
func Text(t testing.TB, raw string) string {
	t.Helper()
	return split(t, raw, 0)[0]
}

// Components splits a structured value (N, ORG) at its unescaped
// semicolons and unescapes each component; an unescaped comma is an error
// (none of the components we write is a list).
func Components(t testing.TB, raw string) []string {
	t.Helper()
	return split(t, raw, ';')
}

func split(t testing.TB, raw string, sep rune) []string {
	t.Helper()
	var out []string
	var b strings.Builder
	escaped := false
	for _, r := range raw {
		switch {
		case escaped:
			switch r {
			case '\\', ',', ';':
				b.WriteRune(r)
			case 'n', 'N':
				b.WriteByte('\n')
			default:
				t.Fatalf("vcard: bad escape \\%c in %q", r, raw)
			}
			escaped = false
		case r == '\\':
			escaped = true
		case r == sep && sep != 0:
			out = append(out, b.String())
			b.Reset()
		case r == ';' || r == ',':
			t.Fatalf("vcard: unescaped %c in %q", r, raw)
		case r < ' ':
			t.Fatalf("vcard: control character in %q", raw)
		default:
			b.WriteRune(r)
		}
	}
	if escaped {
		t.Fatalf("vcard: value ends in a lone backslash: %q", raw)
	}
	return append(out, b.String())
}
