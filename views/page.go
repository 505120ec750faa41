// Package views holds the templ components shared by every area of the
// site: the layout, error pages and small parts. Pages per area live in
// views/public, views/press and views/admin. Views never query the
// database; handlers pass them everything they show.
package views

import (
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
}

// FullTitle is the document title: page title, then conference name.
func (p Page) FullTitle() string {
	if p.Title == "" {
		return p.Conference.Name
	}
	return p.Title + " · " + p.Conference.ShortName
}

// MetaDescription is the page's description, or the conference's.
func (p Page) MetaDescription() string {
	if p.Description != "" {
		return p.Description
	}
	return p.Conference.Description
}

// NavItem is one entry of the main navigation.
type NavItem struct{ Section, Label, Href string }

// Nav is the main navigation, in order.
var Nav = []NavItem{
	{"home", "Home", "/"},
	{"agenda", "Agenda", "/agenda"},
	{"register", "Register", "/register"},
	{"press", "Press", "/press"},
}
