// Package views holds the templ components shared by every area of the
// site: the layout, error pages and small parts. Pages per area live in
// views/public, views/press and views/admin. Views never query the
// database; handlers pass them everything they show.
package views

import (
	"context"

	"confdesk/internal/model"
)

// Page is what the layout needs from every page: one view model, filled once
// by the handler's helper instead of by each page.
type Page struct {
	Title       string // the page's own title; the layout adds the conference name
	Description string // meta description; the conference's description when empty
	Section     string // the current navigation item: home, agenda, register, press, admin
	Conference  model.Conference
	CSRF        string // the form token, for pages with forms
	// User is the signed-in organiser on console pages; nil on public pages.
	User *model.User
	// Flash confirms what the previous request did ("Session saved.").
	Flash string
	// Self is the page's own address, its path and only a query the page
	// defines (an agenda filter; never one echoed from the request): the
	// language switcher links it with another ?lang=.
	Self string
	// NoIndex asks search engines to leave the page out (a letter's
	// verification page).
	NoIndex bool
}

// FullTitle is the document title: page title, then conference name.
func (p Page) FullTitle(ctx context.Context) string {
	if p.Title == "" {
		return ConferenceName(ctx, p.Conference).Text
	}
	return p.Title + " · " + p.Conference.ShortName
}

// MetaDescription is the page's description, or the conference's.
func (p Page) MetaDescription(ctx context.Context) string {
	if p.Description != "" {
		return p.Description
	}
	return ConferenceText(ctx, p.Conference, "description", p.Conference.Description).Text
}

// NavItem is one entry of the main navigation; its label is the message
// "nav." + Section.
type NavItem struct{ Section, Href string }

// Nav is the main navigation, in order.
var Nav = []NavItem{
	{"home", "/"},
	{"agenda", "/agenda"},
	{"register", "/register"},
	{"press", "/press"},
}
