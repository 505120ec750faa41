package store

import (
	"context"
	"fmt"
	"net/url"
	"slices"
	"strconv"
	"strings"
	"unicode/utf8"

	"golang.org/x/text/unicode/norm"

	"confdesk/internal/country"
	"confdesk/internal/database"
	"confdesk/internal/model"
)

// RegistrationsPerPage is the length of one page of the registrations list.
const RegistrationsPerPage = 50

// RegistrationFilter is the registrations desk's search, filters, sort and
// page, as the query parameters ?q=&status=&country=&org_type=&category=&letter=&sort=&page=
// name them. The list, the CSV export and the badge sheets share it, so
// "these registrations" means the same thing on each. Every field holds
// only a value this package accepts: ParseRegistrationFilter drops the rest.
type RegistrationFilter struct {
	Q        string // words, each found in a name, the e-mail, the organisation or the reference
	Status   string // one of model.Statuses, or "" for all
	Country  string // ISO 3166-1 alpha-2, or ""
	OrgType  string // one of model.OrgTypes, or ""
	Category string // one of model.Categories, or ""
	Letter   string // LetterRequested, LetterApproved, or "" for any
	// CheckedIn is CheckedInYes (arrived at the door or a session, not
	// undone), CheckedInNo, or "" for any.
	CheckedIn string
	// Sponsored is SponsoredYes (sponsorship granted), SponsoredNo
	// (anything else), SponsoredRequested (asked, not decided yet), or ""
	// for any.
	Sponsored string
	Sort      string // a key of RegistrationSorts; "" is DefaultRegistrationSort
	Page      int    // from 1
	// Unprinted keeps only registrations whose badge was never printed.
	Unprinted bool
	// Credentials is CredentialsReceived (a nomination letter covers the
	// registration), CredentialsMissing (a participant none covers), or "" for any.
	Credentials string
}

// The visa letter filter's values. A request is "requested" until it is
// approved, whatever the registration's status: a pending person's request
// waits too, though only a confirmed one can be approved.
const (
	LetterRequested = "requested"
	LetterApproved  = "approved"
)

// The check-in filter's values (?checked_in=).
const (
	CheckedInYes = "yes"
	CheckedInNo  = "no"
)

// The sponsored-travel filter's values (?sponsored=).
const (
	SponsoredYes       = "yes"
	SponsoredNo        = "no"
	SponsoredRequested = "requested"
)

// The credentials filter's values (?credentials=).
const (
	CredentialsReceived = "received"
	CredentialsMissing  = "missing"
)

// DefaultRegistrationSort is the order of a list without ?sort=: newest first.
const DefaultRegistrationSort = "-created"

// RegistrationSorts maps the accepted ?sort= values to their ORDER BY
// clauses. Only these strings ever reach the SQL: the request chooses a
// key, never a column.
var RegistrationSorts = map[string]string{
	"created":       "created_at, id",
	"-created":      "created_at DESC, id DESC",
	"last_name":     nameOrder,
	"-last_name":    "last_name COLLATE names DESC, first_name COLLATE names DESC, id DESC",
	"country":       countryOrder + ", " + nameOrder,
	"-country":      countryOrder + " DESC, " + nameOrder,
	"organisation":  "organisation COLLATE names, " + nameOrder,
	"-organisation": "organisation COLLATE names DESC, " + nameOrder,
	"status":        statusOrder + ", created_at, id",
	"-status":       statusOrder + " DESC, created_at, id",
}

// nameOrder sorts people by last name, then first name, with the names
// collation (database.NameCollation: case and accents ignored), then by id
// so that equal names keep one order on every page and paper.
const nameOrder = "last_name COLLATE names, first_name COLLATE names, id"

// statusOrder sorts statuses in the order of a registration's life rather than alphabetically.
var statusOrder = func() string {
	var b strings.Builder
	b.WriteString("CASE status")
	for i, s := range model.Statuses {
		fmt.Fprintf(&b, " WHEN '%s' THEN %d", s, i)
	}
	b.WriteString(" END")
	return b.String()
}()

// countryOrder sorts by the country's English name, not its code (GB is
// "United Kingdom"). It is built once from our own country table, so no
// request text is in it.
var countryOrder = func() string {
	var b strings.Builder
	b.WriteString("CASE country")
	for i, c := range country.All() {
		fmt.Fprintf(&b, " WHEN '%s' THEN %d", c.Code, i)
	}
	b.WriteString(" ELSE 9999 END")
	return b.String()
}()

// Limits of the search box: enough for a name and an organisation.
const (
	maxSearchRunes = 200
	maxSearchTerms = 6
)

// ParseRegistrationFilter reads a filter from query parameters. Unknown
// values are dropped (an unknown sort becomes the default order, a page
// below 1 the first), so any URL gives a sane list.
func ParseRegistrationFilter(v url.Values) RegistrationFilter {
	f := RegistrationFilter{
		Q:         strings.Join(strings.Fields(norm.NFC.String(v.Get("q"))), " "),
		Status:    oneOf(v.Get("status"), model.Statuses),
		OrgType:   oneOf(v.Get("org_type"), model.OrgTypes),
		Category:  oneOf(v.Get("category"), model.Categories),
		Letter:    oneOf(v.Get("letter"), []string{LetterRequested, LetterApproved}),
		Page:      1,
		CheckedIn: oneOf(v.Get("checked_in"), []string{CheckedInYes, CheckedInNo}),
		Sponsored: oneOf(v.Get("sponsored"), []string{SponsoredYes, SponsoredNo, SponsoredRequested}),
	}
	f.Credentials = oneOf(v.Get("credentials"), []string{CredentialsReceived, CredentialsMissing})
	if utf8.RuneCountInString(f.Q) > maxSearchRunes {
		f.Q = string([]rune(f.Q)[:maxSearchRunes])
	}
	if c, ok := country.Lookup(v.Get("country")); ok {
		f.Country = c.Code
	}
	if _, ok := RegistrationSorts[v.Get("sort")]; ok && v.Get("sort") != DefaultRegistrationSort {
		f.Sort = v.Get("sort")
	}
	if p, err := strconv.Atoi(v.Get("page")); err == nil && p > 1 {
		f.Page = p
	}
	f.Unprinted = v.Get("unprinted") != ""
	return f
}

func oneOf(s string, allowed []string) string {
	if slices.Contains(allowed, s) {
		return s
	}
	return ""
}

// Values renders the filter back as query parameters, leaving out empty
// ones and the first page.
func (f RegistrationFilter) Values() url.Values {
	v := url.Values{}
	for _, p := range [][2]string{{"q", f.Q}, {"status", f.Status}, {"country", f.Country}, {"org_type", f.OrgType},
		{"category", f.Category}, {"letter", f.Letter}, {"checked_in", f.CheckedIn}, {"sponsored", f.Sponsored}, {"credentials", f.Credentials}, {"sort", f.Sort}} {
		if p[1] != "" {
			v.Set(p[0], p[1])
		}
	}
	if f.Page > 1 {
		v.Set("page", strconv.Itoa(f.Page))
	}
	if f.Unprinted {
		v.Set("unprinted", "1")
	}
	return v
}

// Query is the filter as a query string (without "?"); "" for the whole list.
func (f RegistrationFilter) Query() string { return f.Values().Encode() }

// WithPage returns the filter on page n.
func (f RegistrationFilter) WithPage(n int) RegistrationFilter {
	f.Page = max(n, 1)
	return f
}

// WithSort returns the filter sorted by key, from the first page.
func (f RegistrationFilter) WithSort(key string) RegistrationFilter {
	if key == DefaultRegistrationSort {
		key = ""
	}
	f.Sort, f.Page = key, 1
	return f
}

// SortKey is the order in effect, DefaultRegistrationSort when none was chosen.
func (f RegistrationFilter) SortKey() string {
	if f.Sort == "" {
		return DefaultRegistrationSort
	}
	return f.Sort
}

// Filtered reports whether anything narrows the list (the sort and page do not).
func (f RegistrationFilter) Filtered() bool {
	return f.Q != "" || f.Status != "" || f.Country != "" || f.OrgType != "" || f.Category != "" || f.Letter != "" || f.CheckedIn != "" || f.Sponsored != "" || f.Credentials != "" || f.Unprinted
}

// likeEscaper makes typed text match itself in a LIKE pattern with ESCAPE '\'.
var likeEscaper = strings.NewReplacer(`\`, `\\`, `%`, `\%`, `_`, `\_`)

// searchText is the text a search word is looked for in: every searched
// column, folded (lower case, no accents; database.Fold), one space
// between them. A word holds no space, so it never spans two columns.
const searchText = `fold(first_name || ' ' || last_name || ' ' || badge_name || ' ' || email || ' ' || organisation || ' ' || reference)`

// where is the filter's WHERE clause and its arguments. Each search word
// must appear in one of the searched columns, case and accents ignored on
// both sides: "desiree" finds "Désirée", "ZOLC" finds "Żółć".
func (f RegistrationFilter) where(conferenceID int64) (string, []any) {
	clauses := []string{"conference_id = ?"}
	args := []any{conferenceID}
	terms := strings.Fields(f.Q)
	if len(terms) > maxSearchTerms {
		terms = terms[:maxSearchTerms]
	}
	for _, term := range terms {
		clauses = append(clauses, searchText+` LIKE ? ESCAPE '\'`)
		args = append(args, "%"+likeEscaper.Replace(database.Fold(term))+"%")
	}
	for _, p := range []struct{ column, value string }{{"status", f.Status}, {"country", f.Country},
		{"org_type", f.OrgType}, {"category", f.Category}} {
		if p.value != "" {
			clauses = append(clauses, p.column+" = ?")
			args = append(args, p.value)
		}
	}
	switch f.Letter {
	case LetterRequested:
		clauses = append(clauses, "visa_letter = 1 AND letter_approved_at IS NULL")
	case LetterApproved:
		clauses = append(clauses, "visa_letter = 1 AND letter_approved_at IS NOT NULL")
	}
	if f.Unprinted {
		clauses = append(clauses, "badge_printed_at IS NULL")
	}
	switch f.CheckedIn {
	case CheckedInYes:
		clauses = append(clauses, checkedInClause)
	case CheckedInNo:
		clauses = append(clauses, "NOT "+checkedInClause)
	}
	switch f.Sponsored {
	case SponsoredYes:
		clauses = append(clauses, "sponsorship = 'granted'")
	case SponsoredNo:
		clauses = append(clauses, "sponsorship <> 'granted'")
	case SponsoredRequested:
		clauses = append(clauses, "sponsorship = 'requested'")
	}
	switch f.Credentials {
	case CredentialsReceived:
		clauses = append(clauses, credentialsClause)
	case CredentialsMissing:
		clauses = append(clauses, "category = 'participant' AND NOT "+credentialsClause)
	}
	return strings.Join(clauses, " AND "), args
}

// credentialsClause holds for a registration a nomination letter covers
// (credentialsSQL, which names the registration r).
const credentialsClause = `EXISTS (SELECT 1 FROM registrations r WHERE r.id = registrations.id AND ` + credentialsSQL + `)`

// checkedInClause holds for a registration that arrived at the door or a
// session, the arrival not undone (as Store.CheckedIn).
const checkedInClause = `EXISTS (SELECT 1 FROM checkins c WHERE c.registration_id = registrations.id AND c.undone_at IS NULL)`

// orderBy is the whitelisted ORDER BY clause of the filter's sort.
func (f RegistrationFilter) orderBy() string { return RegistrationSorts[f.SortKey()] }

// RegistrationList is one page of a filtered list.
type RegistrationList struct {
	Items   []model.Registration
	Total   int // matching registrations, on all pages
	Page    int // the page shown, from 1
	PerPage int
}

// Pages is the number of pages (at least 1).
func (l RegistrationList) Pages() int { return max(1, (l.Total+l.PerPage-1)/l.PerPage) }

// First is the position of the page's first item, from 1 (0 when empty).
func (l RegistrationList) First() int {
	if len(l.Items) == 0 {
		return 0
	}
	return (l.Page-1)*l.PerPage + 1
}

// Last is the position of the page's last item.
func (l RegistrationList) Last() int { return (l.Page-1)*l.PerPage + len(l.Items) }

// Registrations returns the page of the conference's registrations that f
// asks for, with the total. A page past the end shows the last page.
func (s *Store) Registrations(ctx context.Context, conferenceID int64, f RegistrationFilter) (RegistrationList, error) {
	where, args := f.where(conferenceID)
	l := RegistrationList{PerPage: RegistrationsPerPage}
	if err := s.db.Read.QueryRowContext(ctx, `SELECT count(*) FROM registrations WHERE `+where, args...).Scan(&l.Total); err != nil {
		return l, fmt.Errorf("store: count registrations: %w", err)
	}
	l.Page = min(max(f.Page, 1), l.Pages())
	err := s.eachRegistration(ctx, `SELECT `+registrationColumns+` FROM registrations WHERE `+where+
		` ORDER BY `+f.orderBy()+` LIMIT ? OFFSET ?`, append(args, l.PerPage, (l.Page-1)*l.PerPage),
		func(r model.Registration) error {
			l.Items = append(l.Items, r)
			return nil
		})
	return l, err
}

// EachRegistration calls fn with every registration f matches, on all
// pages, in f's order (for exports). An error from fn stops the walk and is returned.
func (s *Store) EachRegistration(ctx context.Context, conferenceID int64, f RegistrationFilter, fn func(model.Registration) error) error {
	where, args := f.where(conferenceID)
	return s.eachRegistration(ctx, `SELECT `+registrationColumns+` FROM registrations WHERE `+where+
		` ORDER BY `+f.orderBy(), args, fn)
}

func (s *Store) eachRegistration(ctx context.Context, query string, args []any, fn func(model.Registration) error) error {
	rows, err := s.db.Read.QueryContext(ctx, query, args...)
	if err != nil {
		return fmt.Errorf("store: registrations: %w", err)
	}
	defer rows.Close()
	for rows.Next() {
		r, err := scanRegistration(rows)
		if err != nil {
			return fmt.Errorf("store: registrations: %w", err)
		}
		if err := fn(r); err != nil {
			return err
		}
	}
	if err := rows.Err(); err != nil {
		return fmt.Errorf("store: registrations: %w", err)
	}
	return nil
}

// RegistrationCountries returns the countries the conference's registrations come from, by code.
func (s *Store) RegistrationCountries(ctx context.Context, conferenceID int64) ([]string, error) {
	rows, err := s.db.Read.QueryContext(ctx, `SELECT DISTINCT country FROM registrations WHERE conference_id = ?`, conferenceID)
	if err != nil {
		return nil, fmt.Errorf("store: registration countries: %w", err)
	}
	defer rows.Close()
	var out []string
	for rows.Next() {
		var code string
		if err := rows.Scan(&code); err != nil {
			return nil, fmt.Errorf("store: registration countries: %w", err)
		}
		out = append(out, code)
	}
	return out, rows.Err()
}

// DelegationMembers returns the registrations that make up delegations:
// every one not cancelled or rejected.
func (s *Store) DelegationMembers(ctx context.Context, conferenceID int64) ([]model.Registration, error) {
	var out []model.Registration
	err := s.eachRegistration(ctx, `SELECT `+registrationColumns+` FROM registrations WHERE conference_id = ?
		AND status IN ('pending', 'confirmed', 'waitlisted') ORDER BY `+nameOrder,
		[]any{conferenceID}, func(r model.Registration) error {
			out = append(out, r)
			return nil
		})
	return out, err
}
