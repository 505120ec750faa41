package views

import (
	"fmt"
	"net/url"
	"strconv"
)

// Pager is one page of a long list, with the query that produced it.
type Pager struct {
	Page    int        // 1-based
	PerPage int        // rows per page
	Total   int        // rows in all pages
	Path    string     // the list's path
	Query   url.Values // the list's other parameters, kept in the links
}

// NewPager returns the pager for page (clamped to the pages there are).
func NewPager(path string, query url.Values, page, perPage, total int) Pager {
	p := Pager{Page: page, PerPage: perPage, Total: total, Path: path, Query: query}
	if p.Page > p.Pages() {
		p.Page = p.Pages()
	}
	if p.Page < 1 {
		p.Page = 1
	}
	return p
}

// Pages is how many pages there are (at least one).
func (p Pager) Pages() int { return max(1, (p.Total+p.PerPage-1)/p.PerPage) }

// Offset is the first row of the page, for the query.
func (p Pager) Offset() int { return (p.Page - 1) * p.PerPage }

// Summary says which rows the page shows: "Showing 51–100 of 312".
func (p Pager) Summary() string {
	if p.Total == 0 {
		return "Nothing to show"
	}
	last := min(p.Total, p.Offset()+p.PerPage)
	return fmt.Sprintf("Showing %d–%d of %d", p.Offset()+1, last, p.Total)
}

// URL is the link to page n, keeping the other parameters.
func (p Pager) URL(n int) string {
	q := url.Values{}
	for k, v := range p.Query {
		q[k] = v
	}
	q.Del("page")
	if n > 1 {
		q.Set("page", strconv.Itoa(n))
	}
	if len(q) == 0 {
		return p.Path
	}
	return p.Path + "?" + q.Encode()
}
