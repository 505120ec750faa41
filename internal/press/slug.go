package press

import (
	"regexp"
	"strconv"
	"strings"
	"unicode"

	"golang.org/x/text/runes"
	"golang.org/x/text/transform"
	"golang.org/x/text/unicode/norm"
)

// MaxSlugLength is the longest slug a release may have.
const MaxSlugLength = 80

var slugPattern = regexp.MustCompile(`^[a-z0-9]+(-[a-z0-9]+)*$`)

// ValidSlug reports whether s may be a release's slug: lower-case ASCII
// letters and digits in groups joined by single hyphens, at most
// MaxSlugLength long. Slugs are the last part of a release's public address.
func ValidSlug(s string) bool {
	return len(s) <= MaxSlugLength && slugPattern.MatchString(s)
}

// fold returns a transformer that drops diacritics: "Piñeiro" decomposes
// to "Pin" + combining tilde + "eiro", and the combining mark goes. A chain
// keeps state while it runs, so each call gets its own: one shared chain
// raced when two visitors downloaded press files at the same moment.
func fold() transform.Transformer {
	return transform.Chain(norm.NFD, runes.Remove(runes.In(unicode.Mn)), norm.NFC)
}

// ligatures are letters that do not decompose into an ASCII letter and a mark.
var ligatures = map[rune]string{'ß': "ss", 'æ': "ae", 'œ': "oe", 'ø': "o", 'ł': "l", 'đ': "d", 'þ': "th"}

// Slugify turns a title into a slug: lower-case ASCII with diacritics
// folded ("Piñeiro" → "pineiro"), every run of other characters a single
// hyphen, cut at a word boundary to MaxSlugLength. It returns "" when the
// title has no letter or digit that folds to ASCII.
func Slugify(title string) string {
	folded, _, err := transform.String(fold(), title)
	if err != nil {
		folded = title
	}
	var b strings.Builder
	hyphen := false
	for _, r := range strings.ToLower(folded) {
		s, ok := ligatures[r]
		switch {
		case r >= 'a' && r <= 'z', r >= '0' && r <= '9':
			s = string(r)
		case !ok:
			hyphen = true
			continue
		}
		if hyphen && b.Len() > 0 {
			b.WriteByte('-')
		}
		hyphen = false
		b.WriteString(s)
	}
	return truncateSlug(b.String(), MaxSlugLength)
}

// truncateSlug cuts slug to at most n bytes, at a hyphen when there is one.
func truncateSlug(slug string, n int) string {
	if len(slug) <= n {
		return slug
	}
	cut := slug[:n]
	if slug[n] != '-' {
		if i := strings.LastIndexByte(cut, '-'); i > 0 {
			cut = cut[:i]
		}
	}
	return strings.TrimRight(cut, "-")
}

// NumberedSlug is slug with "-n" appended, shortened so that the result
// still fits MaxSlugLength: the n-th candidate when slug is taken.
func NumberedSlug(slug string, n int) string {
	suffix := "-" + strconv.Itoa(n)
	return truncateSlug(slug, MaxSlugLength-len(suffix)) + suffix
}
