package database

import (
	"sync"

	"golang.org/x/text/collate"
	"golang.org/x/text/language"
)

// NameCollation is the SQLite collation, registered on every connection,
// that orders names by CompareNames: `ORDER BY last_name COLLATE names`.
// Every list and document of people sorts with it (or with CompareNames
// in Go), so the desk, its CSV, the badges, the certificates, the
// delegations and the list of participants agree.
//
// Why a collation and not a stored sort key: a key column (the search's
// fold) would need a migration, a backfill and an update on every write
// of a name, and byte order of folded text is not how people sort ("O'Neil"
// and "Obi", hyphens, spaces). A collation called from SQLite costs a cgo
// call per comparison; with 3,000 registrations the desk's page sorted by
// name takes tens of milliseconds and the whole CSV about a tenth of a
// second, the same order as NOCASE on a busy machine
// (BenchmarkDeskSortByName3000 in internal/web), so no index is needed for
// lists this size. No index or schema names
// the collation, so the database stays readable by the sqlite3 shell.
const NameCollation = "names"

// nameCollators are English collators that ignore case and accents. A
// collator is not safe for concurrent use, so each comparison borrows one.
var nameCollators = sync.Pool{New: func() any { return collate.New(language.English, collate.Loose) }}

// CompareNames orders two names as people expect, ignoring case and
// accents (and width): "Abreu" < "Étienne" = "étienne" < "Ørsted" <
// "Van Dijk" < "Zoë". Names equal under it are ordered by what the caller
// sorts next (first name, then id), the same in SQL and in Go.
func CompareNames(a, b string) int {
	c := nameCollators.Get().(*collate.Collator)
	defer nameCollators.Put(c)
	return c.CompareString(a, b)
}
