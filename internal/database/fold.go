package database

import (
	"database/sql"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/mattn/go-sqlite3"
	"golang.org/x/text/unicode/norm"
)

// driverName is mattn/go-sqlite3 with confdesk's SQL functions and
// collation added to every connection.
const driverName = "sqlite3_confdesk"

func init() {
	sql.Register(driverName, &sqlite3.SQLiteDriver{
		ConnectHook: func(c *sqlite3.SQLiteConn) error {
			// fold(text): Fold in SQL, for searches that ignore case and accents.
			if err := c.RegisterFunc("fold", Fold, true); err != nil {
				return err
			}
			return c.RegisterCollation(NameCollation, CompareNames)
		},
	})
}

// Fold is s in lower case without accents, so that searches ignore both:
// "Désirée", "DESIREE" and "desiree" fold alike, as do "Żółć" and "zolc".
// Letters that do not decompose into a base letter and marks take their
// usual Latin spelling (ø → o, ß → ss). Only queries call it (SQL: fold);
// nothing stored depends on it, so it may change without a migration.
func Fold(s string) string {
	ascii := true
	for i := 0; i < len(s) && ascii; i++ {
		ascii = s[i] < utf8.RuneSelf
	}
	if ascii { // most e-mails, references and organisations: no table lookups
		return strings.ToLower(s)
	}
	var b strings.Builder
	b.Grow(len(s))
	for _, r := range norm.NFKD.String(s) {
		switch {
		case r < utf8.RuneSelf:
			if 'A' <= r && r <= 'Z' {
				r += 'a' - 'A'
			}
			b.WriteByte(byte(r))
		case unicode.Is(unicode.Mn, r): // an accent, apart after NFKD
		default:
			r = unicode.ToLower(r)
			if spelled, ok := foldSpelling[r]; ok {
				b.WriteString(spelled)
			} else {
				b.WriteRune(r)
			}
		}
	}
	return b.String()
}

var foldSpelling = map[rune]string{
	'ł': "l", 'ø': "o", 'đ': "d", 'ħ': "h", 'ı': "i", 'ß': "ss", 'æ': "ae", 'œ': "oe", 'þ': "th",
}
