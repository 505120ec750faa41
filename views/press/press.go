// Package press holds the public press room's pages: the room itself and
// each release. Handlers pass everything the pages show; nothing here
// reads the database.
package press

import (
	"strconv"
	"strings"
	"time"

	"confdesk/internal/model"
	"confdesk/internal/press"
)

// Room is what the press room's front page shows. Everything in it is
// published: handlers never pass drafts or unpublished files.
type Room struct {
	Releases []model.PressRelease
	Contacts []model.MediaContact
	Files    []model.PressFile
	Kit      Kit
}

// Kit describes the media kit for its download button.
type Kit struct {
	Href     string
	Size     int64
	Contents []string // what it holds, one line each
}

// Release is one release's page.
type Release struct {
	Release model.PressRelease
	// Body is the release's Markdown rendered by press.RenderMarkdown: the
	// only HTML a press page inserts unescaped.
	Body     string
	Contacts []model.MediaContact
	// Lead is the lead picture, shown above the text; nil for none. LeadAlt
	// describes it for those who cannot see it (the file's title).
	Lead    *press.Picture
	LeadAlt string
}

// ReleasePath is a release's public address.
func ReleasePath(r model.PressRelease) string { return "/press/releases/" + r.Slug }

// FilePath is a published file's download address.
func FilePath(f model.PressFile) string { return "/press/files/" + strconv.FormatInt(f.ID, 10) }

// Date formats a YYYY-MM-DD date for people: "15 March 2027".
func Date(date string) string {
	t, err := time.Parse(time.DateOnly, date)
	if err != nil {
		return date
	}
	return t.Format("2 January 2006")
}

// Size formats a byte count for people.
func Size(n int64) string { return press.HumanSize(n) }

// FileType names a file's type for people.
func FileType(f model.PressFile) string { return press.TypeLabel(f.ContentType) }

// roleLine is a contact's role and organisation: "Media and communications, IOM".
func roleLine(m model.MediaContact) string {
	if m.Role != "" && m.Organisation != "" {
		return m.Role + ", " + m.Organisation
	}
	return m.Role + m.Organisation
}

// telHref is a phone number as a tel: link (RFC 3966): its digits and a
// leading plus, and an extension ("ext. 225") as ";ext=225".
func telHref(number string) string {
	main, ext, _ := strings.Cut(strings.ToLower(number), "ext")
	digits := func(s string) string {
		var b strings.Builder
		for i, r := range s {
			if r >= '0' && r <= '9' || (r == '+' && i == strings.IndexFunc(s, func(r rune) bool { return r != ' ' })) {
				b.WriteRune(r)
			}
		}
		return b.String()
	}
	href := "tel:" + digits(main)
	if e := digits(ext); e != "" {
		href += ";ext=" + e
	}
	return href
}
